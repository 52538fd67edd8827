"""The sensitivity analysis: determinism, seeds, sure cases, speed, the CLI and the chart."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from egovnb.core.assessment import assess
from egovnb.report.charts_sensitivity import interval_frame, method_note, not_firm_table, rank_interval_chart
from egovnb.core.errors import InputError
from egovnb.cli import main
from egovnb.core.rules import competition_ranks, level_index as level_indices
from egovnb.insight.sensitivity import analyse, analyse_from_params, check_settings, not_firm

from .scenario import generated, year

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def son_ha():
    return assess(ROOT / "params/son-ha-2024.yaml")


def test_competition_ranks_row_by_row():
    values = np.array([[3.0, 3.0, 1.0, 2.0], [1.0, 2.0, 2.0, 5.0], [0.5, 0.5, 0.5, 0.5]])
    assert competition_ranks(values).tolist() == [[1, 1, 4, 3], [4, 2, 2, 1], [1, 1, 1, 1]]


def test_level_indices_with_per_draw_thresholds():
    values = np.array([[0.95, 0.85, 0.5], [0.95, 0.85, 0.5]])
    thresholds = np.array([[0.9, 0.8], [0.96, 0.86]])
    # 0 = the top level, 2 = under every level.
    assert level_indices(values, thresholds).tolist() == [[0, 1, 2], [1, 2, 2]]


def test_same_seed_same_figures_other_seed_others(son_ha):
    first = analyse(son_ha, draws=300, seed=7)
    pd.testing.assert_frame_equal(first, analyse(son_ha, draws=300, seed=7))
    other = analyse(son_ha, draws=300, seed=8)
    assert not first["level_probability"].equals(other["level_probability"])


def test_no_perturbation_gives_the_assessed_ranks_and_levels(son_ha):
    result = analyse(son_ha, draws=20, threshold_shift=0, weight_spread=0)
    evaluated = result[result["rank"].notna()]
    assert (evaluated["rank_p05"] == evaluated["rank"]).all() and (evaluated["rank_p95"] == evaluated["rank"]).all()
    assert (evaluated["median_rank"] == evaluated["rank"].astype(float)).all()
    assert evaluated["level_probability"].eq(1.0).all()


def test_columns_rows_and_not_evaluated_units(son_ha):
    result = analyse(son_ha, draws=50)
    assert list(result.columns[:8]) == ["tier", "unit", "rank", "level", "median_rank", "rank_p05", "rank_p95",
                                        "level_probability"]
    assert {"p_I", "p_II", "p_III", "p_IV", "p_Chưa đạt", "p_Không xếp hạng"} <= set(result.columns)
    assert result["unit"].tolist() == son_ha.scores["unit"].tolist()
    absent = result[result["level"] == "Không đánh giá"]
    assert len(absent) == 3 and absent["median_rank"].isna().all() and absent["p_IV"].isna().all()
    # Probabilities of a unit's tier levels add up to one; a level the tier lacks is NaN.
    xa = result[(result["tier"] == "xa") & result["rank"].notna()]
    assert np.allclose(xa[["p_I", "p_II", "p_III", "p_IV", "p_Không xếp hạng"]].sum(axis=1), 1.0)
    assert xa["p_Chưa đạt"].isna().all()


def test_a_unit_with_a_huge_margin_is_first_with_probability_one(tmp_path):
    rows = ["so-nganh,Sở Vượt trội,100,0,100"] + [f"so-nganh,Sở {i},100,0,{40 + i}" for i in range(10)]
    result = analyse(year(tmp_path, 2024, rows), draws=500, seed=3, threshold_shift=5)
    top = result.iloc[0]
    assert top["unit"] == "Sở Vượt trội"
    assert (top["median_rank"], top["rank_p05"], top["rank_p95"], top["p_I"]) == (1.0, 1, 1, 1.0)
    assert result.attrs["groups"] == [] and result.attrs["weight_spread"] == 0.0


def test_a_unit_on_a_threshold_keeps_its_level_about_half_the_time(tmp_path):
    # 85 % is exactly the level II threshold; a uniform ±2 pp shift puts it under half the time.
    result = analyse(year(tmp_path, 2024, ["so-nganh,Sở A,100,0,85", "so-nganh,Sở B,100,0,60"]),
                     draws=2000, seed=1)
    row = result.set_index("unit").loc["Sở A"]
    assert row["level"] == "II" and 0.46 < row["level_probability"] < 0.54
    assert row["p_II"] + row["p_III"] == pytest.approx(1.0)
    # Sở B at 60 % is 10 points under the lowest threshold: never moves.
    assert result.set_index("unit").loc["Sở B", "p_Chưa đạt"] == 1.0


def test_weights_move_units_with_different_group_profiles(tmp_path):
    framework = """\
tiers:
  so-nganh:
    label: Sở
    rank_by: rate
    levels: [{name: I, min: 0.9}]
    below: Chưa đạt
criteria:
  - {id: a, group: G1, max_points: 10}
  - {id: b, group: G2, max_points: 10}
"""
    rows = ["tier,unit,criterion,points", "so-nganh,Sở Một,a,10", "so-nganh,Sở Một,b,6",
            "so-nganh,Sở Hai,a,6", "so-nganh,Sở Hai,b,9.9"]
    result = analyse(year(tmp_path, 2024, rows, framework=framework), draws=1000, seed=0, threshold_shift=0)
    # Sở Một (16 points) leads with equal weights, but loses rank 1 when G2 weighs enough more.
    first = result.set_index("unit").loc["Sở Một"]
    assert first["rank"] == 1 and first["rank_p05"] == 1 and first["rank_p95"] == 2
    assert result.attrs["groups"] == ["G1", "G2"]


def test_not_firm_lists_weak_levels(son_ha):
    result = analyse(son_ha, draws=400)
    weak = not_firm(result)
    assert (weak["level_probability"] < 0.9).all()
    assert set(weak["unit"]) == set(result[result["level_probability"] < 0.9]["unit"])
    assert (weak["other_level"] != weak["level"]).all()


def test_thousand_draws_over_250_units_and_60_criteria_under_five_seconds(tmp_path):
    assessment = generated(tmp_path)
    assert len(assessment.scores) == 250 and len(assessment.framework.criteria) == 60
    start = time.perf_counter()
    result = analyse(assessment, draws=1000, seed=0)
    elapsed = time.perf_counter() - start
    assert elapsed < 5.0, f"{elapsed:.2f} s"
    assert result["median_rank"].notna().all()


def test_settings_from_params(tmp_path):
    params = year(tmp_path, 2024, ["so-nganh,Sở A,100,0,85"],
                  extra="sensitivity: {draws: 10, seed: 4, threshold_shift: 1}\n")
    result = analyse_from_params(params)
    assert result.attrs["draws"] == 10 and result.attrs["seed"] == 4 and result.attrs["threshold_shift"] == 1
    bad = year(tmp_path / "bad", 2024, ["so-nganh,Sở A,100,0,85"],
               extra="sensitivity:\n  draws: 0\n  weight_spead: 0.2\n")
    problems = check_settings(bad.params)
    assert [(p.row, p.column) for p in problems] == [(7, "sensitivity.draws"), (8, "sensitivity.weight_spead")]
    with pytest.raises(InputError):
        analyse_from_params(bad)
    assert analyse_from_params(year(tmp_path / "none", 2024, ["so-nganh,Sở A,100,0,85"])) is None


def test_cli_writes_the_table(tmp_path, capsys):
    out = tmp_path / "s.csv"
    code = main(["sensitivity", str(ROOT / "params/thua-thien-hue-2020.yaml"), "--draws", "200", "--seed", "2",
                 "--out", str(out)])
    assert code == 0
    table = pd.read_csv(out)
    assert len(table) == 20 + 9 and table["unit"].iloc[0] == "Sở Công Thương"  # departments, then districts
    assert "thresholds only (summary grain" in capsys.readouterr().out


def test_chart_and_tables(son_ha):
    result = analyse(son_ha, draws=200)
    tier = son_ha.framework.tiers["xa"]
    chart = rank_interval_chart(result, tier)
    assert chart.svg.startswith(b"<?xml") and "27 đơn vị khối UBND cấp xã" in chart.alt
    assert chart.svg == rank_interval_chart(result, tier).svg  # same figures, same bytes
    drawn = result[(result["tier"] == "xa") & result["median_rank"].notna()]
    assert all(f">{rank}. {unit}</text>" in chart.svg.decode("utf-8") for rank, unit in zip(drawn["rank"], drawn["unit"]))
    frame = interval_frame(result, tier)
    assert frame.columns.tolist()[0] == "Tên đơn vị" and len(frame) == 27
    medians = [m for m in frame["Thứ hạng trung vị"] if m != "–"]
    decimals = {len(m.split(",")[1]) if "," in m else 0 for m in medians}
    assert len(decimals) == 1  # one number of decimals in the column (3,0 beside 3,5)
    weak = not_firm_table(result, tier, "en")
    assert list(weak.frame.columns)[0] == "Unit"
    assert "±2 điểm phần trăm" in method_note(result)
    assert "0,75–1,25" in method_note(result)


def test_report_blocks(son_ha, tmp_path):
    from egovnb.report.charts_sensitivity import sensitivity_blocks

    assert sensitivity_blocks(son_ha) == []            # no `sensitivity:` in the params
    blocks = sensitivity_blocks(son_ha, analyse(son_ha, draws=100))
    assert "Độ vững của xếp hạng" in blocks[0].text and "hoặc 2 điểm (khối xếp theo số điểm)" in blocks[0].text
    assert len(blocks) == 1 + 3 * 3                    # heading, then chart, numbers and not-firm list per tier
    with_settings = year(tmp_path, 2024, ["so-nganh,Sở A,100,0,85", "so-nganh,Sở B,100,0,60"],
                         extra="sensitivity: true\n")
    assert "(khối xếp theo tỷ lệ)" in sensitivity_blocks(with_settings)[0].text   # the framework has both kinds
    published = assess(ROOT / "params/thua-thien-hue-2020.yaml")
    text = sensitivity_blocks(published, analyse(published, draws=50))[0].text
    assert "±2 điểm phần trăm;" in text and "chỉ thay đổi ngưỡng" in text        # rate tier only, summary grain


def test_validate_reports_bad_sensitivity_settings(tmp_path):
    from egovnb.insight.validation import validate
    from .scenario import write_year

    params = write_year(tmp_path, 2024, ["so-nganh,Sở A,100,0,85"], extra="sensitivity: {draws: many}\n")
    problems = validate(params)
    assert [(p.row, p.column) for p in problems] == [(6, "sensitivity.draws")]


def test_method_note_says_seed_in_proper_vietnamese():
    from egovnb.report.labels import SENSITIVITY, phrase

    text = phrase(SENSITIVITY, "method", "vi", shift="2 %", weights="trọng số giữ nguyên", seed=7, draws=500)
    assert "Giá trị khởi tạo (seed) 7, 500 lần mô phỏng" in text and "Hạt giống" not in text
