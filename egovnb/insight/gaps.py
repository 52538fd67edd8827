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
from egovnb.core import rules
from egovnb.core.rules import DECIMALS

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
        above = rules.level_above(tier)
        rows = np.flatnonzero((tiers == key) & ~np.isnan(achieved))
        targets = [above.get(levels[index]) for index in rows]
        rows = np.array([index for index, target in zip(rows, targets) if target is not None], dtype=np.int64)
        targets = [target for target in targets if target is not None]
        if not len(rows):
            continue
        minima = np.array([target.min for target in targets], dtype=float)
        next_level[rows] = [target.name for target in targets]
        needed[rows] = rules.points_to_reach(tier.rank_by, minima, achieved[rows], applicable[rows])
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
    """Per unit and criteria group: ``applicable_points`` (max of the criteria that apply),
    ``achieved_points`` and ``lost_points`` = applicable − achieved, all in points.

    Takes the criterion-grain table of an assessment (``tier, unit, criterion,
    group, max_points, points, evaluated``; points NaN = not applicable). Units
    not evaluated are left out; groups with nothing applicable are kept with
    zeros. Rows: by tier and unit as they come, groups by most points lost
    first (then group order). Empty at summary grain (``criteria_points`` None).
    """
    if criteria_points is None or criteria_points.empty:
        return pd.DataFrame({c: pd.Series(dtype=object if c in ("tier", "unit", "group") else float)
                             for c in LOST_COLUMNS})
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
    summed["lost_points"] = (summed["applicable_points"] - summed["achieved_points"]).round(DECIMALS)
    summed = summed.sort_values(["_unit_order", "lost_points", "_group_order"], ascending=[True, False, True],
                                kind="stable")
    return summed.loc[:, list(LOST_COLUMNS)].reset_index(drop=True)


def most_lost_groups(lost: pd.DataFrame, n: int = 2) -> pd.DataFrame:
    """Per unit, the ``n`` groups where it lost the most points (only groups with a loss):
    columns ``tier, unit, groups`` ("; "-joined, most lost first) and ``lost_points``
    (their total)."""
    losing = lost[lost["lost_points"] > 0]
    top = losing.groupby(["tier", "unit"], sort=False).head(n)
    return top.groupby(["tier", "unit"], sort=False).agg(
        groups=("group", "; ".join), lost_points=("lost_points", "sum")).reset_index()
