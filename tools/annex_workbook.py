"""Writes annex-style tables, as provinces deliver them, to .xlsx and .csv with fixed bytes.

A province's annex is a table for people, not for programs: title rows above the
header, a header that may span two merged rows, numbers typed as text with a
decimal comma next to numbers formatted by Excel, blank rows, a total row and
notes under the table, scratch sheets left hidden. This module lays such a
table out from a plain description (:class:`Sheet`), so that the sample data
(``tools/make_thua_thien_hue_2020_workbook.py``) and the reader's test fixtures
(``tests/data/workbooks/make_fixtures.py``) are written, and described, from one
place.

Every workbook is made reproducible: after openpyxl saves it, each zip entry gets
the time 1980-01-01 00:00:00 and the document's created/modified dates become
``1980-01-01T00:00:00Z``, so the same description always gives the same bytes.
"""

from __future__ import annotations

import csv
import re
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

# What each column of an annex holds; `stt` (the row number) is printed but never data.
FIELDS = ("stt", "unit", "max_points", "excluded_points", "applicable_points", "achieved_points",
          "rate", "converted_points", "rank", "level")


@dataclass(frozen=True)
class Num:
    """A number cell as Excel stores it, with the number format it is shown with."""

    value: int | float
    format: str = "General"


@dataclass(frozen=True)
class Text:
    """A text cell, exactly as typed (``"81,96 %"``, ``"75,41"``)."""

    value: str


Cell = Num | Text | None


@dataclass(frozen=True)
class Row:
    """One spreadsheet row.

    ``kind`` says what a reader must make of it: ``title``, ``header``, ``unit``, ``blank``,
    ``total``, ``note`` or ``signature``. ``cells`` maps 1-based column numbers to cells;
    ``span`` merges the row's first cell over that many columns (titles, notes).
    """

    kind: str
    cells: dict[int, Cell] = field(default_factory=dict)
    span: int = 0
    start: int = 1          # the column where a spanned text starts (signature lines sit right)


@dataclass(frozen=True)
class Sheet:
    """A sheet: its rows from row 1 down, the columns of its table and any merged ranges.

    ``columns`` lists ``(field, header as written)`` from column A, where the header is the
    cell that names the column (the lower cell under a merged group header).
    """

    name: str
    columns: tuple[tuple[str, str], ...]
    rows: tuple[Row, ...]
    merges: tuple[str, ...] = ()
    hidden: bool = False
    widths: tuple[float, ...] = ()

    def column_of(self, name: str) -> int:
        return 1 + [f for f, _ in self.columns].index(name)

    def numbered_rows(self):
        """(spreadsheet row, Row) from row 1."""
        return list(enumerate(self.rows, start=1))


def unit_row(sheet_columns: tuple[tuple[str, str], ...], **cells: Cell) -> Row:
    """A unit's row: its cells by field name, placed under their columns."""
    fields = [f for f, _ in sheet_columns]
    unknown = set(cells) - set(fields)
    if unknown:
        raise ValueError(f"no column for {sorted(unknown)}")
    return Row("unit", {1 + fields.index(name): cell for name, cell in cells.items() if cell is not None})


# ---------------------------------------------------------------------------------------------
# What a reader sees in a cell


def decimals_of_format(number_format: str) -> int | None:
    """Decimal places a number format shows (``0.00%`` → 2); None for General."""
    if number_format == "General":
        return None
    body = number_format.split(";")[0]
    match = re.search(r"0\.(0+)", body)
    return len(match.group(1)) if match else 0


def display(cell: Cell) -> str:
    """The cell as Excel shows it in a Vietnamese locale (decimal comma), or as typed."""
    if cell is None:
        return ""
    if isinstance(cell, Text):
        return cell.value
    value = Decimal(repr(cell.value)) if isinstance(cell.value, float) else Decimal(cell.value)
    percent = cell.format.endswith("%")
    if percent:
        value *= 100
    places = decimals_of_format(cell.format)
    if places is None:
        text = format(value.normalize(), "f")
    else:
        text = str(value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))
    return text.replace(".", ",") + ("%" if percent else "")


def number_in(cell: Cell) -> tuple[Decimal, int, bool] | None:
    """The number a reader must take from a cell: (value, decimals printed, printed as percent).

    A percent comes back in percent (``81,96 %`` → 81.96, 2, True); a number formatted as a
    percent likewise (0.8196 with ``0.00%`` → 81.96, 2, True). None for an empty cell.
    """
    shown = display(cell).strip()
    if not shown:
        return None
    percent = shown.endswith("%")
    digits = shown.rstrip("%").strip().replace(" ", "").replace(",", ".")
    value = Decimal(digits)
    return value, max(0, -value.as_tuple().exponent), percent


# ---------------------------------------------------------------------------------------------
# Writing

_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_FONT = "Times New Roman"


def write_workbook(path: Path, sheets: list[Sheet], creator: str) -> Path:
    """Lay the sheets out in a workbook at ``path``, with fixed bytes."""
    book = Workbook()
    book.remove(book.active)
    for sheet in sheets:
        _write_sheet(book.create_sheet(sheet.name), sheet)
    book.active = next(i for i, s in enumerate(sheets) if not s.hidden)
    for index, sheet in enumerate(sheets):
        # A hidden sheet must not stay selected, or Excel shows it as the open tab.
        book.worksheets[index].sheet_view.tabSelected = index == book.index(book.active)
    book.properties.creator = creator
    book.properties.lastModifiedBy = creator
    book.properties.created = datetime(1980, 1, 1)
    book.properties.modified = datetime(1980, 1, 1)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    make_reproducible(path)
    return path


def _write_sheet(worksheet, sheet: Sheet) -> None:
    for number, row in sheet.numbered_rows():
        for column, cell in row.cells.items():
            if cell is None:
                continue
            target = worksheet.cell(row=number, column=column)
            if isinstance(cell, Num):
                target.value = cell.value
                target.number_format = cell.format
            else:
                target.value = cell.value
                target.data_type = "s"   # text stays text, even "1" or "85,36%"
            target.font = Font(name=_FONT, size=12, bold=row.kind in ("title", "header", "total"))
            if row.kind in ("header", "unit", "total"):
                target.border = _BOX
                wrap = row.kind == "header"
                horizontal = "left" if column == _unit_column(sheet) and row.kind != "header" else "center"
                target.alignment = Alignment(horizontal=horizontal, vertical="center", wrap_text=wrap)
            elif row.kind == "title" or row.kind == "signature":
                target.alignment = Alignment(horizontal="center")
            elif row.kind == "note":
                target.font = Font(name=_FONT, size=12, italic=True)
        if row.span > 1:
            first, last = get_column_letter(row.start), get_column_letter(row.start + row.span - 1)
            worksheet.merge_cells(f"{first}{number}:{last}{number}")
    for cells in sheet.merges:
        worksheet.merge_cells(cells)
        top_left = worksheet[cells.split(":")[0]]
        for line in worksheet[cells]:
            for cell in line:
                cell.border = _BOX
        top_left.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for index, size in enumerate(sheet.widths, start=1):
        worksheet.column_dimensions[get_column_letter(index)].width = size
    if sheet.hidden:
        worksheet.sheet_state = "hidden"


def _unit_column(sheet: Sheet) -> int | None:
    fields = [f for f, _ in sheet.columns]
    return 1 + fields.index("unit") if "unit" in fields else None


def write_csv(path: Path, sheet: Sheet, delimiter: str = ",") -> Path:
    """The sheet as Excel's "CSV UTF-8" would save it: every row padded to the table's width,
    cells as displayed (decimal comma), a byte-order mark and CRLF line ends."""
    width = len(sheet.columns)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter, lineterminator="\r\n")
        for _, row in sheet.numbered_rows():
            writer.writerow([display(row.cells.get(column)) for column in range(1, width + 1)])
    return path


_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_DOC_DATE = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def make_reproducible(path: Path) -> None:
    """Rewrite the saved .xlsx so its bytes depend on its content only: fixed zip entry times
    and fixed document dates (openpyxl stamps both with the time of saving)."""
    with zipfile.ZipFile(path) as source:
        entries = [(info.filename, source.read(info.filename)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w") as target:
        for name, content in entries:
            if name == "docProps/core.xml":
                content = _DOC_DATE.sub(rb"\g<1>1980-01-01T00:00:00Z\g<2>", content)
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            target.writestr(info, content)
