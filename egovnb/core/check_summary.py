"""Summary-grain data: one row a unit (``max_points, excluded_points, achieved_points``), or
one row a unit and component where its tier has components (a ``component`` column naming
the component by key or label)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from egovnb.core.check_tools import Collector, duplicates, numbers
from egovnb.core.framework import Framework
from egovnb.core.rules import TOLERANCE
from egovnb.core.columns import COMPONENT_COLUMN
from egovnb.core.text import clean_name
from egovnb.core.checked_data import PartSums


@dataclass(frozen=True)
class Sums:
    """Per unit (in order of first appearance): points, and the points per part."""

    max_points: np.ndarray
    excluded_points: np.ndarray
    achieved_points: np.ndarray
    groups: PartSums | None = None
    components: PartSums | None = None


def component_codes(frame: pd.DataFrame, framework: Framework, collect: Collector, rows: np.ndarray,
                    tier: pd.Series) -> np.ndarray:
    """Per row, the position of its component in ``framework.component_keys()`` (-1: none).

    A tier with components needs the component named on each row (key or label, case
    aside); a tier without components takes none."""
    keys = list(framework.component_keys())
    codes = np.full(len(frame), -1, dtype=np.int64)
    with_components = {k for k, t in framework.tiers.items() if t.components}
    tiers_here = [t for t in pd.unique(tier.dropna()) if t in with_components]
    if COMPONENT_COLUMN not in frame.columns:
        for key in tiers_here:
            spec = framework.tiers[key]
            collect.file(f"missing column '{COMPONENT_COLUMN}': tier '{key}' has components "
                         f"({', '.join(c.key for c in spec.components)}); write one row a unit and component")
        return codes
    cells = frame[COMPONENT_COLUMN].astype(object).to_numpy()
    tiers = tier.astype(object).to_numpy()
    for index, (tier_key, cell) in enumerate(zip(tiers, cells)):
        name = clean_name("" if cell is None or cell != cell else cell)
        spec = framework.tiers.get(tier_key)
        if spec is None:
            continue
        if not spec.components:
            if name:
                collect.add(rows[index], COMPONENT_COLUMN, f"tier '{tier_key}' has no components; leave this empty")
            continue
        found = next((c for c in spec.components if name in (c.key, c.label)), None) or next(
            (c for c in spec.components if name.lower() in (c.key.lower(), c.label.lower())), None)
        if found is None:
            known = ", ".join(f"{c.key} ({c.label})" for c in spec.components)
            what = f"unknown component '{name}'" if name else "empty component"
            collect.add(rows[index], COMPONENT_COLUMN, f"{what}; tier '{tier_key}' has components: {known}")
            continue
        codes[index] = keys.index(found.key)
    return codes


def check_summary(frame: pd.DataFrame, framework: Framework, collect: Collector, rows: np.ndarray,
                  tier: pd.Series, unit: pd.Series, evaluated: np.ndarray, unit_key: np.ndarray,
                  n_units: int) -> Sums:
    """Check summary rows and add them up per unit (``unit_key``: the unit of each row)."""
    component = component_codes(frame, framework, collect, rows, tier)
    keys = framework.component_keys()
    tier_max = {k: framework.tier_max_points(k) for k in framework.tiers}
    component_max = {(k, c.key): framework.component_max_points(k, c.key)
                     for k, t in framework.tiers.items() for c in t.components}
    tiers = tier.astype(object).to_numpy()
    framework_max = np.array([component_max.get((t, keys[c])) if c >= 0 else tier_max.get(t)
                              for t, c in zip(tiers, component)], dtype=float)
    # Each row's maximum settles a "1.000" that only one reading fits.
    max_points = numbers(frame, "max_points", collect, rows, maximum=framework_max)
    allowed = np.where(np.isnan(max_points), framework_max, max_points)
    # A lone dash among excluded points is 0 whether it is an accounting zero or "none excluded".
    excluded = numbers(frame, "excluded_points", collect, rows, maximum=allowed, dash_is_zero=True)
    achieved = numbers(frame, "achieved_points", collect, rows, maximum=allowed)
    # A blank "Số điểm không đưa vào đánh giá" means nothing was excluded.
    # (For a unit not evaluated, blanks stay blank: nothing was assessed.)
    excluded = np.where(np.isnan(excluded) & ~np.isnan(max_points) & evaluated, 0.0, excluded)
    duplicates(collect, rows, [tier.cat.codes.to_numpy(), unit.cat.codes.to_numpy(), component],
               "unit", lambda i: f"'{unit.iloc[i]}' of tier '{tier.iloc[i]}'"
               + (f" (component '{keys[component[i]]}')" if component[i] >= 0 else ""))
    max_points = np.where(np.isnan(max_points) & ~evaluated, framework_max, max_points)
    for column, values in (("max_points", max_points), ("achieved_points", achieved)):
        empty = np.isnan(values) & evaluated & ~collect.text_cells.get(column, False) & ~collect.reported(rows, column)
        if empty.any():
            collect.add(rows[empty], column, "empty; an evaluated unit needs a number here")
    zero_max = (max_points <= 0) & evaluated
    if zero_max.any():
        collect.add(rows[zero_max], "max_points", "must be more than 0")
    disagree = ~np.isnan(framework_max) & ~np.isnan(max_points) & (np.abs(max_points - framework_max) > TOLERANCE)
    for index in np.flatnonzero(disagree):
        of = f"component '{keys[component[index]]}' of " if component[index] >= 0 else ""
        collect.add(rows[index], "max_points",
                    f"{max_points[index]:g} differs from the framework's maximum of {framework_max[index]:g} "
                    f"for {of}tier '{tier.iloc[index]}'")
    over_max = excluded > max_points + TOLERANCE
    for index in np.flatnonzero(over_max):
        collect.add(rows[index], "excluded_points",
                    f"{excluded[index]:g} excluded is more than the maximum {max_points[index]:g}")
    applicable = max_points - excluded
    none_applicable = (np.abs(applicable) <= TOLERANCE) & evaluated & ~over_max
    if none_applicable.any():
        collect.add(rows[none_applicable & (component < 0)], "excluded_points",
                    "every point is excluded, so no rate can be computed: nothing applies to this unit")
        collect.add(rows[none_applicable & (component >= 0)], "excluded_points",
                    "every point of this component is excluded, so it has no rate and no level")
    over = achieved > applicable + TOLERANCE
    for index in np.flatnonzero(over & ~over_max):
        collect.add(rows[index], "achieved_points",
                    f"{achieved[index]:g} achieved is more than the {applicable[index]:g} applicable points "
                    f"({max_points[index]:g} max − {excluded[index]:g} excluded)")
    if "applicable_points" in frame.columns:
        published = numbers(frame, "applicable_points", collect, rows, maximum=allowed)
        wrong = ~np.isnan(published) & ~np.isnan(applicable) & (np.abs(published - applicable) > 1e-6)
        for index in np.flatnonzero(wrong):
            collect.add(rows[index], "applicable_points",
                        f"{published[index]:g} is not max_points − excluded_points = {applicable[index]:g}")

    if not keys:  # one row a unit: nothing to add up
        return Sums(max_points=_first(unit_key, n_units, max_points), excluded_points=_first(
            unit_key, n_units, excluded), achieved_points=_first(unit_key, n_units, achieved))
    parts = _component_sums(keys, component, unit_key, n_units, max_points, excluded, achieved)
    present = np.zeros((n_units, len(keys)), dtype=bool)
    present[unit_key[component >= 0], component[component >= 0]] = True
    _check_complete(framework, collect, rows, tiers, unit, unit_key, keys, present)
    totals = [_sum_if_known(unit_key, n_units, values) for values in (max_points, excluded, achieved)]
    return Sums(*totals, components=parts)


def _first(unit_key: np.ndarray, n_units: int, values: np.ndarray) -> np.ndarray:
    result = np.full(n_units, np.nan)
    result[unit_key[::-1]] = values[::-1]  # the first row of each unit wins
    return result


def _sum_if_known(unit_key: np.ndarray, n_units: int, values: np.ndarray) -> np.ndarray:
    """Σ per unit; NaN when any of the unit's rows is empty."""
    total = np.bincount(unit_key, weights=np.nan_to_num(values), minlength=n_units)
    unknown = np.bincount(unit_key, weights=np.isnan(values).astype(float), minlength=n_units) > 0
    return np.where(unknown, np.nan, total)


def _component_sums(keys, component, unit_key, n_units, max_points, excluded, achieved) -> PartSums:
    matrices = []
    for values in (max_points, excluded, achieved):
        matrix = np.full((n_units, len(keys)), np.nan)
        known = component >= 0
        matrix[unit_key[known], component[known]] = values[known]
        matrices.append(matrix)
    return PartSums(tuple(keys), *matrices)


def _check_complete(framework, collect, rows, tiers, unit, unit_key, keys, present: np.ndarray) -> None:
    """Every unit of a tier with components has a row for each of them (``present``: units × keys)."""
    first = np.full(len(present), -1, dtype=np.int64)
    first[unit_key[::-1]] = np.arange(len(unit_key))[::-1]
    for index in range(len(present)):
        spec = framework.tiers.get(tiers[first[index]])
        if spec is None or not spec.components:
            continue
        absent = [f"'{c.key}' ({c.label})" for c in spec.components if not present[index, keys.index(c.key)]]
        if absent:
            collect.add(rows[first[index]], COMPONENT_COLUMN,
                        f"unit '{unit.iloc[first[index]]}' has no row for component {', '.join(absent)}; "
                        "write one row a unit and component")
