"""The params file of one province-year: what data, which framework, which labels.

Its keys are declared in :mod:`egovnb.core.keys`: which exist, which are required, which are
text, their choices and defaults come from there, and so do the fields of :class:`Params`
(one a declared key); this module checks what needs more than a key's kind (the files
exist, the year before, the sheets and tiers of the framework) with messages naming the file,
the line and the key.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path

from egovnb.core.decision_draft import DecisionDraft, read_decision_draft
from egovnb.core.errors import InputError, Problem
from egovnb.core.files import missing_input, resolved
from egovnb.core.framework import Framework
from egovnb.core.framework_yaml import load_framework
from egovnb.core.keys import PARAMS
from egovnb.core.text import clean_name, legacy_problems, slugify
from egovnb.core.yamlio import YamlFile, kind_of, line_of, load_yaml, read_yaml

PARAMS_SUFFIXES = (".yaml", ".yml")
LANGUAGES = PARAMS["language"].choices
REQUIRED_KEYS = tuple(key.name for key in PARAMS.keys if key.required)
# Keys whose value is shown as text; a list, a number or a date there is a mistake.
TEXT_KEYS = tuple(key.name for key in PARAMS.keys if key.kinds == ("text",) and not key.choices)
# Every key a params file may have; anything else is reported as a likely typo.
KNOWN_KEYS = {key.name: key.title for key in PARAMS.keys}
# Problems with these keys (or the framework) leave no params to go on with.
_BLOCKING = {"province", "year", "data", "framework", "sheet", "sheets", "tier"}


@dataclass(frozen=True)
class Params:
    """A province-year's parameters, with paths resolved and the framework loaded: one field
    a key declared in :data:`egovnb.core.keys.PARAMS` (tests/unit/test_keys.py holds them
    together), then the file's own path, mapping and bytes."""

    path: Path
    province: str
    year: int
    title: str
    data: Path
    framework: Framework
    decision: str | None = None
    sheet: str | None = None
    sheets: dict[str, str | tuple[str, ...]] | None = None   # sheet name → tier key (or its tables' keys)
    tier: str | None = None                # the tier of a table without a tier column
    previous: Path | None = None
    language: str = "vi"
    illustrative: bool = False
    note: str | None = None
    sensitivity: dict | None = None
    crosswalk: Path | None = None
    public: bool = False                   # issue 18: the page for the portal (see egovnb.report.blocks)
    decision_draft: DecisionDraft | None = None  # issue 18: core/decision_draft.py
    raw: dict = field(default_factory=dict, repr=False, compare=False)
    source: bytes = field(default=b"", repr=False, compare=False)  # the file's bytes, read once

    @property
    def province_slug(self) -> str:
        return slugify(self.province)

    @property
    def text(self) -> str:
        """The params file as the analyst wrote it (comments included)."""
        return self.source.decode("utf-8-sig")


# The fields of Params that are not keys of the file.
FILE_FIELDS = ("path", "raw", "source")


def default_title(year: int) -> str:
    """The report title when a params file gives none."""
    return PARAMS["title"].default.format(year=year)


def params_files(folder: str | Path) -> list[Path]:
    """The params files directly in ``folder`` (``*.yaml``, ``*.yml``, not hidden), sorted by
    name; sub-folders (such as ``frameworks/``) are not searched."""
    return sorted(p for p in Path(folder).iterdir() if p.is_file() and p.suffix.lower() in PARAMS_SUFFIXES
                  and not p.name.startswith("."))


def load_params(path: str | Path, source: YamlFile | None = None) -> Params:
    """Read and check a params file; raises InputError naming every problem (file, line, key).
    ``source``: the file already read (:func:`egovnb.core.yamlio.read_yaml`), not read again."""
    params, problems = read_params(path, source)
    if problems:
        raise InputError(problems)
    return params


def read_params(path: str | Path, source: YamlFile | None = None) -> tuple[Params | None, list[Problem]]:
    """A params file and its problems, for validation that goes on to check the data.

    Params are returned (with the problems) whenever the province, year, data
    file and framework could be read, even if, say, a key is misspelt.
    """
    path = Path(path)
    shown = str(path)
    try:
        source = source if source is not None else read_yaml(path)
    except InputError as error:
        return None, error.problems
    raw = source.document
    if not isinstance(raw, dict):
        return None, [Problem(shown, None, None, "a params file must be a YAML mapping (key: value lines)")]
    problems: list[Problem] = []

    def problem(key: str, message: str) -> None:
        problems.append(Problem(shown, line_of(raw, key), key, message))

    _check_keys(raw, shown, problems, problem)
    problems += legacy_problems(raw, shown)  # text typed in TCVN3, VNI, or mis-decoded UTF-8
    base = resolved(path).parent
    year = raw.get("year")
    if year is not None and not (isinstance(year, int) and not isinstance(year, bool)
                                 and PARAMS["year"].minimum <= year <= PARAMS["year"].maximum):
        problem("year", f"'{year}' is not a year")
    data = None
    if isinstance(raw.get("data"), str):
        data = resolved(base / raw["data"])
        if data.suffix.lower() not in PARAMS["data"].suffixes:
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
    _check_values(raw, problem)
    decision_draft, draft_problems = read_decision_draft(raw, base, shown)  # core/decision_draft.py
    problems.extend(draft_problems)
    if any(p.column in _BLOCKING or (p.column or "").startswith("framework") or p.file != shown
           for p in problems) or data is None or framework is None:
        return None, problems
    if any(p.column in TEXT_KEYS + ("sheet",) for p in problems):
        return None, problems
    found = {"path": path.resolve(), "data": data, "framework": framework, "previous": previous,
             "crosswalk": crosswalk, "raw": dict(raw), "source": source.data,
             "decision_draft": decision_draft}
    return Params(**{name: found[name] if name in found else _value(raw, name) for name in _FIELDS}), problems


def _check_keys(raw: dict, shown: str, problems: list[Problem], problem) -> None:
    """What the declaration says of each key: known, required when it is, text where text is wanted."""
    for key in raw:
        if key not in KNOWN_KEYS:
            close = _closest(str(key))
            hint = f"; did you mean '{close}'?" if close else f"; known keys: {', '.join(KNOWN_KEYS)}"
            problem(key, f"unknown key{hint}")
    for key in REQUIRED_KEYS:
        value = raw.get(key)
        if value is None or (isinstance(value, str) and not clean_name(value)):
            problems.append(Problem(shown, None, key, f"missing: {KNOWN_KEYS[key]}"))
    for key in TEXT_KEYS:
        if raw.get(key) is not None and not isinstance(raw[key], str):
            problem(key, f"must be text, not {kind_of(raw[key])} (quote it if it looks like a number or a date)")
    if raw.get("sheet") is not None and (isinstance(raw["sheet"], bool) or not isinstance(raw["sheet"], (str, int))):
        problem("sheet", f"must be the name of a sheet, not {kind_of(raw['sheet'])}")


def _check_values(raw: dict, problem) -> None:
    """One of its choices, true or false, a mapping where a mapping is wanted."""
    for key in PARAMS.keys:
        if key.name == "decision_draft":
            continue  # checked whole, with its own messages, by core/decision_draft.py
        value = raw.get(key.name)
        if key.choices and key.name in raw and value not in key.choices:
            problem(key.name, f"'{value}' is not one of: {', '.join(key.choices)}")
        elif value is None or key.choices:
            continue
        elif key.kinds == ("boolean",) and value not in (True, False):
            problem(key.name, "must be true or false")
        elif "mapping" in key.kinds and not isinstance(value, dict) and not ("boolean" in key.kinds
                                                                             and isinstance(value, bool)):
            alternative = " or true" if "boolean" in key.kinds else ""
            problem(key.name, f"must be a mapping ({', '.join(key.names)}){alternative}")


# The fields of Params: the file's own (FILE_FIELDS), then one a declared key.
_FIELDS = tuple(f.name for f in fields(Params))


def _value(raw: dict, name: str) -> object:
    """The Params field of the checked key ``name``: text cleaned, defaults filled in."""
    key = PARAMS[name]
    value = raw.get(name)
    if name == "year":
        return int(value)
    if name == "title":
        return clean_name(value or default_title(raw["year"]))
    if value is None:
        return key.default
    if "mapping" in key.kinds:  # `true`: every default; `false`: none
        return dict(value) if isinstance(value, dict) else {} if value is True else None
    if name == "sheets":
        return _sheet_tiers(value)
    if key.kinds == ("names",):
        return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else None
    if key.kinds == ("text",) and not key.choices:
        return clean_name(value) if value else None
    if key.kinds == ("boolean",):
        return bool(value)
    return value if key.choices else str(value)


def _check_sheets_and_tier(raw: dict, data: Path | None, framework: Framework, problem) -> None:
    """``sheets:`` maps sheet names of an .xlsx to tiers of the framework; ``tier:`` names one
    tier; they exclude each other, and ``sheets:`` excludes ``sheet:``."""
    known = ", ".join(framework.tiers)
    sheets, tier = raw.get("sheets"), raw.get("tier")
    if sheets is not None:
        if not isinstance(sheets, dict) or not sheets:
            problem("sheets", 'must map sheet names to tier keys, e.g. {"Sở, ban, ngành": so-nganh}')
        else:
            for name, keys in sheets.items():
                if isinstance(keys, list) and not keys:
                    problem("sheets", f"sheet '{name}': name the tier of each of its tables, top to bottom")
                for key in keys if isinstance(keys, list) else [keys]:
                    if str(key) not in framework.tiers:
                        problem("sheets", f"sheet '{name}': unknown tier '{key}'; the framework has: {known}")
        if data is not None and data.suffix.lower() != ".xlsx":
            problem("sheets", "only an .xlsx data file has sheets; for a CSV say `tier: KEY`")
        for other in ("sheet", "tier"):
            if raw.get(other) is not None:
                problem(other, f"give either `sheets:` or `{other}:`, not both")
    if tier is not None and str(tier) not in framework.tiers:
        problem("tier", f"unknown tier '{tier}'; the framework has: {known}")


def _sheet_tiers(sheets: object) -> dict[str, str | tuple[str, ...]] | None:
    """``sheets:`` as sheet name → tier key, or → the tier keys of the sheet's tables, top to
    bottom (``{"Kết quả": [so-nganh, huyen]}``: two tables on one sheet)."""
    if not isinstance(sheets, dict):
        return None
    return {str(name): tuple(str(k) for k in keys) if isinstance(keys, list) else str(keys)
            for name, keys in sheets.items()}


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



def _closest(key: str) -> str | None:
    import difflib

    matches = difflib.get_close_matches(key, list(KNOWN_KEYS), n=1, cutoff=0.6)
    return matches[0] if matches else None
