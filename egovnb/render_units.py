"""Rendering unit scorecards: ``reports/<province>/<year>/units/<unit-slug>.html`` (and .pdf).

Papermill runs ``notebooks/02-unit-scorecard.ipynb`` once per unit, with the
params file, the unit and its tier as parameters; the page is converted with
the report's own exporter, template and PDF route (:mod:`egovnb.render`), so a
scorecard looks like the report. Every page of a run is staged first and moved
into place only when all of them succeeded: a failed run leaves the earlier
scorecards as they were.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

from .errors import RunError

SCORECARD_NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "02-unit-scorecard.ipynb"
UNITS_FOLDER = "units"


def run_scorecards(params_path: str | Path, units: list[str] | None, *, reports_root: Path = Path("reports"),
                   pdf: bool = False, progress: bool = False) -> list[Path]:
    """Render the scorecard of each unit named in ``units`` (every unit when None) of the
    province-year of ``params_path``; return the HTML paths, in the scores table's order.

    Raises InputError for bad inputs or an unknown unit name (with the closest names) and
    RunError when a notebook or a converter fails, naming the unit and the cell.
    """
    import nbformat

    from .assessment import assess
    from .render import ReportHTMLExporter, html_to_pdf, report_paths, scrub
    from .scorecard import find_units, unit_slugs, word

    assessment = assess(params_path)
    params = assessment.params
    keys = find_units(assessment, units)
    slugs = unit_slugs(assessment.scores)
    folder = report_paths(params, reports_root).folder / UNITS_FOLDER
    root = Path(reports_root).resolve()
    root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".staging-units-", dir=root))
    written: list[Path] = []
    try:
        for tier, unit in _progress(keys, progress):
            stem = slugs[(tier, unit)]
            nb = _execute(params.path, unit, tier)
            scrub(nb, f"{unit} — {word('title', params.language, year=params.year)} — {params.province}",
                  params.language)
            try:
                html, _ = ReportHTMLExporter().from_notebook_node(nb)
                (staging / f"{stem}.html").write_bytes(html.encode("utf-8"))
                if pdf:
                    (staging / f"{stem}.pdf").write_bytes(html_to_pdf(html))
            except Exception as error:
                raise RunError(f"{unit}: converting the scorecard failed: {type(error).__name__}: {error}") from None
            (staging / f"{stem}.ipynb").write_bytes(nbformat.writes(nb).encode("utf-8") + b"\n")
            written.append(folder / f"{stem}.html")
        folder.mkdir(parents=True, exist_ok=True)
        for staged in sorted(staging.iterdir()):
            os.replace(staged, folder / staged.name)
        if not pdf:
            # A PDF from an earlier run would no longer match the HTML beside it.
            for html in written:
                html.with_suffix(".pdf").unlink(missing_ok=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return written


def _execute(params_path: Path, unit: str, tier: str):
    """Run the scorecard notebook for one unit; the kernel runs in the params file's folder
    and gets only the file's name, so no path of this machine ends up in the page."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    from .render import CELL_TIMEOUT, KERNEL, cell_failure

    params_path = Path(params_path).resolve()
    try:
        return papermill.execute_notebook(
            str(SCORECARD_NOTEBOOK), None, parameters={"params": params_path.name, "unit": unit, "tier": tier},
            cwd=str(params_path.parent), kernel_name=KERNEL, progress_bar=False, log_output=False,
            request_save_on_cell_execute=False, execution_timeout=CELL_TIMEOUT,
            extra_arguments=["--IPKernelApp.log_level=CRITICAL"],
        )
    except PapermillExecutionError as error:
        message = cell_failure(SCORECARD_NOTEBOOK, error.exec_count, error.source, error.ename, error.evalue)
        raise RunError(f"{unit}: {message}") from None
    except Exception as error:  # a kernel that died or never started, a timeout
        raise RunError(f"{unit}: the scorecard notebook could not be run: {type(error).__name__}: {error}") from None


def _progress(keys, shown: bool):
    if not shown or len(keys) < 2:
        return keys
    from tqdm import tqdm

    return tqdm(keys, desc="scorecards", unit="unit", file=sys.stderr)


def cli_scorecards(args) -> int:
    """``egovnb run PARAMS --unit NAME [--unit NAME ...]`` or ``--all-units``: render scorecards
    and print where they are."""
    units = None if getattr(args, "all_units", False) else list(args.unit or [])
    paths = run_scorecards(args.params, units, reports_root=Path(args.reports), pdf=args.pdf,
                           progress=units is None)
    for path in paths:
        print(_shown(path))
        if args.pdf:
            print(_shown(path.with_suffix(".pdf")))
    return 0


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
