"""Units taken together: the rate and level of predecessors merged into one unit.

When communes merge, last year's figures of the new unit are those of its
predecessors combined as one unit: rate = Σ achieved ÷ Σ applicable points of the
evaluated ones, and the level that combined unit reaches under that year's rule of its
tier. The same rule gives every method its level:

- rate tiers: the combined rate against the thresholds;
- points tiers: the combined rate × the tier's maximum points;
- index tiers: the index of the predecessors' summed points per criteria group;
- ``level_by: lowest``: each component combined the same way (its points summed), and
  the lowest of their levels;
- tiers without levels: no level.

Such a combined unit was never ranked, so it has no rank. No I/O.
"""

from __future__ import annotations

import numpy as np

from egovnb.core import rules
from egovnb.core.framework import NOT_EVALUATED, Tier
from egovnb.core.checked_data import PartSums


def combined_rate_and_level(assessment, keys: list[tuple[str, str]]) -> tuple[float, str | None]:
    """Rate (Σ achieved ÷ Σ applicable of the evaluated units ``keys``, (tier, unit) pairs
    of ``assessment``) and the level it reaches (None across tiers, or where the rule
    cannot be applied: a points tier without a known maximum)."""
    units = assessment.unit_data.units
    position = {key: index for index, key in enumerate(zip(units["tier"], units["unit"]))}
    rows = np.array([position[key] for key in keys], dtype=np.int64)
    rows = rows[units["evaluated"].to_numpy(dtype=bool)[rows]]
    if not len(rows):
        return np.nan, NOT_EVALUATED
    achieved = float(units["achieved_points"].to_numpy(dtype=float)[rows].sum())
    applicable = float((units["max_points"] - units["excluded_points"]).to_numpy(dtype=float)[rows].sum())
    rate = achieved / applicable
    framework = assessment.framework
    tiers = {tier for tier, _ in keys}
    if len(tiers) != 1 or next(iter(tiers)) not in framework.tiers:
        return rate, None
    tier = framework.tiers[next(iter(tiers))]
    if not tier.has_levels:
        return rate, None
    if tier.level_by == "lowest":
        return rate, _lowest(assessment, tier, rows)
    if tier.rank_by == "index":
        value = _index(assessment, rows, None)
    elif tier.rank_by == "points":
        maximum = framework.tier_max_points(tier.key)
        if maximum is None:
            return rate, None
        value = rate * maximum
    else:
        value = rate
    return rate, rules.level_of([value], tier)[0]


def _summed(parts: PartSums, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Σ achieved, Σ applicable and the largest maximum of each part over ``rows``."""
    return (np.nansum(parts.achieved_points[rows], axis=0), np.nansum(parts.applicable_points[rows], axis=0),
            np.nanmax(np.nan_to_num(parts.max_points[rows]), axis=0))


def _index(assessment, rows: np.ndarray, component: str | None) -> float:
    groups = assessment.unit_data.groups
    weights = np.array(assessment.framework.group_weights(component))
    achieved, applicable, _ = _summed(groups, rows)
    return float(rules.weighted_index(achieved[None, :], applicable[None, :], weights)[0])


def _lowest(assessment, tier: Tier, rows: np.ndarray) -> str:
    """The lowest of the combined components' levels (``below`` under any lowest threshold)."""
    parts = assessment.unit_data.components
    achieved, applicable, maxima = _summed(parts, rows)
    positions = []
    for component in tier.components:
        column = parts.column(component.key)
        rate = achieved[column] / applicable[column]
        if component.rank_by == "index":
            value = _index(assessment, rows, component.key)
        elif component.rank_by == "points":
            maximum = assessment.framework.component_max_points(tier.key, component.key)
            value = rate * (maximum if maximum is not None else maxima[column])
        else:
            value = rate
        positions.append(rules.level_index([value], rules.thresholds(component))[0])
    worst, holding, under = rules.lowest_position(np.array([positions]), [len(c.levels) for c in tier.components])
    if under[0]:
        return tier.below
    return tier.components[int(holding[0].argmax())].levels[int(worst[0])].name


def combined_index(assessment, keys: list[tuple[str, str]]) -> float:
    """The index (0..1) of the evaluated units ``keys`` of ``assessment`` taken as one unit:
    their points summed per criteria group, weighted as the tier's index is; NaN when none
    was evaluated."""
    units = assessment.unit_data.units
    position = {key: index for index, key in enumerate(zip(units["tier"], units["unit"]))}
    rows = np.array([position[key] for key in keys], dtype=np.int64)
    rows = rows[units["evaluated"].to_numpy(dtype=bool)[rows]]
    return _index(assessment, rows, None) if len(rows) else np.nan
