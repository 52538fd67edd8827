"""The rules written once (egovnb.core.rules): ties, levels, competition ranks, gaps."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from egovnb.core import rules
from egovnb.core.framework import Level, Tier

RATE_TIER = Tier("so-nganh", "Sở", "rate", (Level("I", 0.9), Level("II", 0.85), Level("III", 0.8)), "Chưa đạt")
POINTS_TIER = Tier("xa", "Xã", "points", (Level("III", 80), Level("IV", 62)), "Không xếp hạng")


def test_values_equal_to_nine_decimals_tie():
    assert rules.tie_rounded([0.8999999996, 0.9000000004]).tolist() == [0.9, 0.9]
    assert rules.competition_ranks(np.array([60.0, 60.0 + 1e-11, 80.0])).tolist() == [2, 2, 1]


def test_ranked_value_follows_rank_by_per_unit():
    value = rules.ranked_value(["rate", "points", "rate"], [45.0, 70.0, np.nan], [0.5, 0.7, np.nan])
    assert value[:2].tolist() == [0.5, 70.0] and np.isnan(value[2])


def test_level_index_and_names_at_equality_and_nan():
    # 76.5 / 90 is 0.85 in decimals but not in binary floating point: it reaches level II.
    values = np.array([0.95, 76.5 / 90, 0.8, 0.79, np.nan])
    index = rules.level_index(values, rules.thresholds(RATE_TIER))
    assert index.tolist() == [0, 1, 2, 3, -1]
    assert rules.level_of(values, RATE_TIER, missing="—").tolist() == ["I", "II", "III", "Chưa đạt", "—"]
    assert rules.level_of([62, 61.99], POINTS_TIER).tolist() == ["IV", "Không xếp hạng"]


def test_level_index_per_draw_thresholds():
    values = np.array([[0.95, 0.85, 0.5], [0.95, 0.85, 0.5]])
    minima = np.array([[0.9, 0.8], [0.96, 0.86]])
    assert rules.level_index(values, minima).tolist() == [[0, 1, 2], [1, 2, 2]]
    # One set of thresholds for every draw.
    assert rules.level_index(values, np.array([0.9, 0.8])).tolist() == [[0, 1, 2], [0, 1, 2]]


def test_competition_ranks_skip_after_ties_within_partitions_and_leave_nan_unranked():
    values = np.array([1.0, 1.0, 1.0, 1.0, 1.0, 0.99, 0.98, np.nan, 5.0, 3.0, 5.0])
    partition = np.array([0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1])
    ranks = rules.competition_ranks(values, partition)
    assert ranks[:7].tolist() == [1, 1, 1, 1, 1, 6, 7]
    assert np.isnan(ranks[7])
    assert ranks[8:].tolist() == [1, 3, 1]


def test_competition_ranks_draw_by_draw():
    values = np.array([[3.0, 3.0, 1.0, 2.0], [1.0, 2.0, 2.0, 5.0], [0.5, 0.5, 0.5, 0.5]])
    assert rules.competition_ranks(values).tolist() == [[1, 1, 4, 3], [4, 2, 2, 1], [1, 1, 1, 1]]
    # With partitions, each draw ranks each partition on its own.
    assert rules.competition_ranks(values, np.array([0, 0, 1, 1])).tolist() == [[1, 1, 2, 1], [2, 1, 2, 1],
                                                                                 [1, 1, 1, 1]]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from([0, 1, 2]), st.one_of(st.none(), st.integers(0, 8).map(lambda v: v / 8))),
                min_size=1, max_size=40))
def test_competition_ranks_agree_with_pandas_min_rank(rows):
    partition = np.array([p for p, _ in rows])
    values = np.array([np.nan if v is None else v for _, v in rows], dtype=float)
    expected = pd.Series(values).groupby(partition).rank(method="min", ascending=False).to_numpy()
    np.testing.assert_array_equal(rules.competition_ranks(values, partition), expected)
    # Draw by draw gives each row's own ranks.
    stacked = np.vstack([values, values[::-1]])
    np.testing.assert_array_equal(rules.competition_ranks(stacked, partition)[1],
                                  rules.competition_ranks(values[::-1], partition))


def test_level_above_and_points_to_reach():
    above = rules.level_above(RATE_TIER)
    assert {name: level.name for name, level in above.items()} == {"II": "I", "III": "II", "Chưa đạt": "III"}
    # rate tiers: min × applicable − achieved; points tiers: min − achieved.
    assert rules.points_to_reach("rate", 0.9, 80.0, 90.0).item() == 1.0
    assert rules.points_to_reach("points", np.array([80.0, 62.0]), np.array([75.5, 61.0])).tolist() == [4.5, 1.0]
