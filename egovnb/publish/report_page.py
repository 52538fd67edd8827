"""A province-year's report: the report notebook run for its params file, published as HTML (and PDF).

Stages: the kernel runs the report notebook (:mod:`egovnb.publish.kernel`),
which checks the inputs as it assesses them (the checks of ``egovnb validate``;
a failure is reported as the input problems it came from) → scrub run-specific
metadata → the page and PDF (:mod:`egovnb.publish.exporters`) → staged and
moved into ``reports/<province-slug>/<year>/`` only when every file was made
(:mod:`egovnb.publish.staging`), so a failed run leaves the previous report as
it was.
"""

from __future__ import annotations

import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from egovnb.core.errors import RunError
from egovnb.core.yamlio import YamlFile
from egovnb.publish.failed import clear_failed, save_failed, shown
from egovnb.publish.kernel import CellFailure, KernelSession, load_notebook, notebook_imports, parameterized
from egovnb.publish.notebook_params import params_for_folder, relocate_params
from egovnb.publish.notebooks import REPORT_NOTEBOOK
from egovnb.publish.digest import input_files, inputs_signature, pdf_upkeep
from egovnb.publish.folders import claim, province_slug
from egovnb.publish.provenance import Provenance, provenance_of
from egovnb.publish.records import (PARAMS_PATH_FILE, REPORT_RECORD, changed_inputs, params_path_record,
                                    report_digests, report_record, units_upkeep)
from egovnb.publish.staging import replace_folder, staged
from egovnb.publish.trust import sign

if TYPE_CHECKING:
    from egovnb.publish.warm import KernelPool


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
    slug, year = province_slug(params.province, root, plain=params.province_slug), str(params.year)
    folder = (root / slug / year).resolve()
    if not (slug and year.isdigit() and folder.is_relative_to(root) and folder != root
            and folder.parent.parent == root):
        raise RunError(f"the report folder for '{params.province}' {params.year} would be outside {root}")
    stem = f"{slug}-{year}"
    return ReportPaths(folder=folder, notebook=folder / f"{stem}.ipynb", html=folder / f"{stem}.html",
                       pdf=folder / f"{stem}.pdf")


def run_report(params_path: str | Path, *, reports_root: Path = Path("reports"), pdf: bool = False,
               kernels: KernelPool | None = None, source: YamlFile | None = None, docx: bool = False,
               trusted: bool = False, record: Provenance | None = None, quiet: bool = False,
               written_in: tuple[Path, Path] | None = None) -> Path:
    """Render the report of one province-year; return the path of its HTML file.

    Writes ``<slug>-<year>.ipynb`` (the executed notebook), ``.html`` and, with
    ``pdf``, ``.pdf`` into ``reports_root/<province-slug>/<year>/``, all at once
    on success, the folder swapped in whole (with ``docx``, the Word annexes and draft
    decision too); a PDF of an earlier ``pdf`` run is kept while it still matches the inputs,
    else removed with a line on stderr. Raises InputError for bad inputs (every problem named)
    and RunError when the notebook or a converter fails; either way the previous report is
    left untouched (a failed cell's notebook is kept in ``reports/.failed/``). Callable many
    times from one process; a batch worker passes its ``kernels`` so each report finds its
    kernel started.

    The params file is read once in this process (or not at all when the caller passes it,
    read, as ``source``) and once in the kernel, which checks it in full. The inputs are
    hashed before they are read for scoring; the page, notebook and PDF carry that record
    (:mod:`egovnb.publish.provenance`) and the folder's records its hashes
    (:mod:`egovnb.publish.records`). ``record`` (``egovnb verify``) renders as if in the
    environment it names; its inputs must be the ones here. ``trusted``: sign the executed
    notebook for this user (:mod:`egovnb.publish.trust`; ``egovnb run`` does). ``quiet``:
    nothing on stderr. ``written_in`` (``egovnb verify``, rendering elsewhere): the report folder
    and reports folder the notebook is to name its params file from, instead of where it goes.
    """
    params_path = Path(params_path).resolve()
    if not params_path.is_file():
        from egovnb.insight.validation import checked

        checked(params_path)  # raises InputError naming the file
    if source is None:
        from egovnb.core.yamlio import read_yaml

        source = read_yaml(params_path)  # the one read of the params file in this process
    notebook = REPORT_NOTEBOOK
    # What the report is made from is taken before anything is read for scoring: the record
    # it carries (and the folder's records) then never name bytes other than those read.
    files = [path for _, path in input_files(params_path, source)]
    before = inputs_signature(files)
    present = provenance_of(params_path, source)
    if record is not None and record.inputs != present.inputs:
        raise RunError(f"{params_path.name}: the inputs are not those of the record to render as")
    record = record or present
    digests = report_digests(params_path, present, pdf=pdf)
    kernel = (kernels.session(params_path.parent, name=notebook.name) if kernels is not None else
              KernelSession(params_path.parent, name=notebook.name, imports=notebook_imports(notebook)))
    # The notebook checks the inputs as it assesses them (the checks of `egovnb validate`), so
    # they are read and scored once, in the kernel. Meanwhile another thread reads the params
    # (the report's title and folder) and makes the exporter ready.
    with kernel as session, ThreadPoolExecutor(max_workers=1) as pool:
        preparing = pool.submit(_params_and_exporter, params_path, source)
        nb = parameterized(load_notebook(notebook), {"params": params_path.name, "provenance": record.to_json()})
        try:
            session.execute(nb, notebook=notebook)
        except RunError as failure:
            # Bad inputs are reported as `egovnb validate` reports them, every problem named,
            # not as a failed cell: checked again here, on this failure path only.
            params = preparing.result()
            from egovnb.insight.validation import checked

            checked(params_path)
            if isinstance(failure, CellFailure):  # the executed notebook, its error in it, to open
                saved = save_failed(nb, params, params_path, reports_root)
                if saved is not None:
                    raise failure.with_saved(shown(saved)) from None
            raise
        params = preparing.result()
    if inputs_signature(files) != before:
        changed = changed_inputs(params_path, present)
        if changed:
            raise RunError(f"{changed}: saved while the report was being made (it may show either "
                           "version); the report was left as it was: run again")
    from egovnb.publish.exporters import notebook_bytes, page_files, scrub

    # Its folder: the province's own, claimed for it if no other province holds the plain slug.
    claim(params.province, reports_root)
    paths = report_paths(params, reports_root)
    relocated = params_for_folder(params_path, *(written_in or (paths.folder, reports_root)))
    if relocated is not None:
        relocate_params(nb, relocated)  # the notebook beside the report reruns from its folder
    scrub(nb, f"{params.title} — {params.province}", params.language, provenance=record)
    try:
        made = {".ipynb": notebook_bytes(nb), **page_files(nb, pdf=pdf)}
    except Exception as error:
        raise RunError(f"{params.path.name}: converting the executed notebook failed: "
                       f"{type(error).__name__}: {error}") from None
    # What the folder keeps from earlier runs, only where its own record matches these inputs:
    # a PDF of an earlier --pdf run, the unit scorecards. The folder is swapped whole.
    pdf_record, drop, dropped = pdf_upkeep(paths.folder, paths.pdf, digests.pdf, made=pdf)
    units_drop, units_dropped = units_upkeep(paths.folder, digests.units)
    # --docx: the annexes and the draft decision in Word beside the page (publish/documents.py);
    # without it, those of an earlier run go, as they may come from other inputs.
    from egovnb.publish.documents import document_files, old_documents

    made.update(document_files(params) if docx else {})
    drop = [*drop, *([] if docx else old_documents(paths.folder, params))]
    with staged(reports_root) as staging:
        for suffix, content in made.items():
            (staging / f"{paths.html.stem}{suffix}").write_bytes(content)
        for name, content in pdf_record.items():
            (staging / name).write_bytes(content)
        (staging / REPORT_RECORD).write_bytes(report_record(digests.page, paths.html.name))
        (staging / PARAMS_PATH_FILE).write_bytes(params_path_record(paths.folder, params_path))
        replace_folder(staging, paths.folder, drop=drop + units_drop)
    clear_failed(params, reports_root)  # a notebook saved by an earlier failure no longer holds
    if trusted:
        sign(nb)  # JupyterLab shows its charts without asking to trust it
    if dropped and not quiet:
        print(f"removed {paths.pdf}: it was made from other inputs (run with --pdf for a new one)", file=sys.stderr)
    if units_dropped and not quiet:
        print(f"removed {units_dropped} unit scorecard file(s) of {paths.folder}: they were made from other "
              "inputs (egovnb run --all-units makes them again)", file=sys.stderr)
    return paths.html


def _params_and_exporter(params_path: Path, source: YamlFile | None = None):
    """The params of ``params_path`` (InputError naming the params file's problems otherwise),
    with the page exporter imported and built on the way; ``source``: the file already read."""
    from egovnb.core.params import load_params

    params = load_params(params_path, source)
    from egovnb.publish.exporters import html_exporter

    html_exporter()
    return params


def refresh_notebook(notebook: Path = REPORT_NOTEBOOK) -> Path:
    """Execute a report notebook in place against its default parameters (the cell tagged
    ``parameters``), as it is committed and checked by nbval; timings are left out so an
    unchanged result gives an unchanged file. Run ``python -m egovnb.publish.render`` after
    changing the notebook, the package's output, or the default params' data."""
    import nbformat

    notebook = Path(notebook).resolve()
    nb = nbformat.read(notebook, as_version=4)
    with KernelSession(notebook.parent, name=notebook.name) as session:
        session.execute(nb, notebook=notebook)
    nb.metadata.pop("widgets", None)
    nbformat.write(nb, notebook)
    return notebook

