"""Year chains are checked whole: every link of `previous:`, crosswalk tiers, units mapped away
but still there, units mapped into each other, rows left out by their date; `--unit` in two tiers."""

from __future__ import annotations

from egovnb.cli import main
from egovnb.core.assessment import assess
from egovnb.insight.chain import chain_problems
from egovnb.insight.validation import validate
from egovnb.report.scorecard import find_units

from .scenario import write_year

Y2023 = ["so-nganh,Sở A,100,0,95", "so-nganh,Sở B,100,0,88", "xa,Xã Một,100,0,70"]
Y2024 = ["so-nganh,Sở A,100,0,90", "so-nganh,Sở B,100,0,91", "xa,Xã Một,100,0,75"]
Y2025 = ["so-nganh,Sở A,100,0,92", "so-nganh,Sở B,100,0,80", "xa,Xã Một,100,0,77"]


def _chain(tmp_path, y2023=Y2023, y2024=Y2024, y2025=Y2025, crosswalk_2024=None, crosswalk_2025=None):
    write_year(tmp_path / "2023", 2023, y2023)
    for year, rows, crosswalk, previous in ((2024, y2024, crosswalk_2024, "../2023/son-ha-2023.yaml"),
                                            (2025, y2025, crosswalk_2025, "../2024/son-ha-2024.yaml")):
        folder = tmp_path / str(year)
        folder.mkdir(parents=True, exist_ok=True)
        if crosswalk is not None:
            (folder / "crosswalk.csv").write_text("old_tier,old_unit,new_tier,new_unit,effective_date\n" + crosswalk,
                                                 encoding="utf-8")
        write_year(folder, year, rows, previous=previous, crosswalk="crosswalk.csv" if crosswalk else None)
    return tmp_path / "2025" / "son-ha-2025.yaml"


def _messages(params):
    return [str(p) for p in validate(params)]


def test_a_well_formed_chain_has_no_problem(tmp_path):
    assert _messages(_chain(tmp_path)) == []


def test_every_link_is_checked_not_only_the_first(tmp_path):
    """2024 → 2023 loses Xã Hai with no crosswalk row: the 2025 report's scorecards follow that link."""
    params = _chain(tmp_path, y2023=Y2023 + ["xa,Xã Hai,100,0,60"])
    problems = _messages(params)
    assert len(problems) == 1
    assert "units-2023.csv, row 6, column 'unit': 'Xã Hai' (tier 'xa') is not in 2024" in problems[0]
    assert main(["validate", str(params)]) == 1


def test_scorecards_refuse_what_validate_refuses(tmp_path, capsys):
    params = _chain(tmp_path, y2023=Y2023 + ["xa,Xã Hai,100,0,60"])
    assert main(["run", str(params), "--unit", "Sở A", "--reports", str(tmp_path / "reports")]) == 1
    assert "'Xã Hai' (tier 'xa') is not in 2024" in capsys.readouterr().err
    assert not (tmp_path / "reports").exists() or not list((tmp_path / "reports").rglob("*.html"))


def test_a_broken_earlier_year_is_reported(tmp_path):
    params = _chain(tmp_path)
    (tmp_path / "2023" / "units-2023.csv").write_text("tier,unit,max_points,excluded_points,achieved_points\n"
                                                      "so-nganh,Sở A,100,0,abc\n", encoding="utf-8")
    problems = _messages(params)
    assert any("units-2023.csv, row 2, column 'achieved_points': 'abc' is not a number" in p for p in problems)


def test_a_crosswalk_row_naming_a_tier_the_framework_lacks(tmp_path):
    params = _chain(tmp_path, y2025=["so-nganh,Sở A,100,0,92", "so-nganh,Sở B,100,0,80", "xa,Xã Ba,100,0,77"],
                    crosswalk_2025="xa,Xã Một,phuong,Xã Ba,2025-07-01\n")
    problems = _messages(params)
    assert any("crosswalk.csv, row 2, column 'new_tier': tier 'phuong' is not a tier of the 2025 framework "
               "(framework-2025.yaml); its tiers: so-nganh, huyen, xa" in p for p in problems), problems
    params = _chain(tmp_path, y2025=["so-nganh,Sở A,100,0,92", "so-nganh,Sở B,100,0,80", "xa,Xã Ba,100,0,77"],
                    crosswalk_2025="commune,Xã Một,xa,Xã Ba,2025-07-01\n")
    assert any("column 'old_tier': tier 'commune' is not a tier of the 2024 framework" in p
               for p in _messages(params))


def test_a_unit_mapped_away_but_still_there(tmp_path):
    params = _chain(tmp_path, crosswalk_2025="so-nganh,Sở B,so-nganh,Sở A,2025-03-01\n")
    problems = _messages(params)
    assert len(problems) == 1
    assert ("crosswalk.csv, row 2, column 'old_unit': 'Sở B' (tier 'so-nganh') is mapped to 'Sở A', but is still "
            "a unit of 2025 (row 4 of units-2025.csv)") in problems[0]
    # A split where one part keeps the name is no contradiction.
    params = _chain(tmp_path, y2025=Y2025 + ["so-nganh,Sở C,100,0,70"],
                    crosswalk_2025="so-nganh,Sở B,so-nganh,Sở C,2025-03-01\nso-nganh,Sở B,so-nganh,Sở B,2025-03-01\n")
    assert _messages(params) == []


def test_units_mapped_into_each_other(tmp_path):
    params = _chain(tmp_path, crosswalk_2025="so-nganh,Sở A,so-nganh,Sở B,2025-03-01\n"
                                             "so-nganh,Sở B,so-nganh,Sở A,2025-03-01\n")
    problems = [p for p in _messages(params) if "mapped into each other" in p]
    assert len(problems) == 1
    assert "crosswalk.csv, row 2, column 'new_unit': 'Sở A' and 'Sở B' are mapped into each other on one date " \
           "(rows 2, 3): a unit cannot be merged from itself" in problems[0]


def test_a_rename_and_back_on_two_dates_is_a_chain(tmp_path):
    params = _chain(tmp_path, crosswalk_2025="xa,Xã Một,xa,Xã Tạm,2025-03-01\nxa,Xã Tạm,xa,Xã Một,2025-09-01\n")
    assert _messages(params) == []


def test_a_row_left_out_by_its_date_says_so(tmp_path):
    params = _chain(tmp_path, y2025=["so-nganh,Sở A,100,0,92", "so-nganh,Sở B,100,0,80", "xa,Xã Ba,100,0,77"],
                    crosswalk_2025="xa,Xã Một,xa,Xã Ba,2026-01-01\n")
    problems = [p for p in _messages(params) if "Xã Một" in p]
    assert len(problems) == 1
    assert ("crosswalk.csv, row 2, column 'effective_date': 'Xã Một' (tier 'xa') is in 2024 but not in 2025; its "
            "crosswalk row is dated 2026-01-01, so it is left out of this comparison (it takes rows dated after "
            "2024 and by 2025): check the date") in problems[0]
    assert "has no crosswalk row" not in problems[0]


def test_chain_problems_stop_at_the_first_year(tmp_path):
    write_year(tmp_path, 2024, Y2024)
    assert chain_problems(assess(tmp_path / "son-ha-2024.yaml")) == []


def test_unit_in_two_tiers_gives_both_scorecards(tmp_path):
    params = write_year(tmp_path, 2024, ["so-nganh,Văn phòng,100,0,90", "huyen,Văn phòng,100,0,80",
                                         "so-nganh,Sở A,100,0,70"])
    assert find_units(assess(params), ["Văn phòng"]) == [("so-nganh", "Văn phòng"), ("huyen", "Văn phòng")]
