"""Build the example Word template of a draft decision: params/templates/quyet-dinh.docx.

A province copies it, puts its letterhead and fixed wording in Word, keeps the Jinja tags
where egovnb fills in what the params give, and names it in the params:

    decision_draft:
      template: templates/quyet-dinh.docx

The variables are those of egovnb.report.docx_template (and the README). Run from the
repository's root: ``.venv/bin/python tools/make_decision_template.py``. The same code gives
the same bytes (fixed zip times and document dates).
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm

from egovnb.report import docx_layout as page
from egovnb.report.docx_annex import save

OUT = Path(__file__).resolve().parents[1] / "params" / "templates" / "quyet-dinh.docx"


def build():
    document = page.new_document()
    section = document.sections[0]
    page.page_numbers(section, first_page=False)
    header = document.add_table(rows=1, cols=2)
    page.no_borders(header)
    page.fixed_widths(header, [Mm(62), Mm(103)])
    left, right = header.rows[0].cells
    page.cell_line(left, "{{ authority }}", size=13, bold=True)
    page.paragraph(left, "{{ authority_place }}", size=13, bold=True)
    page.rule(left, int(Mm(22)), Mm(58))
    page.paragraph(left, "{{ number }}", size=13)
    page.cell_line(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=13, bold=True)
    page.paragraph(right, "Độc lập - Tự do - Hạnh phúc", size=14, bold=True)
    page.rule(right, int(Mm(62)), Mm(99))
    page.paragraph(right, "{{ place_date }}", size=14, italic=True)
    page.paragraph(document, "QUYẾT ĐỊNH", size=14, bold=True, before=12)
    page.paragraph(document, "{{ summary }}", size=14, bold=True)
    page.rule(document, int(Mm(45)), page.text_width(section))
    page.paragraph(document, "{{ issuer }}", size=14, bold=True, after=12)
    page.paragraph(document, "{%p for line in bases %}", align="left")
    page.paragraph(document, "{{ line }}", italic=True, align="justify", indent=True, after=6)
    page.paragraph(document, "{%p endfor %}", align="left")
    page.paragraph(document, "{{ proposal }}", italic=True, align="justify", indent=True, after=6)
    page.paragraph(document, "QUYẾT ĐỊNH:", size=14, bold=True, before=6, after=6)
    page.article(document, "Điều 1. ", "{{ article_1 }}")
    page.paragraph(document, "{%p for line in annexes %}", align="left")
    page.paragraph(document, "- {{ line }}", align="justify", indent=True, after=6)
    page.paragraph(document, "{%p endfor %}", align="left")
    page.article(document, "Điều 2. ", "{{ article_2 }}")
    page.article(document, "Điều 3. ", "{{ article_3 }}")
    page.paragraph(document, "", after=6)
    signature = document.add_table(rows=1, cols=2)
    page.no_borders(signature)
    page.fixed_widths(signature, [Mm(80), Mm(85)])
    received, signs = signature.rows[0].cells
    first = received.paragraphs[0]
    first.alignment = WD_ALIGN_PARAGRAPH.LEFT
    page.add_run(first, "Nơi nhận:", size=12, bold=True, italic=True)
    page.paragraph(received, "{%p for line in recipients %}", size=11, align="left")
    page.paragraph(received, "- {{ line }}", size=11, align="left")
    page.paragraph(received, "{%p endfor %}", size=11, align="left")
    page.cell_line(signs, "{{ on_behalf }}", size=14, bold=True)
    page.paragraph(signs, "{{ signer_title }}", size=14, bold=True)
    page.paragraph(signs, "{{ signer_subtitle }}", size=14, bold=True)
    for _ in range(4):
        page.paragraph(signs, "")
    page.paragraph(signs, "{{ signer_name }}", size=14, bold=True)
    document.core_properties.title = "Mẫu dự thảo quyết định (egovnb)"
    return document




def main(out: Path = OUT) -> Path:
    import datetime as dt

    document = build()
    core = document.core_properties
    core.author = core.last_modified_by = "egovnb"
    core.created = core.modified = dt.datetime(1980, 1, 1)
    core.revision = 1
    return save(document, out)


if __name__ == "__main__":
    print(main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT))
