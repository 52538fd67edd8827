"""The report under every scoring method: components (which one holds a unit back), index
tiers (the index as published, ratings, pillars), tiers without levels, units without a
rank, and the note of a unit not evaluated."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from egovnb.core.assessment import assess
from egovnb.insight import gaps
from egovnb.insight.pillars import contributions
from egovnb.report import blocks, charts_tier, measure, methods, tables
from egovnb.report.reasons import holding_labels, level_reasons

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def gia_lai():
    return assess(ROOT / "params" / "gia-lai-2022.yaml")


@pytest.fixture(scope="module")
def van_son():
    return assess(ROOT / "params" / "van-son-2024.yaml")


@pytest.fixture(scope="module")
def hung_yen():
    return assess(ROOT / "params" / "hung-yen-2019.yaml")


def english(assessment):
    return dataclasses.replace(assessment, params=dataclasses.replace(assessment.params, language="en"))


def test_the_component_holding_pleiku_at_level_two_is_named(gia_lai):
    assert holding_labels(gia_lai, "huyen")["TP. Pleiku"] == "Điều kiện sẵn sàng"
    assert level_reasons(gia_lai, "huyen")["TP. Pleiku"] == "II vì Điều kiện sẵn sàng ở mức II"
    assert level_reasons(english(gia_lai), "huyen")["TP. Pleiku"] == "II because Điều kiện sẵn sàng at II"
    text = tables.level_summary(gia_lai, "huyen").text
    assert "Dẫn đầu: TP. Pleiku (154,603; mức độ II vì Điều kiện sẵn sàng ở mức II)" in text
    assert "Cuối bảng: Huyện Đức Cơ (135,815; mức độ IV vì Điều kiện sẵn sàng ở mức IV)." in text
    # Departments at level I have nothing holding them back; a communes tier has no components.
    assert "Sở Thông tin và Truyền thông" not in holding_labels(gia_lai, "so-nganh")
    assert level_reasons(gia_lai, "xa") == {}


def test_component_table_sets_components_beside_the_overall_level(gia_lai):
    table = methods.component_table(gia_lai, "huyen")
    frame = table.frame
    assert list(frame.columns) == ["Xếp hạng", "Tên đơn vị", "Điều kiện sẵn sàng: số điểm", "Điều kiện sẵn sàng: tỷ lệ",
                                   "Điều kiện sẵn sàng: mức độ", "Kết quả CQĐT: số điểm", "Kết quả CQĐT: tỷ lệ",
                                   "Kết quả CQĐT: mức độ", "Số điểm thực hiện", "Mức độ", "Thành phần giữ mức độ"]
    first = frame.iloc[0]
    assert (first["Tên đơn vị"], first["Điều kiện sẵn sàng: mức độ"], first["Kết quả CQĐT: mức độ"], first["Mức độ"],
            first["Thành phần giữ mức độ"]) == ("TP. Pleiku", "II", "I", "II", "Điều kiện sẵn sàng")
    assert len(frame) == 17 and not table.collapsed


def test_charts_of_each_method(gia_lai, van_son, hung_yen):
    titles = [c.title for c in charts_tier.for_tier(gia_lai, "huyen")]
    assert titles == ["UBND cấp huyện: xếp hạng theo số điểm thực hiện", "UBND cấp huyện: số đơn vị theo mức độ",
                      "UBND cấp huyện: mức độ từng thành phần và thành phần giữ mức độ"]
    grid = charts_tier.for_tier(gia_lai, "huyen")[2]
    assert grid.svg.startswith(b"<?xml") and "Điều kiện sẵn sàng giữ mức độ của 13 đơn vị" in grid.alt
    titles = [c.title for c in charts_tier.for_tier(van_son, "so-nganh-dti")]
    assert titles[:3] == ["Sở, ban, ngành — chỉ số chuyển đổi số: xếp hạng theo chỉ số",
                          "Sở, ban, ngành — chỉ số chuyển đổi số: số đơn vị theo xếp loại",
                          "Sở, ban, ngành — chỉ số chuyển đổi số: phần đóng góp của từng trụ cột vào chỉ số"]
    # A tier without levels: the ranking and the group heat map, no level chart.
    titles = [c.title for c in charts_tier.for_tier(hung_yen, "so-nganh")]
    assert titles == ["Sở, ban, ngành: xếp hạng theo số điểm thực hiện",
                      "Sở, ban, ngành: tỷ lệ điểm đạt theo nhóm tiêu chí (%)"]


def test_the_index_is_printed_as_published(van_son):
    tier = van_son.framework.tiers["so-nganh-dti"]
    assert measure.index_text(0.80021, tier, "vi") == "800,2"
    assert measure.index_text(0.80021, dataclasses.replace(tier, index_scale=None), "vi") == "0,8002"
    assert measure.index_text(0.80021, dataclasses.replace(tier, index_scale=None), "en") == "0.8002"
    frame = tables.top_and_last_table(van_son, "so-nganh-dti").frame
    assert list(frame.columns) == ["Vị trí", "Xếp hạng", "Tên đơn vị", "Chỉ số", "Xếp loại"]
    assert frame.iloc[0][["Tên đơn vị", "Chỉ số", "Xếp loại"]].tolist() == ["Sở Thông tin và Truyền thông", "921,9",
                                                                          "Tốt"]
    lines = tables.level_summary(van_son, "so-nganh-dti").text
    assert "3/15 đơn vị xếp loại Tốt" in lines and "2/15 đơn vị xếp loại Yếu" in lines


def test_pillar_parts_add_up_to_the_index_and_weight_zero_counts_nothing(van_son):
    parts = contributions(van_son.criteria_points, van_son.framework, "huyen-dti")
    ranked = van_son.ranked.set_index("unit")
    for unit, rows in parts.groupby("unit"):
        assert rows["contribution"].sum() == pytest.approx(ranked.loc[unit, "index"], abs=1e-12)
    assert (parts.loc[parts["group"] == "Đô thị thông minh", "contribution"] == 0).all()
    chart = methods.pillar_chart(van_son, "huyen-dti")
    assert "Đô thị thông minh" in chart.table.note and chart.svg.startswith(b"<?xml")


def test_tier_rules_in_words(gia_lai, van_son, hung_yen):
    heading = blocks.tier_heading(gia_lai, "huyen").text
    assert ("Xếp hạng theo số điểm thực hiện; mức độ là mức thấp nhất trong các mức độ thành phần — Điều kiện sẵn "
            "sàng (I ≥ 57, II ≥ 51, III ≥ 45, IV ≥ 39); Kết quả CQĐT (I ≥ 95, II ≥ 85, III ≥ 75, IV ≥ 65)") in heading
    assert "Đơn vị dưới mức thấp nhất (Không xếp hạng) không được xếp hạng." in blocks.tier_heading(gia_lai, "xa").text
    assert ("Xếp hạng theo chỉ số (trung bình có trọng số của tỷ lệ điểm đạt các trụ cột), in trên thang 1.000 điểm; "
            "xếp loại: Tốt ≥ 800,0, Khá ≥ 650,0, Trung bình ≥ 500,0") in blocks.tier_heading(van_son, "huyen-dti").text
    assert "chỉ xếp hạng, không xếp mức độ" in blocks.tier_heading(hung_yen, "huyen").text
    assert "Ranked by achieved points; ranked only, no levels." in blocks.tier_heading(english(hung_yen), "huyen").text


def test_annex_shows_no_rank_for_the_unranked_and_the_note_of_the_not_evaluated(gia_lai):
    table = tables.annex_table(gia_lai, "xa")
    frame = table.frame.set_index("Tên đơn vị")
    assert list(table.frame.columns)[:3] == ["STT", "Tên đơn vị", "district"]
    unranked = frame[frame["Mức độ"] == "Không xếp hạng"]
    assert len(unranked) == 197 and (unranked["Xếp hạng"] == "–").all()
    missing = frame.loc["Xã Ia Phìn"]
    assert (missing["Mức độ"], missing["district"]) == ("Không đánh giá", "Huyện Chư Prông")
    assert missing["Ghi chú"] == "Không có kết quả: UBND huyện Chư Prông không tổ chức đánh giá"
    # Units that were evaluated have no note: the cell stays empty.
    assert frame.loc["Phường Hội Phú", "Ghi chú"] == ""


def test_annex_and_gaps_of_index_and_of_no_level_tiers(van_son, hung_yen):
    frame = tables.annex_table(van_son, "so-nganh-dti").frame
    assert {"Chỉ số", "Xếp loại"} <= set(frame.columns)
    row = frame.set_index("Tên đơn vị").loc["Sở Kế hoạch và Đầu tư"]
    assert (row["Chỉ số"], row["Xếp loại"]) == ("771,4", "Khá")
    needed = tables.gap_table(van_son, "so-nganh-dti", gaps.gap_to_next_level(van_son.ranked, van_son.framework))
    row = needed.frame.set_index("Tên đơn vị").loc["Sở Kế hoạch và Đầu tư"]
    assert (row["Xếp loại"], row["Mức độ kế tiếp"], row["Chỉ số cần thêm"]) == ("Khá", "Tốt", "28,6")
    frame = tables.annex_table(hung_yen, "so-nganh").frame
    assert "Mức độ" not in frame.columns
    to_next = gaps.gap_to_next_level(hung_yen.ranked, hung_yen.framework)
    assert tables.closest_table(hung_yen, "so-nganh", to_next).frame.empty
    assert tables.gap_table(hung_yen, "so-nganh", to_next).frame.empty


def test_gap_table_names_the_component_the_points_go_to(gia_lai):
    table = tables.gap_table(gia_lai, "huyen", gaps.gap_to_next_level(gia_lai.ranked, gia_lai.framework))
    row = table.frame.set_index("Tên đơn vị").loc["TP. Pleiku"]
    assert (row["Mức độ kế tiếp"], row["Số điểm cần thêm"], row["Thành phần giữ mức độ"]) == ("I", "0,90",
                                                                                          "Điều kiện sẵn sàng")


def test_closest_under_lowest_names_the_holding_component(gia_lai):
    table = tables.closest_table(gia_lai, "huyen", gaps.gap_to_next_level(gia_lai.ranked, gia_lai.framework))
    frame = table.frame
    assert "Thành phần giữ mức độ" in frame.columns
    first = frame.iloc[0]
    # Huyện Đak Đoa needs 0,013 points in Kết quả CQĐT to reach II.
    assert (first["Tên đơn vị"], first["Số điểm cần thêm"], first["Thành phần giữ mức độ"]) == (
        "Huyện Đak Đoa", "0,01", "Kết quả CQĐT")


def test_every_sample_renders_its_tables_and_charts_in_both_languages(gia_lai, van_son, hung_yen):
    for assessment in (gia_lai, van_son, hung_yen, english(gia_lai), english(van_son), english(hung_yen)):
        to_next = gaps.gap_to_next_level(assessment.ranked, assessment.framework)
        for key in assessment.framework.tiers:
            for block in (blocks.tier_heading(assessment, key), tables.level_summary(assessment, key),
                          tables.top_and_last_table(assessment, key), tables.closest_table(assessment, key, to_next),
                          tables.gap_table(assessment, key, to_next), tables.annex_table(assessment, key)):
                assert isinstance(block._repr_html_() if hasattr(block, "_repr_html_") else block.html, str)
            assert all(isinstance(chart.alt, str) and chart.table is not None
                       for chart in charts_tier.for_tier(assessment, key))
