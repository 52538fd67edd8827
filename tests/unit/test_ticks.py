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


TRANSLATED = re.compile(r'<text\b[^>]*?transform="translate\(([-\d.]+) ([-\d.]+)\)"[^>]*>([^<]*)</text>')


@pytest.mark.parametrize("top", [False, True])
def test_labels_of_several_lines_are_stacked_as_matplotlib_stacks_them(top):
    """matplotlib writes each line of a multi-line label from its left end; the light ticks write
    it from its centre, as a one-line label: the same baselines, the same centres."""
    from matplotlib.font_manager import FontProperties

    from egovnb.report.drawing import text_extent

    def draw(figure):
        ax = figure.add_subplot()
        ax.set_xlim(-0.5, 2.5)
        ax.set_xticks(range(3), ["Mức I", "Mức Ấ II\n(tốt)", "Chưa\nđạt\nyếu"])
        if top:
            ax.xaxis.tick_top()

    font = FontProperties(size=9)
    heavy = {s: (round(float(x) + text_extent(s, font)[0] / 2, 3), round(float(y), 3))
             for x, y, s in TRANSLATED.findall(svg(draw, light=False))}
    light = {s: (round(float(x), 3), round(float(y), 3)) for x, y, s in TEXT.findall(svg(draw, light=True))}
    assert set(heavy) == {"Mức Ấ II", "(tốt)", "Chưa", "đạt", "yếu"}
    assert {line: light[line] for line in heavy} == heavy
    assert light["Chưa"][1] < light["đạt"][1] < light["yếu"][1]
    with matplotlib.rc_context(RC):
        figure = Figure()
        draw(figure)
        light_ticks(figure)
        assert all(isinstance(t, _TickRow) for t in figure.axes[0].xaxis._update_ticks())


def test_an_axis_with_grid_lines_keeps_matplotlibs_own_ticks():
    def draw(figure):
        ax = figure.add_subplot()
        ax.set_xlim(0, 100)
        ax.grid(axis="x")

    assert drawn(svg(draw, light=False)) == drawn(svg(draw, light=True))
    with matplotlib.rc_context(RC):
        figure = Figure()
        draw(figure)
        light_ticks(figure)
        assert not any(isinstance(t, _TickRow) for t in figure.axes[0].xaxis._update_ticks())
