"""Gaps to the next level and lost points, checked by hand."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from egovnb.core.assessment import assess
from egovnb.insight.gaps import closest_to_next_level, gap_to_next_level, lost_points_by_group, most_lost_groups

from .scenario import year

ROOT = Path(__file__).resolve().parents[2]

CRITERIA_FRAMEWORK = """\
tiers:
  so-nganh:
    label: Sở, ban, ngành
    rank_by: rate
    levels:
      - {name: I,  min: 0.90}
      - {name: II, min: 0.80}
    below: Chưa đạt
  xa:
    label: UBND cấp xã
    rank_by: points
    levels:
      - {name: III, min: 35}
      - {name: IV,  min: 25}
    below: Không xếp hạng
criteria:
  - {id: "1.1", group: Hạ tầng kỹ thuật CNTT, max_points: 10}
  - {id: "1.2", group: Hạ tầng kỹ thuật CNTT, max_points: 10}
  - {id: "2.1", group: Cung cấp dịch vụ công trực tuyến, max_points: 20}
"""
CRITERIA_ROWS = ["tier,unit,criterion,points,evaluated"] + [
    f"{tier},{unit},{criterion},{points},{evaluated}"
    for tier, unit, values, evaluated in (
        ("so-nganh", "Sở A", ("10", "N/A", "15"), ""),
        ("so-nganh", "Sở B", ("5", "8", "20"), ""),
        ("so-nganh", "Sở C", ("10", "10", "19"), ""),
        ("so-nganh", "Sở D", ("", "", ""), "không"),
        ("xa", "Xã X", ("10", "10", "12"), ""),
        ("xa", "Xã Y", ("5", "", "15"), ""),
    )
    for criterion, points in zip(("1.1", "1.2", "2.1"), values)
]


@pytest.fixture
def criterion_grain(tmp_path):
    return year(tmp_path, 2024, CRITERIA_ROWS, framework=CRITERIA_FRAMEWORK)


def gaps_by_unit(assessment) -> dict:
    table = gap_to_next_level(assessment.ranked, assessment.framework)
    return {u: (n, p) for u, n, p in zip(table["unit"], table["next_level"], table["points_to_next_level"])}


def test_published_thua_thien_hue_everyone_at_the_top():
    assessment = assess(ROOT / "params/thua-thien-hue-2020.yaml")
    everything = gap_to_next_level(assessment.ranked, assessment.framework)
    table = everything[everything["tier"] == "so-nganh"]  # the departments; the districts follow
    assert len(table) == 20 and table["level"].eq("I").all()
    assert table["next_level"].isna().all() and table["points_to_next_level"].isna().all()
    # The original columns are untouched and the rows keep their order.
    pd.testing.assert_frame_equal(everything.drop(columns=["next_level", "points_to_next_level"]), assessment.ranked)


def test_published_thua_thien_hue_points_with_stricter_thresholds(tmp_path):
    """The published points under made-up bands I ≥ 99 %, II ≥ 98 %, III ≥ 90 %."""
    framework = (ROOT / "params/frameworks/thua-thien-hue-2020.yaml").read_text(encoding="utf-8")
    framework = (framework.replace("min: 0.90}", "min: 0.99}").replace("min: 0.85}", "min: 0.98}")
                 .replace("min: 0.80}", "min: 0.90}").replace("min: 0.70}", "min: 0.50}"))
    (tmp_path / "framework.yaml").write_text(framework, encoding="utf-8")
    params = tmp_path / "p.yaml"
    params.write_text(f"province: Thừa Thiên Huế\nyear: 2020\ndata: {ROOT / 'data/thua-thien-hue/2020/units.csv'}\n"
                      "framework: framework.yaml\n", encoding="utf-8")
    gaps = gaps_by_unit(assess(params))
    # Sở Văn hóa - Thể thao: 89,4 / 90 = 99,33 % → I, nothing above.
    assert gaps["Sở Văn hóa - Thể thao"] == (None, pytest.approx(math.nan, nan_ok=True))
    # Sở Lao động thương binh xã hội: 88,4 / 90 = 98,22 % → II; I needs 0,99 × 90 − 88,4 = 0,7.
    assert gaps["Sở Lao động thương binh xã hội"] == ("I", pytest.approx(0.7))
    # Sở Du lịch: 86,17372 / 89 = 96,82 % → III; II needs 0,98 × 89 − 86,17372 = 87,22 − 86,17372 = 1,04628.
    assert gaps["Sở Du lịch"] == ("II", pytest.approx(1.04628))
    # Thanh tra tỉnh: 41 / 43 = 95,35 % → III; II needs 0,98 × 43 − 41 = 1,14.
    assert gaps["Thanh tra tỉnh"] == ("II", pytest.approx(1.14))


def test_criterion_grain_by_hand(criterion_grain):
    gaps = gaps_by_unit(criterion_grain)
    # Sở A: 25 of 30 applicable (1.2 N/A) = 83,3 % → II; I needs 0,9 × 30 − 25 = 2.
    assert gaps["Sở A"] == ("I", pytest.approx(2.0))
    # Sở B: 33 / 40 = 82,5 % → II; I needs 0,9 × 40 − 33 = 3.
    assert gaps["Sở B"] == ("I", pytest.approx(3.0))
    assert gaps["Sở C"][0] is None          # 39 / 40 → I, the top
    assert gaps["Sở D"][0] is None and math.isnan(gaps["Sở D"][1])  # not evaluated
    # Points tier: Xã X 32 points → IV; III needs 35 − 32 = 3. Xã Y 20 → not ranked; IV needs 5.
    assert gaps["Xã X"] == ("III", pytest.approx(3.0))
    assert gaps["Xã Y"] == ("IV", pytest.approx(5.0))


def test_lost_points_by_group_by_hand(criterion_grain):
    lost = lost_points_by_group(criterion_grain.criteria_points)
    assert list(lost.columns) == ["tier", "unit", "group", "applicable_points", "achieved_points", "lost_points"]
    assert "Sở D" not in set(lost["unit"])
    rows = {(u, g): (a, p, l) for u, g, a, p, l in lost.drop(columns="tier").itertuples(index=False)}
    assert rows[("Sở A", "Hạ tầng kỹ thuật CNTT")] == (10, 10, 0)       # 1.2 does not apply
    assert rows[("Sở A", "Cung cấp dịch vụ công trực tuyến")] == (20, 15, 5)
    assert rows[("Sở B", "Hạ tầng kỹ thuật CNTT")] == (20, 13, 7)
    assert rows[("Xã Y", "Hạ tầng kỹ thuật CNTT")] == (10, 5, 5)
    # Most points lost first within a unit.
    assert lost[lost["unit"] == "Sở A"]["group"].tolist() == ["Cung cấp dịch vụ công trực tuyến",
                                                               "Hạ tầng kỹ thuật CNTT"]
    top = most_lost_groups(lost, n=1).set_index("unit")
    assert top.loc["Sở B", "groups"] == "Hạ tầng kỹ thuật CNTT" and top.loc["Sở B", "lost_points"] == 7
    assert lost_points_by_group(None).empty


def test_closest_to_next_level(criterion_grain):
    gaps = gap_to_next_level(criterion_grain.ranked, criterion_grain.framework)
    closest = closest_to_next_level(gaps, "so-nganh")
    assert closest["unit"].tolist() == ["Sở A", "Sở B"]
    assert closest["points_available"].tolist() == [5.0, 7.0]
    assert closest_to_next_level(gaps, "xa", n=1)["unit"].tolist() == ["Xã X"]


def test_closest_table_for_the_report(criterion_grain):
    from egovnb.report.tables import closest_table

    gaps = gap_to_next_level(criterion_grain.ranked, criterion_grain.framework)
    table = closest_table(criterion_grain, "xa", gaps)
    assert table.caption == "UBND cấp xã: gần mức độ kế tiếp nhất"
    assert table.frame.values.tolist() == [["Xã X", "IV", "III", "3", "8"], ["Xã Y", "Không xếp hạng", "IV", "5", "10"]]
