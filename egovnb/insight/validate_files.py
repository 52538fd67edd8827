"""``egovnb validate`` over several files or a folder, as a province's own CI and its pre-commit
hook run it: every params file checked in full (:mod:`egovnb.insight.validation`), a framework
passed on its own checked as a framework, every problem printed, and one summary line
(``8 params files: 7 valid, 1 with problems``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from egovnb.core.errors import EgovnbError, InputError, Problem
from egovnb.core.framework_yaml import parse_framework
from egovnb.core.keys import FRAMEWORK, PARAMS
from egovnb.core.params import params_files
from egovnb.core.yamlio import YamlFile, read_yaml


@dataclass(frozen=True)
class Checked:
    """One file checked: what it is (``params file`` or ``framework``) and its problems."""

    path: Path
    kind: str
    problems: tuple[Problem, ...]


def files_to_check(paths: list[str]) -> list[str]:
    """The files named (as typed), with a folder standing for the params files directly in
    it; an EgovnbError when a folder holds none."""
    found: list[str] = []
    for path in paths:
        if Path(path).is_dir():
            inside = params_files(path)
            if not inside:
                raise EgovnbError(f"{path}: no params file (*.yaml, *.yml) in this folder")
            found.extend(map(str, inside))
        else:
            found.append(path)
    return list(dict.fromkeys(found))


def is_framework(document: object) -> bool:
    """True for a YAML document that is a framework, not a params file: it has a framework's
    keys (``tiers``) and none of a params file's required ones."""
    if not isinstance(document, dict):
        return False
    required = {key.name for key in PARAMS.keys if key.required}
    return any(key in document for key in FRAMEWORK.names) and not required & set(document)


def check_one(shown: str, check_params: Callable[[str, YamlFile | None], list[Problem]]) -> Checked:
    """The problems of one file, read once: a framework's own, or a params file's with its
    framework and data."""
    path = Path(shown)
    try:
        source = read_yaml(path)
    except InputError:
        source = None  # its problems are the params check's to report, in its words
    if source is not None and is_framework(source.document):
        try:
            parse_framework(source.document, str(path))
        except InputError as error:
            return Checked(path, "framework", tuple(error.problems))
        return Checked(path, "framework", ())
    return Checked(path, "params file", tuple(check_params(shown, source)))


def summary(checked: list[Checked]) -> str:
    """``8 params files: 7 valid, 1 with problems`` (frameworks counted apart when there are any)."""
    counts = []
    for kind in ("params file", "framework"):
        number = sum(1 for c in checked if c.kind == kind)
        if number:
            counts.append(f"{number} {kind}{'s' if number != 1 else ''}")
    wrong = sum(1 for c in checked if c.problems)
    return f"{' and '.join(counts)}: {len(checked) - wrong} valid, {wrong} with problems"


def cli_validate(paths: list[str]) -> int:
    """``egovnb validate PATH...``: one params file as ever (its problems, or that it is valid);
    several files or a folder, each file's problems and then one summary line. Exit 1 if any
    file has a problem."""
    import sys

    from egovnb.insight import reconcile
    from egovnb.insight.validation import check, left_out

    def check_params(path: str, source: YamlFile | None) -> list[Problem]:
        assessment, problems = check(path, source)
        if assessment is not None:
            for line in left_out(assessment):  # rows that are not units: said, never scored
                print(line)
        if assessment is not None and assessment.tables:  # published figures are reported, never a failure
            note = reconcile.validate_note(assessment, path)
            if note:
                print(note)
        return problems

    files = files_to_check(paths)
    checked = []
    for shown in files:
        one = check_one(shown, check_params)
        checked.append(one)
        for problem in one.problems:
            print(problem, file=sys.stderr)
        if one.problems:
            print(f"{len(one.problems)} problem(s) found", file=sys.stderr)
        else:
            what = "params, framework and data are" if one.kind == "params file" else "the framework is"
            print(f"{shown}: {what} valid")
    if len(paths) > 1 or Path(paths[0]).is_dir():
        print(summary(checked), file=sys.stderr if any(c.problems for c in checked) else sys.stdout)
    return 1 if any(c.problems for c in checked) else 0
