"""The ``egovnb`` command: score, validate, run, batch, sensitivity, reconcile, demo-data."""

from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path

from egovnb import __version__
from egovnb.core.errors import EgovnbError, InputError


def _score(args: argparse.Namespace) -> int:
    from egovnb.core.assessment import assess
    from egovnb.core.export import write_scores
    from egovnb.core.safety import check_output
    from egovnb.report.annex import scores_sheet, write_annex

    out = check_output(args.out, args.params)  # never one of the run's own inputs
    record = None
    if out.suffix.lower() == ".xlsx":
        from egovnb.publish.provenance import provenance_of, workbook_properties

        record = workbook_properties(provenance_of(args.params))  # the inputs hashed before they are read
    assessment = assess(args.params)
    # The SPEC columns, then next_level and points_to_next_level; .xlsx gets the annex workbook.
    if out.suffix.lower() == ".xlsx":
        out = write_annex(assessment, out, properties=record)
    else:
        out = write_scores(scores_sheet(assessment), out)
    print(f"{out}: {len(assessment.scores)} units scored")
    return 0


def _validate(args: argparse.Namespace) -> int:
    from egovnb.insight import reconcile
    from egovnb.insight.checks import check

    assessment, problems = check(args.params)
    if assessment is not None and assessment.tables:  # published figures are reported, never a failure
        note = reconcile.validate_note(assessment, args.params)
        if note:
            print(note)
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        print(f"{len(problems)} problem(s) found", file=sys.stderr)
        return 1
    print(f"{args.params}: params, framework and data are valid")
    return 0


def _run(args: argparse.Namespace) -> int:
    """``egovnb run PARAMS [--pdf] [--reports DIR]``: render the report, or with ``--unit`` /
    ``--all-units`` the unit scorecards, and print where they are."""
    if args.unit or args.all_units:
        from egovnb.publish.scorecards import run_scorecards

        units = None if args.all_units else list(args.unit)
        paths = run_scorecards(args.params, units, reports_root=Path(args.reports), pdf=args.pdf,
                               progress=units is None)
    else:
        from egovnb.publish.render import run_report

        paths = [run_report(args.params, reports_root=Path(args.reports), pdf=args.pdf)]
    for path in paths:
        print(shown_path(path))
        if args.pdf:
            print(shown_path(path.with_suffix(".pdf")))
    return 0


def _batch(args: argparse.Namespace) -> int:
    from egovnb.batch.run import cli_batch

    return cli_batch(args)


def _verify(args: argparse.Namespace) -> int:
    from egovnb.publish.verify import cli_verify

    return cli_verify(args)


def _sensitivity(args: argparse.Namespace) -> int:
    """``egovnb sensitivity PARAMS --draws N --seed S --out FILE`` (.csv or .xlsx)."""
    from egovnb.core.assessment import assess
    from egovnb.core.export import write_scores
    from egovnb.core.safety import check_output, draws_problem
    from egovnb.insight import sensitivity

    if draws_problem(args.draws):
        raise EgovnbError(f"--draws: {draws_problem(args.draws)}")
    out = check_output(args.out, args.params)  # never one of the run's own inputs
    assessment = assess(args.params)
    problems = sensitivity.check_settings(assessment.params)
    if problems:
        raise InputError(problems)
    units = int(assessment.ranked["evaluated"].sum())
    if draws_problem(args.draws, units):
        raise EgovnbError(f"--draws: {draws_problem(args.draws, units)}")
    chosen = sensitivity.settings(assessment.params) or {}
    result = sensitivity.analyse(
        assessment, draws=args.draws, seed=args.seed,
        threshold_shift=chosen.get("threshold_shift", sensitivity.DEFAULT_THRESHOLD_SHIFT),
        weight_spread=chosen.get("weight_spread", sensitivity.DEFAULT_WEIGHT_SPREAD))
    out = write_scores(result, out)
    weights = "thresholds and criteria-group weights" if result.attrs["groups"] else \
        "thresholds only (summary grain: no criteria groups)"
    print(f"{out}: {len(result)} units, {args.draws} draws (seed {args.seed}), perturbing {weights}; "
          f"{len(sensitivity.not_firm(result))} unit(s) keep their level in under {sensitivity.FIRM:.0%} of draws")
    return 0


def _reconcile(args: argparse.Namespace) -> int:
    """``egovnb reconcile PARAMS [--out FILE.csv]``: every published figure that does not follow
    from the rules, one line each; exit 1 if any."""
    from egovnb.core.assessment import assess
    from egovnb.core.export import write_scores
    from egovnb.insight import reconcile

    assessment = assess(args.params)
    comparisons = reconcile.compare(assessment.ranked, assessment.tables, assessment.framework)
    found = reconcile.differences(comparisons)
    found["file"] = [shown_path(Path(file)) for file in found["file"]]
    if args.out:
        write_scores(found.drop(columns="agrees"), Path(args.out))
    for _, difference in found.iterrows():
        print(reconcile.describe(difference))
    print(reconcile.summary(comparisons))
    return 1 if len(found) else 0


def _demo_data(args: argparse.Namespace) -> int:
    from egovnb.demo.generate import cli_demo_data

    return cli_demo_data(args)


def shown_path(path: Path) -> str:
    """A path relative to the working folder when it is inside it, as the user typed it."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


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

    run = commands.add_parser("run", help="render the report of a province-year (HTML, optionally PDF)",
                              description="Execute the report notebook(s) with Papermill and write HTML "
                                          "(and PDF) under reports/<province>/<year>/.")
    run.add_argument("params", help="params file")
    run.add_argument("--pdf", action="store_true", help="also write a PDF of the report")
    run.add_argument("--unit", action="append", metavar="NAME", default=None,
                     help="render the scorecard of this unit (repeatable) instead of the report")
    run.add_argument("--all-units", action="store_true", help="render the scorecard of every unit")
    run.add_argument("--reports", default="reports", metavar="DIR", help="reports folder (default: reports)")
    run.set_defaults(handler=_run)

    batch = commands.add_parser("batch", help="render every params file of a folder, in parallel",
                                description="Run every params file in PARAMS_DIR in parallel processes, "
                                            "skip those whose inputs did not change, then write "
                                            "reports/index.html.")
    batch.add_argument("params_dir", help="folder of params files")
    batch.add_argument("--jobs", type=int, default=None, help="parallel workers (default: number of cores)")
    batch.add_argument("--force", action="store_true", help="re-render even what did not change")
    batch.add_argument("--pdf", action="store_true", help="also write PDFs")
    batch.add_argument("--reports", default="reports", metavar="DIR", help="reports folder (default: reports)")
    batch.set_defaults(handler=_batch)

    verify = commands.add_parser("verify", help="render a report again from its recorded inputs and compare bytes",
                                 description="Read what a report records it was made from, check each input's "
                                             "SHA-256, render it again in a temporary folder and compare bytes. "
                                             "Prints 'reproduced: identical' (exit 0) or what differs (exit 1).")
    verify.add_argument("report", help="the report's HTML file or its folder")
    verify.add_argument("--params", default=None, metavar="PATH",
                        help="the params file, when it is not where the report folder says")
    verify.set_defaults(handler=_verify)

    sensitivity = commands.add_parser("sensitivity", help="how firm the ranking is (Monte Carlo)",
                                      description="Perturb level thresholds and criteria-group weights, "
                                                  "rescore many times, and write each unit's median rank, "
                                                  "5-95 %% rank interval and level probabilities.")
    sensitivity.add_argument("params", help="params file")
    sensitivity.add_argument("--draws", type=int, default=1000, help="number of draws (default 1000)")
    sensitivity.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    sensitivity.add_argument("--out", required=True, help="output file, .csv or .xlsx")
    sensitivity.set_defaults(handler=_sensitivity)

    reconcile = commands.add_parser("reconcile", help="check published rates, ranks and levels against the rules",
                                    description="Compare the rate, converted points, rank and level printed in "
                                                "the data with what the rules give, at the precision each was "
                                                "printed with; list every difference (file, sheet, row, column); "
                                                "exit 1 if any.")
    reconcile.add_argument("params", help="params file")
    reconcile.add_argument("--out", default=None, help="also write the differences to this file (.csv or .xlsx)")
    reconcile.set_defaults(handler=_reconcile)

    demo = commands.add_parser("demo-data", help="write an illustrative national data set (seeded)",
                               description="Generate illustrative criterion-grain data and params files "
                                           "for many province-years. Every file says it is illustrative.")
    demo.add_argument("out_dir", help="folder to write into")
    demo.add_argument("--provinces", type=int, default=34, help="number of provinces (default 34)")
    demo.add_argument("--years", default="2022-2024", help="a year or a range, e.g. 2022-2024")
    demo.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    demo.set_defaults(handler=_demo_data)
    return parser


def main(argv: list[str] | None = None) -> int:
    from egovnb.core.files import os_message
    from egovnb.core.safety import check_folder
    from egovnb.core.yamlio import load_yaml

    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if getattr(args, "params", None) is not None and args.command != "validate":
            # A FIFO would block, a symlink loop raise, an alias bomb stall: refused here,
            # in milliseconds, before a kernel starts or data are read.
            load_yaml(Path(args.params))
        if getattr(args, "reports", None) is not None:
            check_folder(args.reports)  # before anything is rendered
        if getattr(args, "seed", 0) < 0:  # numpy refuses a negative seed with a traceback
            raise EgovnbError(f"--seed: '{args.seed}' must be a whole number of at least 0")
        code = args.handler(args)
    except InputError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print(f"{len(error.problems)} problem(s) found; nothing was written", file=sys.stderr)
        return 1
    # OSError and MemoryError: the last net, for a failure of the system that no step turned
    # into a message of its own; still one line naming the path.
    except (EgovnbError, OSError, MemoryError) as error:
        if isinstance(error, MemoryError):
            message = "not enough memory for this input"
        else:
            message = str(error) if isinstance(error, EgovnbError) else os_message(error)
        print(f"error: {message}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    if argv is None:
        # This process is the command and ends with it: what it built goes with it, so the
        # garbage collector need not walk it on the way out (about 0.3 s after a report).
        gc.freeze()
    return code


if __name__ == "__main__":
    sys.exit(main())
