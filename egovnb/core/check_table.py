"""Checking unit data against the framework, collecting every problem before reporting.

Takes the cells as read (:class:`egovnb.core.read_table.RawTable`) at any grain of docs/contract.md
(summary, with or without components; group, long or wide; criterion) and returns
:class:`~egovnb.core.checked_data.UnitData`: one row a unit, its points per criteria group
and per component. Every problem names the file, the spreadsheet row and the column;
nothing is reported until the whole file was checked.
"""

from __future__ import annotations

import difflib

import numpy as np
import pandas as pd

from egovnb.core.cell_marks import HIDDEN_COLUMN
from egovnb.core.check_tools import Collector, case_twins, evaluated_flags, legacy_cells, names, ranked_flags, spilled_numbers
from egovnb.core.read_table import ROW, RawTable
from egovnb.core.errors import InputError, Problem
from egovnb.core.framework import Framework, fraction_thresholds
from egovnb.core.check_items import check_items, unit_keys, wide_columns
from egovnb.core.check_summary import Sums, check_summary
from egovnb.core.numbers import parse_column
from egovnb.core.rules import TOLERANCE, weighted_index
from egovnb.core.columns import (COMPONENT_COLUMN, CRITERION_REQUIRED, GROUP_COLUMN, NOT_APPLICABLE,
                                OPTIONAL_INPUT, PUBLISHED_INPUT, SCORES_COLUMNS, SUMMARY_REQUIRED)
from egovnb.core.checked_data import PartSums, UnitData

__all__ = ["UnitData", "check_units", "grain_of"]

REQUIRED = {"criterion": CRITERION_REQUIRED, "group": ("tier", "unit", GROUP_COLUMN, "points"),
            "group-wide": ("tier", "unit"), "summary": SUMMARY_REQUIRED}
# Columns egovnb computes: a data column of that name would be taken for them.
_NUMBER_COLUMNS = {"max_points", "excluded_points", "applicable_points", "achieved_points", "points"}
_COMPUTED = set(SCORES_COLUMNS) | {"next_level", "points_to_next_level", "index", "evaluated", "ranked", ROW}


def grain_of(columns, framework: Framework | None = None) -> str:
    """The grain of a data file from its (lower-case) column names: ``criterion``,
    ``group`` (long), ``summary``, or ``group-wide`` (columns headed by groups)."""
    columns = set(columns)
    if "criterion" in columns:
        return "criterion"
    if GROUP_COLUMN in columns:
        return "group"
    if "achieved_points" not in columns and framework is not None and wide_columns(columns, framework):
        return "group-wide"
    return "summary"


def check_units(table: RawTable, framework: Framework) -> UnitData:
    """Check and type unit data at any grain; raises InputError with every problem."""
    collect = Collector(table)
    frame = table.frame
    grain = grain_of(frame.columns, framework)
    required = REQUIRED[grain]
    missing = [c for c in required if c not in frame.columns]
    shown = "group (wide)" if grain == "group-wide" else grain
    for column in missing:
        collect.file(f"missing column '{column}'; a {shown}-grain file has columns: {', '.join(required)}")
    descriptions = _other_columns(frame, framework, collect, grain, required)
    for column in sorted(set(wide_columns(frame.columns, framework)) & table.hidden_columns):
        collect.file(HIDDEN_COLUMN, column=column)  # a group's points, hidden in the sheet
    if missing:
        raise InputError(collect.problems)
    if grain == "criterion" and not framework.criteria:
        collect.file("the data are at criterion grain (criterion, points) but the framework lists no criteria",
                     column="criterion")
        raise InputError(collect.problems)

    rows = frame[ROW].to_numpy()
    tier = names(frame["tier"])
    unit = names(frame["unit"])
    for column, values in (("tier", tier), ("unit", unit)):
        empty = values.isna().to_numpy()
        if empty.any():
            collect.add(rows[empty], column, f"empty {column} name")
    unknown_tier = ~tier.isin(list(framework.tiers)).to_numpy() & tier.notna().to_numpy()
    if unknown_tier.any():
        known = ", ".join(framework.tiers)
        for value in pd.unique(tier[unknown_tier]):
            at = unknown_tier & (tier == value).to_numpy()
            collect.add(rows[at], "tier", f"unknown tier '{value}'; the framework has: {known}")
    case_twins(collect, rows, tier, unit)
    evaluated = evaluated_flags(frame, collect, rows)
    unit_key, n_units = unit_keys(tier, unit)
    first = np.full(n_units, -1, dtype=np.int64)
    first[unit_key[::-1]] = np.arange(len(unit_key))[::-1]
    unit_evaluated = np.bincount(unit_key, weights=(~evaluated).astype(float), minlength=n_units) == 0
    mixed = (np.bincount(unit_key, weights=evaluated.astype(float), minlength=n_units) > 0) & ~unit_evaluated
    for index in np.flatnonzero(mixed[unit_key] & ~evaluated):
        collect.add(rows[index], "evaluated",
                    f"unit '{unit.iloc[index]}' is marked not evaluated here but evaluated on other rows")
    unit_ranked = _unit_ranked(ranked_flags(frame, collect, rows), unit_key, n_units, collect, rows, unit)

    criteria_points = None
    if grain == "summary":
        sums = check_summary(frame, framework, collect, rows, tier, unit, evaluated, unit_key, n_units)
    else:
        sums, criteria_points = check_items(frame, framework, collect, rows, tier, unit, evaluated, unknown_tier,
                                            unit_key, n_units, grain)
    unit_tier = tier.astype(object).to_numpy()[first]
    components = _components(framework, sums, unit_tier)
    _check_methods(framework, collect, grain, rows[first], unit.astype(object).to_numpy()[first], unit_tier,
                   unit_evaluated, sums.groups, components)
    _check_thresholds(framework, collect, unit_tier, sums.max_points, components)
    units = pd.DataFrame({
        "tier": unit_tier, "unit": unit.astype(object).to_numpy()[first],
        **_unit_points(framework, grain, sums, unit_tier, unit_evaluated),
        "evaluated": unit_evaluated,
        # False: assessed but kept out of the ranking; a unit not evaluated is simply not evaluated.
        "ranked": unit_ranked | ~unit_evaluated, ROW: rows[first],
        "note": _per_unit(frame, "note", unit_key, n_units, first),
    })
    for column in descriptions:
        units[column] = _per_unit(frame, column, unit_key, n_units, first, collect, rows, unit)
    legacy_cells(frame, collect, rows, ["tier", "unit", "note", "criterion", "group", "component", *descriptions])
    spilled_numbers(collect, rows, ["note", *descriptions],
                    _NUMBER_COLUMNS | set(wide_columns(frame.columns, framework)))
    if collect.problems:
        raise InputError(collect.problems)
    return UnitData(grain="criterion" if grain == "criterion" else "summary" if grain == "summary" else "group",
                    units=units, criteria_points=criteria_points, source=collect.table.source,
                    groups=sums.groups, components=components, descriptions=tuple(descriptions),
                    description_headers={column: collect.header(column) for column in descriptions})


def _unit_ranked(ranked: np.ndarray, unit_key: np.ndarray, n_units: int, collect: Collector, rows: np.ndarray,
                 unit: pd.Series) -> np.ndarray:
    """Per unit, whether it takes part in the ranking (the ``ranked`` column); a unit whose
    rows disagree is a problem (it could be either)."""
    out = np.bincount(unit_key, weights=(~ranked).astype(float), minlength=n_units)
    rows_of_unit = np.bincount(unit_key, minlength=n_units)
    mixed = (out > 0) & (out < rows_of_unit)
    for index in np.flatnonzero(mixed[unit_key] & ranked):
        collect.add(rows[index], "ranked", f"unit '{unit.iloc[index]}' is marked 'ranked: no' on other rows "
                                           "but not here; mark every row of the unit alike")
    return out == 0


def _other_columns(frame: pd.DataFrame, framework: Framework, collect: Collector, grain: str,
                   required) -> list[str]:
    """Columns besides the grain's own: optional ones, the ``rank_within`` columns, and
    descriptive text (a ``district``), which is kept. An unknown column holding numbers
    (points egovnb would silently leave out), one spelt like a known column, or one named
    like a column egovnb computes is a problem."""
    known = set(required) | set(OPTIONAL_INPUT) | set(PUBLISHED_INPUT) | {ROW}
    if grain == "summary":
        known.add(COMPONENT_COLUMN)
    within = {t.rank_within: k for k, t in framework.tiers.items() if t.rank_within}
    groups = wide_columns(frame.columns, framework) if grain == "group-wide" else {}
    for column, tier in within.items():
        if column not in frame.columns:
            collect.file(f"tier '{tier}' ranks within column '{column}' (rank_within in the framework), but the data "
                         f"have no such column; columns: {', '.join(c for c in frame.columns if c != ROW)}")
    expected = ", ".join(required) + f" (optional: {', '.join(OPTIONAL_INPUT)})"
    descriptions = []
    for column in frame.columns:
        if column in known or column in groups:
            continue
        if column in within:
            descriptions.append(column)
            continue
        close = difflib.get_close_matches(column, sorted(known - {ROW}) + list(_COMPUTED - {ROW}), n=1, cutoff=0.8)
        if column in _COMPUTED - known:
            collect.file(f"unknown column; egovnb computes '{column}' itself, remove it from the data", column=column)
        elif close:
            collect.file(f"unknown column; did you mean '{close[0]}'? Expected {expected}", column=column)
        elif _holds_numbers(frame[column]):
            if grain == "group-wide":
                collect.file("this column matches no group of the framework (by id or title); the groups are: "
                             + "; ".join(f"{g.id} ({g.title})" for g in framework.group_specs), column=column)
            else:
                collect.file(f"unknown column; expected {expected}", column=column)
        else:
            descriptions.append(column)  # text describing the unit, such as its district
    return descriptions


def _holds_numbers(values: pd.Series) -> bool:
    """Whether the cells are numbers (or empty, or N/A) and at least one is a number."""
    parsed = parse_column(values, NOT_APPLICABLE).to_numpy()
    return not np.isneginf(parsed).any() and not np.isnan(parsed).all()


def _per_unit(frame, column, unit_key, n_units, first, collect: Collector | None = None, rows=None,
              unit=None) -> np.ndarray:
    """A text column per unit: the first non-empty value of its rows (None when all are
    empty). With ``collect``, two different values for one unit are a problem."""
    result = np.full(n_units, None, dtype=object)
    if column not in frame.columns:
        return result
    cells = names(frame[column])
    codes = cells.cat.codes.to_numpy()
    categories = np.asarray(cells.cat.categories, dtype=object)
    filled = np.flatnonzero(codes >= 0)
    if not len(filled):
        return result
    keys, values = unit_key[filled], codes[filled]
    chosen = np.full(n_units, -1, dtype=np.int64)
    chosen[keys[::-1]] = values[::-1]
    if collect is not None:
        for index in np.flatnonzero(values != chosen[keys]):
            row = filled[index]
            other = np.flatnonzero((unit_key == keys[index]) & (codes == chosen[keys[index]]))[0]
            collect.add(rows[row], column, f"unit '{unit.iloc[row]}' has '{categories[values[index]]}' here but "
                                           f"'{categories[chosen[keys[index]]]}' on row {rows[other]}")
    has = chosen >= 0
    result[has] = categories[chosen[has]]
    return result


def _components(framework: Framework, sums: Sums, unit_tier: np.ndarray) -> PartSums | None:
    """Each unit's points per component of its tier (NaN for components of other tiers)."""
    keys = framework.component_keys()
    if not keys:
        return None
    parts = sums.components
    if parts is None:
        if sums.groups is None:
            return None
        part_of = [g.component for g in framework.group_specs]
        parts = sums.groups.combine(keys, part_of)
    own = np.array([[key in {c.key for c in framework.tiers[t].components} if t in framework.tiers else False
                     for key in keys] for t in unit_tier], dtype=bool).reshape(len(unit_tier), len(keys))
    return PartSums(keys, *(np.where(own, m, np.nan) for m in (parts.max_points, parts.excluded_points,
                                                                 parts.achieved_points)))


def _unit_points(framework, grain, sums: Sums, unit_tier, unit_evaluated) -> dict:
    """Maximum, excluded and achieved points per unit. A unit not evaluated keeps what is
    known without an evaluation: at summary grain the data's maximum and excluded points,
    at group and criterion grain the framework's maximum for its tier."""
    not_evaluated = ~unit_evaluated
    maximum = sums.max_points
    excluded = sums.excluded_points
    if grain != "summary":
        tier_max = {t: framework.tier_max_points(t) for t in framework.tiers}
        framework_max = np.array([tier_max.get(t, np.nan) for t in unit_tier], dtype=float)
        maximum = np.where(not_evaluated, framework_max, maximum)
        excluded = np.where(not_evaluated, np.nan, excluded)
    return {"max_points": maximum, "excluded_points": excluded,
            "achieved_points": np.where(not_evaluated, np.nan, sums.achieved_points)}


def _check_methods(framework, collect, grain, rows, unit_names, unit_tier, unit_evaluated,
                   groups: PartSums | None, components: PartSums | None) -> None:
    """What the methods need of each evaluated unit: index tiers a group of weight above 0
    that applies, components something that applies (at group and criterion grain)."""
    for key, tier in framework.tiers.items():
        in_tier = (unit_tier == key) & unit_evaluated
        if not in_tier.any():
            continue
        rules = [("tier", tier.rank_by, None)] + [(f"component '{c.key}'", c.rank_by, c.key) for c in tier.components]
        for what, rank_by, component in rules:
            if rank_by != "index":
                continue
            if groups is None:
                collect.file(f"tier '{key}' ({what}) ranks by index, which weighs criteria groups: give its data at "
                             "group grain (tier, unit, group, points) or criterion grain")
                continue
            weights = np.array(framework.group_weights(component), dtype=float)
            index = weighted_index(groups.achieved_points[in_tier], groups.applicable_points[in_tier], weights)
            for position in np.flatnonzero(np.isnan(index)):
                collect.add(rows[in_tier][position], None,
                            f"unit '{unit_names[in_tier][position]}': no group of weight above 0 applies to it"
                            + (f" in component '{component}'" if component else "") + ", so it has no index")
        if components is None or grain == "summary":
            continue
        for component in tier.components:
            column = components.column(component.key)
            applicable = components.applicable_points[in_tier, column]
            for position in np.flatnonzero(~(applicable > TOLERANCE)):
                collect.add(rows[in_tier][position], None,
                            f"unit '{unit_names[in_tier][position]}': nothing of component '{component.key}' "
                            f"({component.label}) applies to it, so the component has no rate and no level")


def _check_thresholds(framework: Framework, collect: Collector, unit_tier: np.ndarray, maxima: np.ndarray,
                      components: PartSums | None) -> None:
    """Levels of a points tier (or component) written as fractions (0.9 where 90 points were
    meant), found with the data's maxima when the framework gives none (it is checked with its
    own)."""
    for key, tier in framework.tiers.items():
        in_tier = unit_tier == key
        rules = [(f"tiers.{key}", tier, framework.tier_max_points(key), np.asarray(maxima, dtype=float))]
        if components is not None:
            rules += [(f"tiers.{key}.components.{c.key}", c, framework.component_max_points(key, c.key),
                       components.max_points[:, components.column(c.key)]) for c in tier.components]
        for column, rule, declared, data_maxima in rules:
            if rule.rank_by != "points" or not rule.levels or declared is not None:
                continue
            known = data_maxima[in_tier & ~np.isnan(data_maxima)]
            message = fraction_thresholds(rule.rank_by, rule.levels, float(np.median(known))) if len(known) else None
            if message:
                collect.problems.append(Problem(framework.source or collect.table.source, None, f"{column}.levels",
                                                message + " (the data's maximum)"))
