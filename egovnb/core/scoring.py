"""Scoring: applicable points, rate and converted points of each unit, its index, and its
points per component. No I/O."""

from __future__ import annotations

import numpy as np
import pandas as pd

from egovnb.core.framework import Framework
from egovnb.core.rules import weighted_index
from egovnb.core.columns import INDEX
from egovnb.core.checked_data import UnitData


def score_units(unit_data: UnitData | pd.DataFrame, framework: Framework | None = None) -> pd.DataFrame:
    """The units with ``applicable_points``, ``rate`` (fraction 0..1) and ``converted_points``
    (points) added; then, where the framework uses them, ``index`` (0..1, for units of
    ``rank_by: index`` tiers) and per component key K ``K_achieved_points``,
    ``K_applicable_points`` and ``K_rate`` (for units of tiers with that component).

    Rate, converted points and index are left empty (NaN) for units that were not
    evaluated. A component ranked by index also gets a working column ``_K_index``.
    ``unit_data`` may be a plain units table (one row a unit), scored without methods.
    """
    units = unit_data.units if isinstance(unit_data, UnitData) else unit_data
    scored = units.copy()
    applicable = scored["max_points"] - scored["excluded_points"]
    evaluated = scored["evaluated"].to_numpy(dtype=bool)
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = np.where(evaluated, scored["achieved_points"] / applicable, np.nan)
    scored["applicable_points"] = applicable
    scored["rate"] = rate
    scored["converted_points"] = rate * scored["max_points"]
    if framework is None or not isinstance(unit_data, UnitData):
        return scored
    tiers = scored["tier"].to_numpy(dtype=object)
    if framework.uses_index():
        scored[INDEX.name] = _index(unit_data, framework, tiers, evaluated, None,
                                    {k for k, t in framework.tiers.items() if t.rank_by == "index"})
    parts = unit_data.components
    if parts is not None:
        for key in parts.keys:
            column = parts.column(key)
            achieved = np.where(evaluated, parts.achieved_points[:, column], np.nan)
            part_applicable = np.where(evaluated, parts.applicable_points[:, column], np.nan)
            scored[f"{key}_achieved_points"] = achieved
            scored[f"{key}_applicable_points"] = part_applicable
            with np.errstate(divide="ignore", invalid="ignore"):
                scored[f"{key}_rate"] = achieved / part_applicable
            by_index = {k for k, t in framework.tiers.items() for c in t.components
                        if c.key == key and c.rank_by == "index"}
            if by_index:
                scored[f"_{key}_index"] = _index(unit_data, framework, tiers, evaluated, key, by_index)
    return scored


def _index(unit_data: UnitData, framework: Framework, tiers: np.ndarray, evaluated: np.ndarray,
           component: str | None, index_tiers: set[str]) -> np.ndarray:
    """The index of each evaluated unit of ``index_tiers`` (over the groups of ``component``,
    or all groups); NaN elsewhere."""
    result = np.full(len(tiers), np.nan)
    groups = unit_data.groups
    if groups is None:
        return result
    weights = np.array(framework.group_weights(component), dtype=float)
    rows = np.isin(tiers, list(index_tiers)) & evaluated
    result[rows] = weighted_index(groups.achieved_points[rows], groups.applicable_points[rows], weights)
    return result
