"""Year on year across a reform: merged, renamed, new and dissolved units, by hand."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from egovnb.insight.crosswalk import load_crosswalk
from egovnb.insight.yoy import (COLUMNS, compare_with_previous, compare_years, previous_year_problems, rule_counts,
                                unmapped_previous_units)

from .scenario import FRAMEWORK, year

PREVIOUS = ["so-nganh,Sở A,100,0,95", "so-nganh,Sở B,100,0,88", "so-nganh,Sở C,100,0,70",
            "huyen,Huyện Đông,100,0,85", "huyen,Huyện Tây,100,0,92",
            "xa,Xã Tân An,100,0,70", "xa,Xã Tân Bình,100,0,60", "xa,Xã Tân Hòa,100,20,72",
            "xa,Phường 3,100,0,85", "xa,Xã Cũ,100,0,50"]
CURRENT = ["so-nganh,Sở A,100,0,90", "so-nganh,Sở B,100,0,91", "so-nganh,Sở Mới,100,0,80",
           "xa,Phường Bến Đò,100,0,88", "xa,Xã Tân Hòa,100,0,75", "xa,Xã Mới,100,0,50"]
CROSSWALK = """# illustrative test crosswalk
old_tier,old_unit,new_tier,new_unit,effective_date,note
so-nganh,Sở C,,Sở B,2025-03-01,
xa,Xã Tân An,xa,Xã Tân Hòa,01/07/2025,
xa,Xã Tân Bình,xa,Xã Tân Hòa,01/07/2025,
xa,Xã Tân Hòa,xa,Xã Tân Hòa,01/07/2025,
xa,Phường 3,xa,Phường Bến Đò,2025-07-01,renamed
xa,Xã Cũ,,,2025-07-01,dissolved
"""
# 2025: no district tier any more.
FRAMEWORK_2025 = FRAMEWORK.split("  huyen:")[0] + "  xa:" + FRAMEWORK.split("  xa:")[1]


@pytest.fixture
def years(tmp_path):
    previous = year(tmp_path / "2024", 2024, PREVIOUS)
    (tmp_path / "2025").mkdir()
    (tmp_path / "2025" / "crosswalk.csv").write_text(CROSSWALK, encoding="utf-8")
    current = year(tmp_path / "2025", 2025, CURRENT, framework=FRAMEWORK_2025,
                   previous="../2024/son-ha-2024.yaml", crosswalk="crosswalk.csv")
    return current, previous, load_crosswalk(tmp_path / "2025" / "crosswalk.csv")


def by_unit(table: pd.DataFrame) -> dict:
    return {unit: row for unit, row in zip(table["unit"], table.to_dict("records"))}


def test_columns_and_every_unit_accounted_for(years):
    current, previous, crosswalk = years
    table = compare_years(current, previous, crosswalk)
    assert tuple(table.columns) == COLUMNS
    assert set(table["unit"]) == {"Sở A", "Sở B", "Sở Mới", "Sở C", "Phường Bến Đò", "Xã Tân Hòa", "Xã Mới",
                                  "Xã Cũ", "Huyện Đông", "Huyện Tây"} - {"Sở C"}
    accounted = {name for names in table["previous_units"] for name in names.split("; ") if name}
    assert accounted == {unit for unit in previous.scores["unit"]}
    assert len(table) == 9


def test_rules_and_figures_by_hand(years):
    table = by_unit(compare_years(*years))
    assert table["Sở A"]["rule"] == "same"
    assert (table["Sở A"]["previous_rank"], table["Sở A"]["rank"], table["Sở A"]["rank_change"]) == (1, 2, -1)
    assert table["Sở A"]["level_change"] == "same"

    # Sở B absorbed Sở C: (88 + 70) / (100 + 100) = 0.79 → level IV of the 2024 thresholds.
    merged = table["Sở B"]
    assert merged["rule"] == "merged" and merged["previous_units"] == "Sở B; Sở C"
    assert merged["previous_rate"] == pytest.approx(0.79)
    assert merged["previous_level"] == "IV" and merged["level"] == "I" and merged["level_change"] == "up"
    assert pd.isna(merged["previous_rank"]) and pd.isna(merged["rank_change"])

    # Three communes into Xã Tân Hòa (points tier): (70 + 60 + 72) / (100 + 100 + 80) = 0.72142857,
    # × 100 max points = 72.14 points → IV (62 ≤ 72.14 < 80).
    communes = table["Xã Tân Hòa"]
    assert communes["rule"] == "merged"
    assert communes["previous_units"] == "Xã Tân An; Xã Tân Bình; Xã Tân Hòa"
    assert communes["previous_rate"] == pytest.approx(202 / 280)
    assert communes["previous_level"] == "IV" and communes["level_change"] == "same"

    renamed = table["Phường Bến Đò"]
    assert renamed["rule"] == "renamed" and renamed["previous_units"] == "Phường 3"
    assert (renamed["previous_rank"], renamed["rank"], renamed["rank_change"]) == (1, 1, 0)
    assert renamed["previous_rate"] == pytest.approx(0.85)

    for unit in ("Sở Mới", "Xã Mới"):
        assert table[unit]["rule"] == "new" and table[unit]["previous_units"] == ""
        assert table[unit]["previous_level"] is None and table[unit]["level_change"] is None
        assert math.isnan(table[unit]["previous_rate"])

    for unit, rank in (("Xã Cũ", 5), ("Huyện Tây", 1), ("Huyện Đông", 2)):
        assert table[unit]["rule"] == "dissolved" and table[unit]["previous_rank"] == rank
        assert pd.isna(table[unit]["rank"]) and table[unit]["level"] is None


def test_row_order_tiers_then_rank_dissolved_last(years):
    table = compare_years(*years)
    assert list(table["unit"]) == ["Sở B", "Sở A", "Sở Mới", "Phường Bến Đò", "Xã Tân Hòa", "Xã Mới", "Xã Cũ",
                                   "Huyện Tây", "Huyện Đông"]


def test_without_crosswalk_names_alone_link_units(years):
    current, previous, _ = years
    table = by_unit(compare_years(current, previous))
    assert table["Sở B"]["rule"] == "same" and table["Sở C"]["rule"] == "dissolved"
    assert table["Phường Bến Đò"]["rule"] == "new" and table["Phường 3"]["rule"] == "dissolved"


def test_crosswalk_rows_outside_the_years_are_ignored(years, tmp_path):
    current, previous, _ = years
    later = tmp_path / "later.csv"
    later.write_text(CROSSWALK.replace("2025", "2026"), encoding="utf-8")
    table = by_unit(compare_years(current, previous, load_crosswalk(later)))
    assert table["Phường Bến Đò"]["rule"] == "new"


def test_chain_of_renames_is_followed(tmp_path):
    previous = year(tmp_path / "a", 2023, ["xa,Xã Một,100,0,70", "xa,Xã Hai,100,0,90"])
    current = year(tmp_path / "b", 2025, ["xa,Xã Ba,100,0,75", "xa,Xã Hai,100,0,90"])
    crosswalk = tmp_path / "cw.csv"
    crosswalk.write_text("old_unit,new_unit,effective_date\nXã Tạm,Xã Ba,2025-07-01\nXã Một,Xã Tạm,2024-01-01\n",
                         encoding="utf-8")
    table = by_unit(compare_years(current, previous, load_crosswalk(crosswalk)))
    assert table["Xã Ba"]["rule"] == "renamed" and table["Xã Ba"]["previous_units"] == "Xã Một"
    assert unmapped_previous_units(current, previous, load_crosswalk(crosswalk)) == []


def test_unmapped_previous_units_name_file_and_row(years):
    current, previous, _ = years
    problems = unmapped_previous_units(current, previous, None)
    # The districts went with their tier; the five others need a crosswalk row.
    assert sorted(p.message.split("'")[1] for p in problems) == ["Phường 3", "Sở C", "Xã Cũ", "Xã Tân An",
                                                                 "Xã Tân Bình"]
    assert all(p.file.endswith("crosswalk.csv") for p in problems)
    assert any("row 5 of" in p.message for p in problems if "Sở C" in p.message)


def test_unmapped_without_any_crosswalk_points_at_the_previous_data_row(tmp_path):
    previous = year(tmp_path / "a", 2024, ["so-nganh,Sở A,100,0,95", "so-nganh,Sở B,100,0,88"])
    current = year(tmp_path / "b", 2025, ["so-nganh,Sở A,100,0,90"], previous="../a/son-ha-2024.yaml")
    problems = previous_year_problems(current)
    assert len(problems) == 1
    assert problems[0].file.endswith("units-2024.csv") and problems[0].row == 4 and problems[0].column == "unit"
    assert "Sở B" in problems[0].message


def test_crosswalk_naming_unknown_units_is_a_problem(years, tmp_path):
    current, previous, _ = years
    bad = tmp_path / "bad.csv"
    bad.write_text(CROSSWALK + "xa,Xã Không Có,xa,Xã Tân Hòa,2025-07-01,\nxa,Phường 3,xa,Xã Lạ,2025-07-01,\n",
                   encoding="utf-8")
    problems = unmapped_previous_units(current, previous, load_crosswalk(bad))
    assert [(p.row, p.column) for p in problems] == [(9, "old_unit"), (10, "new_unit")]


def test_validate_reports_unmapped_units(years, tmp_path):
    current, _, _ = years
    assert previous_year_problems(current) == []
    from egovnb.insight.validation import validate

    params = current.params.path
    params.write_text(params.read_text(encoding="utf-8").replace("crosswalk: crosswalk.csv\n", ""), encoding="utf-8")
    assert len(validate(params)) == 5


def test_report_table_and_counts(years):
    from egovnb.insight.yoy import comparison_tiers
    from egovnb.report.tables import year_on_year_frame

    current, previous, crosswalk = years
    table = compare_years(current, previous, crosswalk)
    tiers = comparison_tiers(current, previous)
    assert {tier.label for tier in tiers.values()} == {"Sở, ban, ngành", "UBND cấp xã", "UBND cấp huyện"}
    shown = year_on_year_frame(table, tiers["xa"], 2024, 2025).set_index("Tên đơn vị")
    assert shown.loc["Xã Tân Hòa", "Ghi chú"] == "hợp nhất" and shown.loc["Xã Mới", "Ghi chú"] == "mới"
    assert round(by_unit(table)["Xã Tân Hòa"]["previous_rate"] * 100, 2) == 72.14
    counts = rule_counts(table)
    assert counts.loc["xa"].to_dict() == {"same": 0, "renamed": 1, "merged": 1, "new": 1, "dissolved": 1}
    assert counts.loc["huyen", "dissolved"] == 2
    assert compare_with_previous(current).equals(table)


def test_illustrative_son_ha_reform_pair_accounts_for_every_unit():
    from egovnb.core.assessment import assess
    from egovnb.insight.validation import validate

    root = Path(__file__).resolve().parents[2]
    assert validate(root / "params/son-ha-2025.yaml") == []
    current = assess(root / "params/son-ha-2025.yaml")
    assert current.params.illustrative and "huyen" not in current.framework.tiers
    previous = assess(root / "params/son-ha-2024.yaml")
    table = compare_with_previous(current)
    accounted = {name for names in table["previous_units"] for name in names.split("; ") if name}
    assert accounted == set(previous.scores["unit"])
    assert set(table.loc[table["tier"] != "huyen", "unit"]) == set(current.scores["unit"])
    rows = by_unit(table)
    assert rows["Xã Ia Grai"]["rule"] == "merged"
    assert rows["Xã Ia Grai"]["previous_units"] == "Xã Ia Ga; Xã Ia Phìn; Xã Ia Vê"
    merged = previous.scores.set_index("unit").loc[["Xã Ia Ga", "Xã Ia Phìn", "Xã Ia Vê"]]
    assert rows["Xã Ia Grai"]["previous_rate"] == pytest.approx(
        merged["achieved_points"].sum() / merged["applicable_points"].sum())
    assert rows["Phường Hòa Bắc"]["rule"] == "renamed" and rows["Phường Hòa Bắc"]["previous_units"] == "Phường 10"
    assert rows["Sở Khoa học và Công nghệ"]["rule"] == "merged"
    assert rows["Đặc khu Hòn Mây"]["rule"] == "new"
    assert rule_counts(table).loc["huyen", "dissolved"] == 7


def test_comparison_tiers_keep_a_dissolved_tier(years):
    from egovnb.insight.yoy import comparison_tiers

    current, previous, crosswalk = years
    tiers = comparison_tiers(current, previous)
    assert list(tiers) == ["so-nganh", "xa", "huyen"] and tiers["huyen"].label == "UBND cấp huyện"
    assert set(compare_years(current, previous, crosswalk)["tier"]) == set(tiers)
