"""One validation entry point: every problem of a province-year's inputs.

``egovnb validate``, ``egovnb run`` and ``egovnb batch`` all check a
province-year here, so each reports the same problems: the params file, its
framework and data, the ``sensitivity:`` settings, and the previous year named
by ``previous:`` with its crosswalk (every previous-year unit accounted for).
"""

from __future__ import annotations

from pathlib import Path

from egovnb.core.assessment import Assessment, assess
from egovnb.core.errors import InputError, Problem
from egovnb.core.params import read_params
from egovnb.core.yamlio import YamlFile
from egovnb.insight.sensitivity import check_settings, size_problems
from egovnb.insight.yoy import previous_year_problems


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
    return current, check_settings(current.params) + size_problems(current) + previous_year_problems(current)


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
