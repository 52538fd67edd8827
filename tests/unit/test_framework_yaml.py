"""A framework's YAML (egovnb.core.framework_yaml): read with the keys and defaults declared in
egovnb.core.keys; problems name the file, line and key path (the rules one by one are in
test_check_table.py and test_check_table_methods.py)."""

from __future__ import annotations

import pytest

from egovnb.core.errors import InputError
from egovnb.core.framework_yaml import load_framework, parse_framework
from egovnb.core.keys import TIER


def test_a_tier_left_to_its_defaults():
    framework = parse_framework({"tiers": {"xa": {}}}, "f.yaml")
    tier = framework.tiers["xa"]
    assert (tier.label, tier.rank_by, tier.levels, tier.below, tier.level_by, tier.rank_below) == (
        "xa", "rate", (), "Chưa đạt", "total", True)
    assert tier.rank_by == TIER["rank_by"].default


def test_an_inline_framework_names_its_keys_under_framework(tmp_path):
    with pytest.raises(InputError) as caught:
        load_framework({"tiers": {"xa": {"rank_by": "điểm"}}, "group": []}, tmp_path / "p.yaml", tmp_path)
    assert sorted((p.column, p.message) for p in caught.value.problems) == [
        ("framework.group", "unknown key; a framework has 'tiers', 'groups' and 'criteria'"),
        ("framework.tiers.xa.rank_by", "'điểm' is not one of: rate, points, index"),
    ]


def test_a_framework_file_names_the_line(tmp_path):
    (tmp_path / "f.yaml").write_text("tiers:\n  xa:\n    rank_by: points\n    rate_decimal: 2\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_framework("f.yaml", tmp_path / "p.yaml", tmp_path)
    problem, = caught.value.problems
    assert (problem.row, problem.column) == (4, "tiers.xa.rate_decimal")
    assert problem.message.startswith("unknown key; a tier has below, components, index_scale, label, level_by")


def test_rate_decimals_within_the_declared_bounds():
    with pytest.raises(InputError) as caught:
        parse_framework({"tiers": {"xa": {"rate_decimals": TIER["rate_decimals"].maximum + 1}}}, "f.yaml")
    assert [p.message for p in caught.value.problems] == ["must be a whole number of decimals from 0 to 6"]
    assert parse_framework({"tiers": {"xa": {"rate_decimals": 6}}}, "f.yaml").tiers["xa"].rate_decimals == 6
