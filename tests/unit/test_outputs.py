"""Nothing of the analyst's is overwritten, by any command: never an input of the run, never an
existing file egovnb did not make (or that was changed since egovnb wrote it)."""

from __future__ import annotations

import json

import pytest

from egovnb.cli import main
from egovnb.core.errors import EgovnbError
from egovnb.core.outputs import MANIFEST, check_output, check_outputs, mark_written, not_ours
from egovnb.demo.generate import generate

DATA = "tier,unit,max_points,excluded_points,achieved_points\nso-nganh,Sở A,90,0,85\nso-nganh,Sở B,90,0,70\n"


@pytest.fixture
def params(project):
    project.write("units.csv", DATA)
    project.write("crosswalk.csv", "tier,old_unit,new_unit\n")
    return project.params("units.csv")


def _refused(capsys, argv, expected: str) -> str:
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert expected in err, err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err
    return err


@pytest.mark.parametrize("command", [["score"], ["sensitivity", "--draws", "10"], ["reconcile"]])
def test_every_writing_command_refuses_a_file_it_did_not_make(project, params, capsys, command):
    mine = project.write("mine.csv", "my own notes\n")
    _refused(capsys, command[:1] + [str(params)] + command[1:] + ["--out", str(mine)],
             "exists and was not made by egovnb: choose another name or remove it")
    assert mine.read_text() == "my own notes\n"


@pytest.mark.parametrize("command", [["score"], ["sensitivity", "--draws", "10"], ["reconcile"]])
def test_every_writing_command_refuses_its_own_inputs(project, params, capsys, command):
    data = project.root / "units.csv"
    _refused(capsys, command[:1] + [str(params)] + command[1:] + ["--out", str(data)],
             "is this year's data file")
    assert data.read_text() == DATA


def test_reconcile_never_replaces_the_delivered_workbook(project, capsys):
    """reconcile --out used to replace the workbook it compared."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["STT", "Tên đơn vị", "Điểm tối đa", "Số điểm không đưa vào đánh giá", "Số điểm thực hiện",
                  "Xếp hạng"])
    sheet.append([1, "Sở A", 90, 0, 85, 1])
    book.save(project.root / "ket-qua.xlsx")
    before = (project.root / "ket-qua.xlsx").read_bytes()
    params = project.params("ket-qua.xlsx", tier="so-nganh")
    _refused(capsys, ["reconcile", str(params), "--out", str(project.root / "ket-qua.xlsx")],
             "is this year's data file")
    assert (project.root / "ket-qua.xlsx").read_bytes() == before


def test_a_file_egovnb_wrote_is_replaced_and_an_edited_one_is_not(project, params, capsys):
    out = project.root / "out" / "scores.xlsx"
    assert main(["score", str(params), "--out", str(out)]) == 0
    assert main(["score", str(params), "--out", str(out)]) == 0  # a rerun replaces its own output
    manifest = json.loads((out.parent / MANIFEST).read_text(encoding="utf-8"))
    assert set(manifest) == {"scores.xlsx"}
    out.write_bytes(out.read_bytes() + b"edited in Excel")
    _refused(capsys, ["score", str(params), "--out", str(out)], "was changed since egovnb wrote it")
    assert out.read_bytes().endswith(b"edited in Excel")


def test_reconcile_csv_then_score_over_it(project, params, capsys):
    """A file egovnb made may be replaced by another command: it is egovnb's either way."""
    out = project.root / "differences.csv"
    assert main(["reconcile", str(params), "--out", str(out)]) == 0
    assert main(["score", str(params), "--out", str(out)]) == 0
    assert "Sở A" in out.read_text(encoding="utf-8")


def test_a_manifest_someone_wrote_by_hand_names_only_what_it_records(project):
    mine = project.write("mine.csv", "x\n")
    project.write(MANIFEST, "not json")
    assert not_ours(mine) == "exists and was not made by egovnb"
    with pytest.raises(EgovnbError, match="mine.csv: exists and was not made by egovnb"):
        check_output(mine)
    mark_written([mine])
    assert not_ours(mine) is None
    assert check_outputs([mine], suffixes=None) == [mine]


def test_identical_bytes_are_never_a_loss(project):
    mine = project.write("notes.md", "same\n")
    assert not_ours(mine, b"same\n") is None
    assert not_ours(mine, b"other\n") == "exists and was not made by egovnb"


def test_demo_data_never_replaces_a_repository(project, capsys):
    """`egovnb demo-data .` in a repository used to replace its README, params and data."""
    readme = project.write("README.md", "# my project\n")
    _refused(capsys, ["demo-data", str(project.root), "--provinces", "1", "--years", "2024"],
             "README.md: exists and was not made by egovnb")
    assert readme.read_text() == "# my project\n"
    assert not (project.root / "params").exists()  # refused before anything was written


def test_demo_data_refuses_a_params_file_of_the_analyst(tmp_path, capsys):
    generate(tmp_path, provinces=1, years=(2024,))
    params = next((tmp_path / "params").glob("*.yaml"))
    params.write_text("province: mine\n", encoding="utf-8")
    _refused(capsys, ["demo-data", str(tmp_path), "--provinces", "1", "--years", "2024"],
             f"{params.name}: was changed since egovnb wrote it")
    assert params.read_text(encoding="utf-8") == "province: mine\n"


def test_demo_data_regenerates_its_own_set(tmp_path):
    first = generate(tmp_path, provinces=1, years=(2024,))
    again = generate(tmp_path, provinces=1, years=(2024,), seed=1)  # other scores, same files: egovnb's
    assert first.params_files == again.params_files
    (tmp_path / MANIFEST).unlink()  # a set from before manifests: its README says it is a demo set,
    generate(tmp_path, provinces=1, years=(2024,), seed=1)  # and its other files hold what would be written
    assert not_ours(first.params_files[0]) is None
    (tmp_path / MANIFEST).unlink()
    (tmp_path / "README.md").write_text("# DỮ LIỆU MINH HỌA, but my notes\n", encoding="utf-8")
    with pytest.raises(EgovnbError, match="README.md: exists and was not made by egovnb"):
        generate(tmp_path, provinces=1, years=(2024,), seed=1)


def test_an_input_through_a_previous_year_is_refused(project, capsys):
    project.write("units.csv", DATA)
    project.write("old.csv", DATA)
    project.write("framework.yaml", "tiers:\n  so-nganh: {rank_by: rate, levels: [{name: I, min: 0.9}]}\n")
    project.write("old.yaml", "province: Tỉnh Thử\nyear: 2023\ndata: old.csv\nframework: framework.yaml\n")
    project.write("p.yaml", "province: Tỉnh Thử\nyear: 2024\ndata: units.csv\nframework: framework.yaml\n"
                            "previous: old.yaml\n")
    _refused(capsys, ["score", str(project.root / "p.yaml"), "--out", str(project.root / "old.csv")],
             "is a previous year's data file")



def test_batch_never_replaces_an_index_page_of_the_analyst(tmp_path, capsys):
    from egovnb.batch.run import run_batch

    (tmp_path / "params").mkdir()
    (tmp_path / "params" / "p.yaml").write_text("province: X\nyear: 2024\n", encoding="utf-8")
    (tmp_path / "site").mkdir()
    mine = tmp_path / "site" / "index.html"
    mine.write_text("<h1>my site</h1>\n", encoding="utf-8")
    with pytest.raises(EgovnbError, match="index.html: exists and was not made by egovnb"):
        run_batch(tmp_path / "params", reports_root=tmp_path / "site", progress=False)
    assert mine.read_text(encoding="utf-8") == "<h1>my site</h1>\n"


def test_an_index_page_of_an_earlier_batch_is_recognised(tmp_path):
    from egovnb.batch.index import index_html
    from egovnb.batch.run import _batch_index

    page = tmp_path / "index.html"
    page.write_text(index_html([]), encoding="utf-8")
    assert _batch_index(page)
    page.write_text("<p>Made by egovnb, said my page</p>", encoding="utf-8")
    assert not _batch_index(page)
