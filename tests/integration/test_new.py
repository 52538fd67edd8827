"""``egovnb new``: for each method, the scaffold → ``egovnb validate`` names every cell still to
fill → filled (with openpyxl, as an analyst would in Excel) → valid, and renders; a second run
writes nothing; ``--from`` starts from last year's framework and units."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest

from egovnb.cli import main
from egovnb.core.assessment import assess
from egovnb.core.columns import TO_FILL
from tests.conftest import ROOT

METHODS = ("rate", "points", "components", "index", "ranks")
HEADER_ROW = 3


def new(tmp_path, monkeypatch, *argv) -> int:
    monkeypatch.chdir(tmp_path)
    return main(["new", *argv])


def validate(params: Path, capsys) -> tuple[int, list[str]]:
    capsys.readouterr()
    code = main(["validate", str(params)])
    return code, capsys.readouterr().err.splitlines()


def unfilled(book_path: Path) -> set[tuple[str, int, str]]:
    """(sheet, row, header) of every cell still marked."""
    book = openpyxl.load_workbook(book_path)
    found = set()
    for sheet in book.worksheets:
        header = [c.value for c in sheet[HEADER_ROW]]
        for row in sheet.iter_rows(min_row=HEADER_ROW + 1):
            found.update((sheet.title, cell.row, header[cell.column - 1]) for cell in row if cell.value == TO_FILL)
    return found


def fill(book_path: Path) -> dict[tuple[str, str], float]:
    """Fill every marked cell: a unit name from its STT, 0 excluded points, points under the
    column's data-validation maximum (the tier's, group's or component's). Returns the achieved
    points given per (sheet, unit) and column."""
    book = openpyxl.load_workbook(book_path)
    given = {}
    for sheet in book.worksheets:
        header = [c.value for c in sheet[HEADER_ROW]]
        maxima = {}
        for check in sheet.data_validations.dataValidation:
            if check.type == "decimal":
                for cells in check.sqref.ranges:
                    maxima[cells.min_col] = check.formula2
        for row in sheet.iter_rows(min_row=HEADER_ROW + 1):
            number = row[0].value
            for cell in row:
                head = header[cell.column - 1]
                if cell.value != TO_FILL:
                    continue
                if head == "Tên đơn vị":
                    cell.value = f"Đơn vị thử {number}"
                elif head == "Số điểm không đưa vào đánh giá":
                    cell.value = 0
                else:
                    # bounded by the row's maximum (a reference to its cell) or the column's
                    top = maxima[cell.column]
                    top = float(sheet[f"{top.rstrip('0123456789')}{cell.row}"].value if top[0].isalpha() else top)
                    cell.value = round(top * (0.95 - 0.03 * (number % 10)), 2)
                    given[(sheet.title, number, head)] = cell.value
    book.save(book_path)
    return given


@pytest.mark.parametrize("method", METHODS)
def test_new_names_every_cell_to_fill_then_validates(method, tmp_path, monkeypatch, capsys):
    assert new(tmp_path, monkeypatch, "Tỉnh Quảng Nam", "2024", "--method", method) == 0
    params = tmp_path / "params" / "quang-nam-2024.yaml"
    book = tmp_path / "data" / "quang-nam" / "2024" / "quang-nam-2024.xlsx"
    framework = tmp_path / "params" / "frameworks" / "quang-nam-2024.yaml"
    assert params.read_text(encoding="utf-8").splitlines()[0].startswith("# yaml-language-server: $schema=")
    assert 'province: "Quảng Nam"' in params.read_text(encoding="utf-8")  # without "Tỉnh", as reports print it
    assert "CHANGE" in framework.read_text(encoding="utf-8")

    code, lines = validate(params, capsys)
    assert code == 1
    marked = unfilled(book)
    assert marked, "the scaffold has cells to fill"
    named = set()
    for line in lines:
        found = re.match(r".*quang-nam-2024\.xlsx, sheet '(.+)', row (\d+), column '(.+)': still to fill", line)
        if found:
            named.add((found[1], int(found[2]), found[3]))
    assert named == marked  # every cell still to fill, and only those, by sheet, row and column
    assert lines[-1] == f"{len(marked)} problem(s) found"

    fill(book)
    code, lines = validate(params, capsys)
    assert (code, lines) == (0, [])
    assessment = assess(params)
    assert set(assessment.ranked["tier"]) == {"so-nganh", "huyen", "xa"}
    assert (assessment.ranked["unit"].str.startswith("Đơn vị thử")).all()
    assert assessment.ranked["evaluated"].all()


def test_new_never_writes_over_a_file(tmp_path, monkeypatch, capsys):
    assert new(tmp_path, monkeypatch, "Quảng Nam", "2025", "--method", "points") == 0
    written = sorted(p for p in tmp_path.rglob("*") if p.is_file())
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in written}
    capsys.readouterr()
    assert new(tmp_path, monkeypatch, "Quảng Nam", "2025", "--method", "rate") == 1
    assert "params/quang-nam-2025.yaml: already exists" in capsys.readouterr().err
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in written} == before
    assert sorted(p for p in tmp_path.rglob("*") if p.is_file()) == written
    # 2025: after the reform, no district tier
    assert "huyen" not in (tmp_path / "params" / "frameworks" / "quang-nam-2025.yaml").read_text(encoding="utf-8")


def test_new_writes_nothing_when_only_the_data_exists(tmp_path, monkeypatch, capsys):
    data = tmp_path / "data" / "quang-nam" / "2024" / "quang-nam-2024.xlsx"
    data.parent.mkdir(parents=True)
    data.write_bytes(b"the analyst's own")
    assert new(tmp_path, monkeypatch, "Quảng Nam", "2024", "--method", "rate") == 1
    assert "quang-nam-2024.xlsx: already exists" in capsys.readouterr().err
    assert data.read_bytes() == b"the analyst's own"
    assert not (tmp_path / "params").exists()


def test_new_refuses_a_missing_method(tmp_path, monkeypatch, capsys):
    assert new(tmp_path, monkeypatch, "Quảng Nam", "2024") == 1
    assert "--method: choose one of rate, points, components, index, ranks" in capsys.readouterr().err
    assert not any(tmp_path.iterdir())


def test_new_from_last_year_takes_its_framework_and_units(tmp_path, monkeypatch, capsys):
    last = ROOT / "params" / "thua-thien-hue-2020.yaml"
    assert new(tmp_path, monkeypatch, "Thừa Thiên Huế", "2021", "--from", str(last)) == 0
    params = tmp_path / "params" / "thua-thien-hue-2021.yaml"
    text = params.read_text(encoding="utf-8")
    assert re.search(r"^previous: \S*params/thua-thien-hue-2020\.yaml", text, re.M)
    book = tmp_path / "data" / "thua-thien-hue" / "2021" / "thua-thien-hue-2021.xlsx"
    last_year = assess(last).ranked
    sheet = openpyxl.load_workbook(book).worksheets[0]
    names = [row[1].value for row in sheet.iter_rows(min_row=HEADER_ROW + 1)]
    assert sorted(names) == sorted(last_year.loc[last_year["tier"] == "so-nganh", "unit"])
    # every points cell is to fill; the names and maxima are not
    assert {header for _, _, header in unfilled(book)} == {"Số điểm không đưa vào đánh giá", "Số điểm thực hiện"}
    assert validate(params, capsys)[0] == 1
    fill(book)
    assert validate(params, capsys) == (0, [])
    assessment = assess(params)
    assert assessment.previous is not None and assessment.previous.params.year == 2020
    assert set(assessment.ranked["unit"]) == set(last_year["unit"])


@pytest.mark.slow
def test_a_filled_scaffold_renders(tmp_path, monkeypatch, capsys):
    assert new(tmp_path, monkeypatch, "Quảng Nam", "2024", "--method", "components") == 0
    fill(tmp_path / "data" / "quang-nam" / "2024" / "quang-nam-2024.xlsx")
    capsys.readouterr()
    assert main(["run", "params/quang-nam-2024.yaml"]) == 0
    html = (tmp_path / "reports" / "quang-nam" / "2024" / "quang-nam-2024.html").read_text(encoding="utf-8")
    assert "Quảng Nam" in html and "Đơn vị thử 1" in html and "Điều kiện sẵn sàng" in html
    # JupyterLab's rule: a notebook's SVG charts are shown only when its signature is known to
    # this user's Jupyter; `egovnb run` signs what it writes. And it names its params from its folder.
    import nbformat
    from nbformat.sign import NotebookNotary

    executed = nbformat.read(tmp_path / "reports" / "quang-nam" / "2024" / "quang-nam-2024.ipynb", as_version=4)
    assert NotebookNotary().check_signature(executed)
    assert executed.metadata.papermill.parameters == {"params": "../../../params/quang-nam-2024.yaml"}


def test_new_from_a_year_ranked_within_districts_keeps_the_column(tmp_path, monkeypatch, capsys):
    last = tmp_path / "last"
    (last / "params").mkdir(parents=True)
    (last / "params" / "tay-ninh-2022.yaml").write_text(
        'province: Tây Ninh\nyear: 2022\ndata: units.csv\nframework:\n  tiers:\n    xa:\n      label: UBND cấp xã\n'
        '      rank_by: points\n      rank_within: district\n      levels: [{name: IV, min: 62}]\n'
        '      below: Không xếp hạng\n', encoding="utf-8")
    (last / "params" / "units.csv").write_text(
        "tier,unit,district,max_points,excluded_points,achieved_points\n"
        "xa,Xã A,Huyện Một,100,0,70\nxa,Xã B,Huyện Hai,100,0,65\n", encoding="utf-8")
    assert new(tmp_path, monkeypatch, "Tây Ninh", "2023", "--from", str(last / "params" / "tay-ninh-2022.yaml")) == 0
    book = tmp_path / "data" / "tay-ninh" / "2023" / "tay-ninh-2023.xlsx"
    sheet = openpyxl.load_workbook(book).worksheets[0]
    assert [c.value for c in sheet[HEADER_ROW]][:3] == ["STT", "Tên đơn vị", "district"]
    assert [(r[1].value, r[2].value) for r in sheet.iter_rows(min_row=HEADER_ROW + 1)] == [
        ("Xã A", "Huyện Một"), ("Xã B", "Huyện Hai")]
    params = tmp_path / "params" / "tay-ninh-2023.yaml"
    fill(book)
    assert validate(params, capsys) == (0, [])
    ranked = assess(params).ranked
    assert list(ranked["rank"]) == [1, 1]  # each first in its own district
