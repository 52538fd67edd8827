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
    from egovnb.core.outputs import check_output
    from egovnb.report.annex import scores_sheet, write_annex

    out = check_output(args.out, args.params, (".csv", ".xlsx", ".docx"))  # never one of the run's inputs
    record = None
    if out.suffix.lower() == ".xlsx":
        from egovnb.publish.provenance import provenance_of, workbook_properties

        record = workbook_properties(provenance_of(args.params))  # the inputs hashed before they are read
    assessment = assess(args.params)
    # The contract's columns (docs/contract.md), then next_level and points_to_next_level; .xlsx gets the annex workbook.
    if out.suffix.lower() == ".xlsx":
        out = write_annex(assessment, out, properties=record)
    elif out.suffix.lower() == ".docx":  # the decision's annexes in Word (report/docx_annex.py)
        from egovnb.report.docx_annex import write_annexes

        out = write_annexes(assessment, out)
    else:
        out = write_scores(scores_sheet(assessment), out)
    from egovnb.insight.validation import left_out

    for line in left_out(assessment):  # total and mean rows: said, never scored
        print(line, file=sys.stderr)
    print(f"{out}: {len(assessment.scores)} units scored")
    return 0


def _validate(args: argparse.Namespace) -> int:
    from egovnb.insight.validate_files import cli_validate

    return cli_validate(args.params)


def _schema(args: argparse.Namespace) -> int:
    from egovnb.core.keys_schema import schema_text

    sys.stdout.write(schema_text(args.name))
    return 0


def _run(args: argparse.Namespace) -> int:
    """``egovnb run PARAMS [--pdf] [--reports DIR]``: render the report, or with ``--unit`` /
    ``--all-units`` the unit scorecards, and print where they are."""
    if (args.unit or args.all_units) and args.docx:
        raise EgovnbError("--docx writes the decision's documents beside the report; run it without --unit")
    if args.unit or args.all_units:
        from egovnb.publish.scorecard_pages import run_scorecards

        units = None if args.all_units else list(args.unit)
        paths = run_scorecards(args.params, units, reports_root=Path(args.reports), pdf=args.pdf,
                               progress=units is None)
    else:
        from egovnb.publish.render import run_report

        paths = [run_report(args.params, reports_root=Path(args.reports), pdf=args.pdf, source=args.params_file, docx=args.docx,
                            trusted=True)]
    for path in paths:
        print(shown_path(path))
        if args.pdf:
            print(shown_path(path.with_suffix(".pdf")))
        if args.docx:  # the Word annexes and draft decision (publish/documents.py)
            from egovnb.publish.documents import ANNEXES_SUFFIX, DECISION_SUFFIX

            for ending in (ANNEXES_SUFFIX, DECISION_SUFFIX):
                print(shown_path(path.with_name(path.stem + ending)))
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
    from egovnb.core.outputs import check_output
    from egovnb.core.safety import draws_problem
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
    from egovnb.core.outputs import check_output
    from egovnb.insight import reconcile

    if args.out:
        check_output(args.out, args.params)  # never the workbook, the crosswalk, nor a file of the analyst's
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


def _news(args: argparse.Namespace) -> int:
    """``egovnb news PARAMS [--out FILE] [--language vi|en]``: the news item (tin bài)."""
    from egovnb.core.assessment import assess
    from egovnb.core.export import output_path
    from egovnb.core.outputs import check_output
    from egovnb.report.news import news_item

    out = check_output(args.out, args.params, (".txt", ".md")) if args.out else None
    text = news_item(assess(args.params), args.language).text()
    if out is None:
        sys.stdout.write(text)
        return 0
    with output_path(out) as temporary:
        temporary.write_text(text, encoding="utf-8")
    print(f"{shown_path(out)}: news item written")
    return 0


def _decision(args: argparse.Namespace) -> int:
    from egovnb.publish.documents import cli_decision

    return cli_decision(args)


def _demo_data(args: argparse.Namespace) -> int:
    from egovnb.demo.generate import cli_demo_data

    return cli_demo_data(args)


def _new(args: argparse.Namespace) -> int:
    from egovnb.publish.scaffold import new_province_year

    files = new_province_year(args.province, args.year, args.method, Path(args.previous) if args.previous else None)
    for path in (files.params, files.framework, files.data):
        print(shown_path(path.resolve()))
    print(f"next: fill the workbook, then `egovnb validate {shown_path(files.params.resolve())}` names every cell "
          "still to fill")
    return 0


def _preview(args: argparse.Namespace) -> int:
    from egovnb.publish.preview_server import serve

    def ready(port: int) -> None:
        print(f"previewing {args.params} at http://127.0.0.1:{port}/ (re-rendered on every save; Ctrl-C stops)",
              flush=True)

    serve(Path(args.params), args.port, ready=ready)
    return 0


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
    score.add_argument("--out", required=True, help="output file: .csv, .xlsx, or .docx (the decision's annexes)")
    score.set_defaults(handler=_score)

    validate = commands.add_parser("validate", help="check params, framework and data; list every problem",
                                   description="Check a params file, its framework and its data. "
                                               "Prints every problem with file, row and column; exit 1 if any. "
                                               "Given a folder (or several files), checks every params file "
                                               "directly in it and ends with one summary line.")
    validate.add_argument("params", nargs="+", metavar="PARAMS", help="params file(s), or a folder of them")
    validate.set_defaults(handler=_validate)

    schema = commands.add_parser("schema", help="print the JSON Schema of a params file or a framework (for editors)",
                                 description="Print the JSON Schema (draft 2020-12) of a params file or a "
                                             "framework, for editors (VS Code, JupyterLab) through the YAML "
                                             "language server; also shipped as egovnb/core/schemas/*.schema.json.")
    schema.add_argument("name", choices=("params", "framework"), help="params or framework")
    schema.set_defaults(handler=_schema)

    run = commands.add_parser("run", help="render the report of a province-year (HTML, optionally PDF)",
                              description="Execute the report notebook(s) with Papermill and write HTML "
                                          "(and PDF) under reports/<province>/<year>/.")
    run.add_argument("params", help="params file")
    run.add_argument("--pdf", action="store_true", help="also write a PDF of the report")
    run.add_argument("--docx", action="store_true",
                     help="also write the annexes and the draft decision in Word (.docx)")
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
                                                  "5-95%% rank interval and level probabilities.")
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

    news = commands.add_parser("news", help="write the news item (tin bài) of a province-year",
                               description="The news item of a province-year, a paragraph per tier: counts per "
                                           "level, the first three and the last, units not ranked or not "
                                           "evaluated; to standard output or FILE (.txt or .md).")
    news.add_argument("params", help="params file")
    news.add_argument("--out", default=None, help="write to this file (.txt or .md) instead of standard output")
    news.add_argument("--language", choices=("vi", "en"), default=None,
                      help="vi or en (default: the params' language)")
    news.set_defaults(handler=_news)

    decision = commands.add_parser("decision", help="write the draft decision with its annexes (.docx)",
                                   description="Write the draft decision (Nghị định 30/2020 layout) with the "
                                               "annexes of every tier; what the params' decision_draft does "
                                               "not give is left as a blank (…) to fill.")
    decision.add_argument("params", help="params file")
    decision.add_argument("--out", required=True, help="output file, .docx")
    decision.set_defaults(handler=_decision)

    new = commands.add_parser("new", help="write the params, framework and data workbook of a new province-year",
                              description="Write params/<slug>-<year>.yaml, a framework from the method's "
                                          "template (comments say what to change) and a data workbook to fill "
                                          "(one sheet a tier); never over an existing file.")
    new.add_argument("province", help="the province's name, e.g. 'Quảng Nam'")
    new.add_argument("year", type=int, help="the year assessed, e.g. 2025")
    new.add_argument("--method", choices=("rate", "points", "components", "index", "ranks"), default=None,
                     help="how units are scored: rate (Thừa Thiên Huế), points with a floor (Gia Lai communes), "
                          "components (Gia Lai, lowest level), index (DTI), ranks (Hưng Yên, no levels)")
    new.add_argument("--from", dest="previous", metavar="PREVIOUS_PARAMS", default=None,
                     help="start from last year's params: its framework and units, with previous: set")
    new.set_defaults(handler=_new)

    preview = commands.add_parser("preview", help="serve the report page, re-rendered whenever an input changes",
                                  description="Serve the report of PARAMS at http://127.0.0.1:PORT/ (loopback "
                                              "only); every save of the params, framework, data, crosswalk, "
                                              "previous years or notebooks re-renders it and the page reloads; "
                                              "while the inputs are wrong the page lists their problems.")
    preview.add_argument("params", help="params file")
    preview.add_argument("--port", type=int, default=8765, help="port on 127.0.0.1 (default 8765; 0: any free one)")
    preview.set_defaults(handler=_preview)

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
    from egovnb.core.yamlio import read_yaml

    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if getattr(args, "params", None) is not None and args.command != "validate":
            # A FIFO would block, a symlink loop raise, an alias bomb stall: refused here,
            # in milliseconds, before a kernel starts or data are read. Read once: what was read
            # goes on to the command (`run` reads the file no more in this process).
            args.params_file = read_yaml(Path(args.params))
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
