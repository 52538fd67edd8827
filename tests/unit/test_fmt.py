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
