"""What a unit needs to move up: the next level, the points still missing, where points were lost.

For a unit at a level (or under every level), the next level up is the one
just above it. What it still needs, keeping what applies to it fixed:

- rate tiers: ``min × applicable_points − achieved_points`` (points);
- points tiers: ``min − achieved_points`` (points);
- index tiers: ``min − index`` (index, 0..1);
- ``level_by: lowest``: the same, in each component that holds the unit back, added up.

Units at the top level, units not evaluated, units kept out of the ranking (``ranked:
no``) and tiers without levels have no next level. No I/O.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from egovnb.core import rules
from egovnb.core.framework import Framework, Tier
from egovnb.core.ranking import component_value, kept_out_of_ranking
from egovnb.core.rules import DECIMALS
from egovnb.insight.groups import points_by_group

GAP_COLUMNS = ("next_level", "points_to_next_level")
LOST_COLUMNS = ("tier", "unit", "group", "applicable_points", "achieved_points", "lost_points")


def gap_to_next_level(ranked: pd.DataFrame, framework: Framework) -> pd.DataFrame:
    """``ranked`` (the scores table, with or without working columns) with two columns added:
    ``next_level`` (the level name just above the unit's, None at the top level, for
    units not evaluated and in tiers without levels) and ``points_to_next_level`` (what
    it still needs to reach it, > 0; NaN where there is no next level).

    A unit under every level ("Chưa đạt", "Không xếp hạng") has the lowest level as its
    next one. Rate and points tiers need points; an index tier needs index (0..1:
    ``min − index``). Under ``level_by: lowest`` the next level is the one above the
    unit's lowest component level, and the points are those the components that hold
    it back (:func:`holding_components`) need to get there, added up. Rounded to 9
    decimals, like the values levels are set from.
    """
    table = ranked.copy()
    next_level, needed, _ = _gaps(ranked, framework)
    table["next_level"] = pd.Series(next_level, index=table.index, dtype=object)
    table["points_to_next_level"] = needed
    return table


def holding_components(ranked: pd.DataFrame, framework: Framework) -> pd.Series:
    """Under ``level_by: lowest``, the components that hold each unit at its level (under
    its next one): their keys, "; "-joined, in framework order; None for other units and
    for units at the top level."""
    return pd.Series(_gaps(ranked, framework)[2], index=ranked.index, dtype=object)


def _gaps(ranked: pd.DataFrame, framework: Framework) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    next_level = np.full(len(ranked), None, dtype=object)
    needed = np.full(len(ranked), np.nan)
    holding = np.full(len(ranked), None, dtype=object)
    tiers = ranked["tier"].to_numpy()
    levels = ranked["level"].to_numpy()
    achieved = ranked["achieved_points"].to_numpy(dtype=float)
    applicable = ranked["applicable_points"].to_numpy(dtype=float)
    index = ranked["index"].to_numpy(dtype=float) if "index" in ranked.columns else np.full(len(ranked), np.nan)
    levelled = ~np.isnan(achieved) & ~kept_out_of_ranking(ranked)  # a unit kept out of the ranking has no level
    for key, tier in framework.tiers.items():
        rows = np.flatnonzero((tiers == key) & levelled)
        if not len(rows):
            continue
        if tier.level_by == "lowest":
            _lowest_gaps(ranked.iloc[rows], tier, rows, next_level, needed, holding)
            continue
        above = rules.level_above(tier)
        targets = [above.get(levels[row]) for row in rows]
        rows = np.array([row for row, target in zip(rows, targets) if target is not None], dtype=np.int64)
        targets = [target for target in targets if target is not None]
        if not len(rows):
            continue
        minima = np.array([target.min for target in targets], dtype=float)
        next_level[rows] = [target.name for target in targets]
        needed[rows] = rules.points_to_reach(tier.rank_by, minima, achieved[rows], applicable[rows], index[rows])
    return next_level, needed, holding


def _lowest_gaps(units: pd.DataFrame, tier: Tier, rows: np.ndarray, next_level, needed, holding) -> None:
    """``level_by: lowest``: fill the next level, the points to it and the holding components
    of ``units`` (the tier's evaluated units, at ``rows`` of the whole table)."""
    positions, minima = [], []
    for component in tier.components:
        value = component_value(units, component.key, component.rank_by)
        positions.append(rules.level_index(value, rules.thresholds(component)))
        minima.append(rules.thresholds(component))
    worst, held, under = rules.lowest_position(np.column_stack(positions), [len(m) for m in minima])
    moving = under | (worst > 0)
    first = held.argmax(axis=1)
    total = np.zeros(len(units))
    for column, component in enumerate(tier.components):
        target = np.clip(np.where(under, len(minima[column]) - 1, worst - 1), 0, None)
        gap = rules.points_to_reach(component.rank_by, minima[column][target],
                                    units[f"{component.key}_achieved_points"].to_numpy(dtype=float),
                                    units[f"{component.key}_applicable_points"].to_numpy(dtype=float),
                                    units.get(f"_{component.key}_index", pd.Series(np.nan, index=units.index))
                                    .to_numpy(dtype=float))
        total += np.where(held[:, column] & moving, gap, 0.0)
    for position, row in enumerate(rows):
        if not moving[position]:
            continue
        component = tier.components[first[position]]
        target = len(component.levels) - 1 if under[position] else worst[position] - 1
        next_level[row] = component.levels[target].name
        needed[row] = rules.tie_rounded(total[position])
        holding[row] = "; ".join(c.key for c, h in zip(tier.components, held[position]) if h)


def closest_to_next_level(gaps: pd.DataFrame, tier_key: str, n: int = 5,
                          framework: Framework | None = None) -> pd.DataFrame:
    """The ``n`` units of a tier with the fewest points to their next level (ties by rank),
    columns ``unit, level, next_level, points_to_next_level, points_available, holding`` where
    ``points_available`` = applicable − achieved, what the unit can still earn (a
    points-tier gap larger than that cannot be closed without more criteria applying).
    With the ``framework`` of a ``level_by: lowest`` tier, ``holding`` names the components
    that hold each unit back (see :func:`holding_components`) and ``points_available`` is
    what those components can still earn; else ``holding`` is empty."""
    rows = gaps[(gaps["tier"] == tier_key) & gaps["points_to_next_level"].notna()].copy()
    rows["points_available"] = rows["applicable_points"] - rows["achieved_points"]
    rows["holding"] = None
    tier = framework.tiers.get(tier_key) if framework is not None else None
    if tier is not None and tier.level_by == "lowest" and len(rows):
        rows["holding"] = holding_components(rows, framework).to_numpy()
        rows["points_available"] = [
            sum(row[f"{key}_applicable_points"] - row[f"{key}_achieved_points"] for key in held.split("; "))
            if isinstance(held, str) else np.nan for held, (_, row) in zip(rows["holding"], rows.iterrows())]
    rows["_rank"] = rows["rank"].astype("Float64").fillna(np.inf).astype(float)
    rows = rows.sort_values(["points_to_next_level", "_rank"], kind="stable").head(n)
    return rows.loc[:, ["unit", "level", "next_level", "points_to_next_level", "points_available",
                        "holding"]].reset_index(drop=True)


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
