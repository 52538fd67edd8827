"""Vietnamese and English number and label formatting (egovnb.report.fmt)."""

import math

import pytest

from egovnb.report import fmt


@pytest.mark.parametrize("value, language, decimals, expected", [
    (1234.5, "vi", 2, "1.234,5"),
    (1234.5, "en", 2, "1,234.5"),
    (90.0, "vi", 2, "90"),
    (86.17372, "vi", 5, "86,17372"),
    (1234567.891, "vi", 1, "1.234.567,9"),
    (2.675, "vi", 2, "2,68"),       # half up, not Babel's half even on the binary value
    (0.125, "en", 2, "0.13"),
    (-0.001, "vi", 2, "0"),         # never "-0"
])
def test_number(value, language, decimals, expected):
    assert fmt.number(value, language, decimals=decimals) == expected


def test_number_fixed_keeps_trailing_zeros():
    assert fmt.number(90, "vi", decimals=2, fixed=True) == "90,00"
    assert fmt.number(89.4, "en", decimals=2, fixed=True) == "89.40"


@pytest.mark.parametrize("missing", [None, math.nan, float("nan")])
def test_missing_values_show_a_dash(missing):
    assert fmt.number(missing) == fmt.MISSING
    assert fmt.percent(missing) == fmt.MISSING
    assert fmt.points(missing) == fmt.MISSING
    assert fmt.signed(missing) == fmt.MISSING


def test_points_as_delivered():
    assert fmt.points(86.17372, "vi") == "86,17372"
    assert fmt.points(89.4, "vi") == "89,4"
    assert fmt.points(90.0, "vi") == "90"
    assert fmt.points(85.58067, "en") == "85.58067"


def test_percent_published_rates():
    # Thừa Thiên Huế 2020: Sở Giáo dục và Đào tạo 81,87979 / 90.
    assert fmt.percent(81.87979 / 90, "vi") == "90,98%"
    assert fmt.percent(81.87979 / 90, "vi", 0) == "91%"
    assert fmt.percent(0.8536, "vi") == "85,36%"
    assert fmt.percent(0.8536, "en") == "85.36%"
    assert fmt.percent(1.0, "vi", 0) == "100%"
    # Half up at the last shown digit: 0.99125 → 99,13 %.
    assert fmt.percent(0.99125, "vi") == "99,13%"


def test_rate_decimals_whole_when_every_rate_is_whole():
    assert fmt.rate_decimals([1.0, 0.99, 0.5]) == 0
    assert fmt.rate_decimals([1.0, 0.9933333]) == 2
    assert fmt.rate_decimals([1.0, math.nan, 0.95]) == 0  # empty rates (not evaluated) are ignored
    assert fmt.rate_decimals([]) == 0


def test_signed_uses_a_true_minus():
    assert fmt.signed(3) == "+3"
    assert fmt.signed(-2) == "\u22122"
    assert fmt.signed(0) == "0"
    assert fmt.signed(1500, "vi") == "+1.500"


def test_level_labels_are_data_with_an_english_gloss():
    assert fmt.level("I", "vi") == "I"
    assert fmt.level("Chưa đạt", "vi") == "Chưa đạt"
    assert fmt.level("Chưa đạt", "en") == "Chưa đạt (below all levels)"
    assert fmt.level("Không xếp hạng", "en") == "Không xếp hạng (not ranked)"
    assert fmt.level(None) == fmt.MISSING


def test_threshold():
    assert fmt.threshold(0.9, "rate", "vi") == "90%"
    assert fmt.threshold(0.855, "rate", "vi") == "85,50%"
    assert fmt.threshold(62, "points", "vi") == "62"
    assert fmt.threshold(62.5, "points", "vi") == "62,5"


def test_sentence_case():
    assert fmt.sentence_case("Chưa đạt") == "chưa đạt"
    assert fmt.sentence_case("Không xếp hạng") == "không xếp hạng"
    assert fmt.sentence_case("UBND cấp xã") == "UBND cấp xã"
    assert fmt.sentence_case("I") == "I"


# --- one number of decimals within a column; shares that add up; one percent sign ------------

def test_a_column_of_points_has_one_number_of_decimals():
    # The analyst's case: points 96,5 / 91 / 85 beside converted points 96,50 / 91,00.
    assert fmt.points_column([96.5, 91, 85], "vi") == ["96,50", "91,00", "85,00"]
    assert fmt.points_column([118.348, 117.5, 100], "vi") == ["118,348", "117,500", "100,000"]
    assert fmt.points_column([86.17372, 89.4, 90], "vi") == ["86,17372", "89,40000", "90,00000"]
    assert fmt.points_column([90, 87, 80], "vi") == ["90", "87", "80"]  # whole points stay whole
    assert fmt.points_column([1234.5, None, math.nan], "en") == ["1,234.50", fmt.MISSING, fmt.MISSING]
    assert fmt.points_column([], "vi") == []


def test_a_column_needs_the_decimals_of_its_longest_value_up_to_a_bound():
    # The points still needed: 5 / 4,75 / 6,6 read 5,00 / 4,75 / 6,60.
    assert fmt.column([5, 4.75, 6.6], "vi", most=2) == ["5,00", "4,75", "6,60"]
    assert fmt.column([0.333333, 1], "vi", most=2) == ["0,33", "1,00"]
    assert fmt.column([2.995, 1], "vi", most=2) == ["3", "1"]  # 2,995 rounds to 3,00: no decimal needed
    assert fmt.decimals_needed([0.1 + 0.2]) == 1  # float noise is not a decimal to show
    assert fmt.decimals_needed([None, math.nan]) == 0


@pytest.mark.parametrize("counts, expected", [
    ([1, 1, 1], ["34%", "33%", "33%"]),
    ([1, 3, 4, 1], ["11%", "33%", "45%", "11%"]),   # 11,1 + 33,3 + 44,4 + 11,1: one point to the largest rest
    ([2, 8, 5, 2, 3], ["10%", "40%", "25%", "10%", "15%"]),
    ([20, 0, 0], ["100%", "0%", "0%"]),
    ([0, 0], ["0%", "0%"]),
])
def test_level_shares_add_up_to_one_hundred_percent(counts, expected):
    shares = fmt.shares(counts, "vi")
    assert shares == expected
    if sum(counts):
        assert sum(int(s.rstrip("%")) for s in shares) == 100


def test_level_shares_with_decimals_add_up_too():
    shares = fmt.shares([1, 1, 1], "en", 1)
    assert shares == ["33.4%", "33.3%", "33.3%"]
    for counts in ([7, 11, 13, 2], [1] * 7, [3, 3, 1]):
        assert sum(float(s.rstrip("%")) for s in fmt.shares(counts, "en", 2)) == pytest.approx(100)


def test_a_percentage_is_printed_one_way_everywhere():
    from egovnb.core.cells import PERCENT_SIGN, percent_text
    from decimal import Decimal
    assert PERCENT_SIGN == "%"
    assert fmt.percent(0.8536, "vi") == percent_text(Decimal("85.36")) == "85,36%"
    assert fmt.percent(0.8536, "en") == "85.36%"
    assert fmt.threshold(0.9, "rate", "vi") == "90%"
