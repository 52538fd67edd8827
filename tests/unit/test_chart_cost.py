"""A chart's cost grows gently with its units: the same artists for 10 units as for 200, one
<text> per label and a few hundred bytes per unit (egovnb.report.drawing). Counted, not timed:
`make bench` times them (bench/bench.py, section charts)."""

import re

import matplotlib
import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

from egovnb.core.assessment import assess
from egovnb.report import charts, charts_tier, charts_years
from egovnb.report.drawing import Labels, SVGCanvas, add_rectangles, text_extent

GROUPS = 5


def tier_of(units: int, folder):
    """An assessment of one commune tier of ``units`` units × 10 criteria in 5 groups (made up)."""
    folder.mkdir()
    lines = ["tiers:", "  xa: {label: UBND cấp xã, rank_by: points, below: Không xếp hạng, levels: "
                       "[{name: I, min: 18}, {name: II, min: 15}, {name: III, min: 12}, {name: IV, min: 9}]}",
             "criteria:"]
    lines += [f"  - {{id: 'C{j}', group: 'Nhóm {j % GROUPS + 1}', title: 'Tiêu chí {j}', max_points: 2, tiers: [xa]}}"
              for j in range(10)]
    (folder / "framework.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    rng = np.random.default_rng(0)
    rows = [("xa", f"Xã Thử Nghiệm Ể {i + 1}", f"C{j}", rng.integers(0, 9) / 4) for i in range(units) for j in range(10)]
    pd.DataFrame(rows, columns=["tier", "unit", "criterion", "points"]).to_csv(folder / "units.csv", index=False)
    (folder / "params.yaml").write_text("province: Tỉnh Thử\nyear: 2025\ndata: units.csv\nframework: framework.yaml\n",
                                        encoding="utf-8")
    return assess(folder / "params.yaml")


def comparison_of(assessment) -> pd.DataFrame:
    ranked = assessment.ranked[assessment.ranked["rank"].notna()]
    previous = np.random.default_rng(1).permutation(len(ranked)) + 1
    frame = pd.DataFrame({"tier": "xa", "unit": ranked["unit"].to_numpy(),
                          "previous_rank": pd.array(previous, dtype="Int64"),
                          "rank": pd.array(ranked["rank"].to_numpy(), dtype="Int64")})
    return frame.assign(rank_change=frame["previous_rank"] - frame["rank"])


@pytest.fixture(scope="module")
def drawn(tmp_path_factory):
    """Each chart's SVG for a tier of 10 and of 200 units."""
    svgs = {}
    for units in (10, 200):
        assessment = tier_of(units, tmp_path_factory.mktemp("tier") / str(units))
        tier = assessment.framework.tiers["xa"]
        svgs[units] = {
            "ranking": charts_tier.ranking_chart(assessment.ranked, tier).svg,
            "heatmap": charts_tier.group_heatmap(assessment.criteria_points, assessment.scores, tier,
                                                 assessment.framework.groups).svg,
            "slope": charts_years.slope_chart(comparison_of(assessment), tier, 2024, 2025).svg,
        }
    return svgs


def artists(svg: bytes) -> int:
    return len(re.findall(rb'<g id="', svg))  # matplotlib opens one group per artist it draws


# (chart, <text> elements per unit, most bytes per unit)
GROWTH = [("ranking", 2, 400), ("heatmap", GROUPS + 1, 1000), ("slope", 2, 500)]


@pytest.mark.parametrize(("chart", "texts_per_unit", "bytes_per_unit"), GROWTH)
def test_twenty_times_the_units_same_artists(drawn, chart, texts_per_unit, bytes_per_unit):
    small, large = drawn[10][chart], drawn[200][chart]
    # A level that only the larger tier reaches adds its patch; nothing else grows.
    assert artists(small) <= artists(large) <= artists(small) + 2
    added = large.count(b"<text") - small.count(b"<text")
    assert added <= texts_per_unit * 190
    assert (len(large) - len(small)) / 190 < bytes_per_unit


def test_every_unit_named_once(drawn):
    names = [f"Xã Thử Nghiệm Ể {i + 1}" for i in range(200)]
    svg = drawn[200]["ranking"].decode("utf-8")
    assert all(svg.count(f". {name}<") == 1 for name in names)


def test_unit_labels_make_no_tick():
    with matplotlib.rc_context(charts.RC):
        figure = Figure()
        ax = figure.add_subplot()
        before = len(ax.get_children())
        labels = charts.unit_labels(ax, range(300), [f"{i}. Xã {i}" for i in range(300)])
        assert ax.yaxis.get_major_ticks() == [] and ax.get_yticks().size == 0
        assert len(ax.get_children()) == before + 1 and labels in ax.get_children()


def test_rectangles_are_one_patch():
    with matplotlib.rc_context(charts.RC):
        figure = Figure()
        ax = figure.add_subplot()
        before = len(ax.get_children())
        patch = add_rectangles(ax, 0, np.arange(1, 301), np.arange(300) - 0.3, np.arange(300) + 0.3,
                               facecolor="#0072B2", hatch="///")
        assert len(ax.get_children()) == before + 1
        assert len(patch.get_path().vertices) == 300 * 5
        assert ax.dataLim.x1 == 300 and ax.dataLim.y1 == pytest.approx(299.3)


def test_text_measured_as_freetype_lays_it_out():
    """Widths from cached glyph advances and kerning match matplotlib's own layout to 0.1 pt."""
    from matplotlib.backend_bases import RendererBase
    from matplotlib.font_manager import FontProperties

    prop = FontProperties(family="sans-serif", size=9)
    with matplotlib.rc_context(charts.RC):
        for text in ("12. Xã Phú Hữu Thượng Đông", "AVATAR Tỷ Ưu", "85,36% · II", "Sở Văn hóa - Thể thao"):
            width, height, descent = text_extent(text, prop)
            expected = RendererBase().get_text_width_height_descent(text, prop, False)
            assert width == pytest.approx(expected[0], abs=0.1)
            assert (height, descent) == pytest.approx(expected[1:], abs=0.1)
        assert text_extent("漢", prop) is None  # a character DejaVu Sans lacks: matplotlib's layout measures it


def test_labels_draw_on_any_backend():
    """Labels work outside the SVG canvas too (Agg here), where each label is drawn from its left."""
    import io

    with matplotlib.rc_context(charts.RC):
        figure = Figure()
        ax = figure.add_subplot()
        ax.add_artist(Labels([(0.5, 0.5), (0.2, 0.8)], ["Xã Ể", "Sở Ỹ"], fontsize=9, ha="right", backing="white"))
        figure.savefig(io.BytesIO(), format="png")
        SVGCanvas(figure)
        box = ax.get_children()[0].get_window_extent()
        assert box.width > 0 and box.height > 0


def test_hatches_written_as_third_of_an_inch_tiles(drawn):
    """Every hatch repeats each third of an inch: its tile is written that size (the "..." of
    level III is 46 dots, not matplotlib's 324 in a one-inch tile), the picture the same."""
    svg = drawn[10]["ranking"]
    tiles = re.findall(rb'<pattern id="h[0-9a-f]+" patternUnits="userSpaceOnUse" x="0" y="0" width="([0-9.]+)" '
                       rb'height="([0-9.]+)">', svg)
    assert len(tiles) == 4 and set(tiles) == {(b"24", b"24")}  # the legend: II, III, IV and below are hatched
    dots = svg.split(b"#009e73")[1].split(b"</pattern>")[0]  # level III's tile
    assert dots.count(b"z") == 46 and len(svg) < 60_000
