"""The provenance record, its place in a page, the folder of a province, the folder's records."""

from __future__ import annotations

from pathlib import Path

import pytest

from egovnb.batch.plan import plan
from egovnb.publish.folders import PROVINCE_FILE, claim, province_slug
from egovnb.publish.provenance import InputFile, Provenance, from_html, from_json, provenance_of
from egovnb.publish.records import unit_record_name, units_upkeep
from egovnb.publish.verify import first_difference

ROOT = Path(__file__).resolve().parents[2]


def test_the_record_names_inputs_relative_to_the_params_file_and_reads_back():
    record = provenance_of(ROOT / "params" / "thua-thien-hue-2020.yaml")
    assert [(i.role, i.path) for i in record.inputs][:3] == [
        ("params", "thua-thien-hue-2020.yaml"), ("framework", "frameworks/thua-thien-hue-2020.yaml"),
        ("data", "../data/thua-thien-hue/2020/ket-qua-2020.xlsx")]
    assert str(ROOT) not in record.to_json() and record.to_json().isascii()
    assert from_json(record.to_json()) == record


def test_the_record_is_read_from_a_meta_tag_whatever_its_escaping():
    record = Provenance((InputFile("data", "../dữ liệu/x \"a\" <b>.csv", "ab" * 32),), "3.11.7",
                        (("pandas", "3.1.1"), ("egovnb", "0.1.0")), "sha256:" + "0" * 64)
    import html

    page = (f'<html><head><meta charset="utf-8"><meta name="egovnb-provenance" '
            f'content="{html.escape(record.to_json(), quote=True)}"><title>x</title></head><body></body></html>')
    back = from_html(page)
    assert back.inputs == record.inputs
    assert back.packages == (("egovnb", "0.1.0"), ("pandas", "3.1.1"))  # egovnb's order of packages
    assert from_html("<html><head></head></html>") is None
    with pytest.raises(ValueError, match="not a provenance record"):
        from_html('<head><meta name="egovnb-provenance" content="{}"></head>')


def test_first_difference_names_the_byte_and_line():
    assert first_difference(b"ab\ncd\nef", b"ab\ncX\nef") == "byte 4 (line 2)"
    assert first_difference(b"abc", b"abcde") == "byte 3 (line 1): one is 2 byte(s) longer"


def test_a_plain_slug_belongs_to_the_first_province_and_never_changes_hands(tmp_path):
    assert province_slug("Sơn Hạ", tmp_path) == "son-ha"  # nobody holds it
    assert claim("Sơn Hạ", tmp_path) == "son-ha"
    assert claim("Sơn Hà", tmp_path) == province_slug("Sơn Hà", tmp_path)
    other = province_slug("Sơn Hà", tmp_path)
    assert other.startswith("son-ha-") and len(other) == len("son-ha-") + 8
    assert (tmp_path / other / PROVINCE_FILE).read_text(encoding="utf-8") == "Sơn Hà\n"
    assert claim("Sơn Hạ", tmp_path) == "son-ha" and claim("Sơn Hà", tmp_path) == other
    assert (tmp_path / "son-ha" / PROVINCE_FILE).read_text(encoding="utf-8") == "Sơn Hạ\n"


def test_a_folder_made_before_the_record_keeps_its_province(tmp_path):
    year = tmp_path / "son-ha" / "2024"
    year.mkdir(parents=True)
    (year / "son-ha-2024.ipynb").write_text('{"metadata": {"title": "Kết quả 2024 — Sơn Hà"}}', encoding="utf-8")
    assert claim("Sơn Hạ", tmp_path) != "son-ha"
    assert claim("Sơn Hà", tmp_path) == "son-ha"


def test_batch_gives_colliding_provinces_their_folders_in_alphabetical_order(tmp_path, project):
    data = project.write("units.csv", "tier,unit,max_points,excluded_points,achieved_points\n"
                                      "so-nganh,Sở A,100,0,90\n")
    first = project.params("units.csv", name="b.yaml", province="Sơn Hạ", year=2024)
    second = project.params("units.csv", name="a.yaml", province="Sơn Hà", year=2024)
    assert data.is_file()
    for order in ([first, second], [second, first]):
        reports = tmp_path / f"reports-{order[0].name}"
        jobs, decided = plan(order, reports)
        assert decided == []
        folders = {job.province: job.report_dir.parent.name for job in jobs}
        assert folders["Sơn Hà"] == "son-ha" and folders["Sơn Hạ"].startswith("son-ha-")


def test_scorecards_are_kept_only_while_their_own_record_matches(tmp_path):
    units = tmp_path / "units"
    units.mkdir()
    for stem, digest in (("so-a", "new"), ("so-b", "old")):
        (units / f"{stem}.html").write_text("x")
        (units / f"{stem}.pdf").write_text("x")
        (units / unit_record_name(stem)).write_text(f"{digest}\n")
    (units / "so-c.html").write_text("no record")
    drop, count = units_upkeep(tmp_path, "new")
    assert sorted(p.name for p in drop) == [".so-b.sha256", "so-b.html", "so-b.pdf", "so-c.html"] and count == 3


def test_an_egovnb_installed_without_the_lock_says_so(monkeypatch):
    from egovnb.publish import provenance

    assert provenance.lock_digest().startswith("sha256:")  # this checkout's requirements.lock
    monkeypatch.setattr(provenance, "lock_file", lambda: None)
    assert provenance.lock_digest() == "none (installed without requirements.lock)"
