"""The words of a decision and its annexes that come from the params, with a blank (``…``) for what they do not say.

The number and date come from ``decision_draft`` (:mod:`egovnb.core.decision_draft`), else
from the params' ``decision:`` line when it names a decision already signed ("Quyết định
3402/QĐ-UBND ngày 31/12/2020"); the issuing body from the province's name; annex titles
from the params' ``title`` and the tier's label. Nothing here is made up: where the params
are silent the text keeps a visible blank for the province to fill.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from egovnb.core.decision_draft import DecisionDraft, parse_date

BLANK = "…"
KIND = "QĐ-UBND"
# Provinces that are centrally-run cities: their People's Committee is "of the city".
CITIES = ("Hà Nội", "Hồ Chí Minh", "TP. Hồ Chí Minh", "Thành phố Hồ Chí Minh", "Hải Phòng", "Đà Nẵng",
          "Cần Thơ", "Huế")
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV",
         "XVI", "XVII", "XVIII", "XIX", "XX")
_NUMBER = re.compile(r"(\d+)\s*/\s*(QĐ-[A-ZĐ0-9]+)")
_DATE = re.compile(r"ngày\s+(\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4})")
_WORDS_DATE = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})")


@dataclass(frozen=True)
class DecisionRef:
    """The decision an annex goes with: number (``3402/QĐ-UBND``) and date, None where unknown."""

    number: str | None
    date: dt.date | None


def decision_ref(params) -> DecisionRef:
    """The number and date of the decision: ``decision_draft``'s, else (where it leaves the key
    out) those the ``decision:`` line names first; None for what neither gives."""
    draft: DecisionDraft | None = getattr(params, "decision_draft", None)
    given = draft.given if draft else frozenset()
    number = draft.number if draft and draft.number else None
    date = draft.date if draft and draft.date else None
    # `number: ""` in decision_draft is a blank to fill (a new decision, such as one adjusting
    # the decision named in `decision:`); only a key left out falls back to that line.
    line = params.decision or ""
    if number is None and "number" not in given and (found := _NUMBER.search(line)):
        number = f"{found.group(1)}/{found.group(2)}"
    if date is None and "date" not in given:
        if found := _DATE.search(line):
            date = parse_date(found.group(1).replace(" ", ""))
        elif found := _WORDS_DATE.search(line):
            date = parse_date(f"{found.group(1)}/{found.group(2)}/{found.group(3)}")
    if number is not None and "/" not in number:
        number = f"{number}/{KIND}"
    return DecisionRef(number, date)


def number_text(ref: DecisionRef) -> str:
    """``3402/QĐ-UBND``, or ``…/QĐ-UBND``."""
    return ref.number or f"{BLANK}/{KIND}"


def date_words(date: dt.date | None, leading_zero: bool = False) -> str:
    """``ngày 31 tháng 12 năm 2020`` (``leading_zero``: ``ngày 05 tháng 02 năm 2021``, as the
    place-and-date line writes days under 10 and months 1 and 2), or ``ngày … tháng … năm …``."""
    if date is None:
        return f"ngày {BLANK} tháng {BLANK} năm {BLANK}"
    day = f"{date.day:02d}" if leading_zero else str(date.day)
    month = f"{date.month:02d}" if leading_zero and date.month <= 2 else str(date.month)
    return f"ngày {day} tháng {month} năm {date.year}"


def place_and_date(params) -> str:
    """``Huế, ngày 31 tháng 12 năm 2020``: the place from ``decision_draft.place`` (else a blank)."""
    draft = getattr(params, "decision_draft", None)
    place = draft.place if draft and draft.place else BLANK
    return f"{place}, {date_words(decision_ref(params).date, leading_zero=True)}"


def is_city(province: str) -> bool:
    return province in CITIES or province.lower().startswith(("thành phố ", "tp. ", "tp "))


def issuer(province: str) -> str:
    """``Ủy ban nhân dân tỉnh Thừa Thiên Huế`` (``thành phố`` for a centrally-run city)."""
    name = re.sub(r"^(thành phố|tp\.?)\s+", "", province, flags=re.IGNORECASE)
    return f"Ủy ban nhân dân {'thành phố' if is_city(province) else 'tỉnh'} {name}"


def issuer_lines(province: str) -> tuple[str, str]:
    """The left header block: ``ỦY BAN NHÂN DÂN`` / ``TỈNH THỪA THIÊN HUẾ``."""
    return "ỦY BAN NHÂN DÂN", issuer(province)[len("Ủy ban nhân dân "):].upper()


def along_with(params) -> str:
    """``(Kèm theo Quyết định số 3402/QĐ-UBND ngày 31 tháng 12 năm 2020 của Ủy ban nhân dân tỉnh
    Thừa Thiên Huế)``, blanks where the number or date is unknown."""
    ref = decision_ref(params)
    return f"(Kèm theo Quyết định số {number_text(ref)} {date_words(ref.date)} của {issuer(params.province)})"


def annex_number(index: int, count: int) -> str:
    """``Phụ lục I`` … in Roman numerals; ``Phụ lục`` alone when there is one annex."""
    if count <= 1:
        return "Phụ lục"
    return f"Phụ lục {ROMAN[index] if index < len(ROMAN) else index + 1}"


def annex_title(params, tier_label: str) -> str:
    """The annex's title, from the params' title and the tier's label: "Kết quả … của các sở,
    ban, ngành năm 2020" (as a sentence; printed in capitals)."""
    title, year = params.title, str(params.year)
    subject = tier_label
    if subject.lower().startswith("sở, ban, ngành"):
        subject = "các " + subject[0].lower() + subject[1:]
    marker = re.search(rf"\s+năm\s+{year}\b", title)
    if marker:
        return f"{title[:marker.start()]} của {subject} năm {year}{title[marker.end():]}"
    return f"{title} của {subject}"


def annex_names(params, labels: list[str]) -> list[str]:
    """``Phụ lục I: Kết quả …`` for each annex, as Điều 1 names them."""
    return [f"{annex_number(i, len(labels))}: {annex_title(params, text)}" for i, text in enumerate(labels)]


def summary(params) -> str:
    """The line under QUYẾT ĐỊNH: ``decision_draft.summary``, else "Phê duyệt " and the
    params' title."""
    draft = getattr(params, "decision_draft", None)
    if draft and draft.summary:
        return draft.summary
    return "Phê duyệt " + params.title[:1].lower() + params.title[1:]


def with_ending(text: str, ending: str) -> str:
    """``text`` ending in ``ending`` (";" or "."), whatever punctuation it had."""
    return text.rstrip(" ;.,") + ending


def decision_lines(params, annex_names: list[str]) -> dict:
    """The decision's text, part by part, from the params (blanks where they are silent):
    the variables a template receives too (see :func:`egovnb.report.docx_template.template_context`)."""
    draft: DecisionDraft = params.decision_draft or DecisionDraft()
    ref = decision_ref(params)
    authority, place = issuer_lines(params.province)
    bases = [with_ending(b if b.lower().startswith("căn cứ") else f"Căn cứ {b}", ";") for b in draft.bases]
    if not bases:
        bases = [f"Căn cứ {BLANK};"]
    proposal = draft.proposal or BLANK
    if not proposal.lower().startswith("theo đề nghị"):
        proposal = f"Theo đề nghị của {proposal}"
    headline = summary(params)
    approved = headline[len("Về việc "):] if headline.lower().startswith("về việc ") else headline
    approved = approved[:1].upper() + approved[1:]
    executors = ", ".join(draft.executors) if draft.executors else BLANK
    recipients = list(draft.recipients) or [BLANK]
    recipients = [with_ending(r, ";" if i < len(recipients) - 1 else ".") for i, r in enumerate(recipients)]
    signer = draft.signer
    return {
        "authority": authority, "authority_place": place, "number": f"Số: {number_text(ref)}",
        "place_date": place_and_date(params), "summary": headline,
        "issuer": f"{authority} {place}", "bases": bases, "proposal": with_ending(proposal, "."),
        "article_1": with_ending(approved, "") + (", gồm:" if len(annex_names) > 1 else
                                                        f" ({annex_names[0]} kèm theo)." if annex_names else "."),
        "annexes": [with_ending(name, ";" if i < len(annex_names) - 1 else ".")
                    for i, name in enumerate(annex_names)] if len(annex_names) > 1 else [],
        "article_2": "Quyết định này có hiệu lực kể từ ngày ký.",
        "article_3": f"{executors} chịu trách nhiệm thi hành Quyết định này./.",
        "on_behalf": signer.on_behalf or BLANK, "signer_title": signer.title or BLANK,
        "signer_subtitle": signer.subtitle or "", "signer_name": signer.name or BLANK,
        "recipients": recipients,
    }
