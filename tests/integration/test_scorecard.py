"""Unit scorecards rendered end to end: `egovnb run PARAMS --unit NAME`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from egovnb.cli import main
from egovnb.publish.scorecard_pages import run_scorecards

ROOT = Path(__file__).resolve().parents[2]
PARAMS = ROOT / "params/son-ha-2025.yaml"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    reports = tmp_path_factory.mktemp("reports")
    paths = run_scorecards(PARAMS, ["Xã Ia Grai", "Sở Y tế"], reports_root=reports)
    return reports, paths


def test_files_where_the_issue_says(rendered):
    reports, paths = rendered
    folder = reports / "son-ha" / "2025" / "units"
    assert paths == [folder / "so-y-te.html", folder / "xa-ia-grai.html"]
    assert sorted(p.name for p in folder.iterdir()) == [".so-y-te.sha256", ".xa-ia-grai.sha256", "so-y-te.html",
                                                         "so-y-te.ipynb", "xa-ia-grai.html", "xa-ia-grai.ipynb"]
    assert not [p for p in reports.iterdir() if p.name.startswith(".staging")]


def test_page_content(rendered):
    _, paths = rendered
    page = paths[1].read_text(encoding="utf-8")
    assert "<title>Xã Ia Grai — Phiếu kết quả" in page
    for text in ("Xếp hạng 22/28", "Cần thêm 2,25 điểm để đạt mức độ IV", "Xã Ia Ga; Xã Ia Phìn; Xã Ia Vê",
                 "Dữ liệu minh họa", "Trung vị của khối", "2023", "2024"):
        assert text in page, text
    assert "<img " not in page and "base64" not in page  # the charts are written into the page
    charts = re.findall(r"<svg [^>]*>.*?</title>", page)  # each at its figure's size, with its alt text
    assert len(charts) == 3 and all(re.search(r'\bwidth="864"', c) and re.search(r'\bheight="\d{3}"', c)
                                    and 'role="img"' in c and "Xã Ia Grai" in c for c in charts)
    # The unit drawn once among the others; the crosswalk's note; the params note in the banner.
    assert "hợp nhất ba xã (minh họa)" in page and "tỉnh Sơn Hà là tỉnh giả định" in page
    assert "<script" not in page and "/work/" not in page and "/tmp/" not in page
    # No code cells in the page.
    assert "scorecard.build" not in page


def test_same_inputs_same_bytes(rendered, tmp_path):
    _, paths = rendered
    again = run_scorecards(PARAMS, ["Xã Ia Grai"], reports_root=tmp_path)
    assert again[0].read_bytes() == paths[1].read_bytes()


def test_cli_unknown_unit_writes_nothing(tmp_path, capsys):
    code = main(["run", str(PARAMS), "--unit", "Xã Không Có", "--reports", str(tmp_path)])
    assert code == 1
    assert "no unit named 'Xã Không Có' in 2025" in capsys.readouterr().err
    assert not any(p for p in tmp_path.rglob("*") if p.is_file())


def test_cli_unit_with_pdf(tmp_path, capsys):
    code = main(["run", str(ROOT / "params/thua-thien-hue-2020.yaml"), "--unit", "Sở Y tế", "--pdf",
                 "--reports", str(tmp_path)])
    assert code == 0
    out = capsys.readouterr().out.split()
    assert [Path(p).name for p in out] == ["so-y-te.html", "so-y-te.pdf"]
    pdf = tmp_path / "thua-thien-hue" / "2020" / "units" / "so-y-te.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    assert re.search("mức độ cao nhất", (pdf.with_suffix(".html")).read_text(encoding="utf-8"))


def test_parallel_chunks_give_the_same_pages(rendered, tmp_path, monkeypatch):
    import egovnb.publish.scorecard_pages as scorecards

    _, paths = rendered
    # Chunks of one unit in two processes: the pages must not depend on how units are grouped.
    monkeypatch.setattr(scorecards, "CHUNK", 1)
    again = run_scorecards(PARAMS, ["Sở Y tế", "Xã Ia Grai"], reports_root=tmp_path, jobs=2)
    assert [p.read_bytes() for p in again] == [p.read_bytes() for p in paths]


def test_a_failing_cell_names_unit_and_cell_and_keeps_old_pages(rendered, tmp_path, monkeypatch):
    import nbformat

    import egovnb.publish.scorecard_pages as scorecards
    from egovnb.core.errors import RunError

    broken = nbformat.read(scorecards.SCORECARD_NOTEBOOK, as_version=4)
    broken.cells[5].source = "raise ValueError('hỏng')"
    path = tmp_path / "broken.ipynb"
    nbformat.write(broken, path)
    old = tmp_path / "reports" / "son-ha" / "2025" / "units" / "so-y-te.html"
    old.parent.mkdir(parents=True)
    old.write_text("old page", encoding="utf-8")
    monkeypatch.setattr(scorecards, "SCORECARD_NOTEBOOK", path)
    with pytest.raises(RunError) as caught:
        run_scorecards(PARAMS, ["Sở Y tế"], reports_root=tmp_path / "reports")
    assert str(caught.value).startswith("Sở Y tế: broken.ipynb")
    assert "ValueError: hỏng" in str(caught.value)
    assert old.read_text(encoding="utf-8") == "old page"
    assert not [p for p in (tmp_path / "reports").iterdir() if p.name.startswith(".staging")]
