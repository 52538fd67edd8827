"""The key reference of the README and ``docs/keys.md``, made from the declaration of the keys
(:mod:`egovnb.core.keys`). ``tools/keys_reference.py`` writes it between markers;
``tests/unit/test_keys_reference.py`` fails when what is written is stale."""

from __future__ import annotations

from egovnb.core.keys import FRAMEWORK, KINDS, PARAMS, Key

# (title, the key whose nested keys the table lists, how their paths start)
SECTIONS = (
    ("Params file", PARAMS, ""),
    ("`sensitivity:`", PARAMS["sensitivity"], "sensitivity."),
    ("`decision_draft:`", PARAMS["decision_draft"], "decision_draft."),
    ("`decision_draft.signer:`", PARAMS["decision_draft"]["signer"], "decision_draft.signer."),
    ("Framework", FRAMEWORK, ""),
    ("A tier: `tiers.KEY`", FRAMEWORK["tiers"], "tiers.KEY."),
    ("A component: `tiers.KEY.components.KEY`", FRAMEWORK["tiers"]["components"], "components.KEY."),
    ("A level: `levels[]` of a tier or component", FRAMEWORK["tiers"]["levels"], "levels[]."),
    ("A group: `groups[]`", FRAMEWORK["groups"], "groups[]."),
    ("A criterion: `criteria[]`", FRAMEWORK["criteria"], "criteria[]."),
)


def table(key: Key, prefix: str = "") -> str:
    """A Markdown table of ``key``'s nested keys: key, value, default, required, since, meaning."""
    rows = ["| key | value | default | since | meaning |", "|---|---|---|---|---|"]
    for child in key.keys:
        name = f"`{prefix}{child.name}`" + (" **(required)**" if child.required else "")
        rows.append(f"| {name} | {_value(child)} | {_default(child)} | {child.since} | {_cell(child.meaning)} |")
    return "\n".join(rows)


def reference() -> str:
    """Every key of a params file and a framework, section by section."""
    parts = []
    for title, key, prefix in SECTIONS:
        parts += [f"### {title}", "", table(key, prefix), ""]
    return "\n".join(parts).rstrip("\n") + "\n"


def _value(key: Key) -> str:
    if key.choices:
        return " or ".join(f"`{choice}`" for choice in key.choices)
    words = " or ".join(_kind(kind, key) for kind in key.kinds)
    bounds = _bounds(key)
    return _cell(words + (f", {bounds}" if bounds else ""))


def _kind(kind: str, key: Key) -> str:
    if kind == "path":
        return "a file path" + (f" ({', '.join(key.suffixes)})" if key.suffixes else "")
    if kind == "mapping":
        return "a mapping of " + ", ".join(f"`{name}`" for name in key.names)
    if kind == "framework":
        return "the framework written inline"
    if kind in ("table", "list"):
        return KINDS[kind].replace(" below", " of its section")
    return KINDS[kind]


def _bounds(key: Key) -> str:
    low = None if key.minimum is None else f"{'>' if key.exclusive_minimum else '≥'} {key.minimum:g}"
    high = None if key.maximum is None else f"{'<' if key.exclusive_maximum else '≤'} {key.maximum:g}"
    return " and ".join(part for part in (low, high) if part)


def _default(key: Key) -> str:
    if key.default is None:
        return ""
    return f"`{str(key.default).lower() if isinstance(key.default, bool) else key.default}`"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def replace_between(text: str, marker: str, content: str) -> str:
    """``text`` with what stands between ``<!-- marker:start -->`` and ``<!-- marker:end -->``
    replaced by ``content``; ValueError when the markers are not there once each, in order."""
    start, end = f"<!-- {marker}:start -->", f"<!-- {marker}:end -->"
    if text.count(start) != 1 or text.count(end) != 1 or text.index(start) > text.index(end):
        raise ValueError(f"the markers {start} … {end} must stand once each, in that order")
    head, rest = text.split(start)
    _, tail = rest.split(end)
    return f"{head}{start}\n{content.rstrip()}\n{end}{tail}"
