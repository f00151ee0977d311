"""Worker processes, for ``zjtext process`` and ``zjtext run`` alike: one pool, one watchdog, one stop.

* :func:`make_pool`: a process pool whose workers are forked (on Linux) from a parent that has
  already loaded what they need, so each starts ready and shares those pages;
* :func:`watch_parent`: a worker ends when its parent dies, even by ``kill -9`` (Linux:
  ``PR_SET_PDEATHSIG``; with clean-up to do, or elsewhere, a thread watching the parent's pid);
* :func:`stop_workers`: Ctrl-C ends the workers now (asked first when they have clean-up to do);
* :func:`run_tasks`: tasks in the pool (or here, one after the other), each result handed over as
  soon as it is ready, whatever the order they finish in.
"""
from __future__ import annotations

import os
import signal
import sys
import threading
from typing import TYPE_CHECKING, Any, Callable, Sequence

if TYPE_CHECKING:  # the pool's modules (multiprocessing …) are imported when a pool is made
    from concurrent.futures import ProcessPoolExecutor

#: How often a watching thread looks for its parent (seconds).
WATCH_INTERVAL = 0.2


def make_pool(jobs: int, initializer: Callable | None = None, initargs: tuple = ()) -> ProcessPoolExecutor:
    """A pool of ``jobs`` worker processes, forked on Linux (elsewhere the platform's default start)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork") if sys.platform.startswith("linux") else None
    return ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=initializer, initargs=initargs)


def watch_parent(parent: int, on_gone: Callable[[], Any] | None = None) -> None:
    """End this process when ``parent`` dies: ``on_gone()`` is called (it must end the process; the
    default ends it at once). Without ``on_gone`` on Linux the kernel kills it (``PR_SET_PDEATHSIG``)."""
    if on_gone is None and sys.platform.startswith("linux"):
        try:
            import ctypes

            if ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGKILL), 0, 0, 0) == 0:  # PR_SET_PDEATHSIG
                if os.getppid() != parent:  # the parent died before prctl
                    os._exit(1)
                return
        except (OSError, AttributeError):
            pass
    end = on_gone or (lambda: os._exit(1))

    def watch() -> None:
        while os.getppid() == parent:
            threading.Event().wait(WATCH_INTERVAL)
        end()

    threading.Thread(target=watch, name="zjtext-parent-watch", daemon=True).start()


def stop_workers(pool: ProcessPoolExecutor | None, grace: float = 0.0) -> None:
    """End a pool's workers now: asked (SIGTERM) and given ``grace`` seconds when ``grace`` > 0, then
    killed; waited for. The executor has no public way to do this."""
    if pool is None:
        return
    procs = list((getattr(pool, "_processes", None) or {}).values())
    for proc in procs:
        try:
            proc.terminate() if grace > 0 else proc.kill()
        except (OSError, ValueError, AttributeError):
            pass
    for proc in procs:
        try:
            proc.join(grace if grace > 0 else 5)
            if proc.is_alive():
                proc.kill()
                proc.join(5)
        except (OSError, ValueError, AttributeError, AssertionError):
            pass
    pool.shutdown(wait=False, cancel_futures=True)


def limit_malloc_arenas(arenas: int = 2) -> None:
    """Let this process (and the workers it forks) use at most ``arenas`` malloc arenas (glibc).

    glibc gives threads that allocate their own arenas, up to eight per core; a worker that makes each
    report's pages in a thread then leaves freed memory scattered over many arenas, and its resident
    size grew by about 10 MB with every report it ran (measured over five reports: 232 → 276 MB;
    with two arenas it stays at about 236 MB). No effect off glibc."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        ctypes.CDLL(None).mallopt(-8, arenas)  # M_ARENA_MAX
    except (OSError, AttributeError):
        pass


def run_tasks(fn: Callable[[Any], Any], tasks: Sequence[Any], pool: ProcessPoolExecutor | None,
              on_done: Callable[[int, Any], None], on_error: Callable[[int, BaseException], Any]) -> list:
    """``fn(task)`` for every task, in ``pool`` (submitted in the order given) or here when None;
    ``on_done(i, result)`` is called as each finishes. A task whose worker died gets ``on_error(i, err)``
    as its result. Returns the results in the order of ``tasks``."""
    results: list = [None] * len(tasks)
    if pool is None:
        for i, task in enumerate(tasks):
            results[i] = fn(task)
            on_done(i, results[i])
        return results
    from concurrent.futures import FIRST_COMPLETED, wait

    pending = {pool.submit(fn, task): i for i, task in enumerate(tasks)}
    while pending:
        finished, _ = wait(pending, return_when=FIRST_COMPLETED)
        for future in sorted(finished, key=pending.get):
            i = pending.pop(future)
            try:
                results[i] = future.result()
            except Exception as err:  # a worker that died (killed, out of memory)
                results[i] = on_error(i, err)
            on_done(i, results[i])
    return results
