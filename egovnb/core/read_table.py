"""Reading unit data: CSV (UTF-8, with or without BOM) or an .xlsx sheet, as delivered.

This stage only reads: every cell stays as the analyst typed it (text, or a
number from Excel), with the spreadsheet row it came from. Checking and
typing are the job of :mod:`egovnb.validate`.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import warnings
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from pandas.api.types import union_categoricals

from egovnb.core.cell_marks import CellNotes, fill_merged, table_problems
from egovnb.core.errors import InputError, Problem
from egovnb.core.files import kind_problem
from egovnb.core.headers import IGNORED, SEARCH_ROWS, Header, locate_header
from egovnb.core.columns import TO_FILL
from egovnb.core.safety import check_csv_header, check_csv_size, check_workbook_size
from egovnb.core.internals import internal
from egovnb.core.sheet_xml import sheet_marks, sheet_member
from egovnb.core.text import clean_name, legacy_encoding, legacy_message
from egovnb.core.totals import leave_out_totals
from egovnb.core.workbook import (Skipped, first_row_header, not_evaluated_by_level, pick_sheet, second_table,
                                  sheet_cells, sheet_frame, table_header, unit_rows)

_CHUNK_ROWS = 500_000
ROW = "_row"  # column holding each record's spreadsheet row (header = row 1)


@dataclass(frozen=True)
class RawTable:
    """Cells of a data file, columns renamed to their canonical lower-case names.

    ``headers`` maps each canonical name back to the header the analyst wrote (whitespace
    folded), so that messages can quote it; ``written`` keeps it exactly as written (line
    breaks, NFD). ``source`` names the file, and the sheet of a workbook. For a province's
    own layout, ``header_rows`` are the rows of its header and ``skipped`` the rows under it
    that are not units (blank, total, note, header). ``problems`` are what reading found
    in the cells (formulas never computed, error values, hidden units, merged numbers), for
    the checks to report with their own; ``separator`` is a CSV's.
    """

    frame: pd.DataFrame
    source: str
    headers: dict[str, str]
    sheet: str | None = None
    header_row: int = 1
    header_rows: tuple[int, ...] = (1,)
    written: dict[str, str] = field(default_factory=dict)
    skipped: tuple[Skipped, ...] = ()
    problems: tuple[Problem, ...] = ()
    separator: str | None = None
    hidden_columns: frozenset[str] = frozenset()  # columns (canonical names) hidden in the sheet


@dataclass(frozen=True)
class _Cells:
    """What a reader found: the cells under the header (index: row − ``header_row`` − 1), the
    header, and its spreadsheet rows."""

    frame: pd.DataFrame
    header_row: int
    header: Header
    header_rows: tuple[int, ...]
    sheet: str | None = None
    notes: CellNotes | None = None
    separator: str | None = None


def read_table(path: Path, sheet: str | None = None, tier: str | None = None, table: int = 0,
               more: bool = False) -> RawTable:
    """Read a .csv or .xlsx data file (an .xlsx: ``sheet``, or its first visible sheet) as
    delivered: the header is found below title rows and may use the published Vietnamese
    wording; rows that are not units are left out. ``tier`` fills the ``tier`` column of a
    table that has none. ``table``: which table of the sheet, top to bottom (0: the first);
    ``more``: the params map a table under this one, which ends it (else a table under it is
    a problem). An unreadable file raises InputError."""
    path = Path(path)
    shown = str(path)
    if not path.is_file():
        raise InputError([Problem(shown, None, None, "data file not found")])
    kind, wrong = kind_problem(path)
    if wrong:
        raise InputError([Problem(shown, None, None, wrong)])
    if kind == "xlsx":
        cells = _read_xlsx(path, sheet, table)
        shown = f"{shown}, sheet '{cells.sheet}'"
    else:
        cells = _read_csv(path)
    frame, header, header_row = cells.frame, cells.header, cells.header_row
    fields = (header.fields + (None,) * frame.shape[1])[: frame.shape[1]]
    _refuse_unfilled(frame, shown, header_row)
    skipped: list[Skipped] = []
    if header.located and header.delivered and not frame.empty:
        keep, skipped = unit_rows(frame, fields, header_row + 1, cells.header_rows[-1] + 1)
        if not more:
            second_table(skipped, shown)  # never ranked with the first table's units
        frame = frame[keep.to_numpy()]
    read_problems = []
    if cells.notes is not None:
        rows = frame.index.to_numpy() + header_row + 1
        names = frame.iloc[:, fields.index("unit")].to_numpy() if "unit" in fields else [None] * len(rows)
        unit_names = {int(r): "" if name is None else clean_name(name) for r, name in zip(rows, names)}
        read_problems = table_problems(cells.notes, shown, [clean_name(c) for c in frame.columns], fields,
                                       set(unit_names), {s.row for s in skipped if s.kind != "blank"}, header_row,
                                       unit_names)
    names = [known or clean_name(original).lower() for original, known in zip(frame.columns, fields)]
    used = [i for i, (original, name) in enumerate(zip(frame.columns, names))
            if clean_name(original) and name != IGNORED]
    headers: dict[str, str] = {}
    written: dict[str, str] = {}
    problems = []
    for i in used:
        original = frame.columns[i]
        if names[i] in headers:
            problems.append(Problem(shown, header_row, clean_name(original), "this column appears twice"))
        headers[names[i]], written[names[i]] = clean_name(original), str(original)
    if problems:
        raise InputError(problems)
    for text in [cells.sheet or "", *(written[name] for name in headers)]:
        found = legacy_encoding(text) if text else None
        if found:
            where = "sheet name" if text == cells.sheet else "header"
            read_problems.append(Problem(shown, None if where == "sheet name" else header_row,
                                         None if where == "sheet name" else clean_name(text),
                                         f"{where} {legacy_message(text, found)}"))
    hidden = frozenset(names[i] for i in used if cells.notes is not None and i + 1 in cells.notes.hidden_columns)
    frame = frame.iloc[:, used]
    frame.columns = [names[i] for i in used]
    frame[ROW] = frame.index.to_numpy() + header_row + 1
    frame = frame.reset_index(drop=True)
    frame, totals = leave_out_totals(frame, shown, headers, ROW)  # only units are scored (core.totals)
    skipped = sorted(skipped + totals, key=lambda s: s.row)
    if frame.empty:
        raise InputError([Problem(shown, None, None, "the file has a header but no data rows")])
    evaluated = not_evaluated_by_level(frame)
    if evaluated is not None:
        frame["evaluated"] = evaluated.to_numpy()
    if tier is not None:
        if "tier" in frame.columns:
            raise InputError([Problem(shown, header_row, headers["tier"], "the table has its own tier column; "
                                      f"leave `tier: {tier}` out of the params")])
        frame.insert(0, "tier", tier)
    return RawTable(frame=frame, source=shown, headers=headers, sheet=cells.sheet, header_row=cells.header_rows[0],
                    header_rows=cells.header_rows, written=written, skipped=tuple(skipped),
                    problems=tuple(read_problems), separator=cells.separator, hidden_columns=hidden)


def _refuse_unfilled(frame: pd.DataFrame, shown: str, header_row: int) -> None:
    """Every cell still holding ``egovnb new``'s mark (:data:`TO_FILL`), named by row and column,
    before any row is taken for a title or note: such a cell is neither a value nor "does not apply"."""
    problems = []
    for position in range(frame.shape[1]):
        column = frame.iloc[:, position]
        if isinstance(column.dtype, pd.CategoricalDtype):
            if not any(_unfilled(c) for c in column.cat.categories):
                continue
        elif column.dtype != object:
            continue
        marked = column.map(_unfilled).to_numpy(dtype=bool)
        for index in frame.index[marked]:
            problems.append((int(index) + header_row + 1, position, Problem(
                shown, int(index) + header_row + 1, clean_name(frame.columns[position]) or None,
                f"still to fill (the cell says '{TO_FILL}'): type its value, or delete the row if it is no unit")))
    if problems:
        raise InputError([problem for _, _, problem in sorted(problems, key=lambda found: found[:2])])


def _unfilled(cell: object) -> bool:
    return isinstance(cell, str) and clean_name(cell).upper() == TO_FILL


def _read_csv(path: Path) -> _Cells:
    shown = str(path)
    check_csv_size(path)  # a huge file, or a line of gigabytes, before any is parsed
    skip, sep, header = _find_header(path)
    check_csv_header(path, skip + 1, header.fields)  # a big file: its header before its rows
    # Identifier columns are made categories by the parser itself, without a text object a cell.
    by_parser = {i for i, field in enumerate(header.fields) if field in _CATEGORY_FIELDS}
    try:
        parts = _read_csv_chunks(path, skip, sep, by_parser)
        # The parser makes numbers of categories that all read as numbers ("1.10" and "1.1"
        # would both be 1.1): such a column is read again, as text.
        inferred = {i for part in parts for i in by_parser
                    if i < part.shape[1] and not pd.api.types.is_string_dtype(part[i].cat.categories.dtype)}
        if inferred:
            parts = _read_csv_chunks(path, skip, sep, by_parser - inferred)
    except UnicodeDecodeError:
        _locate_bad_utf8(path)
        raise
    except pd.errors.ParserError as error:
        raise InputError([_parser_problem(shown, str(error))]) from None
    except pd.errors.EmptyDataError:
        raise InputError([Problem(shown, None, None, "the file has no header row")]) from None
    except _ExtraFields:
        raise InputError(_extra_fields(path, skip, sep, len(header.written))) from None
    if not parts:
        raise InputError([Problem(shown, None, None, "the file has a header but no data rows")])
    frame = pd.DataFrame(
        {column: union_categoricals([part[column] for part in parts]) for column in parts[0].columns},
    )
    frame.columns = (list(header.written) + [""] * frame.shape[1])[: frame.shape[1]]
    header_rows = tuple(skip + 1 + i for i in range(len(header.rows)))
    if len(header_rows) == 2:
        frame = frame.iloc[1:]  # the header's second row
    # Whole-blank lines are kept by read_csv (so row numbers stay true); drop them now. A line is
    # blank when every cell is: each next column is looked at only where the line is still blank.
    blank = np.arange(len(frame))
    for position in range(frame.shape[1]):
        values = frame.iloc[:, position].array
        empty = [i for i, c in enumerate(values.categories) if not str(c).strip()] + [-1]
        blank = blank[np.isin(values.codes[blank], empty)]
        if not len(blank):
            break
    if len(blank):
        keep = np.ones(len(frame), dtype=bool)
        keep[blank] = False
        frame = frame[keep]
    return _Cells(frame, skip + 1, header, header_rows, separator=sep)


class _ExtraFields(Exception):
    """A row has more cells than the header (pandas would drop them, or shift the columns)."""


def _extra_fields(path: Path, skip: int, sep: str, width: int) -> list[Problem]:
    """Each row (at most 20) with more cells than the header's ``width`` columns."""
    problems = []
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle, delimiter=sep)
        for number, record in enumerate(reader, start=1):
            if number > skip and len(record) > width:
                problems.append(Problem(str(path), reader.line_num, None, (
                    f"{len(record)} cells, but the header has {width} columns (a stray separator, or a decimal "
                    "comma in a number that is not quoted: write 78.5 or \"78,5\")")))
                if len(problems) == 20:
                    break
    return problems or [Problem(str(path), None, None, "a row has more cells than the header has columns")]


# The columns that name things (few distinct values, many rows) rather than hold numbers.
_CATEGORY_FIELDS = frozenset({"tier", "unit", "criterion", "group", "evaluated", "ranked"})


def _read_csv_chunks(path: Path, skip: int, sep: str, by_parser: set[int]) -> list[pd.DataFrame]:
    """The CSV's cells below its notes (its header row first) as categoricals of their text, in
    chunks, so a million rows cost little memory: the columns at ``by_parser`` made categories
    by the parser, every other cell read as text (never inferred: "1.10" is a criterion id, not
    1.1) and then made categories."""
    # index_col=False: a row with more cells than the header is found, not made an index.
    chunks = pd.read_csv(
        path, skiprows=skip, sep=sep, dtype=defaultdict(lambda: object, {i: "category" for i in by_parser}),
        na_filter=False, keep_default_na=False, skip_blank_lines=False, encoding="utf-8-sig",
        encoding_errors="strict", engine="c", chunksize=_CHUNK_ROWS, index_col=False,
    )
    parts = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", pd.errors.ParserWarning)
        for chunk in chunks:
            if any(issubclass(w.category, pd.errors.ParserWarning) for w in caught):
                raise _ExtraFields()
            parts.append(pd.DataFrame({i: _text_categories(chunk.iloc[:, i]) if i in by_parser
                                       else _categorical(chunk.iloc[:, i]) for i in range(chunk.shape[1])},
                                      index=chunk.index))
        if any(issubclass(w.category, pd.errors.ParserWarning) for w in caught):
            raise _ExtraFields()
    return parts


def _text_categories(column: pd.Series) -> pd.Series:
    """A column the parser made categories of, its categories as plain text objects (as
    :func:`_categorical` makes them); numbers it inferred are left for the caller to see."""
    categories = column.cat.categories
    if not pd.api.types.is_string_dtype(categories.dtype):
        return column
    return _text_categorical(column.cat.codes.to_numpy(), categories.to_numpy(dtype=object), column.index)


def _parser_problem(shown: str, message: str) -> Problem:
    """A CSV syntax error in the analyst's words, with its row when the parser gives one."""
    extra = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", message)
    if extra:
        expected, line, seen = (int(g) for g in extra.groups())
        return Problem(shown, line, None, f"{seen} cells, but the header has {expected} columns (a stray separator, "
                                          "or a decimal comma in a number that is not quoted: write 78.5 or \"78,5\")")
    if "EOF inside string" in message:
        return Problem(shown, None, None, "a quoted cell is never closed (a \" without its pair)")
    return Problem(shown, None, None, f"not a well-formed CSV table: {message.strip()}")


def _categorical(column: pd.Series) -> pd.Series:
    """A column of text cells as a categorical of the same text (factorized on plain objects,
    which is faster than ``astype("category")``)."""
    codes, uniques = pd.factorize(column.to_numpy(dtype=object))
    return _text_categorical(codes, uniques, column.index)


def _text_categorical(codes, texts, index) -> pd.Series:
    """A categorical Series of ``codes`` into ``texts``, kept as plain text objects."""
    return pd.Series(pd.Categorical.from_codes(codes, categories=pd.Index(texts, dtype=object)), index=index)


def _find_header(path: Path) -> tuple[int, str, Header]:
    """Where the header is: how many records come before it (``#`` notes, title rows), the
    separator, and the header (when no row names a table: the first line after the notes,
    not ``located``)."""
    shown = str(path)
    with open(path, "rb") as handle:
        head = handle.read(1 << 16)
    if not head.strip():
        raise InputError([Problem(shown, None, None, "the file is empty")])
    text = head.decode("utf-8-sig", errors="replace")
    lines = text.splitlines()
    if len(head) == 1 << 16 and lines:
        lines = lines[:-1]  # the last line may be cut mid-way
    notes = 0
    while notes < len(lines) and lines[notes].lstrip().startswith("#"):
        notes += 1
    if notes == len(lines):
        _locate_bad_utf8(path)
        raise InputError([Problem(shown, None, None, "the file has no header row")])
    if "\ufffd" in "\n".join(lines[notes:notes + SEARCH_ROWS]):
        _locate_bad_utf8(path)
    rest = "\n".join(lines[notes:])
    found = []
    for sep in (",", ";", "\t"):
        try:
            records = list(csv.reader(io.StringIO(rest), delimiter=sep))
        except csv.Error:
            continue
        header = locate_header(records)
        if header is not None:
            found.append((sum(1 for f in header.fields if f), -header.rows[0], sep, header))
    if found:
        _, _, sep, header = max(found, key=lambda entry: entry[:2])
        return notes + header.rows[0], sep, header
    sep = _sniff_delimiter(lines[notes])
    first = next(csv.reader(io.StringIO(rest), delimiter=sep), [])
    return notes, sep, Header((0,), tuple(first), located=False)


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


def _marks(book, worksheet, path: Path):
    """The marks of ``worksheet`` (formulas never computed, merged ranges, hidden rows and
    columns), read from the archive openpyxl holds open (its private ``_archive`` and
    ``_worksheet_path``), or where they are missing from the file again by the public way."""
    archive, member = internal(book, "_archive"), internal(worksheet, "_worksheet_path")
    if archive is not None and member is not None:
        return sheet_marks(archive, member)
    with zipfile.ZipFile(path) as archive:
        return sheet_marks(archive, sheet_member(archive, worksheet.title))


def _read_xlsx(path: Path, sheet: str | None, table: int = 0) -> _Cells:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    shown = str(path)
    check_workbook_size(path)  # refuse, before loading, a workbook that would take gigabytes
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, OSError, KeyError, ValueError) as error:
        raise InputError([Problem(shown, None, None, f"not a readable .xlsx workbook: {error}")]) from None
    try:
        worksheet = pick_sheet(book, sheet, shown)
        values, formats, errors = sheet_cells(worksheet)
        try:
            marks = _marks(book, worksheet, path)
        except (AttributeError, KeyError, OSError, zipfile.BadZipFile, EOFError, ValueError) as error:
            raise InputError([Problem(shown, None, None, f"not a readable .xlsx workbook: {error}")]) from None
    finally:
        book.close()
    header = (locate_header(values) or first_row_header(values)) if not table else \
        table_header(values, table, f"{shown}, sheet '{worksheet.title}'")
    if header is None:
        raise InputError([Problem(shown, None, None, f"sheet '{worksheet.title}' is empty")])
    merged_numbers = fill_merged(values, marks, header.rows[-1] + 2)
    frame, header_row = sheet_frame(values, formats, header)
    notes = CellNotes(merged_numbers, marks.uncomputed, tuple(errors), marks.hidden_rows, marks.hidden_columns)
    return _Cells(frame, header_row, header, tuple(r + 1 for r in header.rows), sheet=worksheet.title, notes=notes)
