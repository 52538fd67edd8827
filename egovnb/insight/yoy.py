"""Year on year: each unit against its predecessors of the previous assessment.

Units change between years: communes merge or are renamed, and from 1 July
2025 the district tier (UBND cấp huyện) is gone. A crosswalk
(:mod:`egovnb.insight.crosswalk`) says which old units became which new ones; this
module links the two years through it and says, for every unit, which rule
was used:

- ``same``: the unit is in both years under the same name and tier;
- ``renamed``: it has one predecessor under another name (or tier);
- ``merged``: it has several predecessors, compared combined;
- ``new``: it has no predecessor;
- ``dissolved``: a previous unit with no successor (also a whole tier that is
  no longer assessed).

Computation only; :func:`compare_with_previous` and
:func:`previous_year_problems` are the thin loaders that read the previous
year's params and the crosswalk for the report and ``egovnb validate``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from egovnb.core.collation import sort_key
from egovnb.insight.crosswalk import load_crosswalk, rows_between
from egovnb.insight.merged import combined_rate_and_level
from egovnb.core.read_table import ROW
from egovnb.core.errors import InputError, Problem
from egovnb.core.framework import Framework

RULES = ("same", "renamed", "merged", "new", "dissolved")
COLUMNS = ("tier", "unit", "previous_units", "rule", "previous_rank", "rank", "rank_change",
           "previous_level", "level", "level_change", "previous_rate", "rate")
SEPARATOR = "; "

Key = tuple[str, str]  # (tier, unit)


@dataclass
class _Links:
    """Which current units each previous unit became, and what the crosswalk said about it."""

    successors: dict[Key, list[Key]]
    mapped: set[Key]                     # previous units named by a crosswalk row
    problems: list[Problem] = field(default_factory=list)


def compare_years(current, previous, crosswalk: pd.DataFrame | None = None) -> pd.DataFrame:
    """Each unit of ``current`` against its predecessors in ``previous`` (two Assessments).

    Returns one row a current unit, then one row a dissolved previous unit, with
    columns ``tier, unit, previous_units`` ("; "-joined predecessor names, in
    Vietnamese order; "" for a new unit), ``rule`` (see the module doc),
    ``previous_rank, rank, rank_change`` (Int64; ``rank_change`` is previous −
    current, so positive means the unit moved up), ``previous_level, level,
    level_change`` ('up' | 'down' | 'same', or None when either year has no
    level to compare), ``previous_rate, rate`` (fractions 0..1).

    ``crosswalk`` is a frame from :func:`egovnb.insight.crosswalk.load_crosswalk`; only
    its rows dated after the previous year and by the current year are used.
    Without it, units are linked by name and tier only.

    Merged units: the predecessors are combined as one unit, so
    ``previous_rate`` = Σ achieved ÷ Σ applicable points of the evaluated
    predecessors (a rate weighted by applicable points). Such a combined unit
    was never ranked, so ``previous_rank`` and ``rank_change`` are empty;
    ``previous_level`` is the level the combined unit reaches under the
    previous year's thresholds of its tier (for a points tier, the combined
    rate × the tier's maximum points is compared with the point thresholds),
    left empty when the predecessors come from different tiers.

    Ranks are compared only within the same tier; levels are compared by their
    order in the current tier (I above II ... above ``below``); a unit not
    evaluated in either year has no level change.
    """
    links = _link(current, previous, crosswalk)
    # Rows as dicts: looked up once a unit, which .loc does a hundred times slower.
    now = _units(current).to_dict("index")
    before = _units(previous).to_dict("index")
    predecessors: dict[Key, list[Key]] = {key: [] for key in now}
    for old, news in links.successors.items():
        for new in news:
            predecessors[new].append(old)

    records = []
    for key, row in now.items():
        olds = sorted(predecessors[key], key=lambda k: sort_key(k[1]))
        record = {"tier": key[0], "unit": key[1], "previous_units": SEPARATOR.join(k[1] for k in olds),
                  "rank": row["rank"], "level": row["level"], "rate": row["rate"]}
        if not olds:
            record.update(rule="new", previous_rank=pd.NA, previous_level=None, previous_rate=np.nan)
        elif len(olds) == 1:
            old = before[olds[0]]
            record.update(rule="same" if olds[0] == key else "renamed", previous_rank=old["rank"],
                          previous_level=old["level"], previous_rate=old["rate"], same_tier=olds[0][0] == key[0])
        else:
            rate, level = combined_rate_and_level(previous, olds)
            record.update(rule="merged", previous_rank=pd.NA, previous_level=level, previous_rate=rate)
        records.append(record)
    for old, row in before.items():
        if not links.successors.get(old):
            records.append({"tier": old[0], "unit": old[1], "previous_units": old[1], "rule": "dissolved",
                            "previous_rank": row["rank"], "rank": pd.NA, "previous_level": row["level"],
                            "level": None, "previous_rate": row["rate"], "rate": np.nan})

    table = pd.DataFrame.from_records(
        records, columns=[c for c in COLUMNS if c not in ("rank_change", "level_change")] + ["same_tier"])
    for column in ("previous_rank", "rank"):
        table[column] = pd.array(table[column].tolist(), dtype="Int64")
    for column in ("previous_rate", "rate"):
        table[column] = table[column].astype(float)
    # A rank in another tier says nothing about this tier's ranking.
    same_tier = table["same_tier"].fillna(False).astype(bool)
    table["rank_change"] = (table["previous_rank"] - table["rank"]).where(same_tier, pd.NA)
    table["level_change"] = pd.Series([_level_change(t, p, c, current.framework) for t, p, c in
                                       zip(table["tier"], table["previous_level"], table["level"])], dtype=object)
    for column in ("previous_level", "level"):
        table[column] = table[column].astype(object).where(table[column].notna(), None)
    return _order(table.loc[:, list(COLUMNS)], current.framework, previous.framework)


def unmapped_previous_units(current, previous, crosswalk: pd.DataFrame | None) -> list[Problem]:
    """Problems for ``egovnb validate``: previous-year units that are neither in the
    current data nor mapped by the crosswalk, and crosswalk rows that name units
    found in neither year.

    A previous unit whose whole tier is absent from the current framework (the
    district tier after 1 July 2025) counts as dissolved by the framework and is
    not a problem. Each problem names the crosswalk file (or, without one, the
    previous year's data file and the unit's row there).
    """
    return _link(current, previous, crosswalk).problems


def comparison_tiers(current, previous) -> dict:
    """The tiers a year-on-year section shows, in order: the current framework's, then those
    only the previous year had (the district tier after 1 July 2025), whose units are all
    dissolved. Maps tier key to :class:`egovnb.core.framework.Tier`."""
    tiers = dict(current.framework.tiers)
    for key, tier in previous.framework.tiers.items():
        tiers.setdefault(key, tier)
    return tiers


def predecessors(current, previous, crosswalk: pd.DataFrame | None = None) -> dict[Key, list[Key]]:
    """For each current unit ``(tier, unit)``, the previous units ``(tier, unit)`` it is
    compared with (empty for a new unit), linked as :func:`compare_years` links them."""
    links = _link(current, previous, crosswalk)
    found: dict[Key, list[Key]] = {key: [] for key in zip(current.ranked["tier"].astype(object),
                                                          current.ranked["unit"].astype(object))}
    for old, news in links.successors.items():
        for new in news:
            found[new].append(old)
    return {key: sorted(olds, key=lambda k: sort_key(k[1])) for key, olds in found.items()}


def combined_figures(assessment, keys: list[Key]) -> dict:
    """Rank, level and rate of the units ``keys`` of ``assessment`` taken as one unit:
    one unit's own figures, or for several the merged figures of :func:`compare_years`
    (rate = Σ achieved ÷ Σ applicable of the evaluated ones, level under that year's
    thresholds, no rank). Also ``achieved_points`` and ``applicable_points`` (sums)."""
    rows = _units(assessment).loc[keys]
    evaluated = rows[rows["evaluated"]]
    sums = {"achieved_points": float(evaluated["achieved_points"].sum()) if len(evaluated) else np.nan,
            "applicable_points": float(evaluated["applicable_points"].sum()) if len(evaluated) else np.nan}
    if len(keys) == 1:
        row = rows.iloc[0]
        return {"rank": row["rank"], "level": row["level"], "rate": float(row["rate"]), **sums}
    rate, level = combined_rate_and_level(assessment, list(keys))
    return {"rank": pd.NA, "level": level, "rate": rate, **sums}


# --- loaders for the report and `egovnb validate` -------------------------------------------

def crosswalk_of(params) -> pd.DataFrame | None:
    """The crosswalk named by ``crosswalk:`` in the params, or None."""
    return load_crosswalk(params.crosswalk) if params.crosswalk is not None else None


def compare_with_previous(current) -> pd.DataFrame | None:
    """:func:`compare_years` against the params' ``previous:`` year through its
    ``crosswalk:``; None when the params name no previous year."""
    previous = current.previous
    if previous is None:
        return None
    return compare_years(current, previous, crosswalk_of(current.params))


def previous_year_problems(current) -> list[Problem]:
    """Every problem of the previous year's files, the crosswalk, and units left
    unaccounted for (see :func:`unmapped_previous_units`); empty when all is well."""
    try:
        previous = current.previous
        if previous is None:
            return []
        crosswalk = crosswalk_of(current.params)
    except InputError as error:
        return error.problems
    return unmapped_previous_units(current, previous, crosswalk)


# --- summaries -------------------------------------------------------------------------------

def rule_counts(comparison: pd.DataFrame) -> pd.DataFrame:
    """How many units each rule covers, per tier (tiers as rows, rules as columns, ints)."""
    counts = pd.crosstab(comparison["tier"], comparison["rule"])
    counts = counts.reindex(columns=list(RULES), fill_value=0)
    order = list(dict.fromkeys(comparison["tier"]))
    return counts.loc[order]


# --- internals --------------------------------------------------------------------------------

def _units(assessment) -> pd.DataFrame:
    """One row a unit, indexed by (tier, unit): figures needed to compare years."""
    ranked = assessment.ranked
    frame = pd.DataFrame({
        "tier": ranked["tier"].astype(object).to_numpy(), "unit": ranked["unit"].astype(object).to_numpy(),
        "rank": ranked["rank"].astype("Int64").to_numpy(), "level": ranked["level"].astype(object).to_numpy(),
        "rate": ranked["rate"].to_numpy(dtype=float),
        "achieved_points": ranked["achieved_points"].to_numpy(dtype=float),
        "applicable_points": ranked["applicable_points"].to_numpy(dtype=float),
        "evaluated": ranked["evaluated"].to_numpy(dtype=bool),
        ROW: ranked[ROW].to_numpy() if ROW in ranked.columns else np.full(len(ranked), -1),
    })
    frame.index = pd.MultiIndex.from_arrays([frame["tier"], frame["unit"]], names=["tier_key", "unit_key"])
    return frame


def _level_change(tier: str, previous: object, current: object, framework: Framework) -> str | None:
    if tier not in framework.tiers or not isinstance(previous, str) or not isinstance(current, str):
        return None
    order = list(framework.tiers[tier].level_order())
    if previous not in order or current not in order:
        return None
    before, now = order.index(previous), order.index(current)
    return "up" if now < before else "down" if now > before else "same"


def _order(table: pd.DataFrame, current: Framework, previous: Framework) -> pd.DataFrame:
    """Rows by tier (current framework order, then tiers only in the previous year),
    dissolved units last in their tier, then rank, then Vietnamese name order."""
    tiers = list(current.tiers) + [t for t in previous.tiers if t not in current.tiers]
    tiers += [t for t in dict.fromkeys(table["tier"]) if t not in tiers]
    position = {t: i for i, t in enumerate(tiers)}
    rank = table["rank"].astype("Float64").fillna(np.inf).to_numpy(dtype=float)
    previous_rank = table["previous_rank"].astype("Float64").fillna(np.inf).to_numpy(dtype=float)
    keys = [(position[t], r == "dissolved", rk, prk, sort_key(u))
            for t, r, rk, prk, u in zip(table["tier"], table["rule"], rank, previous_rank, table["unit"])]
    order = sorted(range(len(table)), key=keys.__getitem__)
    return table.iloc[order].reset_index(drop=True)


def _link(current, previous, crosswalk: pd.DataFrame | None) -> _Links:
    """Follow the crosswalk from each previous unit to the current units it became."""
    now_keys = list(zip(current.ranked["tier"].astype(object), current.ranked["unit"].astype(object)))
    now_set = set(now_keys)
    tiers_of_name: dict[str, list[str]] = {}
    for tier, unit in now_keys:
        tiers_of_name.setdefault(unit, []).append(tier)
    before = previous.ranked
    before_keys = list(zip(before["tier"].astype(object), before["unit"].astype(object)))
    before_rows = dict(zip(before_keys, before[ROW].tolist() if ROW in before.columns else [None] * len(before)))
    previous_names: dict[str, list[str]] = {}
    for tier, unit in before_keys:
        previous_names.setdefault(unit, []).append(tier)

    rows = rows_between(crosswalk, previous.params.year, current.params.year)
    source = rows.attrs.get("source", "") or (str(current.params.crosswalk) if current.params.crosswalk else "")
    problems: list[Problem] = []
    # Where each previous unit is now, as the crosswalk rows are applied in date order.
    where: dict[Key, set[Key]] = {key: {key} for key in before_keys}
    mapped: set[Key] = set()
    # Rows of one old unit on one date act together (a split names several new units).
    groups: dict[tuple, list[int]] = {}
    for index in range(len(rows)):
        key = (rows["old_tier"].iloc[index], rows["old_unit"].iloc[index], rows["effective_date"].iloc[index])
        groups.setdefault(key, []).append(index)
    for (old_tier, old_unit, _), indices in groups.items():
        first_row = int(rows[ROW].iloc[indices[0]])
        targets = []
        for index in indices:
            new_unit = rows["new_unit"].iloc[index]
            if new_unit is not None:
                targets.append((rows["new_tier"].iloc[index], new_unit, int(rows[ROW].iloc[index])))
        touched = False
        for origin, places in where.items():
            for place in list(places):
                if place[1] != old_unit or (old_tier is not None and place[0] != old_tier):
                    continue
                touched = True
                mapped.add(origin)
                places.discard(place)
                for new_tier, new_unit, row in targets:
                    places.add(_resolve((new_tier or place[0], new_unit), new_tier is not None,
                                        now_set, tiers_of_name))
        if not touched:
            tiers_here = f" in tier '{old_tier}'" if old_tier else ""
            problems.append(Problem(source, first_row, "old_unit",
                                    f"'{old_unit}'{tiers_here} is not a unit of {previous.params.year} "
                                    f"({previous.params.data.name})"))
        elif old_tier is None and len(previous_names.get(old_unit, [])) > 1:
            problems.append(Problem(source, first_row, "old_tier",
                                    f"'{old_unit}' is a unit of several tiers in {previous.params.year} "
                                    f"({', '.join(previous_names[old_unit])}); say which in old_tier"))
        for new_tier, new_unit, row in targets:
            known = (new_tier, new_unit) in now_set if new_tier else new_unit in tiers_of_name
            # A name that a later row maps again is a step of a chain, not a current unit.
            if not known and not (rows["old_unit"] == new_unit).any():
                tiers_here = f" in tier '{new_tier}'" if new_tier else ""
                problems.append(Problem(source, row, "new_unit",
                                        f"'{new_unit}'{tiers_here} is not a unit of {current.params.year} "
                                        f"({current.params.data.name})"))

    successors: dict[Key, list[Key]] = {}
    for origin in before_keys:
        successors[origin] = sorted((p for p in where[origin] if p in now_set), key=lambda k: sort_key(k[1]))
        if successors[origin] or origin in mapped or origin[0] not in current.framework.tiers:
            continue
        tier, unit = origin
        dated = _dated_elsewhere(crosswalk, tier, unit)
        if dated is not None:
            problems.append(Problem(
                source, int(dated[ROW]), "effective_date",
                f"'{unit}' (tier '{tier}') is in {previous.params.year} but not in {current.params.year}; its "
                f"crosswalk row is dated {dated['effective_date'].isoformat()}, so it is left out of this "
                f"comparison (it takes rows dated after {previous.params.year} and by {current.params.year}): "
                "check the date"))
        elif source:
            problems.append(Problem(
                source, None, "old_unit",
                f"'{unit}' (tier '{tier}', row {before_rows[origin]} of {previous.params.data}) is in "
                f"{previous.params.year} but not in {current.params.year} and has no crosswalk row; add "
                f"'{tier},{unit},<new tier>,<new unit>,<date>' (leave the new unit empty if it was dissolved)"))
        else:
            problems.append(Problem(
                str(previous.params.data), before_rows[origin], "unit",
                f"'{unit}' (tier '{tier}') is not in {current.params.year} ({current.params.data}); "
                "if it merged, was renamed or dissolved, say so in a crosswalk file "
                "(crosswalk: in the params file)"))
    problems.sort(key=lambda p: (p.file, p.row or 0, p.column or "", p.message))
    return _Links(successors=successors, mapped=mapped, problems=problems)


def _dated_elsewhere(crosswalk: pd.DataFrame | None, tier: str, unit: str):
    """The first crosswalk row of the old unit ``(tier, unit)`` (any row: those of this
    comparison's years did not map it), or None."""
    if crosswalk is None or crosswalk.empty:
        return None
    own = crosswalk[(crosswalk["old_unit"] == unit)
                    & crosswalk["old_tier"].map(lambda t: t is None or t == tier).astype(bool)]
    return None if own.empty else own.sort_values(ROW).iloc[0]


def _resolve(key: Key, tier_given: bool, now: set[Key], tiers_of_name: dict[str, list[str]]) -> Key:
    """A new unit with no tier stays in the old unit's tier, unless that tier has no such unit
    and exactly one current tier does (a district town that became a ward, say)."""
    if tier_given or key in now:
        return key
    tiers = tiers_of_name.get(key[1], [])
    return (tiers[0], key[1]) if len(tiers) == 1 else key
