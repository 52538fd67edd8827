"""A province's own workbook, read as delivered: which sheet, which rows are units.

:mod:`egovnb.core.headers` finds the header and names the columns; this module picks
the sheet (never a hidden one unless the params name it), turns an Excel sheet into
cells as the analyst sees them (published figures through their number format), and
tells unit rows from the rest of an annex: blank rows, a total or mean row ("Tổng cộng",
"Bình quân"), a repeated header or a row of column numbers, notes and signature lines
under the table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import pandas as pd

from egovnb.core.cells import shown
from egovnb.core.errors import InputError, Problem
from egovnb.core.headers import IGNORED, PUBLISHED, Header, field_of, locate_header
from egovnb.core.text import clean_name

_TOTALS = ("tổng cộng", "tổng số", "tổng", "cộng", "bình quân", "trung bình", "điểm trung bình", "total",
           "average", "mean")
_TOTAL_PREFIXES = ("tổng cộng", "bình quân", "trung bình chung", "trung bình cộng", "điểm bình quân",
                   "điểm trung bình")
_NOTE_PREFIXES = ("ghi chú", "chú thích", "lưu ý", "nguồn:", "nguồn số liệu", "note", "source", "*", "(*)")
_NOT_EVALUATED = frozenset({"không đánh giá", "chưa đánh giá", "không có kết quả", "not evaluated"})
# A row numbering the columns under the header: (1), (2), (3)=(1)-(2), A, B, 1, 2 ...
_COLUMN_NUMBER = re.compile(r"^\(?[0-9a-z]{1,2}\)?(\s*[-+=*/x×:]\s*\(?[0-9a-z]{1,2}\)?)*$")
# Columns whose cells are not measures of the unit (to tell a unit row from a title or note).
_NOT_MEASURES = ("unit", IGNORED, None)


@dataclass(frozen=True)
class Skipped:
    """A row below the header that is not a unit: ``kind`` is blank, total, note, signature or
    header."""

    row: int
    kind: str
    text: str


def pick_sheet(book, name: str | None, shown_file: str):
    """The worksheet named ``name`` (also matched after NFC, spacing and case folding), or
    the first visible one; a hidden sheet is read only when named."""
    if name is None:
        visible = [sheet for sheet in book.worksheets if sheet.sheet_state == "visible"]
        if not visible:
            raise InputError([Problem(shown_file, None, None, "every sheet of the workbook is hidden; "
                                      "name the one to read with `sheet:` in the params")])
        return visible[0]
    if name in book.sheetnames:
        return book[name]
    wanted = clean_name(name).casefold()
    for sheet in book.worksheets:
        if clean_name(sheet.title).casefold() == wanted:
            return sheet
    listed = ", ".join(f"'{s.title}'" + (" (hidden)" if s.sheet_state != "visible" else "") for s in book.worksheets)
    raise InputError([Problem(shown_file, None, None, f"no sheet named '{name}'; the sheets are: {listed}")])


def sheet_cells(worksheet) -> tuple[list[list], list[list], list[tuple[int, int, str]]]:
    """A sheet's cell values by row (row 1 first; empty rows kept, so positions are rows), the
    number format of every number cell (None elsewhere), and the error values (``#N/A`` …)
    by row and column (1-based)."""
    values, formats, errors = [], [], []
    worksheet.reset_dimensions()  # some writers record a wrong size; read every row there is
    for number, row in enumerate(worksheet.iter_rows(), start=1):
        cells = [cell.value for cell in row]
        values.append(cells)
        formats.append([cell.number_format if isinstance(value, (int, float)) else None
                        for cell, value in zip(row, cells)])
        if "#" in "".join(v for v in cells if isinstance(v, str)):
            errors += [(number, column, cell.value) for column, cell in enumerate(row, start=1)
                       if cell.data_type == "e"]
    return values, formats, errors


def first_row_header(values: list[list]) -> Header | None:
    """The first non-empty row as the header, for a sheet where no row names a table
    (None for an empty sheet)."""
    first = next((i for i, row in enumerate(values) if any(_filled(v) for v in row)), None)
    if first is None:
        return None
    return Header((first,), tuple("" if v is None else str(v) for v in values[first]), located=False)


def sheet_frame(values: list[list], formats: list[list], header: Header) -> tuple[pd.DataFrame, int]:
    """The cells under the header as a frame (index: row − header row − 1), and the header row.

    Published figures are kept as shown (``82,40%`` for 0.824 formatted ``0.00%``); other
    cells as numbers or text.
    """
    names = list(header.written)
    fields = header.fields
    last = header.rows[-1]
    records, index = [], []
    for position in range(last + 1, len(values)):
        row, row_formats = values[position], formats[position]
        if not any(_filled(v) for v in row):
            continue
        cells = []
        for column in range(len(names)):
            value = row[column] if column < len(row) else None
            number_format = row_formats[column] if column < len(row_formats) else None
            if fields[column] in PUBLISHED or (number_format and "%" in number_format):
                # A percentage is kept as shown ("85%"): a points column refuses it, a rate reads it.
                cells.append(shown(value, number_format))
            else:
                cells.append("" if value is None else (value if isinstance(value, (int, float)) else str(value)))
        records.append(cells)
        index.append(position - last - 1)
    return pd.DataFrame(records, columns=names, index=index, dtype=object), last + 1


def unit_rows(frame: pd.DataFrame, fields: tuple, base_row: int, first_data_row: int
              ) -> tuple[pd.Series, list[Skipped]]:
    """Which rows of a delivered table are units, and what each other row is.

    ``frame`` has the table's columns by position (``fields`` names them) and its index is
    the row − ``base_row``; the table starts at ``first_data_row``. A unit row has a name; a
    row without one is kept only when it has a number in STT and a measure (so validation
    reports the missing name).
    """
    text = pd.DataFrame({i: _texts(frame.iloc[:, i]) for i in range(frame.shape[1])}, index=frame.index)
    unit_column = fields.index("unit")
    stt_columns = [i for i, field in enumerate(fields) if field == IGNORED]
    measures = [i for i, field in enumerate(fields) if field not in _NOT_MEASURES]
    name = text[unit_column].map(clean_name)
    stt = text[stt_columns[0]] if stt_columns else pd.Series("", index=frame.index)
    numbered = stt.str.fullmatch(r"\d+(\.0+)?").fillna(False)
    measured = (text[measures] != "").any(axis=1) if measures else pd.Series(False, index=frame.index)
    shaped = (name != "") & (numbered | measured)
    last_unit = shaped[shaped].index.max() if shaped.any() else -1
    kinds = pd.Series("", index=frame.index, dtype=object)
    for index in frame.index:
        cells = text.loc[index]
        right = next((i for i, v in enumerate(cells) if v), -1) > unit_column
        kinds[index] = _kind(name[index], cells, bool(numbered[index]), bool(measured[index]),
                             index > last_unit, right, bool(stt[index]) and not numbered[index])
    _second_table(kinds, text)
    skipped = [Skipped(int(index) + base_row, kind, _first_text(text.loc[index]))
               for index, kind in kinds.items() if kind]
    # Blank rows inside the table: the frame holds no empty row, so they are the gaps.
    present = set(int(i) + base_row for i in frame.index)
    end = int(frame.index.max()) + base_row if len(frame) else first_data_row - 1
    skipped += [Skipped(row, "blank", "") for row in range(first_data_row, end + 1) if row not in present]
    return kinds == "", sorted(skipped, key=lambda s: s.row)


def _second_table(kinds: pd.Series, text: pd.DataFrame) -> None:
    """A header naming a table again under units, with units under it, starts a second table
    (another tier's, under its own title): its header row becomes kind ``table`` and every
    row under it ``second table``, so that none is ranked with the first table's units."""
    units = (kinds == "").to_numpy()
    if not units.any():
        return
    first_unit = units.argmax()
    for position in range(first_unit + 1, len(kinds)):
        if units[position]:
            continue
        fields = [field_of(v) for v in text.iloc[position] if v]
        if "unit" in fields and len(set(fields) - {None}) >= 2:
            if units[position + 1:].any():
                kinds.iloc[position] = "table"
                kinds.iloc[position + 1:] = "second table"
            return


def second_table(skipped, shown_file: str) -> None:
    """Raise an InputError when the rows under a table hold a table the params do not map
    (:func:`unit_rows`)."""
    for row in skipped:
        if row.kind == "table":
            raise InputError([Problem(shown_file, row.row, None, (
                "another table starts here (a header under the units of the one above), which the params do not "
                "map, so its units are not ranked with those above; give the sheet's tables their tiers, top to "
                "bottom, in `sheets:` (e.g. {\"Kết quả\": [so-nganh, huyen]}), or delete this header row if the "
                "table goes on"))])


def table_header(values: list[list], table: int, shown_sheet: str) -> Header:
    """The header of the ``table``-th table of a sheet (1: the second), top to bottom: each
    table after the first starts at a row naming a table again below rows of the one above."""
    header = locate_header(values)
    for number in range(1, table + 1):
        start = None if header is None else _next_table(values, header.rows[-1] + 1)
        found = locate_header(values[start:]) if start is not None else None
        if found is None:
            raise InputError([Problem(shown_sheet, None, None, (
                f"the params map {table + 1} tables on this sheet, but it has {number}"))])
        header = replace(found, rows=tuple(r + start for r in found.rows))
    return header


def _next_table(values: list[list], after: int) -> int | None:
    """The first row at or below ``after`` that names a table again, with a filled row between."""
    filled = False
    for position in range(after, len(values)):
        texts = [str(v) for v in values[position] if _filled(v)]
        fields = [field_of(text) for text in texts]
        if filled and "unit" in fields and len(set(fields) - {None}) >= 2:
            return position
        filled = filled or bool(texts)
    return None


def not_evaluated_by_level(frame: pd.DataFrame) -> pd.Series | None:
    """An ``evaluated`` column for a table that has none but prints levels: ``no`` where the
    level says the unit was not evaluated ("Không đánh giá") and no points were printed,
    else empty (evaluated). None when the table cannot say."""
    if "evaluated" in frame.columns or not {"published_level", "achieved_points"} <= set(frame.columns):
        return None
    level = _texts(frame["published_level"]).map(_folded_name)
    no_points = _texts(frame["achieved_points"]) == ""
    not_evaluated = level.isin(_NOT_EVALUATED) & no_points
    if not not_evaluated.any():
        return None
    return not_evaluated.map({True: "no", False: ""})


def _kind(name: str, cells: pd.Series, numbered: bool, measured: bool, trailing: bool, right: bool,
          lettered: bool = False) -> str:
    """'' for a unit row, else what the row is: blank, total, note, signature (a line under
    the table, right of the names), section (a heading between groups of units: no figure,
    STT a letter or Roman numeral, or the name in capitals) or header (repeated, or a row of
    column numbers)."""
    if not name:
        if numbered and measured:
            return ""
        first = _folded_name(_first_text(cells))
        if _is_total(first):
            return "total"
        return ("signature" if trailing and right else "note") if first else "blank"
    folded = name.casefold()
    if field_of(name) == "unit" or all(_COLUMN_NUMBER.match(_folded_name(v)) for v in cells if v):
        return "header"
    if numbered:
        return ""
    if _is_total(folded):
        return "total"
    if folded.startswith(_NOTE_PREFIXES) or (trailing and not measured):
        return "note"
    if not measured and (lettered or name.upper() == name):
        return "section"  # "I. KHỐI SỞ, BAN, NGÀNH" between groups of units
    return ""


def _folded_name(text: str) -> str:
    return clean_name(text).casefold()


def _is_total(folded: str) -> bool:
    return folded.rstrip(" :") in _TOTALS or folded.startswith(_TOTAL_PREFIXES)


def _texts(column: pd.Series) -> pd.Series:
    """A column's cells as stripped text ('' for empty), computed once per distinct value."""
    codes, uniques = pd.factorize(column.astype(object), use_na_sentinel=True)
    texts = [("" if v is None else str(v).strip()) for v in uniques] + [""]
    return pd.Series([texts[c] for c in codes], index=column.index, dtype=object)


def _first_text(cells: pd.Series) -> str:
    return next((clean_name(v) for v in cells if v), "")


def _filled(value: object) -> bool:
    return value is not None and str(value).strip() != ""
