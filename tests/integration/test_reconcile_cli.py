"""`egovnb reconcile` and `egovnb validate` on published figures, and the annex workbook read back."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml

from egovnb.cli import main
from egovnb.core.assessment import assess
from egovnb.insight import reconcile
from egovnb.report.annex import sheet_names

ROOT = Path(__file__).resolve().parents[2]
HUE = ROOT / "params" / "thua-thien-hue-2020.yaml"


def test_reconcile_lists_every_difference_and_exits_1(tmp_path):
    out = tmp_path / "differences.csv"
    result = subprocess.run([sys.executable, "-m", "egovnb", "reconcile", "params/thua-thien-hue-2020.yaml",
                             "--out", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 7 and lines[-1] == "6 of 96 published figures differ from the rules, in 3 of 29 rows"
    assert lines[0] == ("data/thua-thien-hue/2020/ket-qua-2020.xlsx, sheet 'UBND cấp huyện', row 9, column 'Tỷ lệ "
                        "thực hiện': UBND huyện A Lưới: printed '81,96%', the rules give 81,97% "
                        "(75,41 / 92 = 81,967% → 81,97%)")
    table = pd.read_csv(out)
    assert table.columns.tolist()[:8] == ["file", "sheet", "row", "tier", "unit", "field", "column", "printed"]
    assert table["row"].tolist() == [9, 9, 10, 10, 15, 15]
    assert table["file"].eq("data/thua-thien-hue/2020/ket-qua-2020.xlsx").all()  # as the analyst types it
    assert table.loc[table["unit"] == "UBND huyện Phú Lộc", "rule_value"].tolist() == [66.65, 66.65]


def test_validate_mentions_published_figures_and_does_not_fail(capsys):
    assert main(["validate", str(HUE)]) == 0
    out = capsys.readouterr().out
    assert "published figures (rate, converted points, rank, level) in 29 rows: 3 row(s) differ" in out
    assert "params, framework and data are valid" in out


def test_reconcile_when_every_row_agrees_or_nothing_is_published(project, capsys):
    project.write("units.csv", "STT,Tên đơn vị,Điểm tối đa,Số điểm không đưa vào đánh giá,Số điểm thực hiện,"
                               'Tỷ lệ thực hiện,Xếp hạng,Mức độ\n1,Sở A,90,0,"85,5",95%,1,I\n2,Sở B,90,0,81,90%,2,I\n')
    assert main(["reconcile", str(project.params("units.csv", tier="so-nganh"))]) == 0
    assert capsys.readouterr().out == "all 2 rows agree with the rules (6 published figures compared)\n"
    project.write("plain.csv", "tier,unit,max_points,excluded_points,achieved_points\nso-nganh,Sở A,90,0,80\n")
    assert main(["reconcile", str(project.params("plain.csv", name="plain.yaml"))]) == 0
    assert capsys.readouterr().out.startswith("no published figures to reconcile")


def test_reconcile_on_bad_input_names_the_problem(project, capsys):
    project.write("units.csv", "STT,Tên đơn vị,Điểm tối đa,Số điểm không đưa vào đánh giá,Số điểm thực hiện\n"
                               "1,Sở A,90,0,chín mươi\n")
    assert main(["reconcile", str(project.params("units.csv", tier="so-nganh"))]) == 1
    assert "row 2, column 'Số điểm thực hiện': 'chín mươi' is not a number" in capsys.readouterr().err


@pytest.mark.parametrize("params", ["thua-thien-hue-2020.yaml", "son-ha-2024.yaml"])
def test_the_annex_workbook_reads_back_to_the_same_scores_and_agrees(params, tmp_path, capsys):
    """`egovnb score --out annex.xlsx`, read back through `sheets:` (one per tier sheet): the same
    scores table, and every printed rate, converted points, rank and level agrees. Sơn Hà 2024 has
    communes not evaluated and communes under the floor with no rank."""
    source = ROOT / "params" / params
    annex = tmp_path / "annex.xlsx"
    assert main(["score", str(source), "--out", str(annex)]) == 0
    original = assess(source)
    tiers = [t for t in original.framework.tiers.values() if t.key in set(original.scores["tier"])]
    raw = yaml.safe_load(source.read_text(encoding="utf-8"))
    for key in ("previous", "crosswalk", "sheet", "sensitivity"):
        raw.pop(key, None)
    raw.update(data=str(annex), framework=str((source.parent / raw["framework"]).resolve()),
               sheets=dict(zip(sheet_names([t.label for t in tiers]), [t.key for t in tiers])))
    back = tmp_path / "back.yaml"
    back.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    read_back = assess(back)
    pd.testing.assert_frame_equal(read_back.scores, original.scores, check_exact=False, rtol=1e-12)
    capsys.readouterr()
    assert main(["reconcile", str(back)]) == 0
    rows = len(original.scores)
    assert capsys.readouterr().out.startswith(f"all {rows} rows agree with the rules")
    comparisons = reconcile.compare(read_back.ranked, read_back.tables, read_back.framework)
    # The converted points are not in the decision's columns: on a sheet of their own.
    assert set(comparisons["field"]) == {"rate", "rank", "level"}
