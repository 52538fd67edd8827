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
