"""Scorecard figures: a unit against its tier, its groups and its history across the reform."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from egovnb.report import scorecard, scorecard_figures
from egovnb.core.assessment import assess
from egovnb.core.errors import InputError

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def year_2025():
    return assess(ROOT / "params/son-ha-2025.yaml")


def test_find_units_by_name_case_and_suggestions(year_2025):
    assert scorecard.find_units(year_2025, ["sở y tế"]) == [("so-nganh", "Sở Y tế")]
    assert len(scorecard.find_units(year_2025, None)) == len(year_2025.scores)
    with pytest.raises(InputError) as caught:
        scorecard.find_units(year_2025, ["Sở Y te"])
    assert "did you mean 'Sở Y tế'" in str(caught.value)


def test_slugs_are_distinct():
    scores = pd.DataFrame({"tier": ["huyen", "xa", "xa"], "unit": ["Bình Lâm", "Bình Lâm", "Xã Ia Grai"]})
    assert scorecard.unit_slugs(scores) == {("huyen", "Bình Lâm"): "binh-lam-huyen", ("xa", "Bình Lâm"): "binh-lam-xa",
                                            ("xa", "Xã Ia Grai"): "xa-ia-grai"}


def test_position_against_median_and_top(year_2025):
    position = scorecard_figures.tier_position(year_2025, "xa", "Xã Ia Grai")
    evaluated = year_2025.scores[(year_2025.scores["tier"] == "xa") & year_2025.scores["rank"].notna()]
    assert position.loc["achieved_points", "unit"] == 59.75
    assert position.loc["achieved_points", "median"] == evaluated["achieved_points"].median()
    assert position.loc["rate", "top"] == evaluated["rate"].max()


def test_groups_add_up_to_the_unit_totals(year_2025):
    groups = scorecard_figures.group_comparison(year_2025, "xa", "Xã Ia Grai")
    row = year_2025.scores.set_index("unit").loc["Xã Ia Grai"]
    assert groups["achieved_points"].sum() == pytest.approx(row["achieved_points"])
    assert groups["applicable_points"].sum() == pytest.approx(row["applicable_points"])
    assert list(groups["group"]) == [g for g in year_2025.framework.groups]


def test_history_follows_the_merge_back(year_2025):
    chain = scorecard_figures.assessment_chain(year_2025)
    assert [a.params.year for a in chain] == [2025, 2024, 2023]
    history = scorecard_figures.unit_history(chain, "xa", "Xã Ia Grai")
    assert history["year"].tolist() == [2023, 2024, 2025]
    assert history["units"].tolist()[1] == "Xã Ia Ga; Xã Ia Phìn; Xã Ia Vê"
    assert history["rule"].tolist() == ["same", "merged", "same"]
    before = chain[1].scores.set_index("unit").loc[["Xã Ia Ga", "Xã Ia Phìn", "Xã Ia Vê"]]
    combined = before["achieved_points"].sum() / before["applicable_points"].sum()
    assert history["rate"].iloc[1] == pytest.approx(combined)
    assert history["points"].iloc[1] == pytest.approx(combined * 100)   # 100 = the commune tier's maximum
    assert pd.isna(history["rank"].iloc[1]) and history["rank"].iloc[2] == 22


def test_history_of_a_renamed_ward(year_2025):
    history = scorecard_figures.unit_history(scorecard_figures.assessment_chain(year_2025), "xa", "Phường Hòa Bắc")
    assert history["units"].tolist() == ["Phường 10", "Phường 10", "Phường Hòa Bắc"]
    assert history["rule"].tolist() == ["same", "renamed", "same"]


def test_scorecard_blocks(year_2025):
    card = scorecard.build(None, "Xã Ia Grai", assessment=year_2025)
    assert "Xếp hạng 22/28" in card.header().text and "Dữ liệu minh họa" in card.header().text
    # 62 − 59,75 = 2,25 points to level IV.
    assert "Cần thêm 2,25 điểm để đạt mức độ IV" in card.gap().text
    position = card.position_chart().svg
    assert position.startswith(b"<?xml") and b"<svg " in position
    assert "Xã Ia Grai: 59,75" in position.decode("utf-8")  # the unit named in the legend, as text
    assert card.history_chart() is not None and card.groups_chart() is not None
    absent = scorecard.build(None, "Xã Tú An", assessment=year_2025)
    assert "không được đánh giá" in absent.gap().text and absent.groups_chart() is None


def test_summary_grain_single_year():
    card = scorecard.build(ROOT / "params/thua-thien-hue-2020.yaml", "Sở Y tế")
    assert "mức độ cao nhất (I)" in card.gap().text
    assert "tổng hợp" in card.groups_table().text and "Chỉ có số liệu năm 2020" in card.history_table().text
    assert card.history_chart() is None


def test_rates_use_the_tiers_decimals_as_the_report_does():
    card = scorecard.build(ROOT / "params/thua-thien-hue-2020.yaml", "Sở Du lịch")  # 96,82 %, published 97 %
    rate_row = card.position_table().frame.iloc[0]
    assert rate_row.iloc[1] == "97%"
    assert "97%" in card.position_chart().alt


def test_history_chart_uses_the_rate_in_every_year(year_2025):
    """2025 ranks by points, 2023–2024 by rate on another framework: one measure, the rate."""
    card = scorecard.build(None, "Xã Ia Grai", assessment=year_2025)
    assert card.tier_spec.rank_by == "points"
    chart = card.history_chart()
    assert "tỷ lệ thực hiện" in chart.title
    assert "54,13%" in chart.alt and "62,89%" in chart.alt  # 2023 and 2025, both rates


def test_history_carries_the_crosswalks_note(year_2025):
    history = scorecard_figures.unit_history(scorecard_figures.assessment_chain(year_2025), "xa", "Xã Ia Grai")
    # The note of the rows that merged the three communes, on the year the rule applies to.
    assert history["note"].tolist() == ["", "hợp nhất ba xã (minh họa)", ""]
    renamed = scorecard_figures.unit_history(scorecard_figures.assessment_chain(year_2025), "xa", "Phường Hòa Bắc")
    assert renamed["note"].tolist() == ["", "đổi tên phường (minh họa)", ""]
    card = scorecard.build(None, "Xã Ia Grai", assessment=year_2025)
    table = card.history_table()
    merged = "các đơn vị trước hợp nhất, tính gộp; hợp nhất ba xã (minh họa)"
    assert table.frame["Ghi chú"].tolist() == ["", merged, ""]
    assert f'<td class="name">{merged}</td>' in table.to_html()
    # A unit with no crosswalk row: nothing to note.
    same = scorecard.build(None, "Sở Y tế", assessment=year_2025).history_table()
    assert set(same.frame["Ghi chú"]) == {""}


def test_crosswalk_notes_between_two_years():
    from egovnb.insight.crosswalk import load_crosswalk, notes_between
    crosswalk = load_crosswalk(ROOT / "data/crosswalks/son-ha-2025.csv")
    old = [("xa", "Xã Ia Phìn"), ("xa", "Xã Ia Ga")]
    assert notes_between(crosswalk, 2024, 2025, old, [("xa", "Xã Ia Grai")]) == "hợp nhất ba xã (minh họa)"
    assert notes_between(crosswalk, 2024, 2025, old, [("huyen", "Xã Ia Grai")]) == ""  # another tier
    assert notes_between(crosswalk, 2023, 2024, old, [("xa", "Xã Ia Grai")]) == ""     # not yet in effect
    assert notes_between(None, 2024, 2025, old, [("xa", "Xã Ia Grai")]) == ""


def test_the_unit_is_not_drawn_again_among_the_other_units(year_2025):
    card = scorecard.build(None, "Xã Ia Grai", assessment=year_2025)
    svg = card.position_chart().svg.decode("utf-8")
    ranked = year_2025.scores[(year_2025.scores["tier"] == "xa") & year_2025.scores["rank"].notna()]
    # One grey dot for each other ranked commune, and this one once, as its own marker.
    others = re.search(r'<g id="PathCollection_1">(.*?)</g>\s*</g>', svg, re.S).group(1)
    assert others.count("<use ") == len(ranked) - 1
    mine = re.search(r'<g id="PathCollection_2">(.*?)</g>\s*</g>', svg, re.S).group(1)
    assert mine.count("<use ") == 1


def test_the_params_note_is_in_the_scorecards_illustrative_banner(year_2025):
    header = scorecard.build(None, "Xã Ia Grai", assessment=year_2025).header()
    assert year_2025.params.note.startswith("Số liệu minh họa — tỉnh Sơn Hà là tỉnh giả định")
    assert year_2025.params.note in header.text
    assert "<p>Số liệu minh họa — tỉnh Sơn Hà là tỉnh giả định" in header.html
