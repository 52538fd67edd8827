"""Year chains checked whole: every link of ``previous:``, and what a crosswalk says.

A report compares a year with the one before it, and a unit's scorecard follows
``previous:`` back through every year that has a params file (each link through its own
crosswalk). So ``egovnb validate`` checks every link the scorecards follow, not only the
first: each previous year's params, framework and data, each crosswalk, and the units of
each pair of years (:func:`egovnb.insight.yoy.unmapped_previous_units`). Beyond a unit
left unaccounted for, a crosswalk row is a problem when it

- names a tier that the framework of its year lacks (``old_tier`` the previous year's,
  ``new_tier`` the current year's);
- maps a unit away while that unit is still in the new year under its tier and name (it
  would be shown as "new", and its predecessor's figures given to another unit), unless the
  unit was split and one part kept the name (a row mapping it to itself);
- maps units into each other on one date (``A → B`` and ``B → A``, or a longer ring): the
  comparison would say a unit was "merged from itself".
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from egovnb.core.read_table import ROW
from egovnb.core.errors import InputError, Problem
from egovnb.insight.crosswalk import rows_between
from egovnb.insight.yoy import crosswalk_of, predecessors, unmapped_previous_units

MAX_YEARS = 20  # links followed, as far back as a scorecard's history goes


def chain_problems(current, limit: int = MAX_YEARS) -> list[Problem]:
    """Every problem of every link of ``previous:`` from ``current`` (an Assessment) back,
    up to ``limit`` years: a year that cannot be read, its crosswalk, units unaccounted for,
    and crosswalk rows that contradict the data (see the module doc)."""
    problems: list[Problem] = []
    seen = {Path(current.params.path).resolve()}
    year = current
    for _ in range(limit):
        if year.params.previous is None:
            break
        try:
            previous = year.previous
            crosswalk = crosswalk_of(year.params)
        except InputError as error:
            problems += error.problems
            break
        problems += unmapped_previous_units(year, previous, crosswalk)
        problems += crosswalk_problems(year, previous, crosswalk)
        where = Path(previous.params.path).resolve()
        if where in seen:
            break
        seen.add(where)
        year = previous
    return sorted(set(problems), key=lambda p: (p.file, p.row or 0, p.column or "", p.message))


def crosswalk_problems(current, previous, crosswalk: pd.DataFrame | None) -> list[Problem]:
    """The rows of ``crosswalk`` used between the two years that name an unknown tier, map away
    a unit still present, or map units into each other on one date."""
    rows = rows_between(crosswalk, previous.params.year, current.params.year)
    if rows.empty:
        return []
    source = rows.attrs.get("source", "") or str(current.params.crosswalk)
    problems = _unknown_tiers(rows, source, current, previous)
    if problems:
        return problems  # units are looked up by tier: nothing more can be said of these rows
    return _still_present(rows, source, current, previous, crosswalk) + _rings(rows, source)


def _unknown_tiers(rows: pd.DataFrame, source: str, current, previous) -> list[Problem]:
    problems = []
    for column, assessment in (("old_tier", previous), ("new_tier", current)):
        tiers = assessment.framework.tiers
        for tier, row in zip(rows[column], rows[ROW]):
            if tier is not None and tier not in tiers:
                problems.append(Problem(source, int(row), column, (
                    f"tier '{tier}' is not a tier of the {assessment.params.year} framework "
                    f"({Path(assessment.framework.source or assessment.params.path).name}); its tiers: "
                    f"{', '.join(tiers)}")))
    return problems


def _still_present(rows: pd.DataFrame, source: str, current, previous, crosswalk) -> list[Problem]:
    """A previous unit that a row maps to another unit, yet still a unit of the current year
    that is not compared with itself."""
    now = set(zip(current.ranked["tier"].astype(object), current.ranked["unit"].astype(object)))
    before = set(zip(previous.ranked["tier"].astype(object), previous.ranked["unit"].astype(object)))
    linked = predecessors(current, previous, crosswalk)
    rows_of_current = dict(zip(zip(current.ranked["tier"].astype(object), current.ranked["unit"].astype(object)),
                               current.ranked[ROW].tolist() if ROW in current.ranked.columns else [None] * len(now)))
    problems, reported = [], set()
    for old_tier, old_unit, new_unit, row in zip(rows["old_tier"], rows["old_unit"], rows["new_unit"], rows[ROW]):
        if new_unit == old_unit:
            continue
        for key in sorted(k for k in before & now if k[1] == old_unit and (old_tier is None or k[0] == old_tier)):
            if key in linked.get(key, []) or key in reported:
                continue
            reported.add(key)
            target = f"'{new_unit}'" if new_unit else "no successor (dissolved)"
            problems.append(Problem(source, int(row), "old_unit", (
                f"'{old_unit}' (tier '{key[0]}') is mapped to {target}, but is still a unit of "
                f"{current.params.year} (row {rows_of_current[key]} of {current.params.data.name}); remove the row, "
                "or, if the unit was split and one part kept its name, add a row mapping it to itself")))
    return problems


def _rings(rows: pd.DataFrame, source: str) -> list[Problem]:
    """Rows of one date that map units into each other (A → B, B → A; or A → B → C → A)."""
    problems = []
    for _, day in rows.groupby("effective_date", sort=False):
        edges: dict[tuple, list[tuple]] = {}
        for old_tier, old_unit, new_tier, new_unit, row in zip(day["old_tier"], day["old_unit"], day["new_tier"],
                                                               day["new_unit"], day[ROW]):
            if new_unit is None or new_unit == old_unit:
                continue
            edges.setdefault(old_unit, []).append((new_unit, int(row), old_tier, new_tier or old_tier))
        reported: set[frozenset] = set()
        for start in edges:
            ring = _ring_from(start, edges)
            if ring and frozenset(ring) not in reported:
                reported.add(frozenset(ring))
                names = [name for name, _ in ring]
                rows_ = sorted(row for _, row in ring)
                problems.append(Problem(source, rows_[0], "new_unit", (
                    f"{' and '.join(repr(n) for n in names) if len(names) == 2 else ' → '.join(names + names[:1])} "
                    f"are mapped into each other on one date (rows {', '.join(map(str, rows_))}): a unit cannot "
                    "be merged from itself; keep the rows of what really happened")))
    return problems


def _ring_from(start: str, edges: dict) -> list[tuple[str, int]] | None:
    """The units and rows of a ring of mappings through ``start``, or None (a depth-first
    walk with its own stack: a chain of a thousand renames is no recursion)."""
    path: list[tuple[str, int]] = []
    stack = [iter(edges.get(start, []))]
    seen = {start}
    names = [start]
    while stack:
        step = next(stack[-1], None)
        if step is None:
            stack.pop()
            names.pop()
            if path:
                path.pop()
            continue
        target, row = step[0], step[1]
        if target == start:
            return path + [(names[-1], row)]
        if target in seen:
            continue
        seen.add(target)
        path.append((names[-1], row))
        names.append(target)
        stack.append(iter(edges.get(target, [])))
    return None
