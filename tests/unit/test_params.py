"""The params file (egovnb.core.params): read once, checked from the declaration of its keys,
turned into Params; the params files of a folder."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from egovnb.core.errors import InputError
from egovnb.core.params import default_title, load_params, params_files, read_params
from egovnb.core.yamlio import read_yaml

from ..conftest import RATE_TIER

HEADER = "tier,unit,max_points,excluded_points,achieved_points\n"


@pytest.fixture
def path(project) -> Path:
    project.write("units.csv", HEADER + "so-nganh,Sở Y tế,90,0,85\n")
    return project.params("units.csv", {"tiers": {"so-nganh": RATE_TIER}}, note="Ghi chú")


def test_params_keep_the_file_as_read(path):
    params = load_params(path)
    assert params.source == path.read_bytes()
    assert params.text.startswith("province: Tỉnh Thử\n")
    assert params.raw["note"] == "Ghi chú"


def test_a_file_already_read_is_not_read_again(path, monkeypatch):
    source = read_yaml(path)
    original = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read again") if self.name == path.name
                        else original(self))
    params = load_params(path, source)
    assert params.province == "Tỉnh Thử" and params.source == source.data


def test_a_byte_order_mark_is_not_part_of_the_text(project):
    project.write("units.csv", HEADER + "so-nganh,A,90,0,85\n")
    path = project.params("units.csv")
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert load_params(path).text.startswith("province:")


def test_the_default_title_names_the_year():
    assert default_title(2024) == "Kết quả đánh giá mức độ Chính quyền điện tử năm 2024"


def test_sensitivity_true_false_or_a_mapping(project):
    project.write("units.csv", HEADER + "so-nganh,A,90,0,85\n")
    for value, expected in ((True, {}), (False, None), ({"draws": 50}, {"draws": 50})):
        assert load_params(project.params("units.csv", sensitivity=value)).sensitivity == expected
    with pytest.raises(InputError) as caught:
        load_params(project.params("units.csv", sensitivity="có"))
    assert [p.message for p in caught.value.problems] == [
        "must be a mapping (draws, seed, threshold_shift, weight_spread) or true"]


def test_keys_declared_ahead_of_their_readers_are_accepted_and_checked(project):
    project.write("units.csv", HEADER + "so-nganh,A,90,0,85\n")
    params, problems = read_params(project.params("units.csv", public=True, decision_draft={"place": "Huế"}))
    assert problems == [] and params.raw["public"] is True
    _, problems = read_params(project.params("units.csv", public="yes", decision_draft=["Huế"]))
    assert sorted((p.column, p.message) for p in problems) == [
        ("decision_draft", "must be a mapping (number, date, place, summary, bases, proposal, executors, signer, "
                           "recipients, template)"),
        ("public", "must be true or false")]


def test_a_null_language_is_not_a_language(project):
    project.write("units.csv", HEADER + "so-nganh,A,90,0,85\n")
    path = project.params("units.csv")
    path.write_text(path.read_text(encoding="utf-8") + "language:\n", encoding="utf-8")
    _, problems = read_params(path)
    assert [(p.column, p.message) for p in problems] == [("language", "'None' is not one of: vi, en")]


def test_the_params_files_of_a_folder_are_directly_in_it(tmp_path):
    for name in ("b.yaml", "a.yml", ".hidden.yaml", "notes.txt", "sub/c.yaml"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(yaml.safe_dump({"year": 2020}), encoding="utf-8")
    assert [p.name for p in params_files(tmp_path)] == ["a.yml", "b.yaml"]
