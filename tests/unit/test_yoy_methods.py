"""Year on year under the methods beyond one threshold on one total: level moves under
``level_by: lowest``, merged units combined component by component, index tiers and
tiers without levels."""

from __future__ import annotations

import pandas as pd
import pytest

from egovnb.insight.yoy import combined_figures, compare_with_previous, compare_years

from .scenario import write_year, year

GIA_LAI = """\
tiers:
  huyen:
    label: UBND cấp huyện
    rank_by: points
    components:
      san-sang: {label: Điều kiện sẵn sàng, rank_by: points, max_points: 40,
                 levels: [{name: I, min: 38}, {name: II, min: 34}, {name: III, min: 30}]}
      ket-qua:  {label: Kết quả CQĐT, rank_by: points, max_points: 80,
                 levels: [{name: I, min: 76}, {name: II, min: 68}, {name: III, min: 60}]}
    level_by: lowest
    below: Không xếp hạng
    rank_below: false
"""
HEADER = "tier,unit,component,max_points,excluded_points,achieved_points"


def rows(*units):
    lines = [HEADER]
    for name, ready, results in units:
        lines += [f"huyen,{name},san-sang,40,0,{ready}", f"huyen,{name},ket-qua,80,0,{results}"]
    return lines


@pytest.fixture
def years(tmp_path):
    before = write_year(tmp_path, 2021, rows(("TP. Pleiku", 35, 79), ("Đức Cơ", 31, 70), ("Ia Pa", 20, 79),
                                             ("Xã A", 39, 70), ("Xã B", 31, 78)), framework=GIA_LAI)
    crosswalk = tmp_path / "crosswalk.csv"
    crosswalk.write_text("old_unit,new_unit,effective_date\nXã A,Xã AB,2022-01-01\nXã B,Xã AB,2022-01-01\n",
                         encoding="utf-8")
    current = year(tmp_path, 2022, rows(("TP. Pleiku", 39, 77), ("Đức Cơ", 30, 60), ("Ia Pa", 31, 61),
                                        ("Xã AB", 36, 70)), framework=GIA_LAI, previous=before.name,
                   crosswalk=crosswalk.name)
    from egovnb.core.assessment import assess
    return current, assess(before)


def test_level_moves_under_level_by_lowest(years):
    current, previous = years
    table = compare_years(current, previous).set_index("unit")
    # TP. Pleiku: II (readiness 35) → I; Đức Cơ: III → III (results fall to 60, still III).
    assert table.loc["TP. Pleiku", ["previous_level", "level", "level_change"]].tolist() == ["II", "I", "up"]
    assert table.loc["Đức Cơ", ["previous_level", "level", "level_change"]].tolist() == ["III", "III", "same"]
    # Ia Pa was under readiness's lowest threshold (not ranked), now at III: up from below.
    assert table.loc["Ia Pa", ["previous_level", "level", "level_change"]].tolist() == ["Không xếp hạng", "III", "up"]
    assert pd.isna(table.loc["Ia Pa", "previous_rank"]) and table.loc["Ia Pa", "rank"] == 3


def test_merged_units_combine_each_component(years):
    current, previous = years
    row = compare_with_previous(current).set_index("unit").loc["Xã AB"]
    assert row["rule"] == "merged" and row["previous_units"] == "Xã A; Xã B"
    # Readiness 39 + 31 of 80 = 87,5 % → 35 of 40: II; results 70 + 78 of 160 → 74 of 80: II. Lowest: II.
    assert row["previous_level"] == "II" and row["level"] == "II" and row["level_change"] == "same"
    assert row["previous_rate"] == pytest.approx((39 + 70 + 31 + 78) / 240)
    figures = combined_figures(previous, [("huyen", "Xã A"), ("huyen", "Xã B")])
    assert figures["level"] == "II" and pd.isna(figures["rank"])


def test_index_and_no_level_tiers_across_years(tmp_path):
    framework = """\
tiers:
  dti: {label: DTI, rank_by: index, levels: [{name: Tốt, min: 0.8}, {name: Khá, min: 0.6}], below: Yếu}
  xep-hang: {label: Chỉ xếp hạng, rank_by: points}
groups:
  - {id: a, title: A, weight: 3, max_points: {dti: 10, xep-hang: 10}}
  - {id: b, title: B, weight: 1, max_points: {dti: 10, xep-hang: 10}}
"""
    before = write_year(tmp_path, 2023, ["tier,unit,A,B", "dti,Sở X,9,2", "dti,Sở Y,5,10", "xep-hang,Sở Z,5,5"],
                        framework=framework)
    current = year(tmp_path, 2024, ["tier,unit,A,B", "dti,Sở X,6,10", "dti,Sở Y,9,9", "xep-hang,Sở Z,9,9"],
                   framework=framework, previous=before.name)
    from egovnb.core.assessment import assess
    table = compare_years(current, assess(before)).set_index("unit")
    # Sở X: (3 × 0,9 + 0,2) / 4 = 0,725 Khá → (3 × 0,6 + 1) / 4 = 0,7 Khá; Sở Y: 0,625 Khá → 0,9 Tốt.
    assert table.loc["Sở X", ["previous_level", "level", "level_change"]].tolist() == ["Khá", "Khá", "same"]
    assert table.loc["Sở Y", ["previous_level", "level", "level_change"]].tolist() == ["Khá", "Tốt", "up"]
    assert table.loc["Sở Z", "level_change"] is None and table.loc["Sở Z", "rank_change"] == 0
