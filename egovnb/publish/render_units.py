"""Rendering unit scorecards: ``reports/<province>/<year>/units/<unit-slug>.html`` (and .pdf).

``notebooks/02-unit-scorecard.ipynb`` is run once per unit with the params
file, the unit and its tier injected as Papermill parameters. Several units run
one after another in the same kernel (nbclient), so imports are paid once per
chunk of units rather than per unit, and chunks run in parallel processes. The
page is converted with the report's own exporter, template and PDF route
(:mod:`egovnb.render`), so a scorecard looks like the report. Every page of a
run is staged first and moved into place only when all of them succeeded: a
failed run leaves the earlier scorecards as they were.
"""

from __future__ import annotations

import copy
import os
import shutil
import sys
import tempfile
from pathlib import Path

from egovnb.core.assessment import assess
from egovnb.core.errors import RunError
from egovnb.core.params import load_params
from egovnb.publish.render import (CELL_TIMEOUT, KERNEL, NOTEBOOKS, ReportHTMLExporter, cell_failure, html_to_pdf,
                                   report_paths, scrub)
from egovnb.report.scorecard import find_units, unit_slugs, word

SCORECARD_NOTEBOOK = NOTEBOOKS / "02-unit-scorecard.ipynb"
UNITS_FOLDER = "units"
CHUNK = 8  # units rendered one after another in one kernel


def run_scorecards(params_path: str | Path, units: list[str] | None, *, reports_root: Path = Path("reports"),
                   pdf: bool = False, progress: bool = False, jobs: int | None = None) -> list[Path]:
    """Render the scorecard of each unit named in ``units`` (every unit when None) of the
    province-year of ``params_path``; return the HTML paths, in the scores table's order.

    Units are rendered in chunks of :data:`CHUNK`, each chunk in one kernel, chunks in
    ``jobs`` parallel processes (default: one per core). Raises InputError for bad inputs
    or an unknown unit name (with the closest names) and RunError when a notebook or a
    converter fails, naming the unit and the cell.
    """
    assessment = assess(params_path)
    params = assessment.params
    keys = find_units(assessment, units)
    slugs = unit_slugs(assessment.scores)
    folder = report_paths(params, reports_root).folder / UNITS_FOLDER
    root = Path(reports_root).resolve()
    root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".staging-units-", dir=root))
    tasks = [(unit, tier, staging / slugs[(tier, unit)]) for tier, unit in keys]
    chunks = [tasks[i:i + CHUNK] for i in range(0, len(tasks), CHUNK)]
    workers = max(1, min(jobs or os.cpu_count() or 1, len(chunks)))
    bar = _bar(len(tasks), progress and len(tasks) > 1)
    try:
        if workers == 1:
            for chunk in chunks:
                _render_chunk(params.path, chunk, pdf)
                _advance(bar, len(chunk))
        else:
            _render_parallel(params.path, chunks, pdf, workers, bar)
        folder.mkdir(parents=True, exist_ok=True)
        for staged in sorted(staging.iterdir()):
            os.replace(staged, folder / staged.name)
        written = [folder / f"{slugs[key]}.html" for key in keys]
        if not pdf:
            # A PDF from an earlier run would no longer match the HTML beside it.
            for html in written:
                html.with_suffix(".pdf").unlink(missing_ok=True)
    finally:
        if bar is not None:
            bar.close()
        shutil.rmtree(staging, ignore_errors=True)
    return written


def _render_chunk(params_path: Path, tasks: list, pdf: bool) -> None:
    """Execute, scrub and convert the scorecards of ``tasks`` ((unit, tier, staged stem) each)
    in one kernel, writing ``stem``.html, .ipynb (and .pdf)."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError
    from papermill.iorw import load_notebook_node
    from papermill.parameterize import parameterize_notebook

    params_path = Path(params_path).resolve()
    params = load_params(params_path)
    # Papermill's loader adds the metadata its parameter injection expects.
    template = load_notebook_node(str(SCORECARD_NOTEBOOK))
    # The kernel runs in the params file's folder and is given only the file's name, so no
    # path of this machine ends up in the page.
    client = NotebookClient(template, timeout=CELL_TIMEOUT, kernel_name=KERNEL, record_timing=False,
                            resources={"metadata": {"path": str(params_path.parent)}},
                            extra_arguments=["--IPKernelApp.log_level=CRITICAL"])
    try:
        with client.setup_kernel():
            for unit, tier, stem in tasks:
                nb = parameterize_notebook(copy.deepcopy(template),
                                           {"params": params_path.name, "unit": unit, "tier": tier})
                client.nb = nb
                for index, cell in enumerate(nb.cells):
                    try:
                        client.execute_cell(cell, index)
                    except CellExecutionError as error:
                        message = cell_failure(SCORECARD_NOTEBOOK, None, cell.source, error.ename, error.evalue)
                        raise RunError(f"{unit}: {message}") from None
                _renumber(nb)
                scrub(nb, f"{unit} — {word('title', params.language, year=params.year)} — {params.province}",
                      params.language)
                try:
                    html, _ = ReportHTMLExporter().from_notebook_node(nb)
                    stem.with_suffix(".html").write_bytes(html.encode("utf-8"))
                    if pdf:
                        stem.with_suffix(".pdf").write_bytes(html_to_pdf(html))
                except Exception as error:
                    raise RunError(f"{unit}: converting the scorecard failed: {type(error).__name__}: "
                                   f"{error}") from None
                stem.with_suffix(".ipynb").write_bytes(nbformat.writes(nb).encode("utf-8") + b"\n")
    except RunError:
        raise
    except Exception as error:  # a kernel that died or never started, a timeout
        raise RunError(f"the scorecard notebook could not be run: {type(error).__name__}: {error}") from None


def _renumber(nb) -> None:
    """Number the code cells from 1, as if the page had had a kernel of its own (the kernel is
    shared by a chunk of units), so a page's notebook does not depend on the chunking."""
    count = 0
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        count += 1
        cell.execution_count = count
        for output in cell.get("outputs", []):
            if "execution_count" in output:
                output["execution_count"] = count


def _render_parallel(params_path: Path, chunks: list, pdf: bool, workers: int, bar) -> None:
    """:func:`_render_chunk` for every chunk in ``workers`` processes; the first failure stops
    the rest and is raised."""
    import multiprocessing
    from concurrent.futures import FIRST_EXCEPTION, ProcessPoolExecutor, wait

    # forkserver: workers start clean, without this process's kernels or sockets.
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        sizes = {pool.submit(_render_chunk, params_path, chunk, pdf): len(chunk) for chunk in chunks}
        pending = set(sizes)
        while pending:
            done, pending = wait(pending, return_when=FIRST_EXCEPTION)
            for future in done:
                error = future.exception()
                if error is not None:
                    for other in pending:
                        other.cancel()
                    raise error
                _advance(bar, sizes[future])


def _bar(total: int, shown: bool):
    if not shown:
        return None
    from tqdm import tqdm

    return tqdm(total=total, desc="scorecards", unit="unit", file=sys.stderr)


def _advance(bar, done: int) -> None:
    if bar is not None:
        bar.update(done)
