"""What every chart of the report shares: the :class:`Chart` it comes back as, the fixed drawing
settings, the deterministic PNG rendering, number axes and level legends.

Every chart comes back as a :class:`Chart`: the PNG, a one-sentence alt
text, and the table of the numbers it shows. Colours are colour-blind safe
and each level also has a hatch and a text label (:mod:`egovnb.report.palette`).
Figures are drawn with matplotlib's object API (no pyplot, no global figure
state) inside fixed rc settings and saved as PNG at a fixed dpi without
metadata, so the same data give the same bytes.

The charts themselves: :mod:`egovnb.report.charts_tier` (ranking, level
distribution, criteria-group heat map), :mod:`egovnb.report.charts_years`
(slope chart), :mod:`egovnb.report.charts_sensitivity` (rank intervals) and
the scorecard's (:mod:`egovnb.report.scorecard`).
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass

import matplotlib
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties, findfont, get_font
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter

from egovnb.core.framework import Tier
from egovnb.report import fmt
from egovnb.report.palette import level_style
from egovnb.report.tables import Table

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


def render(draw, height: float, alt: str, title: str, table: Table,
           margins: tuple[float, float, float, float] | None = None) -> Chart:
    """Draw with ``draw(figure)`` on a figure :data:`WIDTH` × ``height`` inches under the fixed rc
    settings and save a PNG without metadata, so the same data give the same bytes.

    ``margins`` (left, right, top, bottom), in inches, place the axes ``draw`` adds; without
    them matplotlib's constrained layout places them.
    """
    with matplotlib.rc_context(RC):
        figure = Figure(figsize=(WIDTH, height), dpi=DPI, layout=None if margins else "constrained")
        if margins:
            left, right, top, bottom = margins
            figure.subplots_adjust(left=left / WIDTH, right=1 - right / WIDTH, top=1 - top / height,
                                   bottom=bottom / height)
        draw(figure)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None}, facecolor="white")
    return Chart(png=buffer.getvalue(), alt=alt, title=title, table=table,
                 width=round(WIDTH * CSS_DPI), height=round(height * CSS_DPI))


def text_width(texts, size: float) -> float:
    """Width in inches of the widest of ``texts`` at ``size`` points, measured with the
    report's font (cheaper than letting matplotlib lay the figure out twice)."""
    font = get_font(findfont(FontProperties(family=RC["font.family"])))
    font.set_size(size, 72)
    widest = 0.0
    for text in texts:
        font.set_text(str(text), 0.0)
        widest = max(widest, font.get_width_height()[0] / 64)
    return widest / 72


def fit_title(title: str, width: float, size: float = 11) -> str:
    """``title`` wrapped onto as many lines as it needs to fit ``width`` inches in the bold
    title font (a long tier label, such as a DTI tier's, would run off the figure)."""
    words, lines = title.split(" "), [""]
    for word in words:
        trial = f"{lines[-1]} {word}".strip()
        if lines[-1] and text_width([trial], size) * 1.12 > width:  # bold runs about 12 % wider
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


def level_bars(draw_bars, tier: Tier, levels, *args, **kwargs):
    """Bars drawn with ``draw_bars`` (``ax.bar`` or ``ax.barh``; ``args`` and ``kwargs`` go to it),
    each in the colour and hatch of its level in ``levels``, with a white edge."""
    styles = [level_style(tier, name) for name in levels]
    bars = draw_bars(*args, color=[s.colour for s in styles], edgecolor="white", **kwargs)
    for bar, style in zip(bars, styles):
        bar.set_hatch(style.hatch)
    return bars


def legend_rows(texts: list[str], size: float) -> int:
    """Rows a one-line-if-possible legend of ``texts`` at ``size`` points needs across the figure."""
    widths = [text_width([text], size) + 0.55 for text in texts]
    per_row = max(1, int((WIDTH - 0.4) // max(widths)))
    return -(-len(texts) // per_row)
