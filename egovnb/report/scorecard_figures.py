"""The figures of a unit's scorecard: its place in its tier, its points by criteria group, and its
history across the years that have params files (followed through ``previous:`` and crosswalks).

Computation only, from assessments; :mod:`egovnb.report.scorecard` shows them.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from egovnb.insight.crosswalk import notes_between
from egovnb.insight.gaps import lost_points_by_group
from egovnb.insight.groups import share_earned
from egovnb.insight.yoy import combined_figures, crosswalk_of, predecessors
from egovnb.report.tables import ranked_rows

Key = tuple[str, str]  # (tier, unit)
MAX_YEARS = 20         # how far back ``previous:`` links are followed
POSITION_MEASURES = ("rate", "achieved_points", "converted_points")


def assessment_chain(assessment, limit: int = MAX_YEARS) -> list:
    """The assessment and those of the years before it, newest first, following ``previous:``
    (stops at a file already seen, so a loop of links cannot run forever)."""
    chain = [assessment]
    seen = {Path(assessment.params.path).resolve()}
    while len(chain) < limit:
        nxt = chain[-1].params.previous
        if nxt is None or Path(nxt).resolve() in seen:
            break
        seen.add(Path(nxt).resolve())
        chain.append(chain[-1].previous)
    return chain


def tier_position(assessment, tier: str, unit: str) -> pd.DataFrame:
    """The unit's rate (fraction), achieved and converted points against the median and the top
    of the ranked units of its tier. Index: ``rate, achieved_points, converted_points``;
    columns: ``unit, median, top``."""
    scores = assessment.scores
    rows = ranked_rows(scores, tier)
    own = scores[(scores["tier"] == tier) & (scores["unit"] == unit)].iloc[0]
    return pd.DataFrame({
        "unit": [float(own[m]) for m in POSITION_MEASURES],
        "median": [float(rows[m].median()) if len(rows) else np.nan for m in POSITION_MEASURES],
        "top": [float(rows[m].max()) if len(rows) else np.nan for m in POSITION_MEASURES],
    }, index=pd.Index(POSITION_MEASURES, name="measure"))


def group_comparison(assessment, tier: str, unit: str) -> pd.DataFrame:
    """Per criteria group (framework order): the unit's ``applicable_points``,
    ``achieved_points``, ``lost_points``, ``rate`` (achieved ÷ applicable, NaN where nothing
    applies) and the tier's ``median_rate`` over its evaluated units. Empty at summary grain."""
    lost = lost_points_by_group(assessment.criteria_points)
    columns = ["group", "applicable_points", "achieved_points", "lost_points", "rate", "median_rate"]
    lost = lost[lost["tier"] == tier]
    if lost.empty:
        return pd.DataFrame({c: pd.Series(dtype=object if c == "group" else float) for c in columns})
    lost = lost.assign(rate=share_earned(lost["achieved_points"], lost["applicable_points"]))
    median = lost.groupby("group", sort=False)["rate"].median()
    own = lost[lost["unit"] == unit].set_index("group")
    order = [g for g in assessment.framework.groups if g in own.index]
    own = own.loc[order].reset_index()
    own["median_rate"] = own["group"].map(median).astype(float)
    return own.loc[:, columns]


def unit_history(chain: list, tier: str, unit: str) -> pd.DataFrame:
    """The unit in each year of ``chain`` (newest first, as from :func:`assessment_chain`),
    followed back through crosswalks: ``year, tier, units`` ("; "-joined names that year),
    ``rule`` ('same', 'renamed' or 'merged' against the next year), ``rank, level, rate``,
    ``achieved_points, applicable_points`` (sums over merged units), ``points`` (achieved points
    of one unit; for merged units the combined rate × the tier's maximum, so years compare on
    one scale), ``units_in_tier`` (ranked units), ``note`` (the crosswalk's notes on the rows
    linking that year's units to the next year's, ``""`` when none). Oldest year first; stops at
    the first year the unit had no predecessor."""
    keys: list[Key] = [(tier, unit)]
    records = []

    def record(assessment, keys, rule, note=""):
        figures = combined_figures(assessment, keys)
        tiers = {t for t, _ in keys}
        points = figures["achieved_points"]
        if len(keys) > 1:
            # Summed points of several units are not on the tier's scale: show what one unit
            # with the combined rate would score (the value compare_years levels them by).
            maximum = assessment.framework.tier_max_points(keys[0][0]) if len(tiers) == 1 else None
            points = figures["rate"] * maximum if maximum else np.nan
        records.append({"year": assessment.params.year, "tier": "; ".join(sorted(tiers)),
                        "units": "; ".join(u for _, u in keys), "rule": rule, **figures, "points": points,
                        "note": note, "units_in_tier": sum(len(ranked_rows(assessment.scores, t)) for t in tiers)})

    record(chain[0], keys, "same")
    for current, previous in zip(chain, chain[1:]):
        crosswalk = crosswalk_of(current.params)
        links = predecessors(current, previous, crosswalk)
        earlier = list(dict.fromkeys(k for key in keys for k in links.get(key, [])))
        if not earlier:
            break
        rule = "same" if earlier == keys else "merged" if len(earlier) > 1 else "renamed"
        note = notes_between(crosswalk, previous.params.year, current.params.year, earlier, keys)
        record(previous, earlier, rule, note)
        keys = earlier
    history = pd.DataFrame.from_records(records[::-1])
    history["rank"] = history["rank"].astype("Int64")
    return history
