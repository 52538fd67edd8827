"""Only units are scored: total, subtotal and mean rows found in any layout and grain.

A spreadsheet often ends a table (or each tier's part of it) with a row of totals or
means: ``Tổng cộng``, ``Tổng số``, ``Cộng``, ``Bình quân``, ``Trung bình``, ``Total``,
``Average`` … in the unit column (or, the name empty, in the tier column). Such a row is
never a unit. It is recognised by its whole label — folded: NFC, any case, a trailing
colon, and without diacritics only when written without any (``Tong cong``), so ``Công``
or ``Ban Tổng hợp`` are never taken for one — and then by its figures:

- every point figure it holds is the sum or the mean (to the decimals it was written with)
  of the units around it — its tier's, those since the previous total, those above it, or
  the whole table's, criterion by criterion at criterion or group grain — or it holds no
  figure at all: it is **left out, and said** (:class:`~egovnb.core.workbook.Skipped` of kind
  ``total``, which ``egovnb validate`` prints);
- otherwise it is **refused**: a row labelled as a total whose figures are not the units'
  total may be a unit with a misleading name, or a total of other figures; either way a
  score from it could be wrong, so the analyst is asked to remove or rename it.
"""

from __future__ import annotations

import math
import re
import unicodedata

import numpy as np
import pandas as pd

from egovnb.core.errors import InputError, Problem
from egovnb.core.numbers import parse_column
from egovnb.core.columns import NOT_APPLICABLE
from egovnb.core.text import clean_name
from egovnb.core.workbook import Skipped

_LABELS = ("tổng cộng", "tổng điểm", "tổng số", "tổng", "cộng", "tổng cộng chung", "cộng chung", "bình quân",
           "bình quân chung", "trung bình", "trung bình chung", "trung bình cộng", "điểm trung bình",
           "điểm bình quân", "tổng số điểm", "total", "totals", "grand total", "subtotal", "sub-total", "sub total",
           "sum", "average", "mean", "overall")
_FOLDED = frozenset(_LABELS)
# Labels that a qualifier may follow ("Tổng cộng toàn tỉnh", "Trung bình chung khối sở", "Total
# (departments)"); never "Tổng" alone, which begins "Tổng công ty" and "Tổng cục".
_PREFIXES = ("tổng cộng", "bình quân", "trung bình chung", "trung bình cộng", "điểm bình quân", "điểm trung bình",
             "total", "subtotal", "sub-total", "grand total", "average")
def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text.replace("đ", "d")).encode("ascii", "ignore").decode()


_ASCII = frozenset(_ascii(label) for label in _LABELS)
_ASCII_PREFIXES = tuple(_ascii(prefix) for prefix in _PREFIXES)
# Columns that name or describe a row rather than hold its points.
_KEYS = ("tier", "unit", "criterion", "group", "component")
_NOT_FIGURES = frozenset(_KEYS) | {"evaluated", "note", "ranked"}
_DECIMALS = re.compile(r"[.,](\d+)\s*%?\s*$")


def total_label(text: object) -> bool:
    """Whether a cell's whole text names a total, subtotal or mean (``Tổng cộng:``, ``TOTAL``,
    ``Tong cong``), and not a unit (``Ban Tổng hợp``, ``Công``)."""
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return False
    folded = " ".join(clean_name(str(text)).casefold().split()).strip(" :.*-–—")
    folded = re.sub(r"^\(?[ivxlc\d]+[.)]\s+", "", folded)  # "I. Tổng cộng", "1) Total"
    folded = re.sub(r"\s*\([^()]*\)$", "", folded).strip(" :.*-–—")  # "Tổng cộng (1+2)"
    if not folded:
        return False
    labels, prefixes = (_ASCII, _ASCII_PREFIXES) if folded.isascii() else (_FOLDED, _PREFIXES)
    return folded in labels or any(folded.startswith(prefix) and not folded[len(prefix)].isalnum()
                                   for prefix in prefixes if len(folded) > len(prefix))


def leave_out_totals(frame: pd.DataFrame, source: str, headers: dict[str, str], row_column: str
                     ) -> tuple[pd.DataFrame, list[Skipped]]:
    """``frame`` (canonical columns, ``row_column`` the spreadsheet row) without its total and
    mean rows, and those rows as Skipped (kind ``total``). A row labelled as a total whose
    figures are not the units' total or mean raises InputError naming its row."""
    if "unit" not in frame.columns:
        return frame, []
    unit = frame["unit"]
    label_rows = _labelled(unit)
    if "tier" in frame.columns:
        codes, uniques = _distinct(unit)
        empty = np.array([not clean_name(str(v)) for v in uniques] + [True], dtype=bool)[codes]
        if empty.any():
            label_rows |= empty & _labelled(frame["tier"])
    if not label_rows.any():
        return frame, []
    figures = [c for c in frame.columns if c not in _NOT_FIGURES and c != row_column
               and not c.startswith("published_")]
    key = next((c for c in ("criterion", "group", "component") if c in frame.columns), None)
    tiers = _texts(frame["tier"]).to_numpy() if "tier" in frame.columns else np.full(len(frame), "", dtype=object)
    keys = _texts(frame[key]).to_numpy() if key is not None else None
    labels = np.where(_texts(unit) != "", _texts(unit), tiers)
    parsed = {c: parse_column(frame[c], NOT_APPLICABLE).to_numpy() for c in figures}
    # A column with a cell that is no number cannot be added up: validation reports that cell,
    # and the total is checked once it is corrected.
    parsed = {c: values for c, values in parsed.items() if not np.isneginf(values).any()}
    problems, skipped = [], []
    positions = np.flatnonzero(label_rows.to_numpy())
    units = ~label_rows.to_numpy()
    for position in positions:
        reason = _not_a_total(frame, position, units, positions, parsed, tiers, keys)
        row = int(frame[row_column].iloc[position])
        if reason is None:
            skipped.append(Skipped(row, "total", labels[position]))
        else:
            column, message = reason
            problems.append(Problem(source, row, headers.get(column, column), (
                f"'{labels[position]}' reads as a total or mean row, but {message}: remove the row, or give the "
                "unit its full name if it is one")))
    if problems:
        raise InputError(problems)
    return frame[units].reset_index(drop=True), skipped


def _not_a_total(frame, position, units, label_positions, parsed: dict, tiers, keys) -> tuple[str, str] | None:
    """None when every figure of the row at ``position`` is the sum or mean of some group of
    unit rows; else the first column that is not, and why."""
    index = np.arange(len(frame))
    previous = label_positions[label_positions < position]
    since = previous.max() + 1 if len(previous) else 0
    groups = [units & (index < position) & (index >= since), units & (index < position), units.copy()]
    if tiers[position]:
        groups = [units & (tiers == tiers[position])] + groups
    if keys is not None and keys[position]:  # a criterion's (group's, component's) total, or the unit's
        groups = [g & (keys == keys[position]) for g in groups]
    checked = [(c, frame[c].iloc[position], values[position]) for c, values in parsed.items()]
    checked = [(c, cell, value) for c, cell, value in checked if not math.isnan(value)]
    if not checked:
        return None  # no figure: nothing of it could be scored
    first_miss = None
    for group in groups:
        if not group.any():
            continue
        for column, cell, value in checked:
            values = parsed[column][group]
            values = values[~np.isnan(values)]
            if not len(values):
                miss = (column, f"its '{cell}' has no figures of units to add up")
                break
            total, mean = float(values.sum()), float(values.mean())
            tolerance = 0.5 * 10 ** -_decimals(cell) + 1e-9
            if abs(value - total) > tolerance + 1e-9 * abs(total) and abs(value - mean) > tolerance:
                miss = (column, f"its '{_shown(cell)}' is neither the sum ({total:g}) nor the mean ({mean:g}) "
                                "of the units' figures")
                break
        else:
            return None
        first_miss = first_miss or miss
    return first_miss or (checked[0][0], "there are no units to add up")


def _decimals(cell: object) -> int:
    """How many decimals a cell was written with (a number from a workbook: up to 6)."""
    if isinstance(cell, (int, np.integer)):
        return 0
    if isinstance(cell, (float, np.floating)):
        text = repr(float(cell))
        return 0 if text.endswith(".0") else min(len(text.split(".")[-1]), 6)
    found = _DECIMALS.search(str(cell).strip())
    return len(found.group(1)) if found else 0


def _shown(cell: object) -> str:
    return f"{cell:g}" if isinstance(cell, (float, np.floating)) else str(cell).strip()


def _labelled(column: pd.Series) -> pd.Series:
    """True where the cell's whole text names a total (worked out once per distinct value)."""
    codes, uniques = _distinct(column)
    flags = np.array([total_label(v) for v in uniques] + [False], dtype=bool)
    return pd.Series(flags[codes], index=column.index)


def _distinct(column: pd.Series):
    """(codes, distinct values) of a column, -1 for an empty cell; a categorical as it is."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        return column.cat.codes.to_numpy(), column.cat.categories.to_numpy(dtype=object)
    return pd.factorize(column.astype(object), use_na_sentinel=True)


def _texts(column: pd.Series) -> pd.Series:
    codes, uniques = _distinct(column)
    texts = np.array([clean_name(str(v)) if v is not None else "" for v in uniques] + [""], dtype=object)
    return pd.Series(texts[codes], index=column.index)
