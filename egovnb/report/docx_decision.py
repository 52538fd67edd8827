"""The draft decision (dự thảo quyết định) with its annexes, in Word: ``egovnb decision PARAMS --out FILE.docx``.

Laid out as Nghị định 30/2020/NĐ-CP asks (:mod:`egovnb.report.docx_layout`): the header
block as a two-column table without lines (ỦY BAN NHÂN DÂN / TỈNH … and "Số: …/QĐ-UBND" on
the left; the national motto, its rule, and the place and date in italics on the right);
QUYẾT ĐỊNH and the summary line with a short rule; the issuing body; the legal bases in
italics; "QUYẾT ĐỊNH:"; Điều 1 approving the results and naming each annex, Điều 2 its
effect, Điều 3 who carries it out; the signature block beside "Nơi nhận:"; then the annexes
in the same file, each on new pages and not signed.

Every legal sentence, number, name and date comes from the params (``decision_draft``,
:mod:`egovnb.core.decision_draft`, and ``decision``) or stays a visible blank (``…``). A
province's own template (``decision_draft.template``) is filled instead with the variables
of :func:`egovnb.report.docx_template.template_context`.
"""

from __future__ import annotations

from pathlib import Path

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm

from egovnb.report import decision_text as words
from egovnb.report import docx_layout as page
from egovnb.report.decision_text import decision_lines
from egovnb.report.docx_annex import set_properties, add_annexes, annex_parts, save

LEFT_BLOCK, RIGHT_BLOCK = Mm(62), Mm(103)   # the header block's two columns (165 mm together)
HEADER_SIZE = 13


def decision_document(assessment):
    """The draft decision and its annexes (python-docx ``Document``), in the built-in layout."""
    params = assessment.params
    parts = annex_parts(assessment)
    text = decision_lines(params, [f"{p.number}: {p.title}" for p in parts])
    document = page.new_document()
    section = document.sections[0]
    page.page_numbers(section, first_page=False)
    _header_block(document, text)
    page.paragraph(document, "QUYẾT ĐỊNH", size=14, bold=True, before=12)
    page.paragraph(document, text["summary"], size=14, bold=True)
    page.rule(document, int(Mm(45)), page.text_width(section))
    page.paragraph(document, text["issuer"], size=14, bold=True, after=12)
    for line in text["bases"]:
        page.paragraph(document, line, italic=True, align="justify", indent=True, after=6)
    page.paragraph(document, text["proposal"], italic=True, align="justify", indent=True, after=6)
    page.paragraph(document, "QUYẾT ĐỊNH:", size=14, bold=True, before=6, after=6)
    page.article(document, "Điều 1. ", text["article_1"])
    for line in text["annexes"]:
        page.paragraph(document, f"- {line}", align="justify", indent=True, after=6)
    page.article(document, "Điều 2. ", text["article_2"])
    page.article(document, "Điều 3. ", text["article_3"])
    _signature_block(document, text)
    if parts:
        add_annexes(document, assessment, parts, own_numbering=False)
    set_properties(document, assessment, "Dự thảo quyết định")
    return document


def write_decision(assessment, path: str | Path) -> Path:
    """Write the draft decision to ``path`` (.docx) atomically: the province's template when
    ``decision_draft.template`` names one, else the built-in layout."""
    draft = assessment.params.decision_draft
    if draft is not None and draft.template is not None:
        from egovnb.report.docx_template import fill_template

        return save(fill_template(assessment, draft.template), path)
    return save(decision_document(assessment), path)


def _header_block(document, text: dict) -> None:
    table = document.add_table(rows=1, cols=2)
    page.no_borders(table)
    page.fixed_widths(table, [LEFT_BLOCK, RIGHT_BLOCK])
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = table.rows[0].cells
    page.cell_line(left, text["authority"], size=HEADER_SIZE, bold=True)
    page.paragraph(left, text["authority_place"], size=HEADER_SIZE, bold=True)
    page.rule(left, int(Mm(22)), LEFT_BLOCK - Mm(4))
    page.paragraph(left, text["number"], size=13)
    page.cell_line(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=HEADER_SIZE, bold=True)
    page.paragraph(right, "Độc lập - Tự do - Hạnh phúc", size=14, bold=True)
    page.rule(right, int(Mm(62)), RIGHT_BLOCK - Mm(4))
    page.paragraph(right, text["place_date"], size=14, italic=True)




def _signature_block(document, text: dict) -> None:
    """"Nơi nhận:" (12 bold italic) and its list (11) on the left; who signs on the right."""
    page.paragraph(document, "", after=6)
    table = document.add_table(rows=1, cols=2)
    page.no_borders(table)
    page.fixed_widths(table, [Mm(80), Mm(85)])
    left, right = table.rows[0].cells
    heading = left.paragraphs[0]
    heading.alignment = WD_ALIGN_PARAGRAPH.LEFT
    page.add_run(heading, "Nơi nhận:", size=12, bold=True, italic=True)
    for line in text["recipients"]:
        page.paragraph(left, f"- {line}", size=11, align="left")
    page.cell_line(right, text["on_behalf"], size=14, bold=True)
    for line in (text["signer_title"], text["signer_subtitle"]):
        if line:
            page.paragraph(right, line, size=14, bold=True)
    for _ in range(4):  # room for the signature and the seal
        page.paragraph(right, "")
    page.paragraph(right, text["signer_name"], size=14, bold=True)
