"""YAML read once with its bytes and line numbers (egovnb.core.yamlio); hostile YAML is
refused with egovnb's own words (more in test_hostile.py)."""

from __future__ import annotations

import pytest

from egovnb.core.errors import InputError
from egovnb.core.yamlio import line_of, load_yaml, parse_yaml, read_yaml


def test_a_file_is_read_once_with_its_bytes_and_lines(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_bytes("# chú thích\nprovince: Huế\nlevels:\n  - {name: I, min: 0.9}\n".encode("utf-8"))
    read = read_yaml(path)
    assert read.data == path.read_bytes() and read.path == path
    assert read.document == {"province": "Huế", "levels": [{"name": "I", "min": 0.9}]}
    assert line_of(read.document, "province") == 2 and line_of(read.document["levels"], 0) == 4
    assert load_yaml(path) == read.document


def test_parse_yaml_names_the_file_and_line():
    with pytest.raises(InputError) as caught:
        parse_yaml(b"year: 2020\nyear: 2021\n", "p.yaml")
    assert str(caught.value) == "p.yaml, line 2, column 'year': this key appears twice in one mapping " \
                                "(first at line 1); keep one"
    with pytest.raises(InputError) as caught:
        parse_yaml(b"a: \xff\n", "p.yaml")
    assert str(caught.value) == "p.yaml: not UTF-8 text (byte 3)"


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(InputError) as caught:
        read_yaml(tmp_path / "nowhere.yaml")
    assert str(caught.value).endswith("nowhere.yaml: file not found")
