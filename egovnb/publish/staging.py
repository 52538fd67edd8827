"""One staging routine for everything written under ``reports/``: a report folder appears whole or not at all.

A run writes its new files into a fresh staging folder under the reports root
(the same file system, so renames are atomic). :func:`replace_folder` then
builds there the whole new ``<province>/<year>/`` folder — the new files, plus
what the run does not re-make and that still holds (scorecards, a PDF that
still matches the inputs) linked from the current folder — and swaps it in
with one rename (Linux's ``renameat2(RENAME_EXCHANGE)``; elsewhere two renames
that the next run completes or undoes). So the HTML, PDF, notebook and
scorecards of a run appear together or not at all, even when the process is
killed between two steps.

A staging folder is named after its process (``.staging-<pid>-<start time>-…``):
the next run removes those whose process is gone, restoring a folder that a
killed run had moved aside. Reports, scorecards and batch all write this way.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

PREFIX = ".staging-"
NEW, OLD, TARGET = "new", "old", "target"  # inside a staging folder: the folder built, the one replaced


def _start_time(pid: int) -> str:
    """The start time of process ``pid`` in clock ticks since boot (Linux), or "0": with the
    pid it tells a process from a later one that got the same pid."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        return stat.rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return "0"


def _owner_alive(name: str) -> bool:
    """Whether the process that made staging folder ``name`` is still running."""
    parts = name[len(PREFIX):].split("-")
    if len(parts) < 3 or not parts[0].isdigit():
        return False
    pid, start = int(parts[0]), parts[1]
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # someone else's process: alive
    return start == "0" or _start_time(pid) == start


def clean_stale(reports_root: Path) -> list[Path]:
    """Remove the staging folders under ``reports_root`` left by runs that were killed (their
    process is gone); a report folder such a run had moved aside and not replaced is put
    back first. Returns the folders removed."""
    removed = []
    try:
        candidates = sorted(p for p in Path(reports_root).iterdir() if p.name.startswith(PREFIX) and p.is_dir())
    except OSError:
        return removed
    for staging in candidates:
        if _owner_alive(staging.name):
            continue
        try:
            target = Path((staging / TARGET).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            target = None
        if target is not None and (staging / OLD).is_dir() and not target.exists():
            os.replace(staging / OLD, target)  # killed between the two renames: undo the first
        shutil.rmtree(staging, ignore_errors=True)
        removed.append(staging)
    return removed


@contextmanager
def staged(reports_root: Path, prefix: str = PREFIX) -> Iterator[Path]:
    """A new empty folder ``reports_root/<prefix><pid>-<start>-…`` (the root is created if
    needed, stale staging folders of killed runs are removed first), removed with whatever
    is left in it when the block ends."""
    root = Path(reports_root).resolve()
    root.mkdir(parents=True, exist_ok=True)
    clean_stale(root)
    pid = os.getpid()
    staging = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{pid}-{_start_time(pid)}-{prefix[len(PREFIX):]}", dir=root))
    try:
        yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def replace_folder(staging: Path, folder: Path, *, into: str = "", drop: Iterable[Path] = ()) -> list[Path]:
    """Make ``folder`` hold what it held (less the files in ``drop`` and those re-made) and
    every file of ``staging`` (placed in its subfolder ``into``), swapped in with one rename.
    Files and folders get the modes the user's umask gives. Returns the new files' final
    paths, in name order."""
    folder = Path(folder).resolve()
    made = sorted(p for p in staging.iterdir() if p.name not in (NEW, OLD, TARGET))
    new = staging / NEW
    umask = _umask()
    _mkdir(new / into, umask)
    for path in made:
        os.replace(path, new / into / path.name)
    placed = {(new / into / p.name).relative_to(new) for p in made}
    skipped = {Path(p).resolve().relative_to(folder) for p in drop if Path(p).resolve().is_relative_to(folder)}
    if folder.is_dir():
        _link_tree(folder, new, keep=lambda rel: rel not in placed and rel not in skipped, umask=umask)
    (staging / TARGET).write_text(str(folder), encoding="utf-8")
    _mkdir(folder.parent, umask)
    _swap(new, folder, staging / OLD)
    return [folder / rel for rel in sorted(placed)]


def _umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


def _mkdir(path: Path, umask: int) -> None:
    path.mkdir(parents=True, exist_ok=True)
    os.chmod(path, 0o777 & ~umask)  # mkdtemp's private mode would otherwise stick to the folder


def _link_tree(source: Path, target: Path, *, keep, umask: int) -> None:
    """Hard-link (or copy, where links are refused) every file under ``source`` whose
    relative path ``keep`` accepts into the same place under ``target``."""
    for path in sorted(source.rglob("*")):
        rel = path.relative_to(source)
        if path.is_dir() or path.is_symlink() or not keep(rel):
            continue
        _mkdir((target / rel).parent, umask)
        try:
            os.link(path, target / rel)
        except OSError:
            shutil.copy2(path, target / rel)


_RENAME_EXCHANGE = 2


def _swap(new: Path, folder: Path, aside: Path) -> None:
    """Put ``new`` at ``folder``: one atomic exchange where the system has one (the replaced
    folder ends in ``aside``), else ``folder`` → ``aside`` then ``new`` → ``folder`` (a run
    killed in between has its folder put back by :func:`clean_stale`)."""
    if not folder.exists():
        os.rename(new, folder)
        return
    if _exchange(new, folder):
        return
    os.rename(folder, aside)
    os.rename(new, folder)


def _exchange(first: Path, second: Path) -> bool:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), _RENAME_EXCHANGE)
    return result == 0
