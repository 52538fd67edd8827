"""The annex workbook (.xlsx): what a decision's annex (phụ lục) needs, one sheet per tier.

The first sheet, ``scores``, is the scores table (the columns of
:data:`egovnb.core.schema.SCORES`) as ``egovnb score`` writes it to CSV (those
columns unchanged and in order, then ``next_level`` and
``points_to_next_level``, then ``index`` and the component columns where the
framework uses them), so tools that read the first sheet get the
machine-readable table. Each following sheet is one tier in the
published layout: a title row (province, year, tier), the decision, then
Vietnamese (or English) headers as in the published tables, a frozen header,
numbers with two decimals, rates as percentages with the tier's decimals (as
the report prints them), and columns wide enough for the unit names. Sheet
names are cut at a word boundary to Excel's 31 characters.

Values are stored as numbers (rates as fractions with a percent format), so
Excel and LibreOffice show them with the reader's decimal separator.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from egovnb.core.export import atomic_path, make_reproducible
from egovnb.core.framework import Tier
from egovnb.core.schema import SCORES_COLUMNS, method_columns
from egovnb.core.safety import text_stays_text
from egovnb.insight.gaps import GAP_COLUMNS, gap_to_next_level
from egovnb.report import fmt
from egovnb.report.labels import ANNEX, header, label, phrase
from egovnb.report.tables import tier_rows

SCORES_SHEET = "scores"
POINTS_FORMAT = "0.00"
RATE_FORMAT = "0.00%"  # the default; a tier's sheet uses rate_format(decimals)
RANK_FORMAT = "0"
MAX_WIDTH = 60        # characters: a column never gets wider than this
HEADER_WIDTH = 16     # characters: long headers wrap at about this width
SHEET_NAME_LENGTH = 31  # Excel's limit
HEADER_ROW = 3        # title, decision, then the headers

INDEX_FORMAT = "0.0000"
# Published annex columns, in order, and how each is shown. An index tier adds its index
# after the converted points; a tier without levels has no level columns; a note column
# (why a unit was not evaluated) comes last where the data have notes.
ANNEX_COLUMNS = ("stt", "unit", "max_points", "excluded_points", "applicable_points", "achieved_points", "rate",
                 "converted_points", "rank", "level", "next_level", "points_to_next_level")
_FORMATS = {"stt": RANK_FORMAT, "max_points": POINTS_FORMAT, "excluded_points": POINTS_FORMAT,
            "applicable_points": POINTS_FORMAT, "achieved_points": POINTS_FORMAT, "rate": RATE_FORMAT,
            "converted_points": POINTS_FORMAT, "rank": RANK_FORMAT, "points_to_next_level": POINTS_FORMAT,
            "index": INDEX_FORMAT}


def scores_sheet(assessment) -> pd.DataFrame:
    """The first sheet: the scores table's columns, then ``next_level, points_to_next_level``,
    then the columns of the methods the framework uses (``index``; per component K
    ``K_achieved_points, K_applicable_points, K_rate, K_level``)."""
    gaps = gap_to_next_level(assessment.ranked, assessment.framework)
    columns = list(SCORES_COLUMNS) + list(GAP_COLUMNS) + method_columns(assessment.framework)
    return gaps.loc[:, columns].reset_index(drop=True)


def annex_columns(rows: pd.DataFrame, tier: Tier) -> tuple[str, ...]:
    """The annex columns of a tier (see :data:`ANNEX_COLUMNS`) for its ``rows``."""
    columns = list(ANNEX_COLUMNS)
    if tier.rank_by == "index" and "index" in rows.columns:
        columns.insert(columns.index("rank"), "index")
    if not tier.has_levels:
        columns = [c for c in columns if c not in ("level", "next_level", "points_to_next_level")]
    if "note" in rows.columns and rows["note"].notna().any():
        columns.append("note")
    return tuple(columns)


def annex_rows(scores: pd.DataFrame, tier: Tier) -> pd.DataFrame:
    """One tier's rows in published order with its annex columns (``stt`` numbers the rows).
    ``scores`` is the ranked table with the gap columns, or the first sheet."""
    rows = tier_rows(scores, tier.key)
    table = pd.DataFrame({"stt": range(1, len(rows) + 1)})
    for column in annex_columns(rows, tier)[1:]:
        table[column] = rows[column].to_numpy()
    return table


def annex_headers(language: str = "vi", columns: tuple[str, ...] = ANNEX_COLUMNS,
                  tier: Tier | None = None) -> list[str]:
    """The headers of ``columns`` in ``language``: the scores table's published headers, the
    rate as a percentage, and the row number, next-level and note columns ("Xếp loại" for the
    ratings of an index tier)."""
    own = {"stt": label("stt", language), "rate": phrase(ANNEX, "rate", language),
           "next_level": label("next_level", language), "note": label("note", language),
           "points_to_next_level": phrase(ANNEX, "points_to_next_level", language)}
    if tier is not None and tier.rank_by == "index":
        own.update(level=label("rating", language), points_to_next_level=label("index_to_next_level", language))
    return [own[column] if column in own else header(column, language) for column in columns]


def rate_format(decimals: int) -> str:
    """The Excel number format of a rate shown with ``decimals`` decimals: ``0%``, ``0.00%``."""
    return "0%" if decimals <= 0 else "0." + "0" * decimals + "%"


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
    from openpyxl.styles import Alignment, Border, Font, Side

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

    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    tiers = list(assessment.framework.tiers.values())
    ranked = gap_to_next_level(assessment.ranked, assessment.framework)
    for tier, name in zip(tiers, sheet_names([t.label for t in tiers])):
        rows = annex_rows(ranked, tier)
        columns = tuple(rows.columns)
        if rows.empty:
            continue
        sheet = book.create_sheet(name)
        params = assessment.params
        sheet.append([phrase(ANNEX, "title", language, province=params.province, year=params.year, tier=tier.label)])
        sheet.cell(row=1, column=1).font = Font(bold=True, size=12)
        sheet.append([f"{label('decision', language)}: {params.decision or label('no_decision', language)}"])
        headers = annex_headers(language, columns, tier)
        sheet.append(headers)
        formats = {**_FORMATS, "rate": rate_format(fmt.tier_rate_decimals(tier, rows["rate"]))}
        for column_index in range(1, len(headers) + 1):
            cell = sheet.cell(row=HEADER_ROW, column=column_index)
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
            cell.border = border
        for values in rows.itertuples(index=False, name=None):
            sheet.append([_cell(v) for v in values])
            row = sheet.max_row
            for column_index, column in enumerate(columns, start=1):
                cell = sheet.cell(row=row, column=column_index)
                cell.border = border
                if column in formats:
                    cell.number_format = formats[column]
        if assessment.params.illustrative:
            sheet.append([])
            sheet.append([phrase(ANNEX, "illustrative", language)])
            sheet.cell(row=sheet.max_row, column=1).font = Font(italic=True)
        sheet.freeze_panes = f"C{HEADER_ROW + 1}"  # the header row and the STT and unit columns stay in view
        body = [[_shown(v, c) for v, c in zip(values, columns)]
                for values in rows.itertuples(index=False, name=None)]
        _fit_widths(sheet, [[_header_width_text(h) for h in headers]] + body)
    if assessment.params.illustrative:
        # Not a cell of the first sheet: that sheet stays a plain table for other programs.
        book.properties.description = phrase(ANNEX, "illustrative", language)
    book.properties.title = phrase(ANNEX, "book_title", language, province=assessment.params.province,
                                   year=assessment.params.year)
    if properties:
        from openpyxl.packaging.custom import StringProperty

        for name, value in properties:
            book.custom_doc_props.append(StringProperty(name=name, value=value))
    for sheet in book.worksheets:
        text_stays_text(sheet)  # names and labels are data, never formulas (core.safety)
    with atomic_path(path) as temporary:
        book.save(temporary)
        make_reproducible(temporary)
    return path


def _cell(value):
    """A value openpyxl can store: NaN/NA as an empty cell, numpy numbers as Python numbers."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and value != value:
        return None
    if hasattr(value, "item"):
        value = value.item()
        if isinstance(value, float) and value != value:
            return None
    return value


def _shown(value, column: str) -> str:
    """About what the cell shows, to size the column."""
    value = _cell(value)
    if value is None:
        return ""
    if column == "rate":
        return f"{value * 100:.2f}%"
    if column in _FORMATS and _FORMATS[column] == POINTS_FORMAT:
        return f"{value:,.2f}"
    return str(value)


def _header_width_text(header: str) -> str:
    # A wrapped header needs only its longest word, or about HEADER_WIDTH characters.
    longest = max((len(word) for word in header.split()), default=0)
    return "x" * max(longest, min(len(header), HEADER_WIDTH))


def _fit_widths(sheet, rows: list[list]) -> None:
    from openpyxl.utils import get_column_letter

    widths: dict[int, int] = {}
    for row in rows:
        for index, value in enumerate(row, start=1):
            if value is not None:
                widths[index] = max(widths.get(index, 0), len(str(value)))
    for index, width in widths.items():
        sheet.column_dimensions[get_column_letter(index)].width = min(width + 2, MAX_WIDTH)
