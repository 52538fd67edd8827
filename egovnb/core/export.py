"""Writing tables to files, atomically: a failed write never leaves half a file."""

from __future__ import annotations

import math
import os
import re
import tempfile
import time
import zipfile
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from egovnb.core.errors import EgovnbError, WriteError
from egovnb.core.files import os_reason, user_mode
from egovnb.core.outputs import mark_written
from egovnb.core.safety import text_stays_text


@contextmanager
def atomic_path(target: Path):
    """Yield a temporary path beside ``target``; move it into place only on success, with the
    permissions the user's umask gives a new file. A failure of the system (a read-only or
    full disk, a folder in the way …) is an EgovnbError in one line naming ``target``."""
    target = Path(target)
    temporary = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        # The temporary name starts like the target's (cut, so it is never too long to create).
        handle, temporary = tempfile.mkstemp(prefix=f".{target.stem[:100]}.", suffix=target.suffix,
                                             dir=target.parent)
        os.close(handle)
        yield Path(temporary)
        os.chmod(temporary, user_mode())  # mkstemp makes it 0600
        os.replace(temporary, target)
    except OSError as error:
        raise WriteError(f"{target}: cannot write: {os_reason(error)}") from None
    finally:
        if temporary is not None and os.path.exists(temporary):
            os.unlink(temporary)


# Significant digits a computed value is written with: far beyond any published precision
# (points to five decimals, rates to two decimals of a percent, ties to nine decimals of
# values under 1,000), short of the last digits where float arithmetic leaves its noise.
WRITTEN_DIGITS = 12


def clean_float(value):
    """A float as it should be written: rounded to :data:`WRITTEN_DIGITS` significant digits,
    so that it prints as its shortest repr (``0.834``, not ``0.8340000000000001``). Anything
    else (text, NaN, an int, an infinity) is returned as it is."""
    if isinstance(value, float) and math.isfinite(value) and value != 0:
        return float(f"{value:.{WRITTEN_DIGITS}g}")
    return value


def without_float_noise(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` with every float column's values passed through :func:`clean_float`."""
    table = table.copy()
    for column in table.columns:
        if pd.api.types.is_float_dtype(table[column].dtype):
            values = table[column].to_numpy(dtype=float)
            table[column] = [clean_float(float(v)) for v in values]
    return table


@contextmanager
def output_path(target: Path, root: Path | None = None):
    """:func:`atomic_path` for a file a command writes for the analyst: on success it is also
    recorded as made by egovnb (:func:`egovnb.core.outputs.mark_written`, in the manifest of
    ``root`` or of its folder), so that a later run may replace it and nothing else. Check the
    target first with :func:`egovnb.core.outputs.check_output`."""
    target = Path(target)
    with atomic_path(target) as temporary:
        yield temporary
    try:
        mark_written([target], root)
    except OSError as error:
        raise WriteError(f"{target}: written, but cannot record it as made by egovnb: {os_reason(error)}") from None


def write_scores(scores: pd.DataFrame, out: Path) -> Path:
    """The scores table to ``out`` (.csv, UTF-8, decimal point; or .xlsx).

    Computed values are written without float noise (``0.834``, see :func:`clean_float`).
    The CSV is for programs: every value is written as it is (a unit named ``=1+1`` stays
    ``=1+1``, unquoted and unprefixed), so nothing read back differs from the data. The
    workbook stores text as text cells, never as formulas."""
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise EgovnbError(f"{out}: the output must end in .csv or .xlsx")
    scores = without_float_noise(scores)
    with output_path(out) as temporary:
        if suffix == ".csv":
            scores.to_csv(temporary, index=False, encoding="utf-8", lineterminator="\n")
        else:
            with pd.ExcelWriter(temporary, engine="openpyxl") as writer:
                scores.to_excel(writer, sheet_name="scores", index=False)
                writer.book.properties.creator = "egovnb"
                text_stays_text(writer.sheets["scores"])  # a name is never a formula
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
