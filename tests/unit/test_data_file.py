"""Reading a province's own table as delivered: headers, title rows, rows that are not units,
sheets and tiers, and what goes wrong (every problem names file, sheet, row and column).

The small tables here are made up for each test; tests/unit/test_workbook_fixtures.py reads
the province-like fixtures and the Thừa Thiên Huế sample."""

from __future__ import annotations

from decimal import Decimal

import pytest
from openpyxl import Workbook

from egovnb.core.assessment import assess
from egovnb.core.cells import Printed, as_percent, read_printed, shown
from egovnb.core.read_table import read_table
from egovnb.core.errors import InputError
from egovnb.core.headers import field_of
from egovnb.insight.validation import validate

from ..conftest import RATE_TIER

TWO_TIERS = {"tiers": {"so-nganh": RATE_TIER, "huyen": {**RATE_TIER, "label": "UBND cấp huyện"}}}
HEADER = ["STT", "Tên đơn vị", "Điểm tối đa", "Số điểm không đưa vào đánh giá", "Số điểm thực hiện",
          "Tỷ lệ thực hiện", "Xếp hạng", "Mức độ"]


def workbook(path, sheets: dict[str, list[list]], hidden: tuple[str, ...] = ()):
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
        if name in hidden:
            sheet.sheet_state = "hidden"
    book.save(path)
    return path


def units(assessment) -> list[tuple]:
    table = assessment.unit_data.units
    return list(zip(table["tier"], table["unit"], table["_row"]))


# -- cells as the analyst sees them ------------------------------------------------------------

@pytest.mark.parametrize("value, number_format, expected", [
    (0.824, "0.00%", "82,40%"), (1, "0%", "100%"), (0.9933333333333333, "0%", "99%"), (85.36, "0.00", "85,36"),
    (1234.5, "#,##0.00", "1.234,50"), (89.4, "General", "89,4"), (7, "0", "7"), ("85,36%", "General", "85,36%"),
    (0.8012499999999999, "0.00%", "80,13%"),  # 64,1 / 80 in floating point: Excel shows 80,13 %
    (None, "0.00", ""), (0.85358695652173913, "General", "0,853586957"),
])
def test_a_number_is_shown_through_its_format(value, number_format, expected):
    assert shown(value, number_format) == expected


def test_a_printed_number_keeps_its_precision():
    assert read_printed("81,96 %") == Printed(read_printed("81.96").value, 2, True)
    assert read_printed("1.234,5").value == read_printed("1234.5").value and read_printed("1.234,5").decimals == 1
    assert read_printed("  ") is None
    with pytest.raises(ValueError):
        read_printed("tám mươi")
    # A rate printed as a fraction is compared in percent, never coarser than whole percent.
    assert (as_percent(read_printed("0,8536")).value, as_percent(read_printed("0,8536")).decimals) == (
        Decimal("85.36"), 2)
    assert as_percent(read_printed("1")).value == 100 and as_percent(read_printed("1")).decimals == 0
    assert as_percent(read_printed("85,36")).decimals == 2  # a number over 1 is a percent already


@pytest.mark.parametrize("header, field", [
    ("Tên cơ quan, đơn vị", "unit"), ("ĐƠN VỊ", "unit"), ("Tỷ lệ\nthực hiện (%)", "published_rate"),
    ("Tỉ lệ thực hiện", "published_rate"), ("  Số điểm tối đa   cần thực hiện ", "applicable_points"),
    ("Số điểm tối đa cần thực hiện (3)=(1)-(2)", "applicable_points"), ("Tổng điểm", "achieved_points"),
    ("Điểm đạt được", "achieved_points"), ("Xếp loại", "published_level"), ("Số điểm quy đổi", "published_converted_points"),
    ("Số điểm thực hiện được quy đổi", "published_converted_points"), ("Xếp hạng", "published_rank"),
    ("STT", "_ignored"), ("Mức độ kế tiếp", "_ignored"), ("Mức độ Kết quả", None), ("Điểm thưởng", None),
])
def test_headers_as_provinces_write_them(header, field):
    assert field_of(header) == field
    assert field_of(__import__("unicodedata").normalize("NFD", header)) == field


# -- CSV as delivered --------------------------------------------------------------------------

def test_a_csv_with_a_title_a_two_row_header_column_numbers_a_total_and_notes(project):
    project.write("units.csv", "\n".join([
        '"KẾT QUẢ ĐÁNH GIÁ NĂM 2024\nCÁC SỞ, BAN, NGÀNH",,,,,,,',          # a title over two lines
        "STT,Tên đơn vị,Kết quả,,,Xếp hạng,Mức độ",
        ",,Điểm tối đa,Số điểm không đưa vào đánh giá,Số điểm thực hiện,,",
        "(1),(2),(3),(4),(5),(6),(7)",
        '1,Sở A,90,0,"85,5",1,II',
        ",,,,,,",
        '2,Sở B,90,10,"60",2,Chưa đạt',
        'Tổng cộng,,180,10,"145,5",,',
        "Ghi chú: số liệu minh họa.,,,,,,",
    ]) + "\n")
    table = read_table(project.root / "units.csv", tier="so-nganh")
    assert table.header_rows == (2, 3)
    assert table.frame["unit"].tolist() == ["Sở A", "Sở B"] and table.frame["_row"].tolist() == [5, 7]
    assert [(s.row, s.kind) for s in table.skipped] == [(4, "header"), (6, "blank"), (8, "total"), (9, "note")]
    assert table.headers["excluded_points"] == "Số điểm không đưa vào đánh giá"


def test_a_machine_file_keeps_its_strict_checks(project):
    """egovnb's own layout (tier, unit, … on the first line) is not filtered: a row without a
    name is still reported."""
    project.write("units.csv", "tier,unit,max_points,excluded_points,achieved_points\nso-nganh,,90,0,80\n")
    problems = [str(p) for p in validate(project.params("units.csv"))]
    assert any("row 2, column 'unit': empty unit name" in p for p in problems)


def test_a_table_without_tier_asks_for_tier_in_the_params(project):
    project.write("units.csv", "STT,Tên đơn vị,Điểm tối đa,Số điểm không đưa vào đánh giá,Số điểm thực hiện\n"
                               "1,Sở A,90,0,80\n")
    problems = [str(p) for p in validate(project.params("units.csv"))]
    assert len(problems) == 1 and "units.csv, row 1: no 'tier' column: say which tier" in problems[0]
    assert validate(project.params("units.csv", tier="so-nganh")) == []


def test_tier_in_the_params_and_a_tier_column_conflict(project):
    project.write("units.csv", "tier,unit,max_points,excluded_points,achieved_points\nso-nganh,Sở A,90,0,80\n")
    problems = [str(p) for p in validate(project.params("units.csv", tier="so-nganh"))]
    assert "column 'tier': the table has its own tier column; leave `tier: so-nganh` out" in problems[0]


def test_a_unit_printed_not_evaluated_is_not_evaluated(project):
    project.write("units.csv", "STT,Tên đơn vị,Điểm tối đa,Số điểm không đưa vào đánh giá,Số điểm thực hiện,"
                               "Xếp hạng,Mức độ\n1,Sở A,90,0,80,1,II\n2,Sở B,90,,,,Không đánh giá\n")
    assessment = assess(project.params("units.csv", tier="so-nganh"))
    scores = assessment.scores.set_index("unit")
    assert scores.loc["Sở B", "level"] == "Không đánh giá" and scores.loc["Sở A", "level"] == "II"


# -- workbooks: sheets and tiers ---------------------------------------------------------------

def test_sheets_map_to_tiers_and_a_hidden_sheet_is_never_read_unless_named(project):
    scratch = [HEADER, [1, "Nháp X", 90, 0, 10, "11%", 1, "Chưa đạt"]]
    workbook(project.root / "kq.xlsx", {
        "Nháp": scratch,
        "Sở, ban, ngành": [["PHỤ LỤC I"], [], HEADER, [1, "Sở A", 90, 0, 85, "94%", 1, "I"]],
        "Huyện": [["PHỤ LỤC II"], HEADER, [1, "Huyện B", 90, 0, 81, "90%", 1, "I"], ["", "Bình quân", 90, 0, 81]],
    }, hidden=("Nháp",))
    first_visible = assess(project.params("kq.xlsx", TWO_TIERS, tier="so-nganh"))
    assert units(first_visible) == [("so-nganh", "Sở A", 4)]
    both = assess(project.params("kq.xlsx", TWO_TIERS, sheets={"Sở, ban, ngành": "so-nganh", "Huyện": "huyen"}))
    assert units(both) == [("so-nganh", "Sở A", 4), ("huyen", "Huyện B", 3)]
    named = assess(project.params("kq.xlsx", TWO_TIERS, sheet="Nháp", tier="huyen"))
    assert units(named) == [("huyen", "Nháp X", 2)]


def test_a_problem_names_file_sheet_row_and_column_as_written(project):
    workbook(project.root / "kq.xlsx", {"Huyện": [["PHỤ LỤC"], HEADER, [1, "Huyện B", 90, 0, "tám mươi", "", 1, "I"]]})
    problems = [str(p) for p in validate(project.params("kq.xlsx", TWO_TIERS, sheets={"Huyện": "huyen"}))]
    assert len(problems) == 1 and problems[0].endswith(
        "kq.xlsx, sheet 'Huyện', row 3, column 'Số điểm thực hiện': 'tám mươi' is not a number (use 85.36 or 85,36)")


def test_a_missing_sheet_lists_the_sheets(project):
    workbook(project.root / "kq.xlsx", {"Nháp": [HEADER], "Sở": [HEADER, [1, "Sở A", 90, 0, 85]]}, hidden=("Nháp",))
    with pytest.raises(InputError) as error:
        assess(project.params("kq.xlsx", TWO_TIERS, sheets={"Huyện": "huyen"}))
    assert "no sheet named 'Huyện'; the sheets are: 'Nháp' (hidden), 'Sở'" in str(error.value)


def test_the_same_unit_twice_in_a_tier_across_sheets(project):
    rows = [HEADER, [1, "Sở A", 90, 0, 85]]
    workbook(project.root / "kq.xlsx", {"Một": rows, "Hai": rows})
    problems = [str(p) for p in validate(project.params("kq.xlsx", TWO_TIERS,
                                                        sheets={"Một": "so-nganh", "Hai": "so-nganh"}))]
    assert len(problems) == 1 and problems[0].endswith(
        "kq.xlsx, sheet 'Hai', row 2, column 'Tên đơn vị': unit 'Sở A' of tier 'so-nganh' is also in sheet 'Một', row 2")


@pytest.mark.parametrize("extra, message", [
    ({"sheets": {"Sở": "xa"}}, "sheet 'Sở': unknown tier 'xa'; the framework has: so-nganh, huyen"),
    ({"sheets": {"Sở": "so-nganh"}, "tier": "so-nganh"}, "give either `sheets:` or `tier:`, not both"),
    ({"tier": "xa"}, "unknown tier 'xa'; the framework has: so-nganh, huyen"),
])
def test_sheets_and_tier_in_the_params_are_checked(project, extra, message):
    workbook(project.root / "kq.xlsx", {"Sở": [HEADER, [1, "Sở A", 90, 0, 85]]})
    problems = [str(p) for p in validate(project.params("kq.xlsx", TWO_TIERS, **extra))]
    assert any(message in p for p in problems), problems


def test_sheets_need_a_workbook(project):
    project.write("units.csv", "STT,Tên đơn vị,Điểm tối đa,Số điểm không đưa vào đánh giá,Số điểm thực hiện\n"
                               "1,Sở A,90,0,80\n")
    problems = [str(p) for p in validate(project.params("units.csv", TWO_TIERS, sheets={"Sở": "so-nganh"}))]
    assert any("only an .xlsx data file has sheets; for a CSV say `tier: KEY`" in p for p in problems)


def test_a_table_that_prints_only_applicable_points(project):
    """No 'Điểm tối đa' (the framework's maximum) and no excluded points: excluded = maximum −
    applicable. A heading row between groups of units ("I. KHỐI …") is not a unit."""
    framework = {"tiers": {"so-nganh": {**RATE_TIER, "max_points": 90}}}
    project.write("units.csv", "TT,Tên cơ quan/đơn vị,Số điểm tối đa cần thực hiện,Tổng số điểm đạt được,Xếp hạng\n"
                               "I,KHỐI SỞ,,,\n"
                               '1,Sở A,"86,5","84,5",1\n'
                               "2,Sở B,90,81,2\n")
    assessment = assess(project.params("units.csv", framework, tier="so-nganh"))
    scores = assessment.scores.set_index("unit")
    assert scores.loc["Sở A", "excluded_points"] == 3.5 and scores.loc["Sở A", "max_points"] == 90
    assert scores.loc["Sở A", "rate"] == pytest.approx(84.5 / 86.5)
    assert [(s.row, s.kind) for s in assessment.tables[0].skipped] == [(2, "section")]


def test_blank_lines_of_a_csv_are_left_out_and_the_rows_keep_their_numbers(project):
    project.write("units.csv", "tier,unit,criterion,points\nxa,Xã A,C1,1\n\n , ,,\nxa,Xã B,C1,2\n,,,3\n")
    table = read_table(project.root / "units.csv")
    assert table.frame["unit"].tolist() == ["Xã A", "Xã B", ""]
    assert table.frame["_row"].tolist() == [2, 5, 6]


def test_identifiers_that_look_like_numbers_stay_text(project):
    # Criterion ids and unit names are made categories by the CSV parser, which would read
    # "1.10" and "1.1" as one number: such a column is read again as text.
    project.write("units.csv", "tier,unit,criterion,points\nxa,01,1.10,1\nxa,1,1.1,2\nxa,1.0,1.10,3\n")
    table = read_table(project.root / "units.csv")
    assert table.frame["criterion"].tolist() == ["1.10", "1.1", "1.10"]
    assert table.frame["unit"].tolist() == ["01", "1", "1.0"]
    assert table.frame["points"].tolist() == ["1", "2", "3"]
    assert all(isinstance(c, str) for column in ("tier", "unit", "criterion")
               for c in table.frame[column].cat.categories)
