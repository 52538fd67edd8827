"""Charts written into the page as inline SVG (egovnb.publish.inline_svg)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from egovnb.core.assessment import assess
from egovnb.publish.inline_svg import NotInlined, inline_svg
from egovnb.report import charts_tier

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def chart():
    hue = assess(ROOT / "params" / "thua-thien-hue-2020.yaml")
    return charts_tier.ranking_chart(hue.scores, hue.framework.tiers["huyen-ket-qua"], "vi")


def ids(markup: str) -> set[str]:
    return set(re.findall(r'\bid="([^"]+)"', markup))


def test_inline_chart_keeps_its_text_and_prefixes_its_ids(chart):
    markup = inline_svg(chart.svg.decode("utf-8"), chart.alt, "chart2-", chart.width, chart.height)
    assert markup.startswith(f'<svg role="img" aria-labelledby="chart2-title" width="864" height="{chart.height}" '
                             'viewBox="0 0 648 ')
    assert markup.endswith("</svg>")
    assert f'<title id="chart2-title">{chart.alt}</title>' in markup
    # The names are text of the page, with their diacritics.
    assert ">1. UBND huyện Nam Đông<" in markup and ">85,36% · II<" in markup
    # Every id is the chart's own, and every reference points at one of them.
    assert ids(markup) and all(i.startswith("chart2-") for i in ids(markup))
    references = re.findall(r'url\(#([^)]+)\)|href="#([^"]+)"', markup)
    assert references and {a or b for a, b in references} <= ids(markup)
    # Nothing of the file around the chart: no prolog, metadata, namespace URL or CSS rule.
    for absent in ("<?xml", "<!DOCTYPE", "<metadata", "http://", "<style", "xlink:"):
        assert absent not in markup
    assert 'stroke-linejoin="round" stroke-linecap="butt"' in markup  # matplotlib's CSS rule, as attributes
    ET.fromstring(markup.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1))  # well-formed


def test_two_charts_never_share_an_id(chart):
    svg = chart.svg.decode("utf-8")
    first, second = inline_svg(svg, chart.alt, "chart1-", None, None), inline_svg(svg, chart.alt, "chart2-")
    assert not ids(first) & ids(second)
    assert inline_svg(svg, chart.alt, "chart1-") == first  # the same bytes each time
    assert ' width="' not in first.split(">", 1)[0]  # no size given: the viewBox alone


def test_alt_text_is_escaped(chart):
    markup = inline_svg(chart.svg.decode("utf-8"), 'Xã <script>alert(1)</script> & "A"', "c-")
    assert "<title id=\"c-title\">Xã &lt;script&gt;alert(1)&lt;/script&gt; &amp; \"A\"</title>" in markup
    assert "<script" not in markup


SVG_HEAD = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">'


@pytest.mark.parametrize("body", [
    "<script>alert(1)</script>",
    '<g onload="alert(1)"/>',
    '<foreignObject><p xmlns="http://www.w3.org/1999/xhtml">x</p></foreignObject>',
    '<use xlink:href="https://example.org/x.svg#a"/>',
    '<image href="file:///etc/passwd"/>',
    '<image href="data:text/html;base64,PHNjcmlwdD4="/>',
    '<path style="fill: url(https://example.org/p)"/>',
    '<a href="#x"><text>x</text></a>',
    "<style>svg { display: none }</style>",
    '<path xml:space="preserve" d="M 0 0"/>',
])
def test_anything_a_matplotlib_chart_does_not_hold_keeps_it_out(body):
    with pytest.raises(NotInlined):
        inline_svg(SVG_HEAD + body + "</svg>", "alt", "c-")


@pytest.mark.parametrize("svg", [
    "<p>not an svg</p>",
    "<svg",
    '<!DOCTYPE svg [<!ENTITY a "b">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>',
    '<svg xmlns="http://www.w3.org/1999/xhtml"/>',
])
def test_what_is_not_an_svg_is_not_inlined(svg):
    with pytest.raises(NotInlined):
        inline_svg(svg, "alt", "c-")


def test_a_png_inside_a_chart_is_kept():
    png = "data:image/png;base64,iVBORw0KGgo="
    markup = inline_svg(SVG_HEAD + f'<image xlink:href="{png}" width="1" height="1"/></svg>', "alt", "c-")
    assert f'<image href="{png}" width="1" height="1"></image>' in markup


def test_the_page_writes_charts_inline_numbered_and_falls_back_to_an_image(chart):
    from nbformat.v4 import new_code_cell, new_notebook, new_output

    from egovnb.publish.exporters import html_exporter

    def svg_output(svg: str, alt: str):
        return new_output("display_data", data={"image/svg+xml": svg, "text/plain": alt},
                          metadata={"image/svg+xml": {"width": 864, "height": 300, "alt": alt}})

    hostile = SVG_HEAD + "<script>alert(1)</script></svg>"
    svg = chart.svg.decode("utf-8")
    nb = new_notebook(cells=[new_code_cell("x", outputs=[svg_output(svg, "Biểu đồ một"), svg_output(svg, "Biểu đồ hai")]),
                             new_code_cell("y", outputs=[svg_output(hostile, "Không phải biểu đồ")])])
    page, _ = html_exporter().from_notebook_node(nb)
    assert page.count('<svg role="img"') == 2
    assert '<title id="chart1-title">Biểu đồ một</title>' in page and '<title id="chart2-title">Biểu đồ hai</title>' in page
    # The SVG that is not a chart is not written into the page: an image, where no script runs.
    assert page.count("<img ") == 1 and 'alt="Không phải biểu đồ"' in page and "<script" not in page
    again, _ = html_exporter().from_notebook_node(nb)
    assert again == page  # numbered afresh for each page
