"""What a workbook's cells mean beyond their values, for the table egovnb reads from a sheet.

- A value typed once in a range merged down several rows (a district, a note, a unit name
  beside its criteria) belongs to every row of the range: it is copied down. A number
  merged down several rows (points for several units?) could belong to the first row or
  to each: it is refused.
- A formula that was never computed (the workbook was saved by a program that does not
  calculate) and an Excel error value (``#N/A``, ``#REF!`` …) are reported where the table
  reads them, never taken for an empty cell or "does not apply".
- A unit on a hidden row, and a column egovnb needs that is hidden, are reported: an
  analyst often hides what should not count, and egovnb would count it.
"""

from __future__ import annotations

from dataclasses import dataclass

from egovnb.core.errors import Problem
from egovnb.core.headers import IGNORED, PUBLISHED
from egovnb.core.numbers import error_message, parse_number
from egovnb.core.sheet_xml import SheetMarks

HIDDEN_COLUMN = "this column is hidden; egovnb reads it: unhide it, or delete it if it should not count"
MAX_LISTED = 20  # formulas without a value listed one by one in a table; the rest are counted


@dataclass(frozen=True)
class CellNotes:
    """What the reader found in a sheet, 1-based rows and columns: merged numbers
    (first row, last row, column), formulas never computed (row, column, formula), error
    values (row, column, text), hidden rows and columns."""

    merged_numbers: tuple[tuple[int, int, int], ...] = ()
    uncomputed: tuple[tuple[int, int, str], ...] = ()
    errors: tuple[tuple[int, int, str], ...] = ()
    hidden_rows: frozenset[int] = frozenset()
    hidden_columns: frozenset[int] = frozenset()


def fill_merged(values: list[list], marks: SheetMarks, first_data_row: int) -> tuple[tuple[int, int, int], ...]:
    """Copy the value of each range merged down rows at or under ``first_data_row`` (1-based)
    into every row of the range, in ``values`` (rows of cells, row 1 first), and return the
    ranges that hold a number (first row, last row, column), which are not copied."""
    numbers = []
    for first_row, first_col, last_row, _ in marks.merged:
        if last_row <= first_row or first_row < first_data_row or first_row > len(values):
            continue
        row = values[first_row - 1]
        value = row[first_col - 1] if first_col <= len(row) else None
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        if not isinstance(value, bool) and isinstance(value, (int, float)) or (
                isinstance(value, str) and parse_number(value) == parse_number(value)):
            numbers.append((first_row, last_row, first_col))
            continue
        for position in range(first_row, min(last_row, len(values))):
            cells = values[position]
            if len(cells) < first_col:
                cells.extend([None] * (first_col - len(cells)))
            if cells[first_col - 1] is None:
                cells[first_col - 1] = value
    return tuple(numbers)


def table_problems(notes: CellNotes, shown: str, headers: list[str], fields: tuple, unit_rows: set[int],
                   other_rows: set[int], header_row: int, units: dict[int, str]) -> list[Problem]:
    """The problems of one table: ``headers`` and ``fields`` by column (0-based), ``unit_rows``
    the rows read as units, ``other_rows`` rows under the header that are not units and not
    blank (a total, notes), ``units`` each unit row's name."""
    problems = []

    def read(column: int) -> bool:  # a column egovnb reads
        return 0 < column <= len(fields) and bool(headers[column - 1].strip()) and fields[column - 1] != IGNORED

    def name(column: int) -> str:
        return headers[column - 1]

    uncomputed = [(row, column, formula) for row, column, formula in notes.uncomputed
                  if row > header_row and row not in other_rows and read(column)]
    for row, column, formula in uncomputed[:MAX_LISTED]:
        problems.append(Problem(shown, row, name(column), (f"formula without a computed value (={formula}): "
                                                           if formula else "formula without a computed value: ")
                                + "open and save the workbook in Excel or LibreOffice, which compute it"))
    if len(uncomputed) > MAX_LISTED:
        problems.append(Problem(shown, None, None, f"{len(uncomputed) - MAX_LISTED} more formulas without a computed "
                                                   "value: open and save the workbook in Excel or LibreOffice"))
    for row, column, text in notes.errors:
        if row in unit_rows and read(column):
            problems.append(Problem(shown, row, name(column), error_message(text)))
    for first, last, column in notes.merged_numbers:
        if read(column) and any(row in unit_rows for row in range(first, last + 1)):
            problems.append(Problem(shown, first, name(column), (
                f"a number merged over rows {first}–{last}: it may be the first row's or every row's; unmerge "
                "the cells and write each row's value")))
    for row in sorted(notes.hidden_rows & unit_rows):
        problems.append(Problem(shown, row, None, (
            f"unit '{units.get(row, '')}' is on a hidden row; egovnb scores it: unhide the row, or delete it if the "
            "unit should not be scored")))
    for column in sorted(notes.hidden_columns):
        if read(column) and fields[column - 1] is not None and fields[column - 1] not in PUBLISHED:
            problems.append(Problem(shown, header_row, name(column), HIDDEN_COLUMN))
    return problems
