"""Ranking and levels within each tier, and the published row order. No I/O.

The rules themselves (ties to 9 decimals, the value ranked, levels from thresholds, the
lowest of the components' levels, competition ranks) are in :mod:`egovnb.core.rules`;
this module applies them to the scored units of a framework.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from egovnb.core import rules
from egovnb.core.collation import sort_key
from egovnb.core.framework import NOT_EVALUATED, Framework, Tier
from egovnb.core.columns import INDEX, SCORES_COLUMNS


def ranking_value(scored: pd.DataFrame, framework: Framework) -> pd.Series:
    """What each unit is ranked by: its rate (0..1), its achieved points or its index
    (0..1), per the tier's ``rank_by``, rounded to 9 decimals so that equal values tie;
    NaN for units not evaluated."""
    rank_by = scored["tier"].map({k: t.rank_by for k, t in framework.tiers.items()}).to_numpy(dtype=object)
    index = scored[INDEX.name] if INDEX.name in scored.columns else np.nan
    value = rules.ranked_value(rank_by, scored["achieved_points"], scored["rate"], index)
    value = np.where(scored["evaluated"].to_numpy(dtype=bool), value, np.nan)
    return pd.Series(value, index=scored.index)


def component_value(scored: pd.DataFrame, key: str, rank_by: str) -> np.ndarray:
    """What component ``key`` is levelled by for each unit: its rate, points or index."""
    column = {"rate": f"{key}_rate", "points": f"{key}_achieved_points", "index": f"_{key}_index"}[rank_by]
    return rules.tie_rounded(scored[column].to_numpy(dtype=float))


def competition_rank(values: pd.Series, groups: pd.Series) -> pd.Series:
    """Rank highest first within each group; equal values share a rank and the next
    rank skips (1, 1, 3). NaN values get no rank."""
    codes = pd.factorize(groups.to_numpy())[0]
    ranks = rules.competition_ranks(values.to_numpy(dtype=float), codes)
    return pd.Series(ranks, index=values.index).astype("Int64")


def assign_levels(value: pd.Series, scored: pd.DataFrame, framework: Framework) -> pd.Series:
    """The first level whose ``min`` the value reaches; else the tier's ``below``;
    ``Không đánh giá`` where the unit was not evaluated (for ``level_by: total``)."""
    return tier_levels(value, scored, framework)[0]


def tier_levels(value: pd.Series, scored: pd.DataFrame, framework: Framework) -> tuple[pd.Series, np.ndarray, dict]:
    """Each unit's level, whether it is under its tier's lowest level, and each
    component's level (``K_level`` columns).

    ``level_by: total``: the first level the ranked value reaches, else ``below``; empty
    for a tier without levels. ``level_by: lowest``: the lowest of the components'
    levels, ``below`` when under any component's lowest level. Units not evaluated are
    ``Không đánh giá`` (also in their tier's components).
    """
    level = pd.Series(NOT_EVALUATED, index=scored.index, dtype=object)
    under = np.zeros(len(scored), dtype=bool)
    component_levels = {key: np.full(len(scored), None, dtype=object) for key in framework.component_keys()}
    tiers = scored["tier"].to_numpy()
    values = value.to_numpy(dtype=float)
    evaluated = ~np.isnan(values)
    for key, tier in framework.tiers.items():
        in_tier = tiers == key
        for component in tier.components:
            component_levels[component.key][in_tier & ~evaluated] = NOT_EVALUATED
        rows = in_tier & evaluated
        if not rows.any():
            continue
        positions = {}
        for component in tier.components:
            component_value_here = component_value(scored[rows], component.key, component.rank_by)
            positions[component.key] = rules.level_index(component_value_here, rules.thresholds(component))
            if component.levels:
                component_levels[component.key][rows] = rules.level_of(component_value_here, component)
        if tier.level_by == "lowest":
            names, below = lowest_levels(tier, positions)
            level[rows] = names
            under[rows] = below
        elif tier.levels:
            index = rules.level_index(values[rows], rules.thresholds(tier))
            level[rows] = np.array(rules.level_names(tier), dtype=object)[index]
            under[rows] = index == len(tier.levels)
        else:
            level[rows] = None
    return level, under, component_levels


def lowest_levels(tier: Tier, positions: dict) -> tuple[np.ndarray, np.ndarray]:
    """``level_by: lowest``: each unit's level name and whether it is under the lowest
    level, from its position in each component's levels (``positions``: key → array)."""
    matrix = np.column_stack([positions[c.key] for c in tier.components])
    counts = [len(c.levels) for c in tier.components]
    worst, holding, under = rules.lowest_position(matrix, counts)
    first = holding.argmax(axis=1)
    names = np.array([tier.components[c].levels[w].name if not u else tier.below
                      for c, w, u in zip(first, worst, under)], dtype=object)
    return names, under


def rank_units(scored: pd.DataFrame, framework: Framework) -> pd.DataFrame:
    """The scores table of docs/contract.md: ranks, levels and rows in published order (with the
    scored working columns)."""
    value = ranking_value(scored, framework)
    ranked = scored.copy()
    kept_out = kept_out_of_ranking(ranked)
    level, under, component_levels = tier_levels(value, ranked, framework)
    # Assessed but kept out of the ranking: figures shown, no rank and no level.
    ranked["level"] = level.where(~kept_out, None)
    for key, names in component_levels.items():
        position = list(ranked.columns).index(f"{key}_rate") + 1
        ranked.insert(position, f"{key}_level", np.where(kept_out, None, names))
    no_rank_below = ranked["tier"].map({k: not t.rank_below for k, t in framework.tiers.items()})
    unranked = (under & no_rank_below.fillna(False).to_numpy(dtype=bool)) | kept_out
    ranked.insert(list(ranked.columns).index("level"), "rank",
                  competition_rank(value.where(~unranked), _partition(ranked, framework)))
    return order_rows(ranked, framework, value)


def kept_out_of_ranking(table: pd.DataFrame) -> np.ndarray:
    """True for units assessed but kept out of the ranking (data column ``ranked`` = no):
    their figures are computed, they get no rank and no level and take no rank from others."""
    if "ranked" not in table.columns:
        return np.zeros(len(table), dtype=bool)
    evaluated = table["evaluated"].to_numpy(dtype=bool) if "evaluated" in table.columns else True
    return ~table["ranked"].to_numpy(dtype=bool) & evaluated


def _partition(table: pd.DataFrame, framework: Framework) -> pd.Series:
    """What units are ranked within: their tier, and the value of its ``rank_within`` column."""
    within = pd.Series("", index=table.index, dtype=object)
    for key, tier in framework.tiers.items():
        if tier.rank_within and tier.rank_within in table.columns:
            rows = (table["tier"] == key).to_numpy()
            within[rows] = table.loc[rows, tier.rank_within].fillna("").astype(str).to_numpy()
    return table["tier"].astype(str) + "\x00" + within


def order_rows(table: pd.DataFrame, framework: Framework, value: pd.Series | None = None) -> pd.DataFrame:
    """Rows by tier (framework order); then, where the tier ranks within a column, by that
    column's value (Vietnamese order, empty last); then ranked units by rank, units under
    the lowest level without a rank (highest value first), units kept out of the ranking
    (``ranked: no``; highest value first), units not evaluated; ties by unit name in
    Vietnamese order."""
    if value is None:
        value = ranking_value(table, framework)
    tier_position = table["tier"].map({k: i for i, k in enumerate(framework.tiers)}).to_numpy()
    within_position = _within_position(table, framework)
    rank = table["rank"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    values = value.to_numpy(dtype=float)
    kind = np.where(~np.isnan(rank), 0, np.where(~np.isnan(values), 1, 3))
    kind = np.where(kept_out_of_ranking(table) & (kind == 1), 2, kind)
    within_kind = np.where(kind == 0, rank, np.where((kind == 1) | (kind == 2), -values, 0.0))
    # Names only decide between units that tie on everything else: collate just those.
    tied = pd.DataFrame({"t": tier_position, "w": within_position, "k": kind, "r": within_kind}).duplicated(
        keep=False).to_numpy()
    name_position = np.zeros(len(table), dtype=np.int64)
    if tied.any():
        names = pd.unique(table["unit"].to_numpy()[tied])
        position = dict(zip(sorted(names, key=sort_key), range(len(names))))
        name_position[tied] = [position[name] for name in table["unit"].to_numpy()[tied]]
    order = np.lexsort((name_position, within_kind, kind, within_position, tier_position))
    return table.iloc[order].reset_index(drop=True)


def _within_position(table: pd.DataFrame, framework: Framework) -> np.ndarray:
    """Per row, the position of its ``rank_within`` value in Vietnamese order (empty last)."""
    position = np.zeros(len(table), dtype=np.int64)
    for key, tier in framework.tiers.items():
        if not tier.rank_within or tier.rank_within not in table.columns:
            continue
        rows = (table["tier"] == key).to_numpy()
        cells = table.loc[rows, tier.rank_within].to_numpy(dtype=object)
        named = sorted({c for c in cells if isinstance(c, str) and c}, key=sort_key)
        order = {name: i for i, name in enumerate(named)}
        position[rows] = [order.get(c, len(named)) if isinstance(c, str) else len(named) for c in cells]
    return position


def scores_table(ranked: pd.DataFrame) -> pd.DataFrame:
    """Only the columns of the scores table, in docs/contract.md's order."""
    return ranked.loc[:, list(SCORES_COLUMNS)].copy()
