"""A workbook's cells as the analyst sees them (issue 17): formulas never computed, error values,
merged ranges, hidden rows and columns, percentages and dates in points columns, and ids Excel made
numbers, in egovnb's plain layout and in a province's delivered layout, at every grain."""

from __future__ import annotations

import datetime

import pytest
from openpyxl import Workbook

from egovnb.core.assessment import assess
from egovnb.insight.validation import validate

PLAIN = ["tier", "unit", "max_points", "excluded_points", "achieved_points", "district"]
FRAMEWORK = {"tiers": {"so-nganh": {"label": "Sở", "rank_by": "rate", "levels": [{"name": "I", "min": 0.9}],
                                    "below": "Chưa đạt"}}}


def criteria(*ids: str) -> dict:
    return {**FRAMEWORK, "criteria": [{"id": cid, "group": "Hạ tầng", "title": f"Tiêu chí {cid}", "max_points": 10,
                                       "tiers": ["so-nganh"]} for cid in ids]}


def save(project, rows: list[list], name: str = "units.xlsx", title: str = "Sheet", edit=None) -> str:
    book = Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    if edit:
        edit(sheet)
    book.save(project.root / name)
    return name


def messages(project, data: str, framework=None, **extra) -> list[str]:
    shown = f"{project.root / data}, sheet "
    return [str(p).removeprefix(shown) for p in validate(project.params(data, framework or FRAMEWORK, **extra))]


def scores(project, data: str, framework=None, **extra) -> dict:
    table = assess(project.params(data, framework or FRAMEWORK, **extra)).scores
    return {row["unit"]: row for row in table.to_dict("records")}


UNITS = [PLAIN, ["so-nganh", "Sở A", 100, 0, 80, "Huế"], ["so-nganh", "Sở B", 100, 0, 95, "Hương Thủy"]]


# --- formulas never computed -----------------------------------------------------------------------------------

def test_a_formula_never_computed_is_reported_not_read_as_empty(project):
    rows = [PLAIN, ["so-nganh", "Sở A", 100, "=C2-C2", "=C2*0.8", "Huế"], ["so-nganh", "Sở B", 100, 0, 95, None]]
    save(project, rows)  # openpyxl writes formulas without computing them
    assert messages(project, "units.xlsx") == [
        "'Sheet', row 2, column 'achieved_points': formula without a computed value (=C2*0.8): open and save the "
        "workbook in Excel or LibreOffice, which compute it",
        "'Sheet', row 2, column 'excluded_points': formula without a computed value (=C2-C2): open and save the "
        "workbook in Excel or LibreOffice, which compute it"]


def test_a_formula_never_computed_at_criterion_grain_is_not_does_not_apply(project):
    rows = [["tier", "unit", "criterion", "points"], ["so-nganh", "Sở A", "1.1", 5],
            ["so-nganh", "Sở A", "1.2", "=2+3"]]
    save(project, rows)
    assert messages(project, "units.xlsx", criteria("1.1", "1.2")) == [
        "'Sheet', row 3, column 'points': formula without a computed value (=2+3): open and save the workbook in "
        "Excel or LibreOffice, which compute it"]


# --- error values ---------------------------------------------------------------------------------------------------

def test_an_error_value_is_an_error_in_any_column(project):
    rows = [PLAIN, ["so-nganh", "#N/A", 100, 0, 80, None], ["so-nganh", "Sở B", 100, 0, "#REF!", None]]
    save(project, rows)  # openpyxl stores "#N/A" and "#REF!" as error cells, as Excel does
    assert messages(project, "units.xlsx") == [
        "'Sheet', row 2, column 'unit': the Excel error value #N/A (a lookup found nothing) is not a value: correct "
        "the formula, or write N/A where this does not apply",
        "'Sheet', row 3, column 'achieved_points': the Excel error value #REF! (a formula points at a deleted cell) "
        "is not a value: correct the formula, or write N/A where this does not apply"]


def test_an_error_value_in_a_group_column_is_an_error(project):
    framework = {**FRAMEWORK, "groups": [{"id": "1", "title": "Hạ tầng", "max_points": 50},
                                         {"id": "2", "title": "Dịch vụ", "max_points": 50}]}
    save(project, [["tier", "unit", "Hạ tầng", "Dịch vụ"], ["so-nganh", "Sở A", 40, "#N/A"]])
    assert messages(project, "units.xlsx", framework) == [
        "'Sheet', row 2, column 'Dịch vụ': the Excel error value #N/A (a lookup found nothing) is not a value: "
        "correct the formula, or write N/A where this does not apply"]


# --- percentages and dates ------------------------------------------------------------------------------------------

def test_a_percentage_or_a_date_in_a_points_column_is_refused(project):
    def formats(sheet):
        sheet["E2"].number_format = "0%"

    rows = [PLAIN, ["so-nganh", "Sở A", 100, 0, 0.85, None], ["so-nganh", "Sở B", 100, 0, datetime.date(2024, 1, 5),
                                                              None]]
    save(project, rows, edit=formats)
    assert messages(project, "units.xlsx") == [
        "'Sheet', row 2, column 'achieved_points': '85%' is a percentage, but this column holds points; write the "
        "points (format the cell as a number, not as a percentage)",
        "'Sheet', row 3, column 'achieved_points': '2024-01-05 00:00:00' looks like a date, not a number"]


# --- merged ranges --------------------------------------------------------------------------------------------------

def test_text_merged_down_belongs_to_every_row(project):
    rows = [["tier", "unit", "criterion", "points"], ["so-nganh", "Sở A", "1.1", 7], [None, None, "1.2", 8],
            ["so-nganh", "Sở B", "1.1", 9], [None, None, "1.2", 10]]

    def merge(sheet):
        for cells in ("A2:A3", "B2:B3", "A4:A5", "B4:B5"):
            sheet.merge_cells(cells)

    save(project, rows, edit=merge)
    got = scores(project, "units.xlsx", criteria("1.1", "1.2"))
    assert {u: got[u]["achieved_points"] for u in got} == {"Sở A": 15, "Sở B": 19}


def test_a_number_merged_down_is_refused(project):
    rows = [PLAIN, ["so-nganh", "Sở A", 100, 0, 80, "Huế"], ["so-nganh", "Sở B", 100, None, 95, "Huế"]]
    save(project, rows, edit=lambda sheet: sheet.merge_cells("D2:D3"))
    assert messages(project, "units.xlsx") == [
        "'Sheet', row 2, column 'excluded_points': a number merged over rows 2–3: it may be the first row's or every "
        "row's; unmerge the cells and write each row's value"]


# --- hidden rows and columns -----------------------------------------------------------------------------------------

def test_a_unit_on_a_hidden_row_and_a_hidden_needed_column_are_reported(project):
    def hide(sheet):
        sheet.row_dimensions[3].hidden = True
        sheet.column_dimensions["D"].hidden = True
        sheet.column_dimensions["F"].hidden = True  # a description: not needed to score

    save(project, UNITS, edit=hide)
    assert messages(project, "units.xlsx") == [
        "'Sheet', row 1, column 'excluded_points': this column is hidden; egovnb reads it: unhide it, or delete it if "
        "it should not count",
        "'Sheet', row 3: unit 'Sở B' is on a hidden row; egovnb scores it: unhide the row, or delete it if the unit "
        "should not be scored"]


# --- a province's own layout ---------------------------------------------------------------------------------------

def delivered(project, edit=None, name: str = "annex.xlsx") -> str:
    rows = [["KẾT QUẢ ĐÁNH GIÁ MỨC ĐỘ CHÍNH QUYỀN ĐIỆN TỬ (minh họa)"], [],
            ["STT", "Tên đơn vị", "Điểm tối đa", "Số điểm không đưa vào đánh giá", "Số điểm thực hiện",
             "Tỷ lệ thực hiện", "Ghi chú"],
            [1, "Sở A", 100, 10, 81, 0.9, "Khối tổng hợp"],
            [2, "Sở B", 100, 0, 72.5, 0.725, None],
            [3, "Sở C", 100, 5, "=90*1", 0.9474, None],
            [None, "Tổng cộng", "=SUM(C4:C6)", "=SUM(D4:D6)", "=SUM(E4:E6)", None, None]]

    def layout(sheet):
        for row in (4, 5, 6):
            sheet[f"F{row}"].number_format = "0.00%"
        sheet.merge_cells("G4:G6")
        if edit:
            edit(sheet)

    return save(project, rows, name=name, title="Sở, ban, ngành", edit=layout)


def test_delivered_layout_reports_what_was_never_computed_but_not_its_total_row(project):
    delivered(project)
    assert messages(project, "annex.xlsx", tier="so-nganh") == [
        "'Sở, ban, ngành', row 6, column 'Số điểm thực hiện': formula without a computed value (=90*1): open and save "
        "the workbook in Excel or LibreOffice, which compute it"]


def test_delivered_layout_merged_note_and_hidden_unit(project):
    def edit(sheet):
        sheet["E6"] = 90
        sheet.row_dimensions[5].hidden = True

    delivered(project, edit)
    assert messages(project, "annex.xlsx", tier="so-nganh") == [
        "'Sở, ban, ngành', row 5: unit 'Sở B' is on a hidden row; egovnb scores it: unhide the row, or delete it if "
        "the unit should not be scored"]
    delivered(project, lambda sheet: sheet.__setitem__("E6", 90), name="shown.xlsx")
    units = assess(project.params("shown.xlsx", FRAMEWORK, tier="so-nganh")).unit_data.units
    assert units["note"].tolist() == ["Khối tổng hợp"] * 3


# --- ids Excel made numbers -------------------------------------------------------------------------------------------

def test_a_criterion_id_made_a_number_is_mapped_only_when_one_id_reads_so(project):
    rows = [["tier", "unit", "criterion", "points"], ["so-nganh", "Sở A", 1.1, 4], ["so-nganh", "Sở A", 2, 6]]
    save(project, rows)
    assert scores(project, "units.xlsx", criteria("1.10", "2"))["Sở A"]["achieved_points"] == 10
    found = messages(project, "units.xlsx", criteria("1.1", "1.10", "2"))
    assert found[0] == ("'Sheet', row 2, column 'criterion': the number 1.1 could be criterion '1.1' or '1.10' (a "
                        "spreadsheet turns 1.10 into the number 1.1): format the column as text and write the ids")


def test_a_csv_id_that_reads_as_another_id_gets_a_hint(project):
    project.write("units.csv", "tier,unit,criterion,points\nso-nganh,Sở A,1.1,4\nso-nganh,Sở A,2,6\n")
    found = [str(p) for p in validate(project.params("units.csv", criteria("1.10", "2")))]
    assert any("unknown criterion '1.1' (the framework has '1.10': did a spreadsheet turn it into a number?" in m
               for m in found), found


@pytest.mark.parametrize("hidden", ["1", "true"])
def test_the_sheet_scan_reads_hidden_rows_as_excel_writes_them(hidden, tmp_path):
    import zipfile

    from egovnb.core.sheet_xml import sheet_marks

    xml = (f'<worksheet><cols><col min="2" max="3" hidden="{hidden}"/></cols><sheetData>'
           f'<row r="1"><c r="A1"><f>1+1</f></c><c r="B1" t="str"><f>""</f><v></v></c></row>'
           f'<row r="2" hidden="{hidden}"><c r="A2"><f>1+1</f><v>2</v></c></row><row r="3" hidden="false"/>'
           '</sheetData><mergeCells><mergeCell ref="A5:B7"/></mergeCells></worksheet>')
    with zipfile.ZipFile(tmp_path / "x.zip", "w") as archive:
        archive.writestr("sheet.xml", xml)
    with zipfile.ZipFile(tmp_path / "x.zip") as archive:
        marks = sheet_marks(archive, "sheet.xml")
    assert marks.uncomputed == ((1, 1, "1+1"),)
    assert marks.hidden_rows == {2} and marks.hidden_columns == {2, 3} and marks.merged == ((5, 1, 7, 2),)


def test_a_hidden_group_column_is_reported(project):
    framework = {**FRAMEWORK, "groups": [{"id": "1", "title": "Hạ tầng", "max_points": 50},
                                         {"id": "2", "title": "Dịch vụ", "max_points": 50}]}
    save(project, [["tier", "unit", "Hạ tầng", "Dịch vụ"], ["so-nganh", "Sở A", 40, 45]],
         edit=lambda sheet: setattr(sheet.column_dimensions["D"], "hidden", True))
    assert messages(project, "units.xlsx", framework) == [
        "'Sheet', row 1, column 'Dịch vụ': this column is hidden; egovnb reads it: unhide it, or delete it if it "
        "should not count"]


def test_the_marks_of_a_sheet_are_found_without_openpyxls_internals(project, monkeypatch):
    """Where openpyxl has no ``_archive`` / ``_worksheet_path`` (egovnb.core.internals), the sheet's
    XML is found from the workbook's own parts: the same cells reported."""
    rows = [PLAIN, ["so-nganh", "Sở A", 100, "=C2-C2", "=C2*0.8", "Huế"], ["so-nganh", "Sở B", 100, 0, 95, None]]
    save(project, rows, title="Sở, ban, ngành")
    with_them = messages(project, "units.xlsx")
    monkeypatch.setenv("EGOVNB_WITHOUT_INTERNALS", "_archive,_worksheet_path")
    assert messages(project, "units.xlsx") == with_them and len(with_them) == 2
