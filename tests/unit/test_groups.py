"""Points per criteria group (egovnb.insight.groups), checked by hand."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from egovnb.insight.groups import GROUP_POINTS_COLUMNS, points_by_group, share_earned


def criteria_points() -> pd.DataFrame:
    """Two units of one tier and one unit not evaluated; criterion 1.2 does not apply to Sở A."""
    units = ["Sở A"] * 3 + ["Sở B"] * 3 + ["Sở C"] * 3
    return pd.DataFrame({
        "tier": pd.Categorical(["so-nganh"] * 9),
        "unit": pd.Categorical(units),
        "criterion": pd.Categorical(["2.1", "1.1", "1.2"] * 3),
        "group": pd.Categorical(["Dịch vụ công", "Hạ tầng", "Hạ tầng"] * 3, categories=["Hạ tầng", "Dịch vụ công"]),
        "max_points": [20.0, 10.0, 10.0] * 3,
        "points": [15.0, 10.0, np.nan, 20.0, 6.0, 7.0, np.nan, np.nan, np.nan],
        "evaluated": [True] * 6 + [False] * 3,
    })


def test_points_by_group_by_hand():
    summed = points_by_group(criteria_points())
    assert tuple(summed.columns) == GROUP_POINTS_COLUMNS
    assert "Sở C" not in set(summed["unit"])  # not evaluated
    rows = {(u, g): (a, p) for _, u, g, a, p in summed.itertuples(index=False)}
    assert rows == {("Sở A", "Dịch vụ công"): (20, 15), ("Sở A", "Hạ tầng"): (10, 10),  # 1.2 does not apply
                    ("Sở B", "Dịch vụ công"): (20, 20), ("Sở B", "Hạ tầng"): (20, 13)}
    # Units as they come, each unit's groups in the order they first come.
    assert list(zip(summed["unit"], summed["group"])) == [("Sở A", "Dịch vụ công"), ("Sở A", "Hạ tầng"),
                                                          ("Sở B", "Dịch vụ công"), ("Sở B", "Hạ tầng")]


def test_a_group_with_nothing_applicable_is_kept_with_zeros():
    points = criteria_points()
    points.loc[0, "points"] = np.nan  # Sở A: 2.1, its only Dịch vụ công criterion, does not apply
    summed = points_by_group(points)
    row = summed[(summed["unit"] == "Sở A") & (summed["group"] == "Dịch vụ công")].iloc[0]
    assert (row["applicable_points"], row["achieved_points"]) == (0, 0)
    assert math.isnan(share_earned(summed["achieved_points"], summed["applicable_points"])[row.name])


def test_share_earned_and_summary_grain():
    shares = share_earned(pd.Series([15.0, 13.0]), pd.Series([20.0, 20.0]))
    assert shares.tolist() == pytest.approx([0.75, 0.65])
    empty = points_by_group(None)
    assert empty.empty and tuple(empty.columns) == GROUP_POINTS_COLUMNS
