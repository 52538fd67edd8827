"""The one staging routine: a report folder appears whole or not at all; killed runs are cleaned up."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from egovnb.publish import staging
from egovnb.publish.staging import PREFIX, clean_stale, replace_folder, staged


def files(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*")) if p.is_file()}


def umask() -> int:
    value = os.umask(0)
    os.umask(value)
    return value


@pytest.fixture
def year(tmp_path):
    folder = tmp_path / "hue" / "2020"
    (folder / "units").mkdir(parents=True)
    for name, text in {"r.html": "old page", "r.pdf": "old pdf", "units/a.html": "card a",
                       "units/b.html": "card b"}.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_new_files_replace_old_ones_and_the_rest_is_kept(tmp_path, year):
    with staged(tmp_path) as stage:
        (stage / "r.html").write_text("new page", encoding="utf-8")
        (stage / "r.ipynb").write_text("new notebook", encoding="utf-8")
        placed = replace_folder(stage, year, drop=[year / "r.pdf"])
    assert placed == [year / "r.html", year / "r.ipynb"]
    assert files(year) == {"r.html": "new page", "r.ipynb": "new notebook", "units/a.html": "card a",
                           "units/b.html": "card b"}
    assert [p.name for p in tmp_path.iterdir()] == ["hue"]  # no staging folder left
    assert year.stat().st_mode & 0o777 == 0o777 & ~umask()
    assert (year / "r.html").stat().st_mode & 0o777 == 0o666 & ~umask()


def test_scorecards_go_into_their_subfolder(tmp_path, year):
    with staged(tmp_path, prefix=".staging-units-") as stage:
        (stage / "a.html").write_text("card a, new", encoding="utf-8")
        replace_folder(stage, year, into="units", drop=[year / "units" / "a.pdf"])
    assert files(year)["units/a.html"] == "card a, new" and files(year)["units/b.html"] == "card b"
    assert files(year)["r.pdf"] == "old pdf"


@pytest.mark.parametrize("exchange", [True, False])
def test_the_folder_is_swapped_whole_and_a_failure_before_the_swap_changes_nothing(tmp_path, year, monkeypatch,
                                                                                   exchange):
    if not exchange:
        monkeypatch.setattr(staging, "_exchange", lambda first, second: False)
    before = files(year)
    monkeypatch.setattr(staging, "_swap", lambda *a: (_ for _ in ()).throw(OSError("disk full")))
    with pytest.raises(OSError), staged(tmp_path) as stage:
        (stage / "r.html").write_text("new page", encoding="utf-8")
        replace_folder(stage, year)
    assert files(year) == before
    monkeypatch.undo()
    if not exchange:
        monkeypatch.setattr(staging, "_exchange", lambda first, second: False)
    with staged(tmp_path) as stage:
        (stage / "r.html").write_text("new page", encoding="utf-8")
        replace_folder(stage, year)
    assert files(year) == {**before, "r.html": "new page"}


def dead_pid() -> int:
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    os.waitpid(pid, 0)
    return pid


def test_a_run_killed_between_the_two_renames_is_undone_by_the_next_run(tmp_path, year):
    before = files(year)
    left = tmp_path / f"{PREFIX}{dead_pid()}-123-abc"
    (left / "new").mkdir(parents=True)
    (left / "new" / "r.html").write_text("half", encoding="utf-8")
    (left / "target").write_text(str(year), encoding="utf-8")
    os.rename(year, left / "old")  # killed here: the report folder is gone
    with staged(tmp_path):
        pass
    assert files(year) == before
    assert [p.name for p in tmp_path.iterdir()] == ["hue"]


def test_only_the_staging_folders_of_finished_runs_are_removed(tmp_path):
    dead = tmp_path / f"{PREFIX}{dead_pid()}-1-x"
    mine = tmp_path / f"{PREFIX}{os.getpid()}-{staging._start_time(os.getpid())}-y"
    reused = tmp_path / f"{PREFIX}{os.getpid()}-999999999999-z"  # same pid, another process's start
    for folder in (dead, mine, reused):
        folder.mkdir()
    assert clean_stale(tmp_path) == sorted([dead, reused])
    assert mine.is_dir() and not dead.exists() and not reused.exists()
