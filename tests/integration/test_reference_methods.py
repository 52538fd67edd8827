"""egovnb against an independent model of SPEC.md (tests/reference/spec_model.py), on every
method and grain: seeded random cases from every generator, hypothesis-drawn cases, and
every params file of the repository.

What is compared is what ``egovnb score`` writes: the SPEC columns, ``next_level``,
``points_to_next_level``, then ``index`` and the component columns where the framework
uses them. Input the model rejects must be rejected by egovnb too (an InputError), and
the other way round.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings

from egovnb.core.assessment import assess
from egovnb.core.read_table import ROW
from egovnb.core.data_file import read_tables
from egovnb.core.errors import InputError
from egovnb.report.annex import scores_sheet
from tests.reference import compare, generate, spec_model

ROOT = Path(__file__).resolve().parents[2]
SEEDS = range(20)


def differences(folder: Path, framework: dict, rows: list[dict]) -> list[str]:
    """What differs between egovnb and the model on one case (empty: they agree)."""
    params = generate.write_case(folder, framework, rows)
    try:
        expected = spec_model.score(framework, rows)
    except spec_model.SpecInputError as error:
        expected = error
    try:
        actual = scores_sheet(assess(params))
    except InputError as error:
        actual = error
    if isinstance(expected, Exception) or isinstance(actual, Exception):
        if isinstance(expected, Exception) and isinstance(actual, Exception):
            return []
        return [f"model: {expected if isinstance(expected, Exception) else 'scores'}; "
                f"egovnb: {actual if isinstance(actual, Exception) else 'scores'}"]
    return compare.compare(actual, expected)


@pytest.mark.parametrize("name", list(generate.GENERATORS))
def test_every_generator_agrees_with_the_model(tmp_path, name):
    failed = {}
    for seed in SEEDS:
        case = generate.generate(name, seed)
        found = differences(tmp_path / str(seed), case.framework, case.rows)
        if found:
            failed[seed] = found[:5]
    assert not failed, failed


def test_the_generators_reach_every_method_and_many_outcomes():
    """The seeded cases are not all alike: they hold ties, units without rank, units not
    evaluated, both level_by rules and the index."""
    seen = set()
    for name in generate.GENERATORS:
        for seed in SEEDS:
            case = generate.generate(name, seed)
            try:
                table = spec_model.score(*case)
            except spec_model.SpecInputError:
                continue
            ranks = [row["rank"] for row in table if row["rank"] is not None]
            seen |= {"tie"} if len(ranks) != len(set(ranks)) else set()
            seen |= {"not evaluated" for row in table if row["level"] == "Không đánh giá"}
            seen |= {"unranked" for row in table if row["rank"] is None and row["level"] != "Không đánh giá"}
            seen |= {f"level_by {t.get('level_by', 'total')}" for t in case.framework["tiers"].values()
                     if "components" in t}
            seen |= {"index"} if "index" in table[0] else set()
    assert seen >= {"tie", "not evaluated", "unranked", "level_by lowest", "level_by total", "index"}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(generate.cases())
def test_drawn_cases_agree_with_the_model(tmp_path_factory, case):
    assert differences(tmp_path_factory.mktemp("case"), case.framework, case.rows) == []


def data_rows(params) -> list[dict]:
    """A data file's rows as the model reads them. A CSV: its cells as text, ``#`` lines left
    out. A province's workbook (titles, Vietnamese headers, a sheet per tier) the model cannot
    read: its cells as egovnb's reader finds them (only the reading is shared)."""
    if params.data.suffix.lower() == ".csv":
        lines = params.data.read_text(encoding="utf-8-sig").splitlines(keepends=True)
        text = "".join(line for line in lines if not line.lstrip().startswith("#"))
        return list(csv.DictReader(io.StringIO(text)))
    tables = read_tables(params.data, params.sheet, params.sheets, params.tier)
    return [row for table in tables for row in table.frame.drop(columns=[ROW]).to_dict(orient="records")]


@pytest.mark.parametrize("params", sorted(p.name for p in (ROOT / "params").glob("*.yaml")))
def test_every_params_file_agrees_with_the_model(params):
    assessment = assess(ROOT / "params" / params)
    framework = yaml.safe_load(assessment.params.framework.source and
                               Path(assessment.params.framework.source).read_text(encoding="utf-8"))
    rows = data_rows(assessment.params)
    # Columns the model does not know (published figures) are extra columns to it.
    assert compare.compare(scores_sheet(assessment), spec_model.score(framework, rows)) == []
