"""A plain, slow, obviously correct model of SPEC.md's scores table.

Written from SPEC.md alone, in plain Python: dicts, lists, loops and exact
``fractions.Fraction`` arithmetic (numbers are read from their decimal text, so
``0.9`` is exactly 9/10). It never imports ``egovnb``; the engine's tests compare
the engine with it (see ``compare.py``).

    score(framework, rows) -> list of scores rows (dicts, SPEC column order)
    vi_sort_key(name)      -> key for Vietnamese alphabetical order

``framework`` is the parsed framework YAML (``tiers``, optional ``criteria``,
optional ``groups``); ``rows`` are data rows (dicts of strings or numbers, as a
CSV reader gives them) at any grain of SPEC.md: summary, group (long or wide)
or criterion. Input the SPEC gives no meaning to raises ``SpecInputError``.

The rules, as SPEC.md states them
---------------------------------
- applicable = max − excluded; rate = achieved ÷ applicable; converted = rate × max.
- ``rank_by``: ``rate``, ``points`` (achieved points) or ``index`` (Σ weight × group
  rate ÷ Σ weight over the groups that apply to the unit and weigh more than 0; a
  group's rate is its achieved over its applicable points; weights default to 1).
- level: the first level (highest first) whose ``min`` the value reaches, else the
  tier's ``below``; ``Không đánh giá`` for a unit not evaluated; empty when the tier
  has no ``levels``. With ``components`` and ``level_by: lowest``: the lowest of the
  components' levels (furthest down the lists), and the tier's ``below`` if the unit
  is under any component's lowest threshold.
- rank: competition rank (1, 1, 1, 6) within the tier (and within each value of the
  ``rank_within`` column), highest value first; values are equal when they agree to 9
  decimal places. No rank for units not evaluated, nor for units under the lowest
  level when the tier says ``rank_below: false``.
- rows: tier in framework order; then (with ``rank_within``) the column's value in
  Vietnamese order; then ranked units by rank, then unranked units under the lowest
  level (highest value first), then units not evaluated; ties by unit name in
  Vietnamese order.
- columns: ``SCORE_COLUMNS``, then ``index`` if some tier ranks by index, then
  ``K_achieved_points, K_applicable_points, K_rate, K_level`` per component key K.
- ``next_level``: the level just above the unit's (the lowest level for a unit under
  every level); ``points_to_next_level``: rate tiers ``min × applicable − achieved``,
  points tiers ``min − achieved``.

Choices where SPEC.md is silent
-------------------------------
 1. Levels are set from the value rounded to 9 decimals (the same value ranks are
    computed from): a rate of 0.8999999996 reaches a ``min`` of 0.9.
 2. Ranks among ranked units only: units without a rank (not evaluated, or under the
    lowest level with ``rank_below: false``) do not push other units' ranks down. With
    ``level_by: lowest`` a unit can be under the lowest level while out-scoring ranked
    units; it is still unranked and the ranked units' ranks have no gaps for it. A tier
    without levels has no unit under its lowest level: ``rank_below: false`` changes
    nothing there.
 3. A unit not evaluated keeps what is known without an evaluation: ``max_points`` (the
    framework's maximum for its tier at group and criterion grain, the data's
    ``max_points`` at summary grain) and, at summary grain only, the data's
    ``excluded_points`` and so ``applicable_points`` (each empty where the data leaves it
    empty). At group and criterion grain its empty cells say nothing about what applies,
    so excluded and applicable are empty. Every other number (achieved, rate, converted,
    rank, ``points_to_next_level``, ``index``, ``K_*`` numbers) is empty. Its ``level``
    and every ``K_level`` are ``Không đánh giá``; ``next_level`` is empty. A unit is not
    evaluated when any of its rows says ``evaluated: no`` / ``không`` (any case); any
    other value, or none, means evaluated.
 4. ``next_level`` and ``points_to_next_level`` are empty for a unit at the top level,
    for a unit not evaluated and for every unit of a tier without levels.
 5. Index tiers: ``points_to_next_level`` is ``min − index`` on the 0..1 scale, the
    same scale as the ``index`` column (``index_scale`` is for display only and
    changes nothing in the scores table).
 6. ``level_by: lowest``: the unit's ``next_level`` is the level just above its
    lowest component level (for a unit under some component's lowest threshold: the
    lowest level). ``points_to_next_level`` is the sum, over the components that hold
    the unit back (those not yet at ``next_level``), of the points each needs to reach
    it, by the component's own ``rank_by`` (rate: ``min × K_applicable − K_achieved``;
    points: ``min − K_achieved``; index: ``min − K index``). With one component
    holding the unit back this is "the points it needs there". Components are taken to
    share their level names (as SPEC.md says), so "furthest down" compares positions
    in each component's list; ties go to the component listed first.
 7. ``level_by: lowest`` ignores the tier's own ``levels`` (if any); ``level_by:
    total`` ignores the components' levels for the tier's level (they still give
    ``K_level``). A component without ``levels`` has an empty ``K_level`` (and cannot
    be used with ``level_by: lowest``).
 8. Defaults: ``rank_by: rate``; ``below: Chưa đạt``; ``level_by: total``;
    ``rank_below: true``; a component's ``rank_by`` and ``below`` default to its
    tier's; group ``weight`` 1. Levels must be listed highest ``min`` first (else an
    error).
 9. Totals (max, excluded, achieved, rate, converted) are plain sums over all the
    tier's groups or criteria, weight 0 groups included: weights only enter the
    index.
10. Which groups and criteria belong to a tier: a criterion belongs to the tiers in
    its ``tiers`` list (all tiers when it has none); at group grain a group belongs to
    a tier when its ``max_points`` is a number or a mapping naming that tier. Every
    unit must have exactly one row (long) or column (wide) per group of its tier, one
    row per criterion of its tier, one summary row (one per component with
    components); anything missing or doubled is an error, as are points for a group or
    criterion outside the unit's tier.
11. With components at group or criterion grain, every group of the tier must name
    one of the tier's components (criterion grain: through the criterion's group).
    At summary grain the ``component`` cell may hold the component's key or label.
12. Criteria name their group by id or title; a criterion with no group, or a group
    that is not in ``groups``, is its own group (weight 1, no component) only when the
    framework has no ``groups`` list; otherwise it is an error.
13. The ``index`` column and each component's four columns appear when some tier of
    the framework uses them, whether or not the data has units of that tier; they are
    empty on rows of other tiers. Component columns follow the order in which
    component keys first appear (tiers in order, components in order).
14. A unit whose applicable points are 0 (everything excluded), or an index-tier unit
    with no group of weight above 0 that applies, has no rate (or index): error. So is
    a component with no applicable points.
15. ``rank_within``: the column's value is NFC-normalised and whitespace-folded; a
    unit's rows must agree on it. Units with an empty value form their own partition,
    listed after the named ones. Inside each partition: ranked, then unranked under the
    lowest level, then not evaluated. The ``rank_within`` column itself is not a
    column of the scores table (SPEC lists its columns exactly).
16. Numbers: a decimal point or a decimal comma, no thousands separators; ``N/A``
    (any case) and empty cells are "does not apply" at group and criterion grain; at
    summary grain an evaluated unit needs ``max_points`` and ``achieved_points``, and an
    empty ``excluded_points`` is 0 for it.
17. Vietnamese order (``vi_sort_key``): case-insensitive; words (syllables) compared
    one by one, each first by its base letters (a ă â b c d đ e ê f g h i j k l m n o ô
    ơ p q r s t u ư v w x y z), then by its tone (ngang, huyền, hỏi, ngã, sắc, nặng); a
    shorter name that is a prefix of a longer one comes first; digit runs compare by
    value ("Phường 2" < "Phường 10") and come before letters; punctuation before
    digits; letters outside the Vietnamese alphabet after z; lower case before upper
    case only to break otherwise complete ties.
18. The grain is read from the column names: ``criterion`` → criterion grain;
    ``group`` → group grain, long; ``achieved_points`` → summary grain; otherwise a
    column headed by a group's id or title → group grain, wide (other columns, such as
    a ``district`` for ``rank_within``, are kept as extra columns). Framework keys the
    SPEC does not define are ignored.
19. Output numbers are floats of the exact values (``points_to_next_level`` is not
    rounded; compare.py allows 1e-9); ranks are ints; empty is ``None``.
20. ``ranked``: empty, ``yes`` or ``có`` ranks a unit; ``no`` / ``không`` (any case) on
    any of its rows keeps an evaluated unit out of the ranking: every figure is
    computed (points, rate, converted points, index, ``K_*`` numbers), ``rank``,
    ``level``, every ``K_level``, ``next_level`` and ``points_to_next_level`` are
    empty, and it pushes no other unit's rank down. In its partition it comes after
    the ranked units and those unranked under the lowest level, highest value first
    then name, before units not evaluated. A unit not evaluated is just that, whatever
    its ``ranked`` says. Any other ``ranked`` word has no meaning: error.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from fractions import Fraction

NOT_EVALUATED = "Không đánh giá"
DEFAULT_BELOW = "Chưa đạt"
DECIMALS = 9  # values that agree to this many decimals are equal (ranks and levels)

SCORE_COLUMNS = ("tier", "unit", "max_points", "excluded_points", "applicable_points", "achieved_points",
                 "rate", "converted_points", "rank", "level", "next_level", "points_to_next_level")
COMPONENT_SUFFIXES = ("achieved_points", "applicable_points", "rate", "level")
RANK_BY = ("rate", "points", "index")

NOT_EVALUATED_WORDS = {"no", "không"}
DOES_NOT_APPLY_WORDS = {"", "n/a"}
# Columns with a meaning at some grain; anything else is an extra column (rank_within).
DATA_COLUMNS = {"tier", "unit", "evaluated", "ranked", "note", "component", "group", "criterion", "points",
                "max_points", "excluded_points", "achieved_points"}


class SpecInputError(ValueError):
    """Input SPEC.md gives no meaning to (the engine's ``validate`` should reject it)."""


# ---------------------------------------------------------------- cells


def clean_text(value) -> str:
    """A cell as text: Unicode NFC, runs of whitespace folded to one space, trimmed."""
    if value is None:
        return ""
    if isinstance(value, float) and value != value:  # NaN, as pandas gives empty cells
        return ""
    return " ".join(unicodedata.normalize("NFC", str(value)).split())


def parse_number(value, where: str = "") -> Fraction | None:
    """A number cell as an exact fraction; None for an empty cell or ``N/A``.

    Accepts ints, floats (read as the decimal they print as) and text with a decimal
    point or a Vietnamese decimal comma (``85,36``).
    """
    if isinstance(value, bool):
        raise SpecInputError(f"{where}: {value!r} is not a number")
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, float):
        return None if value != value else Fraction(repr(value))
    if isinstance(value, Fraction):
        return value
    text = clean_text(value)
    if text.lower() in DOES_NOT_APPLY_WORDS:
        return None
    if "," in text:
        if "." in text or text.count(",") > 1:
            raise SpecInputError(f"{where}: {text!r} is not a number")
        text = text.replace(",", ".")
    if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?", text):
        raise SpecInputError(f"{where}: {text!r} is not a number")
    return Fraction(text)


def says_not_evaluated(value) -> bool:
    return clean_text(value).lower() in NOT_EVALUATED_WORDS


RANKED_WORDS = {"", "yes", "có"}


def says_not_ranked(value, where: str = "") -> bool:
    """``ranked``: empty or yes ranks the unit, no / không keeps it out; anything else has no meaning."""
    word = clean_text(value).lower()
    if word not in RANKED_WORDS | NOT_EVALUATED_WORDS:
        raise SpecInputError(f"{where}: ranked {word!r} is neither yes nor no")
    return word in NOT_EVALUATED_WORDS


# ---------------------------------------------------------------- Vietnamese order

VIETNAMESE_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
LETTER_POSITION = {letter: position for position, letter in enumerate(VIETNAMESE_ALPHABET)}
# Combining marks of the five tones, in dictionary order after ngang (no mark, 0).
TONE_ORDER = {"\u0300": 1,   # huyền  à
              "\u0309": 2,   # hỏi    ả
              "\u0303": 3,   # ngã    ã
              "\u0301": 4,   # sắc    á
              "\u0323": 5}   # nặng   ạ
PUNCTUATION, DIGITS, LETTER, OTHER_LETTER = 0, 1, 2, 3


def _word_key(word: str) -> tuple:
    """(base letters, tone) of one lower-case word; every element is a 3-tuple of ints."""
    elements: list[tuple[int, int, int]] = []
    tone = 0
    digits = ""
    characters = unicodedata.normalize("NFD", word)
    i = 0
    while i < len(characters):
        base = characters[i]
        i += 1
        marks = ""
        while i < len(characters) and unicodedata.combining(characters[i]):
            marks += characters[i]
            i += 1
        if base in "0123456789":
            digits += base
            continue
        if digits:
            elements.append((DIGITS, int(digits), len(digits)))
            digits = ""
        for mark in marks:
            if mark in TONE_ORDER:
                tone = TONE_ORDER[mark]
        letter = unicodedata.normalize("NFC", base + "".join(m for m in marks if m not in TONE_ORDER))
        if letter in LETTER_POSITION:
            elements.append((LETTER, LETTER_POSITION[letter], 0))
        elif base.isalpha():
            elements.append((OTHER_LETTER, ord(letter[0]), len(letter)))
        else:
            elements.append((PUNCTUATION, ord(base), 0))
    if digits:
        elements.append((DIGITS, int(digits), len(digits)))
    return (tuple(elements), tone)


def vi_sort_key(name) -> tuple:
    """Sort key for Vietnamese alphabetical order of a name (see choice 17 above).

    a < ă < â < b < c < d < đ < e < ê < g ... o < ô < ơ ... u < ư ...; within a word,
    tones after the base letters (ngang < huyền < hỏi < ngã < sắc < nặng); words
    compared one by one; digit runs by value, so "Phường 2" < "Phường 10".
    """
    text = clean_text(name)
    words = tuple(_word_key(word) for word in text.lower().split(" ") if word)
    case = tuple(character.isupper() for character in text)
    return (words, case, text)


# ---------------------------------------------------------------- the framework


@dataclass(frozen=True)
class Level:
    name: str
    min: Fraction


@dataclass(frozen=True)
class LevelRule:
    """What gives a tier or a component its level: the value ranked, the levels, the label under them."""
    rank_by: str
    levels: tuple[Level, ...]
    below: str


@dataclass(frozen=True)
class Component:
    key: str
    label: str
    rule: LevelRule


@dataclass(frozen=True)
class Tier:
    key: str
    rule: LevelRule
    components: tuple[Component, ...]
    level_by: str
    rank_below: bool
    rank_within: str | None


@dataclass(frozen=True)
class Group:
    id: str
    title: str
    weight: Fraction
    component: str | None
    max_points: object  # Fraction, {tier: Fraction}, or None

    def max_for(self, tier: str) -> Fraction | None:
        """The group's maximum in a tier (group grain); None when the group is not part of it."""
        if isinstance(self.max_points, dict):
            return self.max_points.get(tier)
        return self.max_points


@dataclass(frozen=True)
class Criterion:
    id: str
    title: str
    group: str  # a group id
    max_points: Fraction
    tiers: tuple[str, ...] | None

    def applies_to(self, tier: str) -> bool:
        return self.tiers is None or tier in self.tiers


@dataclass
class Framework:
    tiers: dict[str, Tier]
    groups: dict[str, Group]  # by id, in framework order
    criteria: list[Criterion]

    def find_group(self, name) -> Group | None:
        """A group named by its id, else by its title."""
        name = clean_text(name)
        for group in self.groups.values():
            if group.id == name:
                return group
        for group in self.groups.values():
            if group.title == name:
                return group
        return None

    def find_criterion(self, name) -> Criterion | None:
        name = clean_text(name)
        for criterion in self.criteria:
            if criterion.id == name:
                return criterion
        for criterion in self.criteria:
            if criterion.title == name:
                return criterion
        return None

    def group_columns(self) -> set[str]:
        return {g.id for g in self.groups.values()} | {g.title for g in self.groups.values()}


def read_rule(mapping: dict, where: str, default_rank_by: str = "rate", default_below: str = DEFAULT_BELOW) -> LevelRule:
    rank_by = clean_text(mapping.get("rank_by") or default_rank_by)
    if rank_by not in RANK_BY:
        raise SpecInputError(f"{where}: rank_by {rank_by!r} is not one of {RANK_BY}")
    levels = []
    for level in mapping.get("levels") or []:
        minimum = parse_number(level.get("min"), f"{where} level {level.get('name')!r}")
        if minimum is None:
            raise SpecInputError(f"{where}: level {level.get('name')!r} has no min")
        levels.append(Level(clean_text(level["name"]), minimum))
    for higher, lower in zip(levels, levels[1:]):
        if lower.min >= higher.min:
            raise SpecInputError(f"{where}: levels must be listed highest first")
    below = clean_text(mapping["below"]) if mapping.get("below") is not None else default_below
    return LevelRule(rank_by, tuple(levels), below)


def read_framework(mapping: dict) -> Framework:
    """The parsed framework YAML as dataclasses (unknown keys ignored)."""
    tiers = {}
    for key, spec in (mapping.get("tiers") or {}).items():
        key = clean_text(key)
        rule = read_rule(spec, f"tier {key}")
        components = tuple(
            Component(clean_text(ckey), clean_text(cspec.get("label") or ckey),
                      read_rule(cspec, f"tier {key} component {ckey}", rule.rank_by, rule.below))
            for ckey, cspec in (spec.get("components") or {}).items())
        level_by = clean_text(spec.get("level_by") or "total")
        if level_by not in ("total", "lowest"):
            raise SpecInputError(f"tier {key}: level_by {level_by!r} is not total or lowest")
        if level_by == "lowest":
            if not components:
                raise SpecInputError(f"tier {key}: level_by lowest needs components")
            if any(not c.rule.levels for c in components):
                raise SpecInputError(f"tier {key}: level_by lowest needs levels on every component")
        rank_below = spec.get("rank_below", True)
        if isinstance(rank_below, str):
            rank_below = clean_text(rank_below).lower() not in ("false", "no")
        rank_within = clean_text(spec.get("rank_within")) or None
        tiers[key] = Tier(key, rule, components, level_by, bool(rank_below), rank_within)
    if not tiers:
        raise SpecInputError("the framework has no tiers")

    groups = {}
    for spec in mapping.get("groups") or []:
        group_id = clean_text(spec.get("id"))
        raw_max = spec.get("max_points")
        if isinstance(raw_max, dict):
            max_points = {clean_text(t): parse_number(v, f"group {group_id} max_points") for t, v in raw_max.items()}
        else:
            max_points = parse_number(raw_max, f"group {group_id} max_points")
        weight = parse_number(spec.get("weight"), f"group {group_id} weight")
        groups[group_id] = Group(group_id, clean_text(spec.get("title")) or group_id,
                                 Fraction(1) if weight is None else weight,
                                 clean_text(spec.get("component")) or None, max_points)
    framework = Framework(tiers, groups, [])

    explicit_groups = bool(groups)
    for spec in mapping.get("criteria") or []:
        criterion_id = clean_text(spec.get("id"))
        group_name = clean_text(spec.get("group"))
        group = framework.find_group(group_name) if group_name else None
        if group is None:
            if explicit_groups:
                raise SpecInputError(f"criterion {criterion_id}: group {group_name!r} is not in groups")
            group_name = group_name or criterion_id
            group = groups.setdefault(group_name, Group(group_name, group_name, Fraction(1), None, None))
        maximum = parse_number(spec.get("max_points"), f"criterion {criterion_id} max_points")
        if maximum is None:
            raise SpecInputError(f"criterion {criterion_id}: no max_points")
        tier_list = spec.get("tiers")
        framework.criteria.append(Criterion(criterion_id, clean_text(spec.get("title")), group.id, maximum,
                                            None if tier_list is None else tuple(clean_text(t) for t in tier_list)))
    return framework


# ---------------------------------------------------------------- unit data


@dataclass
class Part:
    """One piece of a unit's score: a summary row, a group or a criterion (points)."""
    group: str | None       # group id at group and criterion grain
    component: str | None   # component key, for tiers with components
    max_points: Fraction | None
    excluded_points: Fraction | None  # None: unknown (a unit not evaluated)
    achieved_points: Fraction


@dataclass
class Unit:
    tier: str
    name: str
    evaluated: bool = True
    ranked: bool = True   # False: ``ranked: no`` on its rows
    parts: dict = field(default_factory=dict)    # item (component, group or criterion id) -> Part
    columns: dict = field(default_factory=dict)  # extra columns (rank_within), cleaned text


def detect_grain(columns: set[str], framework: Framework) -> str:
    if "criterion" in columns:
        return "criterion"
    if "group" in columns:
        return "group-long"
    if "achieved_points" in columns:
        return "summary"
    if columns & framework.group_columns():
        return "group-wide"
    raise SpecInputError(f"cannot tell the grain of data with columns {sorted(columns)}")


def component_of_group(framework: Framework, tier: Tier, group_id: str, where: str) -> str | None:
    if not tier.components:
        return None
    component = framework.groups[group_id].component
    if component not in {c.key for c in tier.components}:
        raise SpecInputError(f"{where}: group {group_id!r} names no component of tier {tier.key}")
    return component


def group_part(framework: Framework, tier: Tier, group: Group, cell, evaluated: bool, where: str) -> Part:
    maximum = group.max_for(tier.key)
    if maximum is None:
        raise SpecInputError(f"{where}: group {group.id!r} has no max_points for tier {tier.key}")
    points = parse_number(cell, where)
    component = component_of_group(framework, tier, group.id, where)
    if not evaluated:
        return Part(group.id, component, maximum, None, Fraction(0))
    if points is None:  # does not apply: its maximum is excluded
        return Part(group.id, component, maximum, maximum, Fraction(0))
    return Part(group.id, component, maximum, Fraction(0), points)


def parts_of_row(row: dict, grain: str, framework: Framework, tier: Tier, evaluated: bool, where: str) -> list:
    """(item, Part) pairs of one data row."""
    if grain == "summary":
        component = None
        if tier.components:
            name = clean_text(row.get("component"))
            matches = [c.key for c in tier.components if name in (c.key, c.label)]
            if not matches:
                raise SpecInputError(f"{where}: component {name!r} is not a component of tier {tier.key}")
            component = matches[0]
        maximum = parse_number(row.get("max_points"), f"{where} max_points")
        excluded = parse_number(row.get("excluded_points"), f"{where} excluded_points")
        achieved = parse_number(row.get("achieved_points"), f"{where} achieved_points")
        if evaluated and (maximum is None or achieved is None):
            raise SpecInputError(f"{where}: an evaluated unit needs max_points and achieved_points")
        if evaluated and excluded is None:
            excluded = Fraction(0)
        return [(component, Part(None, component, maximum, excluded, achieved or Fraction(0)))]

    if grain == "group-long":
        group = framework.find_group(row.get("group"))
        if group is None:
            raise SpecInputError(f"{where}: group {clean_text(row.get('group'))!r} is not in the framework")
        return [(group.id, group_part(framework, tier, group, row.get("points"), evaluated, where))]

    if grain == "group-wide":
        pairs = []
        for header, cell in row.items():
            group = framework.find_group(header) if clean_text(header) not in DATA_COLUMNS else None
            if group is None:
                continue
            if group.max_for(tier.key) is None:
                if parse_number(cell, where) is not None:
                    raise SpecInputError(f"{where}: points for group {group.id!r}, which is not in tier {tier.key}")
                continue
            pairs.append((group.id, group_part(framework, tier, group, cell, evaluated,
                                               f"{where} column {header!r}")))
        return pairs

    # criterion grain
    criterion = framework.find_criterion(row.get("criterion"))
    if criterion is None:
        raise SpecInputError(f"{where}: criterion {clean_text(row.get('criterion'))!r} is not in the framework")
    if not criterion.applies_to(tier.key):
        raise SpecInputError(f"{where}: criterion {criterion.id!r} is not a criterion of tier {tier.key}")
    component = component_of_group(framework, tier, criterion.group, where)
    points = parse_number(row.get("points"), where)
    if not evaluated:
        return [(criterion.id, Part(criterion.group, component, criterion.max_points, None, Fraction(0)))]
    if points is None:
        return [(criterion.id, Part(criterion.group, component, criterion.max_points, criterion.max_points,
                                    Fraction(0)))]
    return [(criterion.id, Part(criterion.group, component, criterion.max_points, Fraction(0), points))]


def expected_items(grain: str, framework: Framework, tier: Tier) -> list:
    if grain == "summary":
        return [c.key for c in tier.components] or [None]
    if grain == "criterion":
        return [c.id for c in framework.criteria if c.applies_to(tier.key)]
    return [g.id for g in framework.groups.values() if g.max_for(tier.key) is not None]


def read_units(framework: Framework, rows: list[dict]) -> list[Unit]:
    """The data rows gathered into units (first-appearance order), each with its parts."""
    columns = {clean_text(c) for row in rows for c in row}
    grain = detect_grain(columns, framework)
    units: dict[tuple[str, str], Unit] = {}
    for number, row in enumerate(rows, start=1):
        where = f"data row {number}"
        tier_key = clean_text(row.get("tier"))
        if tier_key not in framework.tiers:
            raise SpecInputError(f"{where}: tier {tier_key!r} is not in the framework")
        name = clean_text(row.get("unit"))
        if not name:
            raise SpecInputError(f"{where}: no unit name")
        unit = units.setdefault((tier_key, name), Unit(tier_key, name))
        if says_not_evaluated(row.get("evaluated")):
            unit.evaluated = False
        if says_not_ranked(row.get("ranked"), where):
            unit.ranked = False
        for column, cell in row.items():
            column = clean_text(column)
            if column in DATA_COLUMNS or column in framework.group_columns():
                continue
            value = clean_text(cell)
            if value and unit.columns.setdefault(column, value) != value:
                raise SpecInputError(f"{where}: unit {name!r} has two values in column {column!r}")

    # Second pass, once every unit knows whether it was evaluated.
    for number, row in enumerate(rows, start=1):
        where = f"data row {number}"
        unit = units[(clean_text(row.get("tier")), clean_text(row.get("unit")))]
        tier = framework.tiers[unit.tier]
        for item, part in parts_of_row(row, grain, framework, tier, unit.evaluated, where):
            if item in unit.parts:
                raise SpecInputError(f"{where}: unit {unit.name!r} has {item!r} twice")
            unit.parts[item] = part

    for unit in units.values():
        expected = expected_items(grain, framework, framework.tiers[unit.tier])
        missing = [item for item in expected if item not in unit.parts]
        if missing:
            raise SpecInputError(f"unit {unit.name!r} ({unit.tier}): no data for {missing}")
        if not expected:
            raise SpecInputError(f"unit {unit.name!r}: tier {unit.tier} has nothing to score at this grain")
    return list(units.values())


# ---------------------------------------------------------------- values


def sum_if_known(values) -> Fraction | None:
    """The sum, or None when any value is unknown."""
    values = list(values)
    return None if any(v is None for v in values) else sum(values, Fraction(0))


def total(parts, attribute: str) -> Fraction:
    return sum((getattr(p, attribute) for p in parts), Fraction(0))


def applicable_of(parts) -> Fraction:
    return total(parts, "max_points") - total(parts, "excluded_points")


def rate_of(parts, where: str) -> Fraction:
    applicable = applicable_of(parts)
    if applicable <= 0:
        raise SpecInputError(f"{where}: no applicable points, so no rate")
    return total(parts, "achieved_points") / applicable


def index_of(parts, framework: Framework, where: str) -> Fraction:
    """Σ weight × group rate ÷ Σ weight, over the groups that apply and weigh more than 0."""
    if any(p.group is None for p in parts):
        raise SpecInputError(f"{where}: rank_by index needs group or criterion grain data")
    weighted, weights = Fraction(0), Fraction(0)
    for group in framework.groups.values():
        group_parts = [p for p in parts if p.group == group.id]
        if group.weight <= 0 or not group_parts or applicable_of(group_parts) <= 0:
            continue
        weighted += group.weight * rate_of(group_parts, where)
        weights += group.weight
    if weights == 0:
        raise SpecInputError(f"{where}: no group of weight above 0 applies, so no index")
    return weighted / weights


def value_of(parts, rank_by: str, framework: Framework, where: str) -> Fraction:
    """The value a tier or component ranks and levels by: rate (fraction), points, or index (fraction)."""
    if rank_by == "rate":
        return rate_of(parts, where)
    if rank_by == "points":
        return total(parts, "achieved_points")
    return index_of(parts, framework, where)


def rounded(value: Fraction) -> Fraction:
    """The value to 9 decimals: what ranks and levels compare."""
    return round(value, DECIMALS)


def level_position(value: Fraction, rule: LevelRule) -> int:
    """Index of the first level the value reaches; len(levels) when under all of them."""
    for position, level in enumerate(rule.levels):
        if rounded(value) >= level.min:
            return position
    return len(rule.levels)


def level_name(position: int, rule: LevelRule) -> str:
    return rule.levels[position].name if position < len(rule.levels) else rule.below


def points_needed(parts, rank_by: str, target: Fraction, framework: Framework, where: str) -> Fraction:
    """What a unit (or a component) still needs to reach ``target`` (the next level's min)."""
    if rank_by == "rate":
        return target * applicable_of(parts) - total(parts, "achieved_points")
    if rank_by == "points":
        return target - total(parts, "achieved_points")
    return target - index_of(parts, framework, where)


# ---------------------------------------------------------------- scoring one unit


@dataclass
class Scored:
    unit: Unit
    row: dict               # the output row, numbers still exact
    value: Fraction | None  # what is ranked, to 9 decimals; None if not evaluated
    under_lowest: bool      # evaluated and under the tier's lowest level
    rank: int | None = None
    kept_out: bool = False  # evaluated, ``ranked: no``: figures, no rank, no level


def component_levels(unit: Unit, tier: Tier, framework: Framework) -> dict:
    """Per component: (parts, value, position in its levels)."""
    result = {}
    for component in tier.components:
        parts = [p for p in unit.parts.values() if p.component == component.key]
        where = f"unit {unit.name!r} component {component.key}"
        value = value_of(parts, component.rule.rank_by, framework, where)
        result[component.key] = (parts, value, level_position(value, component.rule))
    return result


def lowest_level(tier: Tier, components: dict, framework: Framework, unit: Unit):
    """level_by lowest: (level, under the lowest level?, next level, points to it)."""
    rules = {c.key: c.rule for c in tier.components}
    under = [key for key, (_, _, position) in components.items() if position == len(rules[key].levels)]
    if under:
        # Next: each component under its lowest threshold must reach that lowest level.
        first = rules[under[0]]
        needed = sum((points_needed(components[key][0], rules[key].rank_by, rules[key].levels[-1].min,
                                    framework, unit.name) for key in under), Fraction(0))
        return tier.rule.below, True, first.levels[-1].name, needed
    worst = max(position for _, _, position in components.values())
    holding = [key for key, (_, _, position) in components.items() if position == worst]
    level = rules[holding[0]].levels[worst].name
    if worst == 0:
        return level, False, None, None
    needed = sum((points_needed(components[key][0], rules[key].rank_by, rules[key].levels[worst - 1].min,
                                framework, unit.name) for key in holding), Fraction(0))
    return level, False, rules[holding[0]].levels[worst - 1].name, needed


def score_unit(unit: Unit, tier: Tier, framework: Framework, component_keys: list[str], has_index: bool) -> Scored:
    parts = list(unit.parts.values())
    row = {column: None for column in SCORE_COLUMNS}
    row.update(tier=tier.key, unit=unit.name)
    if has_index:
        row["index"] = None
    for key in component_keys:
        for suffix in COMPONENT_SUFFIXES:
            row[f"{key}_{suffix}"] = None
    own_components = {c.key for c in tier.components}
    row["max_points"] = sum_if_known(p.max_points for p in parts)

    if not unit.evaluated:
        row["excluded_points"] = sum_if_known(p.excluded_points for p in parts)
        if row["max_points"] is not None and row["excluded_points"] is not None:
            row["applicable_points"] = row["max_points"] - row["excluded_points"]
        row["level"] = NOT_EVALUATED
        for key in own_components:
            row[f"{key}_level"] = NOT_EVALUATED
        return Scored(unit, row, None, False)

    where = f"unit {unit.name!r} ({tier.key})"
    applicable = applicable_of(parts)
    achieved = total(parts, "achieved_points")
    rate = rate_of(parts, where)
    row.update(excluded_points=total(parts, "excluded_points"), applicable_points=applicable,
               achieved_points=achieved, rate=rate, converted_points=rate * row["max_points"])
    value = value_of(parts, tier.rule.rank_by, framework, where)
    if tier.rule.rank_by == "index":
        row["index"] = value

    components = component_levels(unit, tier, framework)
    for component in tier.components:
        component_parts, _, position = components[component.key]
        row[f"{component.key}_achieved_points"] = total(component_parts, "achieved_points")
        row[f"{component.key}_applicable_points"] = applicable_of(component_parts)
        row[f"{component.key}_rate"] = rate_of(component_parts, f"{where} component {component.key}")
        row[f"{component.key}_level"] = level_name(position, component.rule) if component.rule.levels else None

    under_lowest = False
    if tier.level_by == "lowest":
        level, under_lowest, next_level, needed = lowest_level(tier, components, framework, unit)
        row.update(level=level, next_level=next_level, points_to_next_level=needed)
    elif tier.rule.levels:
        position = level_position(value, tier.rule)
        under_lowest = position == len(tier.rule.levels)
        row["level"] = level_name(position, tier.rule)
        if position > 0:
            target = tier.rule.levels[position - 1]
            row["next_level"] = target.name
            row["points_to_next_level"] = points_needed(parts, tier.rule.rank_by, target.min, framework, where)
    if not unit.ranked:
        # Kept out of the ranking: every figure stays, no level of any kind, nothing to reach.
        row.update(level=None, next_level=None, points_to_next_level=None)
        for component in tier.components:
            row[f"{component.key}_level"] = None
        return Scored(unit, row, rounded(value), False, kept_out=True)
    return Scored(unit, row, rounded(value), under_lowest)


# ---------------------------------------------------------------- ranking and order


def competition_ranks(scored: list[Scored]) -> None:
    """1 + the number of units with a strictly higher value (1, 1, 1, 1, 1, 6)."""
    for unit in scored:
        unit.rank = 1 + sum(1 for other in scored if other.value > unit.value)


def order_partition(scored: list[Scored], tier: Tier) -> list[Scored]:
    """Rank one partition (a tier, or one rank_within value) and return it in SPEC order."""
    def gets_no_rank(s: Scored) -> bool:
        return s.under_lowest and not tier.rank_below

    ranked = [s for s in scored if s.value is not None and not s.kept_out and not gets_no_rank(s)]
    unranked_below = [s for s in scored if s.value is not None and not s.kept_out and gets_no_rank(s)]
    kept_out = [s for s in scored if s.value is not None and s.kept_out]
    not_evaluated = [s for s in scored if s.value is None]
    competition_ranks(ranked)
    return (sorted(ranked, key=lambda s: (s.rank, vi_sort_key(s.unit.name)))
            + sorted(unranked_below, key=lambda s: (-s.value, vi_sort_key(s.unit.name)))
            + sorted(kept_out, key=lambda s: (-s.value, vi_sort_key(s.unit.name)))
            + sorted(not_evaluated, key=lambda s: vi_sort_key(s.unit.name)))


def output_columns(framework: Framework) -> tuple[list[str], bool, list[str]]:
    has_index = any(t.rule.rank_by == "index" for t in framework.tiers.values())
    component_keys: list[str] = []
    for tier in framework.tiers.values():
        for component in tier.components:
            if component.key not in component_keys:
                component_keys.append(component.key)
    columns = list(SCORE_COLUMNS) + (["index"] if has_index else [])
    columns += [f"{key}_{suffix}" for key in component_keys for suffix in COMPONENT_SUFFIXES]
    return columns, has_index, component_keys


def plain(value):
    """Exact numbers to float for the output; text, ints and None unchanged."""
    return float(value) if isinstance(value, Fraction) else value


def score(framework: dict, rows: list[dict]) -> list[dict]:
    """The scores table of SPEC.md: one dict a unit, keys in SPEC column order, rows in SPEC order.

    Numbers are floats (points; rate and index as fractions 0..1), ``rank`` an int,
    empty cells None.
    """
    spec = read_framework(framework)
    columns, has_index, component_keys = output_columns(spec)
    units = read_units(spec, rows)
    data_columns = {clean_text(column) for row in rows for column in row}
    table = []
    for tier in spec.tiers.values():
        scored = [score_unit(u, tier, spec, component_keys, has_index) for u in units if u.tier == tier.key]
        if tier.rank_within is None:
            partitions = [scored]
        else:
            if tier.rank_within not in data_columns:
                raise SpecInputError(f"tier {tier.key}: rank_within column {tier.rank_within!r} is not in the data")
            values = {s.unit.columns.get(tier.rank_within, "") for s in scored}
            named = sorted((v for v in values if v), key=vi_sort_key)
            partitions = [[s for s in scored if s.unit.columns.get(tier.rank_within, "") == v]
                          for v in named + ([""] if "" in values else [])]
        for partition in partitions:
            for s in order_partition(partition, tier):
                s.row["rank"] = s.rank
                table.append({column: plain(s.row[column]) for column in columns})
    return table
