"""Numbers as analysts type them: a decimal point or a Vietnamese decimal comma, read as the
sheet shows them, or refused with the reason when a cell could mean two things.

- Every Unicode space (no-break, figure, narrow, thin …) and every invisible format
  character (zero-width space, joiners, marks) is read as nothing; full-width digits and
  signs (``８５``) as the digits they are; the minus sign ``−`` as ``-``.
- ``1.000`` and ``1,000`` (one separator, then exactly three digits) read 1 with a decimal
  separator and 1000 with a thousands separator: :func:`read_column` marks them
  *ambiguous*, to be settled by the points allowed, the column's or the file's other cells
  (:func:`settle`), else refused.
- An Excel error value (``#N/A``, ``#REF!`` …), a percentage, a date and a lone dash are
  not numbers of points, each with its own reason (:func:`number_problem`).
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

import numpy as np
import pandas as pd

# 85,36 or 85.36 or 1.234,5 (Vietnamese thousands dots with a decimal comma), 1,234.5.
_PLAIN = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")
_VI_GROUPED = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,\d*)?$")
_EN_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$")
_EXPONENT = re.compile(r"^[+-]?\d+(\.\d*)?[eE][+-]?\d+$")
# One separator followed by exactly three digits: a decimal, or a thousands separator.
AMBIGUOUS = re.compile(r"^[+-]?[1-9]\d{0,2}[.,]\d{3}$")
# What Excel (and LibreOffice, ``Err:502``) put in a cell whose formula failed.
EXCEL_ERRORS = frozenset({"#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!",
                          "#GETTING_DATA", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!", "#EXTERNAL!",
                          "#PYTHON!"})
_LIBREOFFICE_ERROR = re.compile(r"^Err:\d{3}$")
_DASHES = frozenset({"-", "\u2013", "\u2014", "\u2212"})
_DATE = re.compile(r"^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}([ T]\d{1,2}:\d{2}(:\d{2})?)?$")
_ERROR_MEANING = {"#N/A": "a lookup found nothing", "#REF!": "a formula points at a deleted cell",
                  "#VALUE!": "a formula got text where it needed a number", "#DIV/0!": "a division by zero",
                  "#NAME?": "a formula names an unknown function or range"}


def is_excel_error(text: object) -> bool:
    """Whether a cell's text is an error value a spreadsheet writes for a failed formula."""
    if not isinstance(text, str):
        return False
    stripped = text.strip()
    return stripped.upper() in EXCEL_ERRORS or bool(_LIBREOFFICE_ERROR.match(stripped))


def error_message(text: str) -> str:
    """Why an Excel error value in a cell is refused, in the analyst's words."""
    value = text.strip()
    meaning = _ERROR_MEANING.get(value.upper())
    return (f"the Excel error value {value}" + (f" ({meaning})" if meaning else "")
            + " is not a value: correct the formula, or write N/A where this does not apply")


_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x2212: ord("-")}


def number_text(value: str) -> str:
    """A cell's text as a number is read from it: every Unicode space and invisible format
    character left out, full-width digits and signs made plain, ``−`` as ``-``."""
    if value.isascii():
        return "".join(value.split())
    # Full-width forms only (NFKC would also make "85¹", a footnote mark, the number 851).
    text = value.translate(_FULL_WIDTH)
    return "".join(ch for ch in text if not ch.isspace() and unicodedata.category(ch) not in ("Cf", "Zs"))


def shown_cell(value: object) -> str:
    """A cell as a message quotes it: invisible and unusual spaces written as ``\\u200b``,
    so that ``'8\\u200b5'`` is not shown as ``'85'``."""
    text = str(value)
    if text.isascii() and text.isprintable():
        return text
    return "".join(ch if ch == " " or (ch.isprintable() and unicodedata.category(ch) not in ("Zs", "Cf"))
                   else f"\\u{ord(ch):04x}" for ch in text)


def parse_number(value: object) -> float | None:
    """A float from a cell, or None when the cell is empty; NaN when it is not a finite number.

    Accepts ``85.36``, ``85,36``, ``1.234,5``, ``1,234.5`` and plain numbers from Excel. A
    lone separator before three digits (``1.000``) is read as a decimal here; columns of
    cells are read with :func:`read_column`, which does not guess.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        return math.nan
    if isinstance(value, (int, float, np.integer, np.floating)):
        try:
            number = float(value)
        except OverflowError:  # an int beyond any float
            return math.nan
        return None if math.isnan(number) else _finite(number)
    text = number_text(str(value))
    if not text:
        return None
    if _PLAIN.match(text):
        return _finite(float(text.replace(",", ".")))
    if _VI_GROUPED.match(text):
        return _finite(float(text.replace(".", "").replace(",", ".")))
    if _EN_GROUPED.match(text):
        return _finite(float(text.replace(",", "")))
    if _EXPONENT.match(text):
        return _finite(float(text))
    return math.nan


def _finite(number: float) -> float:
    # 1e400 or .inf is no count of points: reported as not a number, never scored.
    return number if math.isfinite(number) else math.nan


def _convention(text: str) -> str | None:
    """Which decimal separator a number's text shows beyond doubt: ``,`` (``85,36``,
    ``1.234,5``, ``1.234.567``), ``.`` (``85.36``, ``1,234.5``), or None (an integer, or
    ``1.000``)."""
    if AMBIGUOUS.match(text) or not any(sep in text for sep in ".,"):
        return None
    if _PLAIN.match(text):
        return "," if "," in text else "."
    if _VI_GROUPED.match(text):
        return ","
    if _EN_GROUPED.match(text):
        return "."
    return None


@dataclass(frozen=True)
class Column:
    """A column of cells read as numbers, one entry a row: ``values`` (NaN empty or N/A,
    ``-inf`` not a number); ``ambiguous`` rows hold ``1.000``-like text, read as a decimal
    in ``values`` and as thousands in ``thousands``, ``comma`` where its separator is a
    comma; ``dash`` rows hold a lone dash; ``convention`` is the decimal separator the
    column's other cells show (``,`` or ``.``), None when they show none or both."""

    values: np.ndarray
    ambiguous: np.ndarray
    thousands: np.ndarray
    comma: np.ndarray
    dash: np.ndarray
    convention: str | None


def read_column(values: pd.Series, missing: frozenset[str] = frozenset()) -> Column:
    """Parse a column of cells, working on distinct values only.

    Empty cells, and cells whose text (case-folded) is in ``missing``, become NaN; cells
    that are not numbers become ``-inf`` so a validator can tell "not a number" from
    "empty".
    """
    if isinstance(values.dtype, pd.CategoricalDtype):  # already distinct values and a code a cell
        codes, uniques = values.cat.codes.to_numpy(), values.cat.categories
    else:
        codes, uniques = pd.factorize(values, use_na_sentinel=True)
    parsed = np.empty(len(uniques) + 1, dtype="float64")
    parsed[-1] = np.nan  # code -1: empty
    thousands = np.full(len(uniques) + 1, np.nan)
    comma = np.zeros(len(uniques) + 1, dtype=bool)
    dash = np.zeros(len(uniques) + 1, dtype=bool)
    seen: set[str] = set()
    for index, cell in enumerate(uniques):
        if isinstance(cell, str):
            if cell.strip().casefold() in missing:
                parsed[index] = np.nan
                continue
            text = number_text(cell)
            dash[index] = text in _DASHES
            if AMBIGUOUS.match(text):
                thousands[index] = float(text.replace(",", "").replace(".", ""))
                comma[index] = "," in text
            else:
                found = _convention(text)
                if found:
                    seen.add(found)
        number = parse_number(cell)
        if number is None:
            parsed[index] = np.nan
        elif math.isnan(number):
            parsed[index] = -np.inf
        else:
            parsed[index] = number
    ambiguous = ~np.isnan(thousands)
    convention = seen.pop() if len(seen) == 1 else None
    # Only what a column holds is spread over its rows (a clean column of millions costs one gather).
    n = len(codes)
    if ambiguous.any():
        ambiguous, thousands, comma = ambiguous[codes], thousands[codes], comma[codes]
    else:
        ambiguous, thousands, comma = np.zeros(n, dtype=bool), np.zeros(0), np.zeros(0, dtype=bool)
    dash = dash[codes] if dash.any() else np.zeros(n, dtype=bool)
    return Column(parsed[codes], ambiguous, thousands, comma, dash, convention)


def parse_column(values: pd.Series, missing: frozenset[str] = frozenset()) -> pd.Series:
    """Parse a column of cells to float64 (see :func:`read_column`); ``1.000`` is read as a
    decimal."""
    return pd.Series(read_column(values, missing).values, index=values.index, dtype="float64")


def settle(column: Column, maximum: np.ndarray | float | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The values of a column with its ``1.000``-like cells settled, and which cells could
    not be: first by ``maximum`` (the points each row may hold: a thousands reading above it
    is impossible, which is certain), then by the column's convention (``85,36`` elsewhere in
    the column makes ``1.000`` one thousand and ``1,000`` one)."""
    values = column.values
    if not column.ambiguous.any():
        return values, column.ambiguous
    values = values.copy()
    unsettled = np.zeros(len(values), dtype=bool)
    for index in np.flatnonzero(column.ambiguous):
        limit = maximum[index] if isinstance(maximum, np.ndarray) else maximum
        if limit is not None and not np.isnan(limit) and column.thousands[index] > limit:
            continue  # only the decimal reading fits
        if column.convention is not None:
            if ("," if column.comma[index] else ".") != column.convention:
                values[index] = column.thousands[index]
            continue
        unsettled[index] = True
    return values, unsettled


def ambiguous_message(cell: object, decimal: float, thousands: float) -> str:
    return (f"'{shown_cell(cell)}' could be {decimal:g} (decimal separator) or {thousands:g} (thousands separator), "
            "and no other cell of the column shows which; write it without the separator or with more "
            f"decimals ({decimal:g} or {thousands:g})")


def number_problem(cell: object, points: bool = True) -> str:
    """Why a cell is not a number, in the analyst's words: an Excel error value, a percentage
    or a date where points are expected, a lone dash, or plain text."""
    text = str(cell).strip()
    plain = number_text(text)
    if is_excel_error(text):
        return error_message(text)
    if hasattr(cell, "year") and hasattr(cell, "month"):  # a date cell of a workbook
        return f"'{cell}' is a date, not a number; format the cell as a number"
    if plain in _DASHES:
        return ("a lone dash is a zero in Excel's accounting format but may also mean 'does not apply'; "
                "write 0, or N/A where this does not apply")
    if plain.endswith("%") and not math.isnan(parse_number(plain[:-1]) or math.nan):
        if points:
            return (f"'{shown_cell(cell)}' is a percentage, but this column holds points; write the points "
                    "(format the cell as a number, not as a percentage)")
    if _DATE.match(text):
        return f"'{shown_cell(cell)}' looks like a date, not a number"
    return f"'{shown_cell(cell)}' is not a number (use 85.36 or 85,36)"
