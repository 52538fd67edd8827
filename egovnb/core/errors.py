"""The project's own errors, and `Problem`: one thing wrong with an input file."""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in an analyst's file, located as the analyst sees it.

    ``row`` is the spreadsheet row (the header is row 1) for data files and the
    line number for YAML files; ``column`` is a column name or a YAML key path.
    """

    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = [_shown(self.file)]
        if self.row is not None:
            unit = "line" if self.file.endswith((".yaml", ".yml")) else "row"
            where.append(f"{unit} {self.row}")
        if self.column:
            where.append(f"column '{self.column}'")
        return f"{', '.join(where)}: {self.message}"


class EgovnbError(Exception):
    """Base of every error egovnb reports to a user without a traceback."""


class InputError(EgovnbError):
    """The analyst's input has one or more problems; each is listed."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems), key=_problem_order)
        super().__init__("\n".join(str(p) for p in self.problems))


class WriteError(EgovnbError, OSError):
    """An output could not be written (a read-only or full disk, a folder in the way): one
    line naming the output and the reason. Also an OSError, as the failure it reports."""


class RunError(EgovnbError):
    """A report could not be produced (a notebook cell failed, a converter failed)."""


def _shown(file: str) -> str:
    """A file as the analyst would type it: relative to the working folder when inside it."""
    try:
        return os.path.relpath(file) if os.path.isabs(file) and not os.path.relpath(file).startswith("..") else file
    except ValueError:
        return file


def _problem_order(problem: Problem) -> tuple:
    return (problem.file, problem.row or 0, problem.column or "", problem.message)
