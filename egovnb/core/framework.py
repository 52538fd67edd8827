"""The framework: tiers of units, their level rules, criteria groups and criteria.

The dataclasses here are what every later stage reads; :mod:`egovnb.core.framework_yaml`
builds them from the analyst's YAML and checks it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from egovnb.core.keys import TIER
from egovnb.core.text import clean_name

RANK_BY = TIER["rank_by"].choices        # ("rate", "points", "index")
LEVEL_BY = TIER["level_by"].choices      # ("total", "lowest")
DEFAULT_BELOW = TIER["below"].default    # "Chưa đạt"
NOT_EVALUATED = "Không đánh giá"
# How counts and legends name units assessed but kept out of the ranking (data ``ranked: no``);
# their ``level`` stays empty. Not "Không xếp hạng", which some tiers use as their ``below``.
KEPT_OUT = "Không tham gia xếp hạng"


@dataclass(frozen=True)
class Level:
    """One level: reached when the unit's value (rate or index 0..1, or points) is at least ``min``."""

    name: str
    min: float


@dataclass(frozen=True)
class LevelRule:
    """What a tier and a component share: a key and label, the measure (``rank_by``), the
    levels reached on it, the label ``below`` them and, when given, the ``max_points``
    (points) checked against the data."""

    key: str
    label: str
    rank_by: str
    levels: tuple[Level, ...]
    below: str = DEFAULT_BELOW
    max_points: float | None = None


@dataclass(frozen=True)
class Component(LevelRule):
    """A part of a tier's score that gets a level of its own (Gia Lai: readiness, results)."""


@dataclass(frozen=True)
class Tier(LevelRule):
    """A kind of unit ranked together (sở, ban, ngành; UBND cấp huyện; UBND cấp xã ...).

    ``levels`` may be empty: the tier is ranked only. With ``components`` and
    ``level_by: lowest`` the level is the lowest of the components' levels.
    ``rank_below: False`` leaves units under the lowest level without a rank;
    ``rank_within`` names a data column to rank within each value of.
    """

    # How many decimals the published table prints rates with (display only; None: 0 when
    # every rate is a whole percent, else 2).
    rate_decimals: int | None = None
    components: tuple[Component, ...] = ()
    level_by: str = "total"
    rank_below: bool = True
    rank_within: str | None = None
    # The scale an index is printed on (display only): 1000 prints 0.8002 as 800.2 points.
    index_scale: float | None = None

    @property
    def has_levels(self) -> bool:
        """Whether evaluated units of the tier get a level (else: ranked only)."""
        return self.level_by == "lowest" or bool(self.levels)

    def component(self, key: str) -> Component:
        return next(c for c in self.components if c.key == key)

    def level_order(self) -> tuple[str, ...]:
        """Level names highest first, then ``below``; under ``level_by: lowest`` the
        components' level names (they share them), in their order."""
        names: list[str] = [level.name for level in self.levels] if self.level_by == "total" else []
        if self.level_by == "lowest":
            for component in self.components:
                names += [level.name for level in component.levels if level.name not in names]
        return tuple(names) + (self.below,)


@dataclass(frozen=True)
class Group:
    """A criteria group (pillar): ``weight`` counts in the index of ``rank_by: index`` tiers
    (0: shown, not counted); ``component`` is the component it belongs to; ``max_points``
    (points) is one number for every tier or a mapping tier → number."""

    id: str
    title: str
    weight: float = 1.0
    component: str | None = None
    max_points: float | dict | None = field(default=None, hash=False)

    def max_for(self, tier: str) -> float | None:
        """The group's maximum for units of ``tier`` (points), or None if it has none there."""
        if isinstance(self.max_points, dict):
            return self.max_points.get(tier)
        return self.max_points


@dataclass(frozen=True)
class Criterion:
    """One criterion (tiêu chí) with its maximum points and the tiers it applies to.

    ``group`` is its group's title (the name reports show)."""

    id: str
    group: str
    title: str
    max_points: float
    tiers: tuple[str, ...]


@dataclass(frozen=True)
class Framework:
    """Tiers in published order, criteria groups, and criteria when data come at criterion grain.

    ``groups`` are the groups' titles in order; ``group_specs`` the groups themselves
    (listed under ``groups:``, or else one per criteria group name, weight 1).
    """

    tiers: dict[str, Tier]
    criteria: tuple[Criterion, ...] = ()
    source: str = ""
    groups: tuple[str, ...] = ()
    group_specs: tuple[Group, ...] = ()

    def __post_init__(self):
        if self.groups and not self.group_specs:
            object.__setattr__(self, "group_specs", tuple(Group(id=g, title=g) for g in self.groups))
        elif self.group_specs and not self.groups:
            object.__setattr__(self, "groups", tuple(g.title for g in self.group_specs))

    def tier_order(self) -> list[str]:
        return list(self.tiers)

    def criteria_for(self, tier: str) -> tuple[Criterion, ...]:
        """The criteria that apply to units of ``tier``."""
        return tuple(c for c in self.criteria if tier in c.tiers)

    def group(self, name: object) -> Group | None:
        """The group named ``name`` by its id or its title (NFC, whitespace and case folded)."""
        text = clean_name(name)
        for candidates in ((g for g in self.group_specs if g.id == text),
                           (g for g in self.group_specs if g.title == text),
                           (g for g in self.group_specs if text.lower() in (g.id.lower(), g.title.lower()))):
            found = next(candidates, None)
            if found is not None:
                return found
        return None

    def tier_groups(self, tier: str) -> tuple[Group, ...]:
        """The groups units of ``tier`` are scored on: those with a criterion of the tier when
        the framework lists criteria, else those with a maximum for the tier."""
        if self.criteria:
            titles = {c.group for c in self.criteria_for(tier)}
            return tuple(g for g in self.group_specs if g.title in titles)
        return tuple(g for g in self.group_specs if g.max_for(tier) is not None)

    def group_max_points(self, tier: str, group: Group) -> float | None:
        """A group's maximum for ``tier``: the sum of its criteria there, else its ``max_points``."""
        if self.criteria:
            points = [c.max_points for c in self.criteria_for(tier) if c.group == group.title]
            return float(sum(points)) if points else None
        return group.max_for(tier)

    def tier_max_points(self, tier: str) -> float | None:
        """A unit's maximum in ``tier`` (points): the sum of its criteria or groups, else the
        tier's ``max_points``, else the sum of its components' ``max_points``."""
        groups = self.tier_groups(tier)
        if groups:
            return float(sum(self.group_max_points(tier, g) for g in groups))
        spec = self.tiers[tier]
        if spec.max_points is not None:
            return spec.max_points
        maxima = [self.component_max_points(tier, c.key) for c in spec.components]
        return float(sum(maxima)) if maxima and None not in maxima else None

    def component_max_points(self, tier: str, key: str) -> float | None:
        """A component's maximum for ``tier`` (points): its ``max_points``, else the sum of its
        groups' maxima; None when neither is known."""
        component = self.tiers[tier].component(key)
        if component.max_points is not None:
            return component.max_points
        maxima = [self.group_max_points(tier, g) for g in self.tier_groups(tier) if g.component == key]
        return float(sum(maxima)) if maxima and None not in maxima else None

    def uses_index(self) -> bool:
        """Whether some tier is ranked by an index (so the scores table has an ``index`` column)."""
        return any(t.rank_by == "index" for t in self.tiers.values())

    def group_weights(self, component: str | None = None) -> list[float]:
        """Each group's weight in the index (``group_specs`` order); with ``component``, 0 for
        the groups of other components (the index of that component alone)."""
        return [g.weight if component is None or g.component == component else 0.0 for g in self.group_specs]

    def component_keys(self) -> tuple[str, ...]:
        """Every component key, in the order they first appear (tiers in order)."""
        return tuple(dict.fromkeys(c.key for t in self.tiers.values() for c in t.components))


FRACTION_LIKE_MAXIMUM = 10  # points: a tier out of this many or more has no threshold of at most 1 point


def fraction_thresholds(rank_by: str, levels, maximum: float | None) -> str | None:
    """Why the levels of a points tier (or component) look like rates (every ``min`` at most 1
    while the maximum is :data:`FRACTION_LIKE_MAXIMUM` points or more: nearly every unit would
    reach the highest level), or None. Rate and index thresholds above 1 are refused where
    each level is read."""
    if rank_by != "points" or not levels or maximum is None or maximum < FRACTION_LIKE_MAXIMUM:
        return None
    if max(level.min for level in levels) > 1:
        return None
    shown = ", ".join(f"{level.name} {level.min:g}" for level in levels)
    return (f"the thresholds ({shown}) are fractions, but the tier ranks by points out of {maximum:g}: write "
            f"them in points (e.g. {levels[0].min * maximum:g}), or rank_by: rate")
