"""Criterion- and group-grain data: a unit's points per criterion or per criteria group.

- criterion grain: ``tier, unit, criterion, points``, one row a unit and criterion;
- group grain, long: ``tier, unit, group, points``, one row a unit and group (by id or title);
- group grain, wide: one row a unit, one column a group (headed by its id or title).

An empty cell or ``N/A`` means the criterion (group) does not apply to the unit: its
maximum is excluded. All three become the same rows — one a unit and *item* (a criterion,
or a group) — checked and added up once, per unit and per criteria group.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from egovnb.core.check_tools import Collector, combined_key, duplicates, names, numbers
from egovnb.core.framework import Framework
from egovnb.core.check_summary import Sums
from egovnb.core.rules import TOLERANCE
from egovnb.core.columns import GROUP_COLUMN, NOT_APPLICABLE
from egovnb.core.checked_data import PartSums


@dataclass(frozen=True)
class Items:
    """What units get points for at this grain: criteria, or groups."""

    what: str                      # "criterion" or "group"
    plural: str
    ids: tuple[str, ...]
    group_of: np.ndarray           # item → position in framework.group_specs
    maximum: dict                  # tier → array of each item's maximum there (NaN: not in the tier)
    tiers_of: tuple[str, ...]      # per item: the tiers it applies to, for messages


def criteria_items(framework: Framework) -> Items:
    titles = [g.title for g in framework.group_specs]
    maximum = {t: np.array([c.max_points if t in c.tiers else np.nan for c in framework.criteria])
               for t in framework.tiers}
    return Items("criterion", "criteria", tuple(c.id for c in framework.criteria),
                 np.array([titles.index(c.group) for c in framework.criteria], dtype=np.int64), maximum,
                 tuple(", ".join(c.tiers) for c in framework.criteria))


def group_items(framework: Framework) -> Items:
    groups = framework.group_specs
    maximum = {}
    for tier in framework.tiers:
        own = {g.id for g in framework.tier_groups(tier)}
        maximum[tier] = np.array([framework.group_max_points(tier, g) if g.id in own else np.nan for g in groups],
                                 dtype=float)
    tiers_of = tuple(", ".join(t for t in framework.tiers if not np.isnan(maximum[t][i])) or "none"
                     for i in range(len(groups)))
    return Items("group", "groups", tuple(g.id for g in groups), np.arange(len(groups), dtype=np.int64), maximum,
                 tiers_of)


def item_codes(values: pd.Series, items: Items, framework: Framework) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per row, the item a cell names (-1: none) and the code of the cleaned name (-1: empty),
    with the names the codes point to (for messages)."""
    cleaned = names(values)
    categories = np.asarray(cleaned.cat.categories, dtype=object)
    if items.what == "group":
        found = [framework.group(name) for name in categories]
        lookup = np.array([items.ids.index(g.id) if g is not None else -1 for g in found], dtype=np.int64)
    else:
        position = {c.id: i for i, c in enumerate(framework.criteria)}
        by_title = pd.Series([c.title for c in framework.criteria]).value_counts()
        for index, criterion in enumerate(framework.criteria):
            if by_title[criterion.title] == 1:
                position.setdefault(criterion.title, index)
        lookup = np.array([position.get(name, -1) for name in categories], dtype=np.int64)
    codes = cleaned.cat.codes.to_numpy().astype(np.int64)
    return np.append(lookup, -1)[codes], codes, categories


def check_items(frame: pd.DataFrame, framework: Framework, collect: Collector, rows: np.ndarray, tier: pd.Series,
                unit: pd.Series, evaluated: np.ndarray, unknown_tier: np.ndarray, unit_key: np.ndarray,
                n_units: int, grain: str) -> tuple[Sums, pd.DataFrame]:
    """Check the rows of a criterion- or group-grain file; add them up per unit and group.

    Returns the sums (units in order of first appearance) and the criterion-grain table
    (at group grain each group is its own criterion).
    """
    items = criteria_items(framework) if grain == "criterion" else group_items(framework)
    tier_codes = tier.cat.codes.to_numpy().astype(np.int64)
    unit_codes = unit.cat.codes.to_numpy().astype(np.int64)
    if grain == "group-wide":
        # One row a unit: a unit on two rows is reported once, not once per group.
        listed_twice = duplicates(collect, rows, [tier_codes, unit_codes], "unit",
                                  lambda i: f"'{unit.iloc[i]}' of tier '{tier.iloc[i]}'")
        long = _melt_wide(frame, framework, collect, rows, tier, items, listed_twice)
        if long is None:
            return _empty(n_units, framework), pd.DataFrame()
        row_of, item, column_code, points, column_names = long
        name_code, name_list = item, np.array(items.ids, dtype=object)
        tier_codes, unit_codes, unit_key = tier_codes[row_of], unit_codes[row_of], unit_key[row_of]
        rows, evaluated, unknown_tier = rows[row_of], evaluated[row_of], unknown_tier[row_of]
    else:
        column_names = ["criterion" if grain == "criterion" else GROUP_COLUMN]
        ids = _numbers_as_ids(frame[column_names[0]], items, collect, rows, column_names[0])
        item, name_code, name_list = item_codes(ids, items, framework)
        points = None  # read once each row's maximum is known
        column_code = None

    def column(index: int) -> str:
        return column_names[0] if column_code is None else column_names[column_code[index]]

    def shown(index: int) -> str:
        return name_list[name_code[index]] if name_code[index] >= 0 else ""

    tier_names = np.asarray(tier.cat.categories, dtype=object)
    unit_names = np.asarray(unit.cat.categories, dtype=object)
    # Each item's maximum in each tier of the data: a tiers × items table, read per row.
    table = np.full((len(tier_names) + 1, len(items.ids) + 1), np.nan)
    for position, name in enumerate(tier_names):
        if name in items.maximum:
            table[position, :-1] = items.maximum[name]
    row_max = table[tier_codes, item]
    if points is None:
        points = numbers(frame, "points", collect, rows, missing=NOT_APPLICABLE, maximum=row_max)
    valid = ~np.isnan(row_max)
    blank = name_code < 0
    bad = ~valid & ~unknown_tier & (tier_codes >= 0) & ~blank
    for index in np.flatnonzero(bad):
        name, tier_name = shown(index), tier_names[tier_codes[index]]
        if item[index] < 0:
            known = "" if items.what == "criterion" else f"; the framework's groups: {', '.join(items.ids)}"
            number = _as_number(name)
            alike = [i for i in items.ids if i != name and number is not None and _as_number(i) == number]
            if alike:
                known += (f" (the framework has '{alike[0]}': did a spreadsheet turn it into a number? Format the "
                          "column as text and write the ids again)")
            collect.add(rows[index], column(index), f"unknown {items.what} '{name}'{known}")
        elif items.what == "criterion":
            collect.add(rows[index], column(index),
                        f"criterion '{items.ids[item[index]]}' does not apply to tier '{tier_name}' "
                        f"(it applies to: {items.tiers_of[item[index]]})")
        else:
            collect.add(rows[index], column(index),
                        f"points for group '{items.ids[item[index]]}', which is not a group of tier '{tier_name}' "
                        f"(it has no max_points for it; its tiers: {items.tiers_of[item[index]]})")
    # A not-evaluated unit may be listed with an empty criterion; anyone else needs one.
    if (blank & evaluated).any():
        collect.add(rows[blank & evaluated], column_names[0],
                    "empty criterion id" if items.what == "criterion" else "empty group")
    over = valid & (points > row_max + TOLERANCE)
    for index in np.flatnonzero(over):
        collect.add(rows[index], "points" if column_code is None else column(index),
                    f"{points[index]:g} points is more than the {row_max[index]:g} maximum of "
                    f"{items.what} '{shown(index)}'")
    duplicated = duplicates(collect, rows, [tier_codes, unit_codes, item], items.what,
                            lambda i: f"'{shown(i)}' of unit '{unit_names[unit_codes[i]]}'")

    counted = valid & ~duplicated
    sums = _add_up(framework, items, unit_key, n_units, counted, item, row_max, points, evaluated)
    _check_complete(framework, collect, items, rows, unit_key, n_units, counted, item, tier_codes, tier_names,
                    unit_names, unit_codes, evaluated, sums, column)
    group_titles = [g.title for g in framework.group_specs]
    item_labels = list(items.ids) if items.what == "criterion" else group_titles
    # Every row counted (a clean file): the arrays as they are, not copies of millions of rows.
    keep = slice(None) if counted.all() else counted
    criteria_points = pd.DataFrame({
        "tier": pd.Categorical.from_codes(tier_codes[keep], categories=tier.cat.categories),
        "unit": pd.Categorical.from_codes(unit_codes[keep], categories=unit.cat.categories),
        "criterion": pd.Categorical.from_codes(item[keep], categories=pd.Index(item_labels, dtype=object)),
        "group": pd.Categorical.from_codes(items.group_of[item[keep]], categories=pd.Index(group_titles, dtype=object)),
        "max_points": row_max[keep], "points": points[keep], "evaluated": evaluated[keep],
    })
    return sums, criteria_points


def _as_number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def _numbers_as_ids(values: pd.Series, items: Items, collect: Collector, rows: np.ndarray, column: str) -> pd.Series:
    """Criterion (group) ids a workbook holds as numbers, as the framework writes them: Excel
    makes the number 1.1 of ``1.10``. A number that only one id reads as is that id; one that
    several read as (``1.1`` and ``1.10``) is reported; any other is written plainly (2, not
    2.0)."""
    if isinstance(values.dtype, pd.CategoricalDtype) or not len(values):
        return values
    codes, uniques = pd.factorize(values.astype(object), use_na_sentinel=True)
    numeric = [i for i, u in enumerate(uniques) if isinstance(u, (int, float, np.number)) and not isinstance(u, bool)]
    if not numeric:
        return values
    by_number: dict[float, list[str]] = {}
    for item_id in items.ids:
        if _as_number(item_id) is not None:
            by_number.setdefault(_as_number(item_id), []).append(item_id)
    texts = np.array(list(uniques) + [None], dtype=object)
    for index in numeric:
        number = float(uniques[index])
        candidates = by_number.get(number, [])
        if len(candidates) == 1:
            texts[index] = candidates[0]
            continue
        texts[index] = f"{number:g}" if number == int(number) else repr(number)
        if len(candidates) > 1:
            collect.add(rows[codes == index], column, (
                f"the number {texts[index]} could be {items.what} " + " or ".join(f"'{c}'" for c in candidates)
                + " (a spreadsheet turns 1.10 into the number 1.1): format the column as text and write the ids"))
    return pd.Series(texts[codes], index=values.index, dtype=object)


def _empty(n_units: int, framework: Framework) -> Sums:
    nothing = np.full(n_units, np.nan)
    return Sums(nothing, nothing, nothing)


def _add_up(framework, items, keys, n_units, counted, item, row_max, points, evaluated) -> Sums:
    """Per unit and per (unit, group): maximum, excluded and achieved points."""
    n_groups = len(framework.group_specs)
    group = items.group_of[np.where(item >= 0, item, 0)]
    excluded_rows = np.where(counted & np.isnan(points), row_max, 0.0)
    achieved_rows = np.where(counted, np.nan_to_num(points), 0.0)
    max_rows = np.where(counted, row_max, 0.0)
    per_group = keys * n_groups + group
    size = n_units * n_groups
    matrices = [np.bincount(per_group, weights=values, minlength=size).reshape(n_units, n_groups)
                for values in (max_rows, excluded_rows, achieved_rows)]
    seen = np.bincount(per_group, weights=counted.astype(float), minlength=size).reshape(n_units, n_groups) > 0
    unit_evaluated = np.bincount(keys, weights=(~evaluated).astype(float), minlength=n_units) == 0
    maximum, excluded, achieved = (np.where(seen, m, np.nan) for m in matrices)
    excluded = np.where(unit_evaluated[:, None], excluded, np.nan)
    achieved = np.where(unit_evaluated[:, None], achieved, np.nan)
    groups = PartSums(tuple(g.title for g in framework.group_specs), maximum, excluded, achieved)
    totals = [matrix.sum(axis=1) for matrix in matrices]
    return Sums(totals[0], totals[1], totals[2], groups=groups)


def _check_complete(framework, collect, items, rows, keys, n_units, counted, item, tier_codes, tier_names,
                    unit_names, unit_codes, evaluated, sums: Sums, column) -> None:
    """Every evaluated unit has a row (cell) for each item of its tier, and something applies."""
    first = np.full(n_units, -1, dtype=np.int64)
    first[keys[::-1]] = np.arange(len(keys))[::-1]
    n_items = np.bincount(keys, weights=counted.astype(float), minlength=n_units).astype(int)
    unit_evaluated = np.bincount(keys, weights=(~evaluated).astype(float), minlength=n_units) == 0
    per_tier = np.array([int((~np.isnan(items.maximum.get(t, np.array([np.nan])))).sum()) for t in tier_names] + [0])
    valid_first = first >= 0
    expected = np.where(valid_first, per_tier[tier_codes[np.maximum(first, 0)]], 0)
    incomplete = (n_items < expected) & unit_evaluated
    for index in np.flatnonzero(incomplete):
        tier_name = tier_names[tier_codes[first[index]]]
        present = set(item[(keys == index) & counted].tolist())
        absent = [items.ids[i] for i in np.flatnonzero(~np.isnan(items.maximum[tier_name])) if i not in present]
        shown = ", ".join(absent[:10]) + (f" and {len(absent) - 10} more" if len(absent) > 10 else "")
        collect.add(rows[first[index]], column(first[index]),
                    f"unit '{unit_names[unit_codes[first[index]]]}' has no row for {items.plural} {shown}; "
                    f"add them (empty or N/A where a {items.what} "
                    "does not apply)")
    none_applicable = unit_evaluated & (np.abs(sums.max_points - sums.excluded_points) <= TOLERANCE) & (n_items > 0)
    for index in np.flatnonzero(none_applicable):
        collect.add(rows[first[index]], "points" if items.what == "criterion" else column(first[index]),
                    f"every {items.what} of unit '{unit_names[unit_codes[first[index]]]}' is N/A, "
                    "so no rate can be computed")


def wide_columns(columns, framework: Framework) -> dict[str, int]:
    """The data columns headed by a group's id or title (NFC, whitespace and case folded)."""
    found = {}
    for column in columns:
        group = framework.group(column)
        if group is not None:
            found[column] = [g.id for g in framework.group_specs].index(group.id)
    return found


def _melt_wide(frame, framework, collect, rows, tier, items: Items, listed_twice: np.ndarray):
    """One row a unit and group from one row a unit and one column a group: (row of each
    cell, its group, its column, its points); None when a needed column is missing.
    Rows already reported (a unit listed twice) are left out."""
    headers = wide_columns(frame.columns, framework)
    seen: dict[int, str] = {}
    for column, group in headers.items():
        if group in seen:
            collect.file(f"group '{items.ids[group]}' has two columns ('{collect.header(seen[group])}' and this one)",
                         column=column)
        seen[group] = column
    tiers_here = [t for t in pd.unique(tier.dropna()) if t in items.maximum]
    missing = False
    for position, group in enumerate(framework.group_specs):
        needed_by = [t for t in tiers_here if not np.isnan(items.maximum[t][position])]
        if needed_by and position not in seen:
            collect.file(f"no column for group '{group.id}' ({group.title}), which tier(s) "
                         f"{', '.join(needed_by)} are scored on; add a column headed '{group.title}' "
                         "(empty or N/A where it does not apply)")
            missing = True
    if missing:
        return None
    tier_codes = tier.cat.codes.to_numpy().astype(np.int64)
    tier_names = list(tier.cat.categories)
    parts = []
    column_names = list(seen.values())
    for code, (group, column) in enumerate(seen.items()):
        maximum = np.array([items.maximum[t][group] if t in items.maximum else np.nan
                            for t in tier_names] + [np.nan])[tier_codes]
        values = numbers(frame, column, collect, rows, missing=NOT_APPLICABLE, maximum=maximum)
        in_tier = np.array([not np.isnan(items.maximum[t][group]) if t in items.maximum else True
                            for t in tier_names] + [True])[tier_codes]
        # A group a tier is not scored on is left empty on that tier's rows.
        keep = np.flatnonzero((in_tier | ~np.isnan(values)) & ~listed_twice)
        parts.append((keep, np.full(len(keep), group), np.full(len(keep), code), values[keep]))
    if not parts:
        return None
    row_of, item, column, points = (np.concatenate(p) for p in zip(*parts))
    # Rows stay in file order, groups in framework order within a row.
    order = np.lexsort((item, row_of))
    return row_of[order], item[order].astype(np.int64), column[order], points[order], column_names


def unit_keys(tier: pd.Series, unit: pd.Series) -> tuple[np.ndarray, int]:
    """One key per row for its unit (tier, unit), numbered in order of first appearance."""
    key, index = pd.factorize(combined_key([tier.cat.codes.to_numpy(), unit.cat.codes.to_numpy()]))
    return key.astype(np.int64), len(index)
