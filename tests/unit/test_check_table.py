"""One test per validation rule: each problem names the file, the spreadsheet row and the column."""

import pandas as pd
import pytest

from egovnb.core.assessment import assess
from egovnb.insight.validation import validate
from egovnb.core.errors import InputError

from ..conftest import POINTS_TIER, RATE_TIER

HEADER = "tier,unit,max_points,excluded_points,achieved_points\n"
CRITERIA_FRAMEWORK = {
    "tiers": {"so-nganh": RATE_TIER},
    "criteria": [
        {"id": "1.1", "group": "Hạ tầng", "title": "Máy tính", "max_points": 5},
        {"id": "1.2", "group": "Hạ tầng", "title": "Mạng", "max_points": 10},
        {"id": "2.1", "group": "Dịch vụ công", "title": "DVC", "max_points": 15},
    ],
}


def problems_of(project, data_text, framework=None, name="units.csv", **extra):
    project.write(name, data_text)
    params = project.params(name, framework, **extra)
    return [str(p) for p in validate(params)], params


def only(problems):
    assert len(problems) == 1, problems
    return problems[0]


def test_valid_summary_file_has_no_problem(project):
    problems, _ = problems_of(project, HEADER + "so-nganh,Sở Y tế,90,0,85\n")
    assert problems == []


def test_missing_column(project):
    problems, _ = problems_of(project, "tier,unit,max_points,achieved_points\nso-nganh,A,90,80\n")
    assert "missing column 'excluded_points'" in only(problems)
    assert "units.csv" in problems[0]


def test_unknown_column(project):
    problems, _ = problems_of(project, "tier,unit,max_points,excluded_points,achieved_points,diem\n"
                                       "so-nganh,A,90,0,80,1\n")
    assert "row 1, column 'diem': unknown column" in only(problems)


def test_non_numeric_points_name_row_and_column(project):
    problems, _ = problems_of(project, HEADER + "so-nganh,A,90,0,80\nso-nganh,B,90,0,tám mươi\n")
    assert "units.csv, row 3, column 'achieved_points': 'tám mươi' is not a number" in only(problems)


def test_negative_points(project):
    problems, _ = problems_of(project, HEADER + "so-nganh,A,90,-1,80\n")
    assert "row 2, column 'excluded_points': points cannot be negative" in only(problems)


def test_achieved_above_applicable(project):
    problems, _ = problems_of(project, HEADER + "so-nganh,A,90,10,85\n")
    assert "row 2, column 'achieved_points': 85 achieved is more than the 80 applicable points" in only(problems)


def test_excluded_above_max(project):
    problems, _ = problems_of(project, HEADER + "so-nganh,A,90,95,0\n")
    assert "row 2, column 'excluded_points': 95 excluded is more than the maximum 90" in only(problems)


def test_zero_applicable_points_is_an_error_not_a_division(project):
    problems, _ = problems_of(project, HEADER + "so-nganh,A,90,90,0\n")
    assert "row 2, column 'excluded_points': every point is excluded" in only(problems)


def test_unknown_tier(project):
    problems, _ = problems_of(project, HEADER + "so_nganh,A,90,0,80\n")
    assert "row 2, column 'tier': unknown tier 'so_nganh'; the framework has: so-nganh" in only(problems)


def test_same_unit_twice_after_nfc_and_whitespace_folding(project):
    decomposed = "So\u031b\u0309 Y te\u0302\u0301"  # "Sở Y tế" typed in decomposed form
    problems, _ = problems_of(project, HEADER + "so-nganh,Sở  Y tế,90,0,80\nso-nganh,%s ,90,0,81\n" % decomposed)
    assert "row 3, column 'unit': unit 'Sở Y tế' of tier 'so-nganh' appears twice (first at row 2)" in only(problems)


def test_every_problem_is_reported_not_just_the_first(project):
    problems, _ = problems_of(project, HEADER + "so-nganh,A,90,0,x\nxa,B,90,0,80\nso-nganh,C,90,-2,80\n")
    assert len(problems) == 3
    assert [p.split(", ")[1] for p in problems] == ["row 2", "row 3", "row 4"]


def test_comment_lines_count_as_spreadsheet_rows(project):
    problems, _ = problems_of(project, "# illustrative\n" + HEADER + "so-nganh,A,90,0,x\n")
    assert "row 3, column 'achieved_points'" in only(problems)


def test_applicable_points_column_is_checked(project):
    problems, _ = problems_of(project, "tier,unit,max_points,excluded_points,applicable_points,achieved_points\n"
                                       "so-nganh,A,90,3,86,80\n")
    assert "column 'applicable_points': 86 is not max_points − excluded_points = 87" in only(problems)


def test_evaluated_flag_values(project):
    problems, _ = problems_of(project, "tier,unit,max_points,excluded_points,achieved_points,evaluated\n"
                                       "so-nganh,A,90,0,80,có\nso-nganh,B,90,,,không\nso-nganh,C,90,0,80,maybe\n")
    assert "row 4, column 'evaluated'" in only(problems)


def test_evaluated_unit_needs_achieved_points(project):
    problems, _ = problems_of(project, HEADER + "so-nganh,A,90,0,\n")
    assert "row 2, column 'achieved_points': empty" in only(problems)


# --- criterion grain -------------------------------------------------------------------------------

CRITERION_HEADER = "tier,unit,criterion,points\n"


def test_criterion_points_above_its_max(project):
    problems, _ = problems_of(project, CRITERION_HEADER + "so-nganh,A,1.1,6\nso-nganh,A,1.2,10\nso-nganh,A,2.1,15\n",
                              CRITERIA_FRAMEWORK)
    assert "row 2, column 'points': 6 points is more than the 5 maximum of criterion '1.1'" in only(problems)


def test_unknown_criterion(project):
    problems, _ = problems_of(project, CRITERION_HEADER + "so-nganh,A,1.1,5\nso-nganh,A,1.2,10\n"
                                                         "so-nganh,A,2.1,15\nso-nganh,A,9.9,1\n", CRITERIA_FRAMEWORK)
    assert "row 5, column 'criterion': unknown criterion '9.9'" in only(problems)


def test_criterion_of_another_tier(project):
    framework = {"tiers": {"so-nganh": RATE_TIER, "xa": POINTS_TIER},
                 "criteria": [{"id": "1.1", "group": "G", "title": "T", "max_points": 5, "tiers": ["so-nganh"]},
                              {"id": "1.2", "group": "G", "title": "T", "max_points": 95, "tiers": ["xa"]}]}
    problems, _ = problems_of(project, CRITERION_HEADER + "xa,B,1.2,80\nxa,B,1.1,5\n", framework)
    assert "row 3, column 'criterion': criterion '1.1' does not apply to tier 'xa'" in only(problems)


def test_unit_missing_criteria(project):
    problems, _ = problems_of(project, CRITERION_HEADER + "so-nganh,A,1.1,5\nso-nganh,A,2.1,15\n", CRITERIA_FRAMEWORK)
    assert "row 2, column 'criterion': unit 'A' has no row for criteria 1.2" in only(problems)


def test_unit_missing_criteria_is_told_how_to_mend_it(project):
    problems, _ = problems_of(project, CRITERION_HEADER + "so-nganh,A,1.1,5\nso-nganh,A,2.1,15\n", CRITERIA_FRAMEWORK)
    assert only(problems).endswith("add them (empty or N/A where a criterion does not apply)")


def test_same_criterion_twice(project):
    problems, _ = problems_of(project, CRITERION_HEADER + "so-nganh,A,1.1,5\nso-nganh,A,1.1,4\n"
                                                         "so-nganh,A,1.2,10\nso-nganh,A,2.1,15\n", CRITERIA_FRAMEWORK)
    assert "row 3, column 'unit': criterion '1.1' of unit 'A' appears twice (first at row 2)" in only(problems)


def test_all_criteria_not_applicable(project):
    problems, _ = problems_of(project, CRITERION_HEADER + "so-nganh,A,1.1,N/A\nso-nganh,A,1.2,\nso-nganh,A,2.1,n/a\n",
                              CRITERIA_FRAMEWORK)
    assert "every criterion of unit 'A' is N/A" in only(problems)


def test_criterion_data_needs_criteria_in_framework(project):
    problems, _ = problems_of(project, CRITERION_HEADER + "so-nganh,A,1.1,5\n")
    assert "the framework lists no criteria" in only(problems)


# --- files -----------------------------------------------------------------------------------------

def test_data_file_missing(project):
    params = project.params("nowhere.csv")
    assert "column 'data': data file not found" in only([str(p) for p in validate(params)])


def test_data_file_empty(project):
    problems, _ = problems_of(project, "")
    assert "units.csv: the file is empty" in only(problems)


def test_data_file_not_utf8(project):
    path = project.root / "units.csv"
    path.write_bytes(HEADER.encode() + "so-nganh,Sở Y tế,90,0,80\n".encode("utf-16-le"))
    problems = [str(p) for p in validate(project.params("units.csv"))]
    assert "units.csv, row 2: not UTF-8 text" in only(problems)


def test_header_only(project):
    problems, _ = problems_of(project, HEADER)
    assert "no data rows" in only(problems)


# --- params and framework --------------------------------------------------------------------------

def test_params_key_typo(project):
    project.write("units.csv", HEADER + "so-nganh,A,90,0,80\n")
    params = project.params("units.csv", languge="vi")
    problem = only([str(p) for p in validate(params)])
    assert "p.yaml, line 5, column 'languge': unknown key; did you mean 'language'?" in problem


def test_thresholds_must_strictly_decrease(project):
    tier = dict(RATE_TIER, levels=[{"name": "I", "min": 0.9}, {"name": "II", "min": 0.9}])
    problems, _ = problems_of(project, HEADER + "so-nganh,A,90,0,80\n", {"tiers": {"so-nganh": tier}})
    assert "column 'tiers.so-nganh.levels[2].min': thresholds must be strictly decreasing" in only(problems)
    # The level out of order is named, and the one above it only as the reference.
    assert "level II (0.9) is out of order, not below level I (0.9) above it" in only(problems)
    assert "framework.yaml, line" in problems[0]


def test_rate_threshold_written_as_percent(project):
    tier = dict(RATE_TIER, levels=[{"name": "I", "min": 90}])
    problems, _ = problems_of(project, HEADER + "so-nganh,A,90,0,80\n", {"tiers": {"so-nganh": tier}})
    assert "write 0.9 for 90%" in only(problems)


def test_unknown_rank_by(project):
    tier = dict(RATE_TIER, rank_by="score")
    problems, _ = problems_of(project, HEADER + "so-nganh,A,90,0,80\n", {"tiers": {"so-nganh": tier}})
    assert "'score' is not one of: rate, points" in only(problems)


def test_assess_raises_input_error_with_all_problems(project):
    project.write("units.csv", HEADER + "so-nganh,A,90,0,x\nso-nganh,B,90,0,y\n")
    with pytest.raises(InputError) as error:
        assess(project.params("units.csv"))
    assert len(error.value.problems) == 2


def test_params_typo_and_data_problems_are_reported_together(project):
    project.write("units.csv", HEADER + "so-nganh,A,90,0,x\n")
    params = project.params("units.csv", titel="Báo cáo")
    problems = [str(p) for p in validate(params)]
    assert len(problems) == 2
    assert any("'titel': unknown key; did you mean 'title'?" in p for p in problems)
    assert any("units.csv, row 2, column 'achieved_points'" in p for p in problems)
    with pytest.raises(InputError):
        assess(params)  # scoring refuses params with a problem


def test_row_with_too_many_cells(project):
    problems, _ = problems_of(project, "# note\n" + HEADER + "so-nganh,A,90,0,80\nso-nganh,B,90,0,80,5\n")
    assert "units.csv, row 4: 6 cells, but the header has 5 columns" in only(problems)


def test_unclosed_quote(project):
    problems, _ = problems_of(project, HEADER + 'so-nganh,"A,90,0,80\n')
    assert "a quoted cell is never closed" in only(problems)


def test_not_a_workbook(project):
    (project.root / "units.xlsx").write_bytes(b"not a zip")
    problems = [str(p) for p in validate(project.params("units.xlsx"))]
    assert "units.xlsx: not a readable .xlsx workbook" in only(problems)


def test_not_evaluated_unit_keeps_its_blanks(project):
    project.write("units.csv", "tier,unit,max_points,excluded_points,achieved_points,evaluated\n"
                               "so-nganh,A,90,,80,\nso-nganh,B,90,,,không\n")
    scores = assess(project.params("units.csv")).scores.set_index("unit")
    assert scores.loc["A", "excluded_points"] == 0 and scores.loc["A", "applicable_points"] == 90
    b = scores.loc["B"]
    assert b.max_points == 90 and b.level == "Không đánh giá"
    assert all(pd.isna(b[c]) for c in ("excluded_points", "applicable_points", "achieved_points", "rate",
                                       "converted_points", "rank"))
