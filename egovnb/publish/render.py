"""Rendering a province-year's report: Papermill runs the notebook, nbconvert writes HTML and PDF.

Stages: check the inputs (the same checks as ``egovnb validate``) → execute
the report notebook with Papermill in this process → scrub run-specific
metadata (timings, paths) → nbconvert to one self-contained HTML page (no
code, no scripts, images inline) → optionally PDF through WeasyPrint behind
an nbconvert exporter of ours. Everything is written to a staging folder under
``reports/`` and moved into ``reports/<province-slug>/<year>/`` only when every
step succeeded, so a failed run leaves the previous report as it was.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from nbconvert.exporters import HTMLExporter
from traitlets import default
from traitlets.config import Config

from egovnb import __version__
from egovnb.core.errors import RunError
from egovnb.insight.checks import checked

PACKAGE = Path(__file__).resolve().parent
# The report notebooks live in the repository's notebooks/ folder (committed executed, tested
# with nbval); batch hashes them to know when a report must be re-rendered.
NOTEBOOKS = PACKAGE.parent.parent / "notebooks"
REPORT_NOTEBOOK = NOTEBOOKS / "01-report.ipynb"
REPORT_NOTEBOOKS = (REPORT_NOTEBOOK,)
TEMPLATES = PACKAGE / "templates"
TEMPLATE = "egovnb"
KERNEL = "python3"
# Cells left out of the published page: Papermill's injected parameters (a random cell id),
# the default parameters, and notes meant for readers of the notebook only.
REMOVED_TAGS = ("injected-parameters", "parameters", "notebook-only")
CELL_TIMEOUT = 600  # seconds; a cell running longer than this is reported as failed


@dataclass(frozen=True)
class ReportPaths:
    """Where one province-year's report goes: ``reports/<province-slug>/<year>/<slug>-<year>.*``."""

    folder: Path
    notebook: Path
    html: Path
    pdf: Path


def report_paths(params, reports_root: Path = Path("reports")) -> ReportPaths:
    """The report files of ``params`` under ``reports_root``; raises RunError if they would
    fall outside it (a slug or year that is not a plain name)."""
    root = Path(reports_root).resolve()
    slug, year = params.province_slug, str(params.year)
    folder = (root / slug / year).resolve()
    if not (slug and year.isdigit() and folder.is_relative_to(root) and folder != root
            and folder.parent.parent == root):
        raise RunError(f"the report folder for '{params.province}' {params.year} would be outside {root}")
    stem = f"{slug}-{year}"
    return ReportPaths(folder=folder, notebook=folder / f"{stem}.ipynb", html=folder / f"{stem}.html",
                       pdf=folder / f"{stem}.pdf")


class ReportHTMLExporter(HTMLExporter):
    """nbconvert exporter of the report page: egovnb's template, no code, no prompts, no
    parameter cells; one self-contained HTML file (``--to egovnb_html``)."""

    export_from_notebook = "egovnb report (HTML)"

    @default("template_name")
    def _template_name_default(self):
        return TEMPLATE

    @default("extra_template_basedirs")
    def _extra_template_basedirs_default(self):
        return [str(TEMPLATES)]

    @default("exclude_input")
    def _exclude_input_default(self):
        return True

    @default("exclude_input_prompt")
    def _exclude_input_prompt_default(self):
        return True

    @default("exclude_output_prompt")
    def _exclude_output_prompt_default(self):
        return True

    @property
    def default_config(self):
        config = super().default_config
        config.merge(Config({"TagRemovePreprocessor": {"enabled": True, "remove_cell_tags": set(REMOVED_TAGS)}}))
        return config


class ReportPDFExporter(ReportHTMLExporter):
    """nbconvert exporter of the report as an A4 PDF: the report page printed by WeasyPrint
    (``--to egovnb_pdf``). Needs no browser; WeasyPrint uses the system's Pango."""

    export_from_notebook = "egovnb report (PDF)"
    output_mimetype = "application/pdf"

    @default("file_extension")
    def _file_extension_default(self):
        return ".pdf"

    @default("template_extension")
    def _template_extension_default(self):
        return ".html.j2"  # the page is the HTML report's, printed

    def from_notebook_node(self, nb, resources=None, **kw):
        html, resources = super().from_notebook_node(nb, resources, **kw)
        resources["output_extension"] = ".pdf"
        return html_to_pdf(html), resources


def html_to_pdf(html: str) -> bytes:
    """An A4 PDF of a report page. Only ``data:`` URLs are loaded: the page is self-contained,
    and a PDF must never depend on (or call) another host."""
    import weasyprint

    try:
        from weasyprint.urls import URLFetcher

        fetcher = URLFetcher(allowed_protocols={"data"})
    except ImportError:  # WeasyPrint < 66 takes a plain function
        def fetcher(url, *args, **kwargs):
            if not url.startswith("data:"):
                raise ValueError(f"not loading {url}: the report is self-contained")
            return weasyprint.default_url_fetcher(url, *args, **kwargs)

    # WeasyPrint logs every CSS property it does not support; they are not errors.
    logger = logging.getLogger("weasyprint")
    level = logger.level
    logger.setLevel(logging.ERROR)
    # Without HarfBuzz's subsetter WeasyPrint subsets fonts with fontTools, which stamps each
    # embedded font with the time of writing unless SOURCE_DATE_EPOCH is set: fix that time
    # (the user's SOURCE_DATE_EPOCH when given) so the same page gives the same PDF bytes.
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = epoch if epoch and epoch.isdigit() else "315532800"  # 1980-01-01
    try:
        return weasyprint.HTML(string=html, base_url=None, url_fetcher=fetcher).write_pdf()
    finally:
        logger.setLevel(level)
        if epoch is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = epoch


def execute(notebook: Path, params_path: Path):
    """Run ``notebook`` with Papermill for the params file ``params_path``; return the executed
    notebook. The kernel runs in the params file's folder and is given the file's name only,
    so no absolute path of this machine ends up in the notebook. Raises RunError naming the
    failing cell and its error."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    params_path = Path(params_path).resolve()
    try:
        return papermill.execute_notebook(
            str(notebook), None, parameters={"params": params_path.name}, cwd=str(params_path.parent),
            kernel_name=KERNEL, progress_bar=False, log_output=False, request_save_on_cell_execute=False,
            execution_timeout=CELL_TIMEOUT,
            # ipykernel warns on stderr that local TCP is unencrypted; it says nothing about the report.
            extra_arguments=["--IPKernelApp.log_level=CRITICAL"],
        )
    except PapermillExecutionError as error:
        raise RunError(cell_failure(notebook, error.exec_count, error.source, error.ename, error.evalue)) from None
    except Exception as error:  # a kernel that died or never started, a timeout
        raise RunError(f"{notebook.name}: the notebook could not be run: {type(error).__name__}: {error}") from None


def cell_failure(notebook: Path, exec_count, source: str, ename: str, evalue: str) -> str:
    """One readable message for a failed cell: which notebook and cell, the cell's first code
    line, and the error (the kernel's traceback is left in the executed notebook)."""
    lines = [line for line in (source or "").splitlines() if line.strip() and not line.lstrip().startswith("#")]
    first = lines[0].strip() if lines else ""
    if len(first) > 80:
        first = first[:77] + "..."
    cell = f"cell [{exec_count}]" if exec_count else "a cell"
    where = f"{Path(notebook).name}, {cell} ({first})" if first else f"{Path(notebook).name}, {cell}"
    message = (evalue or "").strip()
    return f"{where} failed: {ename}: {message}" if message else f"{where} failed: {ename}"


def scrub(nb, title: str, language: str):
    """Remove what differs from run to run (timings, Papermill's paths, execution metadata)
    and set the page title, so the same inputs give the same notebook and HTML bytes."""
    papermill_meta = nb.metadata.get("papermill", {})
    nb.metadata["papermill"] = {key: papermill_meta[key] for key in ("parameters", "default_parameters", "version")
                                if key in papermill_meta}
    nb.metadata["title"] = title
    nb.metadata["egovnb"] = {"version": __version__, "language": language}
    for cell in nb.cells:
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell.id = "injected-parameters"  # Papermill gives it a random id
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
    return nb


def run_report(params_path: str | Path, *, reports_root: Path = Path("reports"), pdf: bool = False) -> Path:
    """Render the report of one province-year; return the path of its HTML file.

    Writes ``<slug>-<year>.ipynb`` (the executed notebook), ``.html`` and, with
    ``pdf``, ``.pdf`` into ``reports_root/<province-slug>/<year>/``, all at once
    on success. Raises InputError for bad inputs (every problem named) and
    RunError when the notebook or a converter fails; either way the previous
    report is left untouched. Callable many times from one process.
    """
    from concurrent.futures import ThreadPoolExecutor

    import nbformat

    params_path = Path(params_path).resolve()
    root = Path(reports_root).resolve()
    if not params_path.is_file():
        _check_inputs(params_path)  # raises InputError naming the file
    # The inputs are checked while the kernel starts and runs: the check (pandas, the data)
    # then costs no time of its own. Bad inputs are reported as such, not as a failed cell.
    with ThreadPoolExecutor(max_workers=1) as pool:
        checking = pool.submit(_check_inputs, params_path)
        try:
            nb = execute(REPORT_NOTEBOOK, params_path)
        except RunError:
            checking.result()
            raise
        params = checking.result()
    paths = report_paths(params, root)
    root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=root))
    try:
        scrub(nb, f"{params.title} — {params.province}", params.language)
        outputs = {paths.notebook: nbformat.writes(nb).encode("utf-8") + b"\n"}
        try:
            html, _ = ReportHTMLExporter().from_notebook_node(nb)
            outputs[paths.html] = html.encode("utf-8")
            if pdf:
                outputs[paths.pdf] = html_to_pdf(html)
        except Exception as error:
            raise RunError(f"{params.path.name}: converting the executed notebook failed: "
                           f"{type(error).__name__}: {error}") from None
        for target, content in outputs.items():
            (staging / target.name).write_bytes(content)
        _publish(staging, paths, list(outputs))
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return paths.html


def _check_inputs(params_path: Path):
    """The checks of ``egovnb validate`` (:func:`egovnb.insight.checks.check`) on what the report
    reads. Returns the Params; raises InputError naming every problem."""
    return checked(params_path).params


def _publish(staging: Path, paths: ReportPaths, targets: list[Path]) -> None:
    """Move every staged file into the report folder (each move atomic, same file system);
    a PDF from an earlier run is removed when this run made none, so it never disagrees
    with the HTML beside it."""
    paths.folder.mkdir(parents=True, exist_ok=True)
    for target in targets:
        os.replace(staging / target.name, target)
    if paths.pdf not in targets and paths.pdf.exists():
        paths.pdf.unlink()


def refresh_notebook(notebook: Path = REPORT_NOTEBOOK) -> Path:
    """Execute a report notebook in place against its default parameters (the cell tagged
    ``parameters``), as it is committed and checked by nbval; timings are left out so an
    unchanged result gives an unchanged file. Run ``python -m egovnb.render`` after changing
    the notebook, the package's output, or the default params' data."""
    import nbformat
    from nbclient import NotebookClient

    notebook = Path(notebook).resolve()
    nb = nbformat.read(notebook, as_version=4)
    client = NotebookClient(nb, kernel_name=KERNEL, timeout=CELL_TIMEOUT, record_timing=False,
                            resources={"metadata": {"path": str(notebook.parent)}},
                            extra_arguments=["--IPKernelApp.log_level=CRITICAL"])
    client.execute()
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    nb.metadata.pop("widgets", None)
    nbformat.write(nb, notebook)
    return notebook


if __name__ == "__main__":
    for path in REPORT_NOTEBOOKS:
        print(refresh_notebook(path))
