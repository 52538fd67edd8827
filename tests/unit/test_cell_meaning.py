"""Every cell means what the analyst sees (issue 17): a cell that looks empty or "not applicable" is
given no other meaning, numbers are read as the sheet shows them or refused when they could mean
two things, text in a legacy Vietnamese encoding is named, and files are named for what they are.
Each rule at every grain (summary, group long and wide, criterion), in CSV and in workbooks."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from egovnb.core import safety
from egovnb.core.assessment import assess
from egovnb.insight.validation import validate

SUMMARY = "tier,unit,max_points,excluded_points,achieved_points\n"
CRITERIA = {
    "tiers": {"so-nganh": {"label": "Sở", "rank_by": "rate", "levels": [{"name": "I", "min": 0.9}],
                           "below": "Chưa đạt"}},
    "criteria": [{"id": "1.1", "group": "Hạ tầng", "title": "Máy tính", "max_points": 2, "tiers": ["so-nganh"]},
                 {"id": "1.2", "group": "Hạ tầng", "title": "Mạng", "max_points": 8, "tiers": ["so-nganh"]},
                 {"id": "2.1", "group": "Dịch vụ công", "title": "DVC", "max_points": 1500, "tiers": ["so-nganh"]}],
}
GROUPS = {
    "tiers": CRITERIA["tiers"],
    "groups": [{"id": "1", "title": "Hạ tầng", "max_points": 2}, {"id": "2", "title": "Dịch vụ công",
                                                                   "max_points": 1500}],
}


def messages(project, data: str, framework=None, **extra) -> list[str]:
    """Each problem without the data file's name in front (``row 3, column 'points': …``)."""
    shown = str(project.root / data)
    return [str(p).removeprefix(shown).removeprefix(", ").removeprefix(": ")
            for p in validate(project.params(data, framework, **extra))]


def only(found: list[str]) -> str:
    assert len(found) == 1, found
    return found[0]


def scores(project, data: str, framework=None, **extra) -> dict:
    table = assess(project.params(data, framework, **extra)).scores
    return {row["unit"]: row for row in table.to_dict("records")}


def criterion_csv(project, cells: dict[str, str], name: str = "units.csv") -> str:
    rows = "".join(f"so-nganh,Sở A,{cid},{value}\n" for cid, value in cells.items())
    project.write(name, "tier,unit,criterion,points\n" + rows)
    return name


# --- "does not apply", errors, dashes --------------------------------------------------------------------------

@pytest.mark.parametrize("cell", ["", "N/A", "n/a", "NA", "không áp dụng", "KAD"])
def test_the_listed_spellings_mean_does_not_apply(project, cell):
    criterion_csv(project, {"1.1": "2", "1.2": cell, "2.1": "1000"})
    got = scores(project, "units.csv", CRITERIA)["Sở A"]
    assert got["excluded_points"] == 8 and got["achieved_points"] == 1002


@pytest.mark.parametrize("cell", ["#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!",
                                  "#CALC!", "#GETTING_DATA", "Err:502"])
def test_an_excel_error_is_an_error_at_criterion_grain(project, cell):
    criterion_csv(project, {"1.1": "2", "1.2": cell, "2.1": "1000"})
    found = only(messages(project, "units.csv", CRITERIA))
    assert found.startswith(f"row 3, column 'points': the Excel error value {cell}")
    assert "is not a value: correct the formula, or write N/A where this does not apply" in found


def test_an_excel_error_is_an_error_at_group_and_summary_grain(project):
    project.write("long.csv", "tier,unit,group,points\nso-nganh,Sở A,1,#N/A\nso-nganh,Sở A,2,1000\n")
    assert only(messages(project, "long.csv", GROUPS)) == (
        "row 2, column 'points': the Excel error value #N/A (a lookup found nothing) is not a value: correct the "
        "formula, or write N/A where this does not apply")
    project.write("wide.csv", "tier,unit,Hạ tầng,Dịch vụ công\nso-nganh,Sở A,2,#REF!\n")
    assert only(messages(project, "wide.csv", GROUPS)).startswith(
        "row 2, column 'Dịch vụ công': the Excel error value #REF! (a formula points at a deleted cell)")
    project.write("summary.csv", SUMMARY + "so-nganh,Sở A,100,#DIV/0!,80\n")
    assert only(messages(project, "summary.csv")).startswith(
        "row 2, column 'excluded_points': the Excel error value #DIV/0! (a division by zero)")


@pytest.mark.parametrize("cell", ["-", " -   ", "–"])
def test_a_lone_dash_is_refused_where_it_could_be_zero_or_not_applicable(project, cell):
    criterion_csv(project, {"1.1": "2", "1.2": f'"{cell}"', "2.1": "1000"})
    assert only(messages(project, "units.csv", CRITERIA)) == (
        "row 3, column 'points': a lone dash is a zero in Excel's accounting format but may also mean 'does not "
        "apply'; write 0, or N/A where this does not apply")


def test_a_dash_among_excluded_points_is_zero_either_way(project):
    project.write("units.csv", SUMMARY + 'so-nganh,Sở A,100," -   ",80\n')
    got = scores(project, "units.csv")["Sở A"]
    assert got["excluded_points"] == 0 and got["rate"] == pytest.approx(0.8)


# --- 1.000 and 1,000 -----------------------------------------------------------------------------------------

def test_a_thousands_reading_above_the_maximum_is_impossible(project):
    criterion_csv(project, {"1.1": "1.000", "1.2": "8", "2.1": "1000"})  # criterion 1.1 has 2 points at most
    assert scores(project, "units.csv", CRITERIA)["Sở A"]["achieved_points"] == 1009
    project.write("summary.csv", SUMMARY + "so-nganh,Sở A,100,0,\"12,500\"\n")
    assert scores(project, "summary.csv")["Sở A"]["achieved_points"] == 12.5


def test_the_column_decides_the_separator(project):
    criterion_csv(project, {"1.1": '"1,5"', "1.2": '"7,25"', "2.1": "1.200"})  # decimal commas: 1.200 is 1200
    assert scores(project, "units.csv", CRITERIA)["Sở A"]["achieved_points"] == pytest.approx(1208.75)
    criterion_csv(project, {"1.1": "1.5", "1.2": "7.25", "2.1": '"1,200"'})  # decimal points: 1,200 is 1200
    assert scores(project, "units.csv", CRITERIA)["Sở A"]["achieved_points"] == pytest.approx(1208.75)


def test_an_undecided_separator_is_refused_naming_both_readings(project):
    criterion_csv(project, {"1.1": "2", "1.2": "8", "2.1": "1.200"})  # 1.2 and 1200 both fit 1500 points
    assert only(messages(project, "units.csv", CRITERIA)) == (
        "row 4, column 'points': '1.200' could be 1.2 (decimal separator) or 1200 (thousands separator), and no "
        "other cell of the column shows which; write it without the separator or with more decimals (1.2 or 1200)")
    project.write("wide.csv", "tier,unit,Hạ tầng,Dịch vụ công\nso-nganh,Sở A,2,\"1,200\"\n")
    assert "'1,200' could be 1.2 (decimal separator) or 1200" in only(messages(project, "wide.csv", GROUPS))
    project.write("summary.csv", SUMMARY + "so-nganh,Sở A,1.000,0,80\n")  # no maximum in the framework
    assert "'1.000' could be 1 (decimal separator) or 1000" in only(messages(project, "summary.csv"))


def test_a_true_number_in_a_workbook_is_never_ambiguous(project):
    book = Workbook()
    book.active.append(["tier", "unit", "criterion", "points"])
    for cid, points in (("1.1", 1.0), ("1.2", 8), ("2.1", 1000)):
        book.active.append(["so-nganh", "Sở A", cid, points])
    book.save(project.root / "units.xlsx")
    assert scores(project, "units.xlsx", CRITERIA)["Sở A"]["achieved_points"] == 1009


# --- percentages, dates, invisible characters, full-width digits -------------------------------------------------

def test_a_percentage_in_a_points_column_is_refused(project):
    project.write("units.csv", SUMMARY + "so-nganh,Sở A,100,0,85%\n")
    assert only(messages(project, "units.csv")) == (
        "row 2, column 'achieved_points': '85%' is a percentage, but this column holds points; write the points "
        "(format the cell as a number, not as a percentage)")


def test_unicode_spaces_invisible_characters_and_full_width_digits_are_read(project):
    project.write("units.csv", SUMMARY + "so-nganh,Sở A,1\u00a0000,0,8\u200b5\nso-nganh,Sở B,１００,\u20070,８５，５\n"
                  "so-nganh,Sở C,100\u202f,0,\u200b\u200b60\n")
    framework = {"tiers": {"so-nganh": {**CRITERIA["tiers"]["so-nganh"]}}}
    got = scores(project, "units.csv", framework)
    assert [got[u]["achieved_points"] for u in ("Sở A", "Sở B", "Sở C")] == [85, 85.5, 60]
    assert got["Sở A"]["max_points"] == 1000


def test_a_cell_that_is_not_a_number_shows_its_invisible_characters(project):
    project.write("units.csv", SUMMARY + "so-nganh,Sở A,100,0,8\u200b5x\n")
    assert only(messages(project, "units.csv")) == (
        "row 2, column 'achieved_points': '8\\u200b5x' is not a number (use 85.36 or 85,36)")


# --- CSV rows that do not fit the header ------------------------------------------------------------------------

@pytest.mark.parametrize("body, rows", [
    ("so-nganh,Sở A,100,0,78,5\nso-nganh,Sở B,100,0,80\n", [2]),       # the first row (pandas: an index)
    ("so-nganh,Sở A,100,0,80\nso-nganh,Sở B,100,0,78,5\n", [3]),       # a later row
    ("so-nganh,Sở A,100,0,78,5\nso-nganh,Sở B,100,0,80,5\n", [2, 3]),  # every row (pandas: shifted columns)
])
def test_a_row_with_more_cells_than_the_header_is_refused(project, body, rows):
    project.write("units.csv", SUMMARY + body)
    assert messages(project, "units.csv") == [
        f"row {row}: 6 cells, but the header has 5 columns (a stray separator, or a decimal comma in a number that "
        "is not quoted: write 78.5 or \"78,5\")" for row in rows]


def test_a_number_split_into_the_note_is_reported(project):
    project.write("units.csv", SUMMARY.strip() + ",note\nso-nganh,Sở A,100,0,78,5\nso-nganh,Sở B,100,0,80,đủ hồ sơ\n")
    assert only(messages(project, "units.csv")) == (
        "row 2, column 'note': '5' right after the points in 'achieved_points' looks like the decimals of a number "
        "split by an unquoted decimal comma ('78,5'): quote it (\"78,5\") or write 78.5")
    project.write("district.csv", "tier,unit,criterion,points,district\nso-nganh,Sở A,1.1,1,5\n"
                  "so-nganh,Sở A,1.2,8,\nso-nganh,Sở A,2.1,1000,\n" + "".join(
                      f"so-nganh,Sở B,{cid},1,Huế\n" for cid in ("1.1", "1.2", "2.1")))
    assert only(messages(project, "district.csv", CRITERIA)).startswith(
        "row 2, column 'district': '5' right after the points in 'points' looks like the decimals")


# --- bounded reading -------------------------------------------------------------------------------------------

def test_a_csv_line_of_megabytes_is_refused_before_parsing(project):
    path = project.root / "units.csv"
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(SUMMARY + "so-nganh,Sở A,100,0,80\n" * 50_000)
        handle.write("so-nganh,\"" + "x" * (3 * 2**20) + "\",100,0,80\n")
    found = only(messages(project, "units.csv"))
    assert found.startswith("row ") and "a line longer than 1 MiB" in found
    assert int(found.split()[1].rstrip(":")) > 50_000


def test_a_csv_over_the_size_limit_is_refused(project, monkeypatch):
    monkeypatch.setattr(safety, "MAX_CSV_BYTES", 10)
    project.write("units.csv", SUMMARY + "so-nganh,Sở A,100,0,80\n")
    assert "egovnb reads CSV files of up to" in only(messages(project, "units.csv"))


# --- legacy encodings --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name, encoding", [("Së Tµi chÝnh", "TCVN3 (ABC) text"), ("Sôû Taøi chính", "VNI text"),
                                            ("Sá»Ÿ TÃ i chÃ­nh", "UTF-8 read as Windows-1252")])
def test_unit_names_in_a_legacy_encoding_are_named(project, name, encoding):
    project.write("units.csv", SUMMARY + f"so-nganh,{name},100,0,80\nso-nganh,Sở Y tế,100,0,90\n")
    found = only(messages(project, "units.csv"))
    assert found.startswith(f"row 2, column 'unit': '{name}' looks like {encoding}")


def test_headers_params_and_frameworks_in_a_legacy_encoding_are_named(project):
    project.write("units.csv", "tier,unit,max_points,excluded_points,achieved_points,Tæng ®iÓm\n"
                  "so-nganh,Sở A,100,0,80,x\n")
    assert "column 'Tæng ®iÓm': header 'Tæng ®iÓm' looks like TCVN3 (ABC) text" in only(
        messages(project, "units.csv"))
    project.write("units.csv", SUMMARY + "so-nganh,Sở A,100,0,80\n")
    tier = {**CRITERIA["tiers"]["so-nganh"], "label": "Së, ban, ngµnh"}
    found = messages(project, "units.csv", {"tiers": {"so-nganh": tier}}, province="Thõa Thiªn HuÕ")
    assert any("column 'province': 'Thõa Thiªn HuÕ' looks like TCVN3" in m for m in found), found
    assert any("column 'tiers.so-nganh.label': 'Së, ban, ngµnh' looks like TCVN3" in m for m in found), found


def test_real_names_are_not_taken_for_a_legacy_encoding():
    from egovnb.core.text import legacy_encoding

    root = Path(__file__).resolve().parents[2]
    texts = set()
    for path in [*root.glob("data/**/*.csv"), *root.glob("tests/data/**/*.csv"), *root.glob("params/**/*.yaml")]:
        texts.update(path.read_text(encoding="utf-8-sig").replace(";", ",").replace("\n", ",").split(","))
    texts |= {"Hoà Bình", "NGÃ BA", "Müller", "Noël", "Søren", "François", "Zürich", "Straße", "91% · I",
              "trang tính «Sở»", "Café", "Ðà Nẵng"}
    assert len(texts) > 500
    assert [t for t in texts if legacy_encoding(t)] == []


# --- files that are not what their name says -----------------------------------------------------------------------

def _xlsx(path: Path) -> Path:
    book = Workbook()
    book.active.append(["tier", "unit", "max_points", "excluded_points", "achieved_points"])
    book.active.append(["so-nganh", "Sở A", 100, 0, 80])
    book.save(path)
    return path


def test_files_are_named_for_what_they_are(project):
    project.write("csv.xlsx", SUMMARY + "so-nganh,Sở A,100,0,80\n")
    assert only(messages(project, "csv.xlsx")) == (
        "not a readable .xlsx workbook: it is text (a CSV renamed?); if it is a CSV, rename it to .csv")
    _xlsx(project.root / "book.csv")
    assert only(messages(project, "book.csv")) == "is an Excel workbook (.xlsx) named '.csv': rename it to .xlsx"
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    (project.root / "old.xlsx").write_bytes(ole + "Workbook".encode("utf-16-le") + b"\x00" * 1000)
    assert only(messages(project, "old.xlsx")) == (
        "is an Excel 97–2003 workbook (.xls), not a file egovnb reads: open it in Excel or LibreOffice and save it "
        "as .xlsx (Excel Workbook)")
    (project.root / "locked.xlsx").write_bytes(ole + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 1000)
    assert only(messages(project, "locked.xlsx")).startswith(
        "is a password-protected (encrypted) workbook, not a file egovnb reads: open it in Excel, remove the password")
    import zipfile

    with zipfile.ZipFile(project.root / "sheet.xlsx", "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<x/>")
    assert only(messages(project, "sheet.xlsx")).startswith("is an OpenDocument spreadsheet (.ods), not a file")


def test_the_file_decides_the_separator_when_the_column_cannot(project):
    project.write("units.csv", SUMMARY + 'so-nganh,Sở A,"1.000","12,5",900\nso-nganh,Sở B,"1.000",0,950\n')
    got = scores(project, "units.csv")  # decimal commas in excluded_points: 1.000 points is a thousand
    assert got["Sở A"]["max_points"] == 1000 and got["Sở A"]["excluded_points"] == 12.5
