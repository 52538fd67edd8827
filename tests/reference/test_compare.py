"""compare() finds every kind of difference, and none where the tables agree."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .compare import compare
from .generate import generate
from .spec_model import score


def reference_and_frame(name="components_summary", seed=3):
    rows = score(*generate(name, seed))
    return rows, pd.DataFrame(rows)


def test_a_frame_of_the_reference_rows_agrees():
    for name, seed in [("components_summary", 3), ("index_group_wide", 5), ("rank_below_false", 1)]:
        rows, frame = reference_and_frame(name, seed)
        assert compare(frame, rows) == []


def test_empty_cells_nan_and_float_ranks_are_the_same():
    rows, frame = reference_and_frame()
    frame = frame.astype({"rank": "float64"})                    # NaN for the unranked, 1.0 for rank 1
    frame["next_level"] = frame["next_level"].where(frame["next_level"].notna(), np.nan)
    frame["rate"] = frame["rate"] * (1 + 1e-12)
    assert compare(frame, rows) == []


def test_every_kind_of_difference_is_listed():
    rows, frame = reference_and_frame()
    changed = frame.copy()
    changed.loc[0, "rate"] += 1e-6
    changed.loc[1, "rank"] = 7
    changed.loc[2, "level"] = "I"
    changed.loc[len(changed) - 1, "max_points"] = np.nan
    problems = compare(changed, rows)
    assert len(problems) == 4, problems
    assert any("rate" in p for p in problems) and any("rank" in p for p in problems)
    assert any("level" in p for p in problems) and any("max_points" in p for p in problems)


def test_columns_and_row_order():
    rows, frame = reference_and_frame()
    assert any("order" in p for p in compare(frame[list(frame.columns[::-1])], rows))
    assert any("missing" in p for p in compare(frame.drop(columns=["index"], errors="ignore")
                                               .drop(columns=["next_level"]), rows))
    assert any("not in the SPEC" in p for p in compare(frame.assign(extra=1), rows))
    assert any("row order" in p for p in compare(frame.iloc[::-1].reset_index(drop=True), rows))
    assert any("unit missing" in p for p in compare(frame.iloc[1:], rows))


def test_points_to_next_level_is_compared_as_a_number():
    rows, frame = reference_and_frame()
    gaps = [i for i, r in enumerate(rows) if r["points_to_next_level"] is not None]
    assert gaps
    close = frame.copy()
    close.loc[gaps[0], "points_to_next_level"] = rows[gaps[0]]["points_to_next_level"] + 4e-10
    assert compare(close, rows) == []
    far = frame.copy()
    far.loc[gaps[0], "points_to_next_level"] = rows[gaps[0]]["points_to_next_level"] + 1e-3
    assert any("points_to_next_level" in p for p in compare(far, rows))
