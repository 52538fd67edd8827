"""Writing tables to files, atomically: a failed write never leaves half a file."""

from __future__ import annotations

import os
import re
import tempfile
import time
import zipfile
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from egovnb.core.errors import EgovnbError


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
            make_reproducible(temporary)
    return out


# Zip entries and document properties carry the time of writing; a workbook made from the
# same inputs must have the same bytes, so both get one fixed time instead.
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
_DOC_DATE = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def _fixed_time() -> tuple[tuple[int, ...], bytes]:
    """The zip time and the W3CDTF document date to write: ``SOURCE_DATE_EPOCH`` when set
    (the reproducible-builds convention), else 1980-01-01, the earliest a zip can hold."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        moment = time.gmtime(max(int(epoch), 315532800))
        return tuple(moment[:6]), time.strftime("%Y-%m-%dT%H:%M:%SZ", moment).encode()
    return _ZIP_EPOCH, b"1980-01-01T00:00:00Z"


def make_reproducible(path: Path) -> None:
    """Rewrite an .xlsx (a zip) in place so that its bytes depend on its content only:
    every entry gets the same fixed time, and so do the document's created and modified
    dates (openpyxl stamps both with the time of saving)."""
    zip_time, doc_date = _fixed_time()
    with zipfile.ZipFile(path) as source:
        entries = [(info, source.read(info.filename)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w") as target:
        for info, content in entries:
            if info.filename == "docProps/core.xml":
                content = _DOC_DATE.sub(rb"\g<1>" + doc_date + rb"\g<2>", content)
            fixed = zipfile.ZipInfo(info.filename, date_time=zip_time)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            target.writestr(fixed, content)
