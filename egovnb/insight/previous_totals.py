"""Last year's figure of each unit, on this year's measure, for the annexes' column per year.

With ``previous:`` in the params, a province's annex can print last year's total beside
this year's (Phú Thọ 2021: rank, unit, total 2020, total 2021). Each unit of this year is
followed to its predecessors as the year-on-year comparison follows it
(:func:`egovnb.insight.yoy.predecessors`, through the crosswalk), and given last year's
value of the measure its tier ranks by now:

- rate: the predecessor's rate; merged predecessors' combined rate (Σ achieved ÷ Σ applicable);
- points: the predecessor's achieved points; for merged ones, the combined rate × the
  maximum of their tier (the scale one unit is scored on, as the scorecard's history does);
- index: the predecessor's index; merged ones' index of their summed group points.

A unit new this year, or whose predecessors were not evaluated, gets NaN. No I/O beyond
reading the previous year's files through the assessment.
"""

from __future__ import annotations

import numpy as np

from egovnb.insight.merged import combined_index
from egovnb.insight.yoy import combined_figures, crosswalk_of, predecessors


def previous_values(current) -> tuple[int, dict[str, dict[str, float]]] | None:
    """(last year, {tier: {unit: value}}) for every unit of ``current`` (an Assessment), or
    None when its params name no previous year."""
    previous = current.previous
    if previous is None:
        return None
    links = predecessors(current, previous, crosswalk_of(current.params))
    ranked = previous.ranked
    rows = {key: index for index, key in enumerate(zip(ranked["tier"].astype(object), ranked["unit"].astype(object)))}
    values: dict[str, dict[str, float]] = {}
    for (tier_key, unit), keys in links.items():
        tier = current.framework.tiers.get(tier_key)
        values.setdefault(tier_key, {})[unit] = np.nan if tier is None else _value(previous, ranked, rows, tier,
                                                                                   keys)
    return previous.params.year, values


def _value(previous, ranked, rows: dict, tier, keys: list) -> float:
    if not keys:
        return np.nan
    if len(keys) == 1:
        row = ranked.iloc[rows[keys[0]]]
        if not bool(row["evaluated"]):
            return np.nan
        if tier.rank_by == "index":
            return float(row["index"]) if "index" in ranked.columns else np.nan
        return float(row["rate"] if tier.rank_by == "rate" else row["achieved_points"])
    if tier.rank_by == "index":
        return float(combined_index(previous, keys))
    rate = float(combined_figures(previous, keys)["rate"])
    if tier.rank_by == "rate":
        return rate
    tiers = {t for t, _ in keys}
    maximum = previous.framework.tier_max_points(next(iter(tiers))) if len(tiers) == 1 else None
    return rate * maximum if maximum else np.nan
