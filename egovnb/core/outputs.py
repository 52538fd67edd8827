"""What a command may write: never one of its own inputs, never a file egovnb did not make.

Every command that writes a file calls :func:`check_output` (or :func:`check_outputs`)
before any work is done, and writes through :func:`egovnb.core.export.output_path`, which
moves the file into place whole and records it here as made by egovnb.

How egovnb knows a file is its own: a folder it wrote into holds a small manifest,
``.egovnb-written`` (JSON), with the SHA-256 and size of each file as egovnb wrote it,
by path relative to that folder. An existing file may be replaced only when a manifest in
its folder (or a folder above it: ``demo-data`` keeps one for its whole tree) records it
with the bytes it still has. A file egovnb never wrote, or one edited since (an annex
corrected by hand in Excel), is refused: "exists and was not made by egovnb" / "was changed
since egovnb wrote it". A file whose bytes are exactly those about to be written loses
nothing and may always be kept (:func:`same_bytes`).
"""

from __future__ import annotations

import functools
import json
import os
import stat
import tempfile
from pathlib import Path

from egovnb.core.errors import EgovnbError, InputError
from egovnb.core.files import output_problem, resolved, sha256_of, user_mode
from egovnb.core.keys import input_keys, previous_key, value_at
from egovnb.core.yamlio import load_yaml

MAX_PREVIOUS = 50  # years followed through ``previous:``; a longer chain is a loop


def input_files(params_path: str | Path) -> list[tuple[str, Path]]:
    """Every file a run of ``params_path`` reads, each with its role in words: the params
    file, its data, framework and crosswalk files, then the same for the year named by
    ``previous:``, and its previous, and so on. Files that cannot be read are still listed
    (an output must not replace them either); a file that is not YAML ends the chain."""
    files: list[tuple[str, Path]] = []
    current: Path | None = resolved(Path(params_path))
    seen: set[Path] = set()
    while current is not None and current not in seen and len(seen) < MAX_PREVIOUS:
        seen.add(current)
        year = "this year's" if len(seen) == 1 else "a previous year's"
        files.append((f"{year} params file", current))
        try:
            raw = load_yaml(current)
        except InputError:
            break
        if not isinstance(raw, dict):
            break
        for path, key in input_keys():  # the keys that name a file (egovnb.core.keys)
            value = value_at(raw, path)
            if isinstance(value, str) and value:
                files.append((f"{year} {key.name} file", resolved(current.parent / value)))
        previous = value_at(raw, previous_key())
        current = resolved(current.parent / previous) if isinstance(previous, str) and previous else None
    return files


MANIFEST = ".egovnb-written"
_MAX_MANIFEST_BYTES = 16 * 2**20
_MAX_LEVELS = 12  # folders above a file looked at for a manifest


def check_output(out: str | Path, params_path: str | Path | None = None,
                 suffixes: tuple[str, ...] | None = (".csv", ".xlsx")) -> Path:
    """``out`` if a command may write it; otherwise an EgovnbError in one line naming the path
    and the reason: a wrong suffix (``suffixes``; None accepts any), a folder, a FIFO or
    device, a path under a file, a name too long, a file the run of ``params_path`` reads
    (its params, data, framework, crosswalk, or a previous year's: also through a link), or an
    existing file egovnb did not make (or that was changed since). Call it before any work."""
    return check_outputs([out], params_path, suffixes)[0]


def check_outputs(outs, params_path: str | Path | None = None,
                  suffixes: tuple[str, ...] | None = None, root: Path | None = None) -> list[Path]:
    """:func:`check_output` for several files at once (the first problem raised); ``root``, a
    folder whose manifest may record them (``demo-data``'s output folder)."""
    outs = [Path(out) for out in outs]
    inputs = input_files(params_path) if params_path is not None else []
    for out in outs:
        if suffixes is not None and out.suffix.lower() not in suffixes:
            raise EgovnbError(f"{out}: the output must end in {' or '.join(suffixes)}")
        reason = output_problem(out)
        if reason:
            raise EgovnbError(f"{out}: {reason}")
        if not out.exists():
            continue
        for role, path in inputs:
            try:
                same = path.exists() and os.path.samefile(out, path)
            except OSError:
                same = False
            if same:
                raise EgovnbError(f"{out}: is {role} ({path}); writing there would replace it. "
                                  "Choose another output file")
        reason = not_ours(out)
        if reason:
            raise EgovnbError(f"{out}: {reason}: choose another name or remove it")
    return outs


def not_ours(path: Path, content: bytes | None = None) -> str | None:
    """Why egovnb may not replace the existing file ``path`` ("exists and was not made by
    egovnb", "was changed since egovnb wrote it"), or None when it may: egovnb recorded it
    with the bytes it has, or (given ``content``) it already holds exactly ``content``."""
    path = Path(path)
    if content is not None and same_bytes(path, content):
        return None
    recorded = _recorded(path)
    if recorded is None:
        return "exists and was not made by egovnb"
    try:
        size = os.stat(path).st_size
        if size != recorded.get("size") or sha256_of(path) != recorded.get("sha256"):
            return "was changed since egovnb wrote it"
    except OSError:
        return "exists and cannot be read"
    return None


def same_bytes(path: Path, content: bytes) -> bool:
    """Whether the file ``path`` holds exactly ``content``."""
    try:
        return os.stat(path).st_size == len(content) and Path(path).read_bytes() == content
    except OSError:
        return False


def mark_written(paths, root: Path | None = None) -> None:
    """Record ``paths`` (just written by egovnb) in the manifest of ``root`` (default: the
    folder of each path), so that a later run may replace them."""
    by_root: dict[Path, list[Path]] = {}
    top = resolved(Path(root)) if root is not None else None
    for path in paths:
        path = resolved(Path(path))
        folder = top if top is not None and path.is_relative_to(top) else path.parent
        by_root.setdefault(folder, []).append(path)
    for folder, files in by_root.items():
        entries = _read_manifest(folder / MANIFEST)
        for path in files:
            entries[path.relative_to(folder).as_posix()] = {"sha256": sha256_of(path), "size": os.stat(path).st_size}
        _write_manifest(folder / MANIFEST, entries)


def _recorded(path: Path) -> dict | None:
    """The manifest entry of ``path`` in its folder or a folder above, or None."""
    path = resolved(path)
    for level, folder in enumerate(path.parents):
        if level >= _MAX_LEVELS:
            break
        manifest = folder / MANIFEST
        if manifest.is_file():
            entry = _read_manifest(manifest).get(path.relative_to(folder).as_posix())
            if isinstance(entry, dict):
                return entry
    return None


def _read_manifest(manifest: Path) -> dict:
    try:
        info = manifest.stat()
    except OSError:
        return {}
    if not stat.S_ISREG(info.st_mode) or info.st_size > _MAX_MANIFEST_BYTES:
        return {}
    return dict(_parsed(str(manifest), info.st_mtime_ns, info.st_size))


@functools.lru_cache(maxsize=8)
def _parsed(manifest: str, mtime_ns: int, size: int) -> dict:
    """A manifest's entries, read once while it does not change (``mtime_ns`` and ``size``)."""
    try:
        entries = json.loads(Path(manifest).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # unreadable: nothing is known to be egovnb's, so nothing is replaced
    return entries if isinstance(entries, dict) else {}


def _write_manifest(manifest: Path, entries: dict) -> None:
    text = json.dumps(dict(sorted(entries.items())), ensure_ascii=False, indent=0) + "\n"
    handle, temporary = tempfile.mkstemp(prefix=f"{MANIFEST}.", dir=manifest.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        os.chmod(temporary, user_mode())
        os.replace(temporary, manifest)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


