import math

import pandas as pd
import pytest

from egovnb.core.numbers import parse_column, parse_number


@pytest.mark.parametrize("cell, expected", [
    ("85,36", 85.36), ("85.36", 85.36), ("86,17372", 86.17372), (" 90 ", 90.0), ("1.234,5", 1234.5),
    (90, 90.0), (88.4, 88.4), (",5", 0.5), ("-1", -1.0), ("1e2", 100.0), ("118,348", 118.348),
])
def test_numbers(cell, expected):
    assert parse_number(cell) == pytest.approx(expected)


@pytest.mark.parametrize("cell", ["", "   ", None])
def test_empty_is_none(cell):
    assert parse_number(cell) is None


@pytest.mark.parametrize("cell", ["abc", "1,2,3", "12 điểm", "1.2.3"])
def test_text_is_nan(cell):
    assert math.isnan(parse_number(cell))


def test_column_marks_text_minus_inf_and_missing_nan():
    column = pd.Series(["1,5", "N/A", "", "x", "2"], dtype="category")
    parsed = parse_column(column, frozenset({"n/a"})).tolist()
    assert parsed[0] == 1.5 and math.isnan(parsed[1]) and math.isnan(parsed[2])
    assert parsed[3] == -math.inf and parsed[4] == 2.0


# --- issue 17: numbers as the sheet shows them, or refused -------------------------------------------------------

from egovnb.core.numbers import number_problem, read_column, settle, shown_cell  # noqa: E402


@pytest.mark.parametrize("cell, expected", [
    ("8\u00a05", 85.0), ("85\u202f", 85.0), ("\u200b85", 85.0), ("8\u200b5", 85.0), ("８５", 85.0),
    ("８５，３６", 85.36), ("1\u2009234,5", 1234.5), ("1,234,567", 1234567.0), ("1,234.5", 1234.5), ("\t90\n", 90.0),
])
def test_unicode_spaces_invisible_characters_and_full_width_digits(cell, expected):
    assert parse_number(cell) == pytest.approx(expected)


def test_a_cell_in_a_message_shows_what_cannot_be_seen():
    assert shown_cell("8\u200b5x") == "8\\u200b5x" and shown_cell("Sở A") == "Sở A"
    assert shown_cell("1\u00a0x") == "1\\u00a0x"


@pytest.mark.parametrize("cells, maximum, expected, unsettled", [
    (["1.000", "85,36"], None, 1000.0, False),   # decimal commas elsewhere: the dot groups thousands
    (["1,000", "85,36"], None, 1.0, False),
    (["1.000", "85.36"], None, 1.0, False),      # decimal points elsewhere
    (["1,000", "85.36"], None, 1000.0, False),
    (["1.000", "85"], 2.0, 1.0, False),          # 1000 is more than the 2 points allowed
    (["1.000", "85"], 5000.0, 1.0, True),        # both fit: refused
    (["1.000", "85,5", "85.5"], None, 1.0, True),  # the column shows both conventions: refused
])
def test_a_lone_separator_before_three_digits_is_settled_or_refused(cells, maximum, expected, unsettled):
    column = read_column(pd.Series(cells, dtype=object))
    values, left = settle(column, maximum)
    assert values[0] == expected and bool(left[0]) is unsettled and not left[1:].any()


def test_why_a_cell_is_not_a_number():
    assert number_problem("#N/A").startswith("the Excel error value #N/A (a lookup found nothing) is not a value")
    assert number_problem("85%").startswith("'85%' is a percentage, but this column holds points")
    assert number_problem(" -   ").startswith("a lone dash is a zero in Excel's accounting format")
    assert number_problem("05/01/2024") == "'05/01/2024' looks like a date, not a number"
    assert number_problem("abc") == "'abc' is not a number (use 85.36 or 85,36)"


@pytest.mark.parametrize("cell", ["85¹", "8⁵", "½"])
def test_superscripts_and_fractions_are_not_read_as_digits(cell):
    assert math.isnan(parse_number(cell))  # "85¹" is 85 with a footnote mark, never 851
