"""The PDF as a province publishes it: running header, page numbers, table headers on every page,
no header or single row alone at a page's foot or head, Vietnamese glyphs in the provenance."""

from __future__ import annotations

import re
import shutil
import subprocess

import pandas as pd
import pytest

from egovnb.publish.exporters import html_to_pdf
from egovnb.publish.notebooks import TEMPLATES
from egovnb.report.tables import Table

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is missing")

CSS = (TEMPLATES / "egovnb" / "report.css").read_text(encoding="utf-8")
PARAMS_TEXT = "province: Thừa Thiên Huế\ntitle: Kết quả đánh giá, xếp hạng mức độ Chính quyền điện tử\n"


def page(body: str) -> str:
    return (f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><style>{CSS}</style></head>'
            f'<body><main class="report"><header class="report-header"><p class="kicker">Thừa Thiên Huế · '
            f'Năm 2020</p><h1>Báo cáo</h1></header>{body}</main></body></html>')


def pages_text(pdf: bytes, tmp_path) -> list[str]:
    path = tmp_path / "x.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout
    return [p for p in text.split("\f") if p.strip()]


def rows_on(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"Đơn vị số (\d+)\b", text)]


# Where the page breaks would otherwise leave a header with one row at the foot of page 1
# (a 203 mm block before 70 rows) or one row alone on the last page (37 rows).
@pytest.mark.parametrize(("lead_mm", "n"), [(203, 70), (0, 37), (0, 90)])
def test_long_table_repeats_its_header_and_leaves_no_row_alone(tmp_path, lead_mm, n):
    units = pd.DataFrame({"STT": [str(i) for i in range(1, n + 1)],
                          "Tên đơn vị": [f"Đơn vị số {i}" for i in range(1, n + 1)],
                          "Mức độ": ["I"] * n})
    table = Table(units, "Phụ lục", numeric=("STT",), wide=("Tên đơn vị",)).to_html()
    lead = f'<div style="height: {lead_mm}mm"></div>'
    pdf = html_to_pdf(page(lead + table + f'<pre class="params">{PARAMS_TEXT}</pre>'))
    texts = pages_text(pdf, tmp_path)
    assert len(texts) >= 2
    for number, text in enumerate(texts, start=1):
        assert re.search(rf"\b{number}\s*/\s*{len(texts)}\s*$", text)  # page numbers
        if number > 1:
            assert text.lstrip().startswith("Thừa Thiên Huế · Năm 2020")  # the running header
        rows = rows_on(text)
        if rows:
            assert "Tên đơn vị" in text  # the header on each page of the table
            assert len(rows) >= 2  # never a lone row (nor a header with one row)
    assert sorted(n for text in texts for n in rows_on(text)) == list(range(1, n + 1))
    assert "province: Thừa Thiên Huế" in texts[-1]


def test_provenance_is_monospace_with_vietnamese_glyphs():
    """Every font named for code must fall back to one with the Vietnamese letters with two
    marks: DejaVu Sans Mono alone lacks them (ế, ồ, ữ) and Chromium then breaks them apart."""
    assert re.search(r"pre, code \{ font-family: var\(--mono\); \}", CSS)
    faces = re.findall(r"@font-face \{([^}]*)\}", CSS)
    vietnamese = [f for f in faces if "U+1EA0-1EF9;" in f]
    assert vietnamese and 'local("DejaVu Sans")' in vietnamese[0]
    print_rules = CSS[CSS.index("@media print"):]
    assert re.search(r'--mono: "egovnb mono"', print_rules)
    assert re.search(r'body \{[^}]*font-family: "DejaVu Sans",', print_rules)
