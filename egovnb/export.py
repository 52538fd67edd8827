"""Writing tables to files, atomically: a failed write never leaves half a file."""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from .errors import EgovnbError


@contextmanager
def atomic_path(target: Path):
    """Yield a temporary path beside ``target``; move it into place only on success."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=target.suffix, dir=target.parent)
    os.close(handle)
    try:
        yield Path(temporary)
        os.replace(temporary, target)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def write_scores(scores: pd.DataFrame, out: Path) -> Path:
    """The scores table to ``out`` (.csv, UTF-8, decimal point; or .xlsx)."""
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise EgovnbError(f"{out}: the output must end in .csv or .xlsx")
    with atomic_path(out) as temporary:
        if suffix == ".csv":
            scores.to_csv(temporary, index=False, encoding="utf-8", lineterminator="\n")
        else:
            with pd.ExcelWriter(temporary, engine="openpyxl") as writer:
                scores.to_excel(writer, sheet_name="scores", index=False)
    return out
