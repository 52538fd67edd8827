"""Charts and tables of the sensitivity analysis (:mod:`egovnb.insight.sensitivity`) for the report.

The rank-interval chart draws, for each evaluated unit of a tier (best first),
a bar over its 5–95% rank interval across the draws, a tick at the median
rank and a dot at the assessed rank; bars take the colour and hatch of the
assessed level. It is rendered by :func:`egovnb.report.charts.render`, so it looks,
and is saved, like the report's other charts.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.lines import Line2D

from egovnb.core.framework import Tier
from egovnb.insight.sensitivity import FIRM, analyse_from_params, not_firm
from egovnb.report import fmt
from egovnb.report.charts import Chart, level_bars, level_patches, render, unit_labels
from egovnb.report.labels import SENSITIVITY, header, label, phrase
from egovnb.report.markup import Html, text_element
from egovnb.report.tables import Table


def _word(key: str, language: str, **fields) -> str:
    return phrase(SENSITIVITY, key, language, **fields)


def _tier_rows(result: pd.DataFrame, tier: Tier) -> pd.DataFrame:
    rows = result[(result["tier"] == tier.key) & result["median_rank"].notna()]
    return rows.reset_index(drop=True)


def rank_interval_chart(result: pd.DataFrame, tier: Tier, language: str = "vi") -> Chart:
    """The rank-interval chart of one tier as a report :class:`egovnb.report.charts.Chart`
    (SVG, alt text, and the numbers behind it)."""
    rows = _tier_rows(result, tier)
    draws = result.attrs.get("draws", 0)
    title = _word("title", language, tier=tier.label, draws=fmt.count(draws, language))
    weak = not_firm(result)
    alt = _word("alt", language, n=fmt.count(len(rows), language), tier=tier.label,
                draws=fmt.count(draws, language), weak=fmt.count(int((weak["tier"] == tier.key).sum()), language),
                firm=fmt.percent(FIRM, language, 0))
    table = Table(interval_frame(result, tier, language), caption=title,
                  numeric=(header("rank", language), _word("median_rank", language), _word("probability", language)),
                  collapsed=True, summary=label("chart_data", language))
    return render(lambda figure: _draw(figure, rows, tier, language, draws), _height(len(rows)), alt, title, table)


def interval_frame(result: pd.DataFrame, tier: Tier, language: str = "vi") -> pd.DataFrame:
    """One tier's figures formatted for display: unit, rank, median rank, 5–95% interval,
    level and the probability of keeping it."""
    rows = _tier_rows(result, tier)
    return pd.DataFrame({
        header("unit", language): list(rows["unit"]),
        header("rank", language): [fmt.count(v, language) for v in rows["rank"]],
        _word("median_rank", language): fmt.column(rows["median_rank"], language, most=1),  # 3,0 beside 3,5
        _word("range", language): [f"{fmt.count(a, language)}–{fmt.count(b, language)}"
                                   for a, b in zip(rows["rank_p05"], rows["rank_p95"])],
        header("level", language): [fmt.level(v, language) for v in rows["level"]],
        _word("probability", language): [fmt.percent(v, language, 1) for v in rows["level_probability"]],
    })


def not_firm_table(result: pd.DataFrame, tier: Tier, language: str = "vi") -> Table:
    """The units of a tier whose level holds in under 90% of draws, weakest first."""
    weak = not_firm(result)
    weak = weak[weak["tier"] == tier.key]
    frame = pd.DataFrame({
        header("unit", language): list(weak["unit"]),
        header("rank", language): [fmt.count(v, language) for v in weak["rank"]],
        header("level", language): [fmt.level(v, language) for v in weak["level"]],
        _word("probability", language): [fmt.percent(v, language, 1) for v in weak["level_probability"]],
        _word("other", language): [fmt.level(v, language) for v in weak["other_level"]],
        _word("other_probability", language): [fmt.percent(v, language, 1) for v in weak["other_probability"]],
    })
    return Table(frame, _word("not_firm", language, tier=tier.label, firm=fmt.percent(FIRM, language, 0)),
                 numeric=(header("rank", language), _word("probability", language),
                          _word("other_probability", language)))


def method_note(result: pd.DataFrame, tier: Tier | None = None, language: str = "vi") -> str:
    """One paragraph saying what was perturbed, by how much, with which seed and how many draws
    (the threshold shift in the unit of ``tier``, or of every kind of tier when None)."""
    attrs = result.attrs
    shift = attrs.get("threshold_shift", 0)
    kind = "shift_both" if tier is None else "shift_points" if tier.rank_by == "points" else "shift_rate"
    shift_text = _word(kind, language, shift=fmt.number(shift, language))
    spread = attrs.get("weight_spread", 0)
    if attrs.get("groups"):
        weights = _word("weights", language, low=fmt.number(1 - spread, language),
                        high=fmt.number(1 + spread, language))
    else:
        weights = _word("no_weights", language)
    return _word("method", language, shift=shift_text, weights=weights, seed=attrs.get("seed", 0),
                 draws=fmt.count(attrs.get("draws", 0), language))


def _height(units: int) -> float:
    return 1.5 + 0.2 * max(units, 1)


def _draw(figure, rows: pd.DataFrame, tier: Tier, language: str, draws: int) -> None:
    ax = figure.add_subplot()
    positions = np.arange(len(rows))
    low = rows["rank_p05"].to_numpy(dtype=float)
    high = rows["rank_p95"].to_numpy(dtype=float)
    # An interval of one rank still gets a visible bar: ±0.4 around each end.
    level_bars(ax, tier, rows["level"], positions, high + 0.4, starts=low - 0.4, thickness=0.62, linewidth=0.5,
               alpha=0.85)
    ax.scatter(rows["median_rank"].to_numpy(dtype=float), positions, marker="|", s=90, color="#111111", zorder=3)
    ax.scatter(rows["rank"].astype(float).to_numpy(), positions, marker="o", s=14, color="white",
               edgecolors="#111111", linewidths=0.8, zorder=4)
    unit_labels(ax, positions, [f"{rank}. {unit}" for rank, unit in zip(rows["rank"], rows["unit"])],
                size=7.5 if len(rows) < 60 else 6)
    ax.set_ylim(len(rows) - 0.5, -0.7)
    last = float(np.nanmax(high)) if len(rows) else 1.0
    ax.set_xlim(0.3, last + 0.7)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_xlabel(_word("axis", language))
    ax.tick_params(axis="y", length=0)
    ax.set_title(_word("title", language, tier=tier.label, draws=fmt.count(draws, language)), y=1.0)
    present = list(dict.fromkeys(rows["level"]))
    handles = level_patches(tier, [(name, fmt.level(name, language)) for name in present])
    handles += [Line2D([], [], color="#111111", marker="|", linestyle="none", markersize=9,
                       label=_word("median", language)),
                Line2D([], [], color="#111111", marker="o", markerfacecolor="white", linestyle="none",
                       markersize=5, label=_word("assessed", language))]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.35 / max(len(rows), 1) ** 0.5 - 0.04),
              ncol=min(6, len(handles)), frameon=False, fontsize=8)


def sensitivity_blocks(assessment, result: pd.DataFrame | None = None) -> list:
    """The report's sensitivity section as blocks to display in order: the heading and method
    note, then per tier the rank-interval chart, the numbers behind it and the units whose
    level is not firm. Empty when the params do not set ``sensitivity:`` (and no ``result``
    is given). Bad settings raise InputError naming the params file."""
    if result is None:
        result = analyse_from_params(assessment)
        if result is None:
            return []
    language = assessment.params.language
    heading = label("sensitivity", language)
    tiers = assessment.framework.tiers
    kinds = {t.rank_by for t in tiers.values()}
    note = method_note(result, next(iter(tiers.values())) if len(kinds) == 1 else None, language)
    blocks: list = [Html(text_element("h2", heading, id="sensitivity") + text_element("p", note), f"{heading}\n{note}")]
    for key, tier in tiers.items():
        if not (result["tier"] == key).any():
            continue
        chart = rank_interval_chart(result, tier, language)
        blocks += [chart, chart.table, not_firm_table(result, tier, language)]
    return blocks
