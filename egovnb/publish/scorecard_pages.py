"""Unit scorecards: ``reports/<province>/<year>/units/<unit-slug>.html`` (and .pdf).

``notebooks/02-unit-scorecard.ipynb`` is run once per unit with the params
file, the unit and its tier injected as parameters. Several units run one
after another in one kernel (:class:`~egovnb.publish.kernel.KernelSession`),
which makes the notebook's imports as it starts, so imports are paid once per
chunk of units rather than per unit; chunks run in parallel processes, and
in one process the next chunk's kernel starts as soon as one is stopped
(:class:`~egovnb.publish.warm.KernelPool`). A page is converted by the report's own exporter,
template and PDF route (:mod:`egovnb.publish.exporters`), so a scorecard looks
like the report. Every page of a run is staged and moved into place only when
all of them were made (:mod:`egovnb.publish.staging`): a failed run leaves the
earlier scorecards as they were.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from egovnb.core.errors import RunError
from egovnb.core.params import load_params
from egovnb.insight.validation import checked
from egovnb.publish.kernel import KernelSession, load_notebook, notebook_imports, parameterized
from egovnb.publish.notebooks import SCORECARD_NOTEBOOK
from egovnb.publish.report_page import report_paths
from egovnb.publish.digest import inputs_digest
from egovnb.publish.folders import claim
from egovnb.publish.provenance import provenance_of
from egovnb.publish.records import UNITS_FOLDER, hashes_of, scorecard_sources, unit_record_name, units_upkeep
from egovnb.publish.staging import replace_folder, staged
from egovnb.publish.warm import KernelPool
from egovnb.report.scorecard import find_units, unit_slugs, word

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
    # The inputs' hash is taken before they are read: each scorecard's record names it.
    record = provenance_of(params_path)
    digest = inputs_digest(params_path, scorecard_sources(), "", hashes_of(record))
    assessment = checked(params_path)  # the checks of `egovnb validate`, every year of the chain included
    params = assessment.params
    keys = find_units(assessment, units)
    slugs = unit_slugs(assessment.scores)
    claim(params.province, reports_root)
    folder = report_paths(params, reports_root).folder / UNITS_FOLDER
    bar = _bar(len(keys), progress and len(keys) > 1)
    try:
        with staged(reports_root, prefix=".staging-units-") as staging:
            tasks = [(unit, tier, staging / slugs[(tier, unit)]) for tier, unit in keys]
            chunks = [tasks[i:i + CHUNK] for i in range(0, len(tasks), CHUNK)]
            workers = max(1, min(jobs or os.cpu_count() or 1, len(chunks)))
            if workers == 1:
                # The next chunk's kernel starts while this chunk renders, forked (when more than
                # one chunk follows) from a zygote that made the scorecard's imports once.
                with KernelPool(SCORECARD_NOTEBOOK, forked=len(chunks) > 1) as kernels:
                    for number, chunk in enumerate(chunks, start=1):
                        render_chunk(params.path, SCORECARD_NOTEBOOK, chunk, pdf, kernels=kernels,
                                     more=number < len(chunks), provenance=record)
                        _advance(bar, len(chunk))
            else:
                _render_parallel(params.path, chunks, pdf, workers, bar, record)
            written = [folder / f"{slugs[key]}.html" for key in keys]
            for key in keys:
                (staging / unit_record_name(slugs[key])).write_text(f"{digest}\n", encoding="utf-8")
            # A PDF from an earlier run would no longer match the HTML beside it, nor would the
            # scorecards of other units made from other inputs. The whole year folder (report
            # and scorecards) is swapped in at once.
            stale, _ = units_upkeep(folder.parent, digest)
            replace_folder(staging, folder.parent, into=UNITS_FOLDER,
                           drop=stale + ([] if pdf else [html.with_suffix(".pdf") for html in written]))
    finally:
        if bar is not None:
            bar.close()
    return written


def render_chunk(params_path: Path, notebook: Path, tasks: list, pdf: bool, *, kernels: KernelPool | None = None,
                 more: bool = False, provenance=None) -> None:
    """Execute, scrub and convert the scorecards of ``tasks`` ((unit, tier, staged stem) each)
    in one kernel, writing ``stem``.html, .ipynb (and .pdf). With ``kernels``, the kernel is
    the one they started ahead, and when ``more`` chunks follow the next one is started."""
    from egovnb.publish.exporters import notebook_bytes, page_files, scrub

    params_path = Path(params_path).resolve()
    # The kernel runs in the params file's folder and is given only the file's name, so no
    # path of this machine ends up in the page.
    name = Path(notebook).name
    kernel = (kernels.session(params_path.parent, name=name, ahead=more) if kernels is not None else
              KernelSession(params_path.parent, name=name, imports=notebook_imports(notebook)))
    with kernel as session:
        params = load_params(params_path)
        template = load_notebook(notebook)
        for unit, tier, stem in tasks:
            nb = parameterized(template, {"params": params_path.name, "unit": unit, "tier": tier})
            session.execute(nb, notebook=notebook, unit=unit)
            scrub(nb, f"{unit} — {word('title', params.language, year=params.year)} — {params.province}",
                  params.language, provenance=provenance)
            try:
                files = page_files(nb, pdf=pdf)
                files[".ipynb"] = notebook_bytes(nb)
            except Exception as error:
                raise RunError(f"{unit}: converting the scorecard failed: {type(error).__name__}: "
                               f"{error}") from None
            for suffix, content in files.items():
                stem.with_suffix(suffix).write_bytes(content)


def _render_parallel(params_path: Path, chunks: list, pdf: bool, workers: int, bar, provenance=None) -> None:
    """:func:`render_chunk` for every chunk in ``workers`` processes; the first failure stops
    the rest and is raised."""
    import multiprocessing
    from concurrent.futures import FIRST_EXCEPTION, ProcessPoolExecutor, wait

    # forkserver: workers start clean, without this process's kernels or sockets.
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_start_worker) as pool:
        sizes = {pool.submit(_render_in_worker, params_path, chunk, pdf, provenance): len(chunk) for chunk in chunks}
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


# In a worker process of _render_parallel: its kernels, forked from one zygote, the next one
# started ahead while a chunk is written (each chunk still gets a kernel of its own).
_worker_kernels: KernelPool | None = None


def _start_worker() -> None:
    from multiprocessing.util import Finalize

    global _worker_kernels
    _worker_kernels = KernelPool(SCORECARD_NOTEBOOK, forked=True)
    # Run as the worker exits (multiprocessing skips atexit): stop the kernel started ahead.
    Finalize(_worker_kernels, _worker_kernels.close, exitpriority=10)


def _render_in_worker(params_path: Path, chunk: list, pdf: bool, provenance=None) -> None:
    render_chunk(params_path, SCORECARD_NOTEBOOK, chunk, pdf, kernels=_worker_kernels, more=True, provenance=provenance)


def _bar(total: int, shown: bool):
    if not shown:
        return None
    from tqdm import tqdm

    return tqdm(total=total, desc="scorecards", unit="unit", file=sys.stderr)


def _advance(bar, done: int) -> None:
    if bar is not None:
        bar.update(done)
