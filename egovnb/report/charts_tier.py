"""The charts of one tier: ranking bars, the number of units per level, the criteria-group heat map.

Each function takes the scores table (and, for the heat map, the criterion-grain
points) and a tier, and returns a :class:`egovnb.report.charts.Chart`;
:func:`for_tier` gives the report's charts of a tier in order.
"""

from __future__ import annotations

import math
import textwrap

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.cm import ScalarMappable
from matplotlib.collections import PathCollection
from matplotlib.colors import Normalize

from egovnb.core.framework import NOT_EVALUATED, Tier
from egovnb.insight.groups import points_by_group, share_earned
from egovnb.report import fmt, measure, methods
from egovnb.report.charts import (WIDTH, Chart, axis_formatter, fit_title, legend_rows, level_bars, level_patches,
                                  foot_legend, lines_height, render, text_width, unit_labels)
from egovnb.report.drawing import Labels, add_rectangles, fit_labels, rectangles
from egovnb.report.labels import header, label
from egovnb.report.tables import Table, level_counts, ranked_rows, tier_rows


def for_tier(assessment, tier_key: str) -> list[Chart]:
    """The charts of one tier: ranking, level distribution (for a tier with levels), each
    component's level with the one holding the unit back (a tier with components, its table
    shown open), each pillar's part of the index (an index tier), and (group or criterion
    grain) the heat map; none for a tier without units, no ranking, components, pillars or
    heat map when no unit is ranked."""
    tier = assessment.framework.tiers[tier_key]
    language = assessment.params.language
    rows = tier_rows(assessment.ranked, tier_key)
    if rows.empty:
        return []
    ranked = bool(rows["rank"].notna().any())
    charts = [ranking_chart(assessment.ranked, tier, language)] if ranked else []
    if tier.has_levels:
        charts.append(level_distribution_chart(assessment.scores, tier, language))
    if tier.components and rows["evaluated"].any():
        charts.append(methods.component_chart(assessment, tier_key))
    points = assessment.criteria_points
    if ranked and tier.rank_by == "index" and points is not None:
        charts.append(methods.pillar_chart(assessment, tier_key))
    if ranked and points is not None and len(points[points["tier"] == tier_key]):
        charts.append(group_heatmap(points, assessment.scores, tier, assessment.framework.groups, language))
    return charts


# --- Ranking ---------------------------------------------------------------------------------

def ranking_data(scores: pd.DataFrame, tier: Tier) -> pd.DataFrame:
    """Ranked units of ``tier`` in rank order: rank, unit, value (rate in percent, achieved
    points, or the index on its printed scale, per the tier's ``rank_by``) and level.
    ``scores`` is the ranked table (it has the index)."""
    rows = ranked_rows(scores, tier.key)
    value = measure.chart_values(rows, tier)
    return pd.DataFrame({"rank": rows["rank"].astype(int).to_numpy(), "unit": rows["unit"].to_numpy(),
                         "value": value.to_numpy(dtype=float), "level": rows["level"].to_numpy()})


def ranking_chart(scores: pd.DataFrame, tier: Tier, language: str = "vi") -> Chart:
    """Horizontal bars of every evaluated unit of ``tier``, best first, coloured and hatched by
    level, with the level named at each bar's end and a dashed line at each threshold."""
    data = ranking_data(scores, tier)
    rows = ranked_rows(scores, tier.key)
    decimals = measure.value_decimals(tier, tier_rows(scores, tier.key))
    shown = [measure.value_text(row, tier, language, decimals) for row in rows.to_dict("records")]
    title = label(f"ranking_title_{tier.rank_by}", language, tier=tier.label)
    axis = (label("axis_index_scaled", language, scale=fmt.count(tier.index_scale, language))
            if tier.rank_by == "index" and tier.index_scale else label(f"axis_{tier.rank_by}", language))
    # Points are drawn on the whole scale up to the tier's maximum, so every threshold shows.
    maxima = tier_rows(scores, tier.key)["max_points"].dropna()
    top_value = measure.chart_top(tier, data["value"], maxima)
    levelled = tier.has_levels

    bar_labels = [f"{text} · {fmt.level(name, language)}" if levelled else text
                  for text, name in zip(shown, data["level"])]
    tick_labels = fit_labels([f"{rank}. {unit}" for rank, unit in zip(data["rank"], data["unit"])], 9)
    legend = measure.legend_entries(tier, language, set(data["level"]))
    left = text_width(tick_labels or [""], 9) + 0.2
    width = WIDTH - left - 0.15
    shown_title = fit_title(title, width)
    # Room on the right of the longest bar for its label: solve value + label ≤ x-limit.
    label_share = (text_width(bar_labels or [""], 7.5) + 0.12) / width
    x_limit = top_value / max(1 - label_share, 0.3)
    rows_of_legend = legend_rows([text for _, text in legend], 8) if legend else 0

    def draw(figure):
        ax = figure.add_subplot()
        positions = np.arange(len(data))
        values = data["value"].to_numpy(dtype=float)
        if levelled:
            level_bars(ax, tier, data["level"], positions, values, thickness=0.72, linewidth=0.6)
        else:  # ranked only: one colour, no level to tell apart
            add_rectangles(ax, 0.0, values, positions - 0.36, positions + 0.36, facecolor="#0072B2",
                           edgecolor="white", linewidth=0.6)
        # On a white ground, so a threshold line running behind a label does not cross its text.
        ax.add_artist(Labels(np.column_stack([values, positions]), bar_labels, fontsize=7.5, offset=(3, 0),
                             backing="white", zorder=4))
        for lvl in tier.levels:
            x = measure.chart_threshold(lvl.min, tier)
            ax.vlines(x, -0.55, len(data) - 0.5, color="#333333", linestyle=(0, (4, 3)), linewidth=0.8, zorder=3)
            # Beside the line, not on it: the label "I" centred on a line would read as part of it.
            ax.annotate(lvl.name, (x, -0.55), xytext=(2, 0), textcoords="offset points", ha="left",
                        va="bottom", fontsize=7.5, color="#333333")
        unit_labels(ax, positions, tick_labels)
        ax.set_ylim(len(data) - 0.5, -1.4)
        ax.set_xlim(0, x_limit)
        ax.set_xticks([t for t in _nice_ticks(top_value) if t <= top_value])
        ax.xaxis.set_major_formatter(axis_formatter(language, decimals=1 if top_value <= 1 else 0))
        ax.set_xlabel(axis)
        ax.tick_params(axis="y", length=0)
        ax.set_title(shown_title, y=1.0)  # nothing above the axes: no need to measure for it
        if legend:
            foot_legend(figure, handles=level_patches(tier, legend), ncol=-(-len(legend) // rows_of_legend))

    top, bottom = 0.55 + lines_height(11, shown_title.count("\n")), 0.62 + 0.26 * rows_of_legend
    height = top + bottom + 0.26 * (max(len(data), 1) + 0.9)
    unranked = tier_rows(scores, tier.key)
    unranked = unranked[unranked["rank"].isna()]
    evaluated = unranked["level"] != NOT_EVALUATED
    not_evaluated = unranked[~evaluated]["unit"].tolist()
    not_ranked = unranked[evaluated]["unit"].tolist()
    if len(data):
        # A sentence gives points as delivered (413), the bars' column evens them (413,00).
        said = shown if tier.rank_by != "points" else [fmt.points(v, language) for v in rows["achieved_points"]]
        alt = label("ranking_alt", language, n=fmt.count(len(data), language), tier=tier.label,
                    measure=label(f"measure_{tier.rank_by}", language), first=data["unit"].iloc[0],
                    first_value=said[0], last=data["unit"].iloc[-1], last_value=said[-1])
    else:
        alt = title
    if not_ranked:
        alt += " " + label("not_ranked_shown", language, units=", ".join(not_ranked))
    if not_evaluated:
        alt += " " + label("not_shown", language, units=", ".join(not_evaluated))
    value_column = measure.value_header(tier, language)
    columns = {header("rank", language): [fmt.count(r, language) for r in data["rank"]],
               header("unit", language): list(data["unit"]), value_column: shown}
    if levelled:
        columns[measure.level_header(tier, language)] = [fmt.level(v, language) for v in data["level"]]
    table = Table(pd.DataFrame(columns), caption=title, numeric=(header("rank", language), value_column),
                  collapsed=True, summary=label("chart_data", language), wide=(header("unit", language),))
    return render(draw, height, alt, title, table, margins=(left, 0.15, top, bottom))


def _nice_ticks(top: float) -> list[float]:
    """0 to ``top`` in 5–10 round steps (1, 2, 2.5 or 5 times a power of ten)."""
    raw = top / 5
    power = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    return [round(i * step, 10) for i in range(int(top // step) + 1)]


# --- Level distribution ----------------------------------------------------------------------

def level_distribution_chart(scores: pd.DataFrame, tier: Tier, language: str = "vi") -> Chart:
    """Columns of the number of units per level of ``tier`` (every level, the 'below' label,
    and units not evaluated when there are some), each labelled with its count and share."""
    counts = level_counts(scores, tier)
    names = [fmt.level(v, language) for v in counts["level"]]
    rating = tier.rank_by == "index"  # an index's levels are ratings (Xếp loại)
    title = label("distribution_title_rating" if rating else "distribution_title", language, tier=tier.label)
    shares = fmt.shares(counts["units"], language)  # they add up to 100 % as printed

    wrapped = ["\n".join(textwrap.wrap(n, 16)) for n in names]
    name_lines = max(w.count("\n") + 1 for w in wrapped)

    def draw(figure):
        ax = figure.add_subplot()
        positions = np.arange(len(counts))
        level_bars(ax, tier, counts["level"], positions, counts["units"], thickness=0.65, horizontal=False,
                   linewidth=0.6)
        top = max(int(counts["units"].max()), 1)
        for position, units, share in zip(positions, counts["units"], shares):
            ax.text(position, units + top * 0.02, f"{fmt.count(units, language)} ({share})",
                    ha="center", va="bottom", fontsize=8.5)
        ax.set_xticks(positions, wrapped)
        ax.set_ylim(0, top * 1.18)
        ax.yaxis.get_major_locator().set_params(integer=True)
        ax.yaxis.set_major_formatter(axis_formatter(language))
        ax.set_xlabel(measure.level_header(tier, language) if rating else label("axis_level", language))
        ax.set_ylabel(label("axis_units", language))
        ax.set_title(title, y=1.0)

    parts = "; ".join(f"{name}: {fmt.count(units, language)}" for name, units in zip(names, counts["units"]))
    alt = label("distribution_alt", language, tier=tier.label, parts=parts)
    table = Table(pd.DataFrame({label("axis_level", language): names,
                                label("units_count", language): [fmt.count(u, language) for u in counts["units"]],
                                label("share", language): shares}),
                  caption=title, numeric=(label("units_count", language), label("share", language)),
                  collapsed=True, summary=label("chart_data", language), wide=(header("unit", language),))
    bottom = 0.3 + lines_height(9, name_lines) + lines_height(9)
    return render(draw, 2.6 + bottom, alt, title, table, margins=(0.75, 0.15, 0.4, bottom))


# --- Criteria-group heat map -----------------------------------------------------------------

def group_shares(group_points: pd.DataFrame, scores: pd.DataFrame, tier: Tier,
                 groups: tuple[str, ...] = ()) -> pd.DataFrame:
    """Share of applicable points earned by each evaluated unit of ``tier`` in each criteria group.

    ``group_points`` is :func:`egovnb.insight.groups.points_by_group`. Returns a frame
    indexed by unit (in rank order) with one column per group (framework order when
    ``groups`` is given): achieved ÷ applicable points, a fraction 0..1; NaN where no
    criterion of the group applies to the unit.
    """
    units = ranked_rows(scores, tier.key)["unit"].tolist()
    summed = group_points[group_points["tier"] == tier.key]
    share = summed.assign(share=share_earned(summed["achieved_points"], summed["applicable_points"])).pivot(
        index="unit", columns="group", values="share")
    present = list(dict.fromkeys(summed["group"]))
    order = [g for g in groups if g in present] + [g for g in present if g not in groups]
    return share.reindex(index=units, columns=order).astype(float)


def group_totals(group_points: pd.DataFrame, tier: Tier) -> pd.Series:
    """Share of applicable points earned in each criteria group by all evaluated units of ``tier``
    (``group_points`` as for :func:`group_shares`), a fraction 0..1 indexed by group."""
    summed = group_points[group_points["tier"] == tier.key].groupby("group", sort=False)[
        ["achieved_points", "applicable_points"]].sum()
    return share_earned(summed["achieved_points"], summed["applicable_points"])


def group_heatmap(criteria_points: pd.DataFrame, scores: pd.DataFrame, tier: Tier,
                  groups: tuple[str, ...] = (), language: str = "vi") -> Chart:
    """A units × criteria-groups heat map of the share of applicable points earned (percent),
    darker for higher, every cell also written as a number."""
    group_points = points_by_group(criteria_points[criteria_points["tier"] == tier.key])
    shares = group_shares(group_points, scores, tier, groups)
    totals = group_totals(group_points, tier).reindex(shares.columns)
    title = label("heatmap_title", language, tier=tier.label)
    cells = shares.map(lambda v: fmt.MISSING if pd.isna(v) else fmt.number(v * 100, language, decimals=0))

    names = fit_labels(list(shares.index), 9)
    left = text_width(names or [""], 9) + 0.2
    # Room on the right for the colour bar's ticks and its label, so neither is cut.
    right = 0.2 + text_width([fmt.number(100, language)], 9) + 0.3
    # Each group's name wrapped to its column's width (18 characters at most).
    column_chars = int((WIDTH - left - right) * 0.85 / max(shares.shape[1], 1) / 0.075)
    group_labels = ["\n".join(textwrap.wrap(str(g), max(8, min(18, column_chars)))) for g in shares.columns]
    group_lines = max([g.count("\n") + 1 for g in group_labels] or [1])
    shown_title = fit_title(title, WIDTH - left - right)
    title_lines = shown_title.count("\n")

    def draw(figure):
        ax = figure.add_subplot()
        colours = matplotlib.colormaps["cividis_r"]
        values = shares.to_numpy(dtype=float)
        rows, columns = values.shape
        across, down = np.meshgrid(np.arange(columns), np.arange(rows))
        # Vector cells, crisp at any zoom: one path per whole percent (the colour of the number
        # written in the cell), grey where nothing applies.
        percent = np.round(values.ravel() * 100)
        keys = np.where(np.isnan(percent), -1, percent)
        paths, fills = [], []
        for key in np.unique(keys):
            chosen = keys == key
            x, y = across.ravel()[chosen], down.ravel()[chosen]
            paths.append(rectangles(x - 0.5, x + 0.5, y - 0.5, y + 0.5))
            fills.append("#F2F2F2" if key < 0 else colours(key / 100))
        # Each path also stroked in its own colour, so no hairline of background shows between cells.
        ax.add_collection(PathCollection(paths, facecolors=fills, edgecolors=fills, linewidths=0.4), autolim=False)
        dark = np.nan_to_num(values.ravel(), nan=0.0) > 0.55
        ax.add_artist(Labels(np.column_stack([across.ravel(), down.ravel()]), cells.to_numpy().ravel(), fontsize=7.5,
                             ha="center", colors=np.where(dark, "white", "#222222")))
        ax.set_xlim(-0.5, columns - 0.5)
        ax.set_ylim(rows - 0.5, -0.5)
        ax.set_xticks(range(columns), group_labels)
        ax.xaxis.tick_top()
        unit_labels(ax, range(rows), names)
        ax.tick_params(length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
        bar = figure.colorbar(ScalarMappable(Normalize(0, 1), colours), ax=ax, fraction=0.04, pad=0.02)
        bar.ax.yaxis.set_major_formatter(axis_formatter(language, scale=100))
        bar.set_label(label("heatmap_bar", language), fontsize=8)
        ax.set_title(shown_title, pad=14 + 9 * 1.45 * group_lines)

    if totals.notna().any():
        weakest = totals.idxmin()
        weakest_value = fmt.percent(totals.min(), language, 0)
    else:
        weakest, weakest_value = fmt.MISSING, fmt.MISSING
    alt = label("heatmap_alt", language, n=fmt.count(len(shares), language), tier=tier.label,
                groups=fmt.count(shares.shape[1], language), weakest=weakest, weakest_value=weakest_value)
    frame = cells.reset_index().rename(columns={"unit": header("unit", language), "index": header("unit", language)})
    frame.columns = [str(c) for c in frame.columns]
    table = Table(frame, caption=title, numeric=tuple(str(c) for c in shares.columns),
                  collapsed=True, summary=label("chart_data", language), wide=(header("unit", language),),
                  note=f"{fmt.MISSING}: {label('not_applicable', language)}")
    top = 0.55 + lines_height(9, group_lines) * 1.15 + lines_height(11, title_lines)
    # Rows tall enough for the colour bar's label, which runs along the bar (a tier of a few units).
    rows_height = max(0.28 * max(len(shares), 1), text_width([label("heatmap_bar", language)], 8) + 0.15)
    height = top + 0.2 + rows_height
    return render(draw, height, alt, title, table, margins=(left, right, top, 0.2))
