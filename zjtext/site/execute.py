"""Executing one notebook: papermill, a private kernel, a fixed environment, no trace of the machine.

The notebooks ship with the package (``zjtext/notebooks/*.py``, jupytext percent format; the
``notebooks/*.ipynb`` of a checkout are their paired copies with outputs). Each is executed by
papermill in a kernel that

* talks over IPC sockets in a private temporary folder of the run (:class:`Workspace`; nothing on
  the network, nothing left in ``/tmp`` when the run ends; TCP on the loopback when ``TMPDIR`` is too
  long for a socket path),
* draws charts inline whatever ``MPLBACKEND`` says, and keeps matplotlib's font cache in zjtext's
  cache folder (:func:`zjtext.paths.cache_dir`) and IPython's files in the run's temporary folder,
* ends when the process that started it dies (ipykernel watches ``JPY_PARENT_PID``), and is killed at
  once by :meth:`Workspace.kill_kernels` when a run is interrupted.

The executed notebook records no machine path and no time (:func:`scrub`).

>>> notebook_names()[:3]
['01-load-and-segment', '02-keyword-frequency', '03-metric-extraction']
"""
from __future__ import annotations

import functools
import itertools
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from importlib import resources
from pathlib import Path
from typing import Iterable, Sequence

from ..notebook import INLINE_BACKEND
from ..paths import cache_dir
from ..process import digest
from ..workers import watch_parent

#: Environment of every kernel: what the pages look like must not depend on the user's environment.
#: (Two malloc arenas: a kernel kept for many reports does not grow from one to the next.)
KERNEL_ENV = {"MPLBACKEND": INLINE_BACKEND, "PYDEVD_DISABLE_FILE_VALIDATION": "1", "MALLOC_ARENA_MAX": "2"}


def _notebook_files() -> dict[str, object]:
    folder = resources.files("zjtext") / "notebooks"
    return {f.name[:-3]: f for f in sorted(folder.iterdir(), key=lambda f: f.name)
            if f.name.endswith(".py") and f.name[:2].isdigit()}


def notebook_names() -> list[str]:
    """The notebooks shipped with the package, in order."""
    return list(_notebook_files())


def notebook_text(name: str) -> str:
    """The source of one notebook (jupytext percent format)."""
    return _notebook_files()[name].read_text(encoding="utf-8")


def read_notebook(name: str):
    """One notebook as an nbformat node, ready for papermill (a copy of the one parsed for this process:
    a worker parses each notebook once, not once per report)."""
    import copy

    return copy.deepcopy(_parsed_notebook(notebook_text(name)))


@functools.lru_cache(maxsize=16)
def _parsed_notebook(text: str):
    import jupytext

    nb = jupytext.reads(text, fmt="py:percent")
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata.pop("jupytext", None)
    for i, cell in enumerate(nb.cells):  # stable ids: the exported pages are the same bytes on every run
        cell.id = f"c{i:02d}"
    return nb


def notebooks_digest() -> str:
    """What the notebooks are: changes when any notebook's text changes."""
    return digest(itertools.chain.from_iterable((n, notebook_text(n)) for n in notebook_names()))


# ---------------------------------------------------------------- the run's private folder and kernels

class Workspace:
    """A run's private temporary folder: kernel sockets and connection files, IPython's files, and the
    ids of the kernels alive (one file each, so the parent can kill the kernels of its workers)."""

    def __init__(self, root: Path | None = None):
        self.root = Path(root) if root else Path(tempfile.mkdtemp(prefix="zjtext-kernel-"))
        (self.root / "pids").mkdir(exist_ok=True)

    def kernel_dir(self) -> Path:
        return Path(tempfile.mkdtemp(prefix="k", dir=self.root))  # short: socket paths are limited

    def add_kernel(self, pid: int) -> None:
        (self.root / "pids" / str(pid)).touch()

    def drop_kernel(self, pid: int) -> None:
        (self.root / "pids" / str(pid)).unlink(missing_ok=True)

    def kill_kernels(self) -> None:
        """Kill every kernel still alive (each leads its own process group)."""
        try:
            pids = [int(p.name) for p in (self.root / "pids").iterdir()]
        except OSError:
            return
        for pid in pids:
            for kill in (os.killpg, os.kill):
                try:
                    kill(pid, signal.SIGKILL)
                    break
                except OSError:
                    continue

    def close(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


_WORKSPACE: Workspace | None = None


def workspace() -> Workspace:
    """The workspace of the run this process takes part in (one is made if none was set)."""
    global _WORKSPACE
    if _WORKSPACE is None:
        _WORKSPACE = Workspace()
    return _WORKSPACE


def set_workspace(ws: Workspace | None) -> None:
    global _WORKSPACE
    _WORKSPACE = ws


_MAX_SOCKET_PATH = 100


def _kernel_manager_class(kernel_dir: Path):
    """A kernel manager whose kernel uses IPC sockets and files in ``kernel_dir`` and runs in
    :data:`KERNEL_ENV`; its process id is registered in the workspace while it lives."""
    from jupyter_client.manager import AsyncKernelManager
    from traitlets import default

    ws = workspace()

    # A Unix socket path holds at most ~107 bytes: with a long TMPDIR, TCP on the loopback instead
    ipc = len(str(kernel_dir / "kernel-00").encode()) <= _MAX_SOCKET_PATH

    class ZjtextKernelManager(AsyncKernelManager):
        @default("transport")
        def _transport_default(self):
            return "ipc" if ipc else "tcp"

        @default("ip")
        def _ip_default(self):
            return str(kernel_dir / "kernel") if ipc else "127.0.0.1"

        @default("connection_file")
        def _connection_file_default(self):
            return str(kernel_dir / "kernel.json")

        def client(self, **kw):
            """A client for the kernel, remembered so that :func:`execute` can close it after its notebook
            (papermill leaves the client of a kernel it did not start open: on a kernel kept for many
            notebooks every old client would go on receiving, and holding, the kernel's outputs)."""
            kc = super().client(**kw)
            self.__dict__.setdefault("_zjtext_clients", []).append(kc)
            return kc

        async def _async_launch_kernel(self, kernel_cmd, **kw):
            env = dict(kw.get("env") or os.environ)
            env.update(KERNEL_ENV, MPLCONFIGDIR=str(cache_dir() / "matplotlib"), IPYTHONDIR=str(kernel_dir / "ipython"))
            kw["env"] = env
            if not os.environ.get("ZJTEXT_DEBUG"):  # a kernel killed mid-work must not print on the user's terminal
                kw.setdefault("stderr", subprocess.DEVNULL)
            await super()._async_launch_kernel(kernel_cmd, **kw)
            pid = getattr(self.provisioner, "pid", None)
            if pid:
                ws.add_kernel(pid)
                self._zjtext_pid = pid

    return ZjtextKernelManager


def import_lines(names: Iterable[str]) -> list[str]:
    """The top-level import statements of notebooks ``names``, in order, each once.

    >>> "from zjtext import charts" in import_lines(["04-charts"])
    True
    """
    import ast

    lines: list[str] = []
    for name in names:
        try:
            tree = ast.parse(notebook_text(name))  # percent format: markdown cells and markers are comments
        except SyntaxError:
            continue
        lines += [ast.unparse(node) for node in tree.body if isinstance(node, (ast.Import, ast.ImportFrom))]
    return list(dict.fromkeys(lines))


#: The kernels' speed tricks, switched here and nowhere else (``bench/kernel_tricks_bench.py`` records
#: what each buys): ``imports``, a kernel runs its notebooks' imports (and the chart set-up) while it
#: starts; ``freeze``, what they loaded is then frozen (``gc.freeze``), out of the garbage collector's way.
TRICKS = {"imports": True, "freeze": True}


def _preload_code(lines: Sequence[str]) -> str:
    """Code that runs ``lines`` (import statements) one by one, in a namespace of their own, and
    ignores any that fails (the notebook will say so itself); then (``TRICKS["freeze"]``) moves what
    they loaded out of the garbage collector's way."""
    return (f"def _zjtext_preload(lines):\n    for line in lines:\n        try:\n            exec(line, {{}})\n"
            f"        except Exception:\n            pass\n_zjtext_preload({list(lines)!r})\ndel _zjtext_preload\n"
            + ("import gc; gc.freeze(); del gc" if TRICKS["freeze"] else ""))  # the notebook's collections skip it


class Kernel:
    """One kernel for several notebooks (a report's 01–03): started once in ``cwd``, its namespace
    reset before each notebook, so every notebook starts empty but imports are paid once.

    ``preload``: import statements the kernel runs while it starts (the imports of the notebooks it
    will run): :meth:`start_kernel` does not wait for them, so they overlap with other work."""

    def __init__(self, cwd: Path, preload: Sequence[str] = ()):
        from jupyter_core.utils import run_sync

        self._run_sync = run_sync
        self.dir = workspace().kernel_dir()
        self.km = _kernel_manager_class(self.dir)(kernel_name="python3")
        self.used = False  # whether a notebook has run here (the next one starts with a reset)
        self.cwd = Path(cwd)  # the kernel's working directory (a notebook in another one starts with a chdir)
        args = ["--IPKernelApp.log_level=CRITICAL"]
        if preload and TRICKS["imports"]:  # run by IPython before the kernel answers: the first notebook waits for them
            args.append(f"--IPKernelApp.exec_lines={_preload_code(preload)}")
        run_sync(self.km.start_kernel)(cwd=str(cwd), extra_arguments=args)

    def close(self) -> None:
        try:
            self._run_sync(self.km.shutdown_kernel)(now=True)
        finally:
            self.forget()

    def forget(self) -> None:
        """Drop the (shut down) kernel from the workspace and remove its folder."""
        pid = getattr(self.km, "_zjtext_pid", None)
        if pid:
            workspace().drop_kernel(pid)
        shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self) -> "Kernel":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


#: Run in every kernel while it starts: what each notebook's ``setup()`` loads (pyplot, inline charts).
SETUP_PRELOAD = "from zjtext.notebook import setup; setup(); del setup"
#: Run in a chart notebook's kernel while it starts: what drawing and saving the first chart would load.
CHARTS_PRELOAD = "from zjtext.notebook import preload_charts; preload_charts(); del preload_charts"


def draws_charts(name: str) -> bool:
    """Whether notebook ``name`` draws charts (it imports ``zjtext.charts``).

    >>> draws_charts("04-charts"), draws_charts("01-load-and-segment")
    (True, False)
    """
    return any(line.startswith(("from zjtext import charts", "import zjtext.charts", "from zjtext.charts "))
               for line in import_lines([name]))


class ReportKernels:
    """The kernels of one report's notebooks: the notebooks that draw charts run in a kernel of their
    own, started at once and loading the chart stack while the other kernel runs the notebooks before
    them (on a machine with two or more processors that work is then off the clock). Each kernel
    preloads the imports of its notebooks. Notebooks still run one after the other, in order."""

    def __init__(self, cwd: Path, names: Sequence[str]):
        charts = [n for n in names if draws_charts(n)] if len(names) > 1 else []
        groups = [g for g in ([n for n in names if n not in charts], charts) if g]
        self._kernels: list[Kernel] = []
        self._by_name: dict[str, Kernel] = {}
        try:
            for group in groups:
                kernel = Kernel(cwd, [*import_lines(group), SETUP_PRELOAD, *([CHARTS_PRELOAD] if group is charts else [])])
                self._kernels.append(kernel)
                self._by_name.update(dict.fromkeys(group, kernel))
        except BaseException:
            self.close()
            raise

    def __getitem__(self, name: str) -> Kernel:
        return self._by_name[name]

    def alive(self) -> bool:
        """Whether every kernel still runs (one that died is not reused)."""
        from jupyter_core.utils import run_sync

        try:
            return bool(self._kernels) and all(run_sync(k.km.is_alive)() for k in self._kernels)
        except Exception:
            return False

    def draws_charts(self, name: str) -> bool:
        """Whether ``name`` runs in the chart kernel (another than the first)."""
        return len(self._kernels) > 1 and self._by_name[name] is not self._kernels[0]

    def close(self) -> None:
        """Shut every kernel down, all at once (each is killed even when another fails to stop)."""
        import asyncio

        from jupyter_core.utils import run_sync

        kernels, self._kernels = self._kernels, []

        async def shutdown():
            return await asyncio.gather(*(k.km.shutdown_kernel(now=True) for k in kernels), return_exceptions=True)

        try:
            outcomes = run_sync(shutdown)() if kernels else []
        finally:
            for kernel in kernels:
                kernel.forget()
        errors = [o for o in outcomes if isinstance(o, BaseException)]
        if errors:
            raise errors[0]

    def __enter__(self) -> "ReportKernels":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


#: Kernels this process keeps across the reports it runs, by the notebooks they run (see :func:`kept_kernels`).
_KEPT: dict[tuple[str, ...], ReportKernels] = {}


def kept_kernels(cwd: Path, names: Sequence[str]) -> ReportKernels:
    """The kernels for notebooks ``names``, kept by this process across the reports it runs: started
    (in ``cwd``) for its first report only, so the imports, the font and matplotlib's set-up are paid
    once per process, not once per report. Each notebook still starts in an empty namespace, in its
    report's folder, with no figure open (:func:`execute`): the pages are the same bytes as a fresh
    kernel's (``tests/test_pipeline.py`` checks it). A kernel that died is replaced."""
    key = tuple(names)
    kernels = _KEPT.get(key)
    if kernels is not None and not kernels.alive():
        close_kept_kernels()
        kernels = None
    if kernels is None:
        kernels = _KEPT[key] = ReportKernels(cwd, names)
    return kernels


def close_kept_kernels() -> None:
    """Shut down the kernels this process keeps (at the end of a run, in a worker when it exits, and
    after a notebook failed: a kernel in an unknown state is not reused)."""
    kept = list(_KEPT.values())
    _KEPT.clear()
    for kernels in kept:
        try:
            kernels.close()
        except Exception:
            pass


_RESET_TAG = "zjtext-reset"


def _reset_code(cwd: Path, reset: bool) -> str:
    """The hidden first cell of a notebook in a kernel that ran another one before, or started in another
    folder: an empty namespace, no figure left open, the notebook's own working directory. The executed
    notebook drops it again (:func:`scrub`)."""
    return (("%reset -f\n" if reset else "") + "import os as _os, sys as _sys\n"
            f"_os.chdir({str(cwd)!r})\n"
            "if 'matplotlib.pyplot' in _sys.modules:\n    _sys.modules['matplotlib.pyplot'].close('all')\n"
            "del _os, _sys")


def execute(name: str, target: Path, parameters: dict, cwd: Path, kernel: Kernel | None = None) -> None:
    """Execute notebook ``name`` with ``parameters`` into ``target``, working directory ``cwd`` (in
    ``kernel`` when given, else in a kernel of its own).

    Raises papermill's error when a cell fails (the executed notebook is written first)."""
    import logging

    import nbformat
    import papermill as pm

    logging.getLogger("papermill").setLevel(logging.ERROR)
    target.parent.mkdir(parents=True, exist_ok=True)
    nb = read_notebook(name)
    if kernel is not None:
        if kernel.used or kernel.cwd != Path(cwd):  # a fresh kernel's namespace is empty (its preload leaves nothing behind)
            code = _reset_code(Path(cwd), kernel.used)
            nb.cells.insert(0, nbformat.v4.new_code_cell(code, metadata={"tags": [_RESET_TAG]}, id="zjtext-reset"))
        kernel.used, kernel.cwd = True, Path(cwd)
        engine = {"km": kernel.km}
    else:
        kernel_dir = workspace().kernel_dir()
        engine = {"kernel_manager_class": _kernel_manager_class(kernel_dir),
                  "extra_arguments": ["--IPKernelApp.log_level=CRITICAL"]}  # no shutdown chatter on the terminal
    ws = workspace()
    before = set(_live(ws))
    try:
        pm.execute_notebook(nb, str(target), parameters=parameters, cwd=str(cwd), progress_bar=False,
                            log_output=False, kernel_name="python3", request_save_on_cell_execute=False, **engine)
    finally:
        if kernel is not None:
            _close_clients(kernel.km)
        if kernel is None:
            for pid in set(_live(ws)) - before:  # the kernel has been shut down by papermill
                ws.drop_kernel(pid)
            shutil.rmtree(kernel_dir, ignore_errors=True)
        if target.exists():
            scrub(target, name)


def _close_clients(km) -> None:
    """Close the clients papermill opened on a kept kernel (see ``ZjtextKernelManager.client``)."""
    clients = km.__dict__.pop("_zjtext_clients", [])
    for kc in clients:
        try:
            kc.stop_channels()
        except Exception:
            pass


def _live(ws: Workspace) -> list[int]:
    try:
        return [int(p.name) for p in (ws.root / "pids").iterdir()]
    except OSError:
        return []


def scrub(path: Path, name: str) -> None:
    """Remove what would differ from machine to machine and run to run: papermill's input and output
    paths (replaced by the notebook's name), times and durations."""
    import nbformat

    from ..store import write_text

    nb = nbformat.read(str(path), as_version=4)
    pm_meta = nb.metadata.get("papermill", {})
    for key in ("start_time", "end_time", "duration"):
        pm_meta.pop(key, None)
    pm_meta["input_path"] = f"zjtext/notebooks/{name}.py"
    pm_meta["output_path"] = f"notebooks/{name}.ipynb"
    pm_meta.pop("environment_variables", None)
    nb.cells = [c for c in nb.cells if _RESET_TAG not in c.metadata.get("tags", [])]
    for cell in nb.cells:
        if cell.get("outputs"):
            cell.outputs = merge_streams(cell.outputs)
    count = 0
    for cell in nb.cells:  # numbered from 1, as in a kernel of its own
        if cell.cell_type == "code" and cell.get("execution_count") is not None:
            count += 1
            cell.execution_count = count
            for out in cell.get("outputs", []):
                if "execution_count" in out:
                    out["execution_count"] = count
    for cell in nb.cells:
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell.id = "injected-parameters"  # papermill gives it a random id
        cell.metadata.pop("execution", None)
        cell.metadata.get("papermill", {}).pop("start_time", None)
        cell.metadata.get("papermill", {}).pop("end_time", None)
        cell.metadata.get("papermill", {}).pop("duration", None)
    write_text(nbformat.writes(nb) + "\n", path)


def merge_streams(outputs: list) -> list:
    """Consecutive prints to one stream as one output: where the kernel cut them depends on timing
    (as nbconvert's ``CoalesceStreamsPreprocessor``, without importing nbconvert here).

    >>> from nbformat.v4 import new_output
    >>> [o.text for o in merge_streams([new_output("stream", name="stdout", text=t) for t in ("a", "b\\n")])]
    ['ab\\n']
    """
    merged: list = []
    for out in outputs:
        last = merged[-1] if merged else None
        if last is not None and out.get("output_type") == last.get("output_type") == "stream" and out.get("name") == last.get("name"):
            last["text"] += out["text"]
        else:
            merged.append(out)
    return merged


# ---------------------------------------------------------------- worker processes

#: Folders being filled by this process (a report's outputs before they are moved into place).
PARTIAL: set[Path] = set()


def remove_partial() -> None:
    """Remove every folder this process was still filling (again when a file appeared in it while
    it was being removed: another thread of the process may still be writing there)."""
    for folder in list(PARTIAL):
        for _ in range(5):
            shutil.rmtree(folder, ignore_errors=True)
            if not folder.exists():
                break
            time.sleep(0.05)
        PARTIAL.discard(folder)


def _stop_worker(*_args, parent_gone: bool = False) -> None:
    """End this worker now: its kernels killed, its partial outputs removed (and the run's temporary
    folder, when the parent is gone and cannot)."""
    try:  # the parent may be removing the same folders at the same moment: no traceback, ever
        if _WORKSPACE is not None:
            _WORKSPACE.kill_kernels()
            if parent_gone:
                _WORKSPACE.close()
        remove_partial()
    except BaseException:
        pass
    finally:
        os._exit(1)


def init_worker(parent_pid: int, root: str) -> None:
    """Initializer of ``zjtext run --jobs N`` workers: Ctrl-C is the parent's to handle; SIGTERM or the
    parent's death ends the worker and its kernels within a second."""
    from multiprocessing.util import Finalize

    set_workspace(Workspace(Path(root)))
    Finalize(None, close_kept_kernels, exitpriority=10)  # a worker that ends normally shuts its kernels down
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _stop_worker)

    watch_parent(parent_pid, lambda: _stop_worker(parent_gone=True))  # its kernels die with it


def skip_slow_imports() -> None:
    """Keep jsonschema from importing ``rfc3987_syntax`` (when installed, it builds a grammar at import
    time: 3-5 s in every process that imports nbformat). nbformat's schema checks no IRI format;
    jsonschema treats the module as absent."""
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)
