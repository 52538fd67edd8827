"""Unit data as delivered: every table of the data file read, checked, and put together.

A province's workbook has one sheet per kind of unit (``sheets:`` in the params maps
each to a tier), or one table (``tier:``, or a ``tier`` column). Each table is read
(:mod:`egovnb.core.read_table`) and checked (:mod:`egovnb.core.check_table`) on its own, so that
every problem names its sheet; the checked tables are then joined into one
:class:`UnitData`. The published figures a table prints (rate, converted points, rank,
level) are kept beside each unit: ``published_*`` typed (the rate as a fraction 0..1) and
``printed_*`` as the cell shows them, for :mod:`egovnb.insight.reconcile`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from egovnb.core.cells import as_percent, exact, read_printed
from egovnb.core.read_table import ROW, RawTable, read_table
from egovnb.core.errors import InputError, Problem
from egovnb.core.headers import PUBLISHED
from egovnb.core.numbers import parse_number
from egovnb.core.text import clean_name
from egovnb.core.checked_data import PartSums
from egovnb.core.check_table import UnitData, check_units
from egovnb.core.workbook import Skipped

TABLE = "_table"  # column of the units frame: which table (position in ``tables``) a unit comes from
FIGURES = tuple(name.removeprefix("published_") for name in PUBLISHED)  # rate, converted_points, rank, level


@dataclass(frozen=True)
class TableSource:
    """Where one table of unit data was read: the file as shown, its sheet (None for a CSV),
    the tier the params gave it (None: a tier column), the header's rows, each column's
    header exactly as written, and the rows under the header that are not units."""

    file: str
    sheet: str | None
    tier: str | None
    header_rows: tuple[int, ...]
    written: dict[str, str]
    skipped: tuple[Skipped, ...]

    @property
    def published(self) -> tuple[str, ...]:
        """The published figures this table prints: some of rate, converted_points, rank, level."""
        return tuple(f for f in FIGURES if f"published_{f}" in self.written)


def load_unit_data(params) -> tuple[UnitData, tuple[TableSource, ...]]:
    """Read and check every table the params name; raises InputError with every problem of
    every table."""
    tables = read_tables(params.data, params.sheet, params.sheets, params.tier)
    checked, problems = [], []
    for table in tables:
        if "tier" not in table.frame.columns:
            problems.append(Problem(table.source, table.header_row, None, (
                "no 'tier' column: say which tier this table is with `tier: KEY` in the params (for a workbook "
                "with one sheet per tier, `sheets: {sheet name: KEY, ...}`); the framework has: "
                + ", ".join(params.framework.tiers))))
            continue
        try:
            checked.append(check_units(_with_derived_points(table, params.framework), params.framework))
        except InputError as error:
            problems += error.problems
    if problems:
        raise InputError(problems)
    sources = tuple(TableSource(file=str(params.data), sheet=t.sheet, tier=tier, header_rows=t.header_rows,
                                written=t.written, skipped=t.skipped)
                    for t, tier in zip(tables, _tiers(params.sheets, params.tier, len(tables))))
    return join(checked, tables, str(params.data)), sources


def read_tables(path, sheet: str | None = None, sheets: dict[str, str] | None = None,
                tier: str | None = None) -> list[RawTable]:
    """One table per sheet named in ``sheets`` (sheet → tier), else the one table of ``sheet``
    (or the first visible sheet, or the CSV) with ``tier``."""
    if not sheets:
        return [read_table(path, sheet, tier)]
    tables, problems = [], []
    for name, keys in sheets.items():
        keys = (keys,) if isinstance(keys, str) else tuple(keys)  # a sheet's tables, top to bottom
        for index, key in enumerate(keys):
            try:
                tables.append(read_table(path, name, key, table=index, more=index < len(keys) - 1))
            except InputError as error:
                problems += error.problems
    if problems:
        raise InputError(problems)
    return tables


def _with_derived_points(table: RawTable, framework) -> RawTable:
    """A summary table as some provinces print it, completed: without a maximum column, the
    framework's maximum of the tier; with applicable but no excluded points, excluded = maximum −
    applicable (exact decimals)."""
    frame = table.frame
    if ("criterion" in frame.columns or "tier" not in frame.columns or "achieved_points" not in frame.columns
            or "component" in frame.columns):  # a component's maximum is its own, not the tier's
        return table
    if "max_points" not in frame.columns:
        maxima = [framework.tier_max_points(t) if t in framework.tiers else None for t in frame["tier"]]
        if any(m is None for m in maxima):
            return table
        frame = frame.assign(max_points=maxima)
    if "excluded_points" not in frame.columns and "applicable_points" in frame.columns:
        excluded = []
        for maximum, applicable in zip(frame["max_points"], frame["applicable_points"]):
            maximum, applicable = parse_number(maximum), parse_number(applicable)
            known = maximum is not None and applicable is not None and maximum == maximum and applicable == applicable
            excluded.append(float(exact(maximum) - exact(applicable)) if known else "")
        frame = frame.assign(excluded_points=excluded)
    return replace(table, frame=frame) if frame is not table.frame else table


def join(checked: list[UnitData], tables: list[RawTable], file: str) -> UnitData:
    """Checked tables (of the data file ``file``) as one: units, with their published figures
    and table, one table after the other. A unit listed twice in one tier across tables, or
    tables at different grains, are problems."""
    grains = {data.grain for data in checked}
    if len(grains) > 1:
        raise InputError([Problem(file, None, None, "the sheets hold data at different grains (" + ", ".join(
            f"{t.sheet}: {d.grain}" for d, t in zip(checked, tables)) + "); use one grain for every sheet")])
    units = [_with_published(data.units, table).assign(**{TABLE: index})
             for index, (data, table) in enumerate(zip(checked, tables))]
    joined = pd.concat(units, ignore_index=True) if len(units) > 1 else units[0]
    if len(checked) > 1:
        _no_unit_twice(joined, tables)
    criteria = [data.criteria_points for data in checked if data.criteria_points is not None]
    criteria_points = criteria[0] if len(criteria) == 1 else None
    if len(criteria) > 1:
        criteria_points = pd.concat(criteria, ignore_index=True)
        for column in ("tier", "unit", "criterion"):
            criteria_points[column] = criteria_points[column].astype(object).astype("category")
        groups = criteria[0]["group"].cat.categories
        criteria_points["group"] = pd.Categorical(criteria_points["group"].astype(object), categories=groups)
    return UnitData(grain=grains.pop(), units=joined, criteria_points=criteria_points,
                    source=checked[0].source if len(checked) == 1 else file,
                    groups=_stacked([data.groups for data in checked]),
                    components=_stacked([data.components for data in checked]),
                    descriptions=tuple(dict.fromkeys(c for data in checked for c in data.descriptions)),
                    description_headers={k: v for data in checked for k, v in data.description_headers.items()})


def _stacked(parts: list[PartSums | None]) -> PartSums | None:
    """Each table's points per part (groups or components), one table after the other, as
    the units are; None when no table has them."""
    if all(part is None for part in parts):
        return None
    if len(parts) == 1:
        return parts[0]
    keys = next(part.keys for part in parts if part is not None)
    return PartSums(keys, *(np.vstack([getattr(part, name) for part in parts])
                            for name in ("max_points", "excluded_points", "achieved_points")))


def _with_published(units: pd.DataFrame, table: RawTable) -> pd.DataFrame:
    """``units`` with ``published_*`` (typed) and ``printed_*`` (as shown) for every published
    figure of ``table``, looked up by the unit's row."""
    present = [f for f in FIGURES if f"published_{f}" in table.frame.columns]
    if not present:
        return units
    by_row = table.frame.drop_duplicates(ROW).set_index(ROW)
    units = units.copy()
    for figure in present:
        printed = units[ROW].map(by_row[f"published_{figure}"]).map(_cell_text)
        units[f"printed_{figure}"] = printed.to_numpy(dtype=object)
        units[f"published_{figure}"] = _typed(printed, figure)
    return units


def _typed(printed: pd.Series, figure: str) -> pd.Series:
    """Printed figures as values: the rate a fraction, converted points a number, the rank a
    whole number, the level its name; empty or unreadable cells are missing."""
    if figure == "level":
        return printed.map(lambda text: clean_name(text) or None).astype(object)
    values = []
    for text in printed:
        try:
            number = read_printed(text)
        except ValueError:
            number = None
        if number is None:
            values.append(np.nan)
        elif figure == "rate":
            values.append(float(as_percent(number).value) / 100)
        else:
            values.append(float(number.value))
    series = pd.Series(values, index=printed.index, dtype="float64")
    if figure == "rank":
        whole = series.where(series == series.round())
        return whole.astype("Int64")
    return series


def _cell_text(value: object) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value).strip()


def _no_unit_twice(units: pd.DataFrame, tables: list[RawTable]) -> None:
    twice = units.duplicated(["tier", "unit"], keep="first").to_numpy()
    if not twice.any():
        return
    first = units.drop_duplicates(["tier", "unit"]).set_index(["tier", "unit"])
    problems = []
    for index in np.flatnonzero(twice):
        row = units.iloc[index]
        earlier = first.loc[(row["tier"], row["unit"])]
        problems.append(Problem(tables[row[TABLE]].source, int(row[ROW]), tables[row[TABLE]].headers.get("unit"),
                                f"unit '{row['unit']}' of tier '{row['tier']}' is also in sheet "
                                f"'{tables[earlier[TABLE]].sheet}', row {int(earlier[ROW])}"))
    raise InputError(problems)


def _tiers(sheets: dict | None, tier: str | None, count: int) -> list[str | None]:
    if not sheets:
        return [tier] * count
    return [key for keys in sheets.values() for key in ((keys,) if isinstance(keys, str) else keys)]
