"""YAML that remembers where each key stood, so problems can name the line."""

from __future__ import annotations

from pathlib import Path

import yaml

from egovnb.core.errors import InputError, Problem


class LineDict(dict):
    """A mapping read from YAML; ``lines[key]`` is the 1-based line of the key."""

    lines: dict
    line: int


class LineList(list):
    """A sequence read from YAML; ``lines[i]`` is the 1-based line of item i."""

    lines: list
    line: int


class _Loader(yaml.SafeLoader):
    pass


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.lines = {}
    result.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        result[key] = loader.construct_object(value_node, deep=True)
        result.lines[key] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.lines = [child.start_mark.line + 1 for child in node.value]
    result.line = node.start_mark.line + 1
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def load_yaml(path: Path) -> object:
    """Read a YAML file, keeping line numbers; a missing or malformed file is an InputError."""
    shown = str(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise InputError([Problem(shown, None, None, "file not found")]) from None
    except IsADirectoryError:
        raise InputError([Problem(shown, None, None, "is a folder, not a YAML file")]) from None
    except UnicodeDecodeError as error:
        raise InputError([Problem(shown, None, None, f"not UTF-8 text (byte {error.start})")]) from None
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        row = mark.line + 1 if mark is not None else None
        reason = getattr(error, "problem", None) or str(error)
        raise InputError([Problem(shown, row, None, f"not valid YAML: {reason}")]) from None


def line_of(mapping: object, key: object) -> int | None:
    """Line of ``key`` in a mapping read by :func:`load_yaml`, if known."""
    lines = getattr(mapping, "lines", None)
    if isinstance(lines, dict):
        return lines.get(key)
    if isinstance(lines, list) and isinstance(key, int) and 0 <= key < len(lines):
        return lines[key]
    return getattr(mapping, "line", None)
