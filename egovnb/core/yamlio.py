"""YAML that remembers where each key stood, so problems can name the line.

Hostile or mistaken YAML is refused with a message, never half-read: a key written
twice in one mapping (YAML would silently keep the last), aliases that expand without
bound (a "billion laughs" file) or refer to themselves, nesting deeper than MAX_DEPTH, and
files that are not regular files (a FIFO would block) or are too large for a params file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from egovnb.core.errors import InputError, Problem
from egovnb.core.files import file_problem, os_reason

# A params file is a few hundred values and a framework a few thousand (50,000 criteria, a
# million values, are still read); these bounds are far above any real one.
MAX_BYTES = 16 * 2**20
# Values that aliases (*name) add by standing for what they name: a file may add this many, or
# ALIAS_RATIO times the values it holds itself if that is more. A "billion laughs" file holds a
# few dozen values and adds a billion; a real framework that repeats a tier with `<<: *base`
# adds a few for each value of its own.
MAX_VALUES = 100_000
ALIAS_RATIO = 10
_MERGE_TAG = "tag:yaml.org,2002:merge"


class LineDict(dict):
    """A mapping read from YAML; ``lines[key]`` is the 1-based line of the key."""

    lines: dict
    line: int


class LineList(list):
    """A sequence read from YAML; ``lines[i]`` is the 1-based line of item i."""

    lines: list
    line: int


# How deep lists and mappings may nest: a params or framework file nests five or six levels.
# egovnb checks this itself, on the parser's events (the parsers are iterative; only the
# composers recurse, libyaml's in C), before anything is composed. So the limit and its message
# are egovnb's whatever the parser underneath does: PyYAML 6.0.4's libyaml stops at 1,000 levels
# with words of its own, earlier ones crashed the process on a file nested 100,000 deep.
MAX_DEPTH = 100
_OPENS = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_CLOSES = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's, five times faster, where PyYAML has it


class _Checked:
    """What both loaders add: the duplicate keys met, and the expansion check."""

    def __init__(self, stream):
        super().__init__(stream)
        self.duplicates: list[tuple[int, object, int]] = []  # (line, key, first line)

    def construct_document(self, node):
        _check_expansion(node)  # before anything is built or walked
        return super().construct_document(node)


class _Loader(_Checked, _BaseLoader):
    pass


def _too_deep(text: str) -> yaml.Mark | None:
    """Where ``text`` first nests deeper than MAX_DEPTH, or None; malformed YAML is left to the
    loader to report. Reads the parser's events only, and stops at the first level too deep:
    libyaml's parser first, and where it gives up (its scanner may read far ahead and stop on a
    limit of its own), PyYAML's own, which has no limit and hands events on after 1,024 characters."""
    if sum(text.count(c) for c in "[{-?:") <= MAX_DEPTH:
        return None  # each level of nesting needs one of these characters
    for loader in dict.fromkeys((_BaseLoader, yaml.SafeLoader)):
        depth = 0
        try:
            for event in yaml.parse(text, Loader=loader):
                if isinstance(event, _OPENS):
                    depth += 1
                    if depth > MAX_DEPTH:
                        return event.start_mark
                elif isinstance(event, _CLOSES):
                    depth -= 1
        except yaml.YAMLError:
            continue
        return None
    return None


def _check_expansion(root: yaml.Node) -> None:
    """Refuse a document whose aliases add more values than MAX_VALUES or ALIAS_RATIO times the
    values it holds (whichever is more), or refer to themselves. Each node the file holds is
    visited once (the expanded sizes are memoised), so a large real file is read in one pass
    and a "billion laughs" file is refused in milliseconds."""
    sizes: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    distinct = 0
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            on_path.discard(key)
            sizes[key] = 1 + sum(sizes[id(child)] for child in _children(node))
            continue
        if key in sizes:
            continue
        if key in on_path:
            raise yaml.YAMLError("an alias (*name) refers to the mapping or list it stands in")
        distinct += 1
        on_path.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node) if id(child) not in sizes)
    added = sizes[id(root)] - distinct
    limit = max(MAX_VALUES, ALIAS_RATIO * distinct)
    if added > limit:
        raise yaml.YAMLError(f"its aliases (*name) expand to more than {limit:,} values beyond the {distinct:,} it "
                             "holds; a params or framework file needs far fewer (a 'billion laughs' file?)")


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    # Keys merged in with `<<: *anchor` may be overridden; a key written twice may not.
    own = sum(1 for key_node, _ in node.value if key_node.tag != _MERGE_TAG)
    loader.flatten_mapping(node)
    first_own = len(node.value) - own
    result = LineDict()
    result.lines = {}
    result.line = node.start_mark.line + 1
    written: dict = {}
    for index, (key_node, value_node) in enumerate(node.value):
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                "while constructing a mapping", node.start_mark,
                "a key must be a plain value, not a list or mapping", key_node.start_mark) from None
        line = key_node.start_mark.line + 1
        if index >= first_own:
            if key in written:
                loader.duplicates.append((line, key, written[key]))
            written[key] = line
        result[key] = loader.construct_object(value_node, deep=True)
        result.lines[key] = line
    return result


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.lines = [child.start_mark.line + 1 for child in node.value]
    result.line = node.start_mark.line + 1
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def _construct_timestamp(loader: _Loader, node: yaml.ScalarNode) -> object:
    # A date that is no day ("2020-13-01") stays text, for the key that reads it to refuse by
    # name; PyYAML would raise a ValueError from inside the loader.
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


@dataclass(frozen=True)
class YamlFile:
    """A YAML file read once: its path, its bytes (to hash, or to show as written) and the
    document (:class:`LineDict` and :class:`LineList` inside)."""

    path: Path
    data: bytes
    document: object


def read_yaml(path: Path) -> YamlFile:
    """Read a YAML file once, keeping its bytes and line numbers; a missing, unreadable or
    malformed file is an InputError naming the file (and the line where YAML gives one)."""
    shown = str(path)
    check_readable(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError([Problem(shown, None, None, os_reason(error))]) from None
    return YamlFile(Path(path), data, parse_yaml(data, shown))


def load_yaml(path: Path) -> object:
    """The document of a YAML file (:func:`read_yaml`)."""
    return read_yaml(path).document


def parse_yaml(data: bytes, shown: str) -> object:
    """The document in ``data``, the bytes of the file ``shown``; InputError when they are not
    UTF-8, not YAML, nested or aliased without bound, or repeat a key."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError([Problem(shown, None, None, f"not UTF-8 text (byte {error.start})")]) from None
    deep = _too_deep(text)
    if deep is not None:
        raise InputError([Problem(shown, deep.line + 1, None, f"not valid YAML: lists or mappings nested too deeply "
                                                             f"(more than {MAX_DEPTH} levels)")])
    loader = _Loader(text)
    try:
        document = loader.get_single_data()
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        row = mark.line + 1 if mark is not None else None
        reason = getattr(error, "problem", None) or str(error)
        raise InputError([Problem(shown, row, None, f"not valid YAML: {reason}")]) from None
    finally:
        loader.dispose()
    if loader.duplicates:
        raise InputError([Problem(shown, line, str(key), f"this key appears twice in one mapping (first at line "
                                                         f"{first}); keep one")
                          for line, key, first in loader.duplicates])
    return document


def check_readable(path: Path) -> None:
    """Raise an InputError naming ``path`` unless it is a regular file of at most MAX_BYTES
    (looked at with ``stat`` only: a FIFO or a device is refused, never opened)."""
    reason = file_problem(path, MAX_BYTES)
    if reason == "not found":
        # A relative path is looked for from the working folder (a notebook's kernel: its own).
        reason = "file not found" if Path(path).is_absolute() else f"file not found (looked in {Path.cwd()})"
    elif reason == "is a folder, not a file":
        reason = "is a folder, not a YAML file"
    if reason:
        raise InputError([Problem(str(path), None, None, reason)])


def line_of(mapping: object, key: object) -> int | None:
    """Line of ``key`` in a mapping read by :func:`load_yaml`, if known."""
    lines = getattr(mapping, "lines", None)
    if isinstance(lines, dict):
        return lines.get(key)
    if isinstance(lines, list) and isinstance(key, int) and 0 <= key < len(lines):
        return lines[key]
    return getattr(mapping, "line", None)


def kind_of(value: object) -> str:
    """What a YAML value is, in words, for messages ("must be text, not a list")."""
    import datetime as dt

    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dt.date):
        return "a date"
    return f"a {type(value).__name__}"
