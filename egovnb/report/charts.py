"""The report's charts: ranking bars, level distribution, criteria-group heat map, slope chart.

Every chart comes back as a :class:`Chart`: the PNG, a one-sentence alt
text, and the table of the numbers it shows. Colours are colour-blind safe
and each level also has a hatch and a text label (:mod:`egovnb.palette`).
Figures are drawn with matplotlib's object API (no pyplot, no global figure
state) inside fixed rc settings and saved as PNG at a fixed dpi without
metadata, so the same data give the same bytes.
"""

from __future__ import annotations

import base64
import io
import textwrap
from dataclasses import dataclass

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties, findfont, get_font
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter

from egovnb.report import fmt
from egovnb.core.framework import NOT_EVALUATED, Tier
from egovnb.report.labels import label
from egovnb.report.palette import STYLES, level_style
from egovnb.report.tables import Table, header, level_counts, tier_rows

DPI = 144           # pixels per inch of the PNG
CSS_DPI = 96        # CSS pixels per inch: the PNG is shown at 1.5× density
WIDTH = 9.0         # figure width, inches
# Fixed drawing settings, so a user's matplotlibrc cannot change the report.
RC = {
    "font.family": "DejaVu Sans",  # bundled with matplotlib; has every Vietnamese diacritic
    "font.size": 9,
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": "#555555",
    "axes.labelcolor": "#222222",
    "xtick.color": "#333333",
    "ytick.color": "#333333",
    "hatch.linewidth": 0.8,
    "svg.hashsalt": "egovnb",
    "figure.dpi": DPI,
    "text.parse_math": False,  # a name such as "$5 triệu" is text, not mathtext (issue 11)
}


@dataclass(frozen=True, eq=False)
class Chart:
    """A rendered chart: ``png`` bytes, ``alt`` text (one sentence), ``title``, and
    ``table``, the numbers behind it. ``width``/``height`` are CSS pixels."""

    png: bytes
    alt: str
    title: str
    table: Table
    width: int
    height: int

    def _repr_mimebundle_(self, include=None, exclude=None):
        data = {"image/png": base64.b64encode(self.png).decode("ascii"), "text/plain": self.alt}
        metadata = {"image/png": {"width": self.width, "height": self.height, "alt": self.alt}}
        return data, metadata

    def __repr__(self) -> str:
        return self.alt


def _text_width(texts, size: float) -> float:
    """Width in inches of the widest of ``texts`` at ``size`` points, measured with the
    report's font (cheaper than letting matplotlib lay the figure out twice)."""
    font = get_font(findfont(FontProperties(family=RC["font.family"])))
    font.set_size(size, 72)
    widest = 0.0
    for text in texts:
        font.set_text(str(text), 0.0)
        widest = max(widest, font.get_width_height()[0] / 64)
    return widest / 72


def _lines(size: float, n: int = 1) -> float:
    """Height in inches of ``n`` lines of text at ``size`` points."""
    return n * size * 1.3 / 72


def _render(draw, height: float, margins: tuple[float, float, float, float], alt: str, title: str,
            table: Table) -> Chart:
    """Draw with ``draw(figure, axes)`` under fixed rc settings and save a deterministic PNG.

    ``margins`` are (left, right, top, bottom) in inches around the axes.
    """
    left, right, top, bottom = margins
    with matplotlib.rc_context(RC):
        figure = Figure(figsize=(WIDTH, height), dpi=DPI)
        figure.subplots_adjust(left=left / WIDTH, right=1 - right / WIDTH, top=1 - top / height,
                               bottom=bottom / height)
        draw(figure, figure.add_subplot())
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None}, facecolor="white")
    return Chart(png=buffer.getvalue(), alt=alt, title=title, table=table,
                 width=round(WIDTH * CSS_DPI), height=round(height * CSS_DPI))


def _axis_formatter(language: str, decimals: int = 0, scale: float = 1.0):
    return FuncFormatter(lambda value, _: fmt.number(value * scale, language, decimals=decimals))


def _legend_handles(tier: Tier, entries: list[tuple[str, str]]):
    return [Patch(facecolor=level_style(tier, name).colour, hatch=level_style(tier, name).hatch,
                  edgecolor="white", label=text) for name, text in entries]


def _level_legend(tier: Tier, language: str, present: set[str]) -> list[tuple[str, str]]:
    """Legend entries: each level with its threshold, the 'below' label, not evaluated if present."""
    entries = [(lvl.name, f"{fmt.level(lvl.name, language)} (≥ {fmt.threshold(lvl.min, tier.rank_by, language)})")
               for lvl in tier.levels]
    lowest = fmt.threshold(tier.levels[-1].min, tier.rank_by, language)
    entries.append((tier.below, f"{fmt.level(tier.below, language)} (< {lowest})"))
    if NOT_EVALUATED in present:
        entries.append((NOT_EVALUATED, fmt.level(NOT_EVALUATED, language)))
    return entries


# --- Ranking ---------------------------------------------------------------------------------

def ranking_data(scores: pd.DataFrame, tier: Tier) -> pd.DataFrame:
    """Evaluated units of ``tier`` in rank order: rank, unit, value (rate in percent, or
    achieved points, per the tier's ``rank_by``) and level."""
    rows = tier_rows(scores, tier.key)
    rows = rows[rows["rank"].notna()]
    value = rows["rate"] * 100 if tier.rank_by == "rate" else rows["achieved_points"]
    return pd.DataFrame({"rank": rows["rank"].astype(int).to_numpy(), "unit": rows["unit"].to_numpy(),
                         "value": value.to_numpy(dtype=float), "level": rows["level"].to_numpy()})


def ranking_chart(scores: pd.DataFrame, tier: Tier, language: str = "vi") -> Chart:
    """Horizontal bars of every evaluated unit of ``tier``, best first, coloured and hatched by
    level, with the level named at each bar's end and a dashed line at each threshold."""
    data = ranking_data(scores, tier)
    by_rate = tier.rank_by == "rate"
    decimals = fmt.tier_rate_decimals(tier, data["value"] / 100) if by_rate else 0
    shown = [fmt.percent(v / 100, language, decimals) if by_rate else fmt.points(v, language) for v in data["value"]]
    title = label("ranking_title_rate" if by_rate else "ranking_title_points", language, tier=tier.label)
    axis = label("axis_rate" if by_rate else "axis_points", language)
    # Points are drawn on the whole scale up to the tier's maximum, so every threshold shows.
    maxima = tier_rows(scores, tier.key)["max_points"].dropna()
    top_value = 100.0 if by_rate else float(max([*maxima, *data["value"], *(lvl.min for lvl in tier.levels), 1.0]))

    bar_labels = [f"{text} · {fmt.level(name, language)}" for text, name in zip(shown, data["level"])]
    tick_labels = [f"{rank}. {unit}" for rank, unit in zip(data["rank"], data["unit"])]
    legend = _level_legend(tier, language, set(data["level"]))
    left = _text_width(tick_labels or [""], 9) + 0.2
    width = WIDTH - left - 0.15
    # Room on the right of the longest bar for its label: solve value + label ≤ x-limit.
    label_share = (_text_width(bar_labels or [""], 7.5) + 0.12) / width
    x_limit = top_value / max(1 - label_share, 0.3)
    legend_rows = _legend_rows(legend, 8)

    def draw(figure, ax):
        positions = np.arange(len(data))
        styles = [level_style(tier, name) for name in data["level"]]
        bars = ax.barh(positions, data["value"], height=0.72, color=[s.colour for s in styles],
                       edgecolor="white", linewidth=0.6)
        for bar, style in zip(bars, styles):
            bar.set_hatch(style.hatch)
        for position, value, text in zip(positions, data["value"], bar_labels):
            ax.annotate(text, (value, position), xytext=(3, 0), textcoords="offset points", va="center",
                        ha="left", fontsize=7.5, color="#222222", zorder=4,
                        bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.6})
        for lvl in tier.levels:
            x = lvl.min * 100 if by_rate else lvl.min
            ax.vlines(x, -0.55, len(data) - 0.5, color="#333333", linestyle=(0, (4, 3)), linewidth=0.8, zorder=3)
            # Beside the line, not on it: the label "I" centred on a line would read as part of it.
            ax.annotate(lvl.name, (x, -0.55), xytext=(2, 0), textcoords="offset points", ha="left",
                        va="bottom", fontsize=7.5, color="#333333")
        ax.set_yticks(positions, tick_labels)
        ax.set_ylim(len(data) - 0.5, -1.4)
        ax.set_xlim(0, x_limit)
        ax.set_xticks([t for t in _nice_ticks(top_value) if t <= top_value])
        ax.xaxis.set_major_formatter(_axis_formatter(language))
        ax.set_xlabel(axis)
        ax.tick_params(axis="y", length=0)
        ax.set_title(title)
        figure.legend(handles=_legend_handles(tier, legend), loc="lower center", bbox_to_anchor=(0.5, 0.02),
                      ncol=-(-len(legend) // legend_rows), frameon=False, fontsize=8)

    top, bottom = 0.55, 0.62 + 0.26 * legend_rows
    height = top + bottom + 0.26 * (max(len(data), 1) + 0.9)
    missing = tier_rows(scores, tier.key)
    missing = missing[missing["rank"].isna()]["unit"].tolist()
    measure = label("measure_rate" if by_rate else "measure_points", language)
    if len(data):
        alt = label("ranking_alt", language, n=fmt.count(len(data), language), tier=tier.label, measure=measure,
                    first=data["unit"].iloc[0], first_value=shown[0],
                    last=data["unit"].iloc[-1], last_value=shown[-1])
    else:
        alt = title
    if missing:
        alt += " " + label("not_shown", language, units=", ".join(missing))
    table = Table(pd.DataFrame({header("rank", language): [fmt.count(r, language) for r in data["rank"]],
                                header("unit", language): list(data["unit"]),
                                (header("rate", language) if by_rate else header("achieved_points", language)): shown,
                                header("level", language): [fmt.level(v, language) for v in data["level"]]}),
                  caption=title, numeric=(header("rank", language),
                                          header("rate", language) if by_rate else header("achieved_points", language)),
                  collapsed=True, summary=label("chart_data", language), wide=(header("unit", language),))
    return _render(draw, height, (left, 0.15, top, bottom), alt, title, table)


def _legend_rows(entries: list[tuple[str, str]], size: float) -> int:
    """Rows a one-line-if-possible legend needs across the figure."""
    widths = [_text_width([text], size) + 0.55 for _, text in entries]
    per_row = max(1, int((WIDTH - 0.4) // max(widths)))
    return -(-len(entries) // per_row)


def _nice_ticks(top: float) -> list[float]:
    """0 to ``top`` in 5–10 round steps (1, 2, 2.5 or 5 times a power of ten)."""
    import math

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
    title = label("distribution_title", language, tier=tier.label)
    shares = [fmt.percent(s, language, 0) for s in counts["share"]]

    wrapped = ["\n".join(textwrap.wrap(n, 16)) for n in names]
    name_lines = max(w.count("\n") + 1 for w in wrapped)

    def draw(figure, ax):
        positions = np.arange(len(counts))
        styles = [level_style(tier, name) for name in counts["level"]]
        bars = ax.bar(positions, counts["units"], width=0.65, color=[s.colour for s in styles],
                      edgecolor="white", linewidth=0.6)
        for bar, style in zip(bars, styles):
            bar.set_hatch(style.hatch)
        top = max(int(counts["units"].max()), 1)
        for position, units, share in zip(positions, counts["units"], shares):
            ax.text(position, units + top * 0.02, f"{fmt.count(units, language)} ({share})",
                    ha="center", va="bottom", fontsize=8.5)
        ax.set_xticks(positions, wrapped)
        ax.set_ylim(0, top * 1.18)
        ax.yaxis.get_major_locator().set_params(integer=True)
        ax.yaxis.set_major_formatter(_axis_formatter(language))
        ax.set_xlabel(label("axis_level", language))
        ax.set_ylabel(label("axis_units", language))
        ax.set_title(title)

    parts = "; ".join(f"{name}: {fmt.count(units, language)}" for name, units in zip(names, counts["units"]))
    alt = label("distribution_alt", language, tier=tier.label, parts=parts)
    table = Table(pd.DataFrame({label("axis_level", language): names,
                                label("units_count", language): [fmt.count(u, language) for u in counts["units"]],
                                label("share", language): shares}),
                  caption=title, numeric=(label("units_count", language), label("share", language)),
                  collapsed=True, summary=label("chart_data", language), wide=(header("unit", language),))
    bottom = 0.3 + _lines(9, name_lines) + _lines(9)
    return _render(draw, 2.6 + bottom, (0.75, 0.15, 0.4, bottom), alt, title, table)


# --- Criteria-group heat map -----------------------------------------------------------------

def group_shares(criteria_points: pd.DataFrame, scores: pd.DataFrame, tier: Tier,
                 groups: tuple[str, ...] = ()) -> pd.DataFrame:
    """Share of applicable points earned by each evaluated unit of ``tier`` in each criteria group.

    Returns a frame indexed by unit (in rank order) with one column per group
    (framework order when ``groups`` is given): achieved ÷ applicable points, a
    fraction 0..1; NaN where no criterion of the group applies to the unit.
    """
    rows = tier_rows(scores, tier.key)
    units = rows.loc[rows["rank"].notna(), "unit"].tolist()
    points = criteria_points[(criteria_points["tier"] == tier.key) & criteria_points["evaluated"].astype(bool)]
    points = points.assign(group=points["group"].astype(str), unit=points["unit"].astype(str))
    applies = points["points"].notna()
    summed = pd.DataFrame({
        "unit": points["unit"], "group": points["group"],
        "achieved": points["points"].fillna(0.0),
        "applicable": np.where(applies, points["max_points"], 0.0),
    }).groupby(["unit", "group"], sort=False)[["achieved", "applicable"]].sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        share = (summed["achieved"] / summed["applicable"].where(summed["applicable"] > 0)).unstack("group")
    present = list(dict.fromkeys(points["group"]))
    order = [g for g in groups if g in present] + [g for g in present if g not in groups]
    return share.reindex(index=units, columns=order).astype(float)


def group_totals(criteria_points: pd.DataFrame, tier: Tier) -> pd.Series:
    """Share of applicable points earned in each criteria group by all evaluated units of ``tier``."""
    points = criteria_points[(criteria_points["tier"] == tier.key) & criteria_points["evaluated"].astype(bool)]
    applies = points["points"].notna()
    achieved = points["points"].fillna(0.0).groupby(points["group"].astype(str), sort=False).sum()
    applicable = points["max_points"].where(applies, 0.0).groupby(points["group"].astype(str), sort=False).sum()
    return achieved / applicable.where(applicable > 0)


def group_heatmap(criteria_points: pd.DataFrame, scores: pd.DataFrame, tier: Tier,
                  groups: tuple[str, ...] = (), language: str = "vi") -> Chart:
    """A units × criteria-groups heat map of the share of applicable points earned (percent),
    darker for higher, every cell also written as a number."""
    shares = group_shares(criteria_points, scores, tier, groups)
    totals = group_totals(criteria_points, tier).reindex(shares.columns)
    title = label("heatmap_title", language, tier=tier.label)
    cells = shares.map(lambda v: fmt.MISSING if pd.isna(v) else fmt.number(v * 100, language, decimals=0))

    group_labels = ["\n".join(textwrap.wrap(str(g), 18)) for g in shares.columns]
    group_lines = max([g.count("\n") + 1 for g in group_labels] or [1])

    def draw(figure, ax):
        colours = matplotlib.colormaps["cividis_r"].with_extremes(bad="#F2F2F2")
        values = shares.to_numpy(dtype=float)
        image = ax.imshow(np.ma.masked_invalid(values), cmap=colours, vmin=0, vmax=1,
                          aspect="auto", interpolation="nearest")
        for (row, column), value in np.ndenumerate(values):
            dark = not np.isnan(value) and value > 0.55
            ax.text(column, row, cells.iat[row, column], ha="center", va="center", fontsize=7.5,
                    color="white" if dark else "#222222")
        ax.set_xticks(range(shares.shape[1]), group_labels)
        ax.xaxis.tick_top()
        ax.set_yticks(range(shares.shape[0]), list(shares.index))
        ax.tick_params(length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
        bar = figure.colorbar(image, ax=ax, fraction=0.04, pad=0.02)
        bar.ax.yaxis.set_major_formatter(_axis_formatter(language, scale=100))
        ax.set_title(title, pad=14 + 9 * 1.45 * group_lines)

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
    left = _text_width(list(shares.index) or [""], 9) + 0.2
    top = 0.55 + _lines(9, group_lines) * 1.15
    height = top + 0.2 + 0.28 * max(len(shares), 1)
    return _render(draw, height, (left, 0.25, top, 0.2), alt, title, table)


# --- Year on year ----------------------------------------------------------------------------

def slope_chart(comparison: pd.DataFrame, tier: Tier, previous_year: int, year: int,
                language: str = "vi") -> Chart:
    """Lines from each unit's rank last year to its rank this year (rank 1 at the top):
    solid blue ▲ moved up, dashed vermillion ▼ moved down, dotted grey ● same rank.

    ``comparison`` has the columns of :func:`egovnb.yoy.compare_years` (unit,
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

    labels = [f"{row['rank']}. {row['unit']} ({fmt.signed(row['rank_change'], language)})"
              for _, row in both.iterrows()]
    left, right = 0.75, 0.15
    width = WIDTH - left - right
    label_width = _text_width(labels or [""], 7.5) + 0.1
    # Inches per x unit: the slopes take up to 3.2 in, the unit labels the room on their right.
    unit = max(1.0, min(3.2, (width - label_width) / 1.19))
    x_limit = width / unit - 0.15
    bottom_rank = max(lowest, float(positions.max()) if len(positions) else 1.0)

    def draw(figure, ax):
        for (_, row), kind in zip(both.iterrows(), change):
            colour, style, marker, _ = kinds[kind]
            ax.plot([0, 1], [row["previous_rank"], row["rank"]], color=colour, linestyle=style,
                    marker=marker, markersize=5, linewidth=1.4)
        for rank in sorted(set(both["previous_rank"])):
            ax.text(-0.04, rank, fmt.count(rank, language), va="center", ha="right", fontsize=7.5)
        # Labels of tied units are spread so they never print over each other (competition
        # ranks skip after a tie, so the spread labels fit in the gap).
        for text, y in zip(labels, positions):
            ax.text(1.04, y, text, va="center", ha="left", fontsize=7.5)
        ax.set_xlim(-0.15, x_limit)
        ax.set_ylim(bottom_rank + 0.6, 0.4)
        ax.set_xticks([0, 1], [str(previous_year), str(year)])
        ax.set_yticks([])
        ax.set_ylabel(label("axis_rank", language))
        for spine in ("left", "bottom"):
            ax.spines[spine].set_visible(False)
        ax.tick_params(axis="x", length=0)
        ax.set_title(title)
        handles = [Line2D([], [], color=c, linestyle=s, marker=m, label=t) for c, s, m, t in kinds.values()]
        figure.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 0.02), ncol=3, frameon=False,
                      fontsize=8)

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
    return _render(draw, height, (left, right, top, bottom), alt, title, table)


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


# --- Entry points for the report notebook ----------------------------------------------------

def for_tier(assessment, tier_key: str) -> list[Chart]:
    """The charts of one tier: ranking, level distribution, and (criterion grain) the heat map;
    none for a tier without units, no ranking or heat map when no unit was evaluated."""
    tier = assessment.framework.tiers[tier_key]
    language = assessment.params.language
    rows = tier_rows(assessment.scores, tier_key)
    if rows.empty:
        return []
    evaluated = bool(rows["rank"].notna().any())
    charts = [ranking_chart(assessment.scores, tier, language)] if evaluated else []
    charts.append(level_distribution_chart(assessment.scores, tier, language))
    points = assessment.criteria_points
    if evaluated and points is not None and len(points[points["tier"] == tier_key]):
        charts.append(group_heatmap(points, assessment.scores, tier, assessment.framework.groups, language))
    return charts


def for_year_on_year(comparison: pd.DataFrame, tier: Tier, previous_year: int, year: int,
                     language: str = "vi") -> list[Chart]:
    """The slope chart of a tier, or nothing when no unit has a rank in both years (a tier
    that is new, or gone, like the district tier after 1 July 2025)."""
    rows = comparison[comparison["tier"] == tier.key]
    if not (rows["previous_rank"].notna() & rows["rank"].notna()).any():
        return []
    return [slope_chart(comparison, tier, previous_year, year, language)]
