"""The annex workbook (.xlsx): the scores table, then the decision's annexes, one sheet per tier.

The first sheet, ``scores``, is the scores table (the columns of
:data:`egovnb.core.columns.SCORES`) as ``egovnb score`` writes it to CSV (those
columns unchanged and in order, then ``next_level`` and
``points_to_next_level``, then ``index`` and the component columns where the
framework uses them), so tools that read the first sheet get the
machine-readable table. Each following sheet is one tier's annex in the decision's
layout (:mod:`egovnb.report.annex_sheets`: "PHỤ LỤC I", the title, "Kèm theo Quyết
định số …", the decision's columns only, printed as the decision is); the converted
points and the points still needed for the next level follow on sheets of their own.
Sheet names are cut at a word boundary to Excel's 31 characters.

Values are stored as numbers (rates as fractions with a percent format), so
Excel and LibreOffice show them with the reader's decimal separator.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from egovnb.core.export import clean_float, make_reproducible, output_path
from egovnb.core.columns import SCORES_COLUMNS, method_columns
from egovnb.core.safety import text_stays_text
from egovnb.insight.gaps import GAP_COLUMNS, gap_to_next_level
from egovnb.report.labels import ANNEX, phrase

SCORES_SHEET = "scores"
POINTS_FORMAT = "0.00"
MAX_WIDTH = 60        # characters: a column never gets wider than this
SHEET_NAME_LENGTH = 31  # Excel's limit


def scores_sheet(assessment) -> pd.DataFrame:
    """The first sheet: the scores table's columns, then ``next_level, points_to_next_level``,
    then the columns of the methods the framework uses (``index``; per component K
    ``K_achieved_points, K_applicable_points, K_rate, K_level``)."""
    gaps = gap_to_next_level(assessment.ranked, assessment.framework)
    columns = list(SCORES_COLUMNS) + list(GAP_COLUMNS) + method_columns(assessment.framework)
    return gaps.loc[:, columns].reset_index(drop=True)


def rate_format(decimals: int) -> str:
    """The Excel number format of a rate shown with ``decimals`` decimals: ``0%``, ``0.00%``."""
    return "0%" if decimals <= 0 else "0." + "0" * decimals + "%"


# Columns of points as delivered: each gets the decimals the most precise of its values needs.
DELIVERED_POINTS = ("max_points", "excluded_points", "applicable_points", "achieved_points")


def points_formats(rows: pd.DataFrame) -> dict[str, str]:
    """The Excel number format of each delivered points column of a tier's ``rows``, as the report
    prints it (:func:`egovnb.report.fmt.points_decimals`): ``0`` for whole points, ``0.00`` for
    96,5 beside 91, ``0.00000`` where one unit has 86,17372. The points still needed keep two."""
    formats = {}
    for column in DELIVERED_POINTS:
        if column in rows.columns:
            decimals = fmt.points_decimals(rows[column])
            formats[column] = "0" if decimals == 0 else "0." + "0" * decimals
    return formats


def sheet_names(labels: list[str]) -> list[str]:
    """Excel sheet names for tier labels: at most 31 characters, cut at a word boundary
    (a word longer than the limit alone is cut), none of ``[]:*?/\\``, distinct, and never
    ``scores``."""
    names: list[str] = []
    taken = {SCORES_SHEET.casefold()}
    for text in labels:
        base = re.sub(r"[\[\]:*?/\\]", "-", text).strip("' ") or "tier"
        name, suffix = _cut_at_word(base, SHEET_NAME_LENGTH), 2
        while name.casefold() in taken:
            tail = f" ({suffix})"
            name, suffix = _cut_at_word(base, SHEET_NAME_LENGTH - len(tail)) + tail, suffix + 1
        taken.add(name.casefold())
        names.append(name)
    return names


def _cut_at_word(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters at the last space before the limit (and
    without the dashes or commas left dangling there)."""
    if len(text) <= limit:
        return text
    cut = text[:limit + 1].rsplit(" ", 1)[0] if " " in text[:limit + 1] else text[:limit]
    return cut.rstrip(" -—–,;.") or text[:limit]


def write_annex(assessment, path: str | Path, properties: list[tuple[str, str]] | None = None) -> Path:
    """Write the annex workbook to ``path`` (.xlsx), atomically: an existing file is only
    replaced once the new one is complete. ``properties`` (name, text) become the workbook's
    custom document properties (what made it: egovnb.publish.provenance). Returns the path."""
    from openpyxl import Workbook
    path = Path(path)
    language = assessment.params.language
    scores = scores_sheet(assessment)
    book = Workbook()
    first = book.active
    first.title = SCORES_SHEET
    first.append(list(scores.columns))
    for values in scores.itertuples(index=False, name=None):
        first.append([_cell(v) for v in values])
    first.freeze_panes = "A2"
    _fit_widths(first, [list(scores.columns)] + [[_cell(v) for v in r] for r in
                                                  scores.itertuples(index=False, name=None)])

    # The tier sheets: the Word annexes' numbers, titles, columns and orientation.
    from egovnb.report.annex_sheets import BESIDE_SHEETS, beside_frames, write_tier_sheet
    from egovnb.report.docx_annex import annex_parts

    params = assessment.params
    parts = annex_parts(assessment, language)
    beside_names = BESIDE_SHEETS.get(language, BESIDE_SHEETS["vi"])
    names = sheet_names([part.model.tier.label for part in parts] + list(beside_names))
    for part, name in zip(parts, names):
        write_tier_sheet(book.create_sheet(name), part.model, params, part.number, part.title, part.landscape)
    ranked = gap_to_next_level(assessment.ranked, assessment.framework)
    frames = beside_frames(ranked, assessment.framework, {part.model.tier.key: part.model for part in parts}, language)
    for frame, name in zip(frames, names[len(parts):]):
        if not frame.empty:
            _plain_sheet(book.create_sheet(name), frame)
    if assessment.params.illustrative:
        # Not a cell of the first sheet: that sheet stays a plain table for other programs.
        book.properties.description = phrase(ANNEX, "illustrative", language)
    book.properties.title = phrase(ANNEX, "book_title", language, province=assessment.params.province,
                                   year=assessment.params.year)
    book.properties.creator = "egovnb"
    if properties:
        from openpyxl.packaging.custom import StringProperty

        for name, value in properties:
            book.custom_doc_props.append(StringProperty(name=name, value=value))
    for sheet in book.worksheets:
        text_stays_text(sheet)  # names and labels are data, never formulas (core.safety)
    with output_path(path) as temporary:
        book.save(temporary)
        make_reproducible(temporary)
    return path


def _plain_sheet(sheet, frame: pd.DataFrame) -> None:
    """A sheet of ``frame`` as it is: bold headers, frozen, two decimals for points."""
    from openpyxl.styles import Font

    sheet.append(list(frame.columns))
    for values in frame.itertuples(index=False, name=None):
        sheet.append([_cell(v) for v in values])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column in sheet.iter_cols(min_row=2):
        for cell in column:
            if isinstance(cell.value, float):
                cell.number_format = POINTS_FORMAT
    sheet.freeze_panes = "A2"
    _fit_widths(sheet, [list(frame.columns)] + [[_cell(v) for v in r] for r in frame.itertuples(index=False, name=None)])


def _cell(value):
    """A value openpyxl can store: NaN/NA as an empty cell, numpy numbers as Python numbers,
    floats without float noise (``0.834``)."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and value != value:
        return None
    if hasattr(value, "item"):
        value = value.item()
        if isinstance(value, float) and value != value:
            return None
    return clean_float(value)


def _fit_widths(sheet, rows: list[list]) -> None:
    from openpyxl.utils import get_column_letter

    widths: dict[int, int] = {}
    for row in rows:
        for index, value in enumerate(row, start=1):
            if value is not None:
                widths[index] = max(widths.get(index, 0), len(str(value)))
    for index, width in widths.items():
        sheet.column_dimensions[get_column_letter(index)].width = min(width + 2, MAX_WIDTH)
