"""Units assessed but kept out of the ranking (data column ``ranked`` = no / không): figures
shown, no rank, no level, listed after the ranked units and the floor, before units not
evaluated, counted apart; at every grain and through gaps, sensitivity, year on year, the
report's tables and charts. Illustrative test data (tests/unit/scenario.py)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from egovnb.core.errors import InputError
from egovnb.insight.gaps import gap_to_next_level
from egovnb.insight.sensitivity import analyse
from egovnb.insight.yoy import compare_years
from egovnb.report.charts_tier import ranking_data
from egovnb.report.tables import annex_frame, level_counts, level_summary

from .scenario import FRAMEWORK, RANKED_OUT, RANKED_OUT_FLOOR, year

HEADER = "tier,unit,max_points,excluded_points,achieved_points,ranked,evaluated,note,district"


@pytest.fixture
def kept(tmp_path):
    return year(tmp_path, 2024, RANKED_OUT, framework=RANKED_OUT_FLOOR)


def rows(assessment, tier):
    return assessment.scores[assessment.scores["tier"] == tier].reset_index(drop=True)


def test_figures_computed_no_rank_no_level_and_order(kept):
    departments = rows(kept, "so-nganh")
    assert departments["unit"].tolist() == ["Sở Tài chính", "Sở Nội vụ", "Sở Y tế",
                                            "Bộ Chỉ huy Quân sự tỉnh", "Công an tỉnh"]
    # Bộ Chỉ huy Quân sự tỉnh (99 %) takes no rank from Sở Tài chính (92 %).
    assert departments["rank"].tolist()[:3] == [1, 2, 2]
    police = departments.iloc[4]
    assert (police["applicable_points"], police["achieved_points"]) == (90, 60)
    assert police["rate"] == pytest.approx(60 / 90)
    assert police["converted_points"] == pytest.approx(100 * 60 / 90)
    assert pd.isna(police["rank"]) and police["level"] is None
    communes = rows(kept, "xa")
    # Ranked, then under the 62-point floor, then kept out, then not evaluated.
    assert communes["unit"].tolist() == ["Xã Ia Ga", "Xã Chư Don", "Xã Tú An", "Xã Ia Vê", "Xã Ia Phìn"]
    assert communes["level"].tolist() == ["III", "IV", "Không xếp hạng", None, "Không đánh giá"]
    assert communes["achieved_points"].iloc[3] == 70


def test_no_next_level_for_a_unit_kept_out(kept):
    gaps = gap_to_next_level(kept.ranked, kept.framework).set_index("unit")
    assert gaps.loc["Sở Nội vụ", "next_level"] == "I"
    for unit in ("Bộ Chỉ huy Quân sự tỉnh", "Công an tỉnh", "Xã Ia Vê"):
        assert gaps.loc[unit, "next_level"] is None and math.isnan(gaps.loc[unit, "points_to_next_level"])


def test_counts_say_it_apart(kept):
    counts = level_counts(kept.ranked, kept.framework.tiers["so-nganh"]).set_index("kind")
    assert counts.loc["kept_out", "units"] == 2 and counts.loc["kept_out", "total"] == 5
    assert counts.loc["level"]["units"].tolist() == [1, 2, 0, 0]
    text = repr(level_summary(kept, "so-nganh"))
    assert "2/5 đơn vị không tham gia xếp hạng" in text


def test_annex_shows_figures_and_the_note_but_no_rank(kept):
    frame = annex_frame(kept.ranked, kept.framework.tiers["so-nganh"])
    army = frame[frame["Tên đơn vị"] == "Bộ Chỉ huy Quân sự tỉnh"].iloc[0]
    assert (army["Số điểm thực hiện"], army["Xếp hạng"], army["Mức độ"]) == ("99", "–", "–")
    assert army["Ghi chú"] == "Không xếp hạng do tính chất đặc thù"


def test_not_drawn_as_a_ranked_bar(kept):
    drawn = ranking_data(kept.ranked, kept.framework.tiers["so-nganh"])
    assert "Bộ Chỉ huy Quân sự tỉnh" not in drawn["unit"].tolist()


def test_never_ranked_in_any_draw(kept):
    result = analyse(kept, draws=200, seed=1).set_index("unit")
    for unit in ("Bộ Chỉ huy Quân sự tỉnh", "Công an tỉnh", "Xã Ia Vê"):
        assert math.isnan(result.loc[unit, "median_rank"]) and math.isnan(result.loc[unit, "level_probability"])
    # The others are ranked among themselves only: Sở Tài chính is first in every draw.
    assert result.loc["Sở Tài chính", "rank_p95"] == 1


def test_year_on_year_no_rank_move(tmp_path):
    previous = year(tmp_path / "2023", 2023, [HEADER, "so-nganh,Sở A,100,0,95,,,,", "so-nganh,Sở B,100,0,90,,,,"])
    current = year(tmp_path / "2024", 2024, [HEADER, "so-nganh,Sở A,100,0,99,no,,đặc thù,",
                                             "so-nganh,Sở B,100,0,90,,,,"],
                   previous="../2023/son-ha-2023.yaml")
    table = compare_years(current, previous).set_index("unit")
    # Sở B moves up: Sở A, kept out this year, no longer stands above it.
    assert table.loc["Sở B", "rank"] == 1 and table.loc["Sở B", "rank_change"] == 1
    assert pd.isna(table.loc["Sở A", "rank"]) and pd.isna(table.loc["Sở A", "rank_change"])
    assert table.loc["Sở A", "level_change"] is None


CRITERIA = FRAMEWORK + """criteria:
  - {id: "1", group: Hạ tầng, max_points: 50, tiers: [so-nganh]}
  - {id: "2", group: Dịch vụ công, max_points: 50, tiers: [so-nganh]}
"""


@pytest.mark.parametrize("cells", [("no", "no"), ("KHÔNG", "Không")])
def test_criterion_grain(tmp_path, cells):
    lines = ["tier,unit,criterion,points,ranked,note",
             f"so-nganh,Công an tỉnh,1,50,{cells[0]},đặc thù", f"so-nganh,Công an tỉnh,2,49,{cells[1]},",
             "so-nganh,Sở A,1,40,,", "so-nganh,Sở A,2,40,,"]
    scores = year(tmp_path, 2024, lines, framework=CRITERIA).scores
    assert scores["unit"].tolist() == ["Sở A", "Công an tỉnh"]
    assert scores["rank"].iloc[0] == 1 and pd.isna(scores["rank"].iloc[1])
    assert scores["rate"].iloc[1] == pytest.approx(0.99) and scores["level"].iloc[1] is None


def test_rows_of_a_unit_that_disagree_are_refused(tmp_path):
    lines = ["tier,unit,criterion,points,ranked", "so-nganh,Công an tỉnh,1,50,no", "so-nganh,Công an tỉnh,2,49,",
             "so-nganh,Sở A,1,40,", "so-nganh,Sở A,2,40,"]
    with pytest.raises(InputError) as error:
        year(tmp_path, 2024, lines, framework=CRITERIA)
    problem = error.value.problems[0]
    assert (problem.row, problem.column) == (4, "ranked")
    assert "Công an tỉnh" in problem.message


def test_a_word_that_is_neither_yes_nor_no_is_refused_naming_the_cell(tmp_path):
    lines = [HEADER, "so-nganh,Sở A,100,0,95,maybe,,,", "so-nganh,Sở B,100,0,90,,,,"]
    with pytest.raises(InputError) as error:
        year(tmp_path, 2024, lines)
    problem = error.value.problems[0]
    assert (problem.row, problem.column) == (3, "ranked")
    assert problem.message.startswith("'maybe'")


def test_not_evaluated_wins(tmp_path):
    lines = [HEADER, "so-nganh,Sở A,100,0,,no,no,,", "so-nganh,Sở B,100,0,90,,,,"]
    scores = year(tmp_path, 2024, lines).scores.set_index("unit")
    assert scores.loc["Sở A", "level"] == "Không đánh giá"


def test_xlsx_and_a_published_header(tmp_path):
    frame = pd.DataFrame({"tier": ["so-nganh"] * 3, "Tên đơn vị": ["Sở A", "Sở B", "Công an tỉnh"],
                          "Điểm tối đa": [100, 100, 100], "Số điểm không đưa vào đánh giá": [0, 0, 0],
                          "Số điểm thực hiện": [95, 80, 99], "Được xếp hạng": ["", "", "Không"],
                          "Ghi chú": ["", "", "đặc thù"]})
    frame.to_excel(tmp_path / "units-2024.xlsx", index=False)
    from egovnb.core.assessment import assess

    from .scenario import write_year
    params = write_year(tmp_path, 2024, [HEADER])
    params.write_text(params.read_text(encoding="utf-8").replace("units-2024.csv", "units-2024.xlsx"),
                      encoding="utf-8")
    scores = assess(params).scores
    assert scores["unit"].tolist() == ["Sở A", "Sở B", "Công an tỉnh"]
    assert scores["rank"].tolist()[:2] == [1, 2] and pd.isna(scores["rank"].iloc[2])


def test_components_level_by_lowest_group_grain(tmp_path):
    framework = """\
tiers:
  huyen:
    label: UBND cấp huyện
    rank_by: points
    level_by: lowest
    below: Chưa đạt
    components:
      san-sang: {label: Điều kiện sẵn sàng, rank_by: points, levels: [{name: I, min: 18}, {name: II, min: 10}]}
      ket-qua: {label: Kết quả CQĐT, rank_by: points, levels: [{name: I, min: 18}, {name: II, min: 10}]}
groups:
  - {id: "1", title: Hạ tầng, component: san-sang, max_points: 20}
  - {id: "2", title: Dịch vụ công, component: ket-qua, max_points: 20}
"""
    lines = ["tier,unit,group,points,ranked", "huyen,Huyện A,1,19,", "huyen,Huyện A,2,12,",
             "huyen,Huyện B,1,20,không", "huyen,Huyện B,2,20,không", "huyen,Huyện C,1,11,", "huyen,Huyện C,2,11,"]
    scores = year(tmp_path, 2024, lines, framework=framework).scores
    assert scores["unit"].tolist() == ["Huyện A", "Huyện C", "Huyện B"]
    assert scores["rank"].tolist()[:2] == [1, 2]
    assert scores["level"].tolist() == ["II", "II", None]
    sheet = year(tmp_path, 2024, lines, framework=framework).ranked.set_index("unit")
    assert sheet.loc["Huyện B", "san-sang_achieved_points"] == 20 and pd.isna(sheet.loc["Huyện B", "san-sang_level"])


def test_rank_within_ranks_only_those_ranked(tmp_path):
    framework = FRAMEWORK.replace("    below: Không xếp hạng\n", "    below: Không xếp hạng\n    rank_within: district\n")
    lines = [HEADER, "xa,Xã A,100,0,90,no,,,Huyện X", "xa,Xã B,100,0,80,,,,Huyện X", "xa,Xã C,100,0,70,,,,Huyện Y"]
    scores = year(tmp_path, 2024, lines, framework=framework).scores
    assert scores["unit"].tolist() == ["Xã B", "Xã A", "Xã C"]  # within Huyện X, then Huyện Y
    assert [None if pd.isna(r) else int(r) for r in scores["rank"]] == [1, None, 1]


def test_scorecard_says_kept_out_with_the_note(kept):
    from egovnb.report.scorecard import build

    card = build(kept.params, "Bộ Chỉ huy Quân sự tỉnh", assessment=kept)
    assert "Không tham gia xếp hạng (Không xếp hạng do tính chất đặc thù)" in repr(card.header())
    assert "Không tham gia xếp hạng" in repr(card.gap()) and "cao nhất" not in repr(card.gap())


@pytest.mark.parametrize("rank, level, differs", [("-", "Không xếp hạng", 0), ("", "", 0), (3, "I", 2)])
def test_reconcile_takes_a_dash_for_a_unit_kept_out(tmp_path, rank, level, differs):
    from egovnb.core.assessment import assess
    from egovnb.insight import reconcile

    from .scenario import write_year
    frame = pd.DataFrame({"Tên đơn vị": ["Sở A", "Sở B", "Công an tỉnh"], "Điểm tối đa": [100, 100, 100],
                          "Số điểm không đưa vào đánh giá": [0, 0, 0], "Số điểm thực hiện": [95, 80, 99],
                          "Xếp hạng": [1, 2, rank], "Mức độ": ["I", "III", level], "Được xếp hạng": ["", "", "không"]})
    frame.to_excel(tmp_path / "units-2024.xlsx", index=False)
    params = write_year(tmp_path, 2024, [HEADER], extra="tier: so-nganh\n")
    params.write_text(params.read_text(encoding="utf-8").replace("units-2024.csv", "units-2024.xlsx"),
                      encoding="utf-8")
    assessment = assess(params)
    found = reconcile.differences(reconcile.compare(assessment.ranked, assessment.tables, assessment.framework))
    assert len(found) == differs and set(found["unit"]) <= {"Công an tỉnh"}
