"""A run's pages: exporting executed notebooks to HTML, and making them while the kernels work.

The exporter and its templates are made once per process (:func:`make_exporter`; ``zjtext run``
makes them before its workers are forked, so every worker starts with them). A page is sanitised,
its tables polished and the Chinese font subset it needs embedded (:mod:`zjtext.site.html`).
"""
from __future__ import annotations

import functools
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Callable

from ..store import write_text
from .html import NBCONVERT_TEMPLATE, TEMPLATES, finish_page, with_font, without_font


class Pager:
    """Makes a report's pages in a thread of their own while the kernels work (the process mostly
    waits on its kernels). Pages added before :meth:`start` wait: until then the kernels use every
    processor; from then on (the charts kernel runs alone) a processor is free."""

    def __init__(self, exporter=None, with_code: bool = False):
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="zjtext-pages")
        self._exporter, self._with_code = exporter, with_code
        self._held: list[tuple[Path, Callable[[], str]]] = []
        self._jobs: dict[Path, Future] = {}
        self._started = False

    def exporter(self):
        """The run's HTML exporter (made on first use, in the pager's one thread)."""
        if self._exporter is None:
            self._exporter = make_exporter(self._with_code)
        return self._exporter

    def add(self, page: Path, make: Callable[[], str]) -> None:
        """Make the text of ``page`` with ``make()`` (now, or at :meth:`start`)."""
        if self._started:
            self._jobs[page] = self._pool.submit(make)
        else:
            self._held.append((page, make))

    def start(self) -> None:
        self._started = True
        for page, make in self._held:
            self._jobs[page] = self._pool.submit(make)
        self._held = []

    def pages(self) -> dict[Path, str]:
        """Every page's text, once all are made (a page's error is raised here)."""
        self.start()
        return {page: job.result() for page, job in self._jobs.items()}

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


def notebook_page(executed: Path, exporter: Callable, title: str, nav) -> str:
    """An executed notebook's finished page (exported, sanitised; its font comes with the report's other
    pages: :func:`zjtext.site.html.with_font`); ``exporter()`` gives the exporter."""
    return finish_page(export_html(executed, exporter(), title, nav))


@functools.lru_cache(maxsize=2)
def make_exporter(with_code: bool = False):
    """One HTML exporter for a whole run (made once per process: workers are forked with it), zjtext
    template, embedded images, sanitised outputs."""
    import logging

    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        template_name=NBCONVERT_TEMPLATE, extra_template_basedirs=[str(TEMPLATES)], extra_template_paths=[str(TEMPLATES)],
        exclude_input=not with_code, exclude_input_prompt=True, exclude_output_prompt=True,
    )
    exporter.language_code = "zh-CN"
    exporter.log.setLevel(logging.ERROR)  # images get their alt text from their headings (htmlpage)
    return exporter


def export_html(notebook: Path, exporter, title: str, nav) -> str:
    """Export an executed notebook to the text of one self-contained HTML page."""
    import nbformat

    nb = nbformat.read(str(notebook), as_version=4)
    nb.metadata["title"] = title
    for cell in nb.cells:  # papermill's bookkeeping is not for readers
        tags = cell.metadata.get("tags", [])
        if "injected-parameters" in tags or "parameters" in tags:
            cell.metadata.setdefault("transient", {})["remove_source"] = True
        if "injected-parameters" in tags:
            cell.id = "injected-parameters"  # papermill gives it a random id: the page would differ run to run
    body, _ = exporter.from_notebook_node(nb, resources={"zjtext_nav": nav, "metadata": {"name": title}})
    return body


def write_pages(pages: dict[Path, str]) -> list[Path]:
    """Sanitise every page, polish its tables, embed the CJK font subset they need, and write them
    atomically. A page already written as it would be again (the run's index when nothing changed) is
    kept as it is: its font is not cut again."""
    finished = {path: finish_page(text) for path, text in pages.items()}
    changed = {path: text for path, text in finished.items() if not _written_as(path, text)}
    written = {path: write_text(text, path) for path, text in with_font(changed).items()} if changed else {}
    return [written.get(path, path) for path in finished]


def _written_as(path: Path, finished: str) -> bool:
    try:
        return without_font(Path(path).read_text(encoding="utf-8")) == finished
    except (OSError, UnicodeDecodeError):
        return False
