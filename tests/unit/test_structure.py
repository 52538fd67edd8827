"""Only units are scored: total and mean rows in every layout and grain, a second table on a
sheet, names that differ only in letter case; thresholds that do not fit the tier."""

from __future__ import annotations

import pytest
from openpyxl import Workbook

from egovnb.cli import main
from egovnb.core.assessment import assess
from egovnb.core.totals import total_label
from egovnb.insight.validation import check, left_out, validate

from ..conftest import POINTS_TIER, RATE_TIER

HEADER = "tier,unit,max_points,excluded_points,achieved_points\n"
TWO = "so-nganh,Sở A,100,0,90\nso-nganh,Sở B,100,10,80\n"
CRITERIA = {"tiers": {"so-nganh": RATE_TIER},
            "criteria": [{"id": "1.1", "group": "Hạ tầng", "title": "a", "max_points": 5},
                         {"id": "1.2", "group": "Dịch vụ", "title": "b", "max_points": 10}]}
GROUPS = {"tiers": {"so-nganh": RATE_TIER},
          "groups": [{"id": "1", "title": "Hạ tầng", "max_points": 5}, {"id": "2", "title": "Dịch vụ", "max_points": 10}]}


def _scored(project, text, framework=None, name="units.csv"):
    project.write(name, text)
    params = project.params(name, framework)
    assessment, problems = check(params)
    assert problems == [], problems
    return assessment


def _problems(project, text, framework=None, name="units.csv", **extra):
    project.write(name, text)
    return [str(p) for p in validate(project.params(name, framework, **extra))]


@pytest.mark.parametrize("label", ["Tổng cộng", "TỔNG CỘNG:", "tổng số", "Tổng", "Cộng", "Tong cong", "TOTAL",
                                   "Subtotal", "Sum", "Bình quân", "Trung bình", "Điểm trung bình", "Average",
                                   "mean:", "I. Tổng cộng", "Tổng cộng (1+2)", "Tổng cộng toàn tỉnh",
                                   "Trung bình chung khối sở", "Total (departments)", "TONG CONG TOAN TINH"])
def test_total_labels(label):
    assert total_label(label)


@pytest.mark.parametrize("name", ["Ban Tổng hợp", "Tổng công ty Điện lực", "Công", "Sở Cộng đồng", "Trung tâm",
                                  "Xã Trung Bình Đông", "Totality", "Sở Y tế",
                                  "Tổng cục Thống kê", "Trung bình Sơn", "Averages Co"])
def test_units_with_such_words_in_their_names_are_units(name):
    assert not total_label(name)


@pytest.mark.parametrize("row", [
    "so-nganh,Tổng cộng,200,10,170",     # the sum
    "so-nganh,TRUNG BÌNH:,100,5,85",     # the mean
    ",Tong cong,200,10,170",             # no tier, no diacritics
    "Tổng cộng,,200,10,170",             # the label in the tier column, the name empty
    "so-nganh,Bình quân,100,5,85.0",
])
def test_a_summary_total_row_is_left_out_and_said(project, row, capsys):
    assessment = _scored(project, HEADER + TWO + row + "\n")
    assert list(assessment.scores["unit"]) == ["Sở A", "Sở B"]
    assert list(assessment.scores["rank"]) == [1, 2]
    lines = left_out(assessment)
    assert len(lines) == 1 and lines[0].endswith("row 4: '" + (row.split(",")[1] or row.split(",")[0])
                                                 + "' left out: a total or mean row, not a unit")
    assert main(["validate", str(project.root / "p.yaml")]) == 0
    assert "row 4: " in capsys.readouterr().out


def test_subtotals_per_tier_and_a_grand_total(project):
    text = (HEADER + TWO + "so-nganh,Cộng,200,10,170\n" + "xa,Xã A,100,0,50\nxa,Xã B,100,0,61\nxa,Cộng:,200,0,111\n"
            ",TỔNG CỘNG,400,10,281\n,Trung bình,100,2.5,70.25\n")
    framework = {"tiers": {"so-nganh": RATE_TIER, "xa": dict(POINTS_TIER)}}
    assessment = _scored(project, text, framework)
    assert sorted(assessment.scores["unit"]) == ["Sở A", "Sở B", "Xã A", "Xã B"]
    assert [line.split(": ")[0].split("row ")[1] for line in left_out(assessment)] == ["4", "7", "8", "9"]


def test_a_mean_printed_rounded_is_still_the_mean(project):
    assessment = _scored(project, HEADER + "so-nganh,A,90,0,80\nso-nganh,B,90,0,81\nso-nganh,C,90,0,81\n"
                                           "so-nganh,Trung bình,90,0,\"80,7\"\n")
    assert len(assessment.scores) == 3


def test_a_total_row_whose_figures_are_not_the_units_is_refused(project):
    problems = _problems(project, HEADER + TWO + "so-nganh,Tổng,100,0,99\n")
    assert len(problems) == 1
    assert "units.csv, row 4, column 'excluded_points': 'Tổng' reads as a total or mean row, but its '0' is " \
           "neither the sum" in problems[0]
    assert "remove the row, or give the unit its full name if it is one" in problems[0]


def test_a_numbered_total_row_of_an_annex_is_left_out(project):
    """An STT number beside 'Tổng cộng' used to make it a unit of the annex layout."""
    text = ("STT,Tên đơn vị,Điểm tối đa,Số điểm không đưa vào đánh giá,Số điểm thực hiện\n"
            "1,Sở A,100,0,90\n2,Sở B,100,10,80\n3,Tổng cộng,200,10,170\n")
    project.write("units.csv", text)
    assessment = assess(project.params("units.csv", tier="so-nganh"))
    assert list(assessment.scores["unit"]) == ["Sở A", "Sở B"]


def test_total_rows_at_criterion_grain(project):
    text = ("tier,unit,criterion,points\nso-nganh,Sở A,1.1,5\nso-nganh,Sở A,1.2,8\nso-nganh,Sở B,1.1,3\n"
            "so-nganh,Sở B,1.2,N/A\n")
    assessment = _scored(project, text + "so-nganh,Total,1.1,8\nso-nganh,Total,1.2,8\n", CRITERIA)
    assert list(assessment.scores["unit"]) == ["Sở A", "Sở B"]
    assert len(left_out(assessment)) == 2
    problems = _problems(project, text + "so-nganh,Total,1.1,4\nso-nganh,Total,1.2,9\n", CRITERIA)
    assert len(problems) == 1 and "row 7, column 'points': 'Total' reads as a total or mean row" in problems[0]


def test_total_rows_at_group_grain_long_and_wide(project):
    long = "tier,unit,group,points\nso-nganh,A,1,5\nso-nganh,A,2,9\nso-nganh,B,1,3\nso-nganh,B,2,7\n"
    assessment = _scored(project, long + "so-nganh,Average,1,4\nso-nganh,Average,2,8\n", GROUPS)
    assert list(assessment.scores["unit"]) == ["A", "B"]
    wide = "tier,unit,1,2\nso-nganh,A,5,9\nso-nganh,B,3,7\nso-nganh,Tổng điểm,8,16\n"
    assessment = _scored(project, wide, GROUPS, name="wide.csv")
    assert list(assessment.scores["unit"]) == ["A", "B"]


def test_a_total_row_in_a_workbook(project):
    book = Workbook()
    sheet = book.active
    sheet.append(["tier", "unit", "max_points", "excluded_points", "achieved_points"])
    for row in (["so-nganh", "Sở A", 100, 0, 90], ["so-nganh", "Sở B", 100, 10, 80],
                [None, "Tổng cộng", 200, 10, 170]):
        sheet.append(row)
    book.save(project.root / "units.xlsx")
    assessment = assess(project.params("units.xlsx"))
    assert list(assessment.scores["unit"]) == ["Sở A", "Sở B"]


def _two_tables(path, second_title=True):
    book = Workbook()
    sheet = book.active
    sheet.title = "Kết quả"
    header = ["STT", "Tên đơn vị", "Điểm tối đa", "Số điểm không đưa vào đánh giá", "Số điểm thực hiện"]
    for row in (["PHỤ LỤC I"], header, [1, "Sở A", 100, 0, 90], [2, "Sở B", 100, 0, 80], [],
                ["PHỤ LỤC II"] if second_title else [], header, [1, "UBND huyện A", 100, 0, 95]):
        sheet.append(row)
    book.save(path)


@pytest.mark.parametrize("second_title", [True, False])
def test_a_second_table_on_the_sheet_is_never_ranked_into_the_first(project, second_title):
    _two_tables(project.root / "two.xlsx", second_title)
    params = project.params("two.xlsx", tier="so-nganh")
    problems = [str(p) for p in validate(params)]
    assert len(problems) == 1
    assert "two.xlsx, sheet 'Kết quả', row 7: another table starts here" in problems[0]
    assert 'give the sheet\'s tables their tiers, top to bottom, in `sheets:` (e.g. {"Kết quả": [so-nganh, huyen]})' \
        in problems[0]


def test_the_tables_of_one_sheet_mapped_to_their_tiers(project):
    _two_tables(project.root / "two.xlsx")
    framework = {"tiers": {"so-nganh": RATE_TIER, "huyen": dict(RATE_TIER, label="UBND cấp huyện")}}
    params = project.params("two.xlsx", framework, sheets={"Kết quả": ["so-nganh", "huyen"]})
    assert validate(params) == []
    scores = assess(params).scores
    assert list(zip(scores["tier"], scores["unit"], scores["rank"])) == [
        ("so-nganh", "Sở A", 1), ("so-nganh", "Sở B", 2), ("huyen", "UBND huyện A", 1)]
    params = project.params("two.xlsx", framework, sheets={"Kết quả": ["so-nganh", "huyen", "huyen"]})
    assert [str(p) for p in validate(params)] == [
        f"{project.root / 'two.xlsx'}, sheet 'Kết quả': the params map 3 tables on this sheet, but it has 2"]


def test_rows_of_a_lower_table_are_named_as_excel_numbers_them(project):
    from openpyxl import load_workbook

    _two_tables(project.root / "two.xlsx")
    book = load_workbook(project.root / "two.xlsx")
    book.active["E8"] = "9x5"
    book.save(project.root / "two.xlsx")
    framework = {"tiers": {"so-nganh": RATE_TIER, "huyen": dict(RATE_TIER, label="UBND cấp huyện")}}
    params = project.params("two.xlsx", framework, sheets={"Kết quả": ["so-nganh", "huyen"]})
    assert [str(p) for p in validate(params)] == [
        f"{project.root / 'two.xlsx'}, sheet 'Kết quả', row 8, column 'Số điểm thực hiện': '9x5' is not a number "
        "(use 85.36 or 85,36)"]


def test_a_repeated_header_with_nothing_under_it_ends_nothing(project):
    book = Workbook()
    sheet = book.active
    header = ["STT", "Tên đơn vị", "Điểm tối đa", "Số điểm không đưa vào đánh giá", "Số điểm thực hiện"]
    for row in (header, [1, "Sở A", 100, 0, 90], header):
        sheet.append(row)
    book.save(project.root / "one.xlsx")
    assert len(assess(project.params("one.xlsx", tier="so-nganh")).scores) == 1


def test_names_that_differ_only_in_letter_case_are_reported(project):
    problems = _problems(project, HEADER + "so-nganh,Sở Y tế,100,0,90\nso-nganh,Sở Y Tế,100,0,80\n")
    assert len(problems) == 1
    assert problems[0].endswith("units.csv, row 3, column 'unit': unit 'Sở Y Tế' differs from 'Sở Y tế' (row 2) "
                                "only in letter case: write one unit's name one way, or tell two units apart")
    # At criterion grain, one unit's rows split over two spellings would make two half-units.
    problems = _problems(project, "tier,unit,criterion,points\nso-nganh,Sở Y tế,1.1,5\nso-nganh,SỞ Y TẾ,1.2,8\n",
                         CRITERIA)
    assert any("row 3, column 'unit': unit 'SỞ Y TẾ' differs from 'Sở Y tế' (row 2) only in letter case" in p
               for p in problems)


def test_the_same_name_in_two_tiers_is_two_units(project):
    framework = {"tiers": {"so-nganh": RATE_TIER, "xa": dict(RATE_TIER, label="Xã")}}
    _scored(project, HEADER + "so-nganh,Văn phòng,100,0,90\nxa,VĂN PHÒNG,100,0,80\n", framework)


def test_fraction_thresholds_in_a_points_tier(project):
    tier = dict(POINTS_TIER, levels=[{"name": "I", "min": 0.9}, {"name": "II", "min": 0.8}])
    problems = _problems(project, HEADER + "xa,Xã A,100,0,50\n", {"tiers": {"xa": tier}})
    assert len(problems) == 1
    assert "column 'tiers.xa.levels': the thresholds (I 0.9, II 0.8) are fractions, but the tier ranks by " \
           "points out of 100: write them in points (e.g. 90), or rank_by: rate" in problems[0]
    # The framework's own maximum (criteria) is used before any data are read.
    framework = dict(CRITERIA, tiers={"so-nganh": dict(tier, levels=[{"name": "I", "min": 0.5}])})
    problems = _problems(project, "tier,unit,criterion,points\nso-nganh,A,1.1,5\n", framework)
    assert len(problems) == 1 and "framework.yaml" in problems[0] and "points out of 15" in problems[0]


def test_small_point_thresholds_of_a_small_tier_are_kept(project):
    tier = dict(POINTS_TIER, levels=[{"name": "I", "min": 0.9}, {"name": "II", "min": 0.5}])
    _scored(project, HEADER + "xa,Xã A,1,0,0.95\n", {"tiers": {"xa": tier}})


def test_points_thresholds_in_a_rate_tier(project):
    tier = dict(RATE_TIER, levels=[{"name": "I", "min": 90}])
    problems = _problems(project, HEADER + TWO, {"tiers": {"so-nganh": tier}})
    assert len(problems) == 1 and "a rate threshold is a fraction from 0 to 1 (write 0.9 for 90%)" in problems[0]


def test_total_rows_with_components(project):
    from .test_check_table_methods import GIA_LAI, SUMMARY

    rows = (SUMMARY + "huyen,A,san-sang,40,0,38\nhuyen,A,ket-qua,80,0,70\nhuyen,B,san-sang,40,0,30\n"
            "huyen,B,ket-qua,80,0,60\n")
    per_component = "huyen,Tổng cộng,san-sang,80,0,68\nhuyen,Tổng cộng,ket-qua,160,0,130\n"
    assessment = _scored(project, rows + per_component, GIA_LAI)
    assert list(assessment.scores["unit"]) == ["A", "B"]
    whole = ",Tổng cộng,,240,0,198\n"  # one row over both components
    assert list(_scored(project, rows + whole, GIA_LAI, name="whole.csv").scores["unit"]) == ["A", "B"]


def test_fraction_thresholds_of_a_component_found_with_the_data(project):
    import copy

    from .test_check_table_methods import GIA_LAI, SUMMARY

    framework = copy.deepcopy(GIA_LAI)
    del framework["tiers"]["huyen"]["components"]["san-sang"]["max_points"]
    framework["tiers"]["huyen"]["components"]["san-sang"]["levels"] = [{"name": "I", "min": 0.95},
                                                                       {"name": "II", "min": 0.85}]
    problems = _problems(project, SUMMARY + "huyen,A,san-sang,40,0,38\nhuyen,A,ket-qua,80,0,70\n", framework)
    assert len(problems) == 1
    assert "column 'tiers.huyen.components.san-sang.levels': the thresholds (I 0.95, II 0.85) are fractions, but " \
           "the tier ranks by points out of 40" in problems[0] and problems[0].endswith("(the data's maximum)")
