"""The JSON Schema (draft 2020-12) of a params file and of a framework, made from the
declaration of their keys (:mod:`egovnb.core.keys`).

Editors read it through the YAML language server (VS Code, JupyterLab) for completion,
hover text and checks as the analyst types: a misspelt key is refused
(``additionalProperties: false``), a choice offers its values. ``egovnb schema params`` prints
it; ``egovnb/core/schemas/*.schema.json`` are the same, written by ``tools/keys_reference.py``.
``egovnb validate`` remains the full check (files found, thresholds decreasing, tiers known).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from egovnb.core.keys import FRAMEWORK, KINDS, PARAMS, Key

DRAFT = "https://json-schema.org/draft/2020-12/schema"
SCHEMAS = {"params": PARAMS, "framework": FRAMEWORK}
FILE_NAMES = {name: f"{name}.schema.json" for name in SCHEMAS}
# The schemas as files, shipped with the package (egovnb/core/schemas/), for a `$schema=` line.
FOLDER = Path(__file__).resolve().parent / "schemas"
# A number as egovnb reads it from text: 85.36, 85,36 or 1.234,5 (parse_number).
_NUMBER_TEXT = r"^\s*[+-]?(\d+([.,]\d*)?|[.,]\d+|\d{1,3}(\.\d{3})+(,\d*)?)\s*$"


def schema(name: str) -> dict:
    """The JSON Schema of ``params`` or ``framework`` as a dict."""
    root = SCHEMAS[name]
    document = {"$schema": DRAFT, "title": f"egovnb {root.name} file",
                "description": f"{root.meaning} `egovnb validate` checks the rest (files found, tiers known).",
                **_mapping(root)}
    if name == "params":
        document["$defs"] = {"framework": {"title": FRAMEWORK.title, "description": FRAMEWORK.meaning,
                                           **_mapping(FRAMEWORK)}}
    return document


def schema_text(name: str) -> str:
    """The schema as the files and ``egovnb schema`` print it: stable, indented, UTF-8."""
    return json.dumps(schema(name), ensure_ascii=False, indent=2) + "\n"


def modeline(name: str, folder: Path) -> str:
    """The first line that points an editor's YAML language server at the shipped schema of
    ``params`` or ``framework``, for a file in ``folder`` (a relative path; a file URI when
    there is none, e.g. on another drive)."""
    target = FOLDER / FILE_NAMES[name]
    try:
        where = Path(os.path.relpath(target, Path(folder).resolve())).as_posix()
    except ValueError:
        where = target.as_uri()
    return f"# yaml-language-server: $schema={where}"


def _mapping(key: Key) -> dict:
    """A closed object of ``key``'s nested keys: every other key is refused."""
    result = {"type": "object", "properties": {child.name: _property(child) for child in key.keys},
              "additionalProperties": False}
    required = [child.name for child in key.keys if child.required]
    if required:
        result["required"] = required
    return result


def _property(key: Key) -> dict:
    kinds = {kind: _kind(kind, key) for kind in key.kinds}
    shapes = list(kinds.values())
    body = shapes[0] if len(shapes) == 1 else {"anyOf": shapes}
    described = {"title": key.title, "description": _description(key)}
    if key.default is not None and "{" not in str(key.default):  # not a pattern such as "… năm {year}"
        described["default"] = key.default
    return {**described, **body}


def _description(key: Key) -> str:
    words = [key.meaning]
    if len(key.kinds) > 1:
        words.append("One of: " + "; ".join(KINDS[kind] for kind in key.kinds) + ".")
    if key.default is not None:
        words.append(f"Default: {_shown(key.default)}.")
    words.append(f"Since egovnb {key.since}.")
    return " ".join(words)


def _shown(value: object) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def _kind(kind: str, key: Key) -> dict:
    if kind == "text":
        return {"type": "string", "enum": list(key.choices)} if key.choices else {"type": "string"}
    if kind == "name":
        return {"type": ["string", "number"]}
    if kind == "integer":
        return {"type": "integer", **_bounds(key)}
    if kind == "number":
        return {"type": ["number", "string"], "pattern": _NUMBER_TEXT, **_bounds(key)}
    if kind == "boolean":
        return {"type": "boolean"}
    if kind == "path":
        return {"type": "string", "minLength": 1}
    if kind == "texts":
        return {"type": "array", "items": {"type": "string"}}
    if kind == "names":
        # sheet name → tier key, or the tier keys of the sheet's tables, top to bottom
        return {"type": "object", "additionalProperties": {"anyOf": [
            {"type": ["string", "number"]}, {"type": "array", "items": {"type": ["string", "number"]}, "minItems": 1}]}}
    if kind == "numbers":
        return {"type": "object", "additionalProperties": {"type": ["number", "string"], "pattern": _NUMBER_TEXT,
                                                            **_bounds(key)}}
    if kind == "mapping":
        return _mapping(key)
    if kind == "table":
        return {"type": "object", "additionalProperties": _mapping(key)}
    if kind == "list":
        return {"type": "array", "items": _mapping(key)}
    if kind == "framework":
        return {"$ref": "#/$defs/framework"}
    raise ValueError(f"{key.name}: no schema for kind '{kind}'")


def _bounds(key: Key) -> dict:
    bounds = {}
    if key.minimum is not None:
        bounds["exclusiveMinimum" if key.exclusive_minimum else "minimum"] = key.minimum
    if key.maximum is not None:
        bounds["exclusiveMaximum" if key.exclusive_maximum else "maximum"] = key.maximum
    return bounds
