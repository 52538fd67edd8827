"""Light ticks (egovnb.report.ticks) draw what matplotlib's own Tick objects draw: the same tick
labels at the same places, the same marks, the axis labels where they were; and an axis they
cannot draw as it would be (multi-line labels, grid lines) keeps matplotlib's ticks."""

import io
import re

import matplotlib
import pytest
from matplotlib.cm import ScalarMappable
from matplotlib.colors import ListedColormap, Normalize
from matplotlib.figure import Figure

from egovnb.report.charts import RC, SVG_METADATA
from egovnb.report.drawing import SVGCanvas
from egovnb.report.ticks import _TickRow, light_ticks

TEXT = re.compile(r'<text\b[^>]*?x="([-\d.]+)" y="([-\d.]+)"[^>]*>([^<]*)</text>')
MARK = re.compile(r'<use [^>]*?x="([-\d.]+)" y="([-\d.]+)" style="([^"]*)"')


def svg(draw, light: bool) -> str:
    with matplotlib.rc_context(RC):
        figure = Figure(figsize=(6, 4))
        SVGCanvas(figure)
        figure.subplots_adjust(left=0.2, right=0.8, top=0.8, bottom=0.2)
        draw(figure)
        if light:
            light_ticks(figure)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="svg", metadata=SVG_METADATA)
    return buffer.getvalue().decode("utf-8")


def drawn(text: str) -> tuple[list, list]:
    """The texts (x, y, string) and the tick marks (x, y, style) of an SVG, in order."""
    texts = sorted((round(float(x), 3), round(float(y), 3), s) for x, y, s in TEXT.findall(text))
    marks = sorted((round(float(x), 3), round(float(y), 3), style) for x, y, style in MARK.findall(text))
    return texts, marks


def number_axes(figure):
    ax = figure.add_subplot()
    ax.set_xlim(0, 100)
    ax.set_ylim(0, 7)
    ax.set_xlabel("Tỷ lệ điểm (%)")
    ax.set_ylabel("Số đơn vị")
    ax.tick_params(axis="y", length=0)


def labels_on_top_and_a_colour_bar(figure):
    ax = figure.add_subplot()
    ax.set_xlim(-0.5, 3.5)
    ax.set_xticks(range(4), ["Hạ tầng", "Ứng dụng", "Dịch vụ công", "Nhân lực"])
    ax.xaxis.tick_top()
    ax.tick_params(length=0)
    ax.set_yticks([])
    bar = figure.colorbar(ScalarMappable(Normalize(0, 1), ListedColormap(["#ffffff", "#225588"])), ax=ax)
    bar.set_label("Tỷ lệ", fontsize=8)


@pytest.mark.parametrize("draw, label, tick", [(number_axes, "Số đơn vị", "100"),
                                               (labels_on_top_and_a_colour_bar, "Tỷ lệ", "Dịch vụ công")])
def test_light_ticks_draw_the_labels_and_marks_matplotlib_draws(draw, label, tick):
    heavy, light = drawn(svg(draw, light=False)), drawn(svg(draw, light=True))
    assert heavy == light
    texts, _ = light
    assert len(texts) >= 8 and {label, tick} <= {s for *_, s in texts}


def test_the_ticks_are_one_artist_a_side_not_one_tick_each():
    def draw(figure):
        number_axes(figure)

    with matplotlib.rc_context(RC):
        figure = Figure(figsize=(6, 4))
        SVGCanvas(figure)
        draw(figure)
        light_ticks(figure)
        rows = figure.axes[0].xaxis._update_ticks()
    assert len(rows) == 1 and isinstance(rows[0], _TickRow)
    assert len(rows[0].parts) == 2  # the marks and the labels below the axis


def test_multi_line_labels_keep_matplotlibs_own_ticks():
    def draw(figure):
        ax = figure.add_subplot()
        ax.set_xlim(-0.5, 2.5)
        ax.set_xticks(range(3), ["Mức I", "Mức II\n(tốt)", "Chưa\nđạt"])

    heavy, light = drawn(svg(draw, light=False)), drawn(svg(draw, light=True))
    assert heavy == light
    with matplotlib.rc_context(RC):
        figure = Figure()
        draw(figure)
        light_ticks(figure)
        assert not any(isinstance(t, _TickRow) for t in figure.axes[0].xaxis._update_ticks())
