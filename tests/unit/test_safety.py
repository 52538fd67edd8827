"""Guards against hostile or mistaken input (egovnb.core.safety): what a run reads (the files
named by the keys declared as naming one) is never an output."""

from __future__ import annotations

import pytest

from egovnb.core.errors import EgovnbError
from egovnb.core.safety import check_output, input_files


@pytest.fixture
def params(tmp_path):
    (tmp_path / "p2019.yaml").write_text("year: 2019\ndata: d2019.csv\n", encoding="utf-8")
    for name in ("d.csv", "d2019.csv", "c.csv", "qd.docx"):
        (tmp_path / name).write_text("x\n", encoding="utf-8")
    path = tmp_path / "p.yaml"
    path.write_text("year: 2020\ndata: d.csv\nframework: f.yaml\ncrosswalk: c.csv\nprevious: p2019.yaml\n"
                    "decision_draft: {template: qd.docx}\n", encoding="utf-8")
    return path


def test_the_files_a_run_reads_with_their_roles(params):
    assert [(role, path.name) for role, path in input_files(params)] == [
        ("this year's params file", "p.yaml"), ("this year's framework file", "f.yaml"),
        ("this year's data file", "d.csv"), ("this year's crosswalk file", "c.csv"),
        ("this year's template file", "qd.docx"), ("a previous year's params file", "p2019.yaml"),
        ("a previous year's data file", "d2019.csv")]


@pytest.mark.parametrize("name, role", [("d2019.csv", "a previous year's data file"), ("c.csv", "this year's crosswalk file")])
def test_an_output_is_never_an_input(params, name, role):
    with pytest.raises(EgovnbError) as caught:
        check_output(params.parent / name, params)
    assert f"is {role} (" in str(caught.value) and "writing there would replace it" in str(caught.value)


def test_an_output_elsewhere_is_fine(params):
    assert check_output(params.parent / "scores.csv", params).name == "scores.csv"
