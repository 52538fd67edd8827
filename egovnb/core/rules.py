"""The rules of docs/contract.md that several stages apply, each written once. No I/O.

- **Ties**: two values are equal when they agree to 9 decimal places
  (:data:`DECIMALS`); every value is rounded so before it is ranked or levelled.
- **The value ranked**: the rate (0..1), the achieved points, or the index (0..1: the
  weighted mean of group rates), per ``rank_by``.
- **Levels**: the first level (highest first) whose ``min`` the value reaches; under
  all of them, the rule's ``below`` label.
- **Competition ranks**: highest first, equal values share a rank and the next rank
  skips (1, 1, 3), within each partition (a tier).
- **The gap to the next level**: the level just above a unit's (the lowest level for a
  unit under every level) and what it still needs to get there.

Ranking, gaps, year-on-year, sensitivity, charts and scorecards all call these, so a
rule changes in one place. Functions take NumPy arrays: a 1-D array of units, or a
2-D draws × units matrix for the sensitivity analysis.

A *rule* below is anything with ``rank_by``, ``levels`` (highest first, each with
``name`` and ``min``) and ``below``: a framework tier.
"""

from __future__ import annotations

import numpy as np

# Two values that agree to this many decimals are the same (ties, thresholds, comparisons).
DECIMALS = 9
TOLERANCE = 10.0 ** -DECIMALS


def tie_rounded(values) -> np.ndarray:
    """Values as ranks and levels compare them: floats rounded to :data:`DECIMALS`."""
    return np.round(np.asarray(values, dtype=float), DECIMALS)


def ranked_value(rank_by, achieved, rate, index=np.nan) -> np.ndarray:
    """What each unit is ranked and levelled by, rounded for ties: its achieved points
    where ``rank_by`` is ``points``, its index (0..1) where it is ``index``, else its rate
    (0..1). ``rank_by`` is one word or one per unit; NaN stays NaN (a unit not evaluated)."""
    rank_by = np.asarray(rank_by, dtype=object)
    value = np.where(rank_by == "points", np.asarray(achieved, dtype=float), np.asarray(rate, dtype=float))
    return tie_rounded(np.where(rank_by == "index", np.asarray(index, dtype=float), value))


def weighted_index(achieved, applicable, weights) -> np.ndarray:
    """The index of ``rank_by: index``: Σ weight × group rate ÷ Σ weight over the groups that
    apply to the unit (applicable points above 0), a fraction 0..1; NaN where no group of
    weight above 0 applies.

    ``achieved`` and ``applicable`` are units × groups (points; NaN: the group is not the
    unit's). ``weights`` is one weight a group, or draws × groups (then the result is
    draws × units).
    """
    achieved = np.asarray(achieved, dtype=float)
    applicable = np.asarray(applicable, dtype=float)
    applies = np.nan_to_num(applicable) > 0
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = np.where(applies, achieved / np.where(applies, applicable, 1.0), 0.0)
        weighted = np.asarray(weights, dtype=float) @ rate.T
        counted = np.asarray(weights, dtype=float) @ applies.T.astype(float)
        return np.where(counted > 0, weighted / counted, np.nan)


def thresholds(rule) -> np.ndarray:
    """A rule's level thresholds, highest first (rate 0..1 or points)."""
    return np.array([level.min for level in rule.levels], dtype=float)


def level_index(values, minima) -> np.ndarray:
    """Index of the level each value reaches: 0 for the first (highest) level, ``k`` for
    the k-th, the number of levels under all of them; -1 where the value is NaN.

    ``values`` is 1-D (units) with ``minima`` 1-D (levels, highest first), or 2-D
    (draws × units) with ``minima`` 2-D (draws × levels) or 1-D (the same in every
    draw). Both are rounded to 9 decimals first, so a value reaches a ``min`` it
    equals to 9 decimals.
    """
    values = tie_rounded(values)
    minima = tie_rounded(minima)
    if values.ndim == 1:
        reached = values[:, None] < minima[None, :]
    else:
        minima = np.broadcast_to(minima, (values.shape[0], minima.shape[-1]))
        reached = values[:, :, None] < minima[:, None, :]
    # Thresholds are strictly decreasing, so the count of those above the value is its level.
    index = reached.sum(axis=-1)
    return np.where(np.isnan(values), -1, index)


def level_names(rule) -> tuple[str, ...]:
    """The rule's level names, highest first, then its ``below`` label: indexed by
    :func:`level_index`."""
    return tuple(level.name for level in rule.levels) + (rule.below,)


def level_of(values, rule, missing: object = None) -> np.ndarray:
    """The level name each value reaches under ``rule`` (object array); ``missing`` where
    the value is NaN."""
    index = level_index(values, thresholds(rule))
    names = np.array(level_names(rule) + (missing,), dtype=object)
    return names[index]  # -1 picks ``missing``


def lowest_position(positions, counts) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``level_by: lowest`` from each unit's position in each component's levels
    (``positions``: units × components, or draws × units × components, from
    :func:`level_index`; ``counts``: how many levels each component has). Components share their level names, so "lowest" is the
    position furthest down the lists.

    Returns ``worst`` (the lowest position per unit), ``holding`` (units × components: the
    components that hold the unit there — under their lowest level, for a unit under any
    component's lowest level) and ``under`` (whether the unit is under some component's
    lowest level: it gets the tier's ``below``).
    """
    positions = np.asarray(positions)
    below = positions >= np.asarray(counts)
    under = below.any(axis=-1)
    worst = positions.max(axis=-1)
    holding = np.where(under[..., None], below, positions == worst[..., None])
    return worst, holding, under


def competition_ranks(values, partition=None) -> np.ndarray:
    """Competition ranks, highest value first, within each partition: equal values (to 9
    decimals) share the lowest rank and the next rank skips (1, 1, 3). NaN values get
    no rank (NaN) and do not count for the others.

    ``values`` is 1-D (units; ``partition`` one code a unit, e.g. the tier) or 2-D
    (draws × units, ranked draw by draw; ``partition`` one code a unit, the same in every
    draw). Returns floats (ranks 1, 2, …, NaN where there is none).
    """
    values = tie_rounded(values)
    shape = values.shape
    n_units = shape[-1]
    parts = np.zeros(n_units, dtype=np.int64) if partition is None else np.asarray(partition).astype(np.int64)
    if values.ndim == 2:
        # Each draw is its own set of partitions.
        parts = (np.arange(shape[0], dtype=np.int64)[:, None] * (parts.max(initial=0) + 1) + parts[None, :])
    flat_values = values.reshape(-1)
    flat_parts = np.broadcast_to(parts, shape).reshape(-1)
    ranks = np.full(flat_values.shape, np.nan)
    known = np.flatnonzero(~np.isnan(flat_values))
    if len(known):
        order = known[np.lexsort((-flat_values[known], flat_parts[known]))]
        ordered, ordered_parts = flat_values[order], flat_parts[order]
        position = np.arange(len(order))
        new_part = np.ones(len(order), dtype=bool)
        new_part[1:] = ordered_parts[1:] != ordered_parts[:-1]
        new_value = new_part.copy()
        new_value[1:] |= ordered[1:] != ordered[:-1]
        # Each tied run takes the position of its first member, counted from its partition's start.
        first_of_run = np.maximum.accumulate(np.where(new_value, position, 0))
        first_of_part = np.maximum.accumulate(np.where(new_part, position, 0))
        ranks[order] = first_of_run - first_of_part + 1
    return ranks.reshape(shape)


def level_above(rule) -> dict:
    """The level just above each level name of ``rule`` (the top level has none), and the
    lowest level above its ``below`` label: name → Level."""
    above = {lower.name: upper for upper, lower in zip(rule.levels, rule.levels[1:])}
    if rule.levels:
        above[rule.below] = rule.levels[-1]
    return above


def points_to_reach(rank_by: str, minimum, achieved, applicable=None, index=None):
    """What a unit still needs to reach a threshold ``minimum``, keeping what applies to it
    fixed, rounded to 9 decimals: rate tiers ``min × applicable − achieved`` (points);
    points tiers ``min − achieved`` (points); index tiers ``min − index`` (on the index's
    0..1 scale)."""
    if rank_by == "index":
        gap = np.asarray(minimum, dtype=float) - np.asarray(index, dtype=float)
    elif rank_by == "rate":
        gap = np.asarray(minimum, dtype=float) * np.asarray(applicable, dtype=float) - np.asarray(achieved, dtype=float)
    else:
        gap = np.asarray(minimum, dtype=float) - np.asarray(achieved, dtype=float)
    return tie_rounded(gap)
