"""Golden test: the published Thừa Thiên Huế 2020 department table (Quyết định 3402/QĐ-UBND,
adjusted by 102/QĐ-UBND), reproduced from the points alone."""

import csv
from pathlib import Path

import pytest

from egovnb.core.assessment import assess

ROOT = Path(__file__).resolve().parents[2]
PUBLISHED = ROOT / "tests" / "data" / "thua-thien-hue-2020-so-nganh.csv"


@pytest.fixture(scope="module")
def scores():
    return assess(ROOT / "params" / "thua-thien-hue-2020.yaml").scores


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
