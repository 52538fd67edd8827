"""Ranking and levels within each tier, and the published row order. No I/O.

The rules themselves (ties to 9 decimals, the value ranked, levels from thresholds,
competition ranks) are in :mod:`egovnb.core.rules`; this module applies them to the
scored units of a framework.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from egovnb.core import rules
from egovnb.core.collation import sort_key
from egovnb.core.framework import NOT_EVALUATED, Framework
from egovnb.core.schema import SCORES_COLUMNS


def ranking_value(scored: pd.DataFrame, framework: Framework) -> pd.Series:
    """What each unit is ranked and levelled by: its rate (0..1) or its achieved points,
    per the tier's ``rank_by``, rounded to 9 decimals so that equal values tie."""
    rank_by = scored["tier"].map({k: t.rank_by for k, t in framework.tiers.items()}).to_numpy(dtype=object)
    value = rules.ranked_value(rank_by, scored["achieved_points"], scored["rate"])
    value = np.where(scored["evaluated"].to_numpy(dtype=bool), value, np.nan)
    return pd.Series(value, index=scored.index)


def competition_rank(values: pd.Series, groups: pd.Series) -> pd.Series:
    """Rank highest first within each group; equal values share a rank and the next
    rank skips (1, 1, 3). NaN values get no rank."""
    codes = pd.factorize(groups.to_numpy())[0]
    ranks = rules.competition_ranks(values.to_numpy(dtype=float), codes)
    return pd.Series(ranks, index=values.index).astype("Int64")


def assign_levels(value: pd.Series, scored: pd.DataFrame, framework: Framework) -> pd.Series:
    """The first level whose ``min`` the value reaches; else the tier's ``below``;
    ``Không đánh giá`` where the unit was not evaluated."""
    level = pd.Series(NOT_EVALUATED, index=scored.index, dtype=object)
    tiers = scored["tier"].to_numpy()
    values = value.to_numpy(dtype=float)
    for key, tier in framework.tiers.items():
        in_tier = (tiers == key) & ~np.isnan(values)
        if in_tier.any():
            level[in_tier] = rules.level_of(values[in_tier], tier)
    return level


def rank_units(scored: pd.DataFrame, framework: Framework) -> pd.DataFrame:
    """The scores table of SPEC.md: ranks, levels and rows in published order."""
    value = ranking_value(scored, framework)
    ranked = scored.copy()
    ranked["rank"] = competition_rank(value, ranked["tier"])
    ranked["level"] = assign_levels(value, ranked, framework)
    return order_rows(ranked, framework)


def order_rows(table: pd.DataFrame, framework: Framework) -> pd.DataFrame:
    """Rows by tier (framework order), rank (unranked last), then Vietnamese name order."""
    tier_position = table["tier"].map({k: i for i, k in enumerate(framework.tiers)}).to_numpy()
    rank = table["rank"].astype("Float64").fillna(np.inf).to_numpy(dtype=float)
    # Names only decide between units that share a tier and a rank: collate just those.
    tied = pd.DataFrame({"t": tier_position, "r": rank}).duplicated(keep=False).to_numpy()
    name_position = np.zeros(len(table), dtype=np.int64)
    if tied.any():
        names = pd.unique(table["unit"].to_numpy()[tied])
        position = dict(zip(sorted(names, key=sort_key), range(len(names))))
        name_position[tied] = [position[name] for name in table["unit"].to_numpy()[tied]]
    order = np.lexsort((name_position, rank, tier_position))
    return table.iloc[order].reset_index(drop=True)


def scores_table(ranked: pd.DataFrame) -> pd.DataFrame:
    """Only the columns of the scores table, in SPEC.md order."""
    return ranked.loc[:, list(SCORES_COLUMNS)].copy()
