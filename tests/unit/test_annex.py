"""The annex workbook: first sheet = scores table, one sheet per tier in the published layout."""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from egovnb.report.annex import ANNEX_COLUMNS, rate_format, scores_sheet, sheet_names, write_annex
from egovnb.core.assessment import assess
from egovnb.core.schema import SCORES_COLUMNS

ROOT = Path(__file__).resolve().parents[2]
HEADERS_VI = ["STT", "Tên đơn vị", "Điểm tối đa", "Số điểm không đưa vào đánh giá", "Số điểm tối đa cần thực hiện",
              "Số điểm thực hiện", "Tỷ lệ thực hiện (%)", "Số điểm quy đổi", "Xếp hạng", "Mức độ",
              "Mức độ kế tiếp", "Số điểm cần thêm để đạt mức độ kế tiếp"]


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
    assert book.sheetnames == ["scores", "Sở, ban, ngành — Mức độ Kết quả", "UBND cấp huyện — Mức độ Kết quả"]
    sheet = book.worksheets[1]
    assert sheet["A1"].value == ("Thừa Thiên Huế — Kết quả đánh giá, xếp hạng mức độ Chính quyền điện tử "
                                 "năm 2020: Sở, ban, ngành — Mức độ Kết quả")
    assert sheet["A2"].value == "Căn cứ: Quyết định 3402/QĐ-UBND ngày 31/12/2020, điều chỉnh bởi Quyết định 102/QĐ-UBND"
    assert [c.value for c in sheet[3]] == HEADERS_VI
    assert sheet.freeze_panes == "C4"
    rows = list(sheet.iter_rows(min_row=4, values_only=True))
    assert len(rows) == 20
    # Sở Du lịch: 86,17372 of 89 → published rank 13, 96,82 %.
    du_lich = next(r for r in rows if r[1] == "Sở Du lịch")
    assert du_lich[0] == 13 and du_lich[4] == 89 and du_lich[5] == 86.17372 and du_lich[8] == 13
    assert du_lich[6] == pytest.approx(86.17372 / 89)
    assert [r[1] for r in rows[:5]] == ["Sở Công Thương", "Sở Kế hoạch và Đầu tư", "Sở Ngoại vụ",
                                        "Sở Thông tin và Truyền thông", "Văn phòng UBND tỉnh"]
    # Rates with the tier's rate_decimals (0: whole percentages, as published and in the report).
    cell = sheet.cell(row=4 + 6, column=ANNEX_COLUMNS.index("rate") + 1)
    assert cell.number_format == "0%"
    # Each column of points with one number of decimals, as the report prints it: Sở Du lịch's
    # 86,17372 gives the achieved points five; whole columns stay whole (86,17372 no longer 86,17).
    for row in (10, 4 + 12):
        assert sheet.cell(row=row, column=ANNEX_COLUMNS.index("achieved_points") + 1).number_format == "0.00000"
        assert sheet.cell(row=row, column=ANNEX_COLUMNS.index("max_points") + 1).number_format == "0"
        assert sheet.cell(row=row, column=ANNEX_COLUMNS.index("converted_points") + 1).number_format == "0.00"
    # The unit column fits the longest name.
    longest = max(len(r[1]) for r in rows)
    assert sheet.column_dimensions["B"].width >= longest


def test_english_headers_and_illustrative_note(tmp_path):
    params = (ROOT / "params/thua-thien-hue-2020.yaml").read_text(encoding="utf-8")
    params = params.replace("../data/", f"{ROOT}/data/").replace("frameworks/", f"{ROOT}/params/frameworks/")
    path = tmp_path / "p.yaml"
    path.write_text(params.replace("language: vi", "language: en") + "illustrative: true\n", encoding="utf-8")
    book = load_workbook(write_annex(assess(path), tmp_path / "en.xlsx"))
    sheet = book.worksheets[1]
    assert sheet["A3"].value == "No." and sheet["G3"].value == "Rate (%)"
    assert sheet.cell(row=sheet.max_row, column=1).value == "Illustrative data, not published results."
    assert book.properties.description == "Illustrative data, not published results."


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
    assert rows[2] == HEADERS_VI
    du_lich = next(r for r in rows if r[1] == "Sở Du lịch")
    # As the report prints them: whole points whole, the published 86,17372 with its five decimals.
    assert du_lich[2:9] == ["90", "1", "89", "86.17372", "97%", "87.14", "13"]
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
