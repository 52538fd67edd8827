"""The annexes (phụ lục) of the decision as a Word document: ``egovnb score PARAMS --out FILE.docx``.

One annex a tier that has units, in framework order, numbered in Roman numerals (Phụ lục I,
II, …), laid out as Nghị định 30/2020 asks (:mod:`egovnb.report.docx_layout`): "Phụ lục I"
14 bold centred, the title in capitals 14 bold, "(Kèm theo Quyết định số …)" in italics
(:mod:`egovnb.report.decision_text`), a short rule, then the table in the decision's columns
(:mod:`egovnb.report.annex_model`: the cells the report's annex table prints), its header row
repeated on every page and no row split across two. A table too wide for portrait gets a
landscape section. In a file of annexes alone each annex is numbered on its own (no number
on its first page); in the draft decision they follow its pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from egovnb.core.export import make_reproducible, output_path
from egovnb.report import decision_text as words
from egovnb.report import docx_layout as page
from egovnb.report.annex_model import TEXT, AnnexModel, assessment_annex, previous_year
from egovnb.report.labels import ANNEX, phrase

TABLE_SIZE = 12          # points: the table's text
WIDE_TABLE_SIZE = 11     # points: a table that fills a landscape page
CHAR_MM = 0.18           # mm per character per point of type (Times New Roman, about half an em)
PADDING_MM = 4.5         # left and right cell margins together, and a little air
MAX_TEXT_CHARS = {"unit": 26, "note": 26}  # longer text wraps
OTHER_TEXT_CHARS = 18
LEAST_TEXT_CHARS = 16      # a column of names is never narrower than this
COMFORT_CHARS = 20         # portrait while the names get this much room


@dataclass(frozen=True)
class AnnexPart:
    """One annex: its number (``Phụ lục I``), title (a sentence), table model, and the layout
    chosen (column widths in EMU, type size, landscape)."""

    number: str
    title: str
    model: AnnexModel
    widths: tuple[int, ...]
    size: float
    landscape: bool


def annex_parts(assessment, language: str = "vi") -> list[AnnexPart]:
    """The annexes of ``assessment``: every tier with units, in framework order. In Vietnamese:
    they go with a decision, whatever language the report is in (the workbook passes the
    params' ``language``)."""
    previous = previous_year(assessment)
    models = [assessment_annex(assessment, key, previous, language, decision=True)
              for key in assessment.framework.tiers]
    models = [m for m in models if m.units]
    parts = []
    for index, model in enumerate(models):
        widths, size, landscape = table_layout(model)
        parts.append(AnnexPart(words.annex_number(index, len(models)),
                               words.annex_title(assessment.params, model.tier.label), model, widths, size,
                               landscape))
    return parts


def table_layout(model: AnnexModel) -> tuple[tuple[int, ...], float, bool]:
    """Column widths (EMU) filling the text width, the type size, and whether the page turns
    landscape: portrait (165 mm) in 12 then 11 points when the names get room there (about
    :data:`COMFORT_CHARS` characters a line), else landscape (252 mm) likewise. No column gets narrower than its longest word or number; the names get room first,
    then the numbers' headers, then the names again."""
    columns = model.view(decision=True)
    text = [c.kind == TEXT for c in columns]
    options = []
    for size, landscape in ((TABLE_SIZE, False), (WIDE_TABLE_SIZE, False), (TABLE_SIZE, True),
                            (WIDE_TABLE_SIZE, True)):
        least = [_width_mm(c, size, least=True) for c in columns]
        wanted = [_width_mm(c, size, least=False) for c in columns]
        available = (297 if landscape else 210) - 30 - 15
        roomy = [_width_mm(c, size, least=False, cap=COMFORT_CHARS) for c in columns]
        comfortable = sum(r if _names(c) else a for a, r, c in zip(least, roomy, columns))
        options.append((comfortable <= available, sum(least) <= available, size, landscape, least, wanted,
                        available))
    # The first that leaves the names room, else the first where every column fits, else the last.
    chosen = next((o for o in options if o[0]), None) or next((o for o in options if o[1]), options[-1])
    _, _, size, landscape, least, wanted, available = chosen
    if sum(least) > available:
        return tuple(int(Mm(w * available / sum(least))) for w in least), size, landscape
    # From the least widths: names first up to what they want (they wrap less), then the
    # numbers' headers onto fewer lines, then what is left to the names.
    widths, spare = list(least), available - sum(least)
    for goal in ([w if t else a for a, w, t in zip(least, wanted, text)], wanted):
        need = [max(0.0, g - w) for g, w in zip(goal, widths)]
        if sum(need) and spare > 0:
            share = min(1.0, spare / sum(need))
            widths = [w + n * share for w, n in zip(widths, need)]
            spare -= sum(need) * share
    weights = [w if t else 0.0 for w, t in zip(widths, text)] if any(text) else widths
    widths = [w + spare * k / sum(weights) for w, k in zip(widths, weights)]
    return tuple(int(Mm(w)) for w in widths), size, landscape


def _names(column) -> bool:
    """A column of names (units, districts, notes), not of levels."""
    return column.kind == TEXT and column.key != "level" and not column.key.endswith("_level")


def _width_mm(column, size: float, least: bool, cap: int | None = None) -> float:
    """A column's width (mm) at ``size`` points: for its longest word or number and its
    header's longest word (bold) when ``least``; else for its longest cell, text capped at
    :data:`MAX_TEXT_CHARS` (it wraps), and its header over at most four lines."""
    head = column.header
    word = max((len(w) for w in head.split()), default=1) * 1.2  # bold
    cells = [cell for cell in column.cells if cell]
    if column.kind == TEXT and least:
        # Names wrap, but not into a column narrower than LEAST_TEXT_CHARS; levels and
        # notes down to their longest word.
        longest = max([len(w) for cell in cells for w in cell.split()]
                      + [min(LEAST_TEXT_CHARS, max((len(c) for c in cells), default=1)) if _names(column) else 1])
    else:
        longest = max((len(cell) for cell in cells), default=1)
    if column.kind == TEXT and not least:
        longest = min(longest, cap or MAX_TEXT_CHARS.get(column.key, OTHER_TEXT_CHARS))
    chars = max(longest, word) if least else max(longest, word, len(head) * 1.2 / 4)
    return chars * CHAR_MM * size + PADDING_MM


def add_annex(document, params, part: AnnexPart, section) -> None:
    """One annex into ``section`` (already made, and already portrait or landscape)."""
    total = page.text_width(section)
    page.paragraph(document, part.number, size=14, bold=True, keep=True)
    page.paragraph(document, part.title.upper(), size=14, bold=True, keep=True)
    page.paragraph(document, words.along_with(params), size=14, italic=True, keep=True)
    page.rule(document, int(Mm(40)), total)
    columns = part.model.view(decision=True)
    table = document.add_table(rows=part.model.units + 1, cols=len(columns))
    try:
        table.style = document.styles["Table Grid"]
    except KeyError:  # a province's template without Word's own table styles
        page.grid_lines(table)
    page.fixed_widths(table, list(part.widths))
    rows = table.rows
    head = rows[0]
    page.repeat_header(head)
    page.keep_row_whole(head)
    for cell, column in zip(head.cells, columns):
        _fill(cell, column.header, part.size, bold=True, align="center")
    for index in range(part.model.units):
        row = rows[index + 1]
        page.keep_row_whole(row)
        for cell, column in zip(row.cells, columns):
            left = column.kind == TEXT and column.key not in ("level",) and not column.key.endswith("_level")
            _fill(cell, column.cells[index], part.size, align="left" if left else "center")
    if params.illustrative:
        page.paragraph(document, phrase(ANNEX, "illustrative", part.model.language), size=12, italic=True,
                       align="left", before=6)


def _fill(cell, text: str, size: float, bold: bool = False, align: str = "center") -> None:
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    paragraph = cell.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT if align == "left" else WD_ALIGN_PARAGRAPH.CENTER
    layout = paragraph.paragraph_format
    layout.space_before, layout.space_after = Pt(2), Pt(2)
    if text:
        page.add_run(paragraph, text, size=size, bold=bold)


def add_annexes(document, assessment, parts: list[AnnexPart], *, own_numbering: bool, first_section=None) -> None:
    """Every annex in a section of its own. ``own_numbering``: each annex numbered from 1,
    without a number on its first page (a file of annexes); else the pages go on from the
    decision's. ``first_section``: an empty section to put the first annex in."""
    for index, part in enumerate(parts):
        if index == 0 and first_section is not None:
            section = first_section
            page.set_page(section, part.landscape)
            page.page_numbers(section, first_page=False, restart=own_numbering)
        else:
            section = page.new_section(document, part.landscape, restart_numbers=own_numbering)
        add_annex(document, assessment.params, part, section)


def annexes_document(assessment):
    """The Word document of the annexes alone (python-docx ``Document``)."""
    document = page.new_document()
    parts = annex_parts(assessment)
    # The default document starts with no paragraph: the first annex goes in its first section.
    add_annexes(document, assessment, parts, own_numbering=True, first_section=document.sections[0])
    if not parts:
        page.paragraph(document, words.along_with(assessment.params), italic=True)
    set_properties(document, assessment, "Phụ lục")
    return document


def write_annexes(assessment, path: str | Path) -> Path:
    """Write the annexes to ``path`` (.docx) atomically; the bytes depend on the inputs only."""
    return save(annexes_document(assessment), path)


def save(document, path: str | Path) -> Path:
    """Save a document atomically (an existing file is replaced only once the new one is
    whole), with fixed zip times and document dates, recorded as made by egovnb."""
    path = Path(path)
    with output_path(path) as temporary:
        document.save(temporary)
        make_reproducible(temporary)
    return path


def set_properties(document, assessment, kind: str) -> None:
    """Title and description of the file: what it is, and that the data are illustrative."""
    params = assessment.params
    core = document.core_properties
    core.title = f"{kind} — {params.title} — {params.province}"
    core.author = "egovnb"
    core.comments = phrase(ANNEX, "illustrative") if params.illustrative else ""
    import datetime as dt

    core.created = core.modified = dt.datetime(1980, 1, 1)
    core.last_modified_by = "egovnb"
    core.revision = 1
