"""The report's tables (egovnb.report.tables): counts per level, top three and last, the annex."""

from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from egovnb.report import tables
from egovnb.core.assessment import assess
from egovnb.core.framework import NOT_EVALUATED, Level, Tier

ROOT = Path(__file__).resolve().parents[2]
ANNEX_VI = ["STT", "Tên đơn vị", "Điểm tối đa", "Số điểm không đưa vào đánh giá", "Số điểm tối đa cần thực hiện",
            "Số điểm thực hiện", "Tỷ lệ thực hiện", "Số điểm quy đổi", "Xếp hạng", "Mức độ"]

COMMUNES = Tier(key="xa", label="UBND cấp xã", rank_by="points",
                levels=(Level("III", 70.0), Level("IV", 62.0)), below="Không xếp hạng", max_points=100.0)


@pytest.fixture(scope="module")
def hue():
    """The published Thừa Thiên Huế 2020 departments."""
    return assess(ROOT / "params" / "thua-thien-hue-2020.yaml")


def communes() -> pd.DataFrame:
    """A scores table of five communes ranked by points, one not evaluated (made up)."""
    rows = [("Xã An", 100, 0, 75.5, 1, "III"), ("Xã Ân", 100, 10, 64.0, 2, "IV"),
            ("Xã Bình", 100, 0, 62.0, 3, "IV"), ("Xã Đông", 100, 0, 40.25, 4, "Không xếp hạng"),
            ("Xã Tú An", 100, np.nan, np.nan, pd.NA, NOT_EVALUATED)]
    frame = pd.DataFrame(rows, columns=["unit", "max_points", "excluded_points", "achieved_points", "rank", "level"])
    frame.insert(0, "tier", "xa")
    frame["applicable_points"] = frame["max_points"] - frame["excluded_points"]
    frame["rate"] = frame["achieved_points"] / frame["applicable_points"]
    frame["converted_points"] = frame["rate"] * frame["max_points"]
    frame["rank"] = frame["rank"].astype("Int64")
    return frame


def test_level_counts_published_departments(hue):
    tier = hue.framework.tiers["so-nganh"]
    counts = tables.level_counts(hue.scores, tier)
    assert list(counts["level"]) == ["I", "II", "III", "IV", "Chưa đạt"]
    assert list(counts["units"]) == [20, 0, 0, 0, 0]
    assert set(counts["total"]) == {20}
    assert tables.headline_lines(counts, "vi")[0] == "20/20 đơn vị ở mức độ I"
    assert tables.headline_lines(counts, "vi")[-1] == "0/20 đơn vị chưa đạt"
    assert tables.headline_lines(counts, "en")[0] == "20/20 units at level I"


def test_level_counts_with_floor_and_not_evaluated():
    counts = tables.level_counts(communes(), COMMUNES)
    assert list(counts["level"]) == ["III", "IV", "Không xếp hạng", NOT_EVALUATED]
    assert list(counts["kind"]) == ["level", "level", "below", "not_evaluated"]
    assert list(counts["units"]) == [1, 2, 1, 1]
    assert counts["share"].tolist() == pytest.approx([0.2, 0.4, 0.2, 0.2])
    assert tables.headline_lines(counts, "vi") == [
        "1/5 đơn vị ở mức độ III", "2/5 đơn vị ở mức độ IV", "1/5 đơn vị không xếp hạng",
        "1/5 đơn vị không đánh giá"]
    assert tables.headline_lines(counts, "en")[2] == "1/5 units: Không xếp hạng (not ranked)"


def test_top_three_keeps_ties_and_adds_the_last(hue):
    tier = hue.framework.tiers["so-nganh"]
    leaders = tables.top_and_last(hue.scores, tier)
    top = leaders[leaders["position"] == "top"]
    assert list(top["unit"]) == ["Sở Công Thương", "Sở Kế hoạch và Đầu tư", "Sở Ngoại vụ",
                                 "Sở Thông tin và Truyền thông", "Văn phòng UBND tỉnh"]
    assert set(top["rank"]) == {1}
    last = leaders[leaders["position"] == "last"]
    assert list(last["unit"]) == ["Sở Giáo dục và Đào tạo"]
    assert list(last["rank"]) == [20]


def test_top_and_last_skip_units_not_evaluated():
    leaders = tables.top_and_last(communes(), COMMUNES)
    assert list(leaders["unit"]) == ["Xã An", "Xã Ân", "Xã Bình", "Xã Đông"]
    assert list(leaders["position"]) == ["top", "top", "top", "last"]


def test_level_summary_sentences(hue):
    summary = tables.level_summary(hue, "so-nganh")
    assert "Cuối bảng: Sở Giáo dục và Đào tạo (91%)." in repr(summary)  # whole percent, as published
    assert "<li>20/20 đơn vị ở mức độ I</li>" in summary.html


def test_annex_published_layout_and_vietnamese_numbers(hue):
    tier = hue.framework.tiers["so-nganh"]
    annex = tables.annex_frame(hue.scores, tier, "vi")
    assert list(annex.columns) == ANNEX_VI
    assert list(annex["STT"]) == [str(i) for i in range(1, 21)]
    row = annex.iloc[5]
    # One number of decimals within a column: Sở Du lịch's 86,17372 gives every achieved points
    # five; the whole columns stay whole.
    assert list(row) == ["6", "Sở Văn hóa - Thể thao", "90", "0", "90", "89,40000", "99%", "89,40", "6", "I"]
    assert annex["Số điểm thực hiện"].tolist()[:2] == ["90,00000", "87,00000"]
    assert {len(v.split(",")[1]) for v in annex["Số điểm thực hiện"]} == {5}
    # Sở Du lịch: points as published (five decimals), rate 86,17372 / 89.
    du_lich = annex[annex["Tên đơn vị"] == "Sở Du lịch"].iloc[0]
    assert du_lich["Số điểm thực hiện"] == "86,17372"
    assert du_lich["Tỷ lệ thực hiện"] == "97%"
    assert du_lich["Số điểm quy đổi"] == "87,14"
    assert du_lich["Xếp hạng"] == "13"
    assert annex["Xếp hạng"].tolist()[:6] == ["1", "1", "1", "1", "1", "6"]


def test_annex_in_english():
    annex = tables.annex_frame(communes(), COMMUNES, "en")
    assert list(annex.columns)[:3] == ["No.", "Unit", "Maximum points"]
    assert annex.iloc[0]["Achieved points"] == "75.50"  # two decimals, as every value of the column
    assert annex.iloc[4]["Level"] == "Không đánh giá (not evaluated)"


def test_annex_whole_percentages_when_every_rate_is_whole():
    scores = communes().iloc[[0, 2]].copy()
    scores["achieved_points"] = [75.0, 62.0]
    scores["rate"] = scores["achieved_points"] / scores["applicable_points"]
    annex = tables.annex_frame(scores, COMMUNES, "vi")
    assert list(annex["Tỷ lệ thực hiện"]) == ["75%", "62%"]


def test_annex_not_evaluated_row():
    annex = tables.annex_frame(communes(), COMMUNES, "vi")
    last = annex.iloc[4]
    assert last["Tên đơn vị"] == "Xã Tú An"
    assert last["Điểm tối đa"] == "100"
    assert last["Số điểm thực hiện"] == "–"
    assert last["Tỷ lệ thực hiện"] == "–"
    assert last["Xếp hạng"] == "–"
    assert last["Mức độ"] == NOT_EVALUATED


def test_gaps_are_a_table_of_their_own_in_the_annex_order():
    gaps = communes()
    gaps["next_level"] = ["", "III", "III", "IV", None]
    gaps["next_level"] = gaps["next_level"].replace("", None)
    gaps["points_to_next_level"] = [np.nan, 6.0, 8.0, 21.75, np.nan]
    annex = tables.annex_frame(communes(), COMMUNES, "vi")
    assert "Mức độ kế tiếp" not in annex.columns  # the annex is the decision's layout, nothing more
    table = tables.gap_frame(communes(), COMMUNES, gaps.iloc[::-1], "vi")
    assert list(table.columns)[-2:] == ["Mức độ kế tiếp", "Số điểm cần thêm"]
    assert list(table["Tên đơn vị"]) == list(annex["Tên đơn vị"])
    assert list(table["Mức độ kế tiếp"]) == ["–", "III", "III", "IV", "–"]
    # The points still needed with one number of decimals: 6,00 beside 21,75, never 6.
    assert list(table["Số điểm cần thêm"]) == ["–", "6,00", "8,00", "21,75", "–"]


def test_table_html_is_escaped():
    scores = communes()
    scores.loc[0, "unit"] = "<script>alert(1)</script>"
    table = tables.Table(tables.annex_frame(scores, COMMUNES, "vi"), caption="<b>caption</b> & co",
                         note='"quoted"')
    html = table.to_html()
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;caption&lt;/b&gt; &amp; co" in html
    assert "&quot;quoted&quot;" in html
    assert "<script>alert(1)</script>" in repr(table)  # plain text stays plain


def test_table_marks_numbers_and_levels(hue):
    html = tables.annex_table(hue, "so-nganh").to_html()
    assert html.count("<tr>") == 21
    assert '<td class="num">99%</td>' in html
    assert '<span class="lv lv-l1">I</span>' in html
    assert "<caption>Bảng tổng hợp kết quả đánh giá, xếp hạng: Sở, ban, ngành — Mức độ Kết quả</caption>" in html


def test_year_on_year_frame_from_the_comparison_contract():
    tier = Tier(key="so-nganh", label="Sở, ban, ngành", rank_by="rate",
                levels=(Level("I", 0.9), Level("II", 0.85)), below="Chưa đạt")
    comparison = pd.DataFrame({
        "tier": ["so-nganh"] * 4,
        "unit": ["Sở A", "Sở B", "Sở C mới", "Sở D"],
        "previous_units": ["Sở A", "Sở B cũ", "", "Sở D"],
        "rule": ["same", "renamed", "new", "dissolved"],
        "previous_rank": pd.array([3, 1, pd.NA, 2], dtype="Int64"),
        "rank": pd.array([1, 2, 3, pd.NA], dtype="Int64"),
        "rank_change": pd.array([2, -1, pd.NA, pd.NA], dtype="Int64"),
        "previous_level": ["II", "I", None, "I"],
        "level": ["I", "I", "Chưa đạt", None],
        "level_change": ["up", "same", None, None],
        "previous_rate": [0.86, 0.95, np.nan, 0.91], "rate": [0.93, 0.92, 0.5, np.nan],
    })
    frame = tables.year_on_year_frame(comparison, tier, 2023, 2024, "vi")
    assert list(frame.columns) == ["Tên đơn vị", "Đơn vị năm trước", "Xếp hạng 2023", "Xếp hạng 2024",
                                   "Thay đổi thứ hạng", "Mức độ 2023", "Mức độ 2024", "Thay đổi mức độ", "Ghi chú"]
    assert list(frame["Thay đổi thứ hạng"]) == ["+2", "\u22121", "–", "–"]
    assert list(frame["Thay đổi mức độ"]) == ["↑ lên mức", "= giữ nguyên", "–", "–"]
    assert list(frame["Đơn vị năm trước"]) == ["", "Sở B cũ", "–", "Sở D"]
    assert list(frame["Ghi chú"]) == ["", "đổi tên", "mới", "không còn"]
    assert list(frame["Xếp hạng 2024"]) == ["1", "2", "3", "–"]
    english = tables.year_on_year_frame(comparison, tier, 2023, 2024, "en")
    assert list(english["Level change"]) == ["↑ up", "= same", "–", "–"]


def test_annex_rates_match_the_published_whole_percentages(hue):
    """The framework sets rate_decimals: 0 for this tier, as Quyết định 3402/QĐ-UBND prints rates."""
    import csv
    from pathlib import Path

    published = Path(__file__).resolve().parents[1] / "data" / "thua-thien-hue-2020-so-nganh.csv"
    with open(published, encoding="utf-8") as handle:
        expected = [f"{row['rate_pct']}%" for row in csv.DictReader(handle)]
    annex = tables.annex_frame(hue.scores, hue.framework.tiers["so-nganh"], "vi")
    assert list(annex["Tỷ lệ thực hiện"]) == expected
    note = tables.annex_table(hue, "so-nganh").note
    assert note.startswith("Tỷ lệ thực hiện được làm tròn đến phần trăm")


def test_rates_default_to_two_decimals_without_rate_decimals(hue):
    from dataclasses import replace

    tier = replace(hue.framework.tiers["so-nganh"], rate_decimals=None)
    annex = tables.annex_frame(hue.scores, tier, "vi")
    assert annex.iloc[5]["Tỷ lệ thực hiện"] == "99,33%"


def test_gap_table_lists_only_units_below_the_top_level(hue):
    from egovnb.insight.gaps import gap_to_next_level

    gaps = gap_to_next_level(hue.scores, hue.framework)
    assert tables.gap_table(hue, "so-nganh", gaps).to_html() == ""  # all 20 at level I in 2020
    lowered = hue.scores.copy()
    lowered.loc[lowered["unit"] == "Sở Y tế", "level"] = "II"
    lowered_hue = SimpleNamespace(params=hue.params, framework=hue.framework, scores=lowered)
    table = tables.gap_table(lowered_hue, "so-nganh", gap_to_next_level(lowered, hue.framework))
    assert list(table.frame["Tên đơn vị"]) == ["Sở Y tế"]
    assert list(table.frame["Mức độ kế tiếp"]) == ["I"]


def test_tied_units_are_in_the_scores_order_in_every_table(hue):
    """Five units share rank 1 in 2020: the annex, the top three, the ranking chart's numbers and
    the gaps table list them in one order, the scores table's (Vietnamese name order)."""
    from egovnb.insight.gaps import closest_to_next_level, gap_to_next_level
    from egovnb.report import charts_tier

    tied = ["Sở Công Thương", "Sở Kế hoạch và Đầu tư", "Sở Ngoại vụ", "Sở Thông tin và Truyền thông",
            "Văn phòng UBND tỉnh"]
    departments = hue.scores[hue.scores["tier"] == "so-nganh"]
    assert list(departments.loc[departments["rank"] == 1, "unit"]) == tied
    assert list(tables.annex_table(hue, "so-nganh").frame["Tên đơn vị"])[:5] == tied
    assert list(tables.top_and_last_table(hue, "so-nganh").frame["Tên đơn vị"])[:5] == tied
    charts = charts_tier.for_tier(hue, "so-nganh")
    assert [u for u in charts[0].table.frame.iloc[:, 1] if u in tied] == tied
    gaps = gap_to_next_level(hue.ranked, hue.framework)
    assert list(tables.gap_frame(hue.scores, hue.framework.tiers["so-nganh"], gaps)["Tên đơn vị"])[:5] == tied
    # Equal gaps and ranks: the closest list keeps the scores order too.
    even = gaps[gaps["tier"] == "so-nganh"].assign(level="II", next_level="I", points_to_next_level=1.0)
    assert list(closest_to_next_level(even, "so-nganh", n=5)["unit"]) == tied


def test_a_column_evens_its_decimals_a_sentence_does_not():
    """Hưng Yên 2019 ranks by points (413 and 411,5 published): the tables print one number of
    decimals a column, the sentences the points as delivered."""
    hung_yen = assess(ROOT / "params" / "hung-yen-2019.yaml")
    top = tables.top_and_last_table(hung_yen, "so-nganh").frame
    assert top["Số điểm thực hiện"].tolist() == ["413,00", "412,00", "411,50", "302,00"]
    annex = tables.annex_frame(hung_yen.ranked, hung_yen.framework.tiers["so-nganh"], "vi")
    assert annex["Số điểm thực hiện"].tolist()[:3] == ["413,00", "412,00", "411,50"]
    assert annex["Điểm tối đa"].tolist()[0] == "500"
    summary = repr(tables.level_summary(hung_yen, "so-nganh"))
    assert "Dẫn đầu: Sở Tài chính (413), Văn phòng UBND tỉnh (412), Sở Kế hoạch và Đầu tư (411,5)." in summary
