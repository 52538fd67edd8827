"""One validation entry point: every problem of a province-year's inputs.

``egovnb validate``, ``egovnb run`` and ``egovnb batch`` all check a
province-year here, so each reports the same problems: the params file, its
framework and data, the ``sensitivity:`` settings, and the previous year named
by ``previous:`` with its crosswalk, and every year before it (:mod:`egovnb.insight.chain`).
"""

from __future__ import annotations

from pathlib import Path

from egovnb.core.assessment import Assessment, assess
from egovnb.core.errors import InputError, Problem
from egovnb.core.params import read_params
from egovnb.core.yamlio import YamlFile
from egovnb.insight.sensitivity import check_settings, size_problems
from egovnb.insight.chain import chain_problems


# A report gives each tier a section of its own (charts, tables, the annex): a few tiers in
# practice, some tens with the DTI's. A thousand tiers would run for far longer than the
# notebook's cell limit (measured: 1,000 tiers did not finish in 600 s), so `validate` says so.
MAX_REPORT_TIERS = 100


def report_problems(current: Assessment) -> list[Problem]:
    """What ``egovnb run`` could not render although the data can be scored: more tiers than a
    report has room for."""
    tiers = current.framework.tiers
    if len(tiers) <= MAX_REPORT_TIERS:
        return []
    return [Problem(current.framework.source or str(current.params.path), None, "tiers", (
        f"the framework has {len(tiers):,} tiers; a report shows at most {MAX_REPORT_TIERS} (each is a section "
        "with its own charts and tables): `egovnb score` scores them, or split the tiers over several "
        "frameworks and params files"))]


def check(params_path: str | Path, source: YamlFile | None = None) -> tuple[Assessment | None, list[Problem]]:
    """The assessment of a params file and every problem of its inputs (empty when all is
    well). The assessment is None when the params, framework or data cannot be scored.
    ``source``: the params file already read (not read again)."""
    params, problems = read_params(params_path, source)
    if params is None:
        return None, problems
    try:
        current = assess(params)
    except InputError as error:
        return None, InputError(problems + error.problems).problems  # deduplicated, in file and row order
    if problems:
        return current, problems
    return current, (check_settings(current.params) + size_problems(current) + report_problems(current)
                     + chain_problems(current))


def left_out(assessment: Assessment) -> list[str]:
    """One line for each row of the data that looked like part of a table but is no unit and
    was left out: a total, subtotal or mean row (:mod:`egovnb.core.totals`). ``validate`` prints
    them, so that what is not scored is said."""
    lines = []
    for table in assessment.tables:
        where = f"{table.file}, sheet '{table.sheet}'" if table.sheet else table.file
        for skipped in table.skipped:
            if skipped.kind == "total":
                lines.append(str(Problem(where, skipped.row, None, f"'{skipped.text}' left out: a total or mean "
                                                                   "row, not a unit")))
    return lines


def validate(params_path: str | Path) -> list[Problem]:
    """Every problem of a params file, its framework and its data (empty when all is well)."""
    return check(params_path)[1]


def checked(params_path: str | Path) -> Assessment:
    """The assessment of a params file whose inputs have no problem; raises InputError
    listing every problem otherwise."""
    assessment, problems = check(params_path)
    if problems:
        raise InputError(problems)
    return assessment
