"""One staging routine for everything written under ``reports/``: nothing half-written over a good file.

A run writes its files into a fresh staging folder under the reports root
(the same file system, so moving is atomic) and moves them into place only
when every one of them was made; the staging folder is removed whatever
happens, so a failed run leaves the earlier files as they were. Reports,
scorecards and batch all write this way.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def staged(reports_root: Path, prefix: str = ".staging-") -> Iterator[Path]:
    """A new empty folder ``reports_root/<prefix>…`` (the root is created if needed), removed
    with whatever is left in it when the block ends."""
    root = Path(reports_root).resolve()
    root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=prefix, dir=root))
    try:
        yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def publish(staging: Path, folder: Path, *, stale: Iterable[Path] = ()) -> list[Path]:
    """Move every file of ``staging`` into ``folder`` (created if needed), each move atomic,
    then remove the ``stale`` files: files of an earlier run that this run did not make and
    that would no longer agree with the new ones (a PDF beside a newer HTML page). Returns
    the files moved, in name order."""
    folder.mkdir(parents=True, exist_ok=True)
    moved = []
    for staged_file in sorted(staging.iterdir()):
        target = folder / staged_file.name
        os.replace(staged_file, target)
        moved.append(target)
    for path in stale:
        if path not in moved:
            Path(path).unlink(missing_ok=True)
    return moved
