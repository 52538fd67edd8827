"""The sample reports render with every private internal of other libraries taken away
(egovnb.core.internals): the same page around the charts, and charts with the same texts at the
same places and the same marks; only how the drawing is grouped may differ."""

from __future__ import annotations

import base64
import re
from pathlib import Path

import pytest

from egovnb.core import internals
from egovnb.publish import render

from ..unit.test_ticks import drawn

ROOT = Path(__file__).resolve().parents[2]
INLINE = re.compile(r"<svg\b.*?</svg>", re.S)
DATA_URI = re.compile(r'data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)')

pytestmark = pytest.mark.slow


def charts_and_page(html: str) -> tuple[list[str], str]:
    """The page's charts (SVG text, inline or as data URIs) and the page with each chart cut out."""
    charts = [base64.b64decode(m).decode("utf-8") for m in DATA_URI.findall(html)] + INLINE.findall(html)
    page = INLINE.sub("<svg/>", DATA_URI.sub("data:chart", html))
    return charts, page


@pytest.mark.parametrize("params", ["thua-thien-hue-2020.yaml", "gia-lai-2022.yaml"])
def test_a_sample_report_renders_the_same_without_private_internals(monkeypatch, tmp_path, params):
    usual = render.run_report(ROOT / "params" / params, reports_root=tmp_path / "usual").read_text(encoding="utf-8")
    monkeypatch.setenv(internals.TAKEN_AWAY, "all")
    public = render.run_report(ROOT / "params" / params, reports_root=tmp_path / "public").read_text(encoding="utf-8")
    (usual_charts, usual_page), (public_charts, public_page) = charts_and_page(usual), charts_and_page(public)
    assert public_page == usual_page
    assert len(public_charts) == len(usual_charts) >= 3
    for before, after in zip(usual_charts, public_charts):
        assert drawn(after) == drawn(before)
        assert after.count("<pattern") == before.count("<pattern")
