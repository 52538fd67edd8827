"""The params' ``decision_draft:`` mapping: what ``egovnb decision`` fills a draft decision with.

Every legal sentence, number, name and date of the draft comes from here (or from the
params' ``decision:`` line, for the number and date of a decision already signed); what is
not given stays a visible blank (``…``) for the province to fill. Nothing is made up.

The keys (all optional)::

    decision_draft:
      number: "3402"                 # or "3402/QĐ-UBND"; empty: a blank
      date: 31/12/2020               # dd/mm/yyyy, yyyy-mm-dd or a YAML date; empty: a blank
      place: Huế                     # "Huế, ngày … tháng … năm …"
      summary: Phê duyệt kết quả …   # the line under QUYẾT ĐỊNH
      bases: ["Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;", …]
      proposal: "Tờ trình số …/TTr-STTTT ngày … của Sở Thông tin và Truyền thông"
      executors: ["Chánh Văn phòng UBND tỉnh", …]
      signer: {on_behalf: TM. ỦY BAN NHÂN DÂN, title: KT. CHỦ TỊCH, subtitle: PHÓ CHỦ TỊCH, name: ""}
      recipients: ["Như Điều 3;", …]
      template: templates/quyet-dinh.docx   # the province's own Word template (docxtpl)

Checked here, each problem naming the key (``decision_draft.signer.name``) and its line.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from egovnb.core.errors import Problem
from egovnb.core.files import missing_input, resolved
from egovnb.core.text import clean_name
from egovnb.core.yamlio import kind_of, line_of

KEY = "decision_draft"
TEXT_FIELDS = ("number", "place", "summary", "proposal")
LIST_FIELDS = ("bases", "executors", "recipients")
SIGNER_FIELDS = ("on_behalf", "title", "subtitle", "name")
FIELDS = {
    "number": "the decision's number (3402 or 3402/QĐ-UBND)",
    "date": "the date it is signed (dd/mm/yyyy)",
    "place": "the place before the date (Huế)",
    "summary": "the summary line under QUYẾT ĐỊNH",
    "bases": "the legal bases (căn cứ), a list in order",
    "proposal": "whose proposal it follows (Tờ trình số …)",
    "executors": "who carries it out (Điều 3), a list",
    "signer": "on_behalf, title, subtitle, name",
    "recipients": "Nơi nhận, a list",
    "template": "the province's own Word template (.docx), relative to the params file",
}
_DATE = re.compile(r"^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


@dataclass(frozen=True)
class Signer:
    """The signature block: ``TM. ỦY BAN NHÂN DÂN`` / ``KT. CHỦ TỊCH`` / ``PHÓ CHỦ TỊCH`` / name;
    None where not given (printed as a blank)."""

    on_behalf: str | None = None
    title: str | None = None
    subtitle: str | None = None
    name: str | None = None


@dataclass(frozen=True)
class DecisionDraft:
    """What the params say of the decision to draft; None or empty where they say nothing."""

    number: str | None = None
    date: dt.date | None = None
    place: str | None = None
    summary: str | None = None
    bases: tuple[str, ...] = ()
    proposal: str | None = None
    executors: tuple[str, ...] = ()
    signer: Signer = field(default_factory=Signer)
    recipients: tuple[str, ...] = ()
    template: Path | None = None
    given: frozenset = frozenset()  # the keys written, even empty ("number: ''" is a blank to fill)


def parse_date(value: object) -> dt.date | None:
    """A date written ``31/12/2020``, ``31-12-2020``, ``2020-12-31`` or read by YAML as a date;
    None when it is none of these (or not a real day)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    found = _DATE.match(value)
    day, month, year = (found.groups() if found else (None, None, None))
    if not found and (found := _ISO.match(value)):
        year, month, day = found.groups()
    if not found:
        return None
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def read_decision_draft(raw: dict, base: Path, shown: str) -> tuple[DecisionDraft | None, list[Problem]]:
    """The ``decision_draft`` mapping of a params file (``raw``) and its problems; ``base``
    is the params file's folder (a template's path is relative to it). No mapping: None."""
    spec = raw.get(KEY)
    problems: list[Problem] = []
    if spec is None:
        return None, problems

    def problem(key: str, message: str, where=None, at=None) -> None:
        line = line_of(where, at) if where is not None else None
        problems.append(Problem(shown, line or line_of(raw, KEY), f"{KEY}.{key}" if key else KEY, message))

    if not isinstance(spec, dict):
        problem("", "must be a mapping (number, date, place, summary, bases, proposal, executors, signer, "
                    "recipients, template)")
        return None, problems
    for key in spec:
        if key not in FIELDS:
            problem(str(key), f"unknown key; known keys: {', '.join(FIELDS)}", spec, key)
    values: dict = {}
    for key in TEXT_FIELDS:
        value = spec.get(key)
        if key == "number" and isinstance(value, int) and not isinstance(value, bool) and value > 0:
            value = str(value)
        if value is not None and not isinstance(value, str):
            problem(key, f"must be text, not {kind_of(value)} (quote it)", spec, key)
        elif value is not None and clean_name(value):
            values[key] = clean_name(value)
    date = spec.get("date")
    if date not in (None, ""):
        values["date"] = parse_date(date)
        if values["date"] is None:
            problem("date", f"'{date}' is not a date; write it as dd/mm/yyyy (31/12/2020)", spec, "date")
    for key in LIST_FIELDS:
        items = spec.get(key)
        if items is None:
            continue
        if isinstance(items, str):
            items = [items]
        if not isinstance(items, list):
            problem(key, f"must be a list of text lines, not {kind_of(items)}", spec, key)
            continue
        texts = []
        for index, item in enumerate(items):
            if not isinstance(item, str):
                problem(f"{key}[{index + 1}]", f"must be text, not {kind_of(item)} (quote it)", items, index)
            elif clean_name(item):
                texts.append(clean_name(item))
        values[key] = tuple(texts)
    signer = spec.get("signer")
    if isinstance(signer, dict):
        parts = {}
        for key, value in signer.items():
            if key not in SIGNER_FIELDS:
                problem(f"signer.{key}", f"unknown key; known keys: {', '.join(SIGNER_FIELDS)}", signer, key)
            elif value is not None and not isinstance(value, str):
                problem(f"signer.{key}", f"must be text, not {kind_of(value)}", signer, key)
            elif value is not None and clean_name(value):
                parts[key] = clean_name(value)
        values["signer"] = Signer(**parts)
    elif signer is not None:
        problem("signer", f"must be a mapping of {', '.join(SIGNER_FIELDS)}, not {kind_of(signer)}", spec, "signer")
    template = spec.get("template")
    if template not in (None, ""):
        if not isinstance(template, str):
            problem("template", "must be the path of a .docx file", spec, "template")
        else:
            found = resolved(base / template)
            if found.suffix.lower() != ".docx":
                problem("template", f"'{template}' must be a Word .docx file", spec, "template")
            elif missing_input(found, "template"):
                problem("template", missing_input(found, "template"), spec, "template")
            else:
                values["template"] = found
    if problems:
        return None, problems
    return DecisionDraft(**values, given=frozenset(str(key) for key in spec)), problems

