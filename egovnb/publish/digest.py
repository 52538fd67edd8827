"""The hash of a report's inputs: every file it is made from (params, framework, data,
crosswalk, previous years), the report notebooks and templates, the render options and
egovnb's version. Batch skips a report whose hash is unchanged; a report run keeps a PDF
of an earlier run while the hash it was made from is still the inputs' hash.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from egovnb import __version__
from egovnb.core.errors import InputError
from egovnb.core.files import file_problem, resolved, sha256_of
from egovnb.core.keys import input_keys, previous_key, value_at
from egovnb.core.yamlio import MAX_BYTES, YamlFile, parse_yaml

# The index page's template folder, beside the report's under egovnb.publish.render.TEMPLATES;
# not an input of any report.
INDEX_TEMPLATE = "egovnb-index"


def report_notebooks() -> tuple[Path, ...]:
    """The notebook(s) a report is rendered from, and the templates shipped with them:
    a change to any of them changes every report. The index page's template is not
    among them: the index is written again by every batch, and no report shows it."""
    from egovnb.publish.notebooks import REPORT_NOTEBOOKS, TEMPLATES

    notebooks = tuple(Path(p) for p in REPORT_NOTEBOOKS)
    templates = TEMPLATES
    if not templates.is_dir():
        return notebooks
    index = templates / INDEX_TEMPLATE
    return notebooks + tuple(sorted(p for p in templates.rglob("*") if p.is_file() and index not in p.parents))


def input_files(params_path: Path, params: YamlFile | None = None) -> list[tuple[str, Path]]:
    """Every file a report of ``params_path`` is made from, each with its role:
    the params file, the files its keys name (declared in :mod:`egovnb.core.keys`: framework,
    data, crosswalk …), then the same for the ``previous`` params file, and its previous, and
    so on (year-on-year reads them). ``params``: the params file already read."""
    return [(role, path) for role, path, _ in _inputs(Path(params_path), params)]


def _inputs(params_path: Path, params: YamlFile | None) -> list[tuple[str, Path, bytes | None]]:
    """(role, path, bytes) of every input; the bytes of each params file, read once here (or
    taken from ``params``), None for the others. Never raises: a file that cannot be read or
    is not a YAML mapping is hashed as it is, and ends the chain."""
    files: list[tuple[str, Path, bytes | None]] = []
    seen: set[Path] = set()
    current: Path | None = resolved(params_path)  # resolved(): a symlink loop does not raise
    given = resolved(params.path) if params is not None else None
    depth = 0
    while current is not None and current not in seen:
        seen.add(current)
        prefix = f"previous{depth}." if depth else ""
        if current == given:
            data, raw = params.data, params.document
        else:
            data = _bytes_or_marker(current)
            raw = _mapping(data, current)
        files.append((f"{prefix}params", current, data))
        if not isinstance(raw, dict):
            break  # its bytes are hashed; the render will report the problem
        base = current.parent
        for key, _ in input_keys():
            value = value_at(raw, key)
            if isinstance(value, str) and value:
                files.append((f"{prefix}{key}", resolved(base / value), None))
        previous = value_at(raw, previous_key())
        current = resolved(base / previous) if isinstance(previous, str) and previous else None
        depth += 1
    return files


def inputs_digest(params_path: Path, notebooks: tuple[Path, ...], options: str = "",
                  hashes: list[tuple[str, str]] | None = None, params: YamlFile | None = None) -> str:
    """SHA-256 (hex) over the SHA-256 of every input file of a report (``hashes``, (role,
    hex) pairs as :func:`input_hashes` gives them, taken now when not given; ``params``: the
    params file already read, hashed without reading it again), the report notebook(s), the
    render options and ``egovnb.__version__``.

    Paths are not hashed, only roles and bytes: moving a folder does not re-render it.
    """
    digest = hashlib.sha256()

    def add(role: str, data: bytes) -> None:
        digest.update(role.encode("utf-8") + b"\0" + len(data).to_bytes(8, "big") + data)

    add("egovnb", __version__.encode("utf-8"))
    add("options", options.encode("utf-8"))
    for notebook in notebooks:
        add(f"notebook {notebook.name}", file_sha256(notebook).encode("ascii"))
    for role, sha256 in (input_hashes(params_path, params) if hashes is None else hashes):
        add(role, sha256.encode("ascii"))
    return digest.hexdigest()


def input_records(params_path: Path, params: YamlFile | None = None) -> list[tuple[str, Path, str]]:
    """(role, path, SHA-256 hex or ``missing``) of every input file of ``params_path``; each
    params file hashed from the bytes its chain was read from (``params``: the first, read
    already, so it is not read again)."""
    return [(role, path, hashlib.sha256(data).hexdigest() if data is not None and data != MISSING_BYTES
             else file_sha256(path)) for role, path, data in _inputs(Path(params_path), params)]


def input_hashes(params_path: Path, params: YamlFile | None = None) -> list[tuple[str, str]]:
    """(role, SHA-256 hex or ``missing``) of every input file of ``params_path``."""
    return [(role, sha256) for role, _, sha256 in input_records(params_path, params)]


MISSING = "missing"


def file_sha256(path: Path) -> str:
    """SHA-256 (hex) of a file's bytes; ``missing`` when it is not a readable regular file
    (a FIFO or a device is never opened: it would block)."""
    if file_problem(path):
        return MISSING
    try:
        return sha256_of(path)
    except OSError:
        return MISSING


def inputs_signature(paths: list[Path]) -> tuple:
    """What the system says of each file (size, modification time, inode), cheaply: equal
    before and after a render means no input was saved meanwhile."""
    signature = []
    for path in paths:
        try:
            info = os.stat(path)
            signature.append((str(path), info.st_size, info.st_mtime_ns, info.st_ino))
        except (OSError, ValueError):
            signature.append((str(path), None))
    return tuple(signature)


def _bytes_or_marker(path: Path) -> bytes:
    if file_problem(path):  # a FIFO or a device is never opened (it would block)
        return MISSING_BYTES
    try:
        return path.read_bytes()
    except OSError:
        return MISSING_BYTES


MISSING_BYTES = b"\0missing\0"


def _mapping(data: bytes, path: Path) -> dict | None:
    """The top-level mapping in a params file's bytes, read by :mod:`egovnb.core.yamlio`;
    None when there is none (not YAML, too large, not a mapping: the render reports why)."""
    if data == MISSING_BYTES or len(data) > MAX_BYTES:
        return None
    try:
        mapping = parse_yaml(data, str(path))
    except (InputError, RecursionError):
        return None
    return mapping if isinstance(mapping, dict) else None


def read_mapping(path: Path) -> dict | None:
    """A YAML file's top-level mapping; None when it cannot be read. Only for planning: the
    render checks every file properly."""
    if file_problem(path, MAX_BYTES):  # a FIFO would block, a huge file would stall the plan
        return None
    return _mapping(_bytes_or_marker(path), path)


# Beside a report's PDF: the hash of the inputs it was made from (:func:`inputs_digest` with
# the report notebooks and templates, no options), so a later run without ``--pdf`` keeps it
# while it still matches.
PDF_HASH_FILE = ".pdf.sha256"


def pdf_upkeep(folder: Path, pdf: Path, digest: str, *, made: bool) -> tuple[dict[str, bytes], list[Path], bool]:
    """What a report run does about the PDF in ``folder``: the record to write with the new
    files (when it ``made`` one), the files to drop, and whether an earlier PDF was dropped
    because it no longer matches the inputs (``digest``). A PDF without a record cannot be
    shown to match: it is dropped."""
    record = {PDF_HASH_FILE: f"{digest}\n".encode("utf-8")}
    if made:
        return record, [], False
    if not pdf.is_file():
        return {}, [folder / PDF_HASH_FILE], False
    try:
        matches = (folder / PDF_HASH_FILE).read_text(encoding="utf-8").strip() == digest
    except (OSError, UnicodeDecodeError):
        matches = False
    return ({}, [], False) if matches else ({}, [pdf, folder / PDF_HASH_FILE], True)
