"""`egovnb validate` over a folder or several files (egovnb.insight.validate_files), as a
province's CI and its pre-commit hook run it: every file checked, one summary, exit 1 if any
file has a problem; one params file is checked as it always was."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from egovnb.cli import main
from egovnb.insight.validate_files import files_to_check, is_framework, summary

from ..conftest import RATE_TIER

ROOT = Path(__file__).resolve().parents[2]
HEADER = "tier,unit,max_points,excluded_points,achieved_points\n"


@pytest.fixture
def folder(project):
    """params/ with two valid params files, one with a problem, and a framework in frameworks/."""
    project.write("data/units.csv", HEADER + "so-nganh,Sở Y tế,90,0,85\n")
    project.write("params/frameworks/f.yaml", yaml.safe_dump({"tiers": {"so-nganh": RATE_TIER}}, allow_unicode=True))
    for name, extra in (("a-2023.yaml", {}), ("b-2024.yaml", {}), ("c-2024.yaml", {"languge": "vi"})):
        mapping = {"province": "Tỉnh Thử", "year": 2024, "data": "../data/units.csv",
                   "framework": "frameworks/f.yaml", **extra}
        project.write(f"params/{name}", yaml.safe_dump(mapping, allow_unicode=True, sort_keys=False))
    project.write("params/.hidden.yaml", "not: a params file\n")
    project.write("params/notes.txt", "not YAML\n")
    return project.root / "params"


def test_a_folder_is_its_params_files_directly_in_it(folder):
    assert [Path(p).name for p in files_to_check([str(folder)])] == ["a-2023.yaml", "b-2024.yaml", "c-2024.yaml"]


def test_a_folder_with_one_bad_file_fails_with_one_summary(folder, capsys):
    assert main(["validate", str(folder)]) == 1
    out, err = capsys.readouterr()
    assert f"{folder / 'a-2023.yaml'}: params, framework and data are valid" in out
    assert "c-2024.yaml, line 5, column 'languge': unknown key; did you mean 'language'?" in err
    assert err.strip().splitlines()[-1] == "3 params files: 2 valid, 1 with problems"


def test_a_folder_of_valid_params_files_passes(folder, capsys):
    (folder / "c-2024.yaml").unlink()
    assert main(["validate", str(folder)]) == 0
    assert capsys.readouterr().out.strip().splitlines()[-1] == "2 params files: 2 valid, 0 with problems"


def test_an_empty_folder_is_an_error(tmp_path, capsys):
    assert main(["validate", str(tmp_path)]) == 1
    assert f"{tmp_path}: no params file (*.yaml, *.yml) in this folder" in capsys.readouterr().err


def test_one_params_file_is_reported_as_before(folder, capsys):
    path = str(folder / "b-2024.yaml")
    assert main(["validate", path]) == 0
    assert capsys.readouterr().out == f"{path}: params, framework and data are valid\n"
    assert main(["validate", str(folder / "c-2024.yaml")]) == 1
    assert capsys.readouterr().err.strip().splitlines()[-1] == "1 problem(s) found"


def test_a_framework_passed_on_its_own_is_checked_as_a_framework(folder, capsys):
    framework = folder / "frameworks" / "f.yaml"
    assert is_framework(yaml.safe_load(framework.read_text(encoding="utf-8")))
    assert not is_framework(yaml.safe_load((folder / "a-2023.yaml").read_text(encoding="utf-8")))
    assert main(["validate", str(framework), str(folder / "a-2023.yaml")]) == 0
    out = capsys.readouterr().out
    assert f"{framework}: the framework is valid" in out
    assert out.strip().splitlines()[-1] == "1 params file and 1 framework: 2 valid, 0 with problems"
    framework.write_text("tiers:\n  so-nganh:\n    rank_by: rank\n", encoding="utf-8")
    assert main(["validate", str(framework)]) == 1
    assert "column 'tiers.so-nganh.rank_by': 'rank' is not one of: rate, points, index" in capsys.readouterr().err


def test_summary_counts():
    from egovnb.insight.validate_files import Checked

    checked = [Checked(Path(f"{i}.yaml"), "params file", ()) for i in range(7)]
    checked.append(Checked(Path("8.yaml"), "params file", (object(),)))
    assert summary(checked) == "8 params files: 7 valid, 1 with problems"


def test_the_repository_s_own_params_folder_is_valid(capsys):
    assert main(["validate", str(ROOT / "params")]) == 0
    assert capsys.readouterr().out.strip().splitlines()[-1] == \
        f"{len(list((ROOT / 'params').glob('*.yaml')))} params files: " \
        f"{len(list((ROOT / 'params').glob('*.yaml')))} valid, 0 with problems"


# --- the pre-commit hook ---------------------------------------------------------------------------
def hook() -> dict:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [h["id"] for h in hooks] == ["egovnb-validate"]
    return hooks[0]


def test_the_hook_runs_egovnb_validate_on_the_params_and_frameworks_of_a_commit():
    import re

    spec = hook()
    assert spec["entry"] == "egovnb validate" and spec["pass_filenames"] is True
    files, hidden = re.compile(spec["files"]), re.compile(spec["exclude"])
    assert files.search("params/thua-thien-hue-2020.yaml") and files.search("params/frameworks/x.yml")
    assert not files.search("data/x/units.csv") and not files.search("README.md")
    assert hidden.search("params/.draft.yaml") and not hidden.search("params/thua-thien-hue-2020.yaml")


def test_the_hook_entry_runs_as_pre_commit_runs_it(folder):
    """pre-commit runs ``ENTRY FILE...`` from the repository's root with the changed files that
    match ``files``: here as a process, from a scratch repository's root, with three files."""
    spec = hook()
    root = folder.parent
    changed = ["params/a-2023.yaml", "params/frameworks/f.yaml", "params/b-2024.yaml"]
    egovnb = Path(sys.executable).with_name("egovnb")
    entry = [str(egovnb)] + spec["entry"].split()[1:] if egovnb.is_file() else \
        [sys.executable, "-m", "egovnb"] + spec["entry"].split()[1:]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(entry + changed, cwd=root, capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "2 params files and 1 framework: 3 valid, 0 with problems"
    done = subprocess.run(entry + changed + ["params/c-2024.yaml"], cwd=root, capture_output=True, text=True,
                          env=env, timeout=120)
    assert done.returncode == 1
    assert "params/c-2024.yaml, line 5, column 'languge': unknown key; did you mean 'language'?" in done.stderr
    assert "Traceback" not in done.stderr


def test_pre_commit_runs_the_hook_in_a_scratch_repository(folder, tmp_path):
    """With pre-commit at hand (not a dependency of egovnb: EGOVNB_PRE_COMMIT names its program,
    or it is on PATH), a scratch repository holding the params folder runs the hook as
    .pre-commit-hooks.yaml defines it, on egovnb as installed here (a local, system hook), on
    the files a commit stages: a misspelt key stops the commit."""
    import shutil

    program = os.environ.get("EGOVNB_PRE_COMMIT") or shutil.which("pre-commit")
    if not program:
        pytest.skip("pre-commit is not installed (it is not an egovnb dependency)")
    spec = hook()
    root = folder.parent
    local = {key: spec[key] for key in ("id", "name", "entry", "files", "exclude", "pass_filenames", "require_serial")}
    config = {"repos": [{"repo": "local", "hooks": [{**local, "language": "system"}]}]}
    (root / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@x",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@x", "PYTHONPATH": str(ROOT)}

    def run(*command):
        return subprocess.run(command, cwd=root, capture_output=True, text=True, env=env, timeout=300)

    assert run("git", "init", "-q").returncode == 0
    (root / "params" / "c-2024.yaml").unlink()
    run("git", "add", "-A")
    done = run(program, "run", "--verbose")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "2 params files and 1 framework: 3 valid, 0 with problems" in done.stdout
    bad = root / "params" / "b-2024.yaml"
    bad.write_text(bad.read_text(encoding="utf-8").replace("year:", "yaer:"), encoding="utf-8")
    run("git", "add", "-A")
    done = run(program, "run")
    assert done.returncode == 1
    assert "column 'yaer': unknown key; did you mean 'year'?" in done.stdout
