"""The report's charts (egovnb.report.charts, charts_tier, charts_years) and the level palette
(egovnb.report.palette)."""

import re
import unicodedata
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from egovnb.insight.groups import points_by_group
from egovnb.report import charts, charts_tier, charts_years, palette
from egovnb.core.assessment import assess
from egovnb.core.framework import NOT_EVALUATED, Level, Tier

ROOT = Path(__file__).resolve().parents[2]
SVG = b'<?xml version="1.0" encoding="utf-8" standalone="no"?>'
FONTS = "font-family: 'DejaVu Sans', 'Verdana', 'Arial', sans-serif"


@pytest.fixture(scope="module")
def hue():
    return assess(ROOT / "params" / "thua-thien-hue-2020.yaml")


@pytest.fixture(scope="module")
def son_ha():
    """Illustrative Sơn Hà 2024: criterion grain, a points tier with not-evaluated communes."""
    return assess(ROOT / "params" / "son-ha-2024.yaml")


def svg_size(svg: bytes) -> tuple[float, float]:
    """Width and height of an SVG, in points."""
    width, height = re.search(rb'<svg [^>]*width="([0-9.]+)pt" height="([0-9.]+)pt"', svg).groups()
    return float(width), float(height)


def svg_texts(svg: bytes) -> list[str]:
    """The text of every <text> element (matplotlib escapes &, < and >)."""
    texts = re.findall(r"<text\b[^>]*>([^<]*)</text>", svg.decode("utf-8"))
    return [t.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&") for t in texts]


def test_ranking_data_in_rank_order(hue):
    data = charts_tier.ranking_data(hue.scores, hue.framework.tiers["so-nganh"])
    assert len(data) == 20
    assert list(data["rank"][:7]) == [1, 1, 1, 1, 1, 6, 7]
    assert data["value"].iloc[0] == pytest.approx(100.0)
    assert data["value"].iloc[-1] == pytest.approx(81.87979 / 90 * 100)
    assert data["unit"].iloc[-1] == "Sở Giáo dục và Đào tạo"


def test_ranking_chart(hue):
    chart = charts_tier.ranking_chart(hue.scores, hue.framework.tiers["so-nganh"], "vi")
    assert chart.svg.startswith(SVG)
    width, height = svg_size(chart.svg)
    assert (chart.width, chart.height) == (round(width / 72 * charts.CSS_DPI), round(height / 72 * charts.CSS_DPI))
    assert width == charts.WIDTH * 72
    # Names stay text, in NFC, with their diacritics, each unit once (no tick label drawn twice).
    texts = svg_texts(chart.svg)
    assert texts.count("20. Sở Giáo dục và Đào tạo") == 1 and "91% · I" in texts
    assert all(unicodedata.is_normalized("NFC", t) for t in texts)
    assert chart.alt.startswith("Biểu đồ thanh ngang xếp hạng 20 đơn vị khối Sở, ban, ngành — Mức độ Kết quả")
    assert "từ Sở Công Thương (100%) đến Sở Giáo dục và Đào tạo (91%)" in chart.alt
    assert len(chart.table.frame) == 20
    assert chart.table.collapsed
    assert list(chart.table.frame.iloc[5]) == ["6", "Sở Văn hóa - Thể thao", "99%", "I"]


def test_charts_are_deterministic_and_carry_no_metadata(hue):
    tier = hue.framework.tiers["so-nganh"]
    first = charts_tier.ranking_chart(hue.scores, tier, "vi").svg
    second = charts_tier.ranking_chart(hue.scores, tier, "vi").svg
    assert first == second
    # No date, no maker (matplotlib and its version), no random id.
    assert b"dc:date" not in first and b"dc:creator" not in first and b"Matplotlib v" not in first
    assert re.findall(rb'id="p([0-9a-f]+)"', first)  # clip paths are there, named from the hash salt
    assert b"<metadata>" in first and b"<dc:format>image/svg+xml</dc:format>" in first


def test_svg_text_asks_for_the_font_stack_in_one_place(hue):
    """Every text names DejaVu Sans, then Verdana (close metrics), Arial and any sans-serif font."""
    svg = charts_tier.ranking_chart(hue.scores, hue.framework.tiers["so-nganh"], "vi").svg.decode("utf-8")
    families = re.findall(r"font-family: [^;\"]*", svg)
    assert families and set(families) == {FONTS}
    assert "<text" in svg and "<path d=\"M" in svg and "glyph" not in svg  # text as text, not outlines


def test_ranking_chart_by_points_leaves_out_units_not_evaluated(son_ha):
    tier = son_ha.framework.tiers["xa"]
    data = charts_tier.ranking_data(son_ha.scores, tier)
    communes = son_ha.scores[son_ha.scores["tier"] == "xa"]
    assert len(data) == communes["rank"].notna().sum() < len(communes)
    assert data["value"].tolist() == sorted(data["value"], reverse=True)
    chart = charts_tier.ranking_chart(son_ha.scores, tier, "vi")
    missing = communes.loc[communes["rank"].isna(), "unit"]
    assert "Không thể hiện trên biểu đồ (không đánh giá): " + ", ".join(missing) in chart.alt
    assert "theo số điểm thực hiện" in chart.alt


def test_level_distribution_chart(hue):
    chart = charts_tier.level_distribution_chart(hue.scores, hue.framework.tiers["so-nganh"], "en")
    assert chart.alt.endswith("per level: I: 20; II: 0; III: 0; IV: 0; Chưa đạt (below all levels): 0.")
    assert list(chart.table.frame.iloc[0]) == ["I", "20", "100%"]


def test_level_distribution_shares_add_up_to_one_hundred_percent(hue):
    # 0, 1, 3, 4 and 1 of 9 districts: 11,1 + 33,3 + 44,4 + 11,1 rounded each would print 99%.
    chart = charts_tier.level_distribution_chart(hue.scores, hue.framework.tiers["huyen-ket-qua"], "vi")
    shares = chart.table.frame["Tỷ lệ"].tolist()
    assert shares == ["0%", "11%", "33%", "45%", "11%"]
    assert sum(int(s.rstrip("%")) for s in shares) == 100
    assert {"4 (45%)", "1 (11%)", "3 (33%)"} <= set(svg_texts(chart.svg))  # the chart prints the same


def test_value_labels_are_not_crossed_by_threshold_lines(hue):
    """The ranking chart's value labels are drawn after the dashed threshold lines, each on a
    white ground, so a line running behind a label stops at it (82,40% · III spans the 85% line)."""
    svg = charts_tier.ranking_chart(hue.scores, hue.framework.tiers["huyen-ket-qua"], "vi").svg.decode("utf-8")
    label = svg.index(">82,40% · III<")
    group = svg.rindex('<g id="labels_', 0, label)
    lines = [m.start() for m in re.finditer('<g id="LineCollection_', svg)]
    assert len(lines) == 4 and all(start < group for start in lines)
    assert "fill: #ffffff" in svg[group:label]


def test_group_shares_share_of_applicable_points():
    tier = Tier(key="xa", label="UBND cấp xã", rank_by="points", levels=(Level("IV", 5.0),), below="Không xếp hạng")
    scores = pd.DataFrame({"tier": ["xa", "xa", "xa"], "unit": ["Xã B", "Xã A", "Xã C"],
                           "rank": pd.array([1, 2, pd.NA], dtype="Int64")})
    points = pd.DataFrame({
        "tier": ["xa"] * 6,
        "unit": ["Xã A", "Xã A", "Xã A", "Xã B", "Xã B", "Xã B"],
        "criterion": ["1.1", "1.2", "2.1"] * 2,
        "group": ["Hạ tầng", "Hạ tầng", "Dịch vụ công"] * 2,
        "max_points": [5.0, 10.0, 4.0] * 2,
        "points": [5.0, np.nan, 1.0, 2.5, 10.0, 4.0],
        "evaluated": [True] * 6,
    })
    shares = charts_tier.group_shares(points_by_group(points), scores, tier, groups=("Dịch vụ công", "Hạ tầng"))
    assert list(shares.index) == ["Xã B", "Xã A"]  # rank order, not-evaluated unit left out
    assert list(shares.columns) == ["Dịch vụ công", "Hạ tầng"]
    assert shares.loc["Xã A", "Hạ tầng"] == pytest.approx(1.0)  # 5 of 5: criterion 1.2 does not apply
    assert shares.loc["Xã B", "Hạ tầng"] == pytest.approx(12.5 / 15)
    assert shares.loc["Xã A", "Dịch vụ công"] == pytest.approx(0.25)
    totals = charts_tier.group_totals(points_by_group(points), tier)
    assert totals["Hạ tầng"] == pytest.approx(17.5 / 20)


def test_group_heatmap(son_ha):
    tier = son_ha.framework.tiers["huyen"]
    chart = charts_tier.group_heatmap(son_ha.criteria_points, son_ha.scores, tier, son_ha.framework.groups, "vi")
    assert chart.svg.startswith(SVG)
    assert b"<image" not in chart.svg.split(b'id="axes_2"')[0]  # the cells are vector paths, not an image
    assert chart.alt.startswith("Bản đồ nhiệt 7 đơn vị khối UBND cấp huyện theo 5 nhóm tiêu chí")
    assert list(chart.table.frame.columns) == ["Tên đơn vị", *son_ha.framework.groups]
    # Every cell is a whole percentage or the not-applicable dash.
    cells = chart.table.frame.iloc[:, 1:].to_numpy().ravel()
    assert all(re.fullmatch(r"\d{1,3}|–", c) for c in cells)


def test_for_tier_adds_the_heatmap_only_at_criterion_grain(hue, son_ha):
    assert len(charts_tier.for_tier(hue, "so-nganh")) == 2
    assert len(charts_tier.for_tier(son_ha, "xa")) == 3


def comparison() -> pd.DataFrame:
    """Columns of egovnb.insight.yoy.compare_years, for four units (made up)."""
    return pd.DataFrame({
        "tier": ["so-nganh"] * 5,
        "unit": ["Sở A", "Sở B", "Sở C", "Sở D", "Sở E mới"],
        "previous_units": ["Sở A", "Sở B", "Sở C", "Sở D", ""],
        "rule": ["same", "same", "same", "same", "new"],
        "previous_rank": pd.array([3, 1, 2, 4, pd.NA], dtype="Int64"),
        "rank": pd.array([1, 1, 3, 4, 5], dtype="Int64"),
        "rank_change": pd.array([2, 0, -1, 0, pd.NA], dtype="Int64"),
        "previous_level": ["II", "I", "I", "IV", None],
        "level": ["I", "I", "II", "IV", "IV"],
        "level_change": ["up", "same", "down", "same", None],
        "previous_rate": [0.86, 0.95, 0.93, 0.7, np.nan],
        "rate": [0.95, 0.95, 0.86, 0.71, 0.70],
    })


def test_slope_chart():
    tier = Tier(key="so-nganh", label="Sở, ban, ngành", rank_by="rate",
                levels=(Level("I", 0.9), Level("II", 0.85), Level("IV", 0.7)), below="Chưa đạt")
    chart = charts_years.slope_chart(comparison(), tier, 2023, 2024, "vi")
    assert chart.svg.startswith(SVG)
    assert {"1. Sở A (+2)", "3. Sở C (\u22121)", "4. Sở D (0)"} <= set(svg_texts(chart.svg))
    assert chart.alt == ("Biểu đồ đường nối thứ hạng năm 2023 với năm 2024 của 4 đơn vị khối Sở, ban, ngành: "
                         "1 tăng hạng, 1 giảm hạng, 2 giữ nguyên hạng.")
    assert list(chart.table.frame["Tên đơn vị"]) == ["Sở A", "Sở B", "Sở C", "Sở D"]
    assert list(chart.table.frame["Thay đổi thứ hạng"]) == ["+2", "0", "\u22121", "0"]


def test_slope_chart_without_units_in_both_years():
    tier = Tier(key="xa", label="UBND cấp xã", rank_by="points", levels=(Level("IV", 62.0),), below="Không xếp hạng")
    chart = charts_years.slope_chart(comparison(), tier, 2023, 2024, "en")
    assert chart.svg.startswith(SVG)
    assert chart.table.frame.empty


def test_spread_moves_tied_labels_apart():
    placed = charts_years._spread(np.array([1.0, 1.0, 1.0, 4.0, 4.0, 6.0]), gap=0.95)
    assert placed.tolist() == pytest.approx([1.0, 1.95, 2.9, 4.0, 4.95, 6.0])


def test_mimebundle_carries_svg_and_alt_text(hue):
    chart = charts_tier.level_distribution_chart(hue.scores, hue.framework.tiers["so-nganh"], "vi")
    data, metadata = chart._repr_mimebundle_()
    assert set(data) == {"image/svg+xml", "text/plain"}
    assert data["image/svg+xml"] == chart.svg.decode("utf-8")
    assert data["text/plain"] == chart.alt == repr(chart)
    assert metadata["image/svg+xml"] == {"width": chart.width, "height": chart.height, "alt": chart.alt}


def test_palette_levels_look_different():
    styles = list(palette.STYLES.values())
    assert len({s.colour for s in styles}) == len(styles)
    assert len({s.hatch for s in styles}) == len(styles)
    tier = Tier(key="xa", label="xã", rank_by="points", levels=(Level("III", 70), Level("IV", 62)),
                below="Không xếp hạng")
    assert palette.level_key(tier, "III") == "l3"  # I–IV look the same in every tier
    assert palette.level_key(tier, "Không xếp hạng") == "below"
    assert palette.level_key(tier, NOT_EVALUATED) == "none"
    named = Tier(key="t", label="t", rank_by="rate", levels=(Level("Tốt", 0.9), Level("Khá", 0.7)), below="Yếu")
    assert [palette.level_key(named, n) for n in ("Tốt", "Khá", "Yếu")] == ["l1", "l2", "below"]


def test_css_level_colours_match_the_palette():
    css = (ROOT / "egovnb" / "publish" / "templates" / "egovnb" / "report.css").read_text(encoding="utf-8")
    for key, style in palette.STYLES.items():
        assert re.search(rf"--{key}:\s*{style.colour};", css), key
