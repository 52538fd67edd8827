"""Guards against hostile or mistaken input, in one place: nothing of the analyst's is
overwritten, no text becomes a spreadsheet formula, no two units share a file name, and no
input makes egovnb read or compute without bound.

Called from the few places that need them: the ``score`` and ``sensitivity`` commands
(outputs), the workbook writers (cells), the scorecards (file names), the data reader
(sizes) and the sensitivity analysis (draws).
"""

from __future__ import annotations

import os
import re
import zipfile
from collections import Counter
from pathlib import Path

from egovnb.core.errors import EgovnbError, InputError, Problem
from egovnb.core.files import file_problem, output_problem, resolved
from egovnb.core.internals import internal
# What a command may write (never an input of its run, never a file egovnb did not make) is
# egovnb.core.outputs; these names stay importable from here.
from egovnb.core.outputs import MAX_PREVIOUS, check_output, input_files  # noqa: F401
from egovnb.core.text import name_hash, slugify
from egovnb.core.yamlio import load_yaml

# --- folders reports go to ------------------------------------------------------------------

def check_folder(folder: str | Path, what: str = "reports folder") -> Path:
    """``folder`` if reports can be written under it (it is a folder, or can be made one);
    otherwise an EgovnbError naming the path and the reason."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise EgovnbError(f"{folder}: the {what} is a file, not a folder")
    reason = output_problem(folder / "x")
    if reason:
        raise EgovnbError(f"{folder}: the {what} {reason}" if reason.startswith("cannot")
                          else f"{folder}: {reason}")
    return folder


# --- spreadsheet cells never run data ---------------------------------------------------------

def text_stays_text(worksheet) -> None:
    """Store every text cell of ``worksheet`` as text. openpyxl makes a formula of any text
    starting with ``=`` and an error value of ``#N/A``, ``#DIV/0!`` …; a unit name or a
    label is data, so it is kept as a string cell and shows exactly as written. (Text
    starting with ``+``, ``-``, ``@``, a tab or a carriage return is already a string cell in
    a workbook; Excel only reads such text as a formula in a CSV or when typed.)"""
    # The cells that exist (openpyxl's private map): iter_rows() would create empty ones (and
    # change the file, not what it shows), so it is used only where that map is missing.
    existing = internal(worksheet, "_cells")
    cells = list(existing.values()) if existing is not None else [c for row in worksheet.iter_rows() for c in row]
    for cell in cells:
        if isinstance(cell.value, str) and cell.data_type != "s":
            cell.data_type = "s"


# --- file names ---------------------------------------------------------------------------------

def unit_file_slugs(keys: list[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """A distinct file-name slug for each (tier, unit): the unit's slug; where two units share
    it, the tier's slug after it (``tp-son-ha-huyen``); where that is still shared (``Sở A``,
    ``Sở Ă`` and ``Sở-A`` in one tier all give ``so-a``), eight hex digits of a hash of the
    tier and the NFC name after that. Distinct keys always get distinct slugs."""
    first = {key: slugify(key[1]) for key in keys}
    counts = Counter(first.values())
    second = {key: slug if counts[slug] == 1 else f"{slug}-{slugify(key[0])}" for key, slug in first.items()}
    counts = Counter(second.values())
    return {key: slug if counts[slug] == 1 else f"{slug}-{name_hash(key[0] + chr(0) + key[1])}"
            for key, slug in second.items()}


# --- inputs that would take without bound ----------------------------------------------------------

MAX_XLSX_UNCOMPRESSED = 512 * 2**20  # bytes of XML a workbook may unpack to
MAX_XLSX_CELLS = 50_000_000          # rows × columns a sheet may declare
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]+)?(\d+)?(?::([A-Z]+)(\d+))?"')


def check_workbook_size(path: Path) -> None:
    """Refuse, before loading it, an .xlsx that would take gigabytes of memory: one that
    unpacks to more than MAX_XLSX_UNCOMPRESSED bytes, or a sheet that declares more than
    MAX_XLSX_CELLS cells (a reader pads every row to the declared width)."""
    shown = str(path)
    try:
        with zipfile.ZipFile(path) as book:
            entries = book.infolist()
            unpacked = sum(entry.file_size for entry in entries)
            if unpacked > MAX_XLSX_UNCOMPRESSED:
                raise InputError([Problem(shown, None, None, (
                    f"the workbook unpacks to {unpacked / 2**20:,.0f} MiB; egovnb reads workbooks of up to "
                    f"{MAX_XLSX_UNCOMPRESSED / 2**20:,.0f} MiB (save the sheet as CSV instead)"))])
            for entry in entries:
                if entry.filename.startswith("xl/worksheets/") and entry.filename.endswith(".xml"):
                    with book.open(entry) as sheet:
                        head = sheet.read(4096)
                    cells = _declared_cells(head)
                    if cells > MAX_XLSX_CELLS:
                        raise InputError([Problem(shown, None, None, (
                            f"a sheet ({entry.filename.rsplit('/', 1)[-1]}) declares {cells:,} cells; egovnb "
                            f"reads sheets of up to {MAX_XLSX_CELLS:,} cells"))])
    except (zipfile.BadZipFile, OSError, EOFError):
        return  # not a zip at all: the workbook reader says so


def _declared_cells(head: bytes) -> int:
    from openpyxl.utils import column_index_from_string

    found = _DIMENSION.search(head)
    if not found or not found.group(3):
        return 0
    first_column, first_row, last_column, last_row = found.groups()
    try:
        columns = column_index_from_string(last_column.decode()) - column_index_from_string(
            (first_column or b"A").decode()) + 1
    except ValueError:
        return 0
    return max(columns, 1) * max(int(last_row) - int(first_row or 1) + 1, 1)


MAX_DRAWS = 100_000           # draws of the sensitivity analysis
MAX_DRAW_CELLS = 20_000_000   # draws × evaluated units: about 1 GiB at the analysis' peak


def draws_problem(draws: object, units: int | None = None) -> str | None:
    """Why ``draws`` cannot be run (not a whole number from 1 to MAX_DRAWS, or, with
    ``units`` evaluated units, more than MAX_DRAW_CELLS rank cells), or None."""
    if isinstance(draws, bool) or not isinstance(draws, int) or draws < 1:
        return f"'{draws}' must be a whole number of at least 1"
    if draws > MAX_DRAWS:
        return f"{draws:,} draws is more than the {MAX_DRAWS:,} egovnb runs (the default is 1,000)"
    if units is not None and draws * units > MAX_DRAW_CELLS:
        return (f"{draws:,} draws × {units:,} evaluated units would need several GiB of memory; "
                f"use at most {max(MAX_DRAW_CELLS // max(units, 1), 1):,} draws")
    return None



EARLY_HEADER_BYTES = 2**20  # a CSV larger than this has its header checked before its rows are read


def check_csv_header(path: Path, header_row: int, fields) -> None:
    """For a CSV larger than EARLY_HEADER_BYTES, the header checked before millions of rows are
    read: every grain needs a unit column (``fields``: each column's canonical name, None for a
    column egovnb does not know, as :class:`egovnb.core.headers.Header` gives them). The rest is
    for ``core.check_table.check_units``, which checks every file again."""
    try:
        if os.stat(path).st_size <= EARLY_HEADER_BYTES:
            return
    except OSError:
        return
    if "unit" not in set(fields):
        raise InputError([Problem(str(path), header_row, None,
                                  "no unit column ('unit' or 'Tên đơn vị') in the header (the header was "
                                  "checked before reading the rows)")])



MAX_CSV_BYTES = 2 * 2**30  # a CSV egovnb reads (100,000 units × 60 criteria is about 0.3 GiB)
MAX_CSV_LINE = 2**20       # bytes of one line: a row of a table is far shorter
_SCAN_BLOCK = 2**20


def check_csv_size(path: Path) -> None:
    """Refuse, before parsing it, a CSV over MAX_CSV_BYTES, or one with a line longer than
    MAX_CSV_LINE (a field of gigabytes would be held whole in memory). Lines are measured in
    blocks of a MiB: a block without a line break is a line of a MiB or more. Files of at most
    EARLY_HEADER_BYTES cannot hold such a line and are not scanned."""
    shown = str(path)
    try:
        size = os.stat(path).st_size
    except OSError:
        return
    if size > MAX_CSV_BYTES:
        raise InputError([Problem(shown, None, None, (
            f"the file is {size / 2**30:,.1f} GiB; egovnb reads CSV files of up to {MAX_CSV_BYTES / 2**30:,.0f} GiB"))])
    if size <= EARLY_HEADER_BYTES:
        return
    import mmap

    # Each MiB must hold a line break: searched in place (a line break comes within a few bytes
    # of any position of a table, so a MiB costs a page, not a copy).
    with open(path, "rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
        for start in range(0, size - _SCAN_BLOCK + 1, _SCAN_BLOCK):
            if mapped.find(b"\n", start, start + _SCAN_BLOCK) < 0:
                row = sum(mapped[i:min(i + _SCAN_BLOCK, start)].count(b"\n") for i in range(0, start, _SCAN_BLOCK)) + 1
                raise InputError([Problem(shown, row, None, (
                    f"a line longer than {MAX_CSV_LINE // 2**20} MiB (a field that never ends: an unclosed quote, "
                    "or not a table?); egovnb reads lines of up to 1 MiB"))])
