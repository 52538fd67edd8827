"""Reading unit data: CSV (UTF-8, with or without BOM) or an .xlsx sheet, as delivered.

This stage only reads: every cell stays as the analyst typed it (text, or a
number from Excel), with the spreadsheet row it came from. Checking and
typing are the job of :mod:`egovnb.validate`.
"""

from __future__ import annotations

import codecs
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from pandas.api.types import union_categoricals

from egovnb.core.errors import InputError, Problem
from egovnb.core.safety import check_csv_header, check_workbook_size
from egovnb.core.text import clean_name

_CHUNK_ROWS = 500_000
ROW = "_row"  # column holding each record's spreadsheet row (header = row 1)


@dataclass(frozen=True)
class RawTable:
    """Cells of a data file, columns renamed to their canonical lower-case names.

    ``headers`` maps each canonical name back to the header the analyst wrote,
    so that messages can quote it.
    """

    frame: pd.DataFrame
    source: str
    headers: dict[str, str]


def read_table(path: Path, sheet: str | None = None) -> RawTable:
    """Read a .csv or .xlsx data file; an unreadable file raises InputError."""
    path = Path(path)
    shown = str(path)
    if not path.is_file():
        raise InputError([Problem(shown, None, None, "data file not found")])
    if path.suffix.lower() == ".xlsx":
        frame, header_row = _read_xlsx(path, sheet)
    else:
        frame, header_row = _read_csv(path)
    headers: dict[str, str] = {}
    problems = []
    for position, original in enumerate(frame.columns):
        name = clean_name(original).lower()
        if not name:
            continue
        if name in headers:
            problems.append(Problem(shown, header_row, original, "this column appears twice"))
        headers[name] = clean_name(original)
    if problems:
        raise InputError(problems)
    keep = [c for c in frame.columns if clean_name(c)]
    frame = frame[keep]
    frame.columns = [clean_name(c).lower() for c in keep]
    frame[ROW] = frame.index.to_numpy() + header_row + 1
    frame = frame.reset_index(drop=True)
    if frame.empty:
        raise InputError([Problem(shown, None, None, "the file has a header but no data rows")])
    return RawTable(frame=frame, source=shown, headers=headers)


def _read_csv(path: Path) -> tuple[pd.DataFrame, int]:
    shown = str(path)
    skip, header = _find_header(path)
    check_csv_header(path, skip + 1, header, _sniff_delimiter(header))  # a big file: before its rows
    try:
        # Cells are read as text (never inferred: "1.10" is a criterion id, not 1.1) in
        # chunks, each turned into categoricals, so a million rows cost little memory.
        chunks = pd.read_csv(
            path, skiprows=skip, sep=_sniff_delimiter(header), dtype=object, na_filter=False,
            keep_default_na=False, skip_blank_lines=False, encoding="utf-8-sig", encoding_errors="strict",
            engine="c", chunksize=_CHUNK_ROWS,
        )
        parts = [pd.DataFrame({c: _categorical(chunk[c]) for c in chunk.columns}, index=chunk.index)
                 for chunk in chunks]
    except UnicodeDecodeError:
        _locate_bad_utf8(path)
        raise
    except pd.errors.ParserError as error:
        raise InputError([_parser_problem(shown, str(error))]) from None
    except pd.errors.EmptyDataError:
        raise InputError([Problem(shown, None, None, "the file has no header row")]) from None
    if not parts:
        raise InputError([Problem(shown, None, None, "the file has a header but no data rows")])
    frame = pd.DataFrame(
        {column: union_categoricals([part[column] for part in parts]) for column in parts[0].columns},
    )
    # Whole-blank lines are kept by read_csv (so row numbers stay true); drop them now.
    blank = pd.Series(True, index=frame.index)
    for column in frame.columns:
        values = frame[column]
        empty = [c for c in values.cat.categories if not str(c).strip()]
        blank &= values.isin(empty) | values.isna()
    frame = frame[~blank.to_numpy()]
    return frame, skip + 1


def _parser_problem(shown: str, message: str) -> Problem:
    """A CSV syntax error in the analyst's words, with its row when the parser gives one."""
    extra = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", message)
    if extra:
        expected, line, seen = (int(g) for g in extra.groups())
        return Problem(shown, line, None, f"{seen} cells, but the header has {expected} columns "
                                          "(a stray separator, or a comma in a number or name that is not quoted?)")
    if "EOF inside string" in message:
        return Problem(shown, None, None, "a quoted cell is never closed (a \" without its pair)")
    return Problem(shown, None, None, f"not a well-formed CSV table: {message.strip()}")


def _categorical(column: pd.Series) -> pd.Series:
    """A column of text cells as a categorical of the same text (factorized on plain objects,
    which is faster than ``astype("category")``)."""
    codes, uniques = pd.factorize(column.to_numpy(dtype=object))
    return pd.Series(pd.Categorical.from_codes(codes, categories=pd.Index(uniques, dtype=object)),
                     index=column.index)


def _find_header(path: Path) -> tuple[int, str]:
    """How many leading lines are ``#`` notes, and the header line after them."""
    shown = str(path)
    with open(path, "rb") as handle:
        head = handle.read(1 << 16)
    if not head.strip():
        raise InputError([Problem(shown, None, None, "the file is empty")])
    text = head.decode("utf-8-sig", errors="replace")
    lines = text.splitlines()
    if len(head) == 1 << 16 and lines:
        lines = lines[:-1]  # the last line may be cut mid-way
    skip = 0
    while skip < len(lines) and lines[skip].lstrip().startswith("#"):
        skip += 1
    if skip == len(lines):
        _locate_bad_utf8(path)
        raise InputError([Problem(shown, None, None, "the file has no header row")])
    if "\ufffd" in lines[skip]:
        _locate_bad_utf8(path)
    return skip, lines[skip]


def _locate_bad_utf8(path: Path) -> None:
    """Raise an InputError naming the row of the first byte that is not UTF-8, if any."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset = 0
    newlines = 0
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 22), b""):
            try:
                decoder.decode(block)
            except UnicodeDecodeError as error:
                row = newlines + block[: error.start].count(b"\n") + 1
                raise InputError([Problem(
                    str(path), row, None,
                    f"not UTF-8 text (byte {offset + error.start}); save the file as 'CSV UTF-8' "
                    "from Excel or LibreOffice",
                )]) from None
            offset += len(block)
            newlines += block.count(b"\n")
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        raise InputError([Problem(str(path), newlines + 1, None,
                                  "not UTF-8 text (the file ends mid-character)")]) from None


def _sniff_delimiter(header: str) -> str:
    """Comma unless the header is clearly semicolon- or tab-separated (Excel in vi/European locales)."""
    counts = {sep: header.count(sep) for sep in (",", ";", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] > 0 else ","


def _read_xlsx(path: Path, sheet: str | None) -> tuple[pd.DataFrame, int]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    shown = str(path)
    check_workbook_size(path)  # refuse, before loading, a workbook that would take gigabytes
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, OSError, KeyError, ValueError) as error:
        raise InputError([Problem(shown, None, None, f"not a readable .xlsx workbook: {error}")]) from None
    try:
        if sheet is None:
            worksheet = book.worksheets[0]
        elif sheet in book.sheetnames:
            worksheet = book[sheet]
        else:
            raise InputError([Problem(shown, None, None,
                                      f"no sheet named '{sheet}'; sheets: {', '.join(book.sheetnames)}")])
        rows = list(worksheet.iter_rows(values_only=True))
    finally:
        book.close()
    header_index = next((i for i, row in enumerate(rows) if any(_filled(v) for v in row)), None)
    if header_index is None:
        raise InputError([Problem(shown, None, None, f"sheet '{worksheet.title}' is empty")])
    header = [("" if v is None else str(v)) for v in rows[header_index]]
    records, index = [], []
    for offset, row in enumerate(rows[header_index + 1:], start=1):
        if not any(_filled(v) for v in row):
            continue
        cells = list(row[: len(header)]) + [None] * (len(header) - len(row))
        records.append(["" if v is None else (v if isinstance(v, (int, float)) else str(v)) for v in cells])
        index.append(offset - 1)
    frame = pd.DataFrame(records, columns=header, index=index, dtype=object)
    return frame, header_index + 1


def _filled(value: object) -> bool:
    return value is not None and str(value).strip() != ""


