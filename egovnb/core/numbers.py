"""Numbers as analysts type them: a decimal point or a Vietnamese decimal comma."""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd

# 85,36 or 85.36 or 1.234,5 (Vietnamese thousands dots with a decimal comma).
_PLAIN = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")
_VI_GROUPED = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,\d*)?$")
_EXPONENT = re.compile(r"^[+-]?\d+(\.\d*)?[eE][+-]?\d+$")


def parse_number(value: object) -> float | None:
    """A float from a cell, or None when the cell is empty; NaN when it is not a finite number.

    Accepts ``85.36``, ``85,36``, ``1.234,5`` and plain numbers from Excel.
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
    text = str(value).strip().replace("\u00a0", "").replace(" ", "")
    if not text:
        return None
    if _PLAIN.match(text):
        return _finite(float(text.replace(",", ".")))
    if _VI_GROUPED.match(text):
        return _finite(float(text.replace(".", "").replace(",", ".")))
    if _EXPONENT.match(text):
        return _finite(float(text))
    return math.nan


def _finite(number: float) -> float:
    # 1e400 or .inf is no count of points: reported as not a number, never scored.
    return number if math.isfinite(number) else math.nan


def parse_column(values: pd.Series, missing: frozenset[str] = frozenset()) -> pd.Series:
    """Parse a column of cells to float64, working on distinct values only.

    Empty cells, and cells whose text (case-folded) is in ``missing``, become
    NaN; cells that are not numbers become ``-inf`` so a validator can tell
    "not a number" from "empty".
    """
    if isinstance(values.dtype, pd.CategoricalDtype):  # already distinct values and a code a cell
        codes, uniques = values.cat.codes.to_numpy(), values.cat.categories
    else:
        codes, uniques = pd.factorize(values, use_na_sentinel=True)
    parsed = np.empty(len(uniques) + 1, dtype="float64")
    parsed[-1] = np.nan  # code -1: empty
    for index, cell in enumerate(uniques):
        if isinstance(cell, str) and cell.strip().casefold() in missing:
            parsed[index] = np.nan
            continue
        number = parse_number(cell)
        if number is None:
            parsed[index] = np.nan
        elif math.isnan(number):
            parsed[index] = -np.inf
        else:
            parsed[index] = number
    return pd.Series(parsed[codes], index=values.index, dtype="float64")
