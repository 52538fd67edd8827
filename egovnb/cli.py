"""The ``egovnb`` command: score, validate, run, batch."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__
from .errors import EgovnbError, InputError


def _score(args: argparse.Namespace) -> int:
    from .assessment import assess
    from .export import write_scores

    assessment = assess(args.params)
    out = write_scores(assessment.scores, Path(args.out))
    print(f"{out}: {len(assessment.scores)} units scored")
    return 0


def _validate(args: argparse.Namespace) -> int:
    from .assessment import validate

    problems = validate(args.params)
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        print(f"{len(problems)} problem(s) found", file=sys.stderr)
        return 1
    print(f"{args.params}: params, framework and data are valid")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="egovnb",
        description="Score, rank and report e-government (CQĐT) assessments of a province-year.",
    )
    parser.add_argument("--version", action="version", version=f"egovnb {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    score = commands.add_parser("score", help="write the scores table (.csv or .xlsx)",
                                description="Score and rank a province-year and write the scores table.")
    score.add_argument("params", help="params file, e.g. params/thua-thien-hue-2020.yaml")
    score.add_argument("--out", required=True, help="output file, .csv or .xlsx")
    score.set_defaults(handler=_score)

    validate = commands.add_parser("validate", help="check params, framework and data; list every problem",
                                   description="Check a params file, its framework and its data. "
                                               "Prints every problem with file, row and column; exit 1 if any.")
    validate.add_argument("params", help="params file")
    validate.set_defaults(handler=_validate)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.handler(args)
    except InputError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print(f"{len(error.problems)} problem(s) found; nothing was written", file=sys.stderr)
        return 1
    except EgovnbError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
