"""The annex workbook: first sheet = scores table, one sheet per tier in the published layout."""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from egovnb.report.annex import rate_format, scores_sheet, sheet_names, write_annex
from egovnb.core.assessment import assess
from egovnb.core.columns import SCORES_COLUMNS

ROOT = Path(__file__).resolve().parents[2]
# The decision's columns (the converted points and the gaps have sheets of their own).
HEADERS_VI = ["STT", "Tên đơn vị", "Điểm tối đa", "Số điểm không đưa vào đánh giá", "Số điểm tối đa cần thực hiện",
              "Số điểm thực hiện", "Tỷ lệ thực hiện", "Xếp hạng", "Mức độ"]


@pytest.fixture(scope="module")
def published():
    return assess(ROOT / "params/thua-thien-hue-2020.yaml")


@pytest.fixture(scope="module")
def workbook(published, tmp_path_factory):
    return write_annex(published, tmp_path_factory.mktemp("annex") / "annex.xlsx")


def test_first_sheet_is_the_scores_table(published, workbook):
    first = pd.read_excel(workbook, sheet_name=0)
    assert first.columns.tolist() == list(SCORES_COLUMNS) + ["next_level", "points_to_next_level"]
    expected = published.scores
    assert first["unit"].tolist() == expected["unit"].tolist()
    assert first["rank"].tolist() == expected["rank"].astype(int).tolist()
    assert first["rate"].tolist() == pytest.approx(expected["rate"].tolist(), abs=1e-12)
    departments = first["tier"] == "so-nganh"
    assert first.loc[departments, "next_level"].isna().all()  # all 20 departments at level I
    assert first.loc[~departments, "next_level"].tolist() == ["I", "II", "II", "II", "III", "III", "III", "III",
                                                              "IV"]


def test_tier_sheet_layout(published, workbook):
    book = load_workbook(workbook)
    assert book.sheetnames == ["scores", "Sở, ban, ngành — Mức độ Kết quả", "UBND cấp huyện — Mức độ Kết quả",
                               "Số điểm quy đổi", "Mức độ kế tiếp"]
    sheet = book.worksheets[1]
    assert sheet["A1"].value == "PHỤ LỤC I" and sheet["A1"].font.bold and sheet["A1"].font.name == "Times New Roman"
    assert sheet["A2"].value == ("KẾT QUẢ ĐÁNH GIÁ, XẾP HẠNG MỨC ĐỘ CHÍNH QUYỀN ĐIỆN TỬ CỦA CÁC SỞ, BAN, NGÀNH — MỨC "
                                 "ĐỘ KẾT QUẢ NĂM 2020")
    assert sheet["A3"].value == ("(Kèm theo Quyết định số 3402/QĐ-UBND ngày 31 tháng 12 năm 2020 của Ủy ban nhân dân "
                                 "tỉnh Thừa Thiên Huế)") and sheet["A3"].font.italic
    assert book.worksheets[2]["A1"].value == "PHỤ LỤC II"
    assert [c.value for c in sheet[5]] == HEADERS_VI
    assert sheet.freeze_panes == "C6"
    rows = list(sheet.iter_rows(min_row=6, values_only=True))
    assert len(rows) == 20
    # Sở Du lịch: 86,17372 of 89 → published rank 13, 97 % printed (96,82 %).
    du_lich = next(r for r in rows if r[1] == "Sở Du lịch")
    assert du_lich[0] == 13 and du_lich[4] == 89 and du_lich[5] == 86.17372 and du_lich[7] == 13
    assert du_lich[6] == pytest.approx(86.17372 / 89)
    assert [r[1] for r in rows[:5]] == ["Sở Công Thương", "Sở Kế hoạch và Đầu tư", "Sở Ngoại vụ",
                                        "Sở Thông tin và Truyền thông", "Văn phòng UBND tỉnh"]
    # Each number shows the decimals the annex prints: rates whole (rate_decimals 0), a column of
    # points with one number of decimals (Sở Du lịch's 86,17372 gives the achieved points five),
    # a whole column whole.
    row = 6 + rows.index(du_lich)
    assert sheet.cell(row=row, column=7).number_format == "#,##0%"
    assert sheet.cell(row=row, column=6).number_format == "#,##0.00000"
    assert sheet.cell(row=6, column=6).number_format == "#,##0.00000"
    assert sheet.cell(row=6, column=3).number_format == "#,##0"
    # The unit column fits the longest name; every cell is Times New Roman.
    longest = max(len(r[1]) for r in rows)
    assert sheet.column_dimensions["B"].width >= longest
    assert {c.font.name for r in sheet.iter_rows(min_row=1, max_row=25) for c in r if c.value is not None} == {
        "Times New Roman"}
    # Printed as the decision: A4, fit to the width, the header row on every page, numbered pages.
    assert int(sheet.page_setup.paperSize) == 9 and sheet.page_setup.orientation == "portrait"
    assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$5:$5"
    assert sheet.oddHeader.center.text == "&P"


def test_what_the_decision_does_not_print_has_sheets_of_its_own(published, workbook):
    book = load_workbook(workbook)
    converted = list(book["Số điểm quy đổi"].iter_rows(values_only=True))
    assert converted[0] == ("Khối", "STT", "Tên đơn vị", "Số điểm quy đổi")
    du_lich = next(r for r in converted if r[2] == "Sở Du lịch")
    assert du_lich[3] == pytest.approx(86.17372 / 89 * 90)
    gaps = list(book["Mức độ kế tiếp"].iter_rows(values_only=True))
    assert gaps[0][-2:] == ("Mức độ kế tiếp", "Số điểm cần thêm để đạt mức độ kế tiếp")
    nam_dong = next(r for r in gaps if r[2] == "UBND huyện Nam Đông")
    assert nam_dong[4:6] == ("II", "I")


def test_wide_tiers_print_landscape_and_a_previous_year_adds_its_column(tmp_path):
    book = load_workbook(write_annex(assess(ROOT / "params/gia-lai-2022.yaml"), tmp_path / "gl.xlsx"))
    departments = book.worksheets[1]
    assert departments.page_setup.orientation == "landscape"
    assert "Điều kiện sẵn sàng: số điểm" in [c.value for c in departments[5]]
    book = load_workbook(write_annex(assess(ROOT / "params/son-ha-2024.yaml"), tmp_path / "sh.xlsx"))
    headers = [c.value for c in book.worksheets[1][5]]
    assert any(str(h).endswith(" 2023") for h in headers) and any(str(h).endswith(" 2024") for h in headers)


def test_english_headers_and_illustrative_note(tmp_path):
    params = (ROOT / "params/thua-thien-hue-2020.yaml").read_text(encoding="utf-8")
    params = params.replace("../data/", f"{ROOT}/data/").replace("frameworks/", f"{ROOT}/params/frameworks/")
    path = tmp_path / "p.yaml"
    path.write_text(params.replace("language: vi", "language: en") + "illustrative: true\n", encoding="utf-8")
    book = load_workbook(write_annex(assess(path), tmp_path / "en.xlsx"))
    sheet = book.worksheets[1]
    assert sheet["A5"].value == "No." and sheet["G5"].value == "Rate"
    assert sheet.cell(row=sheet.max_row, column=1).value == "Illustrative data, not published results."
    assert book.properties.description == "Illustrative data, not published results."
    assert book.sheetnames[-2:] == ["Converted points", "Next level"]


def test_a_failed_write_keeps_the_old_file(published, tmp_path, monkeypatch):
    target = tmp_path / "annex.xlsx"
    target.write_bytes(b"old")

    def fail(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("openpyxl.workbook.workbook.Workbook.save", fail)
    with pytest.raises(OSError):
        write_annex(published, target)
    assert target.read_bytes() == b"old"
    assert list(tmp_path.iterdir()) == [target]


def test_sheet_names_are_valid_and_distinct():
    names = sheet_names(["UBND cấp xã: Mức độ Điều kiện sẵn sàng [2025]", "scores", "A" * 40, "A" * 40])
    assert names[0] == "UBND cấp xã- Mức độ Điều kiện"  # cut at a word, within 31 characters
    assert names[1] == "scores (2)"
    assert names[2] == "A" * 31 and names[3] == "A" * 27 + " (2)"  # one long word: cut


def test_sheet_names_cut_at_a_word_stay_distinct():
    names = sheet_names(["Sở, ban, ngành — Mức độ Kết quả", "Sở, ban, ngành — Mức độ Kết quả thực hiện"])
    assert names == ["Sở, ban, ngành — Mức độ Kết quả", "Sở, ban, ngành — Mức độ Kết (2)"]


def test_rate_format_follows_the_decimals():
    assert [rate_format(d) for d in (0, 1, 2)] == ["0%", "0.0%", "0.00%"]


def test_scores_sheet_keeps_spec_columns_first(published):
    table = scores_sheet(published)
    pd.testing.assert_frame_equal(table.loc[:, list(SCORES_COLUMNS)], published.scores)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_reads_every_sheet(workbook, tmp_path):
    # Filter options: comma, double quote, UTF-8 (76), cells as shown, every sheet (-1).
    result = subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
                             "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,"
                             "false,-1", "--outdir", str(tmp_path), str(workbook)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    with open(tmp_path / "annex-Sở, ban, ngành — Mức độ Kết quả.csv", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][0] == "PHỤ LỤC I" and rows[4] == HEADERS_VI
    du_lich = next(r for r in rows if r[1] == "Sở Du lịch")
    assert du_lich[2:8] == ["90", "1", "89", "86.17372", "97%", "13"]
    with open(tmp_path / "annex-scores.csv", encoding="utf-8") as handle:
        first = list(csv.reader(handle))
    assert first[0][:10] == list(SCORES_COLUMNS) and len(first) == 1 + 20 + 9


def test_the_same_inputs_give_the_same_workbook_bytes(published, tmp_path, monkeypatch):
    """openpyxl stamps the time of saving in docProps/core.xml and on every zip entry; the
    workbook must depend on its inputs only (as the HTML and PDF do)."""
    import time
    import zipfile

    first = write_annex(published, tmp_path / "first.xlsx")
    real_time = time.time
    monkeypatch.setattr(time, "time", lambda: real_time() + 86_400 * 400)  # a later day
    second = write_annex(published, tmp_path / "second.xlsx")
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert "1980-01-01T00:00:00Z</dcterms:created>" in core
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1609372800")  # 31/12/2020, the decision's date
    dated = write_annex(published, tmp_path / "dated.xlsx")
    with zipfile.ZipFile(dated) as archive:
        assert "2020-12-31T00:00:00Z</dcterms:modified>" in archive.read("docProps/core.xml").decode()
