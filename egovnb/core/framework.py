"""The framework: tiers of units, their level rules, and (optionally) criteria."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from egovnb.core.errors import InputError, Problem
from egovnb.core.files import resolved
from egovnb.core.numbers import parse_number
from egovnb.core.text import clean_name
from egovnb.core.yamlio import line_of, load_yaml

RANK_BY = ("rate", "points")
DEFAULT_BELOW = "Chưa đạt"
NOT_EVALUATED = "Không đánh giá"
_TIER_KEYS = {"label", "rank_by", "levels", "below", "max_points", "rate_decimals"}
_LEVEL_KEYS = {"name", "min"}
_CRITERION_KEYS = {"id", "group", "title", "max_points", "tiers"}


@dataclass(frozen=True)
class Level:
    """One level: reached when the unit's value (rate 0..1, or points) is at least ``min``."""

    name: str
    min: float


@dataclass(frozen=True)
class Tier:
    """A kind of unit ranked together (sở, ban, ngành; UBND cấp huyện; UBND cấp xã ...)."""

    key: str
    label: str
    rank_by: str
    levels: tuple[Level, ...]
    below: str = DEFAULT_BELOW
    max_points: float | None = None
    # How many decimals the published table prints rates with (display only; None: 0 when
    # every rate is a whole percent, else 2).
    rate_decimals: int | None = None


@dataclass(frozen=True)
class Criterion:
    """One criterion (tiêu chí) with its maximum points and the tiers it applies to."""

    id: str
    group: str
    title: str
    max_points: float
    tiers: tuple[str, ...]


@dataclass(frozen=True)
class Framework:
    """Tiers in published order, and criteria when data come at criterion grain."""

    tiers: dict[str, Tier]
    criteria: tuple[Criterion, ...] = ()
    source: str = ""
    groups: tuple[str, ...] = field(default=())

    def tier_order(self) -> list[str]:
        return list(self.tiers)

    def criteria_for(self, tier: str) -> tuple[Criterion, ...]:
        """The criteria that apply to units of ``tier``."""
        return tuple(c for c in self.criteria if tier in c.tiers)

    def tier_max_points(self, tier: str) -> float | None:
        """A unit's maximum in ``tier``: the sum of its criteria, else the tier's ``max_points``."""
        criteria = self.criteria_for(tier)
        if criteria:
            return float(sum(c.max_points for c in criteria))
        return self.tiers[tier].max_points


def load_framework(spec: object, source: Path, base_dir: Path) -> Framework:
    """A framework from a path (relative to ``base_dir``) or an inline mapping.

    Raises InputError listing every problem found.
    """
    if isinstance(spec, str):
        path = resolved(base_dir / spec)  # a symlink loop is reported, not raised (core.files)
        mapping = load_yaml(path)
        return parse_framework(mapping, str(path))
    return parse_framework(spec, str(source), key_prefix="framework.")


def parse_framework(mapping: object, source: str, key_prefix: str = "") -> Framework:
    """Check and build a framework from its YAML mapping."""
    problems: list[Problem] = []

    def problem(where: object, key: object, column: str, message: str) -> None:
        problems.append(Problem(source, line_of(where, key), key_prefix + column, message))

    if not isinstance(mapping, dict):
        raise InputError([Problem(source, None, key_prefix.rstrip(".") or None,
                                  "a framework must be a mapping with 'tiers' (and optionally 'criteria')")])
    for key in mapping:
        if key not in ("tiers", "criteria"):
            problem(mapping, key, str(key), "unknown key; a framework has 'tiers' and 'criteria'")
    raw_tiers = mapping.get("tiers")
    tiers: dict[str, Tier] = {}
    if not isinstance(raw_tiers, dict) or not raw_tiers:
        problem(mapping, "tiers", "tiers", "missing or empty: name at least one tier")
        raw_tiers = {}
    for key, raw in raw_tiers.items():
        tier = _parse_tier(str(key), raw, raw_tiers, problem)
        if tier is not None:
            tiers[tier.key] = tier

    criteria: list[Criterion] = []
    raw_criteria = mapping.get("criteria") or []
    if not isinstance(raw_criteria, list):
        problem(mapping, "criteria", "criteria", "must be a list of criteria")
        raw_criteria = []
    seen: set[str] = set()
    for index, raw in enumerate(raw_criteria):
        criterion = _parse_criterion(index, raw, raw_criteria, raw_tiers, seen, problem)
        if criterion is not None:
            criteria.append(criterion)
    if problems:
        raise InputError(problems)
    groups = tuple(dict.fromkeys(c.group for c in criteria))
    return Framework(tiers=tiers, criteria=tuple(criteria), source=source, groups=groups)


def _known_keys(mapping: dict, allowed: set[str], where: str, what: str, problem) -> bool:
    """Report every key of ``mapping`` that is not in ``allowed``; True when there is none."""
    unknown = [key for key in mapping if key not in allowed]
    for key in unknown:
        problem(mapping, key, f"{where}.{key}", f"unknown key; {what} has {', '.join(sorted(allowed))}")
    return not unknown


def _parse_tier(key: str, raw: object, parent: dict, problem) -> Tier | None:
    column = f"tiers.{key}"
    if not isinstance(raw, dict):
        problem(parent, key, column, "a tier must be a mapping with label, rank_by, levels and below")
        return None
    ok = _known_keys(raw, _TIER_KEYS, column, "a tier", problem)
    rank_by = raw.get("rank_by", "rate")
    if rank_by not in RANK_BY:
        problem(raw, "rank_by", f"{column}.rank_by", f"'{rank_by}' is not one of: rate, points")
        ok = False
    max_points = None
    if raw.get("max_points") is not None:
        max_points = parse_number(raw["max_points"])
        if max_points is None or max_points != max_points or max_points <= 0:
            problem(raw, "max_points", f"{column}.max_points", "must be a positive number of points")
            ok = False
    rate_decimals = raw.get("rate_decimals")
    if rate_decimals is not None and not (isinstance(rate_decimals, int) and not isinstance(rate_decimals, bool)
                                          and 0 <= rate_decimals <= 6):
        problem(raw, "rate_decimals", f"{column}.rate_decimals", "must be a whole number of decimals from 0 to 6")
        ok = False
    levels = _parse_levels(raw, column, rank_by, problem)
    if levels is None:
        ok = False
    below = raw.get("below", DEFAULT_BELOW)
    if not isinstance(below, str) or not below.strip():
        problem(raw, "below", f"{column}.below", "must be a label such as 'Chưa đạt' or 'Không xếp hạng'")
        ok = False
    if not ok:
        return None
    return Tier(key=key, label=clean_name(raw.get("label") or key), rank_by=rank_by,
                levels=levels, below=clean_name(below), max_points=max_points, rate_decimals=rate_decimals)


def _parse_levels(raw: dict, column: str, rank_by: str, problem) -> tuple[Level, ...] | None:
    raw_levels = raw.get("levels")
    if not isinstance(raw_levels, list) or not raw_levels:
        problem(raw, "levels", f"{column}.levels", "missing or empty: list the levels, highest first")
        return None
    levels: list[Level] = []
    ok = True
    for index, item in enumerate(raw_levels):
        where = f"{column}.levels[{index + 1}]"
        if not isinstance(item, dict) or "name" not in item or "min" not in item:
            problem(raw_levels, index, where, "a level needs a name and a min, e.g. {name: I, min: 0.90}")
            ok = False
            continue
        ok = _known_keys(item, _LEVEL_KEYS, where, "a level", problem) and ok
        minimum = parse_number(item["min"])
        if minimum is None or minimum != minimum:
            problem(item, "min", f"{where}.min", f"'{item['min']}' is not a number")
            ok = False
            continue
        if rank_by == "rate" and not 0 <= minimum <= 1:
            hint = f" (write {minimum / 100:g} for {minimum:g} %)" if 1 < minimum <= 100 else ""
            problem(item, "min", f"{where}.min", f"a rate threshold is a fraction from 0 to 1{hint}")
            ok = False
        elif minimum < 0:
            problem(item, "min", f"{where}.min", "a points threshold cannot be negative")
            ok = False
        if levels and minimum >= levels[-1].min:
            problem(item, "min", f"{where}.min",
                    f"thresholds must be strictly decreasing: {minimum:g} is not below "
                    f"{levels[-1].min:g} of level {levels[-1].name}")
            ok = False
        levels.append(Level(name=clean_name(item["name"]), min=minimum))
    names = [level.name for level in levels]
    if len(set(names)) != len(names):
        problem(raw, "levels", f"{column}.levels", "level names must be distinct")
        ok = False
    return tuple(levels) if ok else None


def _parse_criterion(index: int, raw: object, parent: list, raw_tiers: dict, seen: set, problem):
    where = f"criteria[{index + 1}]"
    if not isinstance(raw, dict):
        problem(parent, index, where, "a criterion is a mapping: {id, group, title, max_points, tiers}")
        return None
    ok = _known_keys(raw, _CRITERION_KEYS, where, "a criterion", problem)
    criterion_id = clean_name(raw.get("id", ""))
    if not criterion_id:
        problem(raw, "id", f"{where}.id", "missing criterion id")
        ok = False
    elif criterion_id in seen:
        problem(raw, "id", f"{where}.id", f"criterion '{criterion_id}' is listed twice")
        ok = False
    seen.add(criterion_id)
    max_points = parse_number(raw.get("max_points"))
    if max_points is None or max_points != max_points or max_points <= 0:
        problem(raw, "max_points", f"{where}.max_points", "must be a positive number of points")
        ok = False
    tiers = raw.get("tiers")
    if tiers is None:
        tiers = list(raw_tiers)
    elif isinstance(tiers, str):
        tiers = [tiers]
    unknown = [t for t in tiers if t not in raw_tiers]
    if unknown:
        problem(raw, "tiers", f"{where}.tiers", f"unknown tier(s): {', '.join(map(str, unknown))}")
        ok = False
    if not ok:
        return None
    return Criterion(id=criterion_id, group=clean_name(raw.get("group") or "—"),
                     title=clean_name(raw.get("title") or criterion_id),
                     max_points=max_points, tiers=tuple(str(t) for t in tiers))
