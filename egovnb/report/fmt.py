"""Numbers and labels as a reader of the report expects them, in Vietnamese or English.

Vietnamese uses a decimal comma and a dot between thousands (``1.234,5``);
English the reverse. Babel supplies the locale's symbols and patterns. Values
are rounded half up first (as a person, and Excel, round), so that Babel's
half-even rounding never shows ``85,36`` where a table shows ``85,37``.
"""

from __future__ import annotations

import functools
import math
from decimal import ROUND_HALF_UP, Decimal

from babel import Locale
from babel.numbers import format_decimal, format_percent

from egovnb.report.labels import LEVEL_GLOSS_EN

MISSING = "–"  # shown for an empty value (a unit not evaluated, a criterion that does not apply)
LOCALES = {"vi": "vi_VN", "en": "en_GB"}
# Babel reads its data files at the first number (about 0.1 s, most of it the global data); read
# them with this module, so a kernel forked after the report's imports finds them read.
for _name in LOCALES.values():
    Locale.parse(_name).number_symbols  # noqa: B018 - loads the data
# Points are shown as delivered: up to five decimals (published tables have 86,17372).
POINT_DECIMALS = 5


def _locale(language: str) -> str:
    return LOCALES.get(language, LOCALES["vi"])


def _missing(value: object) -> bool:
    if value is None:
        return True
    try:
        return math.isnan(float(value))
    except (TypeError, ValueError):
        return True


def _round(value: float, decimals: int) -> Decimal:
    return Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def number(value: float | None, language: str = "vi", *, decimals: int = 2, fixed: bool = False) -> str:
    """A number with up to ``decimals`` decimals (exactly ``decimals`` when ``fixed``).

    >>> number(1234.5, "vi"), number(1234.5, "en"), number(90.0, "vi")
    ('1.234,5', '1,234.5', '90')
    """
    if _missing(value):
        return MISSING
    fraction = ("0" if fixed else "#") * decimals
    pattern = "#,##0" + (f".{fraction}" if decimals else "")
    rounded = _round(value, decimals)
    if rounded == 0:
        rounded = abs(rounded)  # no "-0"
    return _formatted(str(rounded), pattern, _locale(language), False)


def points(value: float | None, language: str = "vi") -> str:
    """Points as delivered: up to five decimals, no trailing zeros (``86,17372``, ``90``)."""
    return number(value, language, decimals=POINT_DECIMALS)


def decimals_needed(values, most: int = POINT_DECIMALS) -> int:
    """The decimals a column of numbers needs so that every value shows all its decimals, up to
    ``most`` (each value rounded half up to ``most`` first): ``96.5, 91, 85`` → 1. Empty values
    are ignored; 0 for a column without one."""
    needed = 0
    for value in values:
        if _missing(value):
            continue
        exponent = _round(value, most).normalize().as_tuple().exponent
        needed = max(needed, -exponent if isinstance(exponent, int) and exponent < 0 else 0)
    return needed


def column(values, language: str = "vi", *, most: int = POINT_DECIMALS, at_least: int = 0) -> list[str]:
    """A column of numbers, every value with the same decimals: the most any value needs (up to
    ``most``, at least ``at_least``), so a column reads ``96,5 / 91,0 / 85,0``, never
    ``96,5 / 91 / 85``. Empty values show :data:`MISSING`.

    >>> column([96.5, 91, 85]), column([5, 4.75, 6.6], most=2)
    (['96,5', '91,0', '85,0'], ['5,00', '4,75', '6,60'])
    """
    values = list(values)
    decimals = max(decimals_needed(values, most), at_least)
    return [number(v, language, decimals=decimals, fixed=True) for v in values]


def points_decimals(values) -> int:
    """Decimals of a column of points: none when every value is whole, else the most any value
    needs, at least two (as converted points are printed), at most five (as delivered)."""
    needed = decimals_needed(values, POINT_DECIMALS)
    return max(needed, 2) if needed else 0


def points_column(values, language: str = "vi") -> list[str]:
    """A column of points with the same decimals throughout (:func:`points_decimals`):
    ``96,50 / 91,00 / 85,00``, ``118,348 / 117,512``, ``90 / 87``.

    >>> points_column([96.5, 91, 85]), points_column([90, 87])
    (['96,50', '91,00', '85,00'], ['90', '87'])
    """
    values = list(values)
    return column(values, language, most=POINT_DECIMALS, at_least=points_decimals(values))


def count(value: int, language: str = "vi") -> str:
    """A whole number of units, with the locale's thousands separator."""
    return number(value, language, decimals=0)


def percent(fraction: float | None, language: str = "vi", decimals: int = 2) -> str:
    """A fraction (0..1) as a percentage with exactly ``decimals`` decimals.

    >>> percent(0.909753, "vi"), percent(0.909753, "en", 0)
    ('90,98%', '91%')
    """
    if _missing(fraction):
        return MISSING
    rounded = _round(fraction, decimals + 2)
    pattern = "#,##0" + (f".{'0' * decimals}" if decimals else "") + "%"
    return _formatted(str(rounded), pattern, _locale(language), True)


def shares(counts, language: str = "vi", decimals: int = 0) -> list[str]:
    """Counts as percentages of their sum that add up to exactly 100 % as printed (largest
    remainder: each share rounded down, then the units of the last decimal left over go to the
    largest remainders, the first of equal remainders first). Three levels of 1, 1 and 1 unit
    read ``34% / 33% / 33%``, never ``33% / 33% / 33%``; all zero counts read ``0%``.

    >>> shares([1, 1, 1]), shares([2, 8, 5, 2, 3])
    (['34%', '33%', '33%'], ['10%', '40%', '25%', '10%', '15%'])
    """
    counts = [int(c) for c in counts]
    total = sum(counts)
    if total <= 0:
        return [percent(0.0, language, decimals) for _ in counts]
    steps = 100 * 10 ** decimals  # units of the last decimal printed in 100 %
    exact = [Decimal(c) * steps / total for c in counts]
    floors = [int(e) for e in exact]
    left = steps - sum(floors)
    by_remainder = sorted(range(len(counts)), key=lambda i: (-(exact[i] - floors[i]), i))
    for i in by_remainder[:left]:
        floors[i] += 1
    return [percent(float(Decimal(f) / steps), language, decimals) for f in floors]


@functools.lru_cache(maxsize=1 << 16)
def _formatted(rounded: str, pattern: str, locale: str, as_percent: bool) -> str:
    """Babel's formatting of an already rounded value, remembered: a report of a few hundred
    units formats the same few thousand values many times, at a tenth of a millisecond each."""
    formatter = format_percent if as_percent else format_decimal
    return formatter(Decimal(rounded), format=pattern, locale=locale)


def rate_decimals(rates) -> int:
    """Decimals for a column of rates: 0 when every rate is a whole percent, else 2.

    Published annexes print whole percentages where the rates are whole and two
    decimals otherwise (Thừa Thiên Huế's district table: 85,36%). Empty rates
    are ignored.
    """
    values = [float(r) for r in rates if not _missing(r)]
    whole = all(abs(v * 100 - round(v * 100)) < 1e-9 for v in values)
    return 0 if whole else 2


def tier_rate_decimals(tier, rates) -> int:
    """Decimals for a tier's rates: the framework's ``rate_decimals`` when it sets one (as the
    province publishes them), else :func:`rate_decimals` of the rates."""
    chosen = getattr(tier, "rate_decimals", None)
    return rate_decimals(rates) if chosen is None else chosen


def signed(value: int | float | None, language: str = "vi") -> str:
    """A change with its sign: ``+3``, ``−2`` (a true minus sign), ``0``."""
    if _missing(value):
        return MISSING
    value = int(value)
    if value > 0:
        return f"+{count(value, language)}"
    if value < 0:
        return f"\u2212{count(-value, language)}"
    return "0"


def level(name: str | None, language: str = "vi") -> str:
    """A level label for display: as written in the framework; in English, Vietnamese
    terms such as *Chưa đạt* get a gloss (``Chưa đạt (below all levels)``)."""
    if name is None or (isinstance(name, float) and math.isnan(name)):
        return MISSING
    name = str(name)
    if language == "en" and name in LEVEL_GLOSS_EN:
        return f"{name} ({LEVEL_GLOSS_EN[name]})"
    return name


def threshold(value: float, rank_by: str, language: str = "vi") -> str:
    """A level threshold: a rate as a percentage (whole when it is), points as points."""
    if rank_by == "rate":
        return percent(value, language, rate_decimals([value]))
    return points(value, language)


def sentence_case(text: str) -> str:
    """Lower-case the first letter of a label used inside a sentence (``Chưa đạt`` → ``chưa đạt``),
    unless the first word is an acronym (``UBND``)."""
    first = text.split(" ", 1)[0]
    if len(first) > 1 and first[1:].islower():
        return text[0].lower() + text[1:]
    return text
