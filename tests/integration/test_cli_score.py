"""End to end: the `egovnb` command as an analyst types it."""

import subprocess
import sys
from pathlib import Path

import pandas as pd
from openpyxl import Workbook

from egovnb.core.outputs import mark_written

ROOT = Path(__file__).resolve().parents[2]


def egovnb(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "egovnb", *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, timeout=120)


def test_score_writes_the_spec_table(tmp_path):
    out = tmp_path / "scores.csv"
    result = egovnb("score", "params/thua-thien-hue-2020.yaml", "--out", out)
    assert result.returncode == 0, result.stderr
    everything = pd.read_csv(out)
    assert everything.columns.tolist()[:10] == ["tier", "unit", "max_points", "excluded_points", "applicable_points",
                                                "achieved_points", "rate", "converted_points", "rank", "level"]
    table = everything[everything["tier"] == "so-nganh"]  # the departments, then the districts
    assert table.unit.iloc[0] == "Sở Công Thương" and table.unit.iloc[-1] == "Sở Giáo dục và Đào tạo"
    assert table["rank"].tolist()[:7] == [1, 1, 1, 1, 1, 6, 7]
    assert everything.unit.iloc[-1] == "UBND huyện Phú Lộc"


def test_score_to_xlsx_first_sheet_is_the_scores_table(tmp_path):
    out = tmp_path / "scores.xlsx"
    assert egovnb("score", "params/thua-thien-hue-2020.yaml", "--out", out).returncode == 0
    everything = pd.read_excel(out, sheet_name=0)
    table = everything[everything["tier"] == "so-nganh"]
    assert table.unit.iloc[4] == "Văn phòng UBND tỉnh" and table.level.eq("I").all()


def test_bad_input_names_file_row_column_without_traceback_and_keeps_old_output(project, tmp_path):
    project.write("units.csv", "tier,unit,max_points,excluded_points,achieved_points\n"
                               "so-nganh,Sở Y tế,90,0,85\nso-nganh,Sở Tư pháp,90,0,chín mươi\n")
    params = project.params("units.csv")
    out = tmp_path / "scores.csv"
    out.write_text("previous good output\n", encoding="utf-8")
    mark_written([out])  # an output of an earlier run: egovnb's to replace (core.outputs)
    for command in (("validate", params), ("score", params, "--out", out)):
        result = egovnb(*command)
        assert result.returncode == 1
        assert "Traceback" not in result.stderr
        assert "units.csv, row 3, column 'achieved_points': 'chín mươi' is not a number" in result.stderr
    assert out.read_text(encoding="utf-8") == "previous good output\n"


def test_missing_params_file():
    result = egovnb("validate", "params/nowhere-2020.yaml")
    assert result.returncode == 1 and "nowhere-2020.yaml: file not found" in result.stderr
    assert "Traceback" not in result.stderr


def test_xlsx_data_with_named_sheet(project, tmp_path):
    book = Workbook()
    book.active.title = "Ghi chú"
    book.active.append(["Số liệu minh họa"])
    sheet = book.create_sheet("Phụ lục")
    sheet.append(["tier", "unit", "max_points", "excluded_points", "achieved_points"])
    sheet.append(["so-nganh", "Sở Y tế", 90, 0, 85.09])
    sheet.append(["so-nganh", "Sở Tư pháp", 90, 16, "70,01"])
    book.save(project.root / "units.xlsx")
    params = project.params("units.xlsx", sheet="Phụ lục")
    out = tmp_path / "s.csv"
    result = egovnb("score", params, "--out", out)
    assert result.returncode == 0, result.stderr
    assert pd.read_csv(out).unit.tolist() == ["Sở Tư pháp", "Sở Y tế"]


def test_help_lists_the_commands():
    result = egovnb("--help")
    for command in ("score", "validate", "run", "batch", "reconcile"):
        assert command in result.stdout
