"""What a batch has to do: the params files of a folder, the hash of each report's inputs,
and which province-years to render or skip.

A province-year is skipped when the hash of its inputs (params, framework, data,
crosswalk, previous years, report notebooks and templates, render options, egovnb's
version) matches the one recorded beside its report by the last successful run (``egovnb run``
or batch), and every unit scorecard beside it was made from the same inputs.
"""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path

from egovnb.core.errors import EgovnbError, InputError
from egovnb.core.export import atomic_path
from egovnb.core.files import file_problem, resolved
from egovnb.core.params import default_title, load_params, params_files
from egovnb.core.text import clean_name, slugify
from egovnb.publish.folders import claim, claim_order, province_slug
from egovnb.publish.records import REPORT_RECORD, scorecard_sources, units_upkeep
from egovnb.publish.digest import INDEX_TEMPLATE, input_files, input_hashes, inputs_digest, read_mapping, report_notebooks  # noqa: F401

# Beside each report: the hash of the inputs of its last successful run, then the name of
# the page that run wrote.
HASH_FILE = REPORT_RECORD
PARAMS_SUFFIXES = (".yaml", ".yml")



@dataclass(frozen=True)
class Job:
    """One province-year to render (or skip): where it comes from and where it goes."""

    params_path: Path
    province: str
    province_slug: str
    year: int
    title: str
    illustrative: bool
    digest: str
    report_dir: Path  # reports/<province-slug>/<year>/
    data_bytes: int = 0  # size of its data file: the larger, the longer its report takes


@dataclass(frozen=True)
class Outcome:
    """What happened to one params file.

    ``status`` is ``rendered``, ``skipped`` (inputs unchanged), ``failed`` or
    ``interrupted``; ``job`` is None when the params file could not be read;
    ``report`` is the report page (written now, or by an earlier run);
    ``duplicate_of`` names the params file that already claimed its province-year.
    ``seconds`` is the render's wall time; ``worker_mib`` and ``kernel_mib``
    the peak resident memory (MiB) of the worker process and of the largest
    kernel it had started so far.
    """

    params_path: Path
    status: str
    job: Job | None = None
    message: str = ""
    report: Path | None = None
    seconds: float = 0.0
    worker_mib: float = 0.0
    kernel_mib: float = 0.0
    duplicate_of: Path | None = None


@dataclass(frozen=True)
class BatchResult:
    """Every params file's outcome, in params-file order, and the index written."""

    outcomes: tuple[Outcome, ...]
    index: Path | None
    interrupted: bool
    seconds: float

    def with_status(self, status: str) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == status]


def find_params(params_dir: str | Path) -> list[Path]:
    """The params files directly in ``params_dir`` (``*.yaml``, ``*.yml``), sorted by name.

    Sub-folders (such as ``frameworks/``) are not searched.
    """
    folder = Path(params_dir)
    if not folder.is_dir():
        raise EgovnbError(f"{folder}: not a folder of params files")
    return params_files(folder)  # the same files `egovnb validate DIR` checks


def recorded(report_dir: Path) -> tuple[str, Path] | None:
    """The inputs hash and the report page recorded beside a report by its last successful
    run, if there is such a record and the page is still there."""
    try:
        lines = (report_dir / HASH_FILE).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    if len(lines) < 2 or not lines[1].strip():
        return None
    page = report_dir / lines[1].strip()
    return (lines[0].strip(), page) if page.is_file() else None


def record(page: Path, digest: str) -> None:
    """Record beside a report page, just written, the hash of the inputs it was made from."""
    write_file(page.parent / HASH_FILE, f"{digest}\n{page.name}\n".encode("utf-8"))


def write_file(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` atomically, readable as any new file is (the umask's mode,
    not the private mode of a temporary file): reports are served as they are."""
    umask = os.umask(0)
    os.umask(umask)
    with atomic_path(target) as temporary:
        temporary.write_bytes(data)
        os.chmod(temporary, 0o666 & ~umask)


def plan(params_files: list[Path], reports_root: Path, *, force: bool = False, pdf: bool = False,
         notebooks: tuple[Path, ...] | None = None) -> tuple[list[Job], list[Outcome]]:
    """Which province-years to render, and the outcome of the others (skipped or failed).

    Only what placing a report needs is read here (province and year); the
    render checks everything else. A params file without a usable province or
    year fails here with every problem of it; two params files of the same
    province-year fail after the first (they would write the same report).
    """
    notebooks = report_notebooks() if notebooks is None else notebooks
    options = f"pdf={bool(pdf)}"
    to_render: list[Job] = []
    decided: list[Outcome] = []
    claimed: dict[tuple[str, int], Path] = {}
    jobs: list[Job] = []
    units: dict[Path, str] = {}
    for path in params_files:
        try:
            hashes = input_hashes(path)  # once for the page's digest and the scorecards'
            jobs.append(_job(path, Path(reports_root), inputs_digest(path, notebooks, options, hashes)))
            units[path] = inputs_digest(path, scorecard_sources(), "", hashes)
        except InputError as error:
            decided.append(Outcome(path, "failed", message=problems_text(error)))
    # Two different provinces never share a folder (egovnb.publish.folders): those of this
    # batch whose slugs collide claim them in Vietnamese alphabetical order, whatever the
    # order of their params files.
    claim_colliding([job.province for job in jobs], Path(reports_root))
    for job in jobs:
        path = job.params_path
        slug = province_slug(job.province, Path(reports_root))
        job = replace(job, province_slug=slug, report_dir=Path(reports_root) / slug / str(job.year))
        key = (job.province, job.year)
        if key in claimed:
            decided.append(Outcome(path, "failed", job, duplicate_of=claimed[key], message=(
                f"{path}: same province and year as {claimed[key]} "
                f"({job.province} {job.year}); only the first is rendered")))
            continue
        claimed[key] = path
        previous = recorded(job.report_dir)
        # Skipped only while the page and every unit scorecard beside it were made from these
        # inputs: a scorecard of other data is removed by rendering the report again.
        if (not force and previous is not None and previous[0] == job.digest
                and not units_upkeep(job.report_dir, units[path])[0]):
            decided.append(Outcome(path, "skipped", job, report=previous[1]))
        else:
            to_render.append(job)
    return to_render, decided


def claim_colliding(provinces: list[str], reports_root: Path) -> None:
    """For each slug that two or more different provinces of ``provinces`` would share, the
    first of them in Vietnamese alphabetical order claims it (unless a province holds it)."""
    by_slug: dict[str, list[str]] = defaultdict(list)
    for name in claim_order(provinces):
        by_slug[slugify(name)].append(name)
    for names in by_slug.values():
        if len(names) > 1:
            claim(names[0], reports_root)


def _job(path: Path, reports_root: Path, digest: str) -> Job:
    """The job of a params file, from its province and year; when they are missing or not
    usable, the params file is checked in full and its problems raised (InputError)."""
    raw = read_mapping(path) or {}
    # Only text is folded here: a list (or a YAML alias bomb) is load_params' to report.
    province = clean_name(raw["province"]) if isinstance(raw.get("province"), str) else ""
    year = raw.get("year")
    if not province or not isinstance(year, int) or isinstance(year, bool) or not 1990 <= year <= 2100:
        params = load_params(path)  # raises InputError naming every problem
        province, year = params.province, params.year
    slug = slugify(province)
    data = raw.get("data")
    data_file = resolved(path.parent / data) if isinstance(data, str) and data else None
    size = 0
    if data_file is not None and not file_problem(data_file):
        try:
            size = data_file.stat().st_size
        except OSError:
            pass  # the render reports it
    title = clean_name(raw["title"] if isinstance(raw.get("title"), str) and raw["title"]
                       else default_title(year))
    return Job(params_path=path, province=province, province_slug=slug, year=year, title=title,
               illustrative=raw.get("illustrative") is True, digest=digest,
               report_dir=Path(reports_root) / slug / str(year), data_bytes=size)


def problems_text(error: InputError, limit: int = 20) -> str:
    """The problems of an InputError, one a line, at most ``limit`` of them."""
    lines = [str(p) for p in error.problems[:limit]]
    if len(error.problems) > limit:
        lines.append(f"... and {len(error.problems) - limit} more problem(s)")
    return "\n".join(lines)
