"""A chart's SVG written into the page itself, so its text can be selected, searched and read aloud.

The charts are SVG from matplotlib (:mod:`egovnb.report.charts`). An ``<img>`` of an
SVG shows it, but its text is out of reach of the page's search and selection; written
inline it is part of the page. Only what matplotlib writes goes in: the SVG is parsed
(with no document type, so no entity can be declared) and written again element by
element; an element, attribute or reference outside that set (a script, an event
handler, a link to another host, CSS other than matplotlib's one rule) keeps the chart
out, and the page shows it as an ``<img>`` as before. Its ids get a prefix of the
chart's place in the page (``chart3-clip…``), so two charts never define the same id;
the prefix, like matplotlib's salted ids, is the same from run to run. The alt text
becomes the SVG's ``<title>`` with ``role="img"``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html import escape

SVG = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
# The elements matplotlib's SVG backend writes (and a few plain shapes); none can run code.
ELEMENTS = frozenset({"svg", "g", "defs", "path", "clipPath", "pattern", "use", "text", "tspan", "rect", "line",
                      "polyline", "polygon", "circle", "ellipse", "image", "linearGradient", "radialGradient",
                      "stop", "mask", "symbol", "marker"})
# Left out: the RDF metadata (format and type of the file), and matplotlib's one CSS rule,
# given instead as attributes of the root (below) so that no rule of a chart reaches the page.
LEFT_OUT = frozenset({"metadata", "title", "desc"})
MATPLOTLIB_CSS = "*{stroke-linejoin: round; stroke-linecap: butt}"
ROOT_STYLE = {"stroke-linejoin": "round", "stroke-linecap": "butt"}
# Root attributes replaced by the page's own (its size in CSS pixels) or of no use inline.
ROOT_REPLACED = frozenset({"width", "height", "version"})
_ATTRIBUTE = re.compile(r"^[a-zA-Z][a-zA-Z0-9:_-]*$")
_URL = re.compile(r"url\(\s*([^)]*?)\s*\)")
_IMAGE = re.compile(r"^data:image/png;base64,[A-Za-z0-9+/=\s]*$")


class NotInlined(ValueError):
    """The SVG holds something a matplotlib chart does not: it is shown as an image instead."""


def inline_svg(svg: str, alt: str, prefix: str, width=None, height=None) -> str:
    """``svg`` (a matplotlib chart) as markup for the page: its ids prefixed with ``prefix``,
    ``alt`` as its title, ``width`` × ``height`` CSS pixels when given. Raises
    :class:`NotInlined` when the SVG holds anything a matplotlib chart does not."""
    start = svg.find("<svg")
    if start < 0:
        raise NotInlined("no <svg> element")
    try:
        root = ET.fromstring(svg[start:])  # without the prolog: no DOCTYPE, so no entity
    except ET.ParseError as error:
        raise NotInlined(f"not well-formed: {error}") from None
    if root.tag != SVG + "svg":
        raise NotInlined("the root is not an SVG element")
    title_id = f"{prefix}title"
    attributes = {"role": "img", "aria-labelledby": title_id}
    if width:
        attributes["width"] = str(int(width))
    if height:
        attributes["height"] = str(int(height))
    own = _attributes(root, prefix)
    attributes.update({k: v for k, v in own.items() if k not in ROOT_REPLACED})
    for style in root.iter(SVG + "style"):
        if (style.text or "").strip() != MATPLOTLIB_CSS or len(style):
            raise NotInlined("CSS other than matplotlib's")
        attributes.update(ROOT_STYLE)
    parts = ["<svg" + _attribute_text(attributes) + ">",
             f'<title id="{escape(title_id)}">{escape(alt, quote=False)}</title>']
    _children(root, prefix, parts)
    parts.append("</svg>")
    return "".join(parts)


# Elements whose text is shown: elsewhere the indentation between elements is left out.
TEXT_ELEMENTS = frozenset({"text", "tspan"})


def _children(element, prefix: str, parts: list[str]) -> None:
    shown = _name(element.tag) in TEXT_ELEMENTS
    if element.text and (shown or element.text.strip()):
        parts.append(escape(element.text, quote=False))
    for child in element:
        name = _name(child.tag)
        if name in LEFT_OUT or name == "style":  # the style checked and given to the root
            pass
            pass
        elif name in ELEMENTS:
            parts.append(f"<{name}{_attribute_text(_attributes(child, prefix))}>")
            _children(child, prefix, parts)
            parts.append(f"</{name}>")
        else:
            raise NotInlined(f"element <{name}>")
        if child.tail and (shown or child.tail.strip()):
            parts.append(escape(child.tail, quote=False))


def _name(tag: str) -> str:
    if not tag.startswith(SVG):
        raise NotInlined(f"element {tag} outside SVG")
    return tag[len(SVG):]


def _attributes(element, prefix: str) -> dict[str, str]:
    """An element's attributes with ids and references made the page's own; raises
    :class:`NotInlined` for an event handler, a reference out of the chart, or unknown
    namespaced attributes."""
    result = {}
    for key, value in element.attrib.items():
        if key == XLINK_HREF or key == "href":
            name = "href"  # SVG 2 (and WeasyPrint) read it without the XLink namespace
            if value.startswith("#"):
                value = "#" + prefix + value[1:]
            elif not (_name(element.tag) == "image" and _IMAGE.match(value)):
                raise NotInlined(f"a reference to {value[:40]!r}")
        elif key.startswith("{") or not _ATTRIBUTE.match(key) or key.lower().startswith("on"):
            raise NotInlined(f"attribute {key!r}")
        else:
            name = key
            if key == "id":
                value = prefix + value
            value = _URL.sub(lambda m: _local(m.group(1), prefix), value)
        result[name] = value
    return result


def _local(reference: str, prefix: str) -> str:
    reference = reference.strip("'\"")
    if not reference.startswith("#"):
        raise NotInlined(f"a reference to {reference[:40]!r}")
    return f"url(#{prefix}{reference[1:]})"


def _attribute_text(attributes: dict[str, str]) -> str:
    return "".join(f' {key}="{escape(value)}"' for key, value in attributes.items())
