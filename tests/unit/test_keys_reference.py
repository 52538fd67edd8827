"""The key reference (egovnb.core.keys_reference) and what tools/keys_reference.py writes from
the declaration: README's params table, docs/keys.md and the shipped JSON Schemas, never stale."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from egovnb.core.keys import PARAMS, Key
from egovnb.core.keys_reference import reference, replace_between, table

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))

from keys_reference import generated  # noqa: E402


def test_what_is_written_from_the_declaration_is_current():
    stale = [str(path.relative_to(ROOT)) for path, text in generated().items()
             if not path.is_file() or path.read_text(encoding="utf-8") != text]
    assert not stale, f"stale: {stale}; run .venv/bin/python tools/keys_reference.py"


def test_a_row_says_the_value_default_version_and_meaning():
    rows = table(PARAMS).splitlines()
    assert rows[0] == "| key | value | default | since | meaning |"
    assert "| `language` | `vi` or `en` | `vi` | 0.1.0 | The language of the report's labels: vi (tiếng Việt) or en. |" \
        in rows
    assert any(row.startswith("| `province` **(required)** | text |") for row in rows)
    assert any(row.startswith("| `public` | true or false | `false` | 0.2.0 |") for row in rows)


def test_nested_keys_get_their_path_bounds_and_a_section_each():
    text = reference()
    assert "| `sensitivity.weight_spread` | a number (a decimal point or a Vietnamese decimal comma), ≥ 0 and < 1 |" \
        in text
    assert "| `tiers.KEY.rate_decimals` | a whole number, ≥ 0 and ≤ 6 |" in text
    assert "### A level: `levels[]` of a tier or component" in text
    assert "| `levels[].min` **(required)** |" in text


def test_a_pipe_in_a_meaning_does_not_break_the_table():
    key = Key("k", ("mapping",), "k", "k", keys=(Key("a", ("text",), "a", "either a | b"),))
    assert table(key).splitlines()[-1] == "| `a` | text |  | 0.1.0 | either a \\| b |"


def test_replace_between_keeps_what_is_around_and_refuses_missing_markers():
    text = "head\n<!-- keys:start -->\nold\n<!-- keys:end -->\ntail\n"
    assert replace_between(text, "keys", "new\n") == "head\n<!-- keys:start -->\nnew\n<!-- keys:end -->\ntail\n"
    with pytest.raises(ValueError):
        replace_between("no markers", "keys", "x")
    with pytest.raises(ValueError):
        replace_between("<!-- keys:end --><!-- keys:start -->", "keys", "x")
