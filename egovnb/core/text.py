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


# --- text in a legacy Vietnamese encoding -----------------------------------------------------------
# Before Unicode, Vietnamese was typed in 8-bit encodings shown through their own fonts (.VnTime
# for TCVN3/ABC, VNI-Times for VNI). Such text read as Unicode keeps the 8-bit code points:
# "Sở Tài chính" is "Së Tµi chÝnh" in TCVN3 and "Sôû Taøi chính" in VNI. UTF-8 read as Windows-1252
# and saved again ("mojibake") turns it into "Sá»Ÿ TÃ i chÃ­nh".

# Letters of Vietnamese beyond Latin-1 (ă đ ĩ ũ ơ ư and the Latin Extended Additional block):
# text that has them is Unicode Vietnamese.
_VIETNAMESE_ONLY = re.compile("[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0"
                              "\u1ea0-\u1ef9]")
# TCVN3 code points shown as Latin-1 symbols, which no word holds: à ả ã á ạ ằ ẳ ẵ ắ ă â ê ô ơ ư đ …
_TCVN3_SYMBOLS = frozenset("¡¢£¤¥¦§¨©ª«¬\u00ad®µ¶·¸¹»¼½¾")
# TCVN3 code points shown as Latin-1 letters Vietnamese does not have (ở ệ ị ủ ừ ự …): a hint when
# they follow a consonant, as TCVN3 vowels do.
_TCVN3_LETTERS = frozenset("ÆÇËÎÏÐÑÖ×ØÜÞßäåæçëîïñöøûüþ")
_VOWELS = frozenset("aeiouyAEIOUYôÔơƠ")
# VNI writes a vowel, then its marks as a second byte: ø (grave), û (hook), õ (tilde) after a vowel
# never occur in Vietnamese or in most other languages; ï ä å ë ü after a vowel seldom do.
_VNI_STRONG = frozenset("øûõØÛÕ")
_VNI_WEAK = frozenset("ïäåëüÏÄÅËÜ")
# UTF-8 of Vietnamese letters read as Windows-1252: "á»" and "áº" lead every letter of the Latin
# Extended Additional block, "Ä‘" is đ, "Æ°" ư, "Æ¡" ơ, "Ã" then a symbol the Latin-1 letters.
_MOJIBAKE = re.compile("á»|áº|Ä‘|Ä\u0090|Æ°|Æ¡|Ã[\u0080-\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]")


# Every sign below involves a character of this class (Latin-1 symbols and letters Vietnamese lacks,
# Latin-1 capitals, õ): text without any (most Vietnamese names) is looked at no further.
_SUSPECT = re.compile("[\u0080-\u00bf\u00c0-\u00df\u00e4-\u00e7\u00eb\u00ee-\u00f1\u00f5-\u00f8\u00fb\u00fc"
                      "\u00fe\u00ff]")


def may_be_legacy(text: str) -> bool:
    """False when no text of ``text`` (many joined by line breaks) can look like a legacy
    encoding: one scan decides for a whole column of names."""
    return not text.isascii() and _SUSPECT.search(text) is not None


def legacy_encoding(text: str) -> str | None:
    """The legacy encoding a text looks typed in, by character statistics: ``TCVN3`` (ABC),
    ``VNI``, or ``UTF-8 read as Windows-1252``; None for Unicode text (Vietnamese, English
    or other). A text with a letter only Unicode Vietnamese has (ơ, ư, đ, ế …) is Unicode."""
    if text.isascii() or not _SUSPECT.search(text):
        return None
    if _MOJIBAKE.search(text):
        return "UTF-8 read as Windows-1252 (mojibake)"
    if _VIETNAMESE_ONLY.search(text):
        return None
    tcvn = vni = 0
    previous = " "
    for position, character in enumerate(text):
        if character in _TCVN3_SYMBOLS:
            # A TCVN3 vowel follows a letter; « · » between spaces, or » closing a word, are punctuation.
            following = text[position + 1:position + 2]
            tcvn += 2 if previous.isalpha() and (character != "»" or following.isalpha()) else 0
        elif previous in _VOWELS and character in _VNI_STRONG:
            vni += 2
        elif previous in _VOWELS and character in _VNI_WEAK:
            vni += 1
        elif not character.isascii() and character.isupper() and previous.islower():
            tcvn += 2  # a capital inside a word: TCVN3 puts ệ, í, ế … at Latin-1 capitals ("huyÖn", "tÕ")
        elif character in _TCVN3_LETTERS and previous.isalpha() and previous not in _VOWELS:
            tcvn += 2 if character == "ß" else 1  # German writes ß after a vowel, TCVN3 (ò) after a consonant
        elif character in "ñÑ" and not previous.isalpha():
            vni += 1  # đ at the start of a word
        previous = character
    if max(tcvn, vni) < 2:
        return None
    return "VNI" if vni > tcvn else "TCVN3 (ABC)"


def legacy_message(text: str, encoding: str) -> str:
    """The message for a text that looks typed in a legacy encoding (or mis-decoded)."""
    if encoding.startswith("UTF-8"):
        return (f"'{text}' looks like UTF-8 read as Windows-1252 and saved again (mojibake): open the original "
                "file as UTF-8, or type the text again")
    return f"'{text}' looks like {encoding} text, not Unicode: convert the file to Unicode (UniKey's converter does it)"


def legacy_problems(tree: object, file: str, line=None, path: str = "") -> list:
    """A Problem for each text (key or value) of a YAML tree (params or framework, as
    :func:`egovnb.core.yamlio.load_yaml` reads it, with lines) that looks typed in a legacy
    Vietnamese encoding."""
    from egovnb.core.errors import Problem

    problems = []
    if isinstance(tree, dict):
        lines = getattr(tree, "lines", {}) or {}
        for key, value in tree.items():
            where = f"{path}.{key}" if path else str(key)
            at = lines.get(key, line) if isinstance(lines, dict) else line
            for text in (key, value) if isinstance(value, str) else (key,):
                found = legacy_encoding(text) if isinstance(text, str) else None
                if found:
                    problems.append(Problem(file, at, where, legacy_message(text, found)))
            if not isinstance(value, str):
                problems += legacy_problems(value, file, at, where)
    elif isinstance(tree, list):
        lines = getattr(tree, "lines", []) or []
        for index, value in enumerate(tree):
            at = lines[index] if index < len(lines) else line
            problems += legacy_problems(value, file, at, f"{path}[{index}]")
    elif isinstance(tree, str):
        found = legacy_encoding(tree)
        if found:
            problems.append(Problem(file, line, path or None, legacy_message(tree, found)))
    return problems
