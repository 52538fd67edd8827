"""Tried as a new user would (issue 17): a province's workbook with formulas, a totals row, a merged
note and rates formatted as percentages, saved once by a program that does not calculate (openpyxl)
and once by LibreOffice (headless, Debian's package), which computes every formula. The computed one
scores right and reconciles; the other is refused, naming each cell whose formula has no value."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from openpyxl import Workbook

ROOT = Path(__file__).resolve().parents[2]
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
FRAMEWORK = {"tiers": {"so-nganh": {"label": "Sở, ban, ngành", "rank_by": "rate",
                                    "levels": [{"name": "I", "min": 0.9}, {"name": "II", "min": 0.8}],
                                    "below": "Chưa đạt"}}}
# (unit, maximum, excluded, achieved): illustrative figures.
UNITS = [("Sở Tài chính", 100, 10, 81), ("Sở Y tế", 100, 0, 72.5), ("Sở Xây dựng", 100, 5, 90)]


def annex(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "Sở, ban, ngành"
    sheet.append(["KẾT QUẢ ĐÁNH GIÁ MỨC ĐỘ CHÍNH QUYỀN ĐIỆN TỬ (số liệu minh họa)"])
    sheet.append([])
    sheet.append(["STT", "Tên đơn vị", "Điểm tối đa", "Số điểm không đưa vào đánh giá", "Số điểm thực hiện",
                  "Tỷ lệ thực hiện", "Ghi chú"])
    for number, (unit, maximum, excluded, achieved) in enumerate(UNITS, start=1):
        row = 3 + number
        sheet.append([number, unit, maximum, excluded, f"={achieved}*1", f"=E{row}/(C{row}-D{row})",
                      "Khối tổng hợp" if number == 1 else None])
        sheet[f"F{row}"].number_format = "0.00%"
    sheet.merge_cells("G4:G6")
    sheet.append([None, "Tổng cộng", "=SUM(C4:C6)", "=SUM(D4:D6)", "=SUM(E4:E6)", "=E7/(C7-D7)", None])
    book.save(path)
    return path


def egovnb(*args, cwd: Path):
    return subprocess.run([sys.executable, "-m", "egovnb", *map(str, args)], cwd=cwd, capture_output=True, text=True,
                          timeout=300)


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_a_workbook_computed_by_libreoffice_scores_right_and_one_never_computed_is_refused(tmp_path):
    annex(tmp_path / "uncomputed.xlsx")
    computed = tmp_path / "computed"
    converted = subprocess.run([SOFFICE, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
                                "--convert-to", "xlsx", "--outdir", str(computed), str(tmp_path / "uncomputed.xlsx")],
                               capture_output=True, text=True, timeout=240)
    assert (computed / "uncomputed.xlsx").is_file(), converted.stderr
    (tmp_path / "framework.yaml").write_text(yaml.safe_dump(FRAMEWORK, allow_unicode=True), encoding="utf-8")
    for name, data in (("computed.yaml", "computed/uncomputed.xlsx"), ("uncomputed.yaml", "uncomputed.xlsx")):
        params = {"province": "Tỉnh Thử", "year": 2024, "data": data, "framework": "framework.yaml",
                  "tier": "so-nganh", "illustrative": True}
        (tmp_path / name).write_text(yaml.safe_dump(params, allow_unicode=True), encoding="utf-8")

    checked = egovnb("validate", "computed.yaml", cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    scored = egovnb("score", "computed.yaml", "--out", "scores.csv", cwd=tmp_path)
    assert scored.returncode == 0, scored.stderr
    lines = (tmp_path / "scores.csv").read_text(encoding="utf-8").splitlines()
    rows = {line.split(",")[1]: line.split(",") for line in lines[1:]}
    assert sorted(rows) == sorted(unit for unit, *_ in UNITS)  # the totals row is no unit
    assert [float(rows["Sở Tài chính"][i]) for i in (4, 5, 6)] == [90.0, 81.0, 0.9]
    assert [rows[u][8] for u in ("Sở Xây dựng", "Sở Tài chính", "Sở Y tế")] == ["1", "2", "3"]
    assert [rows[u][9] for u in ("Sở Xây dựng", "Sở Tài chính", "Sở Y tế")] == ["I", "I", "Chưa đạt"]
    reconciled = egovnb("reconcile", "computed.yaml", cwd=tmp_path)
    assert reconciled.returncode == 0, reconciled.stdout + reconciled.stderr

    refused = egovnb("validate", "uncomputed.yaml", cwd=tmp_path)
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    problems = [line for line in (refused.stdout + refused.stderr).splitlines() if "formula without" in line]
    cells = sorted((line.split(", row ")[1].split(",")[0], line.split("column '")[1].split("'")[0])
                   for line in problems)
    named = ("Số điểm thực hiện", "Tỷ lệ thực hiện")
    assert cells == sorted((str(row), column) for row in (4, 5, 6) for column in named)
    assert all("open and save the workbook in Excel or LibreOffice" in line for line in problems)
    run = egovnb("score", "uncomputed.yaml", "--out", "never.csv", cwd=tmp_path)
    assert run.returncode != 0 and not (tmp_path / "never.csv").exists()
