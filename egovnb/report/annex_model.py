"""One tier's annex (phụ lục) as a table model: every place that prints an annex reads it here.

The report's annex table (:func:`egovnb.report.tables.annex_frame`), the Word annexes
(:mod:`egovnb.report.docx_annex`) and the annex workbook (:mod:`egovnb.report.annex`)
all print the cells of :func:`annex_model`, so a number reads the same in each. Each
column carries its printed cells, the values behind them (for a workbook that stores
numbers) and whether the decision prints it:

- the decision's columns: STT, the unit (and text columns of the data that describe it,
  such as its district), the points columns the tier uses (maximum; the excluded and
  applicable points where some unit of the tier has excluded points; for a tier with
  components each component's points and level), the achieved points, the rate with the
  tier's ``rate_decimals``, the index as published for an index tier, the rank, the level
  (none for a tier without levels) and a note where some unit has one;
- with ``previous:`` in the params, last year's value of the tier's measure just before
  this year's, each headed with its year (``Số điểm thực hiện 2023``, ``… 2024``); ``–``
  for a unit new this year;
- the report adds the converted points, leaves the components to a table of its own
  (:mod:`egovnb.report.methods`), and prints the excluded and applicable points even
  where all are 0 (:attr:`AnnexColumn.decision` is False for what only the report prints).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from egovnb.core.framework import Tier
from egovnb.report import fmt, measure
from egovnb.report.labels import METHODS, header, label, phrase

TEXT, COUNT, POINTS, RATE, INDEX, FIXED2 = "text", "count", "points", "rate", "index", "fixed2"


@dataclass(frozen=True)
class AnnexColumn:
    """One column: its ``key`` (a scores column, ``stt``, ``previous`` or ``K_level``), the
    ``header`` printed, the ``cells`` printed, the ``values`` behind them (numbers, or the
    text itself; None where the cell is empty or ``–``), their ``kind`` (text, count, points,
    rate, index, fixed2) and whether the ``decision`` and the ``report`` print it."""

    key: str
    header: str
    cells: tuple[str, ...]
    values: tuple
    kind: str = TEXT
    decision: bool = True
    report: bool = True

    @property
    def numeric(self) -> bool:
        return self.kind != TEXT


@dataclass(frozen=True)
class PreviousYear:
    """Last year's value of a tier's measure for each unit of this year (unit → rate, points
    or index; NaN for a unit with no predecessor or not evaluated then)."""

    year: int
    values: dict


@dataclass(frozen=True)
class AnnexModel:
    """A tier's annex: its columns in order, the rate decimals used and the unit count."""

    tier: Tier
    language: str
    columns: tuple[AnnexColumn, ...]
    rate_decimals: int
    units: int

    def view(self, decision: bool = False) -> tuple[AnnexColumn, ...]:
        """The columns the decision prints (``decision``) or the report's."""
        return tuple(c for c in self.columns if (c.decision if decision else c.report))

    def frame(self, decision: bool = False) -> pd.DataFrame:
        """The printed cells, headers as columns."""
        return pd.DataFrame({c.header: list(c.cells) for c in self.view(decision)}, index=range(self.units))


def annex_model(scores: pd.DataFrame, tier: Tier, language: str = "vi", descriptions: dict | None = None,
                previous: PreviousYear | None = None, year: int | None = None) -> AnnexModel:
    """The annex of ``tier`` from the scores (the ranked table, with notes and descriptions,
    or the scores table), cells formatted for ``language``. ``descriptions`` (data column →
    header) are text columns shown after the unit's name; ``previous`` adds last year's
    measure beside this ``year``'s."""
    rows = scores[scores["tier"] == tier.key].reset_index(drop=True)  # already in published order
    decimals = fmt.tier_rate_decimals(tier, rows["rate"])
    columns: list[AnnexColumn] = []

    def add(key, head, values, printer, kind, decision=True, report=True):
        values = list(values)
        if kind == POINTS:  # a column of points reads with one number of decimals (fmt.points_decimals)
            decimals_here = fmt.points_decimals(values)
            printer = lambda v: fmt.number(v, language, decimals=decimals_here, fixed=True)  # noqa: E731
        cells = tuple(printer(v) for v in values)
        columns.append(AnnexColumn(key, head, cells, tuple(_value(v, c) for v, c in zip(values, cells)), kind,
                                   decision, report))

    def text(value) -> str:
        return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)

    add("stt", label("stt", language), range(1, len(rows) + 1), lambda v: fmt.count(v, language), COUNT)
    add("unit", header("unit", language), rows["unit"], str, TEXT)
    for column, shown in (descriptions or {}).items():
        if column in rows.columns and rows[column].notna().any():
            add(column, shown, rows[column], text, TEXT)
    points = lambda v: fmt.points(v, language)  # noqa: E731 - evened per column by add()
    add("max_points", header("max_points", language), rows["max_points"], points, POINTS)
    excluded = bool((pd.to_numeric(rows["excluded_points"], errors="coerce").fillna(0) != 0).any())
    add("excluded_points", header("excluded_points", language), rows["excluded_points"], points, POINTS, excluded)
    add("applicable_points", header("applicable_points", language), rows["applicable_points"], points, POINTS,
        excluded)
    for component in tier.components:
        key = component.key
        if f"{key}_achieved_points" in rows.columns:
            add(f"{key}_achieved_points", phrase(METHODS, "points", language, component=component.label),
                rows[f"{key}_achieved_points"], points, POINTS, report=False)
            if tier.level_by == "lowest" or component.levels:
                add(f"{key}_level", phrase(METHODS, "level", language, component=component.label),
                    rows[f"{key}_level"], lambda v: fmt.level(v, language), TEXT, report=False)
    shown_year = f" {year}" if previous is not None and year is not None else ""
    measure_key = measure.value_column(tier)
    if previous is not None and measure_key != "index":
        _add_previous(add, rows, tier, language, previous, decimals)
    add("achieved_points", header("achieved_points", language) + (shown_year if measure_key == "achieved_points"
                                                                   else ""), rows["achieved_points"], points, POINTS)
    add("rate", header("rate", language) + (shown_year if measure_key == "rate" else ""), rows["rate"],
        lambda v: fmt.percent(v, language, decimals), RATE)
    add("converted_points", header("converted_points", language), rows["converted_points"],
        lambda v: fmt.number(v, language, decimals=2, fixed=True), FIXED2, False)
    if tier.rank_by == "index" and "index" in rows.columns:
        if previous is not None:
            _add_previous(add, rows, tier, language, previous, decimals)
        add("index", header("index", language) + shown_year, rows["index"],
            lambda v: measure.index_text(v, tier, language), INDEX)
    add("rank", header("rank", language), rows["rank"],
        lambda v: fmt.MISSING if pd.isna(v) else fmt.count(v, language), COUNT)
    if tier.has_levels:
        add("level", measure.level_header(tier, language), rows["level"], lambda v: fmt.level(v, language), TEXT)
    if "note" in rows.columns and rows["note"].notna().any():
        # Why a unit was not evaluated, or anything else the data say beside it.
        add("note", label("note", language), rows["note"], text, TEXT)
    return AnnexModel(tier, language, tuple(columns), decimals, len(rows))


def previous_year(assessment) -> dict[str, PreviousYear] | None:
    """Last year's values of each tier's measure (tier key → :class:`PreviousYear`), or None
    when the params name no previous year."""
    from egovnb.insight.previous_totals import previous_values

    found = previous_values(assessment)
    if found is None:
        return None
    year, values = found
    return {key: PreviousYear(year, values.get(key, {})) for key in assessment.framework.tiers}


# Description columns named as a program names them, headed in a decision's words.
DECISION_WORDING = {"district": "Đơn vị cấp huyện", "huyen": "Đơn vị cấp huyện", "province": "Tỉnh, thành phố"}


def assessment_annex(assessment, tier_key: str, previous: dict | None | bool = True,
                     language: str | None = None, decision: bool = False) -> AnnexModel:
    """The annex model of a tier of ``assessment``: its ranked rows with the data's notes and
    descriptions, and last year's column when the params name a previous year (``previous``
    may pass :func:`previous_year`'s result, computed once for several tiers), in
    ``language`` (default: the params'). ``decision``: a description column named as a
    program names it (``district``) is headed in the decision's words (Vietnamese only)."""
    if previous is True:
        previous = previous_year(assessment)
    tier = assessment.framework.tiers[tier_key]
    language = language or assessment.params.language
    descriptions = assessment.unit_data.description_headers
    if decision and language == "vi":
        descriptions = {column: DECISION_WORDING.get(shown, shown) for column, shown in descriptions.items()}
    return annex_model(assessment.ranked, tier, language, descriptions,
                       previous.get(tier_key) if previous else None,
                       assessment.params.year)


def _add_previous(add, rows: pd.DataFrame, tier: Tier, language: str, previous: PreviousYear,
                  decimals: int) -> None:
    """Last year's value of the tier's measure, printed as this year's is."""
    values = [previous.values.get(unit, float("nan")) for unit in rows["unit"]]
    head = f"{measure.value_header(tier, language)} {previous.year}"
    if tier.rank_by == "rate":
        add("previous", head, values, lambda v: fmt.percent(v, language, decimals), RATE)
    elif tier.rank_by == "index":
        add("previous", head, values, lambda v: measure.index_text(v, tier, language), INDEX)
    else:
        add("previous", head, values, lambda v: fmt.points(v, language), POINTS)


def _value(value, cell: str):
    """The value behind a printed cell: None for an empty or missing one, numbers as Python
    numbers, text as it is."""
    if cell in ("", fmt.MISSING) or value is None or value is pd.NA:
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and value != value:
        return None
    return value


def cell_decimals(cell: str, language: str = "vi") -> int:
    """How many decimals a printed number shows (``86,17372`` → 5, ``97%`` → 0): the digits
    after the decimal sign of ``language`` (a comma in Vietnamese, a point in English)."""
    sign = "." if language == "en" else ","
    digits = cell.rstrip("%").strip()
    return len(digits.rsplit(sign, 1)[1]) if sign in digits else 0
