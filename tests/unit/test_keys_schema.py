"""The JSON Schema of params files and frameworks (egovnb.core.keys_schema, `egovnb schema`):
a valid draft 2020-12 schema that every sample accepts and a misspelt key fails, shipped as the
files an editor's `$schema=` line points at."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from egovnb.cli import main
from egovnb.core.keys_schema import FILE_NAMES, schema, schema_text
from tests.unit.scenario import FRAMEWORK as SCENARIO_FRAMEWORK

ROOT = Path(__file__).resolve().parents[2]
PARAMS = sorted((ROOT / "params").glob("*.yaml"))
FRAMEWORKS = sorted((ROOT / "params" / "frameworks").glob("*.yaml"))
FIXTURES = sorted((ROOT / "tests" / "data" / "workbooks").glob("*.expected.yaml"))


def validator(name: str) -> jsonschema.Draft202012Validator:
    document = schema(name)
    jsonschema.Draft202012Validator.check_schema(document)
    return jsonschema.Draft202012Validator(document)


def errors(name: str, document: object) -> list[str]:
    """Each error as an editor shows it: the key path and the message of the alternative that
    fits best (a framework is a path or a mapping; `sensitivity:` a mapping or true)."""
    def leaves(error):
        if not error.context:
            yield error
            return
        for inner in [e for e in error.context if e.validator != "type"] or error.context:  # not the other branch
            yield from leaves(inner)

    return [f"{'.'.join(map(str, leaf.absolute_path))}: {leaf.message}"
            for error in validator(name).iter_errors(document) for leaf in leaves(error)]


def read(path: Path) -> object:
    return yaml.safe_load(path.read_text(encoding="utf-8-sig"))


def test_the_samples_are_there():
    assert len(PARAMS) >= 8 and len(FRAMEWORKS) >= 7 and FIXTURES


@pytest.mark.parametrize("path", PARAMS, ids=lambda p: p.name)
def test_every_sample_params_file_is_accepted(path):
    assert errors("params", read(path)) == []


@pytest.mark.parametrize("path", FRAMEWORKS, ids=lambda p: p.name)
def test_every_sample_framework_is_accepted(path):
    assert errors("framework", read(path)) == []


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name.removesuffix(".expected.yaml"))
def test_inline_frameworks_are_accepted(path):
    expected = read(path)
    params = {"province": "Tỉnh Thử", "year": 2024, "data": expected["file"], "framework": expected["framework"],
              **expected["params"]}
    assert errors("params", params) == []


def test_the_test_scenario_framework_inline_and_the_sensitivity_shorthand_are_accepted():
    params = {"province": "Tỉnh Thử", "year": 2024, "data": "units.csv", "framework": yaml.safe_load(SCENARIO_FRAMEWORK),
              "sensitivity": True, "previous": "p-2023.yaml", "illustrative": True, "public": True,
              "decision_draft": {"number": "", "date": "", "place": "Huế", "bases": ["Luật …;"],
                                 "signer": {"on_behalf": "TM. ỦY BAN NHÂN DÂN", "title": "KT. CHỦ TỊCH",
                                            "subtitle": "PHÓ CHỦ TỊCH", "name": ""},
                                 "recipients": ["Như Điều 3;"], "template": "templates/quyet-dinh.docx"}}
    assert errors("params", params) == []


def sample_params() -> dict:
    return read(ROOT / "params" / "thua-thien-hue-2020.yaml")


def test_a_misspelt_params_key_fails():
    params = sample_params()
    params["languge"] = params.pop("language")
    assert errors("params", params) == [": Additional properties are not allowed ('languge' was unexpected)"]


def test_a_misspelt_key_inside_an_inline_framework_a_tier_a_level_and_sensitivity_fails():
    framework = read(FRAMEWORKS[0])
    tier = next(iter(framework["tiers"].values()))
    tier["rank_bye"] = "rate"
    levels = tier.get("levels") or next(iter(tier["components"].values()))["levels"]
    levels[0]["minimum"] = 0.5
    found = errors("params", {"province": "X", "year": 2020, "data": "d.csv", "framework": framework,
                              "sensitivity": {"drawz": 10}})
    assert len(found) == 3
    assert any("'rank_bye' was unexpected" in e for e in found)
    assert any("'minimum' was unexpected" in e for e in found)
    assert any(e.startswith("sensitivity: ") and "'drawz' was unexpected" in e for e in found)


def test_choices_are_enums_and_required_keys_are_required():
    params = sample_params()
    params["language"] = "fr"
    del params["year"]
    found = errors("params", params)
    assert "language: 'fr' is not one of ['vi', 'en']" in found
    assert ": 'year' is a required property" in found
    framework = {"tiers": {"huyen": {"rank_by": "score", "level_by": "highest", "levels": [{"name": "I"}]}}}
    found = errors("framework", framework)
    assert "tiers.huyen.rank_by: 'score' is not one of ['rate', 'points', 'index']" in found
    assert "tiers.huyen.level_by: 'highest' is not one of ['total', 'lowest']" in found
    assert "tiers.huyen.levels.0: 'min' is a required property" in found
    assert errors("framework", {"groups": []}) == [": 'tiers' is a required property"]


def test_numbers_may_be_written_with_a_decimal_comma_but_not_as_words():
    framework = {"tiers": {"xa": {"rank_by": "points", "levels": [{"name": "I", "min": "85,5"}]}}}
    assert errors("framework", framework) == []
    framework["tiers"]["xa"]["levels"][0]["min"] = "tám mươi"
    assert len(errors("framework", framework)) == 1
    framework["tiers"]["xa"]["levels"][0]["min"] = 80
    framework["tiers"]["xa"]["rate_decimals"] = 7
    assert errors("framework", framework) == ["tiers.xa.rate_decimals: 7 is greater than the maximum of 6"]


def test_editors_get_titles_descriptions_and_defaults():
    document = schema("params")
    language = document["properties"]["language"]
    assert language["enum"] == ["vi", "en"] and language["default"] == "vi"
    assert "tiếng Việt" in language["description"] and language["title"]
    tier = document["$defs"]["framework"]["properties"]["tiers"]["additionalProperties"]
    assert tier["additionalProperties"] is False
    assert "Chưa đạt" in tier["properties"]["below"]["description"]
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize("name", ["params", "framework"])
def test_egovnb_schema_prints_the_shipped_file(name, capsys):
    assert main(["schema", name]) == 0
    printed = capsys.readouterr().out
    assert json.loads(printed) == schema(name)
    shipped = ROOT / "egovnb" / "core" / "schemas" / FILE_NAMES[name]
    assert shipped.read_text(encoding="utf-8") == schema_text(name) == printed, \
        "stale: run .venv/bin/python tools/keys_reference.py"


def test_egovnb_schema_refuses_another_name(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["schema", "data"])
    assert exit_.value.code == 2 and "data" in capsys.readouterr().err


def test_the_wheel_carries_the_schemas():
    import tomllib

    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"][
        "package-data"]["egovnb"]
    carried = {p for pattern in patterns for p in (ROOT / "egovnb").glob(pattern)}
    assert {ROOT / "egovnb" / "core" / "schemas" / name for name in FILE_NAMES.values()} <= carried


def test_the_modeline_points_at_the_shipped_schema_from_the_file_s_folder():
    from egovnb.core.keys_schema import modeline

    assert modeline("params", ROOT / "params") == \
        "# yaml-language-server: $schema=../egovnb/core/schemas/params.schema.json"
    line = modeline("framework", ROOT / "params" / "frameworks")
    assert line == "# yaml-language-server: $schema=../../egovnb/core/schemas/framework.schema.json"
    target = (ROOT / "params" / "frameworks" / line.split("=", 1)[1]).resolve()
    assert json.loads(target.read_text(encoding="utf-8")) == schema("framework")
