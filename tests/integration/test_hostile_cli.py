"""Hostile input and faults end to end, as an analyst (or an attacker) types the commands (issue 11):
a clear message and a non-zero exit, never a traceback, no formula in a workbook, nothing of the
analyst's overwritten, no two units or provinces in one file."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from egovnb.cli import main
from egovnb.core.outputs import mark_written

ROOT = Path(__file__).resolve().parents[2]
HEADER = "tier,unit,max_points,excluded_points,achieved_points\n"
HOSTILE_NAMES = ['=HYPERLINK("http://example.com/x","Bấm vào đây")', "=1+1", "+SUM(1)", "-2+3", "@A1", "#N/A",
                 "Sở Tài chính"]
BILLION_LAUGHS = "".join(
    f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9) if i else ', '.join(['lol'] * 9)}]\n" for i in range(10)
)


def egovnb(*args, cwd=ROOT, umask=None, timeout=120):
    return subprocess.run([sys.executable, "-m", "egovnb", *map(str, args)], cwd=cwd, capture_output=True, text=True,
                          timeout=timeout, preexec_fn=(lambda: os.umask(umask)) if umask is not None else None)


def run(capsys, *args) -> tuple[int, list[str]]:
    code = main([str(a) for a in args])
    return code, capsys.readouterr().err.splitlines()


@pytest.fixture
def hostile(project):
    rows = "".join(f'so-nganh,"{name.replace(chr(34), chr(34) * 2)}",90,0,{90 - i * 5}\n'
                   for i, name in enumerate(HOSTILE_NAMES))
    project.write("units.csv", HEADER + rows)
    return project.params("units.csv")


# --- spreadsheets never run data -----------------------------------------------------------------------------------

def _text_cells(path: Path) -> dict[str, list]:
    with zipfile.ZipFile(path) as archive:
        assert not [n for n in archive.namelist() if n.startswith("xl/worksheets/") and b"<f>" in archive.read(n)]
    book = load_workbook(path)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f" and not (isinstance(cell.value, str) and cell.data_type != "s")
    return {sheet.title: [cell.value for row in sheet.iter_rows() for cell in row] for sheet in book.worksheets}


def test_no_name_becomes_a_formula_in_any_workbook(hostile, tmp_path, capsys):
    assert run(capsys, "score", hostile, "--out", tmp_path / "annex.xlsx")[0] == 0
    sheets = _text_cells(tmp_path / "annex.xlsx")
    for values in sheets.values():
        assert set(HOSTILE_NAMES) <= set(values)
    assert run(capsys, "sensitivity", hostile, "--draws", 20, "--out", tmp_path / "s.xlsx")[0] == 0
    assert set(HOSTILE_NAMES) <= set(_text_cells(tmp_path / "s.xlsx")["scores"])
    # The CSV is for programs: the names as they are.
    assert run(capsys, "score", hostile, "--out", tmp_path / "scores.csv")[0] == 0
    text = (tmp_path / "scores.csv").read_text(encoding="utf-8")
    assert "\nso-nganh,=1+1,90.0," in text and "\nso-nganh,@A1,90.0," in text


# --- nothing of the analyst's is lost -----------------------------------------------------------------------------

def test_an_output_that_is_an_input_is_refused_and_the_input_kept(project, capsys):
    project.write("units.csv", HEADER + "so-nganh,Sở Y tế,90,0,85\n")
    project.write("2023.csv", HEADER + "so-nganh,Sở Y tế,90,0,80\n")
    project.params("2023.csv", name="last.yaml", year=2023)
    params = project.params("units.csv", previous="last.yaml")
    before = {p.name: p.read_bytes() for p in project.root.iterdir()}
    for command in (("score", params, "--out", project.root / "units.csv"),
                    ("score", params, "--out", project.root / "2023.csv"),
                    ("sensitivity", params, "--out", project.root / "units.csv")):
        code, lines = run(capsys, *command)
        assert code == 1 and len(lines) == 1 and "writing there would replace it" in lines[0]
        assert lines[0].startswith(f"error: {command[-1]}: is ")
    assert {p.name: p.read_bytes() for p in project.root.iterdir()} == before


def test_outputs_get_the_permissions_of_the_users_umask(tmp_path):
    for name in ("scores.csv", "annex.xlsx"):
        result = egovnb("score", "params/thua-thien-hue-2020.yaml", "--out", tmp_path / name, umask=0o027)
        assert result.returncode == 0, result.stderr
        assert (tmp_path / name).stat().st_mode & 0o777 == 0o640


# --- every operating-system failure is one line ----------------------------------------------------------------

def test_operating_system_failures_are_one_line(hostile, tmp_path):
    (tmp_path / "folder.csv").mkdir()
    (tmp_path / "file").write_text("x")
    os.mkfifo(tmp_path / "fifo.csv")
    os.symlink(tmp_path / "loop-b.csv", tmp_path / "loop-a.csv")
    os.symlink(tmp_path / "loop-a.csv", tmp_path / "loop-b.csv")
    long = tmp_path / ("x" * 300 + ".csv")
    cases = [
        (("score", hostile, "--out", tmp_path / "folder.csv"), "is a folder, not a file"),
        (("score", hostile, "--out", tmp_path / "file" / "x.csv"), f"{tmp_path / 'file'} is a file, not a folder"),
        (("score", hostile, "--out", long), "the file name is too long"),
        (("score", hostile, "--out", tmp_path / "fifo.csv"), "is a FIFO (named pipe), not a file"),
        (("score", hostile, "--out", tmp_path / "loop-a.csv"), "symlink loop"),
        (("score", tmp_path / "fifo.csv", "--out", tmp_path / "o.csv"), "is a FIFO (named pipe), not a file"),
        (("run", tmp_path / "loop-a.csv"), "symlink loop"),
        (("run", hostile, "--reports", tmp_path / "file"), "the reports folder is a file, not a folder"),
        (("batch", tmp_path, "--reports", tmp_path / "file" / "r"), "is a file, not a folder"),
    ]
    for command, reason in cases:
        start = time.perf_counter()
        result = egovnb(*command, timeout=60)
        assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
        first = result.stderr.splitlines()[0]
        assert reason in first and (str(command[-1]) in first or str(command[1]) in first), result.stderr
        assert time.perf_counter() - start < 15  # refused before any kernel or rendering started
    assert not (tmp_path / "o.csv").exists()


@pytest.mark.parametrize("data, reason", [
    ("fifo.csv", "is a FIFO (named pipe), not a file"),
    ("loop.csv", "too many levels of symbolic links"),
    ("folder.csv", "is a folder, not a file"),
    ("x" * 300 + ".csv", "the file name is too long"),
])
def test_data_that_is_not_a_file_is_named_and_never_read(project, capsys, data, reason):
    os.mkfifo(project.root / "fifo.csv")
    os.symlink(project.root / "loop.csv", project.root / "loop.csv")
    (project.root / "folder.csv").mkdir()
    params = project.params(data)
    for command in (("validate", params), ("score", params, "--out", project.root / "o.csv")):
        code, lines = run(capsys, *command)
        assert code == 1 and len(lines) == 2
        assert lines[0].startswith(f"{params}, line 3, column 'data': data file {project.root / data}: ")
        assert reason in lines[0]


@pytest.mark.parametrize("code, reason", [(errno.EROFS, "the file system is read-only"),
                                          (errno.ENOSPC, "no space left on the disk"),
                                          (errno.EACCES, "permission denied")])
def test_a_disk_that_refuses_is_one_line_and_keeps_the_old_output(hostile, tmp_path, capsys, monkeypatch, code,
                                                                  reason):
    out = tmp_path / "annex.xlsx"
    out.write_bytes(b"previous annex")
    mark_written([out])  # an annex of an earlier run: egovnb's to replace (core.outputs)

    def refuse(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "replace", refuse)
    assert run(capsys, "score", hostile, "--out", out) == (1, [f"error: {out}: cannot write: {reason}"])
    assert out.read_bytes() == b"previous annex" and not list(tmp_path.glob(".annex*"))


def test_an_unexpected_system_failure_is_still_one_line(hostile, capsys, monkeypatch):
    def fail(*args, **kwargs):
        raise OSError(errno.EIO, "Input/output error", "/mnt/share/units.csv")

    monkeypatch.setattr("egovnb.core.assessment.sha256_of", fail)
    assert run(capsys, "score", hostile, "--out", "x.csv") == (
        1, ["error: /mnt/share/units.csv: input/output error (a failing disk or a lost network share?)"])


# --- inputs that look right but are not --------------------------------------------------------------------------

def test_a_billion_laughs_params_file_fails_at_once(project, capsys):
    params = project.write("p.yaml", BILLION_LAUGHS + "province: *l9\nyear: 2024\ndata: u.csv\nframework: f.yaml\n")
    for command in (("validate", params), ("score", params, "--out", project.root / "o.csv"), ("run", params)):
        start = time.perf_counter()
        code, lines = run(capsys, *command)
        assert time.perf_counter() - start < 0.5
        assert code == 1 and "expand to more than 100,000 values" in lines[0]


def test_duplicate_keys_name_file_line_and_key(project, capsys):
    project.write("units.csv", HEADER + "so-nganh,Sở Y tế,90,0,85\n")
    params = project.params("units.csv")
    params.write_text(params.read_text(encoding="utf-8") + "year: 2023\n", encoding="utf-8")
    assert run(capsys, "validate", params) == (1, [
        f"{params}, line 5, column 'year': this key appears twice in one mapping (first at line 2); keep one",
        "1 problem(s) found"])


@pytest.mark.parametrize("args, message", [
    (("--draws", "1000000000"), "error: --draws: 1,000,000,000 draws is more than the 100,000 egovnb runs "
                                "(the default is 1,000)"),
    (("--draws", "0"), "error: --draws: '0' must be a whole number of at least 1"),
    (("--seed", "-1"), "error: --seed: '-1' must be a whole number of at least 0"),
])
def test_absurd_sensitivity_options(hostile, tmp_path, capsys, args, message):
    assert run(capsys, "sensitivity", hostile, *args, "--out", tmp_path / "s.csv") == (1, [message])
    assert not (tmp_path / "s.csv").exists()


# --- names that fold to the same file --------------------------------------------------------------------------

@pytest.mark.slow
def test_look_alike_units_and_a_province_without_latin_letters_get_their_own_files(project, tmp_path, capsys):
    project.write("units.csv", HEADER + "so-nganh,Sở A,90,0,85\nso-nganh,Sở Ă,90,0,80\nso-nganh,Sở-A,90,0,75\n"
                                        "so-nganh,\"Sở $5 triệu$, x^$\",90,0,70\n")
    params = project.params("units.csv", province="北京")
    reports = tmp_path / "reports"
    assert run(capsys, "run", params, "--all-units", "--reports", reports)[0] == 0
    folders = [p for p in reports.iterdir() if not p.name.startswith(".")]
    assert len(folders) == 1 and folders[0].name not in ("unnamed", "")
    pages = sorted(p.name for p in (folders[0] / "2024" / "units").glob("*.html"))
    assert len(pages) == 4 and len({p.removesuffix(".html") for p in pages}) == 4
    other = project.params("units.csv", name="q.yaml", province="上海")
    from egovnb.core.params import load_params
    from egovnb.publish.render import report_paths

    assert report_paths(load_params(other), reports).folder != report_paths(load_params(params), reports).folder


# --- cells that could mean two things (issue 17) --------------------------------------------------------------------

@pytest.mark.parametrize("body, message", [
    ("so-nganh,Sở A,100,0,78,5\nso-nganh,Sở B,100,0,80,5\n", "row 2: 6 cells, but the header has 5 columns"),
    ("so-nganh,Sở A,100,#N/A,80\n", "row 2, column 'excluded_points': the Excel error value #N/A"),
    ("so-nganh,Sở A,1.000,0,80\n", "'1.000' could be 1 (decimal separator) or 1000 (thousands separator)"),
    ("so-nganh,Sở A,100,0,85%\n", "'85%' is a percentage, but this column holds points"),
    ("so-nganh,Së Tµi chÝnh,100,0,80\n", "'Së Tµi chÝnh' looks like TCVN3 (ABC) text, not Unicode"),
])
def test_validate_and_score_refuse_what_could_mean_two_things(project, capsys, body, message):
    project.write("units.csv", HEADER + body)
    params = project.params("units.csv")
    for args in (("validate", params), ("score", params, "--out", project.root / "scores.csv")):
        code, err = run(capsys, *args)
        assert code == 1 and any(message in line for line in err), err
        assert not any("Traceback" in line for line in err)
    assert not (project.root / "scores.csv").exists()
