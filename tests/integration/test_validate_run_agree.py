"""`egovnb validate` and `egovnb run` agree: what one passes, the other renders; what one refuses,
the other refuses with the same words (issue 17)."""

from __future__ import annotations

import pytest
from openpyxl import Workbook

from egovnb.cli import main

HEADER = "tier,unit,max_points,excluded_points,achieved_points\n"
FRAMEWORK = ("tiers:\n  so-nganh: {label: Sở, rank_by: rate, levels: [{name: I, min: 0.9}, {name: II, min: 0.8}], "
             "below: Chưa đạt}\n")


def _two_tables(path):
    book = Workbook()
    sheet = book.active
    header = ["STT", "Tên đơn vị", "Điểm tối đa", "Số điểm không đưa vào đánh giá", "Số điểm thực hiện"]
    for row in (["PHỤ LỤC I"], header, [1, "Sở A", 100, 0, 90], [2, "Sở B", 100, 0, 80], [], ["PHỤ LỤC II"], header,
                [1, "UBND huyện A", 100, 0, 95]):
        sheet.append(row)
    book.save(path)


CASES = {
    "a 500-character name": ("units.csv", HEADER + "so-nganh,Sở " + "Thông tin và Truyền thông " * 19
                             + "Thông tin,100,0,90\nso-nganh,Sở B,100,0,80\n", True),
    "a name of 300 letters and no space": ("units.csv", HEADER + "so-nganh,Sở" + "X" * 300 + ",100,0,90\n", True),
    "a total row": ("units.csv", HEADER + "so-nganh,Sở A,100,0,90\nso-nganh,Sở B,100,0,80\n,Tổng cộng,200,0,170\n",
                    True),
    "a total row that is not a total": ("units.csv", HEADER + "so-nganh,Sở A,100,0,90\nso-nganh,Tổng,100,0,95\n",
                                        False),
    "two units differing in case": ("units.csv", HEADER + "so-nganh,Sở Y tế,100,0,90\nso-nganh,Sở Y Tế,100,0,80\n",
                                    False),
    "a second table on the sheet": ("two.xlsx", None, False),
}


@pytest.mark.parametrize("case", list(CASES))
def test_validate_and_run_agree(project, capsys, tmp_path, case):
    name, text, valid = CASES[case]
    if text is None:
        _two_tables(project.root / name)
    else:
        project.write(name, text)
    project.write("framework.yaml", FRAMEWORK)
    params = project.write("p.yaml", f"province: Tỉnh Thử\nyear: 2024\ndata: {name}\nframework: framework.yaml\n"
                           + ("tier: so-nganh\n" if name.endswith(".xlsx") else ""))
    validated = main(["validate", str(params)])
    said = capsys.readouterr()
    reports = tmp_path / "reports"
    ran = main(["run", str(params), "--reports", str(reports)])
    rendered = capsys.readouterr()
    assert (validated == 0) == valid, said.err
    assert (ran == 0) == valid, rendered.err
    assert "Traceback" not in said.err + rendered.err
    pages = list(reports.rglob("*.html"))
    if valid:
        assert len(pages) == 1
        page = pages[0].read_text(encoding="utf-8")
        if case == "a total row":
            assert "Tổng cộng" not in page and "Sở A" in page
    else:
        assert pages == []
        # The same problems, in the same words (run adds that nothing was written).
        assert said.err.splitlines()[:-1] == rendered.err.splitlines()[:-1]
