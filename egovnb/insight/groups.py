"""Points per criteria group (nhóm tiêu chí): the one place that sums criteria into groups.

Gaps (points lost per group), the report's heat map and the scorecard's group
comparison all start from :func:`points_by_group`; :func:`share_earned` is the
share of applicable points a unit (or a tier) earned. No I/O.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

GROUP_POINTS_COLUMNS = ("tier", "unit", "group", "applicable_points", "achieved_points")


def points_by_group(criteria_points: pd.DataFrame | None) -> pd.DataFrame:
    """Per evaluated unit and criteria group: ``applicable_points`` (the max points of the
    group's criteria that apply to the unit) and ``achieved_points``, both in points.

    Takes the criterion-grain table of an assessment (``tier, unit, criterion, group,
    max_points, points, evaluated``; points NaN = the criterion does not apply). Units not
    evaluated are left out; a group with nothing applicable is kept with zeros. Rows: units in
    the order they come, each unit's groups in the order groups first come in the table.
    Empty at summary grain (``criteria_points`` None).
    """
    if criteria_points is None or criteria_points.empty:
        return pd.DataFrame({c: pd.Series(dtype=object if c in ("tier", "unit", "group") else float)
                             for c in GROUP_POINTS_COLUMNS})
    points = criteria_points[criteria_points["evaluated"].to_numpy(dtype=bool)]
    applies = points["points"].notna().to_numpy()
    frame = pd.DataFrame({
        "tier": points["tier"].astype(object).to_numpy(), "unit": points["unit"].astype(object).to_numpy(),
        "group": points["group"].astype(object).to_numpy(),
        "applicable_points": np.where(applies, points["max_points"].to_numpy(dtype=float), 0.0),
        "achieved_points": np.nan_to_num(points["points"].to_numpy(dtype=float)),
    })
    frame["_group_order"] = pd.factorize(frame["group"])[0]
    frame["_unit_order"] = pd.factorize(pd.MultiIndex.from_arrays([frame["tier"], frame["unit"]]))[0]
    summed = frame.groupby(["_unit_order", "tier", "unit", "_group_order", "group"], sort=False, observed=True)[
        ["applicable_points", "achieved_points"]].sum().reset_index()
    summed = summed.sort_values(["_unit_order", "_group_order"], kind="stable")
    return summed.loc[:, list(GROUP_POINTS_COLUMNS)].reset_index(drop=True)


def share_earned(achieved: pd.Series, applicable: pd.Series) -> pd.Series:
    """Achieved ÷ applicable points, a fraction 0..1; NaN where nothing applies (applicable 0)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return achieved / applicable.where(applicable > 0)
