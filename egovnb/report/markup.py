"""Small, safe HTML: every piece of text is escaped on the way in.

The report's blocks are built from these helpers so that a unit named
``<script>alert(1)</script>`` is shown as text, never run. Displayable objects
carry a plain-text twin, which is what notebooks without HTML (and nbval)
see.
"""

from __future__ import annotations

import html
from dataclasses import dataclass


def escape(text: object) -> str:
    """Text made safe for HTML content and attribute values (quotes included)."""
    return html.escape(str(text), quote=True)


def element(tag: str, content: str = "", **attributes: object) -> str:
    """``<tag attr="...">content</tag>``; ``content`` must already be HTML (escape text first).

    Attribute names ending in ``_`` lose it (``class_`` → ``class``); None values are left out.
    """
    attrs = "".join(f' {name.rstrip("_").replace("_", "-")}="{escape(value)}"'
                    for name, value in attributes.items() if value is not None)
    return f"<{tag}{attrs}>{content}</{tag}>"


def text_element(tag: str, text: object, **attributes: object) -> str:
    """An element whose content is plain text (escaped here)."""
    return element(tag, escape(text), **attributes)


@dataclass(frozen=True)
class Html:
    """A block of report HTML with its plain-text twin, displayable in a notebook."""

    html: str
    text: str

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return self.text

    def __add__(self, other: "Html") -> "Html":
        return Html(self.html + other.html, f"{self.text}\n{other.text}".strip("\n"))
