"""The page and type of an administrative document (Nghị định 30/2020/NĐ-CP, Phụ lục I), for python-docx.

A4, margins top and bottom 20 mm, left 30 mm, right 15 mm; Times New Roman (a Unicode
font, TCVN 6909:2001) in black; page numbers in Arabic numerals centred in the top margin,
none on a document's (or a separately numbered annex's) first page. A table's header row
repeats on every page (``w:tblHeader``) and no row is split across pages (``w:cantSplit``):
python-docx has no API for these, so they are set with its ``OxmlElement``. A wide table
gets a landscape section of its own. The rules under the header lines are bottom borders of
short paragraphs, which Word and LibreOffice both draw where the paragraph is.
"""

from __future__ import annotations

from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

FONT = "Times New Roman"
PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
TOP, BOTTOM, LEFT, RIGHT = Mm(20), Mm(20), Mm(30), Mm(15)
HEADER_DISTANCE = Mm(10)   # the page number sits in the top margin
BODY_SIZE = 14             # points: body text 13–14
FIRST_LINE = Mm(12.7)      # first-line indent 1–1,27 cm
AFTER = Pt(6)              # at least 6 pt between paragraphs
BLACK = RGBColor(0, 0, 0)


def new_document():
    """An empty document whose styles are Times New Roman 14, black, single spaced, and whose
    first section is A4 portrait with the decree's margins."""
    from docx import Document

    document = Document()
    for name in ("Normal", "Table Grid"):
        try:
            style = document.styles[name]
        except KeyError:
            continue
        style.font.name = FONT
        style.font.size = Pt(BODY_SIZE)
        style.font.color.rgb = BLACK
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(attribute), FONT)
    normal = document.styles["Normal"].paragraph_format
    normal.space_before, normal.space_after, normal.line_spacing = Pt(0), Pt(0), 1.0
    set_page(document.sections[0], landscape=False)
    return document


def set_page(section, landscape: bool) -> None:
    """A4 in the decree's margins, portrait or landscape (the binding margin stays on the left)."""
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (PAGE_HEIGHT, PAGE_WIDTH) if landscape else (PAGE_WIDTH, PAGE_HEIGHT)
    section.top_margin, section.bottom_margin = TOP, BOTTOM
    section.left_margin, section.right_margin = LEFT, RIGHT
    section.header_distance = HEADER_DISTANCE
    section.footer_distance = HEADER_DISTANCE


def text_width(section) -> int:
    """The width between the margins (EMU)."""
    return section.page_width - section.left_margin - section.right_margin


def new_section(document, landscape: bool, restart_numbers: bool):
    """A new section starting on a new page. ``restart_numbers``: numbered from 1 with no
    number on its first page (an annex numbered on its own); else numbering goes on and
    every page of the section shows its number."""
    section = document.add_section(WD_SECTION.NEW_PAGE)
    set_page(section, landscape)
    page_numbers(section, first_page=not restart_numbers, restart=restart_numbers)
    return section


def page_numbers(section, first_page: bool = False, restart: bool = False) -> None:
    """The page number centred in the top margin, size 13; ``first_page`` False leaves the
    section's first page without one (a different first-page header); ``restart`` numbers
    the section from 1."""
    section.different_first_page_header_footer = not first_page
    section.header.is_linked_to_previous = False
    paragraph = section.header.paragraphs[0]
    for run in list(paragraph.runs):
        run._r.getparent().remove(run._r)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field(paragraph, "PAGE", size=13)
    if not first_page:
        section.first_page_header.is_linked_to_previous = False
        for extra in section.first_page_header.paragraphs:
            for run in list(extra.runs):
                run._r.getparent().remove(run._r)
    numbering = section._sectPr.find(qn("w:pgNumType"))
    if restart:
        if numbering is None:
            numbering = OxmlElement("w:pgNumType")
            _insert(section._sectPr, numbering)
        numbering.set(qn("w:start"), "1")
    elif numbering is not None:
        section._sectPr.remove(numbering)


def _field(paragraph, instruction: str, size: float) -> None:
    """A field (PAGE) in ``paragraph``: begin, instruction, separate, a shown value, end."""
    def run_with(element):
        run = paragraph.add_run()
        style_run(run, size=size)
        run._r.append(element)
        return run

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    run_with(code)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run_with(separate)
    shown = paragraph.add_run("1")
    style_run(shown, size=size)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def style_run(run, size: float = BODY_SIZE, bold: bool = False, italic: bool = False) -> None:
    """Times New Roman (every script slot, so Vietnamese never falls back), size, weight, black."""
    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    run.font.color.rgb = BLACK
    fonts = run._r.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), FONT)


def paragraph(container, text: str = "", *, size: float = BODY_SIZE, bold: bool = False, italic: bool = False,
              align: str = "center", indent: bool = False, after: float = 0, before: float = 0, keep: bool = False):
    """A paragraph of one run in ``container`` (document or cell): ``align`` center, left,
    right or justify; ``indent`` the first-line indent of body text; ``after``/``before`` in
    points; ``keep`` keeps it on the page of the next paragraph."""
    target = container.add_paragraph()
    target.alignment = {"center": WD_ALIGN_PARAGRAPH.CENTER, "left": WD_ALIGN_PARAGRAPH.LEFT,
                        "right": WD_ALIGN_PARAGRAPH.RIGHT, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}[align]
    layout = target.paragraph_format
    layout.space_after, layout.space_before = Pt(after), Pt(before)
    if indent:
        layout.first_line_indent = FIRST_LINE
    if keep:
        layout.keep_with_next = True
    if text:
        style_run(target.add_run(text), size=size, bold=bold, italic=italic)
    return target


def add_run(target, text: str, *, size: float = BODY_SIZE, bold: bool = False, italic: bool = False):
    run = target.add_run(text)
    style_run(run, size=size, bold=bold, italic=italic)
    return run


def cell_line(cell, text: str, **style) -> None:
    """Text in a table cell's first (empty) paragraph, centred (the header and signature blocks)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    first = cell.paragraphs[0]
    first.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_run(first, text, **style)


def article(document, head: str, text: str) -> None:
    """An article of a decision: its head in bold ("Điều 1. "), its text, justified, indented."""
    body = paragraph(document, align="justify", indent=True, after=6)
    add_run(body, head, bold=True)
    add_run(body, text)


def rule(container, width, total) -> None:
    """A centred horizontal rule ``width`` long (EMU) in a space ``total`` wide: a tiny
    paragraph with a bottom border, indented from both sides."""
    line = container.add_paragraph()
    side = max(0, int((total - width) / 2))
    layout = line.paragraph_format
    layout.left_indent, layout.right_indent = side, side
    layout.space_before, layout.space_after = Pt(2), Pt(6)
    properties = line._p.get_or_add_pPr()
    mark = OxmlElement("w:rPr")  # the empty line's own height: 1 pt, so the rule sits under the text
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "2")
    mark.append(size)
    _insert(properties, mark)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    _insert(properties, borders)


def repeat_header(row) -> None:
    """Print ``row`` again at the top of every page the table runs onto."""
    _row_flag(row, "w:tblHeader")


def keep_row_whole(row) -> None:
    """Never split ``row`` across two pages."""
    _row_flag(row, "w:cantSplit")


def _row_flag(row, tag: str) -> None:
    properties = row._tr.get_or_add_trPr()
    if properties.find(qn(tag)) is None:
        _insert(properties, OxmlElement(tag))  # on when present (w:val defaults to true)


def no_borders(table) -> None:
    """A table drawn without lines (the header and signature blocks)."""
    _borders(table, "nil")


def grid_lines(table) -> None:
    """Thin black lines around every cell (where the document has no "Table Grid" style)."""
    _borders(table, "single")


def _borders(table, kind: str) -> None:
    properties = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), kind)
        if kind != "nil":
            element.set(qn("w:sz"), "4")
            element.set(qn("w:color"), "000000")
        borders.append(element)
    _insert(properties, borders)


def fixed_widths(table, widths: list[int]) -> None:
    """Columns of exactly ``widths`` (EMU), the table centred and not resized by the reader."""
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    _insert(table._tbl.tblPr, layout)
    for column, width in zip(table.columns, widths):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width


def page_break(document) -> None:
    from docx.enum.text import WD_BREAK

    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


# The order WordprocessingML requires of the children of paragraph, row and table properties
# (Word refuses a file whose elements are out of order; LibreOffice forgives it).
_ORDER = {
    "w:pPr": ("w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl",
              "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens",
              "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN",
              "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
              "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
              "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange"),
    "w:trPr": ("w:cnfStyle", "w:divId", "w:gridBefore", "w:gridAfter", "w:wBefore", "w:wAfter", "w:cantSplit",
               "w:trHeight", "w:tblHeader", "w:tblCellSpacing", "w:jc", "w:hidden", "w:ins", "w:del",
               "w:trPrChange"),
    "w:sectPr": ("w:headerReference", "w:footerReference", "w:footnotePr", "w:endnotePr", "w:type", "w:pgSz",
                 "w:pgMar", "w:paperSrc", "w:pgBorders", "w:lnNumType", "w:pgNumType", "w:cols", "w:formProt",
                 "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid",
                 "w:printerSettings", "w:sectPrChange"),
    "w:tblPr": ("w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
                "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders",
                "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription"),
}


def _insert(parent, element) -> None:
    """Put ``element`` among ``parent``'s children where the schema orders it, replacing one
    of the same name."""
    order = next(tags for tag, tags in _ORDER.items() if parent.tag == qn(tag))
    name = next(tag for tag in order if qn(tag) == element.tag)
    existing = parent.find(element.tag)
    if existing is not None:
        parent.remove(existing)
    later = [qn(tag) for tag in order[order.index(name) + 1:]]
    for child in parent:
        if child.tag in later:
            child.addprevious(element)
            return
    parent.append(element)
