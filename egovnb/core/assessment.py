"""The assessment object: one province-year carried through load → validate → score → rank.

Built by pure steps and handed, unchanged, to tables, charts and notebooks, so
any figure in a report can be traced back to its inputs.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd

from egovnb.core.data_file import TableSource, load_unit_data
from egovnb.core.errors import InputError
from egovnb.core.files import sha256_of
from egovnb.core.framework import Framework
from egovnb.core.params import Params, load_params
from egovnb.core.ranking import rank_units, scores_table
from egovnb.core.scoring import score_units
from egovnb.core.check_table import UnitData


@dataclass(frozen=True)
class Assessment:
    """Params, framework, checked unit data and the ranked scores of a province-year.

    ``ranked`` is the scores table with working columns (``evaluated``, the
    data row); ``scores`` is exactly the table of docs/contract.md.
    """

    params: Params
    unit_data: UnitData
    ranked: pd.DataFrame
    data_sha256: str
    tables: tuple[TableSource, ...] = ()  # where the unit data were read: file, sheet, header, rows left out

    @property
    def framework(self) -> Framework:
        return self.params.framework

    @property
    def scores(self) -> pd.DataFrame:
        return scores_table(self.ranked)

    @property
    def criteria_points(self) -> pd.DataFrame | None:
        return self.unit_data.criteria_points

    @cached_property
    def previous(self) -> Assessment | None:
        """The previous year's assessment (the params' ``previous:``), or None; assessed at the
        first use and kept, as the checks and the year-on-year section both need it."""
        return assess(self.params.previous) if self.params.previous is not None else None


def score(unit_data: UnitData, framework: Framework) -> pd.DataFrame:
    """Score and rank checked unit data: the scores table with working columns."""
    return rank_units(score_units(unit_data, framework), framework)


def assess(params: Params | str | Path) -> Assessment:
    """Load, check, score and rank a province-year; raises InputError naming every problem."""
    if not isinstance(params, Params):
        params = load_params(params)
    unit_data, tables = load_unit_data(params)
    return Assessment(params=params, unit_data=unit_data, ranked=score(unit_data, params.framework),
                      data_sha256=sha256_of(params.data), tables=tables)

