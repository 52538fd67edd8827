"""Province workbooks read as delivered, and reconciled, against what each fixture's
``.expected.yaml`` says must be found (tests/data/workbooks/README.md): every unit and only
units, the published figures as printed, every planted difference and no agreeing figure."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
import yaml

from egovnb.core.assessment import assess
from egovnb.core.text import clean_name
from egovnb.insight import reconcile

WORKBOOKS = Path(__file__).resolve().parents[1] / "data" / "workbooks"
EXPECTED = sorted(WORKBOOKS.glob("*.expected.yaml"), key=lambda p: p.name)


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module", params=EXPECTED, ids=lambda p: p.name.removesuffix(".expected.yaml"))
def case(request, tmp_path_factory):
    """The fixture's expectations and its assessment, read through params as an analyst writes them."""
    expected = load(request.param)
    folder = tmp_path_factory.mktemp("workbook")
    params = {"province": "Tỉnh Thử", "year": 2024, "data": str((request.param.parent / expected["file"]).resolve()),
              "framework": expected["framework"], **expected["params"]}
    path = folder / "p.yaml"
    path.write_text(yaml.safe_dump(params, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assessment = assess(path)
    return expected, assessment, reconcile.compare(assessment.ranked, assessment.tables, assessment.framework)


def units_read(assessment) -> list[dict]:
    units = assessment.unit_data.units
    return [dict(row, sheet=assessment.tables[row["_table"]].sheet) for row in units.to_dict("records")]


def test_every_unit_and_only_units_are_read(case):
    expected, assessment, _ = case
    want = [(s["name"], u["row"], u["unit"]) for s in expected["sheets"] for u in s["units"]]
    got = [(u["sheet"], u["_row"], u["unit"]) for u in units_read(assessment)]
    assert got == want


def expected_and_read(expected, rows: list[dict]):
    """Each expected unit with its sheet, and the row read for it (``rows`` carry sheet and _row)."""
    by_row = {(row["sheet"], row["_row"]): row for row in rows}
    for sheet in expected["sheets"]:
        for unit in sheet["units"]:
            yield sheet, unit, by_row[(sheet["name"], unit["row"])]


def test_points_and_tiers_as_written(case):
    expected, assessment, _ = case
    for sheet, unit, got in expected_and_read(expected, units_read(assessment)):
        assert got["tier"] == sheet["tier"]
        for column in ("max_points", "excluded_points", "achieved_points"):
            assert got[column] == pytest.approx(unit[column]), (unit["unit"], column)


def test_published_figures_are_kept_typed_and_as_printed(case):
    expected, assessment, _ = case
    for _, unit, got in expected_and_read(expected, units_read(assessment)):
        for figure, value in unit["published"].items():
            if figure == "level":
                assert got["published_level"] == clean_name(value)
            else:
                assert float(got[f"published_{figure}"]) == pytest.approx(value, abs=1e-12), (unit["unit"], figure)
            assert got[f"printed_{figure}"] == unit["printed"][figure], (unit["unit"], figure)


def test_rows_that_are_not_units_are_named(case):
    expected, assessment, _ = case
    want = [(s["name"], n["row"], n["kind"]) for s in expected["sheets"] for n in s["not_units"]]
    got = [(table.sheet, skipped.row, skipped.kind) for table in assessment.tables for skipped in table.skipped]
    assert got == want


def test_header_rows_and_columns_as_written(case):
    expected, assessment, _ = case
    assert [t.sheet for t in assessment.tables] == [s["name"] for s in expected["sheets"]]
    for table, sheet in zip(assessment.tables, expected["sheets"]):
        assert table.header_rows == tuple(sheet["header_rows"])
        for column in sheet["columns"]:
            field = column["field"]
            if column.get("ignored"):
                continue
            name = field if field in ("unit", "max_points", "excluded_points", "applicable_points",
                                      "achieved_points") else f"published_{field}"
            assert table.written[name] == column["header"]


def test_hidden_and_unnamed_sheets_are_not_read(case):
    expected, assessment, _ = case
    read = {t.sheet for t in assessment.tables}
    for skipped in expected["skipped_sheets"]:
        assert skipped["name"] not in read


def key(record) -> tuple:
    return record["sheet"], record["row"], record["field"]


def test_reconcile_names_every_difference_and_no_agreement(case):
    expected, _, comparisons = case
    found = {key(r): r for r in reconcile.differences(comparisons).to_dict("records")}
    want = {key(d): d for d in expected["reconcile"]["differences"]}
    assert set(found) == set(want)
    for where, difference in want.items():
        got = found[where]
        assert got["unit"] == difference["unit"] and got["column"] == difference["column"]
        assert got["printed"] == difference["printed"]
        if difference["field"] in ("rate", "converted_points"):
            assert got["decimals"] == difference["decimals"] and got["value_unit"] == difference["value_unit"]
            assert got["printed_value"] == pytest.approx(difference["printed_value"])
            assert got["rule_value"] == pytest.approx(difference["rule_value"])
            assert got["rule_exact"] == pytest.approx(difference["rule_exact"], rel=1e-12)
        else:
            assert str(got["printed_value"]) == str(difference["printed_value"])
            assert str(got["rule_value"]) == str(difference["rule_value"])
    assert (1 if found else 0) == expected["reconcile"]["exit_code"]


def test_reconcile_compares_every_agreeing_figure_and_finds_it_agrees(case):
    expected, _, comparisons = case
    compared = {key(r): r for r in comparisons.to_dict("records")}
    for agreement in expected["reconcile"]["agreements"]:
        got = compared[key(agreement)]
        assert got["agrees"], agreement
        if agreement["field"] in ("rate", "converted_points"):
            assert got["rule_value"] == pytest.approx(agreement["rule_value"])
            assert got["decimals"] == agreement["decimals"]
    assert len(compared) == len(expected["reconcile"]["agreements"]) + len(expected["reconcile"]["differences"])


def test_the_rule_values_are_those_of_the_engine(case):
    """The ``rule`` of each unit in the expectations is what egovnb scores."""
    expected, assessment, _ = case
    ranked = assessment.ranked.assign(sheet=[assessment.tables[t].sheet for t in assessment.ranked["_table"]])
    for _, unit, got in expected_and_read(expected, ranked.to_dict("records")):
        assert math.isclose(got["rate"], unit["rule"]["rate"], rel_tol=1e-12)
        assert int(got["rank"]) == unit["rule"]["rank"] and got["level"] == unit["rule"]["level"]
