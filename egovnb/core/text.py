"""Text as data: Unicode NFC and whitespace folding, and slugs for file names."""

from __future__ import annotations

import re
import unicodedata


def clean_name(value: object) -> str:
    """A name as egovnb compares it: NFC, trimmed, inner whitespace folded to one space."""
    return " ".join(unicodedata.normalize("NFC", str(value)).split())


def slugify(value: str) -> str:
    """An ASCII file-name slug: ``Thừa Thiên Huế`` → ``thua-thien-hue``.

    Diacritics are dropped (đ → d); anything but letters and digits becomes a
    single hyphen.
    """
    text = unicodedata.normalize("NFD", clean_name(value).replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()
    return text or "unnamed"
