"""Vietnamese alphabetical order, as published annexes list tied units.

The alphabet is a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y
(f j w z, used in foreign words, sit where Latin puts them). Names are
compared word by word, as Vietnamese dictionaries compare syllables: within a
word the letters decide first and the tones second (ngang < huyền < hỏi < ngã
< sắc < nặng, the order of TCVN 5712 and Unicode CLDR), then letter case.
A run of digits is compared as a number, so "Phường 2" comes before
"Phường 10". Punctuation separates words and is otherwise ignored.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_ALPHABET = "a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z".split()
_LETTER_RANK = {letter: index for index, letter in enumerate(_ALPHABET)}

# Combining marks that are tones (secondary) versus those that make a letter (primary).
_TONE_RANK = {
    "\u0300": 1,  # huyền (grave)
    "\u0309": 2,  # hỏi (hook above)
    "\u0303": 3,  # ngã (tilde)
    "\u0301": 4,  # sắc (acute)
    "\u0323": 5,  # nặng (dot below)
}
_LETTER_MARKS = {
    ("a", "\u0306"): "ă",
    ("a", "\u0302"): "â",
    ("e", "\u0302"): "ê",
    ("o", "\u0302"): "ô",
    ("o", "\u031b"): "ơ",
    ("u", "\u031b"): "ư",
}
_TOKEN = re.compile(r"\d+|[^\W\d_]+")
_OTHER_LETTER = len(_ALPHABET)


@lru_cache(maxsize=4096)
def _char_key(char: str) -> tuple[tuple[int, ...], int, int]:
    """Primary letter rank(s), tone (0 = none) and case (1 = upper) of one NFC character."""
    decomposed = unicodedata.normalize("NFD", char)
    base, marks = decomposed[0], decomposed[1:]
    lower = "đ" if char in "đĐ" else base.lower()
    tone = 0
    for mark in marks:
        if mark in _TONE_RANK and not tone:
            tone = _TONE_RANK[mark]
        elif (lower, mark) in _LETTER_MARKS:
            lower = _LETTER_MARKS[(lower, mark)]
    rank = _LETTER_RANK.get(lower)
    # Letters outside the Vietnamese alphabet go after it, by code point.
    primary = (rank,) if rank is not None else (_OTHER_LETTER, ord(lower))
    return primary, tone, 0 if base.islower() or not base.isalpha() else 1


@lru_cache(maxsize=1 << 16)
def _letters(word: str) -> tuple[tuple[int, ...], int, tuple[int, ...]]:
    """Primary (letters), secondary (the syllable's tone) and tertiary (case) keys of one word.

    A syllable has one tone whichever vowel carries the mark, so "Hòa" and "Hoà"
    compare equal until the last tie-break.
    """
    primary: list[int] = []
    tone = 0
    case: list[int] = []
    for char in word:
        char_primary, char_tone, char_case = _char_key(char)
        primary.extend(char_primary)
        tone = tone or char_tone
        case.append(char_case)
    return tuple(primary), tone, tuple(case)


def sort_key(name: str) -> tuple:
    """A key that sorts names in Vietnamese alphabetical order.

    >>> sorted(["Ân", "An", "Ăn"], key=sort_key)
    ['An', 'Ăn', 'Ân']
    """
    name = unicodedata.normalize("NFC", str(name))
    words = []
    cases = []
    for piece in name.split():
        # A piece of letters only, or of digits only, is one token (most are): no regex.
        for token in (piece,) if piece.isalpha() or piece.isdecimal() else _TOKEN.findall(piece):
            if token.isdecimal():
                # Numbers before words, compared by value.
                words.append((0, (int(token),), 0))
                cases.append(())
            else:
                word, case = _word(token)
                words.append(word)
                cases.append(case)
    return (tuple(words), tuple(cases), name)


@lru_cache(maxsize=1 << 16)
def _word(token: str) -> tuple[tuple, tuple[int, ...]]:
    """A word's key in a name (letters first, then its tone) and its case key."""
    primary, tones, case = _letters(token)
    return (1, primary, tones), case


def sorted_names(names) -> list[str]:
    """Names in Vietnamese alphabetical order."""
    return sorted(names, key=sort_key)
