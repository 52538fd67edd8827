"""Text as data: Unicode NFC and whitespace folding, and slugs for file names."""

from __future__ import annotations

import hashlib
import re
import unicodedata

# A slug longer than this is cut and given a hash, so a file name stays far below the
# 255-byte limit of file systems (with room for "-2020.html" and a temporary prefix).
MAX_SLUG = 80


def clean_name(value: object) -> str:
    """A name as egovnb compares it: NFC, trimmed, inner whitespace folded to one space.

    Characters that cannot be seen are folded too, so that two names that look the same
    are one name: control characters (tab, line breaks, ``\\x01`` …) become a space, and
    format characters (zero-width space and joiners, byte-order marks, soft hyphens,
    direction marks) are dropped. A lone surrogate becomes U+FFFD. What is left can be
    written to any CSV, workbook cell or HTML page.
    """
    text = str(value)
    if not text.isprintable():  # only names with something unusual pay for the loop
        text = "".join(_visible(character) for character in text)
    return " ".join(unicodedata.normalize("NFC", text).split())


def _visible(character: str) -> str:
    category = unicodedata.category(character)
    if category == "Cc":
        return " "
    if category == "Cf":
        return ""
    if category == "Cs":
        return "\ufffd"
    return character


def slugify(value: str) -> str:
    """An ASCII file-name slug: ``Thừa Thiên Huế`` → ``thua-thien-hue``.

    Diacritics are dropped (đ → d); anything but letters and digits becomes a
    single hyphen. A name whose letters are not all Latin (``北京``), which would
    lose them, and a slug longer than :data:`MAX_SLUG`, get ``-`` and eight hex
    digits of the SHA-256 of the NFC name, so different names keep different slugs;
    Vietnamese names never do.
    """
    name = clean_name(value)
    text = unicodedata.normalize("NFD", name.replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    lossy = any(ch.isalnum() and not ch.isascii() for ch in text)
    text = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()
    if not name:
        return "unnamed"
    if lossy or not text or len(text) > MAX_SLUG:
        text = "-".join(part for part in (text[:MAX_SLUG - 9].strip("-"), name_hash(name)) if part)
    return text


def name_hash(name: str, length: int = 8) -> str:
    """A short stable hash of a name (hex digits of the SHA-256 of its NFC form)."""
    return hashlib.sha256(clean_name(name).encode("utf-8")).hexdigest()[:length]
