"""The declaration of the keys (egovnb.core.keys) walked against what is made from it: the
params reader and its Params, the framework reader, the defaults the code applies, the JSON
Schema, the files a report depends on, and the docs. Adding a key is one declaration plus the
code that uses it; these tests fail when the two disagree."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest
import yaml

from egovnb.core.errors import InputError
from egovnb.core.framework import DEFAULT_BELOW, LEVEL_BY, RANK_BY
from egovnb.core.framework_yaml import parse_framework
from egovnb.core.keys import FRAMEWORK, PARAMS, TIER, Key, input_keys, previous_key, walk
from egovnb.core.keys_schema import schema
from egovnb.core.params import FILE_FIELDS, KNOWN_KEYS, REQUIRED_KEYS, TEXT_KEYS, Params, read_params
from egovnb.insight import sensitivity
from egovnb.publish.digest import input_files

ROOT = Path(__file__).resolve().parents[2]
# Declared ahead of their readers (the draft decision and the public page are being built in
# other branches); whoever connects a reader adds its Params field and removes it from here.
PENDING: set[str] = set()

FRAMEWORK_TEXT = """\
tiers:
  so-nganh:
    label: Sở, ban, ngành
    rank_by: rate
    levels: [{name: I, min: 0.9}, {name: II, min: 0.8}]
"""
# A value for every params key that Params holds, unlike its default: the reader must carry each through.
SAMPLES = {
    "province": ("  Thừa   Thiên Huế ", "Thừa Thiên Huế"),
    "year": (2020, 2020),
    "title": ("Kết quả năm 2020", "Kết quả năm 2020"),
    "decision": ("Quyết định 3402/QĐ-UBND", "Quyết định 3402/QĐ-UBND"),
    "data": ("units.xlsx", "units.xlsx"),
    "sheet": (None, None),  # excludes `sheets:`; checked in test_sheet_and_tier_reach_params
    "sheets": ({"Sở, ban, ngành": "so-nganh"}, {"Sở, ban, ngành": "so-nganh"}),
    "tier": (None, None),
    "framework": ("framework.yaml", "so-nganh"),
    "previous": ("p-2019.yaml", "p-2019.yaml"),
    "language": ("en", "en"),
    "illustrative": (True, True),
    "note": ("Số liệu minh họa", "Số liệu minh họa"),
    "sensitivity": ({"draws": 10}, {"draws": 10}),
    "crosswalk": ("crosswalk.csv", "crosswalk.csv"),
    "public": (True, True),
    "decision_draft": ({"number": "3402", "place": "Huế"}, "3402"),
}


def write_params(folder: Path, **keys) -> Path:
    (folder / "framework.yaml").write_text(FRAMEWORK_TEXT, encoding="utf-8")
    for name in ("units.xlsx", "units.csv", "crosswalk.csv"):
        (folder / name).write_bytes(b"x")
    (folder / "p-2019.yaml").write_text("year: 2019\n", encoding="utf-8")
    path = folder / "p.yaml"
    path.write_text(yaml.safe_dump(keys, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def shown(value: object) -> object:
    if isinstance(value, Path):
        return value.name
    if hasattr(value, "tiers"):
        return ",".join(value.tiers)
    if hasattr(value, "signer"):  # the draft decision: its number stands for it
        return value.number
    return value


def test_every_declared_params_key_is_a_field_of_params_and_every_field_a_key():
    declared = {key.name for key in PARAMS.keys}
    held = {f.name for f in fields(Params)} - set(FILE_FIELDS)
    assert held == declared - PENDING
    assert PENDING <= declared


def test_the_reader_carries_every_declared_key_into_params(tmp_path):
    assert set(SAMPLES) == {key.name for key in PARAMS.keys} - PENDING, "give the new key a sample here"
    written = {name: value for name, (value, _) in SAMPLES.items() if value is not None}
    params, problems = read_params(write_params(tmp_path, **written))
    assert problems == []
    for name, (_, expected) in SAMPLES.items():
        if expected is not None:
            assert shown(getattr(params, name)) == expected, name
            assert shown(getattr(params, name)) != PARAMS[name].default, name


@pytest.mark.parametrize("key", ["sheet", "tier"])
def test_sheet_and_tier_reach_params(tmp_path, key):
    data = "units.xlsx" if key == "sheet" else "units.csv"
    params, problems = read_params(write_params(tmp_path, province="X", year=2020, data=data,
                                                framework="framework.yaml", **{key: "so-nganh"}))
    assert problems == [] and getattr(params, key) == "so-nganh"


def test_defaults_fill_what_the_file_leaves_out(tmp_path):
    params, problems = read_params(write_params(tmp_path, province="X", year=2021, data="units.csv",
                                                framework="framework.yaml", sensitivity=True))
    assert problems == []
    assert params.language == PARAMS["language"].default == "vi"
    assert params.illustrative is PARAMS["illustrative"].default is False
    assert params.title == "Kết quả đánh giá mức độ Chính quyền điện tử năm 2021"
    assert params.sensitivity == {}
    chosen = sensitivity.settings(params)
    assert chosen == {key.name: key.default for key in PARAMS["sensitivity"].keys}


def test_the_params_checks_come_from_the_declaration():
    assert list(KNOWN_KEYS) == [key.name for key in PARAMS.keys]
    assert REQUIRED_KEYS == ("province", "year", "data", "framework")
    assert TEXT_KEYS == ("province", "title", "decision", "note")


@pytest.mark.parametrize("key", [key for key in PARAMS.keys if key.kinds == ("text",) and not key.choices],
                         ids=lambda key: key.name)
def test_every_text_key_refuses_a_list(tmp_path, key):
    keys = {"province": "X", "year": 2020, "data": "units.csv", "framework": "framework.yaml", key.name: ["a"]}
    _, problems = read_params(write_params(tmp_path, **keys))
    assert [(p.column, p.message) for p in problems] == [
        (key.name, "must be text, not a list (quote it if it looks like a number or a date)")]


@pytest.mark.parametrize("key", [key for key in PARAMS.keys if key.required], ids=lambda key: key.name)
def test_every_required_key_is_required_in_its_own_words(tmp_path, key):
    keys = {"province": "X", "year": 2020, "data": "units.csv", "framework": "framework.yaml"}
    del keys[key.name]
    _, problems = read_params(write_params(tmp_path, **keys))
    assert (key.name, f"missing: {key.title}") in [(p.column, p.message) for p in problems]


@pytest.mark.parametrize("key", [key for key in PARAMS.keys if "boolean" in key.kinds or "mapping" in key.kinds],
                         ids=lambda key: key.name)
def test_booleans_and_mappings_refuse_text(tmp_path, key):
    keys = {"province": "X", "year": 2020, "data": "units.csv", "framework": "framework.yaml", key.name: "có"}
    _, problems = read_params(write_params(tmp_path, **keys))
    messages = [(p.column, p.message) for p in problems]
    if "mapping" in key.kinds:
        either = " or true" if "boolean" in key.kinds else ""
        assert messages == [(key.name, f"must be a mapping ({', '.join(key.names)}){either}")]
    else:
        assert messages == [(key.name, "must be true or false")]


def levels_of(mapping: dict) -> dict:
    return {"tiers": {"t": mapping}}


# Each nested mapping of a framework, with a way to put an unknown key in it and the words
# its message uses.
NESTED = [
    (FRAMEWORK, "a framework", lambda f: f, "x"),
    (TIER, "a tier", lambda f: f["tiers"]["so-nganh"], "tiers.so-nganh.x"),
    (TIER["components"], "a component", lambda f: f["tiers"]["so-nganh"]["components"]["k"],
     "tiers.so-nganh.components.k.x"),
    (TIER["levels"], "a level", lambda f: f["tiers"]["so-nganh"]["levels"][0], "tiers.so-nganh.levels[1].x"),
    (FRAMEWORK["groups"], "a group", lambda f: f["groups"][0], "groups[1].x"),
    (FRAMEWORK["criteria"], "a criterion", lambda f: f["criteria"][0], "criteria[1].x"),
]


@pytest.mark.parametrize("key, what, where, column", NESTED, ids=[n[1] for n in NESTED])
def test_the_framework_reader_knows_exactly_the_declared_keys(key, what, where, column):
    framework = yaml.safe_load(FRAMEWORK_TEXT)
    framework["tiers"]["so-nganh"]["components"] = {"k": {"rank_by": "rate"}}
    framework["groups"] = [{"id": "1", "component": "k"}]
    framework["criteria"] = [{"id": "1.1", "group": "1", "max_points": 5}]
    where(framework)["x"] = 1
    with pytest.raises(InputError) as caught:
        parse_framework(framework, "f.yaml")
    found = [p.message for p in caught.value.problems if p.column == column]
    if key is FRAMEWORK:
        names = " and ".join(", ".join(f"'{n}'" for n in key.names).rsplit(", ", 1))
        assert found == [f"unknown key; a framework has {names}"]
    else:
        assert found == [f"unknown key; {what} has {', '.join(sorted(key.names))}"]


def test_the_framework_defaults_are_the_declared_ones():
    tier = parse_framework({"tiers": {"t": {"levels": [{"name": "I", "min": 0.5}]}}}, "f.yaml").tiers["t"]
    assert (tier.rank_by, tier.level_by, tier.rank_below, tier.below, tier.label) == (
        TIER["rank_by"].default, TIER["level_by"].default, TIER["rank_below"].default, TIER["below"].default, "t")
    assert RANK_BY == TIER["rank_by"].choices and LEVEL_BY == TIER["level_by"].choices
    assert DEFAULT_BELOW == TIER["below"].default == "Chưa đạt"
    group = parse_framework({"tiers": {"t": {}}, "groups": [{"id": "1"}]}, "f.yaml").group_specs[0]
    assert group.weight == FRAMEWORK["groups"]["weight"].default == 1


def schema_paths(node: dict, prefix: str = "") -> dict[str, dict]:
    """Every property of a schema with its dotted path, through objects, tables, lists and $refs."""
    found: dict[str, dict] = {}
    for shape in [node, *node.get("anyOf", [])]:
        if "$ref" in shape:
            continue
        inner = shape.get("items") or shape
        if isinstance(inner.get("additionalProperties"), dict) and "properties" in inner["additionalProperties"]:
            inner = inner["additionalProperties"]
        for name, child in inner.get("properties", {}).items():
            found[f"{prefix}{name}"] = child
            found.update(schema_paths(child, f"{prefix}{name}."))
    return found


@pytest.mark.parametrize("name, root", [("params", PARAMS), ("framework", FRAMEWORK)])
def test_the_schema_has_every_declared_key_and_no_other(name, root):
    document = schema(name)
    declared = {path: key for path, key in walk(root) if not path.startswith("framework.")}
    properties = schema_paths(document)
    assert set(properties) == set(declared)
    for path, key in declared.items():
        assert properties[path]["title"] == key.title
        assert key.meaning in properties[path]["description"]


def test_the_inline_framework_of_params_is_the_framework_schema():
    document = schema("params")
    assert schema_paths(document["$defs"]["framework"]) == schema_paths(schema("framework"))
    assert {"$ref": "#/$defs/framework"} in document["properties"]["framework"]["anyOf"]


def test_a_report_depends_on_the_files_the_declared_keys_name(tmp_path):
    assert [path for path, _ in input_keys()] == ["framework", "data", "crosswalk", "decision_draft.template"]
    assert previous_key() == "previous"
    path = write_params(tmp_path, province="X", year=2020, data="units.csv", framework="framework.yaml",
                        crosswalk="crosswalk.csv", previous="p-2019.yaml",
                        decision_draft={"template": "quyet-dinh.docx"})
    roles = [(role, file.name) for role, file in input_files(path)]
    assert roles == [("params", "p.yaml"), ("framework", "framework.yaml"), ("data", "units.csv"),
                     ("crosswalk", "crosswalk.csv"), ("decision_draft.template", "quyet-dinh.docx"),
                     ("previous1.params", "p-2019.yaml")]


def test_the_docs_name_every_declared_key():
    text = (ROOT / "docs" / "keys.md").read_text(encoding="utf-8")
    for path, key in walk(PARAMS) + walk(FRAMEWORK):
        assert f"{key.name}`" in text, path
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for key in PARAMS.keys:
        assert f"| `{key.name}`" in readme, key.name


def test_a_declaration_refuses_nested_keys_without_a_mapping_and_unknown_kinds():
    with pytest.raises(ValueError):
        Key("x", ("text",), "x", "x", keys=(Key("y", ("text",), "y", "y"),))
    with pytest.raises(ValueError):
        Key("x", ("colour",), "x", "x")
