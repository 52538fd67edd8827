"""How levels look: one colour and one hatch per level, safe for colour-blind readers.

Colours are the Okabe–Ito palette (distinguishable under the common colour
vision deficiencies); each level also has its own hatch and is always named in
text next to its mark, so colour is never the only cue. Levels I–IV keep the
same look in every tier; other level names go by position.
"""

from __future__ import annotations

from dataclasses import dataclass

from egovnb.core.framework import KEPT_OUT, NOT_EVALUATED, Tier

ROMAN = ("I", "II", "III", "IV")


@dataclass(frozen=True)
class LevelStyle:
    """The look of one level: ``key`` is also the CSS class suffix (``lv-l1``)."""

    key: str
    colour: str
    hatch: str


STYLES = {
    "l1": LevelStyle("l1", "#0072B2", ""),      # blue
    "l2": LevelStyle("l2", "#56B4E9", "///"),   # sky blue
    "l3": LevelStyle("l3", "#009E73", "..."),   # bluish green
    "l4": LevelStyle("l4", "#E69F00", "xxx"),   # orange
    "below": LevelStyle("below", "#D55E00", "\\\\\\"),  # vermillion
    "none": LevelStyle("none", "#BBBBBB", "---"),       # grey: not evaluated
}


def level_key(tier: Tier, name: str) -> str:
    """The style key of level ``name`` in ``tier``: l1–l4, 'below' or 'none'."""
    if name in (NOT_EVALUATED, KEPT_OUT):
        return "none"
    if name == tier.below:
        return "below"
    if name in ROMAN:
        return f"l{ROMAN.index(name) + 1}"
    names = list(tier.level_order()[:-1])  # the components' levels under level_by: lowest
    position = names.index(name) if name in names else len(ROMAN) - 1
    return f"l{min(position, len(ROMAN) - 1) + 1}"


def level_style(tier: Tier, name: str) -> LevelStyle:
    """Colour and hatch of level ``name`` in ``tier``."""
    return STYLES[level_key(tier, name)]


# Pillars of an index (criteria groups) are categories, not levels: the eight Okabe–Ito
# colours in turn, each with its own hatch, so neighbours differ by more than colour.
PILLAR_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999")
PILLAR_HATCHES = ("", "///", "...", "xxx", "\\\\\\", "---", "ooo", "+++")


def pillar_style(position: int) -> LevelStyle:
    """Colour and hatch of the ``position``-th pillar of an index."""
    return LevelStyle(f"p{position}", PILLAR_COLOURS[position % len(PILLAR_COLOURS)],
                      PILLAR_HATCHES[position % len(PILLAR_HATCHES)])
