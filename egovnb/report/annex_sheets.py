"""The annex workbook's tier sheets in the decision's layout, and the sheets of what the decision does not print.

A tier sheet reads as the annex of the decision (:mod:`egovnb.report.docx_annex`): "PHỤ LỤC I",
the title in capitals, "(Kèm theo Quyết định số …)" in italics, then the table in the
decision's columns only (:func:`egovnb.report.annex_model.annex_model`, the cells the report and
the Word annex print), Times New Roman. Numbers are stored as numbers, each with the number
of decimals it is printed with, so Excel shows what the annex shows (with the reader's
decimal sign). It prints as the decision does: A4, landscape when the Word annex is, fit to
the page's width, the header row repeated on every page, page numbers from the second page.

The converted points and the points each unit still needs for the next level are not in
the decision: they get sheets of their own, one row a unit of every tier.
"""

from __future__ import annotations

import pandas as pd

from egovnb.report import decision_text as words
from egovnb.report import fmt
from egovnb.report.annex_model import COUNT, INDEX, RATE, TEXT, AnnexModel, cell_decimals
from egovnb.report.labels import ANNEX, header, label, phrase

FONT = "Times New Roman"
TITLE_ROWS = 4        # PHỤ LỤC I, the title, Kèm theo …, a blank row
HEADER_ROW = TITLE_ROWS + 1
MM_PER_INCH = 25.4
TIER_HEADER = {"vi": "Khối", "en": "Tier"}
BESIDE_SHEETS = {"vi": ("Số điểm quy đổi", "Mức độ kế tiếp"), "en": ("Converted points", "Next level")}


def number_format(kind: str, cell: str, language: str) -> str | None:
    """The Excel format that shows a value as ``cell`` shows it: ``0``, ``0.00``, ``0%``,
    ``#,##0.00000``; None for text."""
    if kind == TEXT:
        return None
    decimals = cell_decimals(cell, language)
    body = "#,##0" + ("." + "0" * decimals if decimals else "")
    return body + "%" if kind == RATE else body


def stored(column, index: int, model: AnnexModel):
    """The value a cell stores: the number behind a printed number (an index on its printed
    scale), the printed text of a text column; a missing figure stays an empty cell (so the
    workbook reads back as data: an empty cell is a unit not evaluated, "–" is not a number)."""
    value, cell = column.values[index], column.cells[index]
    if column.kind == TEXT:
        return cell if cell else None
    if value is None:
        return None
    if column.kind == INDEX:
        return float(value) * (model.tier.index_scale or 1.0)
    if column.kind == COUNT:
        return int(value)
    return float(value)


def write_tier_sheet(sheet, model: AnnexModel, params, number: str, title: str, landscape: bool) -> None:
    """Fill ``sheet`` with one tier's annex in the decision's layout."""
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.worksheet.properties import PageSetupProperties

    language = params.language
    columns = model.view(decision=True)
    width = len(columns)
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    lines = ((number.upper(), Font(name=FONT, bold=True, size=14)),
             (title.upper(), Font(name=FONT, bold=True, size=13)),
             (words.along_with(params), Font(name=FONT, italic=True, size=13)))
    for row, (text, font) in enumerate(lines, start=1):
        cell = sheet.cell(row=row, column=1, value=text)
        cell.font = font
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        if width > 1:
            sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
    sheet.row_dimensions[2].height = 36  # a long title wraps onto two lines
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=HEADER_ROW, column=index, value=column.header)
        cell.font = Font(name=FONT, bold=True, size=12)
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
        cell.border = border
    body = Font(name=FONT, size=12)
    for position in range(model.units):
        row = HEADER_ROW + 1 + position
        for index, column in enumerate(columns, start=1):
            cell = sheet.cell(row=row, column=index, value=stored(column, position, model))
            cell.font = body
            cell.border = border
            left = column.kind == TEXT and column.key != "level" and not column.key.endswith("_level")
            cell.alignment = Alignment(horizontal="left" if left else "center", vertical="center", wrap_text=left)
            shown = number_format(column.kind, column.cells[position], language)
            if shown and column.values[position] is not None:
                cell.number_format = shown
    if params.illustrative:
        cell = sheet.cell(row=HEADER_ROW + model.units + 2, column=1, value=phrase(ANNEX, "illustrative", language))
        cell.font = Font(name=FONT, italic=True, size=12)
    sheet.freeze_panes = sheet.cell(row=HEADER_ROW + 1, column=3)  # header row, STT and unit stay in view
    _widths(sheet, columns)
    # Printed as the decision: A4, fit to the width, the header row on every page.
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.print_options.horizontalCentered = True
    margins = sheet.page_margins
    margins.left, margins.right = 30 / MM_PER_INCH, 15 / MM_PER_INCH
    margins.top, margins.bottom = 20 / MM_PER_INCH, 20 / MM_PER_INCH
    margins.header, margins.footer = 10 / MM_PER_INCH, 10 / MM_PER_INCH
    sheet.HeaderFooter.differentFirst = True  # no number on the first page
    sheet.oddHeader.center.text = "&P"
    sheet.oddHeader.center.font = FONT
    sheet.oddHeader.center.size = 13


def _widths(sheet, columns) -> None:
    """Columns as wide as their cells (names up to 40 characters, then they wrap), and the
    header row tall enough for its longest header, wrapped."""
    import math

    from openpyxl.utils import get_column_letter

    lines = 1
    for index, column in enumerate(columns, start=1):
        longest = max((len(c) for c in column.cells), default=1)
        word = max((len(w) for w in column.header.split()), default=1)
        cap = 40 if column.kind == TEXT else 14
        width = min(max(longest, word, 4) + 2, cap)
        sheet.column_dimensions[get_column_letter(index)].width = width
        lines = max(lines, math.ceil(len(column.header) * 1.1 / (width - 1)))
    sheet.row_dimensions[HEADER_ROW].height = 16 * lines


def beside_frames(ranked: pd.DataFrame, framework, models: dict, language: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """What the decision does not print, one row a unit in annex order: the converted points
    (tier, STT, unit, converted points), and what each unit still needs for the next level
    (tier, STT, unit, rank, level, next level, points or index to it). ``ranked`` has the gap
    columns; ``models`` maps tier keys to their :class:`AnnexModel`."""
    converted, gaps = [], []
    tier_label, stt, unit = TIER_HEADER.get(language, TIER_HEADER['vi']), label("stt", language), header("unit", language)
    for key, model in models.items():
        tier = framework.tiers[key]
        rows = ranked[ranked["tier"] == key].reset_index(drop=True)
        for position, row in rows.iterrows():
            base = {tier_label: tier.label, stt: position + 1, unit: row["unit"]}
            converted.append({**base, header("converted_points", language): _number(row["converted_points"])})
            if tier.has_levels:
                needed = row["points_to_next_level"]
                if tier.rank_by == "index" and not pd.isna(needed):
                    needed = needed * (tier.index_scale or 1.0)
                gaps.append({**base, header("rank", language): None if pd.isna(row["rank"]) else int(row["rank"]),
                             header("level", language): fmt.level(row["level"], language),
                             label("next_level", language): row["next_level"] if isinstance(row["next_level"], str)
                             else None,
                             phrase(ANNEX, "points_to_next_level", language): _number(needed)})
    return pd.DataFrame(converted), pd.DataFrame(gaps)




def _number(value):
    return None if value is None or pd.isna(value) else float(value)
