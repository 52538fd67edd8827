"""Published figures checked against the rules, at the precision they were printed with.

A province's annex prints each unit's rate, converted points, rank and level, often typed
or computed by hand: that is where published decisions go wrong. Each printed figure is
compared with what the rules give from the unit's own points, rounded half up (on the
exact decimal value, never on a binary float) to the decimals it was printed with: a rate
printed ``81,96%`` is compared to two decimals of a percent, ``99%`` to whole percent.
Pure: the ranked scores and where they were read in, one row a compared figure out.
"""

from __future__ import annotations

from decimal import Decimal, localcontext

import pandas as pd

from egovnb.core.cells import (PERCENT_SIGN, Printed, as_percent, decimal_text, exact, percent_text, read_printed,
                               round_half_up)
from egovnb.core.read_table import ROW
from egovnb.core.data_file import TABLE, TableSource
from egovnb.core.errors import Problem
from egovnb.core.framework import NOT_EVALUATED, Framework, Tier
from egovnb.core.text import clean_name

FIGURES = ("rate", "converted_points", "rank", "level")
COLUMNS = ("file", "sheet", "row", "tier", "unit", "field", "column", "printed", "value_unit", "decimals",
           "printed_value", "rule_value", "rule_exact", "basis", "calculation", "reason", "agrees")
# Why a figure could not be compared as a number, or has no rule value (``reason``), in words.
REASONS = {"": "", "empty": "nothing printed", "not_a_number": "not a number", "not_whole": "not a whole number",
           "not_evaluated": "not evaluated: the rules give no value", "not_ranked": "the rules give no rank"}
# The finest precision compared: printed digits beyond it are noise of a float written out.
MAX_DECIMALS = {"rate": 7, "converted_points": 9}
_PRECISION = 40  # significant digits of the exact rule values
_LEVEL_PREFIXES = ("mức độ ", "mức ", "level ")


def compare(ranked: pd.DataFrame, tables: tuple[TableSource, ...], framework: Framework) -> pd.DataFrame:
    """Every published figure of the data against its rule value: one row a figure, columns
    :data:`COLUMNS` (``agrees`` True or False), in table and row order. Empty (with those
    columns) when the data print no published figure."""
    records = []
    for index, table in enumerate(tables):
        if not table.published or TABLE not in ranked.columns:
            continue
        units = ranked[ranked[TABLE] == index].sort_values(ROW)
        for _, unit in units.iterrows():
            tier = framework.tiers[unit["tier"]]
            for figure in table.published:
                text = unit.get(f"printed_{figure}")
                text = "" if not isinstance(text, str) else text
                record = _COMPARE[figure](unit, text, tier)
                if record is None:
                    continue
                records.append({"file": table.file, "sheet": table.sheet, "row": int(unit[ROW]), "tier": tier.key,
                                "unit": unit["unit"], "field": figure,
                                "column": table.written[f"published_{figure}"], "printed": text, **record})
    return pd.DataFrame(records, columns=list(COLUMNS))


def differences(comparisons: pd.DataFrame) -> pd.DataFrame:
    """Only the figures that do not agree with the rules."""
    return comparisons[~comparisons["agrees"].astype(bool)].reset_index(drop=True)


def rows_compared(comparisons: pd.DataFrame) -> int:
    """How many table rows (units) print at least one published figure."""
    return int(comparisons[["file", "sheet", "row"]].astype(str).drop_duplicates().shape[0])


def rows_differing(comparisons: pd.DataFrame) -> int:
    """How many table rows have at least one figure that differs from the rules."""
    return rows_compared(differences(comparisons))


def rule_text(difference) -> str:
    """The rule's value of a compared figure as it would be printed (``81,97%``, ``3``, ``III``)."""
    value = difference["rule_value"]
    if value is None or (isinstance(value, float) and value != value):
        return "nothing"
    if difference["field"] in MAX_DECIMALS:
        suffix = PERCENT_SIGN if difference["field"] == "rate" else ""
        return decimal_text(Decimal(repr(float(value))), int(difference["decimals"])) + suffix
    return str(int(value)) if difference["field"] == "rank" else str(value)


def describe(difference) -> str:
    """One difference in one line, located like every problem egovnb reports:
    ``file, sheet 'S', row 9, column 'Tỷ lệ thực hiện': UBND huyện A Lưới: printed 81,96%,
    the rules give 81,97% (75,41 / 92 = 81,967% → 81,97%)``."""
    where = difference["file"] + (f", sheet '{difference['sheet']}'" if difference["sheet"] else "")
    printed = f"'{difference['printed']}'" if difference["printed"] else "nothing"
    why = "; ".join(part for part in (REASONS[difference["reason"]], difference["calculation"]) if part)
    message = f"{difference['unit']}: printed {printed}, the rules give {rule_text(difference)}" + (
        f" ({why})" if why else "")
    return str(Problem(where, int(difference["row"]), clean_name(difference["column"]), message))


def summary(comparisons: pd.DataFrame) -> str:
    """One line: how many rows were compared and how many differ."""
    if comparisons.empty:
        return "no published figures to reconcile: the data have no rate, converted points, rank or level column"
    rows, figures = rows_compared(comparisons), len(comparisons)
    found = differences(comparisons)
    if found.empty:
        return f"all {rows} rows agree with the rules ({figures} published figures compared)"
    return (f"{len(found)} of {figures} published figures differ from the rules, "
            f"in {rows_differing(comparisons)} of {rows} rows")


def validate_note(assessment, params_path) -> str | None:
    """What ``egovnb validate`` says of the published figures (None when there are none):
    that they are there, and how many rows differ from the rules. Never a problem."""
    comparisons = compare(assessment.ranked, assessment.tables, assessment.framework)
    if comparisons.empty:
        return None
    present = set(comparisons["field"])
    figures = ", ".join(f.replace("_", " ") for f in FIGURES if f in present)
    head = f"published figures ({figures}) in {rows_compared(comparisons)} rows: "
    differing = rows_differing(comparisons)
    if differing:
        return head + f"{differing} row(s) differ from the rules; see `egovnb reconcile {params_path}`"
    return head + "all agree with the rules"


def _rule_exact(unit) -> tuple[Decimal, Decimal, Decimal] | None:
    """(achieved, applicable, maximum) points as exact decimals; None when not evaluated."""
    if not bool(unit["evaluated"]) or pd.isna(unit["achieved_points"]):
        return None
    maximum, excluded = exact(unit["max_points"]), exact(unit["excluded_points"])
    applicable = maximum - excluded
    if applicable <= 0:
        return None
    return exact(unit["achieved_points"]), applicable, maximum


def _number(text: str, figure: str) -> tuple[Printed | None, str]:
    """A printed number, or the reason it is not one ('' when it is, or when nothing is printed)."""
    try:
        printed = read_printed(text)
    except ValueError:
        return None, "not_a_number"
    if printed is not None and figure == "rate":
        printed = as_percent(printed)
    return printed, ""


def _compare_rate(unit, text: str, tier: Tier) -> dict | None:
    return _compare_number(unit, text, "rate", "percent", lambda a, applicable, m: a / applicable * 100,
                           lambda a, applicable, m: f"{_dec(a)} / {_dec(applicable)}", PERCENT_SIGN)


def _compare_converted(unit, text: str, tier: Tier) -> dict | None:
    return _compare_number(unit, text, "converted_points", "points", lambda a, applicable, m: a * m / applicable,
                           lambda a, applicable, m: f"{_dec(a)} / {_dec(applicable)} × {_dec(m)}", "")


def _compare_number(unit, text, figure, value_unit, rule, formula, suffix) -> dict | None:
    points = _rule_exact(unit)
    printed, reason = _number(text, figure)
    if printed is None and points is None and not reason:
        return None  # nothing printed, nothing to print
    decimals = min(printed.decimals, MAX_DECIMALS[figure]) if printed is not None else 2
    record = {"value_unit": value_unit, "decimals": decimals, "basis": "",
              "printed_value": float(round_half_up(printed.value, decimals)) if printed is not None else None}
    if points is None:
        return {**record, "rule_value": None, "rule_exact": None, "agrees": False, "calculation": "",
                "reason": reason or "not_evaluated"}
    with localcontext() as context:
        context.prec = _PRECISION
        value = rule(*points)
    rounded = round_half_up(value, decimals)
    calculation = (f"{formula(*points)} = {_exact_text(value, decimals)}{suffix} → "
                   f"{decimal_text(rounded, decimals)}{suffix}")
    agrees = printed is not None and round_half_up(printed.value, decimals) == rounded
    return {**record, "rule_value": float(rounded), "rule_exact": float(value), "agrees": agrees,
            "calculation": calculation, "reason": reason or ("" if printed is not None else "empty")}


# What an annex prints in the rank or level cell of a unit kept out of the ranking (``ranked: no``).
_KEPT_OUT_CELLS = frozenset({"", "-", "–", "—", "x", "không xếp hạng", "không tham gia xếp hạng",
                             "không đánh giá xếp hạng", "not ranked"})


def _kept_out(unit) -> bool:
    return not bool(unit.get("ranked", True)) and bool(unit["evaluated"])


def _compare_rank(unit, text: str, tier: Tier) -> dict | None:
    rule = unit["rank"]
    ranked = not pd.isna(rule)
    printed, reason = _number(text, "rank")
    if printed is None and not ranked and (not reason or (_kept_out(unit) and _level_key(text) in _KEPT_OUT_CELLS)):
        return None
    if printed is not None and printed.value != printed.value.to_integral_value():
        reason = "not_whole"
    printed_value = int(printed.value) if printed is not None and not reason else None
    basis = _basis(unit, tier)
    if ranked:
        calculation = f"{basis}: {int(rule) - 1} unit(s) of the tier rank above → {int(rule)}"
    else:
        reason = reason or ("not_evaluated" if not bool(unit["evaluated"]) else "not_ranked")
        calculation = ""
    return {"value_unit": "", "decimals": 0, "printed_value": printed_value, "basis": basis,
            "rule_value": int(rule) if ranked else None, "rule_exact": None,
            "agrees": printed_value is not None and ranked and printed_value == int(rule),
            "calculation": calculation, "reason": reason or ("" if printed is not None else "empty")}


def _compare_level(unit, text: str, tier: Tier) -> dict | None:
    rule = unit["level"] if isinstance(unit["level"], str) else ""
    if (not text and not rule) or (_kept_out(unit) and _level_key(text) in _KEPT_OUT_CELLS):
        return None
    evaluated = bool(unit["evaluated"]) and rule != NOT_EVALUATED
    return {"value_unit": "", "decimals": 0, "printed_value": clean_name(text), "rule_value": rule,
            "rule_exact": None, "agrees": _level_key(text) == _level_key(rule), "basis": _basis(unit, tier),
            "calculation": _level_rule(unit, tier) if evaluated else "",
            "reason": ("" if evaluated else "not_evaluated") if text else "empty"}


_COMPARE = {"rate": _compare_rate, "converted_points": _compare_converted, "rank": _compare_rank,
            "level": _compare_level}


def _level_key(text: str) -> str:
    folded = clean_name(text).casefold()
    for prefix in _LEVEL_PREFIXES:
        if folded.startswith(prefix) and len(folded) > len(prefix):
            return folded[len(prefix):]
    return folded


def _level_rule(unit, tier: Tier) -> str:
    """Why the rules give the unit its level: the threshold it reaches, or the lowest it misses."""
    level = unit["level"]
    basis = _basis(unit, tier)
    for threshold in tier.levels:
        if threshold.name == level:
            return f"{basis} ≥ {_threshold(threshold.min, tier)} → {level}"
    if tier.levels and level == tier.below:
        return f"{basis} < {_threshold(tier.levels[-1].min, tier)} → {level}"
    return f"{basis} → {level}"


def _basis(unit, tier: Tier) -> str:
    """The value a unit is ranked and levelled by, exact: its rate in percent or its points."""
    points = _rule_exact(unit)
    if points is None:
        return "–"
    achieved, applicable, _ = points
    if tier.rank_by == "points":
        return _dec(achieved)
    with localcontext() as context:
        context.prec = _PRECISION
        rate = achieved / applicable * 100
    return _exact_text(rate, 0 if rate == rate.to_integral_value() else 2) + PERCENT_SIGN


def _threshold(minimum: float, tier: Tier) -> str:
    if tier.rank_by == "rate":
        return percent_text(exact(minimum) * 100)
    return decimal_text(exact(minimum))


def _dec(value: Decimal) -> str:
    return decimal_text(value)


def _exact_text(value: Decimal, decimals: int) -> str:
    """An exact value with just enough decimals to show how it rounds to ``decimals``:
    ``81,967`` (→ 81,97), ``80,125`` (→ 80,13, half up), ``80,1249`` (→ 80,12)."""
    target = round_half_up(value, decimals)
    for extra in range(max(1, 3 - decimals), 7):
        shown = round_half_up(value, decimals + extra)
        if shown == value:
            return decimal_text(value)
        if round_half_up(shown, decimals) == target:
            return decimal_text(shown, decimals + extra)
    return decimal_text(round_half_up(value, decimals + 6), decimals + 6)
