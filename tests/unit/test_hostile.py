"""Hostile and mistaken input, module by module (issue 11): what egovnb reads never runs, never
stalls it, never makes two things one file, and what it writes never replaces an input."""

from __future__ import annotations

import errno
import os
import re
import threading
import time
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook

from egovnb.core import files, safety, yamlio
from egovnb.core.errors import EgovnbError, InputError, WriteError
from egovnb.core.export import atomic_path, write_scores
from egovnb.core.numbers import parse_number
from egovnb.core.params import load_params, read_params
from egovnb.core.text import clean_name, slugify
from egovnb.insight.validation import validate

HEADER = "tier,unit,max_points,excluded_points,achieved_points\n"
BILLION_LAUGHS = "".join(
    f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9) if i else ', '.join(['lol'] * 9)}]\n" for i in range(10)
)


def messages(problems) -> list[str]:
    return [str(p) for p in problems]


# --- names: invisible characters fold, look-alikes are one unit --------------------------------------------------

@pytest.mark.parametrize("raw", ["Sở Y\u200b tế", "\ufeffSở Y tế", "Sở\x01Y tế", "Sở Y\u00ad tế", "Sở\u00a0Y\ttế\r\n",
                                 "Sở Y \u200d\u200ctế", "\u202eSở Y tế", "So\u031b\u0309 Y tê\u0301"])
def test_look_alike_names_fold_to_one(raw):
    assert clean_name(raw) == "Sở Y tế"


def test_a_name_is_always_writable_text():
    name = clean_name("A\x00B\x07C\x1bD\ud800E")
    assert name == "A B C D\ufffdE"
    Workbook().active.append([name])  # openpyxl raises IllegalCharacterError on control characters


def test_two_names_that_look_the_same_are_one_unit(project):
    project.write("units.csv", HEADER + "so-nganh,Sở Y tế,90,0,85\nso-nganh,Sở Y\u200b tế,90,0,80\n")
    found = messages(validate(project.params("units.csv")))
    assert found == [f"{project.root / 'units.csv'}, row 3, column 'unit': unit 'Sở Y tế' of tier 'so-nganh' "
                     "appears twice (first at row 2)"]


def test_validate_never_passes_what_the_workbook_rejects(project, tmp_path):
    from egovnb.core.assessment import assess
    from egovnb.report.annex import write_annex

    project.write("units.csv", HEADER + "so-nganh,Sở\x01Tài chính\x1f,90,0,85\n")
    params = project.params("units.csv")
    assert validate(params) == []
    out = write_annex(assess(params), tmp_path / "annex.xlsx")
    assert load_workbook(out)["scores"]["B2"].value == "Sở Tài chính"


# --- slugs: different names, different files ------------------------------------------------------------------

def test_vietnamese_slugs_are_unchanged():
    assert [slugify(n) for n in ("Thừa Thiên Huế", "Đắk Lắk", "Bà Rịa – Vũng Tàu", "Sở Y tế", "TP. Sơn Hà")] == [
        "thua-thien-hue", "dak-lak", "ba-ria-vung-tau", "so-y-te", "tp-son-ha"]


def test_names_without_latin_letters_get_distinct_slugs():
    slugs = {slugify(n) for n in ("北京", "上海", "Αθήνα", "Москва", "北京 2", "上海 2")}
    assert len(slugs) == 6 and "unnamed" not in slugs and "" not in slugs
    assert all(re.fullmatch(r"[a-z0-9-]+", s) for s in slugs)
    assert slugify("北京") == slugify(" 北京 ")  # stable: a hash of the NFC name


def test_long_names_get_short_distinct_slugs():
    one, two = slugify("Sở " + "a" * 300), slugify("Sở " + "a" * 299 + "b")
    assert one != two and len(one) <= 80 and len(two) <= 80


def test_unit_file_slugs_never_collide():
    keys = [("so-nganh", "Sở A"), ("so-nganh", "Sở Ă"), ("so-nganh", "Sở-A"), ("so-nganh", "Sở Y tế"),
            ("huyen", "TP Sơn Hà"), ("xa", "TP Sơn Hà"), ("so-nganh", "Sở A so nganh")]
    slugs = safety.unit_file_slugs(keys)
    assert len(set(slugs.values())) == len(keys)
    assert slugs[("so-nganh", "Sở Y tế")] == "so-y-te"
    assert slugs[("huyen", "TP Sơn Hà")] == "tp-son-ha-huyen" and slugs[("xa", "TP Sơn Hà")] == "tp-son-ha-xa"
    assert all(slugs[k].startswith("so-a-so-nganh-") for k in keys if slugify(k[1]) == "so-a")


# --- YAML that looks right but is not ------------------------------------------------------------------------------

def test_duplicate_keys_name_the_line_and_key(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("province: A\nyear: 2024\ntiers:\n  x: {label: a, label: b}\nprovince: B\n", encoding="utf-8")
    with pytest.raises(InputError) as raised:
        yamlio.load_yaml(path)
    assert messages(raised.value.problems) == [
        f"{path}, line 4, column 'label': this key appears twice in one mapping (first at line 4); keep one",
        f"{path}, line 5, column 'province': this key appears twice in one mapping (first at line 1); keep one"]


def test_merge_keys_may_be_overridden(tmp_path):
    path = tmp_path / "f.yaml"
    path.write_text("base: &b {label: a, rank_by: rate}\ntier:\n  <<: *b\n  label: c\n", encoding="utf-8")
    assert yamlio.load_yaml(path)["tier"] == {"label": "c", "rank_by": "rate"}


def test_billion_laughs_is_refused_quickly(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(BILLION_LAUGHS + "province: *l9\n", encoding="utf-8")
    start = time.perf_counter()
    with pytest.raises(InputError, match="aliases .* expand to more than 100,000 values"):
        yamlio.load_yaml(path)
    assert time.perf_counter() - start < 0.5


@pytest.mark.parametrize("text, message", [
    ("a: &a [*a]\n", "an alias (*name) refers to the mapping or list it stands in"),
    ("a: &a {b: *a}\n", "an alias (*name) refers to the mapping or list it stands in"),
    # egovnb's own limit and words, whatever the parser underneath would say (or crash on).
    ("[" * 3000 + "]" * 3000, "nested too deeply (more than 100 levels)"),
    ("a: " + "[" * 200_000 + "]" * 200_000, "nested too deeply (more than 100 levels)"),
    ("- " * 100_000 + "x\n", "nested too deeply (more than 100 levels)"),
    ("[" * 101 + "]" * 101, "nested too deeply (more than 100 levels)"),
    ("- " * 101 + "x\n", "nested too deeply (more than 100 levels)"),
    ("? [1, 2]\n: 3\n", "a key must be a plain value"),
])
def test_yaml_that_cannot_be_read_is_one_problem(tmp_path, text, message):
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as raised:
        yamlio.load_yaml(path)
    assert len(raised.value.problems) == 1 and message in str(raised.value)


def test_yaml_nested_as_deep_as_egovnb_allows_is_read(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("a: " + "[" * (yamlio.MAX_DEPTH - 1) + "1" + "]" * (yamlio.MAX_DEPTH - 1) + "\n", encoding="utf-8")
    value = yamlio.load_yaml(path)["a"]
    for _ in range(yamlio.MAX_DEPTH - 1):
        value = value[0]
    assert value == 1


def test_a_fifo_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "p.yaml"
    os.mkfifo(fifo)
    result = {}

    def load():
        try:
            yamlio.load_yaml(fifo)
        except InputError as error:
            result["message"] = str(error)

    reader = threading.Thread(target=load, daemon=True)
    reader.start()
    reader.join(5)
    assert result.get("message") == f"{fifo}: is a FIFO (named pipe), not a file"


def test_devices_loops_and_huge_files_are_refused(tmp_path, monkeypatch):
    loop = tmp_path / "a.yaml"
    os.symlink(tmp_path / "b.yaml", loop)
    os.symlink(loop, tmp_path / "b.yaml")
    big = tmp_path / "big.yaml"
    big.write_text("a: 1\n" * 100, encoding="utf-8")
    monkeypatch.setattr(yamlio, "MAX_BYTES", 100)
    for path, reason in ((Path("/dev/null"), "is a device, not a file"),
                         (loop, "too many levels of symbolic links (a symlink loop?)"),
                         (tmp_path / ("x" * 300 + ".yaml"), "the file name is too long"),
                         (big, "is 0 MiB; at most 0 MiB is read")):
        with pytest.raises(InputError) as raised:
            yamlio.load_yaml(path)
        assert str(raised.value) == f"{path}: {reason}"


# --- params of the wrong type, previous years that are not -----------------------------------------------------------

def test_params_values_of_the_wrong_type(project):
    params = project.params("units.csv", province=None, title=2024, decision=["a"], note={"a": 1}, sheet=[1])
    text = params.read_text(encoding="utf-8").replace("province: null", "province:\n- Huế\n- Đà Nẵng")
    params.write_text(text, encoding="utf-8")
    project.write("units.csv", HEADER + "so-nganh,Sở Y tế,90,0,85\n")
    _, problems = read_params(params)
    assert messages(problems) == [
        f"{params}, line 1, column 'province': must be text, not a list "
        "(quote it if it looks like a number or a date)",
        f"{params}, line 7, column 'title': must be text, not a number (quote it if it looks like a number or a date)",
        f"{params}, line 8, column 'decision': must be text, not a list (quote it if it looks like a number or a date)",
        f"{params}, line 10, column 'note': must be text, not a mapping "
        "(quote it if it looks like a number or a date)",
        f"{params}, line 12, column 'sheet': must be the name of a sheet, not a list"]


def test_an_invisible_province_is_missing(project):
    project.write("units.csv", HEADER + "so-nganh,Sở Y tế,90,0,85\n")
    _, problems = read_params(project.params("units.csv", province="\u200b \ufeff"))
    assert [(p.column, p.message) for p in problems] == [("province", "missing: province name, e.g. Thừa Thiên Huế")]


@pytest.mark.parametrize("year, message", [
    (2024, "'last.yaml' is the params file of 2024, not of a year before 2024"),
    (2025, "'last.yaml' is the params file of 2025, not of a year before 2024"),
])
def test_previous_must_be_an_earlier_year(project, year, message):
    project.write("units.csv", HEADER + "so-nganh,Sở Y tế,90,0,85\n")
    project.params("units.csv", name="last.yaml", year=year)
    params = project.params("units.csv", previous="last.yaml")
    with pytest.raises(InputError) as raised:
        load_params(params)
    assert [(p.column, p.message) for p in raised.value.problems] == [("previous", message)]


def test_previous_is_not_the_file_itself(project):
    project.write("units.csv", HEADER + "so-nganh,Sở Y tế,90,0,85\n")
    params = project.params("units.csv", previous="p.yaml")
    assert [p.message for p in validate(params)] == ["names this params file itself; name last year's params file"]


# --- numbers that are not finite ---------------------------------------------------------------------------

@pytest.mark.parametrize("value", ["1e400", "-1e400", "inf", "nan", "Infinity", "1" + "0" * 400, float("inf"), 10**400])
def test_numbers_that_are_not_finite_are_not_numbers(value):
    assert parse_number(value) != parse_number(value)  # NaN: "not a number"


def test_non_finite_cells_and_thresholds_are_problems(project):
    project.write("units.csv", HEADER + "so-nganh,Sở A,90,0,1e400\nso-nganh,Sở B,inf,0,5\n")
    found = messages(validate(project.params("units.csv")))
    assert found == [f"{project.root / 'units.csv'}, row 2, column 'achieved_points': '1e400' is not a number "
                     "(use 85.36 or 85,36)",
                     f"{project.root / 'units.csv'}, row 3, column 'max_points': 'inf' is not a number "
                     "(use 85.36 or 85,36)"]
    framework = {"tiers": {"so-nganh": {"label": "A", "rank_by": "points", "levels": [{"name": "I", "min": 1e400}]}}}
    assert [p.message for p in validate(project.params("units.csv", framework=framework))] == ["'inf' is not a number"]


# --- workbooks: text is text --------------------------------------------------------------------------------

FORMULA_LIKE = ['=HYPERLINK("http://example.com","x")', "=1+1", "+1+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1",
                "#N/A", "#DIV/0!", "=", "Sở Y tế"]


def test_text_stays_text_in_a_worksheet():
    sheet = Workbook().active
    sheet.append(FORMULA_LIKE + [1.5, None])
    safety.text_stays_text(sheet)
    cells = list(sheet.iter_rows())[0]
    assert [c.data_type for c in cells[:len(FORMULA_LIKE)]] == ["s"] * len(FORMULA_LIKE)
    assert [c.value for c in cells[:len(FORMULA_LIKE)]] == FORMULA_LIKE
    assert cells[-2].data_type == "n"


def test_scores_workbook_and_csv_keep_names_as_written(tmp_path):
    # (No name holds a carriage return: clean_name folds it, and XML would read it back as \n.)
    names = [n for n in FORMULA_LIKE if "\r" not in n]
    table = pd.DataFrame({"tier": ["so-nganh"] * len(names), "unit": names, "rate": [0.5] * len(names)})
    book = load_workbook(write_scores(table, tmp_path / "s.xlsx"))
    assert [c.value for c in book["scores"]["B"][1:]] == names
    assert {c.data_type for c in book["scores"]["B"]} == {"s"}
    with zipfile.ZipFile(tmp_path / "s.xlsx") as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")
    # The CSV is for programs: every value as it is, no quote or prefix added.
    write_scores(table, tmp_path / "s.csv")
    assert pd.read_csv(tmp_path / "s.csv", keep_default_na=False)["unit"].tolist() == names
    assert "\nso-nganh,=1+1,0.5\nso-nganh,+1+1,0.5\nso-nganh,-1+1,0.5\nso-nganh,@SUM(A1),0.5\n" in (tmp_path / "s.csv").read_text(encoding="utf-8")


# --- outputs --------------------------------------------------------------------------------------------

def test_an_output_that_is_an_input_is_refused(project, tmp_path):
    project.write("units.csv", HEADER + "so-nganh,Sở Y tế,90,0,85\n")
    project.write("old.csv", HEADER + "so-nganh,Sở Y tế,90,0,80\n")
    project.write("walk.csv", "old_unit,new_unit\nSở Y tế,Sở Y tế\n")
    project.params("old.csv", name="last.yaml", year=2023)
    params = project.params("units.csv", previous="last.yaml", crosswalk="walk.csv")
    os.link(project.root / "units.csv", tmp_path / "hard.csv")
    os.symlink(project.root / "old.csv", tmp_path / "soft.csv")
    for out, role in (("units.csv", "this year's data file"), ("walk.csv", "this year's crosswalk file"),
                      ("old.csv", "a previous year's data file"), ("hard.csv", "this year's data file"),
                      ("soft.csv", "a previous year's data file")):
        with pytest.raises(EgovnbError, match=f"{out}: is {role} "):
            safety.check_output(tmp_path / out, params)
    assert safety.check_output(tmp_path / "scores.csv", params) == tmp_path / "scores.csv"


@pytest.mark.parametrize("out, reason", [
    ("folder.csv", "is a folder, not a file"),
    ("file.txt/x.csv", "cannot be created: {root}/file.txt is a file, not a folder"),
    ("x" * 300 + ".csv", "the file name is too long"),
    ("new/" + "x" * 300 + "/a.csv", "the file name is too long (at most 255 bytes)"),
    ("scores.pdf", "the output must end in .csv or .xlsx"),
])
def test_outputs_that_cannot_be_written(tmp_path, out, reason):
    (tmp_path / "folder.csv").mkdir()
    (tmp_path / "file.txt").write_text("x")
    with pytest.raises(EgovnbError) as raised:
        safety.check_output(tmp_path / out, tmp_path / "p.yaml")
    assert str(raised.value) == f"{tmp_path / out}: {reason.format(root=tmp_path)}"


def test_output_files_get_the_users_umask(tmp_path):
    previous = os.umask(0o027)
    try:
        with atomic_path(tmp_path / "a.csv") as temporary:
            temporary.write_text("x")
    finally:
        os.umask(previous)
    assert (tmp_path / "a.csv").stat().st_mode & 0o777 == 0o640


@pytest.mark.parametrize("code, reason", [(errno.EROFS, "the file system is read-only"),
                                          (errno.ENOSPC, "no space left on the disk")])
def test_a_failing_disk_is_one_line_and_keeps_the_old_file(tmp_path, monkeypatch, code, reason):
    target = tmp_path / "a.csv"
    target.write_text("old")

    def fail(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(pd.DataFrame, "to_csv", fail)
    with pytest.raises(WriteError) as raised:
        write_scores(pd.DataFrame({"a": [1]}), target)
    assert str(raised.value) == f"{target}: cannot write: {reason}"
    assert target.read_text() == "old" and os.listdir(tmp_path) == ["a.csv"]


def test_a_reports_folder_that_is_a_file(tmp_path):
    (tmp_path / "reports").write_text("x")
    with pytest.raises(EgovnbError, match="the reports folder is a file, not a folder"):
        safety.check_folder(tmp_path / "reports")
    with pytest.raises(EgovnbError, match="is a file, not a folder"):
        safety.check_folder(tmp_path / "reports" / "sub")


def test_missing_input_names_the_reason(tmp_path):
    os.mkfifo(tmp_path / "f.csv")
    assert files.missing_input(tmp_path / "f.csv", "data file") == \
        f"data file {tmp_path / 'f.csv'}: is a FIFO (named pipe), not a file"
    assert files.missing_input(tmp_path / "n.csv", "data file") == f"data file not found: {tmp_path / 'n.csv'}"


# --- inputs that would take without bound ---------------------------------------------------------------

def _workbook(path: Path, dimension: str | None = None, padding: int = 0) -> Path:
    book = Workbook()
    book.active.append(HEADER.strip().split(","))
    book.active.append(["so-nganh", "Sở Y tế", 90, 0, 85])
    book.save(path)
    if dimension or padding:
        with zipfile.ZipFile(path) as source:
            entries = [(info.filename, source.read(info.filename)) for info in source.infolist()]
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
            for name, content in entries:
                if name == "xl/worksheets/sheet1.xml" and dimension:
                    content = re.sub(rb'<dimension ref="[^"]*"', f'<dimension ref="{dimension}"'.encode(), content)
                target.writestr(name, content)
            if padding:
                target.writestr("xl/media/padding.bin", b"\0" * padding)
    return path


def test_a_workbook_declaring_billions_of_cells_is_refused_before_loading(project, monkeypatch):
    _workbook(project.root / "units.xlsx", dimension="A1:XFD1048576")
    monkeypatch.setattr("openpyxl.load_workbook", lambda *a, **k: pytest.fail("loaded"))
    assert messages(validate(project.params("units.xlsx"))) == [
        f"{project.root / 'units.xlsx'}: a sheet (sheet1.xml) declares 17,179,869,184 cells; "
        "egovnb reads sheets of up to 50,000,000 cells"]


def test_a_workbook_that_unpacks_to_too_much_is_refused(project, monkeypatch):
    _workbook(project.root / "units.xlsx", padding=3 * 2**20)
    monkeypatch.setattr(safety, "MAX_XLSX_UNCOMPRESSED", 2**20)
    assert [p.message for p in validate(project.params("units.xlsx"))] == [
        "the workbook unpacks to 3 MiB; egovnb reads workbooks of up to 1 MiB (save the sheet as CSV instead)"]
    _workbook(project.root / "ok.xlsx", dimension="A1:E2")
    assert validate(project.params("ok.xlsx")) == []


def test_a_big_csv_has_its_header_checked_before_its_rows(project, monkeypatch):
    project.write("units.csv", "# a note\ntier;name;points\n" + "so-nganh;Sở Y tế;5\n" * 50)
    monkeypatch.setattr(safety, "EARLY_HEADER_BYTES", 100)
    monkeypatch.setattr(pd, "read_csv", lambda *a, **k: pytest.fail("rows were read"))
    found = validate(project.params("units.csv"))
    # Every grain needs a unit column; the rest (which grain, which columns) is validation's,
    # once the rows are read (a delivered header may be Vietnamese, the tier may come from the params).
    assert [(p.row, p.message) for p in found] == [
        (2, "no unit column ('unit' or 'Tên đơn vị') in the header (the header was checked before reading the rows)")]


@pytest.mark.parametrize("draws, units, message", [
    (0, None, "'0' must be a whole number of at least 1"),
    (True, None, "'True' must be a whole number of at least 1"),
    (10**12, None, "1,000,000,000,000 draws is more than the 100,000 egovnb runs (the default is 1,000)"),
    (100_000, 1_000, "100,000 draws × 1,000 evaluated units would need several GiB of memory; "
                     "use at most 20,000 draws"),
])
def test_draws_are_bounded(draws, units, message):
    assert safety.draws_problem(draws, units) == message


def test_sensitivity_settings_are_bounded(project):
    project.write("units.csv", HEADER + "".join(f"so-nganh,Sở {i},90,0,{i % 90}\n" for i in range(300)))
    params = project.params("units.csv", sensitivity={"draws": 99_000, "threshold_shift": 1e308,
                                                      "weight_spread": float("nan")})
    assert [(p.column, p.message) for p in validate(params)] == [
        ("sensitivity.threshold_shift", "'1e+308' must be a number from 0 to 1000"),
        ("sensitivity.weight_spread", "'nan' must be a number ≥ 0 and < 1"),
        ("sensitivity.draws", "99,000 draws × 300 evaluated units would need several GiB of memory; "
                              "use at most 66,666 draws")]


def test_chart_text_is_never_mathtext():
    import io

    import matplotlib
    from matplotlib.figure import Figure

    from egovnb.report.charts import RC

    def draw(rc):
        with matplotlib.rc_context(rc):
            figure = Figure()
            figure.text(0, 0, r"Quỹ $5 triệu, x^$ tỷ")
            figure.savefig(io.BytesIO(), format="png")

    draw(RC)  # drawn as the text it is
    with pytest.raises(ValueError):
        draw({**RC, "text.parse_math": True})  # as mathtext it cannot even be drawn


def test_chart_svg_keeps_hostile_names_as_escaped_text(project):
    """A unit named like markup or mathtext is written into the chart's SVG as the text it is."""
    from xml.etree import ElementTree

    from egovnb.core.assessment import assess
    from egovnb.report import charts_tier

    name = "<script>alert(1)</script> Quỹ $5 triệu$ & x^$"
    project.write("units.csv", HEADER + f'so-nganh,"{name}",90,0,80\nso-nganh,Sở B,90,0,70\n')
    assessment = assess(project.params("units.csv"))
    svg = charts_tier.ranking_chart(assessment.ranked, assessment.framework.tiers["so-nganh"]).svg
    ElementTree.fromstring(svg)  # well-formed
    text = svg.decode("utf-8")
    assert "<script" not in text
    assert ">1. &lt;script&gt;alert(1)&lt;/script&gt; Quỹ $5 triệu$ &amp; x^$</text>" in text
