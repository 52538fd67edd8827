"""The sensitivity analysis on the methods beyond one threshold on one total: index tiers
(weights perturbed, weight 0 stays 0), component thresholds under ``level_by: lowest``,
tiers without levels, ``rank_below: false`` and ``rank_within``."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from egovnb.core.assessment import assess
from egovnb.core.errors import InputError
from egovnb.insight.sensitivity import analyse
from tests.reference import generate

ROOT = Path(__file__).resolve().parents[2]


def unperturbed_agrees(assessment) -> None:
    """With nothing moved, every draw gives the assessed rank and level."""
    result = analyse(assessment, draws=5, threshold_shift=0, weight_spread=0)
    ranked = result[result["rank"].notna()]
    assert (ranked["rank_p05"] == ranked["rank"]).all() and (ranked["rank_p95"] == ranked["rank"]).all()
    unranked = result[result["rank"].isna()]
    assert unranked["median_rank"].isna().all()
    levelled = result["level_probability"].notna()
    assert result.loc[levelled, "level_probability"].eq(1.0).all()
    has_level = result["level"].notna() & (result["level"] != "Không đánh giá")
    tiers = {k for k, t in assessment.framework.tiers.items() if t.has_levels}
    assert (levelled == (has_level & result["tier"].isin(tiers))).all()


@pytest.mark.parametrize("name", ["gia-lai-2022", "gia-lai-2019", "hung-yen-2019", "van-son-2024"])
def test_no_perturbation_gives_the_assessment_of_each_sample(name):
    unperturbed_agrees(assess(ROOT / "params" / f"{name}.yaml"))


@pytest.mark.parametrize("name", list(generate.GENERATORS))
def test_no_perturbation_gives_the_assessment_on_every_method(tmp_path, name):
    checked = 0
    for seed in range(6):
        case = generate.generate(name, seed)
        try:
            assessment = assess(generate.write_case(tmp_path / str(seed), *case))
        except InputError:
            continue
        unperturbed_agrees(assessment)
        checked += 1
    assert checked


DTI = """\
tiers:
  dti:
    label: DTI
    rank_by: index
    levels: [{name: Tốt, min: 0.8}, {name: Khá, min: 0.65}]
    below: Yếu
groups:
  - {id: a, title: A, weight: 100, max_points: 10}
  - {id: b, title: B, weight: 200, max_points: 10}
  - {id: z, title: Z, weight: 0, max_points: 10}
"""


def write(tmp_path: Path, framework: str, rows: str) -> Path:
    (tmp_path / "framework.yaml").write_text(framework, encoding="utf-8")
    (tmp_path / "data.csv").write_text(rows, encoding="utf-8")
    params = tmp_path / "p.yaml"
    params.write_text("province: Tỉnh Thử\nyear: 2024\ndata: data.csv\nframework: framework.yaml\n", encoding="utf-8")
    return params


def test_index_weights_move_but_a_weight_zero_group_never_counts(tmp_path):
    rows = "tier,unit,A,B,Z\ndti,Một,10,5,0\ndti,Hai,6,8,10\ndti,Ba,6,8,0\n"
    result = analyse(assess(write(tmp_path, DTI, rows)), draws=2000, seed=0, threshold_shift=0).set_index("unit")
    # Hai and Ba differ only in Z (weight 0): tied in every draw.
    assert result.loc["Hai", "rank_p05"] == result.loc["Ba", "rank_p05"] == 1
    assert result.loc["Hai", "rank_p95"] == result.loc["Ba", "rank_p95"] == 1
    # Một's index (0,6667) is near Khá's 0,65 and moves with the weights alone (thresholds stay).
    assert result.loc["Một", "rank"] == 3 and 0.6 < result.loc["Một", "level_probability"] < 0.9
    assert result.attrs["groups"] == ["A", "B", "Z"]


COMPONENTS = """\
tiers:
  huyen:
    label: UBND cấp huyện
    rank_by: points
    components:
      san-sang: {label: Điều kiện sẵn sàng, levels: [{name: I, min: 38}, {name: II, min: 34}]}
      ket-qua:  {label: Kết quả CQĐT, levels: [{name: I, min: 76}, {name: II, min: 68}]}
    level_by: lowest
    below: Không xếp hạng
    rank_below: false
"""
COMPONENT_ROWS = """tier,unit,component,max_points,excluded_points,achieved_points
huyen,Trên ngưỡng,san-sang,40,0,38
huyen,Trên ngưỡng,ket-qua,80,0,80
huyen,Vững,san-sang,40,0,40
huyen,Vững,ket-qua,80,0,70
huyen,Dưới sàn,san-sang,40,0,20
huyen,Dưới sàn,ket-qua,80,0,79
"""


def test_component_thresholds_move_the_lowest_level(tmp_path):
    components = COMPONENTS.replace("{label: Điều kiện sẵn sàng,", "{label: Điều kiện sẵn sàng, rank_by: points,") \
        .replace("{label: Kết quả CQĐT,", "{label: Kết quả CQĐT, rank_by: points,")
    result = analyse(assess(write(tmp_path, components, COMPONENT_ROWS)), draws=3000, seed=2).set_index("unit")
    # Exactly on readiness's level I threshold: I about half the time, else II.
    on_threshold = result.loc["Trên ngưỡng"]
    assert on_threshold["level"] == "I" and 0.45 < on_threshold["p_I"] < 0.55
    assert on_threshold["p_I"] + on_threshold["p_II"] == pytest.approx(1.0)
    # Two points clear of every threshold that matters: its level never moves.
    assert result.loc["Vững", "level_probability"] == 1.0
    # Far under readiness's lowest threshold: never ranked, never levelled.
    under = result.loc["Dưới sàn"]
    assert pd.isna(under["rank"]) and pd.isna(under["median_rank"]) and under["p_Không xếp hạng"] == 1.0


def test_rank_within_ranks_each_pool_in_every_draw(tmp_path):
    framework = """\
tiers:
  xa:
    label: UBND cấp xã
    rank_by: points
    rank_within: district
    levels: [{name: III, min: 80}, {name: IV, min: 62}]
    below: Không xếp hạng
"""
    rows = "tier,unit,district,max_points,excluded_points,achieved_points\n" + "".join(
        f"xa,Xã {i},{'Chư Prông' if i % 2 else 'Chư Pưh'},100,0,{60 + i}\n" for i in range(10))
    result = analyse(assess(write(tmp_path, framework, rows)), draws=200, seed=0)
    assert result["rank_p95"].max() == 5 and np.array_equal(result["rank"].dropna().unique(), [1, 2, 3, 4, 5])
