"""Column headers as provinces write them: the published Vietnamese wording and its usual
variants, mapped to egovnb's column names, and where the header is in a sheet.

A province's annex has title rows above the table, a header that may be split over two
rows under a merged group cell ("Mức độ Kết quả" over six columns), and headers written
in many ways (``Tên cơ quan, đơn vị``, ``ĐIỂM TỐI ĐA``, ``Tỷ lệ\\nthực hiện (%)``, NFD).
Headers are compared folded: NFC, case-folded, whitespace folded, with trailing notes in
parentheses and column formulas (``(3)=(1)-(2)``) left out.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from egovnb.core.columns import PUBLISHED_INPUT

# Columns read but not kept: the row number (STT) and what egovnb's own annex adds.
IGNORED = "_ignored"
PUBLISHED = PUBLISHED_INPUT

_ALIASES: dict[str, tuple[str, ...]] = {
    IGNORED: ("stt", "số tt", "số thứ tự", "tt", "no.", "no", "mức độ kế tiếp", "số điểm cần thêm",
              "số điểm cần thêm để đạt mức độ kế tiếp", "next level", "points to the next level",
              "points to next level", "next_level", "points_to_next_level"),
    "tier": ("tier", "khối"),
    "unit": ("unit", "tên đơn vị", "đơn vị", "tên cơ quan, đơn vị", "tên cơ quan đơn vị", "cơ quan, đơn vị",
             "cơ quan đơn vị", "tên cơ quan/đơn vị", "cơ quan/đơn vị", "tên cơ quan", "cơ quan", "tên địa phương",
             "địa phương", "đơn vị được đánh giá", "tên sở, ban, ngành", "tên đơn vị hành chính", "đơn vị hành chính",
             "tên huyện, thị xã, thành phố", "tên xã, phường, thị trấn"),
    "max_points": ("max_points", "điểm tối đa", "số điểm tối đa", "tổng điểm tối đa", "thang điểm",
                   "maximum points"),
    "excluded_points": ("excluded_points", "số điểm không đưa vào đánh giá", "điểm không đưa vào đánh giá",
                        "số điểm không áp dụng", "điểm không áp dụng", "số điểm không đánh giá",
                        "excluded points"),
    "applicable_points": ("applicable_points", "số điểm tối đa cần thực hiện", "điểm tối đa cần thực hiện",
                          "số điểm cần thực hiện", "applicable points"),
    "achieved_points": ("achieved_points", "số điểm thực hiện", "điểm thực hiện", "tổng điểm", "tổng số điểm",
                        "điểm đạt được", "số điểm đạt được", "tổng điểm đạt được", "tổng số điểm đạt được", "điểm đạt",
                        "số điểm đạt", "tổng điểm thực hiện", "achieved points"),
    "published_rate": ("rate", "published_rate", "tỷ lệ thực hiện", "tỷ lệ", "tỷ lệ đạt", "tỷ lệ đạt được",
                       "tỷ lệ điểm đạt", "tỷ lệ hoàn thành"),
    "published_converted_points": ("converted_points", "published_converted_points",
                                   "số điểm thực hiện được quy đổi", "số điểm thực hiện quy đổi",
                                   "điểm thực hiện được quy đổi", "điểm thực hiện quy đổi", "số điểm quy đổi",
                                   "điểm quy đổi", "tổng điểm quy đổi", "điểm đạt được quy đổi",
                                   "converted points"),
    "published_rank": ("rank", "published_rank", "xếp hạng", "thứ hạng", "hạng", "xếp thứ"),
    "published_level": ("level", "published_level", "mức độ", "xếp loại", "mức độ cqđt",
                        "mức độ chính quyền điện tử", "mức độ đạt được", "mức độ đạt", "mức", "phân loại",
                        "kết quả xếp loại", "xếp loại mức độ"),
    "evaluated": ("evaluated", "được đánh giá", "có đánh giá"),
    "ranked": ("ranked", "được xếp hạng"),
    "note": ("note", "ghi chú"),
    "criterion": ("criterion", "tiêu chí", "mã tiêu chí"),
    "group": ("group", "nhóm tiêu chí"),
    "component": ("component", "thành phần", "thành phần đánh giá"),
    "points": ("points", "điểm"),
}
ALIASES: dict[str, str] = {alias: name for name, aliases in _ALIASES.items() for alias in aliases}
# The plain column names of egovnb's own files (and of the scores table it writes).
MACHINE_NAMES = frozenset(name for name in ALIASES if re.fullmatch(r"[a-z_]+", name) and name not in ("no", "tt", "stt"))
# How many rows from the top a header is looked for in.
SEARCH_ROWS = 40

_FORMULA = re.compile(r"\s*=.*$")
_TRAILING_NOTE = re.compile(r"\s*\([^()]*\)\s*$")
_SPELLINGS = (("tỉ lệ", "tỷ lệ"), ("qui đổi", "quy đổi"))


def fold(text: object) -> str:
    """A header as compared: NFC, case-folded, one space between words, without a trailing
    ``(%)``, ``(*)``, ``(3)=(1)-(2)`` or ``:``."""
    folded = " ".join(unicodedata.normalize("NFC", str(text)).casefold().split())
    if "(" in folded:
        folded = _FORMULA.sub("", folded)
    previous = None
    while previous != folded:
        previous = folded
        folded = _TRAILING_NOTE.sub("", folded).strip(" :*")
    for variant, usual in _SPELLINGS:
        folded = folded.replace(variant, usual)
    return folded


def field_of(header: object) -> str | None:
    """egovnb's column name for a header as written, ``_ignored`` for STT, or None if unknown."""
    if header is None:
        return None
    folded = fold(header)
    return ALIASES.get(folded) or ALIASES.get(" ".join(folded.replace("%", " ").split()))


@dataclass(frozen=True)
class Header:
    """Where a table's header is: its rows (0-based positions in the rows given, one or two)
    and each column's header as written (the lower cell of a two-row header, else the upper)."""

    rows: tuple[int, ...]
    written: tuple[str, ...]
    located: bool = True  # False: no row names a table, the first row is taken as the header

    @property
    def fields(self) -> tuple[str | None, ...]:
        return by_year(self.written, tuple(field_of(text) if text else None for text in self.written))

    @property
    def delivered(self) -> bool:
        """True for a province's own layout (titles above, STT, Vietnamese or variant wording),
        False for egovnb's plain files (``tier, unit, ...`` on the first row)."""
        named = [fold(text) for text, name in zip(self.written, self.fields) if name]
        return self.rows[0] > 0 or len(self.rows) > 1 or any(name not in MACHINE_NAMES for name in named)


def locate_header(rows: list[list]) -> Header | None:
    """The header of a table: the first row (of the first :data:`SEARCH_ROWS`) that names the
    unit column and at least one other known column, joined with the row below (or above) when
    that row completes it as the lower (upper) half of a two-row header. None when no row does."""
    top = [[_text(cell) for cell in row] for row in rows[:SEARCH_ROWS + 1]]
    for index, row in enumerate(top[:SEARCH_ROWS]):
        if not _names_a_table(row):
            continue
        if _plain(row):
            # egovnb's own header (tier, unit, ...) is one row: the next is data, even when its
            # cells ("no" in evaluated) read like headers.
            return Header((index,), tuple(row))
        below = top[index + 1] if index + 1 < len(top) else []
        if _completes(row, below):
            return Header((index, index + 1), _joined(row, below))
        above = top[index - 1] if index > 0 else []
        if _completes(above, row):
            return Header((index - 1, index), _joined(above, row))
        return Header((index,), tuple(row))
    return None


_YEAR = re.compile(r"^(.*?\S)\s+(?:năm\s+)?((?:19|20)\d\d)$")


def by_year(written: tuple[str, ...], fields: tuple[str | None, ...]) -> tuple[str | None, ...]:
    """Fields of headers that name a known column and a year ("Tổng điểm 2023", "Tổng điểm
    2024", as an annex prints last year's total beside this year's): the latest year is the
    column itself, earlier years are read but not kept. A column already named without a year
    keeps its name and every year's column is left out."""
    dated: dict[str, list[tuple[int, int]]] = {}
    for position, (text, field) in enumerate(zip(written, fields)):
        found = _YEAR.match(fold(text)) if text and field is None else None
        base = field_of(found.group(1)) if found else None
        if base and base != IGNORED:
            dated.setdefault(base, []).append((int(found.group(2)), position))
    if not dated:
        return fields
    named = list(fields)
    for base, years in dated.items():
        latest = max(years)[1] if base not in fields else None
        for _, position in years:
            named[position] = base if position == latest else IGNORED
    return tuple(named)


def _plain(row: list[str]) -> bool:
    """Whether every cell of ``row`` that names a column names it as egovnb's files do."""
    return all(fold(text) in MACHINE_NAMES for text in row if text and field_of(text))


def _text(cell: object) -> str:
    if cell is None or isinstance(cell, bool):
        return ""
    return str(cell) if str(cell).strip() else ""


def _names_a_table(row: list[str]) -> bool:
    fields = {field_of(text) for text in row if text}
    return "unit" in fields and len(fields - {None}) >= 2


def _completes(upper: list[str], lower: list[str]) -> bool:
    """True when ``lower`` is the second row of a two-row header under ``upper``: it holds no
    number and names at least one known column (under a group title such as "Mức độ Kết
    quả" or "Tổng điểm"), and ``upper`` names a column over an empty cell of ``lower`` (STT or
    Tên đơn vị merged down over both rows)."""
    if any(_is_number(text) for text in lower):
        return False
    if not any(field_of(text) for text in lower if text):
        return False
    return any(text and field_of(text) and (position >= len(lower) or not lower[position])
               for position, text in enumerate(upper))


def _joined(upper: list[str], lower: list[str]) -> tuple[str, ...]:
    width = max(len(upper), len(lower))
    upper, lower = upper + [""] * (width - len(upper)), lower + [""] * (width - len(lower))
    return tuple(low if low else up for up, low in zip(upper, lower))


def _is_number(text: str) -> bool:
    return bool(re.fullmatch(r"[+-]?\d+([.,]\d+)?%?", text.strip()))
