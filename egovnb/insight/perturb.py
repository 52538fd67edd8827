"""The draws of the sensitivity analysis: one tier's units rescored under many perturbed
weights and thresholds at once, as draws × units matrices. No I/O.

A tier's units are given as points per *part* of their score (criteria groups at group
and criterion grain; components, or the whole score, at summary grain). Each draw weighs
the parts (:func:`values`) and moves the thresholds; levels, ``level_by: lowest`` and
competition ranks then follow the same rules as the assessment (:mod:`egovnb.core.rules`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from egovnb.core import rules


@dataclass(frozen=True)
class RuleInput:
    """A tier's or a component's level rule over some of the tier's parts."""

    rank_by: str
    members: np.ndarray           # bool per part: the parts this value is made of
    thresholds: np.ndarray        # highest first
    level_names: tuple[str, ...]  # its levels (highest first)


@dataclass(frozen=True)
class TierInput:
    """One tier's evaluated units as matrices: ``achieved`` and ``applicable`` points per
    unit and part (units × parts), each part's maximum, and the tier's rules.

    ``level_names`` are the names a unit of the tier can get (levels, then ``below``;
    empty for a tier without levels); ``index_weights`` the groups' own weights (index
    tiers); ``partition`` one code a unit (its ``rank_within`` value)."""

    key: str
    units: tuple[str, ...]
    achieved: np.ndarray
    applicable: np.ndarray
    group_max: np.ndarray
    rank_by: str
    thresholds: np.ndarray
    level_names: tuple[str, ...]
    index_weights: np.ndarray | None = None
    components: tuple[RuleInput, ...] = ()
    level_by: str = "total"
    rank_below: bool = True
    partition: np.ndarray | None = None


def scaled_weights(tier: TierInput, weights: np.ndarray) -> np.ndarray:
    """Draw weights rescaled so each component's maximum (the tier's, without components)
    stays the same in every draw: points thresholds keep their meaning."""
    sets = [c.members for c in tier.components] or [np.ones(len(tier.group_max), dtype=bool)]
    rest = ~np.any(sets, axis=0)
    if rest.any():
        sets.append(rest)
    scaled = weights.copy()
    for members in sets:
        maximum = tier.group_max[members]
        if maximum.sum() <= 0:
            continue  # parts outside the tier: nothing to keep
        scale = maximum.sum() / (weights[:, members] @ maximum)
        scaled[:, members] = weights[:, members] * scale[:, None]
    return scaled


def values(tier: TierInput, rank_by: str, members: np.ndarray, weights: np.ndarray, scaled: np.ndarray) -> np.ndarray:
    """Draws × units: the value (points, rate or index) made of the ``members`` parts."""
    if rank_by == "index":
        index_weights = weights * np.where(members, tier.index_weights, 0.0)[None, :]
        return rules.tie_rounded(rules.weighted_index(tier.achieved, tier.applicable, index_weights))
    if members.all():
        scaled_here, achieved_here, applicable_here = scaled, tier.achieved, tier.applicable
    else:
        scaled_here = scaled[:, members]
        achieved_here, applicable_here = tier.achieved[:, members], tier.applicable[:, members]
    achieved = scaled_here @ achieved_here.T
    if rank_by == "points":
        return rules.tie_rounded(achieved)
    applicable = scaled_here @ applicable_here.T
    return rules.tie_rounded(achieved / applicable)


def shifted(thresholds: np.ndarray, shift: np.ndarray, rank_by: str) -> np.ndarray:
    """Thresholds moved by ``shift`` (percentage points for rates and indices, points for
    points), re-sorted so levels keep their order: draws × levels, highest first."""
    scale = 1.0 if rank_by == "points" else 0.01
    return -np.sort(-(thresholds[None, :] + shift * scale), axis=1)


def draw_tier(tier: TierInput, weights: np.ndarray, shift: np.ndarray,
              component_shifts: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Ranks (draws × units, NaN: no rank) and level positions in ``tier.level_names``
    (draws × units, -1: no level) of the tier's units under each draw."""
    everything = np.ones(len(tier.group_max), dtype=bool)
    scaled = scaled_weights(tier, weights) if tier.rank_by != "index" or tier.components else weights
    value = values(tier, tier.rank_by, everything, weights, scaled)
    draws, units = value.shape
    if tier.level_by == "lowest":
        positions = np.stack([rules.level_index(values(tier, c.rank_by, c.members, weights, scaled),
                                                shifted(c.thresholds, s, c.rank_by))
                              for c, s in zip(tier.components, component_shifts)], axis=-1)
        worst, holding, under = rules.lowest_position(positions, [len(c.thresholds) for c in tier.components])
        names = np.array([[tier.level_names.index(name) for name in c.level_names]
                          + [len(tier.level_names) - 1] * (positions.max() + 1 - len(c.level_names))
                          for c in tier.components])
        first = holding.argmax(axis=-1)
        level = np.where(under, len(tier.level_names) - 1, names[first, np.minimum(worst, names.shape[1] - 1)])
    elif len(tier.thresholds):
        level = rules.level_index(value, shifted(tier.thresholds, shift, tier.rank_by))
        under = level == len(tier.thresholds)
    else:
        level = np.full((draws, units), -1)
        under = np.zeros((draws, units), dtype=bool)
    ranked = np.where(under & (not tier.rank_below), np.nan, value)
    return rules.competition_ranks(ranked, tier.partition), level
