"""What each pillar (criteria group) adds to a unit's index, for ``rank_by: index`` tiers.

A unit's index is Σ weight × group rate ÷ Σ weight over the groups that apply to it and
weigh more than 0; each term of that sum is the pillar's part of the index, so the parts
of a unit add up to its index. No I/O.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from egovnb.core.framework import Framework
from egovnb.insight.groups import points_by_group, share_earned

CONTRIBUTION_COLUMNS = ("unit", "group", "weight", "rate", "contribution")


def contributions(criteria_points: pd.DataFrame | None, framework: Framework, tier_key: str) -> pd.DataFrame:
    """One row a unit of ``tier_key`` and pillar: ``weight``, ``rate`` (the share of the
    group's applicable points earned, 0..1; NaN where nothing of it applies) and
    ``contribution`` (weight × rate ÷ the unit's Σ weight of applying groups, on the index's
    0..1 scale; 0 for a group of weight 0 or one that does not apply). Groups in framework
    order, units as they come."""
    points = points_by_group(criteria_points)
    points = points[points["tier"] == tier_key]
    if points.empty:
        return pd.DataFrame({c: pd.Series(dtype=object if c in ("unit", "group") else float)
                             for c in CONTRIBUTION_COLUMNS})
    weight = {g.title: g.weight for g in framework.group_specs}
    order = {title: position for position, title in enumerate(framework.groups)}
    frame = pd.DataFrame({"unit": points["unit"].to_numpy(), "group": points["group"].to_numpy()})
    frame["weight"] = frame["group"].map(weight).fillna(1.0).to_numpy(dtype=float)
    frame["rate"] = share_earned(points["achieved_points"], points["applicable_points"]).to_numpy()
    counted = np.where(frame["rate"].notna() & (frame["weight"] > 0), frame["weight"], 0.0)
    total = pd.Series(counted).groupby(frame["unit"].to_numpy(), sort=False).transform("sum").to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        frame["contribution"] = np.where(counted > 0, counted * frame["rate"].fillna(0) / total, 0.0)
    frame["_order"] = frame["group"].map(order).fillna(len(order))
    frame["_unit"] = pd.factorize(frame["unit"])[0]
    frame = frame.sort_values(["_unit", "_order"], kind="stable")
    return frame.loc[:, list(CONTRIBUTION_COLUMNS)].reset_index(drop=True)
