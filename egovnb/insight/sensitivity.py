"""How firm the ranking is: a Monte Carlo sensitivity analysis of ranks and levels.

In the spirit of the JRC/OECD practice for composite indicators (Handbook on
Constructing Composite Indicators, 2008; COINr), the two choices an assessment
makes that an analyst could reasonably have made differently are perturbed at
random, and the units are rescored and reranked on every draw:

- **level thresholds**: each threshold of each tier moves by a uniform amount in
  ``±threshold_shift`` (percentage points for rate tiers, points for points
  tiers), independently; thresholds are then re-sorted so levels keep their
  order;
- **criteria-group weights**: each criteria group gets a weight drawn uniformly
  in ``1 ± weight_spread``; a unit's achieved and applicable points are the
  weighted sums over groups. Weights are rescaled per tier so the tier's
  maximum stays the same, so a points tier's thresholds keep their meaning.
  At summary grain there are no groups: only thresholds are perturbed.

Ranks are competition ranks within the tier (values equal to 9 decimals tie),
as in the published tables. Everything is vectorised over draws with NumPy;
the same seed gives the same figures. No I/O except :func:`cli_sensitivity`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from egovnb.core.errors import EgovnbError, InputError, Problem
from egovnb.core.framework import Framework
from egovnb.core.safety import draws_problem
from egovnb.core.validate import DECIMALS
from egovnb.core.yamlio import line_of

DEFAULT_DRAWS = 1000
DEFAULT_SEED = 0
DEFAULT_THRESHOLD_SHIFT = 2.0   # percentage points (rate tiers) or points (points tiers)
DEFAULT_WEIGHT_SPREAD = 0.25    # weights uniform in [0.75, 1.25]
MAX_SHIFT = 1000.0               # a threshold shift beyond this is no longer a perturbation
FIRM = 0.90                     # a level is firm when the unit keeps it in at least 90 % of draws
SETTINGS = ("draws", "seed", "threshold_shift", "weight_spread")
BASE_COLUMNS = ("tier", "unit", "rank", "level", "median_rank", "rank_p05", "rank_p95", "level_probability")
PROBABILITY_PREFIX = "p_"


@dataclass(frozen=True)
class TierInput:
    """One tier's evaluated units as matrices: ``achieved`` and ``applicable`` points per
    unit and criteria group (units × groups), the tier's levels and per-group maxima."""

    key: str
    units: tuple[str, ...]
    achieved: np.ndarray
    applicable: np.ndarray
    group_max: np.ndarray
    rank_by: str
    thresholds: np.ndarray        # highest first
    level_names: tuple[str, ...]  # the levels, then the tier's ``below``


@dataclass(frozen=True)
class SensitivityInput:
    """What the analysis needs from an assessment: per tier matrices, the group names
    (empty at summary grain) and every unit in published order with its rank and level."""

    tiers: tuple[TierInput, ...]
    groups: tuple[str, ...]
    scores: pd.DataFrame


def prepare(assessment) -> SensitivityInput:
    """The matrices of :class:`SensitivityInput` from an Assessment (computation only)."""
    framework: Framework = assessment.framework
    ranked = assessment.ranked
    evaluated = ranked[ranked["evaluated"].to_numpy(dtype=bool)]
    points = assessment.criteria_points
    groups: tuple[str, ...] = ()
    if points is not None and len(points):
        points = points[points["evaluated"].to_numpy(dtype=bool)]
        groups = tuple(g for g in framework.groups if g in set(points["group"].astype(object)))
    tiers = []
    for key, tier in framework.tiers.items():
        units = evaluated[evaluated["tier"] == key]
        names = tuple(units["unit"].astype(object))
        if not names:
            continue
        if groups:
            rows = points[points["tier"].astype(object) == key]
            applies = rows["points"].notna().to_numpy()
            frame = pd.DataFrame({
                "unit": rows["unit"].astype(object).to_numpy(), "group": rows["group"].astype(object).to_numpy(),
                "achieved": np.nan_to_num(rows["points"].to_numpy(dtype=float)),
                "applicable": np.where(applies, rows["max_points"].to_numpy(dtype=float), 0.0),
            })
            summed = frame.groupby(["unit", "group"], sort=False)[["achieved", "applicable"]].sum()
            achieved = summed["achieved"].unstack("group").reindex(index=list(names), columns=list(groups))
            applicable = summed["applicable"].unstack("group").reindex(index=list(names), columns=list(groups))
            group_max = np.array([sum(c.max_points for c in framework.criteria_for(key) if c.group == g)
                                  for g in groups], dtype=float)
            achieved_matrix = achieved.fillna(0.0).to_numpy(dtype=float)
            applicable_matrix = applicable.fillna(0.0).to_numpy(dtype=float)
        else:
            achieved_matrix = units["achieved_points"].to_numpy(dtype=float)[:, None]
            applicable_matrix = units["applicable_points"].to_numpy(dtype=float)[:, None]
            group_max = np.array([np.nanmax(units["max_points"].to_numpy(dtype=float))])
        tiers.append(TierInput(
            key=key, units=names, achieved=achieved_matrix, applicable=applicable_matrix, group_max=group_max,
            rank_by=tier.rank_by, thresholds=np.array([lvl.min for lvl in tier.levels], dtype=float),
            level_names=tuple(lvl.name for lvl in tier.levels) + (tier.below,)))
    scores = ranked.loc[:, ["tier", "unit", "rank", "level"]].reset_index(drop=True)
    return SensitivityInput(tiers=tuple(tiers), groups=groups, scores=scores)


def analyse(assessment, draws: int = DEFAULT_DRAWS, seed: int = DEFAULT_SEED,
            threshold_shift: float = DEFAULT_THRESHOLD_SHIFT,
            weight_spread: float = DEFAULT_WEIGHT_SPREAD) -> pd.DataFrame:
    """Rescore ``draws`` times with perturbed thresholds and group weights.

    ``threshold_shift`` is in percentage points for rate tiers (2 → ±0.02) and in
    points for points tiers; ``weight_spread`` is the half-width of the uniform
    weights around 1 (0.25 → weights in [0.75, 1.25]); 0 turns either off.

    Returns one row a unit, in the scores table's order: ``tier, unit, rank, level``
    (as assessed), ``median_rank``, ``rank_p05``, ``rank_p95`` (the 5–95 % interval
    of the rank over draws, ranks as observed), ``level_probability`` (the share of
    draws in which the unit keeps its assessed level, 0..1), then ``p_<level>`` for
    every level name of the framework (share of draws at that level; NaN when the
    tier has no such level). Units not evaluated have empty figures.
    ``frame.attrs`` holds the settings used and whether weights were perturbed.
    """
    if draws < 1:
        raise ValueError("draws must be at least 1")
    data = prepare(assessment)
    too_many = draws_problem(draws, sum(len(tier.units) for tier in data.tiers))
    if too_many:
        raise EgovnbError(f"sensitivity: {too_many}")
    return analyse_input(data, draws=draws, seed=seed, threshold_shift=threshold_shift,
                         weight_spread=weight_spread)


def analyse_input(data: SensitivityInput, draws: int = DEFAULT_DRAWS, seed: int = DEFAULT_SEED,
                  threshold_shift: float = DEFAULT_THRESHOLD_SHIFT,
                  weight_spread: float = DEFAULT_WEIGHT_SPREAD) -> pd.DataFrame:
    """:func:`analyse` on prepared matrices (what a benchmark should time apart from loading)."""
    rng = np.random.default_rng(seed)
    # Draw everything up front in a fixed order, so a seed gives the same numbers whatever
    # the tiers' sizes are.
    n_groups = max(len(data.groups), 1)
    weights = rng.uniform(1 - weight_spread, 1 + weight_spread, size=(draws, n_groups))
    if not data.groups:
        weights = np.ones((draws, 1))
    shifts = [rng.uniform(-threshold_shift, threshold_shift, size=(draws, len(t.thresholds))) for t in data.tiers]

    level_names = list(dict.fromkeys(name for t in data.tiers for name in t.level_names))
    figures = {}
    for tier, shift in zip(data.tiers, shifts):
        values = _values(tier, weights)
        ranks = competition_ranks(values)
        scale = 0.01 if tier.rank_by == "rate" else 1.0
        thresholds = -np.sort(-(tier.thresholds[None, :] + shift * scale), axis=1)   # highest first
        levels = level_indices(values, thresholds)
        for position, unit in enumerate(tier.units):
            figures[(tier.key, unit)] = (ranks[:, position], levels[:, position], tier.level_names)

    records = []
    for tier_key, unit, rank, level in data.scores.itertuples(index=False, name=None):
        record = {"tier": tier_key, "unit": unit, "rank": rank, "level": level, "median_rank": np.nan,
                  "rank_p05": np.nan, "rank_p95": np.nan, "level_probability": np.nan}
        found = figures.get((tier_key, unit))
        if found is not None:
            unit_ranks, unit_levels, names = found
            record["median_rank"] = float(np.median(unit_ranks))
            record["rank_p05"] = float(np.quantile(unit_ranks, 0.05, method="inverted_cdf"))
            record["rank_p95"] = float(np.quantile(unit_ranks, 0.95, method="inverted_cdf"))
            shares = np.bincount(unit_levels, minlength=len(names)) / len(unit_levels)
            for name in level_names:
                record[PROBABILITY_PREFIX + name] = float(shares[names.index(name)]) if name in names else np.nan
            record["level_probability"] = float(shares[names.index(level)]) if level in names else np.nan
        records.append(record)
    columns = list(BASE_COLUMNS) + [PROBABILITY_PREFIX + name for name in level_names]
    result = pd.DataFrame.from_records(records, columns=columns)
    result["rank"] = result["rank"].astype("Int64")
    for column in ("rank_p05", "rank_p95"):
        result[column] = result[column].astype("Float64").round().astype("Int64")
    result.attrs.update(draws=draws, seed=seed, threshold_shift=threshold_shift,
                        weight_spread=weight_spread if data.groups else 0.0, groups=list(data.groups))
    return result


def _values(tier: TierInput, weights: np.ndarray) -> np.ndarray:
    """Draws × units: the value each unit is ranked by under each draw's weights."""
    # Rescale so Σ weight × group maximum stays the tier's maximum in every draw.
    scale = tier.group_max.sum() / (weights @ tier.group_max)
    weights = weights * scale[:, None]
    achieved = weights @ tier.achieved.T
    if tier.rank_by == "points":
        return np.round(achieved, DECIMALS)
    applicable = weights @ tier.applicable.T
    return np.round(achieved / applicable, DECIMALS)


def competition_ranks(values: np.ndarray) -> np.ndarray:
    """Competition ranks (1 = highest; ties share the lowest rank number, the next skips),
    row by row of a draws × units matrix, without a loop over rows."""
    draws, units = values.shape
    order = np.argsort(-values, axis=1, kind="stable")
    ordered = np.take_along_axis(values, order, axis=1)
    position = np.broadcast_to(np.arange(units), (draws, units))
    starts = np.ones((draws, units), dtype=bool)
    starts[:, 1:] = ordered[:, 1:] != ordered[:, :-1]
    # Each tied run takes the position of its first member.
    first = np.maximum.accumulate(np.where(starts, position, 0), axis=1)
    ranks = np.empty((draws, units), dtype=np.int64)
    np.put_along_axis(ranks, order, first + 1, axis=1)
    return ranks


def level_indices(values: np.ndarray, thresholds: np.ndarray) -> np.ndarray:
    """Draws × units: index of the level reached (0 = highest, len(thresholds) = below all),
    thresholds given per draw (draws × levels, highest first)."""
    rounded = np.round(thresholds, DECIMALS)
    return (values[:, :, None] < rounded[:, None, :]).sum(axis=2)


# --- report helpers ---------------------------------------------------------------------------

def settings(params) -> dict | None:
    """The analysis settings of a params file's ``sensitivity:`` mapping (defaults filled in),
    or None when the params do not ask for the analysis."""
    if params.sensitivity is None:
        return None
    chosen = {"draws": DEFAULT_DRAWS, "seed": DEFAULT_SEED, "threshold_shift": DEFAULT_THRESHOLD_SHIFT,
              "weight_spread": DEFAULT_WEIGHT_SPREAD}
    chosen.update({k: v for k, v in params.sensitivity.items() if k in SETTINGS})
    return chosen


def check_settings(params) -> list:
    """Problems with the ``sensitivity:`` mapping of a params file (unknown keys, bad numbers)."""

    problems = []
    raw = params.raw.get("sensitivity")
    if not isinstance(raw, dict):
        return problems
    for key, value in raw.items():
        where = line_of(raw, key)
        if key not in SETTINGS:
            problems.append(Problem(str(params.path), where, f"sensitivity.{key}",
                                    f"unknown key; sensitivity has {', '.join(SETTINGS)}"))
        elif key in ("draws", "seed") and not (isinstance(value, int) and not isinstance(value, bool)
                                               and value >= (1 if key == "draws" else 0)):
            problems.append(Problem(str(params.path), where, f"sensitivity.{key}",
                                    f"'{value}' must be a whole number" + (" of at least 1" if key == "draws" else "")))
        elif key == "draws" and draws_problem(value):  # bounded: core.safety
            problems.append(Problem(str(params.path), where, "sensitivity.draws", draws_problem(value)))
        elif key in ("threshold_shift", "weight_spread") and not (
                isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= MAX_SHIFT
                and (key != "weight_spread" or value < 1)):
            problems.append(Problem(str(params.path), where, f"sensitivity.{key}",
                                    f"'{value}' must be a number from 0 to {MAX_SHIFT:g}"
                                    if key == "threshold_shift" else f"'{value}' must be a number ≥ 0 and < 1"))
    return problems


def size_problems(assessment) -> list:
    """A ``sensitivity:`` whose draws over this year's evaluated units would need gigabytes."""
    chosen = settings(assessment.params)
    units = int(assessment.ranked["evaluated"].sum())
    reason = draws_problem(chosen["draws"], units) if chosen is not None else None
    if not reason or draws_problem(chosen["draws"]):  # a bad number is check_settings' problem
        return []
    raw = assessment.params.raw.get("sensitivity")
    return [Problem(str(assessment.params.path), line_of(raw, "draws") if isinstance(raw, dict) else None,
                    "sensitivity.draws", reason)]


def analyse_from_params(assessment) -> pd.DataFrame | None:
    """:func:`analyse` with the settings of the params' ``sensitivity:`` (None if it is not set).
    Bad settings raise InputError naming the params file, line and key."""

    chosen = settings(assessment.params)
    if chosen is None:
        return None
    problems = check_settings(assessment.params)
    if problems:
        raise InputError(problems)
    return analyse(assessment, **chosen)


def not_firm(result: pd.DataFrame, threshold: float = FIRM) -> pd.DataFrame:
    """Units whose assessed level holds in fewer than ``threshold`` of the draws:
    ``tier, unit, rank, level, level_probability, other_level, other_probability``
    (the most likely other level), weakest first within each tier."""
    probability_columns = [c for c in result.columns if c.startswith(PROBABILITY_PREFIX)]
    weak = result[result["level_probability"] < threshold].copy()
    others = []
    for _, row in weak.iterrows():
        shares = {c[len(PROBABILITY_PREFIX):]: row[c] for c in probability_columns
                  if pd.notna(row[c]) and c[len(PROBABILITY_PREFIX):] != row["level"]}
        best = max(shares, key=shares.get) if shares else None
        others.append((best, shares.get(best, np.nan)))
    weak["other_level"] = [o[0] for o in others]
    weak["other_probability"] = [o[1] for o in others]
    tiers = list(dict.fromkeys(result["tier"]))
    weak["_tier"] = weak["tier"].map({t: i for i, t in enumerate(tiers)})
    weak = weak.sort_values(["_tier", "level_probability"], kind="stable")
    return weak.loc[:, ["tier", "unit", "rank", "level", "level_probability", "other_level",
                        "other_probability"]].reset_index(drop=True)
