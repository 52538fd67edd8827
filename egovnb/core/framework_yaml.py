"""Reading and checking a framework's YAML: tiers, components, groups and criteria.

Every problem names the file, the line and the key path (``tiers.huyen.components.san-sang.levels[2].min``);
all of them are collected before an :class:`~egovnb.core.errors.InputError` is raised.
"""

from __future__ import annotations

from pathlib import Path

from egovnb.core.errors import InputError, Problem
from egovnb.core.files import resolved
from egovnb.core.framework import (DEFAULT_BELOW, LEVEL_BY, RANK_BY, Component, Criterion, Framework, Group, Level,
                                   Tier, fraction_thresholds)
from egovnb.core.keys import FRAMEWORK, TIER
from egovnb.core.numbers import parse_number
from egovnb.core.text import clean_name, legacy_problems
from egovnb.core.yamlio import line_of, load_yaml

# The keys of each mapping, as declared in egovnb.core.keys.
_FRAMEWORK_KEYS = FRAMEWORK.names
_TIER_KEYS = set(TIER.names)
_COMPONENT_KEYS = set(TIER["components"].names)
_LEVEL_KEYS = set(TIER["levels"].names)
_GROUP_KEYS = set(FRAMEWORK["groups"].names)
_CRITERION_KEYS = set(FRAMEWORK["criteria"].names)
_FRAMEWORK_HAS = " and ".join(", ".join(f"'{name}'" for name in _FRAMEWORK_KEYS).rsplit(", ", 1))


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
    problems += legacy_problems(mapping, source, path=key_prefix.rstrip("."))  # TCVN3, VNI, mis-decoded UTF-8
    for key in mapping:
        if key not in _FRAMEWORK_KEYS:
            problem(mapping, key, str(key), f"unknown key; a framework has {_FRAMEWORK_HAS}")
    raw_tiers = mapping.get("tiers")
    tiers: dict[str, Tier] = {}
    if not isinstance(raw_tiers, dict) or not raw_tiers:
        problem(mapping, "tiers", "tiers", "missing or empty: name at least one tier")
        raw_tiers = {}
    for key, raw in raw_tiers.items():
        tier = _parse_tier(str(key), raw, raw_tiers, problem)
        if tier is not None:
            tiers[tier.key] = tier

    groups = _parse_groups(mapping, raw_tiers, tiers, problem)
    criteria: list[Criterion] = []
    raw_criteria = mapping.get("criteria") or []
    if not isinstance(raw_criteria, list):
        problem(mapping, "criteria", "criteria", "must be a list of criteria")
        raw_criteria = []
    seen: set[str] = set()
    named_groups = Framework(tiers={}, group_specs=tuple(groups)) if groups else None
    for index, raw in enumerate(raw_criteria):
        criterion = _parse_criterion(index, raw, raw_criteria, raw_tiers, seen, named_groups, problem)
        if criterion is not None:
            criteria.append(criterion)
    if not groups:
        groups = [Group(id=name, title=name) for name in dict.fromkeys(c.group for c in criteria)]
    framework = Framework(tiers=tiers, criteria=tuple(criteria), source=source,
                          groups=tuple(g.title for g in groups), group_specs=tuple(groups))
    if not problems:
        _check_methods(framework, mapping, problem)
    if problems:
        raise InputError(problems)
    return framework


def _known_keys(mapping: dict, allowed: set[str], where: str, what: str, problem) -> bool:
    """Report every key of ``mapping`` that is not in ``allowed``; True when there is none."""
    unknown = [key for key in mapping if key not in allowed]
    for key in unknown:
        problem(mapping, key, f"{where}.{key}", f"unknown key; {what} has {', '.join(sorted(allowed))}")
    return not unknown


def _positive(raw: dict, key: str, column: str, what: str, problem) -> tuple[bool, float | None]:
    """(ok, value) of an optional positive number ``raw[key]``."""
    if raw.get(key) is None:
        return True, None
    value = parse_number(raw[key])
    if value is None or value != value or value <= 0:
        problem(raw, key, f"{column}.{key}", f"must be a positive number{what}")
        return False, None
    return True, value


def _rule(raw: dict, column: str, problem, rank_by_default: str = TIER["rank_by"].default,
          below_default: str = DEFAULT_BELOW):
    """(ok, rank_by, levels, below) of a tier or a component."""
    ok = True
    rank_by = raw.get("rank_by", rank_by_default)
    if rank_by not in RANK_BY:
        problem(raw, "rank_by", f"{column}.rank_by", f"'{rank_by}' is not one of: {', '.join(RANK_BY)}")
        ok, rank_by = False, rank_by_default
    levels = _parse_levels(raw, column, rank_by, problem)
    if levels is None:
        ok = False
    below = raw.get("below", below_default)
    if not isinstance(below, str) or not below.strip():
        problem(raw, "below", f"{column}.below", "must be a label such as 'Chưa đạt' or 'Không xếp hạng'")
        ok = False
    return ok, rank_by, levels or (), clean_name(below) if isinstance(below, str) else below_default


def _parse_tier(key: str, raw: object, parent: dict, problem) -> Tier | None:
    column = f"tiers.{key}"
    if not isinstance(raw, dict):
        problem(parent, key, column, "a tier must be a mapping with label, rank_by, levels and below")
        return None
    ok = _known_keys(raw, _TIER_KEYS, column, "a tier", problem)
    rule_ok, rank_by, levels, below = _rule(raw, column, problem)
    ok &= rule_ok
    max_ok, max_points = _positive(raw, "max_points", column, " of points", problem)
    scale_ok, index_scale = _positive(raw, "index_scale", column, " (e.g. 1000 to print the index on 1,000 points)",
                                      problem)
    ok &= max_ok and scale_ok
    rate_decimals = raw.get("rate_decimals")
    decimals = TIER["rate_decimals"]
    if rate_decimals is not None and not (isinstance(rate_decimals, int) and not isinstance(rate_decimals, bool)
                                          and decimals.minimum <= rate_decimals <= decimals.maximum):
        problem(raw, "rate_decimals", f"{column}.rate_decimals", "must be a whole number of decimals from 0 to 6")
        ok = False
    components = _parse_components(raw, column, rank_by, below, problem)
    if components is None:
        ok, components = False, ()
    level_by = raw.get("level_by", TIER["level_by"].default)
    if level_by not in LEVEL_BY:
        problem(raw, "level_by", f"{column}.level_by", f"'{level_by}' is not one of: {', '.join(LEVEL_BY)}")
        ok = False
    elif level_by == "lowest":
        ok &= _check_lowest(raw, column, components, levels, problem)
    rank_below = raw.get("rank_below", TIER["rank_below"].default)
    if not isinstance(rank_below, bool):
        problem(raw, "rank_below", f"{column}.rank_below", "must be true or false")
        ok = False
    rank_within = raw.get("rank_within")
    if rank_within is not None and (not isinstance(rank_within, str) or not clean_name(rank_within)):
        problem(raw, "rank_within", f"{column}.rank_within", "must name a column of the data, e.g. district")
        ok = False
    if not ok:
        return None
    return Tier(key=key, label=clean_name(raw.get("label") or key), rank_by=rank_by, levels=levels, below=below,
                max_points=max_points, rate_decimals=rate_decimals, components=components, level_by=level_by,
                rank_below=rank_below, index_scale=index_scale,
                rank_within=clean_name(rank_within).lower() if rank_within else None)


def _check_lowest(raw: dict, column: str, components: tuple[Component, ...], levels, problem) -> bool:
    """``level_by: lowest`` needs components that all have levels, and no levels of the tier's own."""
    ok = True
    if not components:
        problem(raw, "level_by", f"{column}.level_by",
                "level_by: lowest takes the lowest of the components' levels, but the tier has no components")
        ok = False
    for component in components:
        if not component.levels:
            problem(raw, "level_by", f"{column}.components.{component.key}.levels",
                    f"level_by: lowest needs levels on every component; '{component.key}' has none")
            ok = False
    if levels:
        problem(raw, "levels", f"{column}.levels", "the tier's own levels are not used with level_by: lowest "
                                                   "(its level is the lowest of its components'); remove them "
                                                   "or write level_by: total")
        ok = False
    return ok


def _parse_components(raw: dict, column: str, rank_by: str, below: str, problem):
    raw_components = raw.get("components")
    if raw_components is None:
        return ()
    if not isinstance(raw_components, dict) or not raw_components:
        problem(raw, "components", f"{column}.components",
                "must be a mapping of components, e.g. san-sang: {label: Điều kiện sẵn sàng, levels: [...]}")
        return None
    components, ok = [], True
    for key, spec in raw_components.items():
        where = f"{column}.components.{key}"
        if not isinstance(spec, dict):
            problem(raw_components, key, where, "a component is a mapping: {label, rank_by, levels, below}")
            ok = False
            continue
        ok &= _known_keys(spec, _COMPONENT_KEYS, where, "a component", problem)
        rule_ok, component_rank_by, levels, component_below = _rule(spec, where, problem, rank_by, below)
        max_ok, max_points = _positive(spec, "max_points", where, " of points", problem)
        ok &= rule_ok and max_ok
        components.append(Component(key=str(key), label=clean_name(spec.get("label") or key),
                                    rank_by=component_rank_by, levels=levels, below=component_below,
                                    max_points=max_points))
    return tuple(components) if ok else None


def _parse_levels(raw: dict, column: str, rank_by: str, problem) -> tuple[Level, ...] | None:
    raw_levels = raw.get("levels")
    if raw_levels is None:
        return ()  # ranked only: no level
    if not isinstance(raw_levels, list):
        problem(raw, "levels", f"{column}.levels", "must be a list of levels, highest first")
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
        if rank_by in ("rate", "index") and not 0 <= minimum <= 1:
            hint = f" (write {minimum / 100:g} for {minimum:g}%)" if 1 < minimum <= 100 else ""
            problem(item, "min", f"{where}.min", f"a {rank_by} threshold is a fraction from 0 to 1{hint}")
            ok = False
        elif minimum < 0:
            problem(item, "min", f"{where}.min", "a points threshold cannot be negative")
            ok = False
        if levels and minimum >= levels[-1].min:
            problem(item, "min", f"{where}.min",
                    f"thresholds must be strictly decreasing: level {clean_name(item['name'])} ({minimum:g}) "
                    f"is out of order, not below level {levels[-1].name} ({levels[-1].min:g}) above it")
            ok = False
        levels.append(Level(name=clean_name(item["name"]), min=minimum))
    names = [level.name for level in levels]
    if len(set(names)) != len(names):
        problem(raw, "levels", f"{column}.levels", "level names must be distinct")
        ok = False
    return tuple(levels) if ok else None


def _parse_groups(mapping: dict, raw_tiers: dict, tiers: dict[str, Tier], problem) -> list[Group]:
    raw_groups = mapping.get("groups")
    if raw_groups is None:
        return []
    if not isinstance(raw_groups, list) or not raw_groups:
        problem(mapping, "groups", "groups", "must be a list of groups, e.g. - {id: \"1\", title: Hạ tầng số}")
        return []
    components = {c.key for tier in tiers.values() for c in tier.components}
    groups: list[Group] = []
    for index, raw in enumerate(raw_groups):
        where = f"groups[{index + 1}]"
        if not isinstance(raw, dict):
            problem(raw_groups, index, where, "a group is a mapping: {id, title, weight, component, max_points}")
            continue
        ok = _known_keys(raw, _GROUP_KEYS, where, "a group", problem)
        group_id = clean_name(raw.get("id", ""))
        if not group_id:
            problem(raw, "id", f"{where}.id", "missing group id")
            ok = False
        title = clean_name(raw.get("title") or group_id)
        for other in groups:
            if group_id and group_id in (other.id, other.title) or title in (other.id, other.title):
                problem(raw, "id", f"{where}.id",
                        f"'{group_id}' / '{title}' names group '{other.id}' already: ids and titles must be distinct")
                ok = False
        weight = float(FRAMEWORK["groups"]["weight"].default)
        if raw.get("weight") is not None:
            weight = parse_number(raw["weight"])
            if weight is None or weight != weight or weight < 0:
                problem(raw, "weight", f"{where}.weight", "must be a number ≥ 0 (0: shown, not counted in the index)")
                ok = False
        component = clean_name(raw["component"]) if raw.get("component") is not None else None
        if component is not None and component not in components:
            known = ", ".join(sorted(components)) or "none: no tier has components"
            problem(raw, "component", f"{where}.component", f"unknown component '{component}'; components: {known}")
            ok = False
        max_points = _group_maximum(raw, where, raw_tiers, problem)
        if max_points is False:
            ok = False
        if ok:
            groups.append(Group(id=group_id, title=title, weight=float(weight), component=component,
                                max_points=max_points))
    if groups and len(groups) == len(raw_groups) and all(g.weight == 0 for g in groups):
        problem(mapping, "groups", "groups", "every group has weight 0, so no index can be computed")
    return groups


def _group_maximum(raw: dict, where: str, raw_tiers: dict, problem):
    """A group's max_points: a number, a mapping tier → number, None; False when wrong."""
    value = raw.get("max_points")
    if value is None:
        return None
    if isinstance(value, dict):
        maxima = {}
        for tier, number in value.items():
            points = parse_number(number)
            if str(tier) not in raw_tiers:
                problem(value, tier, f"{where}.max_points.{tier}", f"unknown tier '{tier}'")
            elif points is None or points != points or points <= 0:
                problem(value, tier, f"{where}.max_points.{tier}", "must be a positive number of points")
            else:
                maxima[str(tier)] = points
                continue
            return False
        return maxima
    points = parse_number(value)
    if points is None or points != points or points <= 0:
        problem(raw, "max_points", f"{where}.max_points",
                "must be a positive number of points, or a mapping tier → points")
        return False
    return points


def _parse_criterion(index: int, raw: object, parent: list, raw_tiers: dict, seen: set, named: Framework | None,
                     problem):
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
    group = clean_name(raw.get("group") or "—")
    if named is not None:
        found = named.group(raw.get("group") or "")
        if found is None:
            problem(raw, "group", f"{where}.group",
                    f"'{clean_name(raw.get('group') or '')}' is not a group of the framework; name one of "
                    f"'groups' by its id or title: {', '.join(g.id for g in named.group_specs)}")
            ok = False
        else:
            group = found.title
    if not ok:
        return None
    return Criterion(id=criterion_id, group=group, title=clean_name(raw.get("title") or criterion_id),
                     max_points=max_points, tiers=tuple(str(t) for t in tiers))


def _check_methods(framework: Framework, mapping: dict, problem) -> None:
    """What holds across tiers, groups and criteria: index tiers need weighted groups,
    component tiers need every group to name one of their components, and maxima given
    twice must agree."""
    raw_tiers = mapping["tiers"]
    for key, tier in framework.tiers.items():
        raw = raw_tiers[key]
        groups = framework.tier_groups(key)
        rules = [(f"tiers.{key}", raw, tier.rank_by)] + [
            (f"tiers.{key}.components.{c.key}", raw["components"][c.key], c.rank_by) for c in tier.components]
        for column, where, rank_by in rules:
            if rank_by == "index" and not groups:
                problem(where, "rank_by", f"{column}.rank_by",
                        "rank_by: index weighs criteria groups, but no group of this tier has max_points "
                        "(or criteria)")
        if tier.rank_by == "index" and groups and all(g.weight == 0 for g in groups):
            problem(raw, "rank_by", f"tiers.{key}.rank_by",
                    "every group of this tier has weight 0, so no index can be computed")
        for column, where, rank_by, levels, maximum in [
                (f"tiers.{key}", raw, tier.rank_by, tier.levels, framework.tier_max_points(key))] + [
                (f"tiers.{key}.components.{c.key}", raw["components"][c.key], c.rank_by, c.levels,
                 framework.component_max_points(key, c.key)) for c in tier.components]:
            message = fraction_thresholds(rank_by, levels, maximum)
            if message:
                problem(where, "levels", f"{column}.levels", message)
        own = {c.key for c in tier.components}
        if own and groups:
            for group in groups:
                if group.component not in own:
                    problem(raw, "components", f"tiers.{key}.components",
                            f"group '{group.id}' ({group.title}) names no component of this tier; give it "
                            f"component: one of {', '.join(sorted(own))}")
        maxima = [framework.component_max_points(key, c.key) for c in tier.components]
        if tier.max_points is not None and maxima and None not in maxima and abs(sum(maxima) - tier.max_points) > 1e-9:
            problem(raw, "max_points", f"tiers.{key}.max_points",
                    f"{tier.max_points:g} is not the sum of the components' maxima ({sum(maxima):g})")
        for component in tier.components:
            from_groups = [framework.group_max_points(key, g) for g in groups if g.component == component.key]
            if component.max_points is not None and from_groups and None not in from_groups \
                    and abs(sum(from_groups) - component.max_points) > 1e-9:
                problem(raw["components"][component.key], "max_points",
                        f"tiers.{key}.components.{component.key}.max_points",
                        f"{component.max_points:g} is not the sum of its groups' maxima ({sum(from_groups):g})")
    if framework.criteria and "groups" in mapping:
        for index, group in enumerate(framework.group_specs):
            for tier in framework.tiers:
                given = group.max_for(tier)
                points = [c.max_points for c in framework.criteria_for(tier) if c.group == group.title]
                if given is not None and points and abs(sum(points) - given) > 1e-9:
                    problem(mapping["groups"][index], "max_points", f"groups[{index + 1}].max_points",
                            f"{given:g} for tier '{tier}' is not the sum of the group's criteria there "
                            f"({sum(points):g})")
