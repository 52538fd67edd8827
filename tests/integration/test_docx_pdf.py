"""The Word annexes and draft decision as LibreOffice prints them: pages and text read back with pdftotext."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from egovnb.core.assessment import assess
from egovnb.report.docx_annex import write_annexes
from egovnb.report.docx_decision import write_decision

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")),
                                reason="LibreOffice or poppler-utils is not installed")


def to_pdf(docx: Path, folder: Path) -> list[str]:
    """The PDF pages' text (LibreOffice headless, then pdftotext -layout)."""
    result = subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{folder}/profile",
                             "--convert-to", "pdf", "--outdir", str(folder), str(docx)],
                            capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr
    text = subprocess.run(["pdftotext", "-layout", str(docx.with_suffix(".pdf")), "-"], capture_output=True,
                          text=True, check=True).stdout
    return text.split("\f")[:-1]


def test_hue_decision_prints_as_a_province_prints_it(tmp_path):
    pages = to_pdf(write_decision(assess(ROOT / "params/thua-thien-hue-2020.yaml"), tmp_path / "qd.docx"), tmp_path)
    assert len(pages) == 3  # the decision, then one page an annex
    first = pages[0]
    assert "ỦY BAN NHÂN DÂN" in first and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in first
    assert "Số: 3402/QĐ-UBND" in first and "Thừa Thiên Huế, ngày 31 tháng 12 năm 2020" in first
    assert "QUYẾT ĐỊNH:" in first and "Nơi nhận:" in first
    assert "Phụ lục I" in pages[1] and "Phụ lục II" in pages[2]
    # Page numbers from the second page on, in the top margin.
    assert pages[1].strip().splitlines()[0].strip() == "2"
    assert pages[2].strip().splitlines()[0].strip() == "3"
    assert "Sở Du lịch" in pages[1] and "86,17372" in pages[1] and "85,36%" in pages[2]


def test_a_long_annex_repeats_its_header_on_every_page(tmp_path):
    pages = to_pdf(write_annexes(assess(ROOT / "params/gia-lai-2022.yaml"), tmp_path / "phu-luc.docx"), tmp_path)
    start = next(i for i, page in enumerate(pages) if "Phụ lục III" in page)
    communes = pages[start:]
    assert len(communes) >= 3 and "Phụ lục III" not in communes[1]
    assert all("STT" in page and "Tên đơn vị" in page for page in pages)
    # The communes' annex is numbered on its own: no number on its first page, 2 on the next.
    assert communes[1].strip().splitlines()[0].strip() == "2"
    text = "\n".join(pages)
    assert "118,348" in text and "154,603" in text and "Không" in text
