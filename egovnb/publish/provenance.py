"""What made a report: every input file with its SHA-256, the Python and package versions, the lock.

The record is taken before the inputs are read for scoring (:func:`provenance_of`), and the
same record goes into the page (the provenance block, and a ``<meta name="egovnb-provenance">``
tag), the executed notebook's metadata, the PDF's metadata and the annex workbook's custom
properties. ``egovnb verify`` reads it back (:func:`from_html`).

Input paths are relative to the params file's folder (the params file itself by its name), so
the record names no path of the machine that made it, and a report copied with its inputs
elsewhere can be checked there.
"""

from __future__ import annotations

import json
import os
import platform
from dataclasses import dataclass
from html.parser import HTMLParser
from importlib import metadata
from pathlib import Path

from egovnb import __version__
from egovnb.core.files import resolved
from egovnb.core.yamlio import YamlFile
from egovnb.publish.digest import MISSING, file_sha256, input_records

META_NAME = "egovnb-provenance"
LOCK_NAME = "requirements.lock"
NO_LOCK = "none (installed without requirements.lock)"
# The packages whose versions shape a report's bytes: reading and scoring (pandas, numpy,
# openpyxl, PyYAML, Babel), charts (matplotlib), the notebook and its kernel (nbformat,
# nbclient, ipykernel, jupyter_client), the page (nbconvert, Jinja2, MarkupSafe), the PDF
# (WeasyPrint, pydyf, fontTools) and the Word annexes (python-docx).
PACKAGES = ("egovnb", "pandas", "numpy", "matplotlib", "nbformat", "nbconvert", "nbclient", "ipykernel",
            "jupyter_client", "jinja2", "markupsafe", "weasyprint", "pydyf", "fonttools", "openpyxl", "pyyaml",
            "babel", "python-docx")


@dataclass(frozen=True)
class InputFile:
    """One input of a report: its role (``params``, ``data``, ``previous1.framework`` …), its
    path relative to the params file's folder (``/`` between parts), and its SHA-256 (hex),
    or ``missing`` when it could not be read."""

    role: str
    path: str
    sha256: str


@dataclass(frozen=True)
class Provenance:
    """What a report was made from, and with what."""

    inputs: tuple[InputFile, ...]
    python: str
    packages: tuple[tuple[str, str], ...]  # (name, version), in PACKAGES order
    lock: str  # "sha256:<hex>" of requirements.lock, or NO_LOCK

    @property
    def params_name(self) -> str:
        return next((i.path for i in self.inputs if i.role == "params"), "")

    def as_dict(self) -> dict:
        return {"inputs": [{"role": i.role, "path": i.path, "sha256": i.sha256} for i in self.inputs],
                "python": self.python, "packages": dict(self.packages), "lock": self.lock}

    def to_json(self) -> str:
        """One line of JSON, ASCII only (so it survives PDF metadata), keys in a fixed order."""
        return json.dumps(self.as_dict(), ensure_ascii=True, separators=(",", ":"))

    def lines(self) -> list[tuple[str, str]]:
        """(what, value) pairs for the report's provenance block and the workbook's properties."""
        rows = [(f"{i.role}: {i.path}", i.sha256) for i in self.inputs]
        rows += [("python", self.python)]
        rows += [(name, version) for name, version in self.packages]
        rows += [(LOCK_NAME, self.lock)]
        return rows


def from_dict(value: object) -> Provenance:
    """The record of :meth:`Provenance.as_dict`; ValueError when it is not one."""
    try:
        inputs = tuple(InputFile(str(i["role"]), str(i["path"]), str(i["sha256"])) for i in value["inputs"])
        # In PACKAGES order whatever order the JSON kept (the page's copy has its keys sorted).
        packages = tuple(sorted(((str(k), str(v)) for k, v in dict(value["packages"]).items()),
                                key=lambda item: (PACKAGES.index(item[0]) if item[0] in PACKAGES
                                                  else len(PACKAGES), item[0])))
        return Provenance(inputs, str(value["python"]), packages, str(value["lock"]))
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise ValueError(f"not a provenance record ({type(error).__name__}: {error})") from None


def from_json(text: str) -> Provenance:
    try:
        return from_dict(json.loads(text))
    except json.JSONDecodeError as error:
        raise ValueError(f"not a provenance record ({error})") from None


def provenance_of(params_path: str | Path, params: YamlFile | None = None) -> Provenance:
    """The record of a report of ``params_path``, its inputs hashed now (call it before they
    are read for scoring: a file changed afterwards then shows as changed); ``params``: the
    params file already read (hashed from those bytes, not read again)."""
    params_path = resolved(Path(params_path))
    base = params_path.parent
    inputs = tuple(InputFile(role, relative_to(path, base), sha256)
                   for role, path, sha256 in input_records(params_path, params))
    return Provenance(inputs, platform.python_version(), package_versions(), lock_digest())


def relative_to(path: Path, base: Path) -> str:
    """``path`` relative to ``base``, with ``/`` (the same record on every system)."""
    try:
        return Path(os.path.relpath(path, base)).as_posix()
    except ValueError:  # another drive (Windows): only the name can be said
        return path.name


def package_versions() -> tuple[tuple[str, str], ...]:
    """(name, version) of :data:`PACKAGES` in this environment (``not installed`` if absent)."""
    versions = []
    for name in PACKAGES:
        if name == "egovnb":
            versions.append((name, __version__))
            continue
        try:
            versions.append((name, metadata.version(name)))
        except metadata.PackageNotFoundError:
            versions.append((name, "not installed"))
    return tuple(versions)


def lock_file() -> Path | None:
    """requirements.lock beside the package in a checkout (an editable install), else None."""
    candidate = Path(__file__).resolve().parent.parent.parent / LOCK_NAME
    return candidate if candidate.is_file() else None


def lock_digest() -> str:
    """``sha256:<hex>`` of the lock egovnb was installed from, or :data:`NO_LOCK`."""
    lock = lock_file()
    return f"sha256:{file_sha256(lock)}" if lock is not None else NO_LOCK


class _MetaReader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.content: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "meta" and self.content is None:
            values = dict(attrs)
            if values.get("name") == META_NAME:
                self.content = values.get("content") or ""


def from_html(page: str) -> Provenance | None:
    """The record embedded in a report page, or None when it has none; ValueError when it is
    there but cannot be read."""
    reader = _MetaReader()
    head = page.split("</head>", 1)[0]
    reader.feed(head)
    reader.close()
    return None if reader.content is None else from_json(reader.content)


def workbook_properties(record: Provenance) -> list[tuple[str, str]]:
    """The record as workbook custom properties, one a line of :meth:`Provenance.lines`, named
    ``egovnb <what>``; values cut at Excel's 255 characters."""
    return [(f"egovnb {what}"[:255], value[:255]) for what, value in record.lines()]
