"""``egovnb preview PARAMS``: the report page, re-rendered whenever one of its inputs changes.

A :class:`Previewer` renders the province-year as ``egovnb run`` does, into a reports folder of
its own (a temporary one: nothing under ``reports/`` is touched), on a kernel started ahead and
forked from a zygote that made the notebook's imports (:class:`egovnb.publish.warm.KernelPool`):
when a render ends, the next kernel starts at once, so a save finds it ready. The inputs watched
(:func:`watched_files`) are every file the report is made from — params, framework, data,
crosswalk, and those of each previous year (:func:`egovnb.publish.digest.input_files`) — and the
report notebooks; they are read again after each render, since the params may now name others.

What is served is a :class:`Page`: the report, or, while the inputs are wrong, their problems
(file, sheet, row, column), never the last good report as if it were current. The server is
:mod:`egovnb.publish.preview_server`.
"""

from __future__ import annotations

import html
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from egovnb.core.errors import EgovnbError, InputError


@dataclass(frozen=True)
class Page:
    """What the preview shows: ``version`` counts renders; ``body`` is the page's HTML;
    ``ok`` is False when it lists problems; ``seconds`` is what the render took."""

    version: int
    body: str
    ok: bool
    seconds: float


def watched_files(params_path: Path) -> set[Path]:
    """Every file whose change re-renders the preview of ``params_path``: the inputs the report
    records, and the report notebooks and templates."""
    from egovnb.publish.digest import input_files
    from egovnb.publish.notebooks import report_sources

    files = {Path(params_path).resolve()}
    try:
        files |= {Path(path).resolve() for _, path in input_files(Path(params_path))}
    except Exception:  # noqa: BLE001 - unreadable params: the params file alone is watched
        pass
    return files | {Path(p).resolve() for p in report_sources()}


def problems_page(params_path: Path, lines: list[str], title: str) -> str:
    """A plain page listing the problems that keep the report from being rendered."""
    # Sans-serif, not monospace: a monospace fallback font places Vietnamese accents badly.
    items = "\n".join(f"<li>{html.escape(line)}</li>" for line in lines)
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{html.escape(title)} — egovnb preview</title>\n"
            "<style>body{font-family:sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}"
            "h1{color:#a00}li{margin:.4rem 0;white-space:pre-wrap}</style>\n</head>\n<body>\n"
            f'<h1 id="problems">{html.escape(title)}</h1>\n'
            f"<p>{html.escape(str(params_path))}: the report is shown again as soon as these are fixed "
            "(this page reloads itself when a file is saved).</p>\n"
            f'<ul class="problems">\n{items}\n</ul>\n</body>\n</html>\n')


class Previewer:
    """Renders the report of ``params_path`` on demand, a kernel always started ahead."""

    def __init__(self, params_path: Path, *, forked: bool = True):
        from egovnb.publish.notebooks import REPORT_NOTEBOOK

        self.params_path = Path(params_path).resolve()
        self._folder = tempfile.TemporaryDirectory(prefix="egovnb-preview-")
        self.reports_root = Path(self._folder.name)
        self.kernels = _warm_pool(REPORT_NOTEBOOK, self.params_path, forked=forked)
        self.kernels.start_next(self.params_path.parent)
        self.version = 0

    def render(self) -> Page:
        """Render now: the report's page, or the page of its problems."""
        from egovnb.publish.render import run_report

        started = time.perf_counter()
        self.version += 1
        try:
            page = run_report(self.params_path, reports_root=self.reports_root, kernels=self.kernels)
            body, ok = page.read_text(encoding="utf-8"), True
        except InputError as error:
            lines = [str(problem) for problem in error.problems]
            body, ok = problems_page(self.params_path, lines, f"{len(lines)} problem(s) in the inputs"), False
        except EgovnbError as error:
            body, ok = problems_page(self.params_path, [str(error)], "The report could not be rendered"), False
        self.kernels.start_next(self.params_path.parent)  # a no-op unless the last start failed
        return Page(self.version, body, ok, time.perf_counter() - started)

    def close(self) -> None:
        self.kernels.close()
        self._folder.cleanup()


def warm_up_code(notebook: Path, params_path: Path) -> str:
    """Statements that run the report notebook's code once for ``params_path`` in a namespace of
    their own, its displays made but shown nowhere, and leave nothing but what pure functions
    cache (glyph metrics, collation keys, number formats) and the modules imported on first use.
    Run in the zygote, every kernel forked from it then finds them made."""
    import json

    cells = json.loads(Path(notebook).read_text(encoding="utf-8"))["cells"]
    sources = ["".join(c["source"]) for c in cells if c["cell_type"] == "code"
               and "parameters" not in c.get("metadata", {}).get("tags", [])]
    return f"""
def _egovnb_warm_up(sources={sources!r}, params={str(params_path)!r}):
    import IPython.display as shown
    real = shown.display
    def display(*objects, **_):
        for obj in objects:
            for method in ("_repr_mimebundle_", "_repr_html_"):
                if hasattr(obj, method):
                    getattr(obj, method)()
                    break
    shown.display = display
    try:
        namespace = {{"params": params}}
        for source in sources:
            exec(source, namespace)
    except Exception:
        pass
    finally:
        shown.display = real
_egovnb_warm_up()
"""


def _warm_pool(notebook: Path, params_path: Path, *, forked: bool):
    """A kernel pool whose zygote has also run the report once for ``params_path``
    (:func:`warm_up_code`); its kernels make only the notebook's imports as they start."""
    from egovnb.publish.warm import KernelPool

    class WarmPool(KernelPool):
        def zygote(self):
            if self.forked and self._zygote is None:
                imports = self.imports
                self.imports = imports + "\n" + warm_up_code(notebook, params_path)
                try:
                    return super().zygote()
                finally:
                    self.imports = imports
            return self._zygote

    return WarmPool(notebook, forked=forked)


def watch_inputs(params_path: Path, changed: threading.Event, stop: threading.Event) -> None:
    """Set ``changed`` whenever a watched file of ``params_path`` is written, created or
    removed, until ``stop`` is set; the files watched are read again after every change."""
    from watchfiles import watch

    while not stop.is_set():
        files = watched_files(params_path)
        folders = sorted({f.parent for f in files if f.parent.is_dir()})
        names = {str(f) for f in files}
        again = False
        for batch in watch(*folders, stop_event=stop, recursive=False, debounce=50, step=20,
                           watch_filter=lambda _change, path: str(Path(path).resolve()) in names,
                           raise_interrupt=False):
            if batch:
                changed.set()
                again = True
                break  # the params may name other files now
        if not again:
            return
