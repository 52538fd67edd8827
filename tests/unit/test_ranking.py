import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from egovnb.core.framework import Framework, Level, Tier
from egovnb.core.ranking import assign_levels, competition_rank, rank_units

FRAMEWORK = Framework(tiers={
    "so-nganh": Tier("so-nganh", "Sở", "rate", (Level("I", 0.9), Level("II", 0.85), Level("III", 0.8),
                                                  Level("IV", 0.7)), "Chưa đạt"),
    "xa": Tier("xa", "Xã", "points", (Level("III", 70), Level("IV", 62)), "Không xếp hạng"),
})


def scored(rows):
    frame = pd.DataFrame(rows, columns=["tier", "unit", "max_points", "excluded_points", "achieved_points",
                                        "evaluated"])
    frame["applicable_points"] = frame.max_points - frame.excluded_points
    frame["rate"] = np.where(frame.evaluated, frame.achieved_points / frame.applicable_points, np.nan)
    frame["converted_points"] = frame.rate * frame.max_points
    return frame


def test_competition_rank_skips_after_ties():
    values = pd.Series([1.0, 1.0, 1.0, 1.0, 1.0, 0.99, 0.98])
    ranks = competition_rank(values, pd.Series(["t"] * 7))
    assert ranks.tolist() == [1, 1, 1, 1, 1, 6, 7]


def test_values_equal_to_nine_decimals_tie_and_not_evaluated_get_no_rank():
    table = rank_units(scored([
        ("so-nganh", "A", 90, 0, 60.0, True),
        ("so-nganh", "B", 90, 0, 60.0 + 1e-11, True),
        ("so-nganh", "C", 90, 0, 80.0, True),
        ("so-nganh", "D", 90, 0, np.nan, False),
    ]), FRAMEWORK)
    assert table.unit.tolist() == ["C", "A", "B", "D"]
    assert table["rank"].tolist()[:3] == [1, 2, 2]
    assert pd.isna(table["rank"].iloc[3])
    assert table.level.tolist() == ["II", "Chưa đạt", "Chưa đạt", "Không đánh giá"]


def test_level_thresholds_are_reached_at_equality():
    # 76.5/90 = 0.85 exactly in decimals but not in binary floating point.
    table = rank_units(scored([("so-nganh", "A", 90, 0, 76.5, True), ("so-nganh", "B", 100, 0, 70, True),
                               ("so-nganh", "C", 100, 0, 69.99, True)]), FRAMEWORK)
    assert dict(zip(table.unit, table.level)) == {"A": "II", "B": "IV", "C": "Chưa đạt"}


def test_points_tier_ranks_and_levels_by_achieved_points():
    table = rank_units(scored([
        ("xa", "Xã Ia Phìn", 100, 10, 61.99, True),   # rate 68.9 % but under the 62-point floor
        ("xa", "Xã Ia Ga", 100, 0, 62, True),
        ("xa", "Xã Tú An", 100, 0, 75, True),
        ("xa", "Xã Chư Don", 100, np.nan, np.nan, False),
    ]), FRAMEWORK)
    assert table.unit.tolist() == ["Xã Tú An", "Xã Ia Ga", "Xã Ia Phìn", "Xã Chư Don"]
    assert table.level.tolist() == ["III", "IV", "Không xếp hạng", "Không đánh giá"]
    assert table["rank"].tolist()[:3] == [1, 2, 3]


def test_rows_follow_framework_tier_order():
    table = rank_units(scored([("xa", "X", 100, 0, 80, True), ("so-nganh", "S", 90, 0, 80, True)]), FRAMEWORK)
    assert table.tier.tolist() == ["so-nganh", "xa"]


values = st.lists(st.integers(min_value=0, max_value=20).map(lambda v: v / 20), min_size=1, max_size=40)


@settings(max_examples=200, deadline=None)
@given(values)
def test_rank_properties(rates):
    series = pd.Series(rates, dtype=float)
    ranks = competition_rank(series, pd.Series(["t"] * len(rates))).astype(int).to_numpy()
    for i, rate in enumerate(rates):
        # rank = 1 + number of strictly better values
        assert ranks[i] == 1 + sum(other > rate for other in rates)
        # equal values share a rank
        assert all(ranks[j] == ranks[i] for j, other in enumerate(rates) if other == rate)
    assert ranks.min() == 1 and ranks.max() <= len(rates)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["a", "b"]), st.floats(0, 1)), min_size=1, max_size=30))
def test_ranks_are_per_group_and_invariant_to_row_order(rows):
    frame = pd.DataFrame(rows, columns=["group", "value"])
    ranks = competition_rank(frame.value, frame.group)
    shuffled = frame.sample(frac=1, random_state=0)
    assert (competition_rank(shuffled.value, shuffled.group).sort_index() == ranks).all()
    for _, group in frame.groupby("group"):
        assert ranks[group.index].min() == 1


@settings(max_examples=100, deadline=None)
@given(st.floats(0, 1))
def test_level_is_monotonic(rate):
    frame = scored([("so-nganh", "A", 100, 0, rate * 100, True)])
    level = assign_levels(frame.rate, frame, FRAMEWORK).iloc[0]
    order = ["I", "II", "III", "IV", "Chưa đạt"]
    expected = next((name for name, low in zip(order, [0.9, 0.85, 0.8, 0.7]) if round(rate, 9) >= low),
                    "Chưa đạt")
    assert level == expected


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 20), st.booleans(), st.booleans()), min_size=1, max_size=25))
def test_units_kept_out_take_no_rank_and_come_after_the_floor(units):
    """``ranked: no`` (illustrative): the others' ranks are as if the kept-out units were not
    there; rows go ranked, under the floor, kept out, not evaluated."""
    rows = [("xa", f"Xã {i}", 100, 0, points * 5.0 if evaluated else np.nan, evaluated)
            for i, (points, _, evaluated) in enumerate(units)]
    frame = scored(rows)
    frame["ranked"] = [ranked for _, ranked, _ in units]
    floor = Framework(tiers={"xa": Tier("xa", "Xã", "points", (Level("III", 70), Level("IV", 40)), "Không xếp hạng",
                                        rank_below=False)})
    table = rank_units(frame, floor)
    kept = table["ranked"].to_numpy() == False  # noqa: E712 - a NumPy bool array
    kept &= table["evaluated"].to_numpy()
    others = table[~kept & table["evaluated"].to_numpy() & (table["achieved_points"] >= 40).to_numpy()]
    for _, row in others.iterrows():
        assert row["rank"] == 1 + (others["achieved_points"] > row["achieved_points"]).sum()
    assert table.loc[kept, "rank"].isna().all() and table.loc[kept, "level"].isna().all()
    kind = np.where(table["rank"].notna(), 0, np.where(~table["evaluated"].to_numpy(), 3, np.where(kept, 2, 1)))
    assert (np.diff(kind) >= 0).all()
