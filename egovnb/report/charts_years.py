"""The year-on-year chart: a slope from each unit's rank last year to its rank this year.

:func:`for_year_on_year` gives the report's charts of a tier from the comparison
that :func:`egovnb.report.blocks.year_on_year` computes once per report.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.lines import Line2D

from egovnb.core.framework import Tier
from egovnb.report import fmt
from egovnb.report.charts import WIDTH, Chart, foot_legend, render, text_width
from egovnb.report.drawing import LABEL_INCHES, Labels, fit_labels
from egovnb.report.labels import header, label
from egovnb.report.palette import STYLES
from egovnb.report.tables import Table


def for_year_on_year(comparison: pd.DataFrame, tier: Tier, previous_year: int, year: int,
                     language: str = "vi") -> list[Chart]:
    """The slope chart of a tier, or nothing when no unit has a rank in both years (a tier
    that is new, or gone, like the district tier after 1 July 2025)."""
    rows = comparison[comparison["tier"] == tier.key]
    if not (rows["previous_rank"].notna() & rows["rank"].notna()).any():
        return []
    return [slope_chart(comparison, tier, previous_year, year, language)]


def slope_chart(comparison: pd.DataFrame, tier: Tier, previous_year: int, year: int,
                language: str = "vi") -> Chart:
    """Lines from each unit's rank last year to its rank this year (rank 1 at the top):
    solid blue ▲ moved up, dashed vermillion ▼ moved down, dotted grey ● same rank.

    ``comparison`` has the columns of :func:`egovnb.insight.yoy.compare_years` (unit,
    previous_rank, rank, rank_change ...); units without both ranks are left
    out of the lines and listed in the table behind the chart.
    """
    rows = comparison[comparison["tier"] == tier.key]
    both = rows[rows["previous_rank"].notna() & rows["rank"].notna()].copy()
    both["previous_rank"] = both["previous_rank"].astype(int)
    both["rank"] = both["rank"].astype(int)
    both["rank_change"] = both["previous_rank"] - both["rank"]
    # By rank; tied units keep the comparison's order (Vietnamese name order, as published).
    both = both.sort_values("rank", kind="stable")
    kinds = {
        "up": (STYLES["l1"].colour, "-", "^", label("rank_up", language)),
        "down": (STYLES["below"].colour, (0, (5, 3)), "v", label("rank_down", language)),
        "same": ("#666666", (0, (1, 2)), "o", label("rank_same", language)),
    }
    change = np.sign(both["rank_change"]).map({1: "up", -1: "down", 0: "same"})
    counts = change.value_counts()
    title = label("slope_title", language, tier=tier.label, previous=previous_year, year=year)
    lowest = int(max(both["rank"].max(), both["previous_rank"].max())) if len(both) else 1
    positions = _spread(both["rank"].to_numpy(dtype=float), gap=0.95)

    labels = [f"{rank}. {unit} ({fmt.signed(change, language)})"
              for rank, unit, change in zip(both["rank"], fit_labels(both["unit"], 7.5, LABEL_INCHES - 0.6),
                                            both["rank_change"])]
    left, right = 0.75, 0.15
    width = WIDTH - left - right
    label_width = text_width(labels or [""], 7.5) + 0.1
    # Inches per x unit: the slopes take up to 3.2 in, the unit labels the room on their right.
    unit = max(1.0, min(3.2, (width - label_width) / 1.19))
    x_limit = width / unit - 0.15
    bottom_rank = max(lowest, float(positions.max()) if len(positions) else 1.0)

    def draw(figure):
        ax = figure.add_subplot()
        # One line per kind of move, broken between units: three artists, however many units.
        for kind, (colour, style, marker, _) in kinds.items():
            chosen = both[(change == kind).to_numpy()]
            gaps = np.full(len(chosen), np.nan)
            xs = np.column_stack([np.zeros(len(chosen)), np.ones(len(chosen)), gaps]).ravel()
            ys = np.column_stack([chosen["previous_rank"], chosen["rank"], gaps]).ravel()
            ax.plot(xs, ys, color=colour, linestyle=style, marker=marker, markersize=5, linewidth=1.4)
        previous_ranks = sorted(set(both["previous_rank"]))
        ax.add_artist(Labels(np.column_stack([np.full(len(previous_ranks), -0.04), previous_ranks]),
                             [fmt.count(rank, language) for rank in previous_ranks], fontsize=7.5, ha="right",
                             colors="black"))
        # Labels of tied units are spread so they never print over each other (competition
        # ranks skip after a tie, so the spread labels fit in the gap).
        ax.add_artist(Labels(np.column_stack([np.full(len(labels), 1.04), positions]), labels, fontsize=7.5,
                             colors="black"))
        ax.set_xlim(-0.15, x_limit)
        ax.set_ylim(bottom_rank + 0.6, 0.4)
        ax.set_xticks([0, 1], [str(previous_year), str(year)])
        ax.set_yticks([])
        ax.set_ylabel(label("axis_rank", language))
        for spine in ("left", "bottom"):
            ax.spines[spine].set_visible(False)
        ax.tick_params(axis="x", length=0)
        ax.set_title(title, y=1.0)
        handles = [Line2D([], [], color=c, linestyle=s, marker=m, label=t) for c, s, m, t in kinds.values()]
        foot_legend(figure, handles=handles, ncol=3)

    alt = label("slope_alt", language, previous=previous_year, year=year, n=fmt.count(len(both), language),
                tier=tier.label, up=int(counts.get("up", 0)), down=int(counts.get("down", 0)),
                same=int(counts.get("same", 0)))
    table = Table(pd.DataFrame({
        header("unit", language): list(both["unit"]),
        label("rank_in", language, year=previous_year): [fmt.count(v, language) for v in both["previous_rank"]],
        label("rank_in", language, year=year): [fmt.count(v, language) for v in both["rank"]],
        label("rank_change", language): [fmt.signed(v, language) for v in both["rank_change"]],
    }), caption=title, numeric=(label("rank_in", language, year=previous_year), label("rank_in", language, year=year),
                                label("rank_change", language)),
        collapsed=True, summary=label("chart_data", language), wide=(header("unit", language),))
    top, bottom = 0.45, 0.75
    height = top + bottom + 0.24 * (bottom_rank + 0.2)
    return render(draw, height, alt, title, table, margins=(left, right, top, bottom))


def _spread(values: np.ndarray, gap: float) -> np.ndarray:
    """Positions for labels at ``values`` (already sorted ascending as drawn), moved down
    just enough that neighbours are at least ``gap`` apart."""
    order = np.argsort(values, kind="stable")
    placed = values.astype(float).copy()
    last = -np.inf
    for index in order:
        placed[index] = max(values[index], last + gap)
        last = placed[index]
    return placed
