"""Every difference between egovnb's scores table and the reference model's.

    compare(egovnb_scores, reference_rows) -> list of messages, empty when they agree

``egovnb_scores`` is the engine's scores DataFrame; ``reference_rows`` what
``spec_model.score`` returns for the same framework and data. Checked: the column
set and order, the number and order of rows (by tier and unit), and every cell:
numbers to 1e-9 relative (and 1e-9 absolute, so values near 0 such as a tiny
``points_to_next_level`` are not held to an impossible relative bound), ranks as
ints, text exactly; empty, None, NaN, NA and "" are all the same empty cell.
Values are compared unit by unit (matched on tier and unit), so a row order
difference is one message, not a cascade.
"""

from __future__ import annotations

import math
from numbers import Number

REL_TOL = 1e-9
ABS_TOL = 1e-9
TEXT_COLUMNS = {"tier", "unit", "level", "next_level"}
MAX_ORDER_SHOWN = 12


def is_empty(value) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return value == ""
    try:
        return bool(value != value)  # NaN, pandas.NA (raises), NaT
    except TypeError:
        return True  # pandas.NA: comparisons are ambiguous


def is_text_column(name: str) -> bool:
    # K_level columns hold level names; points_to_next_level is a number.
    return name in TEXT_COLUMNS or (name.endswith("_level") and name != "points_to_next_level")


def cell_difference(column: str, actual, expected) -> str | None:
    """Why two cells of ``column`` differ, or None when they agree."""
    if is_empty(actual) or is_empty(expected):
        if is_empty(actual) and is_empty(expected):
            return None
        return f"{actual!r} != {expected!r} (reference)"
    if column == "rank":
        try:
            as_int = int(actual)
        except (TypeError, ValueError):
            return f"{actual!r} is not a rank; reference {expected!r}"
        if as_int != actual or as_int != expected:
            return f"{actual!r} != {expected!r} (reference)"
        return None
    if is_text_column(column):
        return None if str(actual) == str(expected) else f"{actual!r} != {expected!r} (reference)"
    if not isinstance(actual, Number) or isinstance(actual, bool):
        return f"{actual!r} is not a number; reference {expected!r}"
    if math.isclose(float(actual), float(expected), rel_tol=REL_TOL, abs_tol=ABS_TOL):
        return None
    return f"{actual!r} != {expected!r} (reference)"


def compare(egovnb_scores, reference_rows: list[dict]) -> list[str]:
    """Every difference between the engine's scores table and the reference rows (empty list: they agree)."""
    problems: list[str] = []
    actual_columns = [str(c) for c in egovnb_scores.columns]
    expected_columns = list(reference_rows[0]) if reference_rows else None
    if expected_columns is not None and actual_columns != expected_columns:
        missing = [c for c in expected_columns if c not in actual_columns]
        extra = [c for c in actual_columns if c not in expected_columns]
        if missing:
            problems.append(f"columns missing: {missing}")
        if extra:
            problems.append(f"columns not in the SPEC table: {extra}")
        if not missing and not extra:
            problems.append(f"column order {actual_columns} != {expected_columns} (reference)")

    actual_rows = egovnb_scores.to_dict(orient="records")
    if len(actual_rows) != len(reference_rows):
        problems.append(f"{len(actual_rows)} rows != {len(reference_rows)} (reference)")

    def key(row):
        return (str(row.get("tier")), str(row.get("unit")))

    actual_keys = [key(r) for r in actual_rows]
    expected_keys = [key(r) for r in reference_rows]
    for label, keys in (("engine", actual_keys), ("reference", expected_keys)):
        doubled = sorted({k for k in keys if keys.count(k) > 1})
        if doubled:
            problems.append(f"{label} has units more than once: {doubled}")
    if sorted(actual_keys) == sorted(expected_keys) and actual_keys != expected_keys:
        first = next(i for i, (a, e) in enumerate(zip(actual_keys, expected_keys)) if a != e)
        shown = slice(first, first + MAX_ORDER_SHOWN)
        problems.append(f"row order differs from row {first}: {actual_keys[shown]} != {expected_keys[shown]} (reference)")
    else:
        for k in expected_keys:
            if k not in actual_keys:
                problems.append(f"unit missing: {k}")
        for k in actual_keys:
            if k not in expected_keys:
                problems.append(f"unit not in the reference: {k}")

    actual_by_key = {key(r): r for r in actual_rows}
    for position, expected in enumerate(reference_rows):
        actual = actual_by_key.get(key(expected))
        if actual is None:
            continue
        for column, expected_value in expected.items():
            if column not in actual:
                continue  # reported with the columns
            why = cell_difference(column, actual[column], expected_value)
            if why:
                problems.append(f"row {position} {key(expected)} {column}: {why}")
    return problems
