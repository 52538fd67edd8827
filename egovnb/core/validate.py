"""Checking unit data against the framework, collecting every problem before reporting.

Takes the cells as read (:class:`egovnb.data.RawTable`) and returns typed
frames: ``units`` (one row a unit) and, at criterion grain, ``criteria_points``
(one row a unit and criterion). Every problem names the file, the spreadsheet
row and the column; nothing is reported until the whole file was checked.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from egovnb.core.data import ROW, RawTable
from egovnb.core.errors import InputError, Problem
from egovnb.core.framework import Framework
from egovnb.core.numbers import parse_column
from egovnb.core.schema import (CRITERION_REQUIRED, EVALUATED_NO, EVALUATED_YES, NOT_APPLICABLE,
                     OPTIONAL_INPUT, PUBLISHED_INPUT, SUMMARY_REQUIRED)
from egovnb.core.text import clean_name

# Two values that agree to this many decimals are the same (ties, comparisons).
DECIMALS = 9
TOLERANCE = 10.0 ** -DECIMALS


@dataclass(frozen=True)
class UnitData:
    """Checked unit data: ``units`` one row a unit; ``criteria_points`` at criterion grain."""

    grain: str
    units: pd.DataFrame
    criteria_points: pd.DataFrame | None
    source: str


class _Collector:
    def __init__(self, table: RawTable):
        self.table = table
        self.problems: list[Problem] = []
        # Cells already reported as "not a number", per column, so they are not reported again as empty.
        self.text_cells: dict[str, np.ndarray] = {}

    def header(self, name: str) -> str:
        return self.table.headers.get(name, name)

    def add(self, rows, column: str | None, message: str) -> None:
        header = self.header(column) if column else None
        for row in np.atleast_1d(rows):
            self.problems.append(Problem(self.table.source, int(row), header, message))

    def file(self, message: str, column: str | None = None) -> None:
        self.problems.append(Problem(self.table.source, self.table.header_row if column else None,
                                     self.header(column) if column else None, message))


def grain_of(columns) -> str | None:
    """'criterion' when the data has criterion and points columns, 'summary' otherwise."""
    return "criterion" if {"criterion", "points"} <= set(columns) else "summary"


def check_units(table: RawTable, framework: Framework) -> UnitData:
    """Check and type unit data at either grain; raises InputError with every problem."""
    collect = _Collector(table)
    frame = table.frame
    grain = grain_of(frame.columns)
    required = CRITERION_REQUIRED if grain == "criterion" else SUMMARY_REQUIRED
    allowed = set(required) | set(OPTIONAL_INPUT) | set(PUBLISHED_INPUT) | {ROW}
    missing = [c for c in required if c not in frame.columns]
    for column in missing:
        collect.file(f"missing column '{column}'; a {grain}-grain file has columns: {', '.join(required)}")
    for column in frame.columns:
        if column not in allowed:
            collect.file(f"unknown column; expected {', '.join(required)} (optional: {', '.join(OPTIONAL_INPUT)})",
                         column=column)
    if missing:
        raise InputError(collect.problems)

    rows = frame[ROW].to_numpy()
    tier = _names(frame["tier"])
    unit = _names(frame["unit"])
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
    evaluated = _evaluated(frame, collect, rows)

    if grain == "criterion":
        result = _check_criterion_grain(frame, framework, collect, rows, tier, unit, evaluated, unknown_tier)
    else:
        result = _check_summary_grain(frame, framework, collect, rows, tier, unit, evaluated)
    if collect.problems:
        raise InputError(collect.problems)
    return result


def _names(values: pd.Series) -> pd.Series:
    """NFC, whitespace-folded names as a categorical; empty cells become NaN.

    Works on the distinct values, so a million rows cost as much as their names.
    """
    if not isinstance(values.dtype, pd.CategoricalDtype):
        values = values.astype(str).astype("category")
    codes = values.cat.codes.to_numpy()
    cleaned = pd.Index([clean_name(c) for c in values.cat.categories], dtype=object)
    new_codes, uniques = pd.factorize(cleaned)
    remapped = np.full(len(codes), -1, dtype=np.int64)
    present = codes >= 0
    remapped[present] = new_codes[codes[present]]
    if "" in set(uniques):
        remapped[remapped == uniques.get_loc("")] = -1
    return pd.Series(pd.Categorical.from_codes(remapped, categories=pd.Index(uniques, dtype=object)),
                     index=values.index)


def _evaluated(frame: pd.DataFrame, collect: _Collector, rows: np.ndarray) -> np.ndarray:
    """True for rows of evaluated units; a cell other than yes/no is a problem.

    Works on the distinct cell values, so a million rows cost as much as their few values.
    """
    if "evaluated" not in frame.columns:
        return np.ones(len(frame), dtype=bool)
    codes, values = pd.factorize(frame["evaluated"], use_na_sentinel=True)
    words = [str(v).strip().casefold() for v in values] + [""]  # code -1: an empty cell
    yes = np.array([w in EVALUATED_YES for w in words])[codes]
    no = np.array([w in EVALUATED_NO for w in words])[codes]
    bad = ~(yes | no)
    if bad.any():
        collect.add(rows[bad], "evaluated", "must be 'yes' or empty (evaluated) or 'no'/'không' (not evaluated)")
    return ~no


def _numbers(frame: pd.DataFrame, column: str, collect: _Collector, rows: np.ndarray,
             missing: frozenset[str] = frozenset()) -> np.ndarray:
    """A numeric column (decimal point or comma); text is a problem, empty is NaN."""
    values = parse_column(frame[column], missing).to_numpy()
    text = np.isneginf(values)
    if text.any():
        cells = frame[column].to_numpy()
        for row, cell in zip(rows[text], cells[text]):
            collect.add(row, column, f"'{cell}' is not a number (use 85.36 or 85,36)")
        values = np.where(text, np.nan, values)
    collect.text_cells[column] = text
    negative = values < 0
    if negative.any():
        collect.add(rows[negative], column, "points cannot be negative")
    return values


def _combined_key(codes: list[np.ndarray]) -> np.ndarray:
    """One int64 per row from several category code arrays (-1 = empty stays distinct)."""
    key = np.zeros(len(codes[0]), dtype=np.int64)
    for column in codes:
        column = column.astype(np.int64) + 1
        key = key * (int(column.max(initial=0)) + 1) + column
    return key


def _duplicates(collect: _Collector, rows: np.ndarray, keys: list[np.ndarray], what: str, labels) -> np.ndarray:
    key = pd.Series(_combined_key(keys))
    duplicated = key.duplicated(keep="first").to_numpy()
    if duplicated.any():
        first_row = pd.Series(rows).groupby(key.to_numpy()).transform("first").to_numpy()
        for index in np.flatnonzero(duplicated):
            collect.add(rows[index], "unit", f"{what} {labels(index)} appears twice (first at row {first_row[index]})")
    return duplicated


def _check_summary_grain(frame, framework, collect, rows, tier, unit, evaluated) -> UnitData:
    max_points = _numbers(frame, "max_points", collect, rows)
    excluded = _numbers(frame, "excluded_points", collect, rows)
    achieved = _numbers(frame, "achieved_points", collect, rows)
    # A blank "Số điểm không đưa vào đánh giá" means nothing was excluded.
    # (For a unit not evaluated, blanks stay blank: nothing was assessed.)
    excluded = np.where(np.isnan(excluded) & ~np.isnan(max_points) & evaluated, 0.0, excluded)
    tier_codes = tier.cat.codes.to_numpy()
    unit_codes = unit.cat.codes.to_numpy()
    _duplicates(collect, rows, [tier_codes, unit_codes], "unit",
                lambda i: f"'{unit.iloc[i]}' of tier '{tier.iloc[i]}'")

    framework_max = tier.map({k: framework.tier_max_points(k) for k in framework.tiers}).astype(float).to_numpy()
    max_points = np.where(np.isnan(max_points) & ~evaluated, framework_max, max_points)
    for column, values in (("max_points", max_points), ("achieved_points", achieved)):
        empty = np.isnan(values) & evaluated & ~collect.text_cells.get(column, False)
        if empty.any():
            collect.add(rows[empty], column, "empty; an evaluated unit needs a number here")
    zero_max = (max_points <= 0) & evaluated
    if zero_max.any():
        collect.add(rows[zero_max], "max_points", "must be more than 0")
    disagree = ~np.isnan(framework_max) & ~np.isnan(max_points) & (np.abs(max_points - framework_max) > TOLERANCE)
    for index in np.flatnonzero(disagree):
        collect.add(rows[index], "max_points",
                    f"{max_points[index]:g} differs from the framework's maximum of {framework_max[index]:g} "
                    f"for tier '{tier.iloc[index]}'")
    over_max = excluded > max_points + TOLERANCE
    if over_max.any():
        for index in np.flatnonzero(over_max):
            collect.add(rows[index], "excluded_points",
                        f"{excluded[index]:g} excluded is more than the maximum {max_points[index]:g}")
    applicable = max_points - excluded
    none_applicable = (np.abs(applicable) <= TOLERANCE) & evaluated & ~over_max
    if none_applicable.any():
        collect.add(rows[none_applicable], "excluded_points",
                    "every point is excluded, so no rate can be computed: nothing applies to this unit")
    over = achieved > applicable + TOLERANCE
    for index in np.flatnonzero(over & ~over_max):
        collect.add(rows[index], "achieved_points",
                    f"{achieved[index]:g} achieved is more than the {applicable[index]:g} applicable points "
                    f"({max_points[index]:g} max − {excluded[index]:g} excluded)")
    if "applicable_points" in frame.columns:
        published = _numbers(frame, "applicable_points", collect, rows)
        wrong = ~np.isnan(published) & ~np.isnan(applicable) & (np.abs(published - applicable) > 1e-6)
        for index in np.flatnonzero(wrong):
            collect.add(rows[index], "applicable_points",
                        f"{published[index]:g} is not max_points − excluded_points = {applicable[index]:g}")
    units = pd.DataFrame({
        "tier": tier.astype(object).to_numpy(), "unit": unit.astype(object).to_numpy(),
        "max_points": max_points, "excluded_points": excluded, "achieved_points": achieved,
        "evaluated": evaluated, ROW: rows,
    })
    return UnitData(grain="summary", units=units, criteria_points=None, source=collect.table.source)


def _check_criterion_grain(frame, framework, collect, rows, tier, unit, evaluated, unknown_tier) -> UnitData:
    if not framework.criteria:
        collect.file("the data are at criterion grain (criterion, points) but the framework lists no criteria",
                     column="criterion")
        raise InputError(collect.problems)
    criterion = _names(frame["criterion"])
    points = _numbers(frame, "points", collect, rows, missing=NOT_APPLICABLE)
    by_id = {c.id: c for c in framework.criteria}
    # Work on category codes; names are looked up only for messages and per unit.
    tier_codes = tier.cat.codes.to_numpy().astype(np.int64)
    unit_codes = unit.cat.codes.to_numpy().astype(np.int64)
    crit_codes = criterion.cat.codes.to_numpy().astype(np.int64)
    tier_names, unit_names, crit_names = (np.asarray(s.cat.categories, dtype=object) for s in (tier, unit, criterion))

    # Which (criterion, tier) pairs exist: computed over distinct pairs, not rows.
    pair_codes, pair_uniques = pd.factorize(_combined_key([crit_codes, tier_codes]))
    first_of_pair = pd.Series(pair_codes).drop_duplicates().index.to_numpy()
    valid_pair = np.zeros(len(pair_uniques), dtype=bool)
    pair_max = np.full(len(pair_uniques), np.nan)
    for index, row in enumerate(first_of_pair):
        if crit_codes[row] < 0 or tier_codes[row] < 0:
            continue
        crit = by_id.get(crit_names[crit_codes[row]])
        if crit is not None and tier_names[tier_codes[row]] in crit.tiers:
            valid_pair[index] = True
            pair_max[index] = crit.max_points
    row_valid = valid_pair[pair_codes]
    row_max = pair_max[pair_codes]
    blank_criterion = crit_codes < 0
    bad = ~row_valid & ~unknown_tier & (tier_codes >= 0) & ~blank_criterion
    for index in np.flatnonzero(bad):
        crit = by_id.get(crit_names[crit_codes[index]])
        if crit is None:
            collect.add(rows[index], "criterion", f"unknown criterion '{crit_names[crit_codes[index]]}'")
        else:
            collect.add(rows[index], "criterion",
                        f"criterion '{crit.id}' does not apply to tier '{tier_names[tier_codes[index]]}' "
                        f"(it applies to: {', '.join(crit.tiers)})")
    # A not-evaluated unit may be listed with an empty criterion; anyone else needs one.
    if (blank_criterion & evaluated).any():
        collect.add(rows[blank_criterion & evaluated], "criterion", "empty criterion id")

    over = row_valid & (points > row_max + TOLERANCE)
    for index in np.flatnonzero(over):
        collect.add(rows[index], "points",
                    f"{points[index]:g} points is more than the {row_max[index]:g} maximum of "
                    f"criterion '{crit_names[crit_codes[index]]}'")

    duplicated = _duplicates(collect, rows, [tier_codes, unit_codes, crit_codes], "criterion",
                             lambda i: f"'{crit_names[crit_codes[i]]}' of unit '{unit_names[unit_codes[i]]}'")

    # One key per unit (tier, unit), numbered in order of appearance, to aggregate with bincount.
    unit_key, unit_index = pd.factorize(_combined_key([tier_codes, unit_codes]))
    n_units = len(unit_index)
    first = pd.Series(unit_key).drop_duplicates().index.to_numpy()
    counted = row_valid & ~duplicated
    unit_evaluated = np.bincount(unit_key, weights=(~evaluated).astype(float), minlength=n_units) == 0
    mixed = (np.bincount(unit_key, weights=evaluated.astype(float), minlength=n_units) > 0) & ~unit_evaluated
    for index in np.flatnonzero(mixed[unit_key] & ~evaluated):
        collect.add(rows[index], "evaluated",
                    f"unit '{unit_names[unit_codes[index]]}' is marked not evaluated here but evaluated on other rows")
    max_points = np.bincount(unit_key, weights=np.where(counted, row_max, 0.0), minlength=n_units)
    excluded = np.bincount(unit_key, weights=np.where(counted & np.isnan(points), row_max, 0.0), minlength=n_units)
    achieved = np.bincount(unit_key, weights=np.where(counted, np.nan_to_num(points), 0.0), minlength=n_units)
    n_criteria = np.bincount(unit_key, weights=counted.astype(float), minlength=n_units).astype(int)

    unit_tier = pd.Series(pd.Categorical.from_codes(tier_codes[first], categories=tier.cat.categories))
    unit_name = pd.Series(pd.Categorical.from_codes(unit_codes[first], categories=unit.cat.categories))
    per_tier = {t: len(framework.criteria_for(t)) for t in framework.tiers}
    expected = unit_tier.map(per_tier).astype(float).fillna(0).to_numpy(dtype=int)
    incomplete = (n_criteria < expected) & unit_evaluated
    for index in np.flatnonzero(incomplete):
        present = set(crit_names[crit_codes[(unit_key == index) & counted]])
        absent = [c.id for c in framework.criteria_for(unit_tier[index]) if c.id not in present]
        shown = ", ".join(absent[:10]) + (f" and {len(absent) - 10} more" if len(absent) > 10 else "")
        collect.add(rows[first[index]], "criterion",
                    f"unit '{unit_name[index]}' has no row for criteria {shown}; "
                    "add them (empty or N/A where a criterion does not apply)")
    none_applicable = unit_evaluated & (np.abs(max_points - excluded) <= TOLERANCE) & (n_criteria > 0)
    for index in np.flatnonzero(none_applicable):
        collect.add(rows[first[index]], "points",
                    f"every criterion of unit '{unit_name[index]}' is N/A, so no rate can be computed")

    tier_max = {t: framework.tier_max_points(t) for t in framework.tiers}
    framework_max = unit_tier.map(tier_max).astype(float).to_numpy()
    not_evaluated = ~unit_evaluated
    units = pd.DataFrame({
        "tier": unit_tier.astype(object).to_numpy(), "unit": unit_name.astype(object).to_numpy(),
        "max_points": np.where(not_evaluated, framework_max, max_points),
        "excluded_points": np.where(not_evaluated, np.nan, excluded),
        "achieved_points": np.where(not_evaluated, np.nan, achieved),
        "evaluated": unit_evaluated, ROW: rows[first],
    })
    groups = list(dict.fromkeys(c.group for c in framework.criteria))
    group_codes = np.array([groups.index(by_id[c].group) if c in by_id else -1 for c in crit_names], dtype=np.int64)
    keep = counted
    criteria_points = pd.DataFrame({
        "tier": pd.Categorical.from_codes(tier_codes[keep], categories=tier.cat.categories),
        "unit": pd.Categorical.from_codes(unit_codes[keep], categories=unit.cat.categories),
        "criterion": pd.Categorical.from_codes(crit_codes[keep], categories=criterion.cat.categories),
        "group": pd.Categorical.from_codes(group_codes[crit_codes[keep]] if len(group_codes) else crit_codes[keep],
                                           categories=groups),
        "max_points": row_max[keep], "points": points[keep], "evaluated": evaluated[keep],
    })
    return UnitData(grain="criterion", units=units, criteria_points=criteria_points, source=collect.table.source)
