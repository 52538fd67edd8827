"""The params file of one province-year: what data, which framework, which labels."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from egovnb.core.errors import InputError, Problem
from egovnb.core.files import missing_input, resolved
from egovnb.core.framework import Framework
from egovnb.core.framework_yaml import load_framework
from egovnb.core.text import clean_name, legacy_problems, slugify
from egovnb.core.yamlio import line_of, load_yaml

LANGUAGES = ("vi", "en")
REQUIRED_KEYS = ("province", "year", "data", "framework")
# Keys whose value is shown as text; a list, a number or a date there is a mistake.
TEXT_KEYS = ("province", "title", "decision", "note")
# Every key a params file may have; anything else is reported as a likely typo.
KNOWN_KEYS = {
    "province": "province name, e.g. Thừa Thiên Huế",
    "year": "assessment year",
    "title": "report title",
    "decision": "the decision that publishes the results",
    "data": "unit data (.csv or .xlsx), relative to the params file",
    "sheet": "sheet of an .xlsx data file (default: the first visible one)",
    "sheets": "for an .xlsx data file with one sheet per tier: sheet name → tier key",
    "tier": "the tier of every row, for a table without a tier column",
    "framework": "framework file, relative to the params file, or the mapping inline",
    "previous": "last year's params file, for year-on-year",
    "language": "vi (default) or en",
    "illustrative": "true when the data are not published figures",
    "note": "a note shown at the top of the report",
    "sensitivity": "settings of the sensitivity analysis",
    "crosswalk": "old-to-new unit mapping (.csv), relative to the params file",
}


@dataclass(frozen=True)
class Params:
    """A province-year's parameters, with paths resolved and the framework loaded."""

    path: Path
    province: str
    year: int
    title: str
    data: Path
    framework: Framework
    decision: str | None = None
    sheet: str | None = None
    sheets: dict[str, str] | None = None   # sheet name → tier key
    tier: str | None = None                # the tier of a table without a tier column
    previous: Path | None = None
    language: str = "vi"
    illustrative: bool = False
    note: str | None = None
    sensitivity: dict | None = None
    crosswalk: Path | None = None
    raw: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def province_slug(self) -> str:
        return slugify(self.province)


def default_title(year: int) -> str:
    """The report title when a params file gives none."""
    return f"Kết quả đánh giá mức độ Chính quyền điện tử năm {year}"


def load_params(path: str | Path) -> Params:
    """Read and check a params file; raises InputError naming every problem (file, line, key)."""
    params, problems = read_params(path)
    if problems:
        raise InputError(problems)
    return params


def read_params(path: str | Path) -> tuple[Params | None, list[Problem]]:
    """A params file and its problems, for validation that goes on to check the data.

    Params are returned (with the problems) whenever the province, year, data
    file and framework could be read, even if, say, a key is misspelt.
    """
    path = Path(path)
    shown = str(path)
    try:
        raw = load_yaml(path)
    except InputError as error:
        return None, error.problems
    if not isinstance(raw, dict):
        return None, [Problem(shown, None, None, "a params file must be a YAML mapping (key: value lines)")]
    problems: list[Problem] = []

    def problem(key: str, message: str) -> None:
        problems.append(Problem(shown, line_of(raw, key), key, message))

    for key in raw:
        if key not in KNOWN_KEYS:
            close = _closest(str(key))
            hint = f"; did you mean '{close}'?" if close else f"; known keys: {', '.join(KNOWN_KEYS)}"
            problem(key, f"unknown key{hint}")
    problems += legacy_problems(raw, shown)  # text typed in TCVN3, VNI, or mis-decoded UTF-8
    for key in REQUIRED_KEYS:
        value = raw.get(key)
        if value is None or (isinstance(value, str) and not clean_name(value)):
            problems.append(Problem(shown, None, key, f"missing: {KNOWN_KEYS[key]}"))
    for key in TEXT_KEYS:
        if raw.get(key) is not None and not isinstance(raw[key], str):
            problem(key, f"must be text, not {_kind(raw[key])} (quote it if it looks like a number or a date)")
    if raw.get("sheet") is not None and (isinstance(raw["sheet"], bool) or not isinstance(raw["sheet"], (str, int))):
        problem("sheet", f"must be the name of a sheet, not {_kind(raw['sheet'])}")
    base = resolved(path).parent
    year = raw.get("year")
    if year is not None and not (isinstance(year, int) and not isinstance(year, bool) and 1990 <= year <= 2100):
        problem("year", f"'{year}' is not a year")
    language = raw.get("language", "vi")
    if language not in LANGUAGES:
        problem("language", f"'{language}' is not one of: {', '.join(LANGUAGES)}")
    data = None
    if isinstance(raw.get("data"), str):
        data = resolved(base / raw["data"])
        if data.suffix.lower() not in (".csv", ".xlsx"):
            problem("data", f"'{raw['data']}' must be a .csv or .xlsx file")
        elif missing_input(data, "data file"):
            problem("data", missing_input(data, "data file"))
    elif raw.get("data") is not None:
        problem("data", "must be a path to a .csv or .xlsx file")
    previous = _optional_path(raw, "previous", base, problem)
    crosswalk = _optional_path(raw, "crosswalk", base, problem)
    if previous is not None and isinstance(year, int):
        _check_previous_year(raw, previous, resolved(path), year, problem)
    framework = None
    spec = raw.get("framework")
    if spec is not None:
        if not isinstance(spec, (str, dict)):
            problem("framework", "must be a path to a framework file or an inline mapping")
        else:
            try:
                framework = load_framework(spec, path, base)
            except InputError as error:
                problems.extend(error.problems)
    if framework is not None:
        _check_sheets_and_tier(raw, data, framework, problem)
    if raw.get("illustrative") not in (None, True, False):
        problem("illustrative", "must be true or false")
    if raw.get("sensitivity") is not None and not isinstance(raw.get("sensitivity"), (dict, bool)):
        problem("sensitivity", "must be a mapping (draws, seed, threshold_shift, weight_spread) or true")
    blocking = {"province", "year", "data", "framework", "sheet", "sheets", "tier"}
    if any(p.column in blocking or (p.column or "").startswith("framework") or p.file != shown
           for p in problems) or data is None or framework is None:
        return None, problems
    sensitivity = raw.get("sensitivity")
    if sensitivity is True:
        sensitivity = {}
    if any(p.column in TEXT_KEYS + ("sheet",) for p in problems):
        return None, problems
    province = clean_name(raw["province"])
    return Params(
        path=path.resolve(), province=province, year=int(raw["year"]),
        title=clean_name(raw.get("title") or default_title(raw["year"])),
        data=data, framework=framework, decision=clean_name(raw["decision"]) if raw.get("decision") else None,
        sheet=str(raw["sheet"]) if raw.get("sheet") is not None else None,
        sheets={str(k): str(v) for k, v in raw["sheets"].items()} if isinstance(raw.get("sheets"), dict) else None,
        tier=str(raw["tier"]) if raw.get("tier") is not None else None, previous=previous,
        language=language, illustrative=bool(raw.get("illustrative", False)),
        note=clean_name(raw["note"]) if raw.get("note") else None,
        sensitivity=dict(sensitivity) if isinstance(sensitivity, dict) else None,
        crosswalk=crosswalk, raw=dict(raw),
    ), problems


def _check_sheets_and_tier(raw: dict, data: Path | None, framework: Framework, problem) -> None:
    """``sheets:`` maps sheet names of an .xlsx to tiers of the framework; ``tier:`` names one
    tier; they exclude each other, and ``sheets:`` excludes ``sheet:``."""
    known = ", ".join(framework.tiers)
    sheets, tier = raw.get("sheets"), raw.get("tier")
    if sheets is not None:
        if not isinstance(sheets, dict) or not sheets:
            problem("sheets", 'must map sheet names to tier keys, e.g. {"Sở, ban, ngành": so-nganh}')
        else:
            for name, key in sheets.items():
                if str(key) not in framework.tiers:
                    problem("sheets", f"sheet '{name}': unknown tier '{key}'; the framework has: {known}")
        if data is not None and data.suffix.lower() != ".xlsx":
            problem("sheets", "only an .xlsx data file has sheets; for a CSV say `tier: KEY`")
        for other in ("sheet", "tier"):
            if raw.get(other) is not None:
                problem(other, f"give either `sheets:` or `{other}:`, not both")
    if tier is not None and str(tier) not in framework.tiers:
        problem("tier", f"unknown tier '{tier}'; the framework has: {known}")


def _optional_path(raw: dict, key: str, base: Path, problem) -> Path | None:
    value = raw.get(key)
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        problem(key, "must be a file path")
        return None
    found = resolved(base / value)
    if missing_input(found):
        problem(key, missing_input(found))
        return None
    return found


def _check_previous_year(raw: dict, previous: Path, path: Path, year: int, problem) -> None:
    """``previous:`` must name an earlier year's params file (not this one, not a later year)."""
    if previous == path:
        problem("previous", "names this params file itself; name last year's params file")
        return
    try:
        other = load_yaml(previous)
    except InputError:
        return  # its own problems are reported when the previous year is read
    other_year = other.get("year") if isinstance(other, dict) else None
    if isinstance(other_year, int) and not isinstance(other_year, bool) and other_year >= year:
        problem("previous", f"'{raw['previous']}' is the params file of {other_year}, not of a year before {year}")


def _kind(value: object) -> str:
    """What a YAML value is, in words, for messages."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"a {type(value).__name__}"


def _closest(key: str) -> str | None:
    import difflib

    matches = difflib.get_close_matches(key, list(KNOWN_KEYS), n=1, cutoff=0.6)
    return matches[0] if matches else None
