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
