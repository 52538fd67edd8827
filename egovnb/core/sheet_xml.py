"""What a sheet says beyond its cell values, read from the sheet's XML with a cheap scan:
formulas whose value was never computed, merged ranges, and hidden rows and columns.

openpyxl's read-only reader (fast, and what :mod:`egovnb.core.read_table` uses) gives a formula
that was never computed as an empty cell, and does not tell merged ranges or hidden rows
apart. Those decide what a cell means, so the sheet's XML is scanned for them: in blocks
of whole rows, with plain byte searches, and a regular expression over a block only where
the search finds a formula or a hidden row. A sheet without either costs one pass of
``bytes.find``.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass

_BLOCK = 8 * 2**20
# A cell and its content; a formula cell has an <f> element, a computed one a non-empty <v>.
_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.S)
_FORMULA = re.compile(rb"<(?:\w+:)?f\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?f>)", re.S)
_VALUE = re.compile(rb"<(?:\w+:)?v>([^<]+)</(?:\w+:)?v>")
_ATTRIBUTE = re.compile(rb'\b(\w+)="([^"]*)"')
_ROW = re.compile(rb"<(?:\w+:)?row\b([^>]*)>")
_COL = re.compile(rb"<(?:\w+:)?col\b([^>]*)/?>")
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*\bref="([A-Z]+[0-9]+:[A-Z]+[0-9]+)"')
_TRUE = (b"1", b"true")


@dataclass(frozen=True)
class SheetMarks:
    """Rows and columns are 1-based, as the spreadsheet numbers them.

    - ``uncomputed``: (row, column, formula) of each formula cell without a computed value;
    - ``merged``: (first row, first column, last row, last column) of each merged range;
    - ``hidden_rows``, ``hidden_columns``: rows and columns hidden in the sheet.
    """

    uncomputed: tuple[tuple[int, int, str], ...] = ()
    merged: tuple[tuple[int, int, int, int], ...] = ()
    hidden_rows: frozenset[int] = frozenset()
    hidden_columns: frozenset[int] = frozenset()


def sheet_member(archive: zipfile.ZipFile, title: str) -> str:
    """Where the sheet named ``title`` is stored in the workbook ``archive``, read from the
    workbook's own parts (xl/workbook.xml and its relationships): the public way to what
    openpyxl keeps as a read-only worksheet's private ``_worksheet_path``."""
    import posixpath
    import xml.etree.ElementTree as ET  # noqa: S405 - the workbook's own two small parts

    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    relations = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    book = ET.fromstring(archive.read("xl/workbook.xml"))  # noqa: S314
    rels = ET.fromstring(archive.read("xl/_rels/workbook.xml.rels"))  # noqa: S314
    targets = {r.get("Id"): r.get("Target") for r in rels}
    for sheet in book.iter(f"{main}sheet"):
        if sheet.get("name") == title:
            target = targets[sheet.get(f"{relations}id")]
            return target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
    raise KeyError(f"no sheet '{title}' in xl/workbook.xml")


def sheet_marks(archive: zipfile.ZipFile, member: str) -> SheetMarks:
    """The marks of the sheet stored at ``member`` of the workbook ``archive``."""
    uncomputed, merged, hidden_rows, hidden_columns = [], [], set(), set()
    carry = b""
    head = True
    with archive.open(member) as stream:
        while True:
            block = stream.read(_BLOCK)
            data = carry + block
            if block:
                # Whole rows only: what follows the last row's end waits for the next block.
                end = data.rfind(b"</row>")
                if end < 0 and b"<sheetData" in data and len(data) < 64 * _BLOCK:
                    carry = data
                    continue
                cut = end + len(b"</row>") if end >= 0 else len(data)
                data, carry = data[:cut], data[cut:]
            if head:
                _hidden_columns(data, hidden_columns)
                head = b"<sheetData" not in data and b"<sheetData" not in carry
            if b"<f" in data or b":f" in data:
                uncomputed += _uncomputed(data)
            if b"hidden=" in data:
                for match in _ROW.finditer(data):
                    attributes = dict(_ATTRIBUTE.findall(match.group(1)))
                    if attributes.get(b"hidden") in _TRUE and b"r" in attributes:
                        hidden_rows.add(int(attributes[b"r"]))
            if b"mergeCell" in data:
                for match in _MERGE.finditer(data):
                    first, last = match.group(1).decode().split(":")
                    merged.append((*_cell(first), *_cell(last)))
            if not block:
                break
    return SheetMarks(tuple(uncomputed), tuple(merged), frozenset(hidden_rows), frozenset(hidden_columns))


def _hidden_columns(data: bytes, hidden: set[int]) -> None:
    start = data.find(b"<cols")
    if start < 0:
        start = data.find(b":cols")
    if start < 0:
        return
    for match in _COL.finditer(data, start, data.find(b"<sheetData") if b"<sheetData" in data else len(data)):
        attributes = dict(_ATTRIBUTE.findall(match.group(1)))
        if attributes.get(b"hidden") in _TRUE:
            hidden.update(range(int(attributes.get(b"min", b"1")), int(attributes.get(b"max", b"1")) + 1))


def _uncomputed(data: bytes) -> list[tuple[int, int, str]]:
    """Formula cells with no value: a program that does not calculate (openpyxl, many web
    exports) wrote the formula and left its value empty. A text formula whose value is the
    empty text (``t="str"``) was computed."""
    found = []
    for match in _CELL.finditer(data):
        inner = match.group(2)
        if not inner:
            continue
        formula = _FORMULA.search(inner)
        if formula is None or _VALUE.search(inner):
            continue
        attributes = dict(_ATTRIBUTE.findall(match.group(1)))
        if attributes.get(b"t") == b"str" and b"<v" in inner:
            continue
        reference = attributes.get(b"r")
        if reference is None:
            continue
        row, column = _cell(reference.decode())
        text = (formula.group(1) or b"").decode("utf-8", "replace")
        found.append((row, column, _unescape(text)))
    return found


def _cell(reference: str) -> tuple[int, int]:
    """(row, column) of a reference such as ``AB12`` (1-based)."""
    letters = reference.rstrip("0123456789")
    column = 0
    for letter in letters.lstrip("$").upper():
        column = column * 26 + ord(letter) - 64
    return int(reference[len(letters):]), column


def _unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&apos;", "'").replace(
        "&amp;", "&")
