"""A cell still marked by `egovnb new` is refused by name, at every grain, never read as empty
(empty means "does not apply" at group and criterion grain); a failed cell names where its
notebook was kept."""

from __future__ import annotations

import pickle

import pytest

from egovnb.core.errors import InputError
from egovnb.core.columns import TO_FILL
from egovnb.insight.validation import validate
from egovnb.publish.kernel import CellFailure
from egovnb.publish.scaffold import province_name
from tests.conftest import POINTS_TIER


def test_a_marked_points_cell_at_criterion_grain_is_still_to_fill_not_not_applicable(project):
    data = project.write("criteria.csv", "tier,unit,criterion,points\n"
                                         f"xa,Xã A,1.1,{TO_FILL}\nxa,Xã A,1.2,5\n")
    framework = {"tiers": {"xa": POINTS_TIER},
                 "criteria": [{"id": "1.1", "group": "G", "title": "a", "max_points": 5, "tiers": ["xa"]},
                              {"id": "1.2", "group": "G", "title": "b", "max_points": 5, "tiers": ["xa"]}]}
    problems = [str(p) for p in validate(project.params(data.name, framework))]
    assert problems == [f"{data}, row 2, column 'points': still to fill (the cell says '{TO_FILL}'): type its "
                        "value, or delete the row if it is no unit"]


def test_a_marked_name_in_a_summary_table_is_named_too(project):
    data = project.write("units.csv", "tier,unit,max_points,excluded_points,achieved_points\n"
                                      f"so-nganh,{TO_FILL.lower()},90,0,{TO_FILL}\nso-nganh,Sở A,90,0,80\n")
    problems = [str(p) for p in validate(project.params(data.name))]
    assert sorted(p.split(": still to fill")[0] for p in problems) == [
        f"{data}, row 2, column 'achieved_points'", f"{data}, row 2, column 'unit'"]


def test_province_is_written_without_tinh():
    assert province_name("Tỉnh  Quảng Nam") == "Quảng Nam"
    assert province_name("tỉnh Bắc Ninh") == "Bắc Ninh"
    assert province_name("Thừa Thiên Huế") == "Thừa Thiên Huế"


def test_a_cell_failure_says_where_its_notebook_was_kept():
    failure = CellFailure("01-report.ipynb", 4, "x = y", "NameError", "name 'y' is not defined")
    kept = failure.with_saved("reports/.failed/quang-nam-2024.ipynb")
    assert str(kept) == ("01-report.ipynb, cell [4] (x = y) failed: NameError: name 'y' is not defined "
                         "(the notebook with its error: reports/.failed/quang-nam-2024.ipynb)")
    assert str(pickle.loads(pickle.dumps(kept))) == str(kept)  # crosses a batch worker's pipe whole
