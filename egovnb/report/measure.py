"""What a tier is ranked and levelled by, as the report shows it.

A tier ranks by rate (shown as a percentage), by achieved points, or by an index
(0..1, printed as the province publishes it: ``0,8002``, or ``800,2`` points with
``index_scale: 1000``). Its levels are its own thresholds, the lowest of its
components' levels (``level_by: lowest``), or none at all (ranked only). Index tiers
call their levels ratings ("Xếp loại"). Every table, chart and sentence of the report
asks here, so each method reads the same everywhere.
"""

from __future__ import annotations

import math

import pandas as pd

from egovnb.core.framework import NOT_EVALUATED, Tier
from egovnb.report import fmt
from egovnb.report.labels import header, label

INDEX_DECIMALS = 4  # the DTI is published to four decimals on its 0..1 scale (0,xxxx)


def index_decimals(scale: float | None) -> int:
    """Decimals of an index printed on ``scale``: 4 on 0..1, 1 on 1,000 points."""
    return max(0, INDEX_DECIMALS - round(math.log10(scale))) if scale else INDEX_DECIMALS


def index_text(value: float | None, tier: Tier, language: str = "vi") -> str:
    """An index (0..1) as published: ``0,8002``, or ``800,2`` on ``index_scale: 1000``."""
    if value is None or pd.isna(value):
        return fmt.MISSING
    scale = tier.index_scale or 1.0
    return fmt.number(value * scale, language, decimals=index_decimals(tier.index_scale), fixed=True)


def value_column(tier: Tier) -> str:
    """The scores column a tier is ranked by: ``rate``, ``achieved_points`` or ``index``."""
    return {"rate": "rate", "points": "achieved_points", "index": "index"}[tier.rank_by]


def value_decimals(tier: Tier, rows: pd.DataFrame) -> int:
    """Decimals of a tier's ranked value, the same for all its units (``rows``: the tier's rows
    of the scores table): the rates' (:func:`egovnb.report.fmt.tier_rate_decimals`), the most any
    unit's points need (:func:`egovnb.report.fmt.points_decimals`), or the index's as published."""
    if tier.rank_by == "points":
        return fmt.points_decimals(rows["achieved_points"])
    if tier.rank_by == "index":
        return index_decimals(tier.index_scale)
    return fmt.tier_rate_decimals(tier, rows["rate"])


def value_text(row, tier: Tier, language: str = "vi", decimals: int | None = None) -> str:
    """A unit's ranked value (``row`` of the scores table) as the report prints it, with the
    tier's :func:`value_decimals` when given (a column of one tier reads alike): a rate with
    ``decimals`` (2 when None), points with ``decimals`` exactly (as delivered when None), the
    index as published."""
    if tier.rank_by == "points":
        if decimals is None:
            return fmt.points(row["achieved_points"], language)
        return fmt.number(row["achieved_points"], language, decimals=decimals, fixed=True)
    if tier.rank_by == "index":
        return index_text(row.get("index") if hasattr(row, "get") else row["index"], tier, language)
    return fmt.percent(row["rate"], language, 2 if decimals is None else decimals)


def value_header(tier: Tier, language: str = "vi") -> str:
    """The header of the ranked value: Tỷ lệ thực hiện, Số điểm thực hiện, or Chỉ số."""
    return header(value_column(tier), language)


def level_header(tier: Tier, language: str = "vi") -> str:
    """"Mức độ", or "Xếp loại" for the ratings of an index tier."""
    return label("rating", language) if tier.rank_by == "index" else header("level", language)


def chart_values(rows: pd.DataFrame, tier: Tier) -> pd.Series:
    """The ranked value on a chart's axis: rate in percent, points, or the index on its scale."""
    if tier.rank_by == "rate":
        return rows["rate"] * 100
    if tier.rank_by == "index":
        return rows["index"] * (tier.index_scale or 1.0)
    return rows["achieved_points"]


def chart_threshold(minimum: float, tier: Tier) -> float:
    """A threshold of the tier on the chart's axis (see :func:`chart_values`)."""
    if tier.rank_by == "rate":
        return minimum * 100
    if tier.rank_by == "index":
        return minimum * (tier.index_scale or 1.0)
    return minimum


def chart_top(tier: Tier, values, maxima) -> float:
    """The end of a chart's value axis: 100 %, the index scale, or the tier's maximum points."""
    if tier.rank_by == "rate":
        return 100.0
    if tier.rank_by == "index":
        return float(tier.index_scale or 1.0)
    return float(max([*maxima, *values, *(lvl.min for lvl in tier.levels), 1.0]))


def threshold_text(minimum: float, rank_by: str, tier: Tier, language: str = "vi") -> str:
    """A threshold of a tier or of one of its components (``rank_by`` its own)."""
    if rank_by == "index":
        return index_text(minimum, tier, language)
    return fmt.threshold(minimum, rank_by, language)


def level_entries(tier: Tier) -> list[tuple[str, str]]:
    """(name, kind) of every level a unit of the tier can get, highest first: ``level`` for
    its levels (the components' under ``level_by: lowest``), ``below`` for its ``below``
    label; none for a tier without levels."""
    if not tier.has_levels:
        return []
    names = tier.level_order()
    return [(name, "level") for name in names[:-1]] + [(names[-1], "below")]


def legend_entries(tier: Tier, language: str, present: set[str]) -> list[tuple[str, str]]:
    """Legend entries of a tier's levels: each with its threshold where the tier has its own,
    the ``below`` label, and units not evaluated when some are present."""
    entries = []
    if tier.levels:
        entries = [(lvl.name, f"{fmt.level(lvl.name, language)} (≥ {threshold_text(lvl.min, tier.rank_by, tier, language)})")
                   for lvl in tier.levels]
        lowest = threshold_text(tier.levels[-1].min, tier.rank_by, tier, language)
        entries.append((tier.below, f"{fmt.level(tier.below, language)} (< {lowest})"))
    elif tier.has_levels:
        entries = [(name, fmt.level(name, language)) for name, _ in level_entries(tier)]
    if NOT_EVALUATED in present:
        entries.append((NOT_EVALUATED, fmt.level(NOT_EVALUATED, language)))
    return entries


def rule_text(tier: Tier, language: str = "vi") -> str:
    """A tier's rule in one sentence: what it ranks by, its levels (or its components' and
    the lowest of them), who is not ranked, and the column it ranks within."""
    measure = label(f"rule_measure_{tier.rank_by}", language)
    if tier.rank_by == "index" and tier.index_scale:
        measure += label("index_scale", language, scale=fmt.count(tier.index_scale, language))
    if tier.level_by == "lowest":
        parts = [f"{c.label} ({_levels(c.levels, c.rank_by, tier, language)})" for c in tier.components]
        levels = label("lowest_rule", language, components="; ".join(parts), below=tier.below)
    elif tier.levels:
        lowest = threshold_text(tier.levels[-1].min, tier.rank_by, tier, language)
        levels = (_levels(tier.levels, tier.rank_by, tier, language) + "; "
                  + label("below_rule", language, below=tier.below) + f" (< {lowest})")
        levels = label("ratings_rule" if tier.rank_by == "index" else "levels_rule", language, levels=levels)
    else:
        levels = label("no_levels_rule", language)
    text = label("tier_rule", language, measure=measure, levels=levels)
    if tier.has_levels and not tier.rank_below:
        text += " " + label("rank_below_rule", language, below=tier.below)
    if tier.rank_within:
        text += " " + label("rank_within_rule", language, column=tier.rank_within)
    return text


def _levels(levels, rank_by: str, tier: Tier, language: str) -> str:
    return ", ".join(f"{lvl.name} ≥ {threshold_text(lvl.min, rank_by, tier, language)}" for lvl in levels)
