"""What a unit needs to move up: the next level, the points still missing, where points were lost.

For a unit at a level (or under every level), the next level up is the one
just above it. The points it still needs, keeping what applies to it fixed:

- rate tiers: ``min × applicable_points − achieved_points`` (points);
- points tiers: ``min − achieved_points`` (points).

Units at the top level and units not evaluated have no next level. No I/O.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from egovnb.core.framework import Framework
from egovnb.core.validate import DECIMALS
from egovnb.insight.groups import points_by_group

GAP_COLUMNS = ("next_level", "points_to_next_level")
LOST_COLUMNS = ("tier", "unit", "group", "applicable_points", "achieved_points", "lost_points")


def gap_to_next_level(ranked: pd.DataFrame, framework: Framework) -> pd.DataFrame:
    """``ranked`` (the scores table, with or without working columns) with two columns added:
    ``next_level`` (the level name just above the unit's, None at the top level and for
    units not evaluated) and ``points_to_next_level`` (points still needed to reach it,
    > 0; NaN where there is no next level).

    A unit under every level ("Chưa đạt", "Không xếp hạng") has the lowest level as its
    next one. The points needed are rounded to 9 decimals, like the values levels are
    set from.
    """
    table = ranked.copy()
    next_level = np.full(len(table), None, dtype=object)
    needed = np.full(len(table), np.nan)
    tiers = table["tier"].to_numpy()
    levels = table["level"].to_numpy()
    achieved = table["achieved_points"].to_numpy(dtype=float)
    applicable = table["applicable_points"].to_numpy(dtype=float)
    for key, tier in framework.tiers.items():
        # The level above each level name; under every level, the lowest level.
        above = {lower.name: upper for upper, lower in zip(tier.levels, tier.levels[1:])}
        above[tier.below] = tier.levels[-1]
        for index in np.flatnonzero(tiers == key):
            target = above.get(levels[index])
            if target is None or np.isnan(achieved[index]):
                continue
            if tier.rank_by == "rate":
                gap = target.min * applicable[index] - achieved[index]
            else:
                gap = target.min - achieved[index]
            next_level[index] = target.name
            needed[index] = round(gap, DECIMALS)
    table["next_level"] = pd.Series(next_level, index=table.index, dtype=object)
    table["points_to_next_level"] = needed
    return table


def closest_to_next_level(gaps: pd.DataFrame, tier_key: str, n: int = 5) -> pd.DataFrame:
    """The ``n`` units of a tier with the fewest points to their next level (ties by rank),
    columns ``unit, level, next_level, points_to_next_level, points_available`` where
    ``points_available`` = applicable − achieved, what the unit can still earn
    (a points-tier gap larger than that cannot be closed without more criteria applying)."""
    rows = gaps[(gaps["tier"] == tier_key) & gaps["points_to_next_level"].notna()].copy()
    rows["points_available"] = rows["applicable_points"] - rows["achieved_points"]
    rows["_rank"] = rows["rank"].astype("Float64").fillna(np.inf).astype(float)
    rows = rows.sort_values(["points_to_next_level", "_rank"], kind="stable").head(n)
    return rows.loc[:, ["unit", "level", "next_level", "points_to_next_level", "points_available"]].reset_index(
        drop=True)


def lost_points_by_group(criteria_points: pd.DataFrame | None) -> pd.DataFrame:
    """Per unit and criteria group (:func:`egovnb.insight.groups.points_by_group`):
    ``applicable_points``, ``achieved_points`` and ``lost_points`` = applicable − achieved,
    all in points. Units not evaluated are left out; groups with nothing applicable are kept
    with zeros. Rows: by tier and unit as they come, groups by most points lost first (then
    group order). Empty at summary grain (``criteria_points`` None).
    """
    summed = points_by_group(criteria_points)
    summed["lost_points"] = (summed["applicable_points"] - summed["achieved_points"]).round(DECIMALS)
    unit_order = pd.factorize(pd.MultiIndex.from_arrays([summed["tier"], summed["unit"]]))[0]
    # Stable: within a unit, groups that lost as much keep their group order.
    summed = summed.assign(_unit_order=unit_order).sort_values(["_unit_order", "lost_points"],
                                                              ascending=[True, False], kind="stable")
    return summed.loc[:, list(LOST_COLUMNS)].reset_index(drop=True)


def most_lost_groups(lost: pd.DataFrame, n: int = 2) -> pd.DataFrame:
    """Per unit, the ``n`` groups where it lost the most points (only groups with a loss):
    columns ``tier, unit, groups`` ("; "-joined, most lost first) and ``lost_points``
    (their total)."""
    losing = lost[lost["lost_points"] > 0]
    top = losing.groupby(["tier", "unit"], sort=False).head(n)
    return top.groupby(["tier", "unit"], sort=False).agg(
        groups=("group", "; ".join), lost_points=("lost_points", "sum")).reset_index()
