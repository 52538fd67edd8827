"""``egovnb batch``: every province-year of a folder, in parallel processes, re-rendering only what changed.

Stages: find the params files → plan (read each params file's province and year, hash its
inputs, skip a province-year whose hash matches the one recorded beside its report;
:mod:`egovnb.batch.plan`) → render the rest in worker processes and record each success's
hash (:mod:`egovnb.batch.pool`) → write ``reports/index.html`` (:mod:`egovnb.batch.index`).
"""

from __future__ import annotations

import os
import textwrap
import time
from pathlib import Path

from egovnb.batch.index import INDEX_FILE, write_index
from egovnb.batch.plan import BatchResult, find_params, plan
from egovnb.batch.pool import RenderFunction, render_all
from egovnb.core.collation import sort_key
from egovnb.core.errors import EgovnbError
from egovnb.core.outputs import check_outputs
from egovnb.publish.render import run_report


def run_batch(params_dir: str | Path, *, jobs: int | None = None, force: bool = False, pdf: bool = False,
              reports_root: str | Path = "reports", render: RenderFunction | None = None,
              progress: bool = True) -> BatchResult:
    """Render every params file of ``params_dir`` whose inputs changed, in ``jobs``
    processes (default: the cores this process may use), then write the index.

    ``render`` is :func:`egovnb.publish.render.run_report` unless a test injects another
    function (it must be importable by name, as it runs in another process).
    """
    started = time.perf_counter()
    reports_root = Path(reports_root).resolve()  # workers may start in another folder
    workers = jobs if jobs is not None else default_jobs()
    if workers < 1:
        raise EgovnbError(f"--jobs must be 1 or more, not {workers}")
    files = find_params(params_dir)
    if not files:
        raise EgovnbError(f"{params_dir}: no params files (*.yaml) in this folder")
    if not _batch_index(reports_root / INDEX_FILE):  # one from before manifests says who made it
        check_outputs([reports_root / INDEX_FILE])  # an index.html of the analyst's own is never replaced
    to_render, decided = plan(files, reports_root, force=force, pdf=pdf)
    rendered, interrupted = render_all(to_render, workers=workers, render=render or run_report,
                                       reports_root=reports_root, pdf=pdf, progress=progress)
    order = {path: i for i, path in enumerate(files)}
    outcomes = tuple(sorted(decided + rendered, key=lambda o: order[o.params_path]))
    index = write_index(outcomes, reports_root)
    return BatchResult(outcomes, index, interrupted, time.perf_counter() - started)


def _batch_index(path: Path) -> bool:
    """Whether ``path`` is an index page a batch wrote (its foot: "Tạo bởi egovnb …" / "Made by
    egovnb …" in the paragraph the index template gives it)."""
    try:
        if path.stat().st_size > 64 * 2**20:
            return False
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return '<p class="chu-thich">Tạo bởi egovnb ' in text or '<p class="chu-thich">Made by egovnb ' in text


def default_jobs() -> int:
    """The number of cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def summary(result: BatchResult, params_dir: str | Path) -> str:
    """What the batch did, for the terminal: counts, what was skipped, every failure."""
    counts = {s: len(result.with_status(s)) for s in ("rendered", "skipped", "failed", "interrupted")}
    lines = [f"{len(result.outcomes)} province-year(s) in {params_dir}: {counts['rendered']} rendered, "
             f"{counts['skipped']} unchanged (skipped), {counts['failed']} failed"
             + (f", {counts['interrupted']} not finished" if counts["interrupted"] else "")
             + f" in {result.seconds:.1f} s"]
    skipped = [f"{j.province} {j.year}" for j in sorted((o.job for o in result.with_status("skipped")),
                                                          key=lambda j: (sort_key(j.province), j.year))]
    if skipped:
        lines += textwrap.wrap("skipped, inputs unchanged since their last successful run: "
                               + ", ".join(skipped), width=100, subsequent_indent="  ")
    for outcome in result.with_status("failed"):
        where = f"{outcome.job.province} {outcome.job.year}" if outcome.job else outcome.params_path.name
        lines.append(f"FAILED {where} ({outcome.params_path}):")
        lines += ["  " + line for line in outcome.message.splitlines()]
    if result.interrupted:
        lines.append("interrupted: every report is either complete or as it was; "
                     "run the same command again to finish the rest")
    if result.index is not None:
        lines.append(f"index: {result.index}")
    return "\n".join(lines)


def cli_batch(args) -> int:
    """``egovnb batch PARAMS_DIR [--jobs N] [--force] [--pdf] [--reports DIR]``; exit 1 if any
    province-year failed, 130 if interrupted."""
    result = run_batch(args.params_dir, jobs=args.jobs, force=args.force, pdf=args.pdf,
                       reports_root=Path(args.reports))
    print(summary(result, args.params_dir))
    if result.interrupted:
        return 130
    return 1 if result.with_status("failed") else 0
