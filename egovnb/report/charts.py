"""What every chart of the report shares: the :class:`Chart` it comes back as, the fixed drawing
settings, the deterministic SVG rendering, number axes, level bars, unit labels and level legends.

Every chart comes back as a :class:`Chart`: the SVG, a one-sentence alt
text, and the table of the numbers it shows. Colours are colour-blind safe
and each level also has a hatch and a text label (:mod:`egovnb.report.palette`).
Figures are drawn with matplotlib's object API (no pyplot, no global figure
state) inside fixed rc settings and saved as SVG whose text stays text (names
can be selected, searched and read aloud), without a date, so the same data
give the same bytes. The labels of many units, and the bars of one level, are
one artist each (:mod:`egovnb.report.drawing`), so a chart's cost grows gently
with its units.

The charts themselves: :mod:`egovnb.report.charts_tier` (ranking, level
distribution, criteria-group heat map), :mod:`egovnb.report.charts_years`
(slope chart), :mod:`egovnb.report.charts_sensitivity` (rank intervals),
:mod:`egovnb.report.methods` (components, pillars) and the scorecard's
(:mod:`egovnb.report.scorecard`).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import matplotlib
import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter

from egovnb.core.framework import Tier
from egovnb.report import fmt
from egovnb.report.drawing import Labels, SVGCanvas, add_rectangles, text_width
from egovnb.report.ticks import light_ticks
from egovnb.report.palette import level_style
from egovnb.report.tables import Table

CSS_DPI = 96        # CSS pixels per inch: the size the SVG is shown at
WIDTH = 9.0         # figure width, inches
# The fonts a chart's text asks for, in order. DejaVu Sans (bundled with matplotlib, every
# Vietnamese diacritic) lays the chart out; a reader without it gets Verdana, whose metrics are
# close, then Arial, then any sans-serif font: the SVG names them all, its text stays text.
FONTS = ("DejaVu Sans", "Verdana", "Arial")
# Fixed drawing settings, so a user's matplotlibrc cannot change the report.
RC = {
    "font.family": "sans-serif",
    "font.sans-serif": list(FONTS),
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
    "svg.fonttype": "none",    # text as <text> elements, not glyph outlines
    "svg.hashsalt": "egovnb",  # ids in the SVG made from this salt, not at random
    "figure.dpi": 72,          # the SVG's unit is the point
    "figure.facecolor": "white",
    "text.parse_math": False,  # a name such as "$5 triệu" is text, not mathtext (issue 11)
}
# What the SVG must not carry: the date it was made, matplotlib's name and version.
SVG_METADATA = {"Date": None, "Creator": None}


@dataclass(frozen=True, eq=False)
class Chart:
    """A rendered chart: ``svg`` bytes (UTF-8), ``alt`` text (one sentence), ``title``, and
    ``table``, the numbers behind it. ``width``/``height`` are CSS pixels."""

    svg: bytes
    alt: str
    title: str
    table: Table
    width: int
    height: int

    def _repr_mimebundle_(self, include=None, exclude=None):
        data = {"image/svg+xml": self.svg.decode("utf-8"), "text/plain": self.alt}
        metadata = {"image/svg+xml": {"width": self.width, "height": self.height, "alt": self.alt}}
        return data, metadata

    def __repr__(self) -> str:
        return self.alt


def render(draw, height: float, alt: str, title: str, table: Table,
           margins: tuple[float, float, float, float] | None = None) -> Chart:
    """Draw with ``draw(figure)`` on a figure :data:`WIDTH` × ``height`` inches under the fixed rc
    settings and save it as SVG without a date, so the same data give the same bytes.

    ``margins`` (left, right, top, bottom), in inches, place the axes ``draw`` adds; without
    them matplotlib's constrained layout places them.
    """
    with matplotlib.rc_context(RC):
        figure = Figure(figsize=(WIDTH, height), layout=None if margins else "constrained")
        SVGCanvas(figure)
        if margins:
            left, right, top, bottom = margins
            figure.subplots_adjust(left=left / WIDTH, right=1 - right / WIDTH, top=1 - top / height,
                                   bottom=bottom / height)
        draw(figure)
        light_ticks(figure)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="svg", metadata=SVG_METADATA)
    return Chart(svg=buffer.getvalue(), alt=alt, title=title, table=table,
                 width=round(WIDTH * CSS_DPI), height=round(height * CSS_DPI))


def fit_title(title: str, width: float, size: float = 11) -> str:
    """``title`` wrapped onto as many lines as it needs to fit ``width`` inches in the bold
    title font (a long tier label, such as a DTI tier's, would run off the figure)."""
    words, lines = title.split(" "), [""]
    for word in words:
        trial = f"{lines[-1]} {word}".strip()
        # 2 % to spare for a reader whose font is not DejaVu Sans.
        if lines[-1] and text_width([trial], size, weight="bold") * 1.02 > width:
            lines.append(word)
        else:
            lines[-1] = trial
    return "\n".join(lines)


def lines_height(size: float, n: int = 1) -> float:
    """Height in inches of ``n`` lines of text at ``size`` points."""
    return n * size * 1.3 / 72


def axis_formatter(language: str, decimals: int = 0, scale: float = 1.0) -> FuncFormatter:
    """Axis tick labels in the report's number format (decimal comma in Vietnamese),
    each value multiplied by ``scale`` first."""
    return FuncFormatter(lambda value, _: fmt.number(value * scale, language, decimals=decimals))


def level_patches(tier: Tier, entries: list[tuple[str, str]]) -> list[Patch]:
    """Legend patches for (level name, text) pairs, in the level's colour and hatch."""
    return [Patch(facecolor=level_style(tier, name).colour, hatch=level_style(tier, name).hatch,
                  edgecolor="white", label=text) for name, text in entries]


def level_bars(ax, tier: Tier, levels, positions, ends, *, starts=0.0, thickness: float,
               horizontal: bool = True, **style) -> None:
    """Bars from ``starts`` to ``ends`` (data units) centred on ``positions``, ``thickness``
    across, each in the colour and hatch of its level in ``levels``, with a white edge: one
    patch per level however many units (``style``, such as linewidth or alpha, goes to each)."""
    levels = np.asarray(list(levels), dtype=object)
    positions, ends = np.asarray(positions, dtype=float), np.asarray(ends, dtype=float)
    starts = np.broadcast_to(np.asarray(starts, dtype=float), ends.shape)
    for name in dict.fromkeys(levels):
        chosen = levels == name
        across = (positions[chosen] - thickness / 2, positions[chosen] + thickness / 2)
        along = (starts[chosen], ends[chosen])
        look = level_style(tier, name)
        add_rectangles(ax, *(along + across if horizontal else across + along), facecolor=look.colour,
                       hatch=look.hatch, edgecolor="white", **style)


def unit_labels(ax, positions, texts, size: float = 9.0) -> Labels:
    """The units' names left of the y axis at ``positions`` (data units), as tick labels look,
    drawn by one artist: no ``Tick`` per unit."""
    ax.set_yticks([])
    labels = Labels(np.column_stack([np.zeros(len(texts)), np.asarray(positions, dtype=float)]), texts,
                    fontsize=size, colors=matplotlib.rcParams["ytick.color"], ha="right",
                    offset=(-matplotlib.rcParams["ytick.major.pad"], 0.0))
    labels.set_transform(ax.get_yaxis_transform())
    ax.add_artist(labels)
    return labels


def foot_legend(figure, **kwargs):
    """A legend without a frame centred at the foot of ``figure``, 0.15 in above its bottom edge
    however tall the figure is (``kwargs`` go to ``figure.legend``: handles, ncol ...)."""
    return figure.legend(loc="lower center", bbox_to_anchor=(0.5, 0.15 / figure.get_figheight()), frameon=False,
                         fontsize=8, **kwargs)


def legend_rows(texts: list[str], size: float) -> int:
    """Rows a one-line-if-possible legend of ``texts`` at ``size`` points needs across the figure."""
    widths = [text_width([text], size) + 0.55 for text in texts]
    per_row = max(1, int((WIDTH - 0.4) // max(widths)))
    return -(-len(texts) // per_row)
