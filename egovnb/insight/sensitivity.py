"""How firm the ranking is: a Monte Carlo sensitivity analysis of ranks and levels.

In the spirit of the JRC/OECD practice for composite indicators (Handbook on
Constructing Composite Indicators, 2008; COINr), the two choices an assessment
makes that an analyst could reasonably have made differently are perturbed at
random, and the units are rescored and reranked on every draw:

- **level thresholds**: each threshold of each tier (and of each component of a
  tier with components) moves by a uniform amount in ``±threshold_shift``
  (percentage points for rate and index tiers, points for points tiers),
  independently; thresholds are then re-sorted so levels keep their order;
- **criteria-group weights**: each criteria group gets a weight drawn uniformly
  in ``1 ± weight_spread``; a unit's achieved and applicable points are the
  weighted sums over groups. Weights are rescaled per tier (per component, where
  the tier has components) so its maximum stays the same, so a points tier's
  thresholds keep their meaning. An index tier multiplies each group's own
  weight by the draw's. At summary grain there are no groups: only thresholds
  are perturbed.

Levels follow the tier's rule in every draw (``level_by: lowest``: the lowest of
the components' levels under their moved thresholds). Ranks are competition
ranks within the tier (and its ``rank_within`` column; values equal to 9
decimals tie), as in the published tables; a unit under the lowest level of a
``rank_below: false`` tier has no rank in that draw. Everything is vectorised over draws with NumPy;
the same seed gives the same figures. No I/O except :func:`cli_sensitivity`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from egovnb.core.errors import EgovnbError, InputError, Problem
from egovnb.core.framework import Framework
from egovnb.core.keys import PARAMS
from egovnb.core import rules
from egovnb.core.safety import draws_problem
from egovnb.core.checked_data import PartSums
from egovnb.core.yamlio import line_of
from egovnb.insight.perturb import RuleInput, TierInput, draw_tier

# The settings of `sensitivity:` and their defaults, as declared in egovnb.core.keys.
_DECLARED = PARAMS["sensitivity"]
DEFAULT_DRAWS = _DECLARED["draws"].default                      # 1000
DEFAULT_SEED = _DECLARED["seed"].default                        # 0
DEFAULT_THRESHOLD_SHIFT = _DECLARED["threshold_shift"].default  # percentage points (rate) or points (points tiers)
DEFAULT_WEIGHT_SPREAD = _DECLARED["weight_spread"].default      # 0.25: weights uniform in [0.75, 1.25]
MAX_SHIFT = float(_DECLARED["threshold_shift"].maximum)         # beyond this it is no longer a perturbation
FIRM = 0.90                     # a level is firm when the unit keeps it in at least 90 % of draws
SETTINGS = _DECLARED.names
BASE_COLUMNS = ("tier", "unit", "rank", "level", "median_rank", "rank_p05", "rank_p95", "level_probability")
PROBABILITY_PREFIX = "p_"


@dataclass(frozen=True)
class SensitivityInput:
    """What the analysis needs from an assessment: per tier matrices, the group names
    (empty at summary grain) and every unit in published order with its rank and level."""

    tiers: tuple[TierInput, ...]
    groups: tuple[str, ...]
    scores: pd.DataFrame


def prepare(assessment) -> SensitivityInput:
    """The matrices of :class:`SensitivityInput` from an Assessment (computation only).

    The parts a unit's score is weighed by are its criteria groups where the data give
    them (group and criterion grain); at summary grain its components, or its whole
    score, and only thresholds move."""
    framework: Framework = assessment.framework
    unit_data = assessment.unit_data
    units = unit_data.units
    evaluated = units["evaluated"].to_numpy(dtype=bool)
    # Units kept out of the ranking (``ranked: no``) are never ranked, in no draw: left out.
    drawn = evaluated & (units["ranked"].to_numpy(dtype=bool) if "ranked" in units.columns else True)
    tiers = []
    for key, tier in framework.tiers.items():
        rows = np.flatnonzero((units["tier"].to_numpy(dtype=object) == key) & drawn)
        if not len(rows):
            continue
        parts, groups = _parts(unit_data, evaluated, bool(tier.components))
        achieved = np.nan_to_num(parts.achieved_points[rows])
        applicable = np.nan_to_num(parts.applicable_points[rows])
        # A part's maximum in the tier (0 for a group the tier does not have).
        maximum = np.nan_to_num(parts.max_points[rows]).max(axis=0)
        spec = {g.title: g for g in framework.group_specs}
        tiers.append(TierInput(
            key=key, units=tuple(units["unit"].to_numpy(dtype=object)[rows]), achieved=achieved,
            applicable=applicable, group_max=maximum, rank_by=tier.rank_by, thresholds=rules.thresholds(tier),
            level_names=tier.level_order() if tier.has_levels else (),
            index_weights=np.array([spec[k].weight if k in spec else 1.0 for k in parts.keys]),
            components=tuple(RuleInput(c.rank_by, _members(parts.keys, c.key, spec), rules.thresholds(c),
                                       tuple(level.name for level in c.levels)) for c in tier.components),
            level_by=tier.level_by, rank_below=tier.rank_below,
            partition=_partition(units, tier, rows)))
    groups = _parts(unit_data, evaluated, False)[1]
    scores = assessment.ranked.loc[:, ["tier", "unit", "rank", "level"]].reset_index(drop=True)
    return SensitivityInput(tiers=tuple(tiers), groups=groups, scores=scores)


def _parts(unit_data, evaluated: np.ndarray, components: bool) -> tuple[PartSums, tuple[str, ...]]:
    """The parts units are weighed by: the criteria groups some evaluated unit has, else
    (summary grain) the components of a tier with ``components``, else the whole score;
    and the groups' names."""
    if unit_data.groups is not None:
        present = ~np.isnan(unit_data.groups.max_points[evaluated]).all(axis=0)
        keep = np.flatnonzero(present)
        groups = unit_data.groups
        parts = PartSums(tuple(groups.keys[i] for i in keep), groups.max_points[:, keep],
                         groups.excluded_points[:, keep], groups.achieved_points[:, keep])
        return parts, parts.keys
    if components and unit_data.components is not None:
        return unit_data.components, ()
    units = unit_data.units
    column = [units[c].to_numpy(dtype=float)[:, None] for c in ("max_points", "excluded_points", "achieved_points")]
    return PartSums(("total",), *column), ()


def _members(keys: tuple[str, ...], component: str, groups: dict) -> np.ndarray:
    """Which parts make up ``component``: its groups, or the component itself (summary grain)."""
    return np.array([key == component or (key in groups and groups[key].component == component) for key in keys])


def _partition(units: pd.DataFrame, tier, rows: np.ndarray) -> np.ndarray | None:
    """One code a unit: the value of its tier's ``rank_within`` column (None: one pool)."""
    if not tier.rank_within or tier.rank_within not in units.columns:
        return None
    return pd.factorize(units[tier.rank_within].to_numpy(dtype=object)[rows], use_na_sentinel=False)[0]


def analyse(assessment, draws: int = DEFAULT_DRAWS, seed: int = DEFAULT_SEED,
            threshold_shift: float = DEFAULT_THRESHOLD_SHIFT,
            weight_spread: float = DEFAULT_WEIGHT_SPREAD) -> pd.DataFrame:
    """Rescore ``draws`` times with perturbed thresholds and group weights.

    ``threshold_shift`` is in percentage points for rate and index tiers (2 → ±0.02) and
    in points for points tiers (components: by their own ``rank_by``); ``weight_spread``
    is the half-width of the uniform weights around 1 (0.25 → weights in [0.75, 1.25]);
    0 turns either off. An index tier's groups keep their own weights, each multiplied
    by the draw's (a weight 0 stays 0).

    Returns one row a unit, in the scores table's order: ``tier, unit, rank, level``
    (as assessed), ``median_rank``, ``rank_p05``, ``rank_p95`` (the 5–95% interval
    of the rank over the draws in which the unit is ranked), ``level_probability`` (the
    share of draws in which the unit keeps its assessed level, 0..1), then
    ``p_<level>`` for every level name of the framework (share of draws at that level;
    NaN when the tier has no such level). Units not evaluated have empty figures, and so
    have the level figures of tiers without levels.
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
    weights = rng.uniform(1 - weight_spread, 1 + weight_spread, size=(draws, max(len(data.groups), 1)))
    shifts = [rng.uniform(-threshold_shift, threshold_shift, size=(draws, len(t.thresholds))) for t in data.tiers]
    component_shifts = [[rng.uniform(-threshold_shift, threshold_shift, size=(draws, len(c.thresholds)))
                         for c in t.components] for t in data.tiers]

    level_names = list(dict.fromkeys(name for t in data.tiers for name in t.level_names))
    figures = {}
    for tier, shift, moves in zip(data.tiers, shifts, component_shifts):
        # Without groups (summary grain) nothing is weighed: a weight of 1 for each part.
        ranks, levels = draw_tier(tier, weights if data.groups else np.ones((draws, tier.achieved.shape[1])),
                                  shift, moves)
        for position, unit in enumerate(tier.units):
            figures[(tier.key, unit)] = (ranks[:, position], levels[:, position], tier.level_names)

    records = []
    for tier_key, unit, rank, level in data.scores.itertuples(index=False, name=None):
        record = {"tier": tier_key, "unit": unit, "rank": rank, "level": level, "median_rank": np.nan,
                  "rank_p05": np.nan, "rank_p95": np.nan, "level_probability": np.nan}
        found = figures.get((tier_key, unit))
        if found is not None:
            record.update(_unit_figures(*found, level, level_names))
        records.append(record)
    columns = list(BASE_COLUMNS) + [PROBABILITY_PREFIX + name for name in level_names]
    result = pd.DataFrame.from_records(records, columns=columns)
    result["rank"] = result["rank"].astype("Int64")
    for column in ("rank_p05", "rank_p95"):
        result[column] = result[column].astype("Float64").round().astype("Int64")
    result.attrs.update(draws=draws, seed=seed, threshold_shift=threshold_shift,
                        weight_spread=weight_spread if data.groups else 0.0, groups=list(data.groups))
    return result


def _unit_figures(unit_ranks: np.ndarray, unit_levels: np.ndarray, names: tuple[str, ...], level: object,
                  level_names: list[str]) -> dict:
    """A unit's rank interval and level shares over the draws."""
    record = {}
    ranked = unit_ranks[~np.isnan(unit_ranks)]
    if len(ranked):
        record["median_rank"] = float(np.median(ranked))
        record["rank_p05"] = float(np.quantile(ranked, 0.05, method="inverted_cdf"))
        record["rank_p95"] = float(np.quantile(ranked, 0.95, method="inverted_cdf"))
    if names:
        shares = np.bincount(unit_levels, minlength=len(names)) / len(unit_levels)
        for name in level_names:
            record[PROBABILITY_PREFIX + name] = float(shares[names.index(name)]) if name in names else np.nan
        record["level_probability"] = float(shares[names.index(level)]) if level in names else np.nan
    return record


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
