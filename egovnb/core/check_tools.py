"""Tools the data checks share: the problem collector, names, numbers, yes/no flags, duplicates.

Every helper works on the distinct values of a column (a million rows cost as much as
their few names) and reports through :class:`Collector`, which names file, row and
column as the analyst wrote them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

import numpy as np
import pandas as pd

from egovnb.core.read_table import ROW, RawTable
from egovnb.core.errors import Problem
from egovnb.core.numbers import ambiguous_message, number_problem, read_column, settle
from egovnb.core.columns import EVALUATED_NO, EVALUATED_YES, RANKED_NO, RANKED_YES
from egovnb.core.text import clean_name, legacy_encoding, legacy_message, may_be_legacy


class Collector:
    """Every problem of one data file, gathered before any is reported."""

    def __init__(self, table: RawTable):
        self.table = table
        self.problems: list[Problem] = list(table.problems)  # what reading the cells found
        # Cells already reported as "not a number", per column, so they are not reported again as empty.
        self.text_cells: dict[str, np.ndarray] = {}

    def reported(self, rows: np.ndarray, column: str) -> np.ndarray:
        """True for each row whose cell in ``column`` reading already reported (a formula
        never computed, an error value), so that it is not reported again as empty."""
        header = self.header(column)
        cells = {p.row for p in self.table.problems if p.column == header}
        return np.isin(rows, list(cells)) if cells else np.zeros(len(rows), dtype=bool)

    def header(self, name: str) -> str:
        return self.table.headers.get(name, name)

    def add(self, rows, column: str | None, message: str) -> None:
        header = self.header(column) if column else None
        for row in np.atleast_1d(rows):
            self.problems.append(Problem(self.table.source, int(row), header, message))

    def file(self, message: str, column: str | None = None) -> None:
        self.problems.append(Problem(self.table.source, self.table.header_row if column else None,
                                     self.header(column) if column else None, message))


def names(values: pd.Series) -> pd.Series:
    """NFC, whitespace-folded names as a categorical; empty cells become NaN."""
    if not isinstance(values.dtype, pd.CategoricalDtype):
        values = values.astype(str).astype("category")
    codes = values.cat.codes.to_numpy()
    cleaned = pd.Index([clean_name(c) for c in values.cat.categories.to_numpy(dtype=object)], dtype=object)
    new_codes, uniques = pd.factorize(cleaned)
    # Old code -> new code, with the empty name and an empty cell (code -1, the last entry) as -1.
    lookup = np.append(new_codes, -1).astype(np.int64)
    if "" in set(uniques):
        lookup[lookup == uniques.get_loc("")] = -1
    return pd.Series(pd.Categorical.from_codes(lookup[codes], categories=pd.Index(uniques, dtype=object)),
                     index=values.index)


def evaluated_flags(frame: pd.DataFrame, collect: Collector, rows: np.ndarray) -> np.ndarray:
    """True for rows of evaluated units; a cell other than yes/no is a problem."""
    return _yes_no(frame, "evaluated", EVALUATED_YES, EVALUATED_NO, collect, rows,
                   "must be 'yes' or empty (evaluated) or 'no'/'không' (not evaluated)")


def ranked_flags(frame: pd.DataFrame, collect: Collector, rows: np.ndarray) -> np.ndarray:
    """True for rows of units that take part in the ranking (``ranked`` empty or yes); False
    where ``ranked`` is no/không (assessed, kept out of the ranking); another cell is a problem."""
    return _yes_no(frame, "ranked", RANKED_YES, RANKED_NO, collect, rows,
                   "must be 'yes' or empty (ranked) or 'no'/'không' (assessed but kept out of the ranking)")


def _yes_no(frame: pd.DataFrame, column: str, yes_words, no_words, collect: Collector, rows: np.ndarray,
            message: str) -> np.ndarray:
    """False where the column's cell is one of ``no_words``, else True (also without the
    column); a cell in neither list is a problem. Compared NFC, case-folded, trimmed."""
    if column not in frame.columns:
        return np.ones(len(frame), dtype=bool)
    codes, values = pd.factorize(frame[column], use_na_sentinel=True)
    words = [unicodedata.normalize("NFC", " ".join(str(v).split())).casefold() for v in values] + [""]
    yes = np.array([w in yes_words for w in words])[codes]
    no = np.array([w in no_words for w in words])[codes]
    bad = ~(yes | no)
    if bad.any():
        for code in np.unique(codes[bad]):
            collect.add(rows[codes == code], column, f"'{values[code]}': {message}")
    return ~no


# Columns that name things: "1.10" there is an id, not a number with a decimal point.
_NOT_POINTS = frozenset({ROW, "tier", "unit", "criterion", "group", "component", "evaluated", "note"})


def numbers(frame: pd.DataFrame, column: str, collect: Collector, rows: np.ndarray,
            missing: frozenset[str] = frozenset(), maximum: np.ndarray | None = None,
            dash_is_zero: bool = False) -> np.ndarray:
    """A numeric column of points (decimal point or comma); text is a problem, empty is NaN.

    ``1.000`` or ``1,000`` is settled by ``maximum`` (the points each row may hold) or by the
    column's other cells, else refused naming both readings; a lone dash (Excel's
    accounting zero, or "does not apply"?) is 0 where both mean 0 (``dash_is_zero``), else
    refused; an Excel error value, a percentage or a date is refused with its reason."""
    parsed = read_column(frame[column], missing)
    values, unsettled = settle(parsed, maximum)
    if unsettled.any() and parsed.convention is None:
        # The column does not say which separator it uses: the file's other columns may.
        others = [c for c in frame.columns if c != column and c not in _NOT_POINTS]
        found = {read_column(frame[other]).convention for other in others} - {None}
        if len(found) == 1:
            values, unsettled = settle(replace(parsed, convention=found.pop()), maximum)
    text = np.isneginf(values)
    if dash_is_zero and parsed.dash.any():
        values = np.where(parsed.dash, 0.0, values)
        text &= ~parsed.dash
    if text.any() or unsettled.any():
        cells = frame[column]
        for index in np.flatnonzero(text):
            collect.add(rows[index], column, number_problem(cells.iloc[index]))
        for index in np.flatnonzero(unsettled):
            collect.add(rows[index], column, ambiguous_message(cells.iloc[index], parsed.values[index],
                                                               parsed.thousands[index]))
        values = np.where(text | unsettled, np.nan, values)
    collect.text_cells[column] = text | unsettled
    negative = values < 0
    if negative.any():
        collect.add(rows[negative], column, "points cannot be negative")
    return values


def combined_key(codes: list[np.ndarray]) -> np.ndarray:
    """One int64 per row from several category code arrays (-1 = empty stays distinct)."""
    # In place: a key is 8 bytes a row, and every new array of millions of rows costs its page faults.
    key = np.asarray(codes[0], dtype=np.int64) + 1
    for column in codes[1:]:
        key *= int(column.max(initial=-1)) + 2
        key += column
        key += 1
    return key


# Row keys below this many are checked for duplicates by counting (8 bytes a possible key).
COUNTED_KEYS = 50_000_000


def duplicates(collect: Collector, rows: np.ndarray, keys: list[np.ndarray], what: str, labels) -> np.ndarray:
    """True for each row whose keys an earlier row has already; each is reported."""
    combined = combined_key(keys)
    if len(combined) and 0 <= combined.min() and combined.max() < COUNTED_KEYS:
        # Keys this small are counted, not hashed: a file without a duplicate (the usual one)
        # is known to be so in one pass over its rows.
        if np.bincount(combined).max(initial=0) < 2:
            return np.zeros(len(combined), dtype=bool)
    key = pd.Series(combined)
    duplicated = key.duplicated(keep="first").to_numpy()
    if duplicated.any():
        first_row = pd.Series(rows).groupby(key.to_numpy()).transform("first").to_numpy()
        for index in np.flatnonzero(duplicated):
            collect.add(rows[index], "unit", f"{what} {labels(index)} appears twice (first at row {first_row[index]})")
    return duplicated


def per_unit_sum(unit_key: np.ndarray, n_units: int, values: np.ndarray, where: np.ndarray | None = None) -> np.ndarray:
    """Σ of ``values`` over each unit's rows (only rows where ``where``), NaN counted as 0."""
    weights = np.nan_to_num(values.astype(float)) if where is None else np.where(where, np.nan_to_num(values), 0.0)
    return np.bincount(unit_key, weights=weights, minlength=n_units)


def case_twins(collect: Collector, rows: np.ndarray, tier: pd.Series, unit: pd.Series) -> None:
    """Report units of one tier whose names differ only in letter case (``Sở Y tế`` and ``Sở Y
    Tế``): one unit written two ways would be scored as two, each with part of its points.
    ``tier`` and ``unit`` are the categoricals of :func:`names`; only their distinct names are
    compared, so a million rows cost as much as their names."""
    categories = np.asarray(unit.cat.categories, dtype=object)
    folded = pd.Series([name.casefold() for name in categories], dtype=object)
    shared = folded.duplicated(keep=False).to_numpy()
    if not shared.any():
        return
    codes = unit.cat.codes.to_numpy()
    tiers = tier.astype(object).to_numpy()
    first: dict[tuple, tuple[str, int]] = {}
    reported: set[tuple] = set()
    for index in np.flatnonzero(shared[np.maximum(codes, 0)] & (codes >= 0)):
        name = categories[codes[index]]
        key = (tiers[index], name.casefold())
        seen = first.setdefault(key, (name, int(rows[index])))
        if seen[0] != name and (key, name) not in reported:
            reported.add((key, name))
            collect.add(rows[index], "unit", f"unit '{name}' differs from '{seen[0]}' (row {seen[1]}) only in letter "
                                             "case: write one unit's name one way, or tell two units apart")


def legacy_cells(frame: pd.DataFrame, collect: Collector, rows: np.ndarray, columns) -> None:
    """Each cell of the text ``columns`` (unit names, notes …) that looks typed in a legacy
    Vietnamese encoding (TCVN3, VNI) or is UTF-8 read with the wrong code page."""
    for column in columns:
        if column not in frame.columns:
            continue
        values = frame[column]
        if isinstance(values.dtype, pd.CategoricalDtype):  # its distinct values, without a pass over its rows
            uniques, codes = values.cat.categories, None
        else:
            codes, uniques = pd.factorize(values, use_na_sentinel=True)
        if not may_be_legacy("\n".join(value for value in uniques.tolist() if isinstance(value, str))):
            continue
        for index, value in enumerate(uniques):
            found = legacy_encoding(value) if isinstance(value, str) else None
            if found:
                at = (values.cat.codes.to_numpy() if codes is None else codes) == index
                collect.add(rows[at], column, legacy_message(value, found))


_WHOLE = re.compile(r"^\s*\d+\s*$")


def spilled_numbers(collect: Collector, rows: np.ndarray, text_columns, number_columns) -> None:
    """In a comma-separated file, a whole number in a text column (``note``, ``district``) right
    after a column of points: an unquoted decimal comma (``78,5``) split one number into two
    cells, and the points lost their decimals. Reported, not guessed."""
    table = collect.table
    if table.separator != ",":
        return
    columns = list(table.frame.columns)
    for column in text_columns:
        position = columns.index(column) if column in columns else 0
        before = columns[position - 1] if position > 0 else None
        if before not in number_columns:
            continue
        cells = table.frame[column]
        codes, uniques = pd.factorize(cells, use_na_sentinel=True)
        whole = np.array([isinstance(u, str) and bool(_WHOLE.match(u)) for u in uniques] + [False])[codes]
        for index in np.flatnonzero(whole):
            collect.add(rows[index], column, (
                f"'{cells.iloc[index]}' right after the points in '{collect.header(before)}' looks like the decimals "
                f"of a number split by an unquoted decimal comma ('{table.frame[before].iloc[index]},"
                f"{str(cells.iloc[index]).strip()}'): quote it (\"78,5\") or write 78.5"))
