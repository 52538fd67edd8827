"""Crosswalks: which old units became which new ones, so years compare across reforms.

A crosswalk is a CSV (or .xlsx) file, one row an old → new mapping::

    # Illustrative: Sơn Hà, communes merged from 1 July 2025
    old_tier,old_unit,new_tier,new_unit,effective_date,note
    xa,Xã Tân An,xa,Xã Tân Hòa,2025-07-01,merged (Nghị quyết ...)
    xa,Xã Tân Bình,xa,Xã Tân Hòa,2025-07-01,
    xa,Phường 3,xa,Phường Bến Đò,2025-07-01,renamed
    huyen,Huyện Sơn Tây,,,2025-07-01,district tier abolished

- ``old_unit`` and ``effective_date`` are required; ``old_tier`` and
  ``new_tier`` may be left out (or blank): a blank ``old_tier`` matches the
  unit's name in any tier, a blank ``new_tier`` means the same tier as the old.
- An empty ``new_unit`` says the old unit has no successor (dissolved).
- Several rows with the same ``new_unit`` merge their old units into it; an old
  unit with several rows was split, and each part is compared with it.
- ``effective_date`` is ``YYYY-MM-DD`` or ``DD/MM/YYYY``. A row is used to
  compare year P with a later year C when P < year of the date ≤ C, so one
  file can carry the changes of several years.

Names are compared after NFC and whitespace folding, like unit data.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pandas as pd

from egovnb.core.read_table import ROW, read_table
from egovnb.core.errors import InputError, Problem
from egovnb.core.text import clean_name

REQUIRED = ("old_unit", "new_unit", "effective_date")
OPTIONAL = ("old_tier", "new_tier", "note")
COLUMNS = ("old_tier", "old_unit", "new_tier", "new_unit", "effective_date", "note")

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_VI = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")


def parse_date(text: str) -> date | None:
    """A date from ``2025-07-01`` or ``01/07/2025`` (day first, as written in Vietnam); None if neither."""
    text = text.strip()
    if " " in text:  # Excel may hand over "2025-07-01 00:00:00"
        text = text.split(" ", 1)[0]
    match = _ISO.match(text)
    try:
        if match:
            return date(int(match[1]), int(match[2]), int(match[3]))
        match = _VI.match(text)
        if match:
            return date(int(match[3]), int(match[2]), int(match[1]))
    except ValueError:
        return None
    return None


def load_crosswalk(path: str | Path) -> pd.DataFrame:
    """Read and check a crosswalk file.

    Returns one row a mapping with columns ``old_tier`` (str or None),
    ``old_unit`` (str), ``new_tier`` (str or None), ``new_unit`` (str, or None
    when the old unit has no successor), ``effective_date`` (datetime.date),
    ``note`` (str) and ``_row`` (the file's row, header = row 1, after any
    ``#`` note lines). ``frame.attrs["source"]`` is the file as given.
    Raises InputError naming file, row and column of every problem.
    """
    table = read_table(Path(path))
    source = table.source
    frame = table.frame
    problems: list[Problem] = []
    for column in REQUIRED:
        if column not in frame.columns:
            problems.append(Problem(source, None, column,
                                    f"missing column '{column}'; a crosswalk has columns: {', '.join(COLUMNS)} "
                                    "(old_tier, new_tier and note are optional)"))
    for column in frame.columns:
        if column not in REQUIRED + OPTIONAL and column != ROW:
            problems.append(Problem(source, 1, table.headers.get(column, column),
                                    f"unknown column; a crosswalk has columns: {', '.join(COLUMNS)}"))
    if problems:
        raise InputError(problems)

    def cells(column: str) -> list[str]:
        if column not in frame.columns:
            return [""] * len(frame)
        return [clean_name(value) for value in frame[column].astype(object).tolist()]

    rows = frame[ROW].astype(int).tolist()
    records = []
    seen: dict[tuple, int] = {}
    for row, old_tier, old_unit, new_tier, new_unit, when, note in zip(
            rows, cells("old_tier"), cells("old_unit"), cells("new_tier"), cells("new_unit"),
            cells("effective_date"), cells("note")):
        header = table.headers.get
        if not old_unit:
            problems.append(Problem(source, row, header("old_unit"), "empty old unit name"))
        effective = parse_date(when)
        if effective is None:
            problems.append(Problem(source, row, header("effective_date"),
                                    f"'{when}' is not a date; write 2025-07-01 or 01/07/2025"))
        if new_tier and not new_unit:
            problems.append(Problem(source, row, header("new_unit"),
                                    "a new tier without a new unit; leave both empty if the unit was dissolved"))
        key = (old_tier, old_unit, new_tier or old_tier, new_unit, effective)
        if key in seen:
            problems.append(Problem(source, row, header("old_unit"),
                                    f"the same mapping is already on row {seen[key]}"))
        seen.setdefault(key, row)
        records.append({"old_tier": old_tier or None, "old_unit": old_unit, "new_tier": new_tier or None,
                        "new_unit": new_unit or None, "effective_date": effective, "note": note, ROW: row})
    if problems:
        raise InputError(problems)
    crosswalk = pd.DataFrame.from_records(records, columns=list(COLUMNS) + [ROW])
    crosswalk = _none_for_missing(crosswalk)
    crosswalk.attrs["source"] = source
    return crosswalk


def empty_crosswalk() -> pd.DataFrame:
    """A crosswalk with no rows (the columns of :func:`load_crosswalk`)."""
    frame = pd.DataFrame({c: pd.Series([], dtype=object) for c in COLUMNS})
    frame[ROW] = pd.Series([], dtype="int64")
    frame.attrs["source"] = ""
    return frame


def rows_between(crosswalk: pd.DataFrame | None, previous_year: int, current_year: int) -> pd.DataFrame:
    """The crosswalk rows that take effect after ``previous_year`` and by ``current_year``,
    in date order (so chains A → B → C resolve in the order they happened)."""
    if crosswalk is None or crosswalk.empty:
        return empty_crosswalk()
    years = crosswalk["effective_date"].map(lambda d: d.year)
    used = crosswalk[(years > previous_year) & (years <= current_year)]
    order = sorted(range(len(used)), key=lambda i: (used["effective_date"].iloc[i], used[ROW].iloc[i]))
    result = _none_for_missing(used.iloc[order].reset_index(drop=True))
    result.attrs["source"] = crosswalk.attrs.get("source", "")
    return result


def notes_between(crosswalk: pd.DataFrame | None, previous_year: int, current_year: int,
                  old: list[tuple[str, str]], new: list[tuple[str, str]]) -> str:
    """The notes of the crosswalk rows between the two years (see :func:`rows_between`) that
    link one of the ``old`` units ``(tier, unit)`` to one of the ``new`` ones (a row without a
    tier matches the unit's name in any tier), distinct, in date order, joined by ``"; "``;
    ``""`` when no such row has a note."""
    rows = rows_between(crosswalk, previous_year, current_year)
    notes: list[str] = []
    for old_tier, old_unit, new_tier, new_unit, note in zip(rows["old_tier"], rows["old_unit"], rows["new_tier"],
                                                             rows["new_unit"], rows["note"]):
        linked = (any(u == old_unit and old_tier in (None, t) for t, u in old)
                  and any(u == new_unit and new_tier in (None, t) for t, u in new))
        if linked and note and note not in notes:
            notes.append(note)
    return "; ".join(notes)


def _none_for_missing(frame: pd.DataFrame) -> pd.DataFrame:
    """Text columns as objects with None (not NaN) where a cell is blank, so ``is None`` tests hold."""
    frame = frame.copy()
    for column in ("old_tier", "old_unit", "new_tier", "new_unit", "note"):
        values = frame[column].astype(object)
        frame[column] = pd.Series([v if isinstance(v, str) and v else None for v in values],
                                  index=frame.index, dtype=object)
    frame["note"] = frame["note"].map(lambda v: v or "").astype(object)
    return frame
