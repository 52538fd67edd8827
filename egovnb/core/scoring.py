"""Scoring: applicable points, rate and converted points of each unit. No I/O."""

from __future__ import annotations

import numpy as np
import pandas as pd


def score_units(units: pd.DataFrame) -> pd.DataFrame:
    """Add ``applicable_points``, ``rate`` (fraction 0..1) and ``converted_points`` (points).

    ``units`` has one row a unit with ``max_points``, ``excluded_points``,
    ``achieved_points`` and ``evaluated``; rate and converted points are left
    empty (NaN) for units that were not evaluated.
    """
    scored = units.copy()
    applicable = scored["max_points"] - scored["excluded_points"]
    evaluated = scored["evaluated"].to_numpy(dtype=bool)
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = np.where(evaluated, scored["achieved_points"] / applicable, np.nan)
    scored["applicable_points"] = applicable
    scored["rate"] = rate
    scored["converted_points"] = rate * scored["max_points"]
    return scored
