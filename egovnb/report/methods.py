"""The report's parts for the methods beyond one threshold on one total.

- Tiers with components (Gia Lai): each unit's component points, rates and levels side by
  side with its overall level and rank (:func:`component_table`), and a grid of the
  component levels that outlines the component holding each unit back
  (:func:`component_chart`); :mod:`egovnb.report.reasons` says it in words.
- Index tiers (DTI): each pillar's part of every unit's index, stacked
  (:func:`pillar_chart`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.patches import Patch

from egovnb.core.framework import Tier
from egovnb.insight.pillars import contributions
from egovnb.report import fmt, measure
from egovnb.report.charts import (WIDTH, Chart, axis_formatter, fit_title, foot_legend, legend_rows, lines_height, render,
                                  text_width, unit_labels)
from egovnb.report.drawing import Labels, add_rectangles, fit_labels
from egovnb.report.labels import METHODS, header, label, phrase
from egovnb.report.palette import level_key, level_style, pillar_style
from egovnb.report.reasons import holding_labels
from egovnb.report.tables import Table, ranked_rows


def _word(key: str, language: str, **fields) -> str:
    return phrase(METHODS, key, language, **fields)


# --- Components -----------------------------------------------------------------------------------

def component_table(assessment, tier_key: str) -> Table:
    """Every unit of a tier with components: rank, name, each component's points, rate and
    level, the overall level, and (``level_by: lowest``) the component holding it."""
    tier = assessment.framework.tiers[tier_key]
    language = assessment.params.language
    ranked = assessment.ranked
    rows = ranked[ranked["tier"] == tier_key].reset_index(drop=True)
    columns: dict[str, list] = {
        header("rank", language): [fmt.MISSING if pd.isna(v) else fmt.count(v, language) for v in rows["rank"]],
        header("unit", language): list(rows["unit"])}
    numeric = [header("rank", language)]
    for component in tier.components:
        points = _word("points", language, component=component.label)
        rate = _word("rate", language, component=component.label)
        columns[points] = fmt.points_column(rows[f"{component.key}_achieved_points"], language)
        columns[rate] = [fmt.percent(v, language, 2) for v in rows[f"{component.key}_rate"]]
        columns[_word("level", language, component=component.label)] = [
            fmt.level(v, language) for v in rows[f"{component.key}_level"]]
        numeric += [points, rate]
    decimals = measure.value_decimals(tier, rows)
    columns[measure.value_header(tier, language)] = [measure.value_text(row, tier, language, decimals)
                                                     for _, row in rows.iterrows()]
    numeric.append(measure.value_header(tier, language))
    columns[header("level", language)] = [fmt.level(v, language) for v in rows["level"]]
    note = None
    if tier.level_by == "lowest":
        holding = holding_labels(assessment, tier_key)
        columns[_word("holding", language)] = [holding.get(unit, fmt.MISSING) for unit in rows["unit"]]
        note = _word("components_note", language)
    keys = {fmt.level(v, language): level_key(tier, v) for v in rows["level"]}
    return Table(pd.DataFrame(columns), _word("components_caption", language, tier=tier.label),
                 numeric=tuple(numeric), note=note, level_column=header("level", language), level_keys=keys,
                 wide=(header("unit", language),))


def component_chart(assessment, tier_key: str) -> Chart:
    """A grid of evaluated units (rank order) × components, each cell in the colour, hatch and
    name of the component's level, then the unit's overall level; under ``level_by: lowest``
    the component holding the unit's level has a bold outline."""
    tier = assessment.framework.tiers[tier_key]
    language = assessment.params.language
    ranked = assessment.ranked
    rows = ranked[(ranked["tier"] == tier_key) & ranked["evaluated"].to_numpy(dtype=bool)].reset_index(drop=True)
    holding = holding_labels(assessment, tier_key)
    columns = [c.label for c in tier.components] + [_word("overall", language)]
    levels = np.array([[row[f"{c.key}_level"] for c in tier.components] + [row["level"]]
                       for _, row in rows.iterrows()], dtype=object).reshape(len(rows), len(columns))
    # Each component cell also gives the component's points: how far it is from its neighbours.
    texts = [[f"{fmt.level(row[f'{c.key}_level'], language)} · {fmt.points(row[f'{c.key}_achieved_points'], language)}"
              for c in tier.components] + [fmt.level(row["level"], language)] for _, row in rows.iterrows()]
    names = fit_labels([f"{int(r)}. {u}" if not pd.isna(r) else u for r, u in zip(rows["rank"], rows["unit"])], 9)
    title = _word("grid_title", language, tier=tier.label)
    left = text_width(names or [""], 9) + 0.2
    shown_title = fit_title(title, WIDTH - left - 0.2)

    def draw(figure):
        ax = figure.add_subplot()
        down, across = np.indices(levels.shape)
        x, y = across.ravel(), down.ravel()
        # One patch per level (and one for the outlines), however many units.
        keys = [name if isinstance(name, str) else None for name in levels.ravel()]  # None: no level
        for name in dict.fromkeys(keys):
            chosen = np.array([key == name for key in keys], dtype=bool)
            style = level_style(tier, name) if name is not None else None
            add_rectangles(ax, x[chosen] - 0.5, x[chosen] + 0.5, y[chosen] - 0.5, y[chosen] + 0.5,
                           facecolor=style.colour if style else "#F2F2F2", hatch=style.hatch if style else "",
                           edgecolor="white", linewidth=1)
        held = np.array([column < len(tier.components)
                         and columns[column] in set(holding.get(rows["unit"].iat[row], "").split("; "))
                         for row, column in zip(y, x)], dtype=bool)
        if held.any():
            add_rectangles(ax, x[held] - 0.44, x[held] + 0.44, y[held] - 0.44, y[held] + 0.44, fill=False,
                           edgecolor="#111111", linewidth=2.2)
        ax.add_artist(Labels(np.column_stack([x, y]), [texts[row][column] for row, column in zip(y, x)], fontsize=8,
                             ha="center", colors="#111111", backing="white", pad=1.2))
        ax.set_xlim(-0.5, len(columns) - 0.5)
        ax.set_ylim(len(rows) - 0.5, -0.5)
        ax.set_xticks(range(len(columns)), columns)
        ax.xaxis.tick_top()
        unit_labels(ax, range(len(rows)), names)
        ax.tick_params(length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
        ax.set_title(shown_title, pad=24)
        if tier.level_by == "lowest":
            figure.legend(handles=[Patch(facecolor="white", edgecolor="#111111", linewidth=2.2,
                                         label=_word("holding_legend", language))],
                          loc="lower center", frameon=False, fontsize=8)

    held_counts = pd.Series([label_ for text in holding.values() for label_ in text.split("; ")]).value_counts()
    counts = "; ".join(_word("grid_count", language, component=c.label, n=fmt.count(int(held_counts.get(c.label, 0)),
                                                                                      language))
                       for c in tier.components)
    alt = _word("grid_alt", language, k=fmt.count(len(tier.components), language),
                n=fmt.count(len(rows), language), tier=tier.label, counts=counts)
    top = 0.75 + lines_height(11, shown_title.count("\n"))
    height = top + 0.55 + 0.3 * max(len(rows), 1)
    return render(draw, height, alt, title, component_table(assessment, tier_key), margins=(left, 0.2, top, 0.45))


# --- Pillars of an index --------------------------------------------------------------------------

def pillar_chart(assessment, tier_key: str) -> Chart:
    """Stacked horizontal bars of each ranked unit's index, one segment a pillar (its weight ×
    share of points earned ÷ the unit's total weight), on the index's printed scale, with a
    dashed line at each rating threshold."""
    tier = assessment.framework.tiers[tier_key]
    language = assessment.params.language
    parts = contributions(assessment.criteria_points, assessment.framework, tier_key)
    units = ranked_rows(assessment.ranked, tier_key)
    scale = tier.index_scale or 1.0
    table = parts.pivot(index="unit", columns="group", values="contribution").reindex(
        index=list(units["unit"]), columns=[g for g in assessment.framework.groups if g in set(parts["group"])])
    weights = {g.title: g.weight for g in assessment.framework.group_specs}
    counted = [g for g in table.columns if weights.get(g, 1.0) > 0]
    values = table[counted].fillna(0.0) * scale
    title = _word("pillars_title", language, tier=tier.label)
    legend = [f"{g} ({_word('weight', language, weight=fmt.number(weights.get(g, 1.0), language))})" for g in counted]
    rows_of_legend = legend_rows(legend, 8)
    tick_labels = fit_labels([f"{int(r)}. {u}" for r, u in zip(units["rank"], units["unit"])], 9)
    left_margin = text_width(tick_labels or [""], 9) + 0.2
    shown_title = fit_title(title, WIDTH - left_margin - 0.15)

    def draw(figure):
        ax = figure.add_subplot()
        positions = np.arange(len(values))
        left = np.zeros(len(values))
        for position, group in enumerate(counted):
            style = pillar_style(position)
            right = left + values[group].to_numpy()
            add_rectangles(ax, left, right, positions - 0.36, positions + 0.36, facecolor=style.colour,
                           hatch=style.hatch, edgecolor="white", linewidth=0.5, label=legend[position])
            left = right
        for lvl in tier.levels:
            x = lvl.min * scale
            ax.vlines(x, -0.55, len(values) - 0.5, color="#333333", linestyle=(0, (4, 3)), linewidth=0.8, zorder=3)
            ax.annotate(lvl.name, (x, -0.55), xytext=(2, 0), textcoords="offset points", ha="left", va="bottom",
                        fontsize=7.5, color="#333333")
        unit_labels(ax, positions, tick_labels)
        ax.set_ylim(len(values) - 0.5, -1.4)
        ax.set_xlim(0, scale)
        ax.xaxis.set_major_formatter(axis_formatter(language, decimals=0 if scale >= 10 else 1))
        ax.set_xlabel(_axis(tier, language))
        ax.tick_params(axis="y", length=0)
        ax.set_title(shown_title, y=1.0)
        foot_legend(figure, ncol=-(-len(legend) // rows_of_legend))

    totals = values.sum(axis=0)
    alt = _word("pillars_alt", language, n=fmt.count(len(values), language), tier=tier.label,
                top=totals.idxmax() if len(totals) and totals.max() > 0 else fmt.MISSING)
    shown = values.map(lambda v: measure.index_text(v / scale, tier, language))
    frame = shown.reset_index().rename(columns={"unit": header("unit", language)})
    frame.columns = [str(c) for c in frame.columns]
    frame[header("index", language)] = [measure.index_text(v, tier, language) for v in units["index"]]
    zero = [g for g in table.columns if weights.get(g, 1.0) == 0]
    numbers = Table(frame, caption=title, numeric=tuple(frame.columns[1:]), collapsed=True,
                    summary=label("chart_data", language), wide=(header("unit", language),),
                    note=_word("not_counted", language, groups=", ".join(zero)) if zero else None)
    top, bottom = 0.55 + lines_height(11, shown_title.count("\n")), 0.62 + 0.26 * rows_of_legend
    height = top + bottom + 0.26 * (max(len(values), 1) + 0.9)
    return render(draw, height, alt, title, numbers, margins=(left_margin, 0.15, top, bottom))


def _axis(tier: Tier, language: str) -> str:
    if tier.index_scale:
        return label("axis_index_scaled", language, scale=fmt.count(tier.index_scale, language))
    return label("axis_index", language)
