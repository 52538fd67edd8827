"""A cell as the analyst sees it: an Excel number through its number format, and a printed
number read back with the precision it was printed with.

Published figures (a rate printed ``81,96%``, converted points ``85,36``, a rank) are
compared with the rules at the precision they were printed with, so what matters is
what the cell shows, not the binary number behind it. Everything here is exact decimal
arithmetic: ``Decimal(repr(x))`` is the shortest decimal that reads back as the float
``x``, which is what a person typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from egovnb.core.numbers import number_text

# Excel keeps 15 significant digits of a number; beyond them a float's digits are noise.
EXCEL_DIGITS = 15
# A number shown in the General format: at most this many decimals (a standard-width column).
GENERAL_DECIMALS = 9

_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")
_VI_GROUPED = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,\d*)?$")
_EN_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$")


@dataclass(frozen=True)
class Printed:
    """A printed number: its value as printed (in percent when ``percent``) and its decimals."""

    value: Decimal
    decimals: int
    percent: bool


def exact(value: float) -> Decimal:
    """The decimal a person typed for a float read from a file (``75.41`` → ``Decimal('75.41')``),
    with Excel's 15 significant digits, so sums such as ``0.1 + 0.2`` come back as ``0.3``."""
    number = Decimal(repr(float(value)))
    if number == 0:
        return Decimal(0)
    digits = number.adjusted() + 1  # digits before the decimal point
    return number.quantize(Decimal(1).scaleb(digits - EXCEL_DIGITS), rounding=ROUND_HALF_UP).normalize()


def round_half_up(value: Decimal, decimals: int) -> Decimal:
    """``value`` rounded half up (away from zero for positives) to ``decimals`` decimals."""
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def decimal_text(value: Decimal, decimals: int | None = None) -> str:
    """A decimal with a decimal comma, as printed in Vietnamese tables (``81,97``);
    ``decimals`` fixed, or every significant decimal when None."""
    if decimals is not None:
        value = round_half_up(value, decimals)
        text = f"{value:.{decimals}f}"
    else:
        text = f"{value.normalize():f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


# How a percentage is printed everywhere (tables, sentences, reconciliation, command output):
# as the provincial annexes print it, the sign straight after the number (85,36%).
PERCENT_SIGN = "%"


def percent_text(value: Decimal, decimals: int | None = None) -> str:
    """A value already in percent as the annexes print it: ``85,36%`` (see :func:`decimal_text`)."""
    return decimal_text(value, decimals) + PERCENT_SIGN


def shown(value: object, number_format: str | None) -> str:
    """What Excel shows for a cell: numbers through their number format (``0.00%`` → ``82,40%``,
    ``0`` → ``7``), with a decimal comma; text as typed; an empty cell as ``""``."""
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    section = _QUOTED.sub("", (number_format or "General").split(";")[0])
    number = exact(value)
    placeholders = re.search(r"[0#?]", section)
    if section.strip().lower() in ("general", "@", "") or placeholders is None:
        text = decimal_text(number)
        if "," in text and len(text.split(",")[1]) > GENERAL_DECIMALS:
            text = decimal_text(number, GENERAL_DECIMALS).rstrip("0").rstrip(",")
        return text
    percent = "%" in section
    fraction = section.split(".", 1)[1] if "." in section else ""
    decimals = len(re.match(r"[0#?]*", fraction).group(0))
    if percent:
        number *= 100
    text = decimal_text(number, decimals)
    if "," in section.split(".", 1)[0]:
        whole, _, tail = text.partition(",")
        sign = "-" if whole.startswith("-") else ""
        whole = whole.lstrip("-")
        groups = [whole[max(i - 3, 0):i] for i in range(len(whole), 0, -3)][::-1]
        text = sign + ".".join(groups) + ("," + tail if tail else "")
    return text + (PERCENT_SIGN if percent else "")


def read_printed(text: object) -> Printed | None:
    """A printed number read back: ``'81,96 %'`` → 81.96 percent with 2 decimals; ``'85,36'``,
    ``'1.234,5'``, ``'0.8536'`` as plain numbers. None for an empty cell; raises ValueError for
    text that is not a number."""
    cleaned = number_text(str(text))  # every Unicode space and invisible character left out
    if not cleaned:
        return None
    percent = cleaned.endswith("%")
    if percent:
        cleaned = cleaned[:-1]
    if _NUMBER.match(cleaned):
        digits = cleaned.replace(",", ".")
    elif _VI_GROUPED.match(cleaned):
        digits = cleaned.replace(".", "").replace(",", ".")
    elif _EN_GROUPED.match(cleaned):
        digits = cleaned.replace(",", "")
    else:
        raise ValueError(f"'{text}' is not a number")
    try:
        value = Decimal(digits)
    except InvalidOperation:
        raise ValueError(f"'{text}' is not a number") from None
    decimals = len(digits.split(".", 1)[1]) if "." in digits else 0
    return Printed(value=value, decimals=decimals, percent=percent)


def as_percent(printed: Printed) -> Printed:
    """A printed rate in percent: ``85,36%`` as it is; a fraction (``0,8536``, ``1``) times 100,
    at no coarser than whole percent; a number over 1 without a sign (``85,36``) is a percent."""
    if printed.percent or printed.value > 1:
        return Printed(printed.value, printed.decimals, True)
    return Printed(printed.value * 100, max(printed.decimals - 2, 0), True)
