"""Golden test: the published Thừa Thiên Huế 2020 department and district tables (Quyết định
3402/QĐ-UBND, adjusted by 102/QĐ-UBND), reproduced from the points alone, read from the annex
workbook as delivered."""

import csv
from pathlib import Path

import pytest

from egovnb.core.assessment import assess

ROOT = Path(__file__).resolve().parents[2]
PUBLISHED = ROOT / "tests" / "data" / "thua-thien-hue-2020-so-nganh.csv"
PUBLISHED_DISTRICTS = ROOT / "tests" / "data" / "thua-thien-hue-2020-huyen-ket-qua.csv"


@pytest.fixture(scope="module")
def everything():
    return assess(ROOT / "params" / "thua-thien-hue-2020.yaml").scores


@pytest.fixture(scope="module")
def scores(everything):
    """The departments (Sở, ban, ngành — Mức độ Kết quả)."""
    return everything[everything["tier"] == "so-nganh"].reset_index(drop=True)


@pytest.fixture(scope="module")
def districts(everything):
    """The district-level units (UBND cấp huyện — Mức độ Kết quả)."""
    return everything[everything["tier"] == "huyen-ket-qua"].reset_index(drop=True)


@pytest.fixture(scope="module")
def published():
    with open(PUBLISHED, encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_units_in_published_order(scores, published):
    assert scores.unit.tolist() == [row["unit"] for row in published]


def test_ranks_levels_and_rounded_rates(scores, published):
    for (_, row), expected in zip(scores.iterrows(), published):
        assert row["rank"] == int(expected["published_rank"]), row["unit"]
        assert row["level"] == expected["level"], row["unit"]
        assert round(row["rate"] * 100) == int(expected["rate_pct"]), row["unit"]
        assert row["applicable_points"] == float(expected["applicable_points"])


def test_ties_are_on_the_exact_rate(scores):
    ranks = dict(zip(scores.unit, scores["rank"]))
    assert [ranks[u] for u in ("Sở Văn hóa - Thể thao", "Sở Nội vụ")] == [6, 7]  # both print as 99 %
    assert sorted(scores["rank"])[:6] == [1, 1, 1, 1, 1, 6]


def test_all_twenty_reach_level_one_lowest_rate(scores):
    assert (scores.level == "I").sum() == 20
    assert f"{scores.rate.min() * 100:.2f}" == "90.98"


def test_converted_points_follow_the_definition(scores):
    row = scores.set_index("unit").loc["Thanh tra tỉnh"]
    assert row.converted_points == pytest.approx(41 / 43 * 90)


def test_both_tables_departments_first(everything):
    assert everything["tier"].tolist() == ["so-nganh"] * 20 + ["huyen-ket-qua"] * 9


def test_districts_in_published_order_ranks_and_levels(districts):
    with open(PUBLISHED_DISTRICTS, encoding="utf-8") as handle:
        published = list(csv.DictReader(handle))
    assert districts.unit.tolist() == [row["unit"] for row in published]
    assert districts["rank"].tolist() == list(range(1, 10))
    assert districts.level.tolist() == ["II", "III", "III", "III", "IV", "IV", "IV", "IV", "Chưa đạt"]
    assert (districts.max_points == 100).all() and (districts.excluded_points == 8).all()
    assert (districts.applicable_points == 92).all()
    for (_, row), expected in zip(districts.iterrows(), published):
        assert row["achieved_points"] == float(expected["achieved_points"]), row["unit"]


def test_district_rates_from_the_points(districts):
    """Rates to two decimals (half up) from the points; three differ from the printed table
    (A Lưới 81,97 % printed 81,96 %, Hương Trà 80,75 % printed 80,76 %, Phú Lộc 66,65 % printed 66,66 %)."""
    rates = dict(zip(districts.unit, districts.rate))
    assert rates["UBND huyện Nam Đông"] == pytest.approx(78.53 / 92)   # 85,36 %: the first, level II
    assert f"{rates['UBND huyện A Lưới'] * 100:.3f}" == "81.967"
    assert f"{rates['UBND thị xã Hương Trà'] * 100:.3f}" == "80.750"
    assert f"{rates['UBND huyện Phú Lộc'] * 100:.3f}" == "66.652"        # under 70 %: Chưa đạt
    assert districts.converted_points.tolist() == pytest.approx((districts.rate * 100).tolist())
