"""Published figures against the rules: what `egovnb reconcile` lists, the validate note and the
report's "Đối chiếu với bảng công bố" section."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from egovnb.core.assessment import assess
from egovnb.insight import reconcile
from egovnb.insight.validation import validate
from egovnb.report.reconcile_block import reconciliation

ROOT = Path(__file__).resolve().parents[2]
HEADER = "STT,Tên đơn vị,Điểm tối đa,Số điểm không đưa vào đánh giá,Số điểm thực hiện,Tỷ lệ thực hiện,Xếp hạng,Mức độ\n"


@pytest.fixture(scope="module")
def hue():
    return assess(ROOT / "params" / "thua-thien-hue-2020.yaml")


def compare(assessment):
    return reconcile.compare(assessment.ranked, assessment.tables, assessment.framework)


def test_thua_thien_hue_districts_whose_rates_do_not_follow_from_their_points(hue):
    """Every district row checked with exact decimals: A Lưới 75,41/92 = 81,967 % printed 81,96 %,
    Hương Trà 74,29/92 = 80,75 % printed 80,76 %, Phú Lộc 61,32/92 = 66,652 % printed 66,66 %;
    the converted points (rate × 100) repeat each. Nothing else differs."""
    found = reconcile.differences(compare(hue))
    assert [(r.sheet, r.row, r.unit, r.field) for r in found.itertuples()] == [
        ("UBND cấp huyện", 9, "UBND huyện A Lưới", "rate"),
        ("UBND cấp huyện", 9, "UBND huyện A Lưới", "converted_points"),
        ("UBND cấp huyện", 10, "UBND thị xã Hương Trà", "rate"),
        ("UBND cấp huyện", 10, "UBND thị xã Hương Trà", "converted_points"),
        ("UBND cấp huyện", 15, "UBND huyện Phú Lộc", "rate"),
        ("UBND cấp huyện", 15, "UBND huyện Phú Lộc", "converted_points"),
    ]
    assert found["calculation"].tolist()[::2] == ["75,41 / 92 = 81,967% → 81,97%", "74,29 / 92 = 80,75% → 80,75%",
                                                   "61,32 / 92 = 66,652% → 66,65%"]
    assert found["printed"].tolist()[::2] == ["81,96%", "80,76%", "66,66%"]
    assert found["column"].tolist()[:2] == ["Tỷ lệ thực hiện", "Số điểm thực hiện được quy đổi"]


def test_thua_thien_hue_departments_agree_at_whole_percent(hue):
    comparisons = compare(hue)
    departments = comparisons[comparisons["sheet"] == "Sở, ban, ngành"]
    assert len(departments) == 20 * 3 and departments["agrees"].all()
    nội_vụ = departments[(departments["unit"] == "Sở Nội vụ") & (departments["field"] == "rate")].iloc[0]
    assert (nội_vụ["printed"], nội_vụ["decimals"], nội_vụ["calculation"]) == ("99%", 0, "75 / 76 = 98,684% → 99%")
    assert reconcile.summary(comparisons) == "6 of 96 published figures differ from the rules, in 3 of 29 rows"


def test_a_difference_in_one_line(hue):
    first = reconcile.differences(compare(hue)).iloc[0]
    assert reconcile.describe(first).endswith(
        "ket-qua-2020.xlsx, sheet 'UBND cấp huyện', row 9, column 'Tỷ lệ thực hiện': UBND huyện A Lưới: printed "
        "'81,96%', the rules give 81,97% (75,41 / 92 = 81,967% → 81,97%)")


def test_rank_level_and_unreadable_figures(project):
    project.write("units.csv", HEADER + "\n".join([
        '1,Sở A,90,0,"85,5","95 %",1,I',
        '2,Sở B,90,0,"85,5","95 %",2,I',          # tied with Sở A: the rules give rank 1
        '3,Sở C,90,0,72,"0,8",3,I',               # a fraction: 80 %, agrees; the level is III
        '4,Sở D,90,0,60,n/a,4,Chưa đạt',          # not a number: reported, never a failure
        '5,Sở E,90,,,,,Không đánh giá',          # not evaluated: nothing to compare but the level
    ]) + "\n")
    params = project.params("units.csv", tier="so-nganh")
    assert validate(params) == []
    comparisons = compare(assess(params))
    found = reconcile.differences(comparisons)
    assert [(r.unit, r.field, r.reason) for r in found.itertuples()] == [
        ("Sở B", "rank", ""), ("Sở C", "level", ""), ("Sở D", "rate", "not_a_number")]
    assert found.iloc[0]["calculation"] == "95%: 0 unit(s) of the tier rank above → 1"
    assert found.iloc[1]["calculation"] == "80% ≥ 80% → III"
    assert "not a number; 60 / 90 = 66,667% → 66,67%" in reconcile.describe(found.iloc[2])
    agreeing = comparisons[comparisons["agrees"]]
    assert ("Sở E", "level") in set(zip(agreeing["unit"], agreeing["field"]))
    assert reconcile.rows_compared(comparisons) == 5 and reconcile.rows_differing(comparisons) == 3


def test_a_rate_stored_as_a_plain_number_is_compared_as_shown(project):
    """0,8536 in the General format shows as 0,8536: compared to two decimals of a percent."""
    book = Workbook()
    book.active.append(["STT", "Tên đơn vị", "Điểm tối đa", "Số điểm không đưa vào đánh giá", "Số điểm thực hiện",
                        "Tỷ lệ thực hiện"])
    book.active.append([1, "Huyện A", 100, 8, 78.53, 0.8536])
    book.active.append([2, "Huyện B", 100, 8, 75.41, 0.8196])
    book.save(project.root / "kq.xlsx")
    comparisons = compare(assess(project.params("kq.xlsx", tier="so-nganh")))
    assert comparisons["printed"].tolist() == ["0,8536", "0,8196"]
    assert comparisons["agrees"].tolist() == [True, False]


def test_validate_mentions_published_figures_without_failing(hue, project):
    note = reconcile.validate_note(hue, "params/thua-thien-hue-2020.yaml")
    assert note == ("published figures (rate, converted points, rank, level) in 29 rows: 3 row(s) differ from the "
                    "rules; see `egovnb reconcile params/thua-thien-hue-2020.yaml`")
    project.write("units.csv", "tier,unit,max_points,excluded_points,achieved_points\nso-nganh,Sở A,90,0,80\n")
    assert reconcile.validate_note(assess(project.params("units.csv")), "p.yaml") is None


def test_report_section_lists_the_differences(hue):
    heading, table = reconciliation(hue)
    assert repr(heading).splitlines()[0] == "Đối chiếu với bảng công bố"
    assert "6 số liệu của 3/29 đơn vị không khớp với quy tắc." in repr(heading)
    assert table.frame.columns.tolist() == ["Trang tính", "Dòng", "Đơn vị", "Cột", "Công bố", "Theo quy tắc",
                                            "Cách tính"]
    assert table.frame.iloc[0].tolist() == ["UBND cấp huyện", "9", "UBND huyện A Lưới", "Tỷ lệ thực hiện", "81,96%",
                                            "81,97%", "75,41 / 92 = 81,967% → 81,97%"]
    assert str(ROOT) not in table.to_html() and str(ROOT) not in heading.html


def test_report_section_when_every_row_agrees_and_when_nothing_is_published(project):
    project.write("units.csv", HEADER + '1,Sở A,90,0,"85,5",95%,1,I\n')
    params = project.params("units.csv", tier="so-nganh", language="en")
    blocks = reconciliation(assess(params))
    assert len(blocks) == 1 and "All 1 units agree with the rules." in repr(blocks[0])
    assert repr(blocks[0]).startswith("Reconciliation with the published table")
    project.write("plain.csv", "tier,unit,max_points,excluded_points,achieved_points\nso-nganh,Sở A,90,0,80\n")
    assert reconciliation(assess(project.params("plain.csv"))) == []
