"""Checked unit data: one row a unit, and the unit's points in the parts of its score.

Validation (:mod:`egovnb.core.check_table`) builds these from the cells of any grain;
scoring reads them. Matrices are units × parts, in the row order of ``units``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class PartSums:
    """Points of every unit in each part of its score (criteria groups, or components):
    ``units × parts`` matrices of points. A part that is not one of the unit's tier is NaN
    throughout; for a unit not evaluated, excluded and achieved points are NaN."""

    keys: tuple[str, ...]
    max_points: np.ndarray
    excluded_points: np.ndarray
    achieved_points: np.ndarray

    @property
    def applicable_points(self) -> np.ndarray:
        return self.max_points - self.excluded_points

    def column(self, key: str) -> int:
        return self.keys.index(key)

    def combine(self, keys: tuple[str, ...], part_of: list[str | None]) -> "PartSums":
        """These sums added up into coarser parts ``keys``: part ``i`` goes into
        ``part_of[i]`` (None: into none). A coarse part none of whose fine parts is in a
        unit's tier stays NaN for that unit."""
        shape = (self.max_points.shape[0], len(keys))
        sums = [np.zeros(shape), np.zeros(shape), np.zeros(shape)]
        present = np.zeros(shape, dtype=bool)
        for index, target in enumerate(part_of):
            if target is None:
                continue
            column = keys.index(target)
            has = ~np.isnan(self.max_points[:, index])
            present[:, column] |= has
            for total, values in zip(sums, (self.max_points, self.excluded_points, self.achieved_points)):
                total[:, column] += np.where(has, values[:, index], 0.0)
        unknown = ~np.isnan(self.max_points) & np.isnan(self.achieved_points)
        not_evaluated = unknown.any(axis=1)[:, None]
        maximum, excluded, achieved = (np.where(present, total, np.nan) for total in sums)
        return PartSums(keys=keys, max_points=maximum,
                        excluded_points=np.where(not_evaluated, np.nan, excluded),
                        achieved_points=np.where(not_evaluated, np.nan, achieved))


@dataclass(frozen=True)
class UnitData:
    """Checked unit data.

    - ``grain``: ``summary``, ``group`` or ``criterion``;
    - ``units``: one row a unit (``tier, unit, max_points, excluded_points,
      achieved_points, evaluated, note``, the data row ``_row``, and any descriptive
      columns such as ``district``);
    - ``criteria_points``: at criterion and group grain, one row a unit and criterion
      (at group grain each group is its own criterion): ``tier, unit, criterion, group,
      max_points, points, evaluated`` (points NaN: does not apply);
    - ``groups``: each unit's points per criteria group (``Framework.group_specs`` order,
      keyed by title); None at summary grain;
    - ``components``: each unit's points per component key, where some tier has components;
    - ``descriptions``: the descriptive columns kept in ``units`` (a ``district``), with
      ``description_headers`` mapping each to its header as the data write it.
    """

    grain: str
    units: pd.DataFrame
    criteria_points: pd.DataFrame | None
    source: str
    groups: PartSums | None = None
    components: PartSums | None = None
    descriptions: tuple[str, ...] = ()
    description_headers: dict = field(default_factory=dict, compare=False)
