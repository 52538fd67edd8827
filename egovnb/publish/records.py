"""A report folder's records: beside each file egovnb made, the hash of the inputs it was made from.

- ``.inputs.sha256``: the page, the notebook (and the run's options): the inputs' hash, then
  the page's name. Every report run writes it (batch skips a province-year whose inputs still
  have this hash);
- ``.pdf.sha256``: the PDF (:func:`egovnb.publish.digest.pdf_upkeep`);
- ``.params-path``: where the params file was, from the folder (for ``egovnb verify``);
- ``units/.<unit-slug>.sha256``: a unit's scorecard files (``<unit-slug>.html``, ``.ipynb``,
  ``.pdf``).

Each hash is taken before the inputs are read (from the report's :class:`Provenance`), so a
file saved during a run shows as changed next time, never as unchanged. A run keeps a file of
an earlier run only when that file's own record matches the inputs now.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from egovnb.publish.digest import inputs_digest, report_notebooks

REPORT_RECORD = ".inputs.sha256"
# Where the params file is, from the report folder (`egovnb verify` looks there first).
PARAMS_PATH_FILE = ".params-path"
UNITS_FOLDER = "units"


@dataclass(frozen=True)
class ReportDigests:
    """The inputs' hashes a report run records: of its page (with the run's options), of its
    PDF, and the one its folder's unit scorecards must have been made from."""

    page: str
    pdf: str
    units: str


def scorecard_sources() -> tuple[Path, ...]:
    """The scorecard notebook and the templates: a change to any of them changes every scorecard."""
    from egovnb.publish.notebooks import SCORECARD_NOTEBOOK

    return (SCORECARD_NOTEBOOK,) + report_notebooks()[1:]


def hashes_of(record) -> list[tuple[str, str]]:
    """(role, SHA-256) of every input named in a :class:`~egovnb.publish.provenance.Provenance`."""
    return [(i.role, i.sha256) for i in record.inputs]


def report_digests(params_path: Path, record, *, pdf: bool) -> ReportDigests:
    """The hashes of a report run of ``params_path`` whose inputs were hashed in ``record``."""
    hashes = hashes_of(record)
    notebooks = report_notebooks()
    return ReportDigests(page=inputs_digest(params_path, notebooks, f"pdf={bool(pdf)}", hashes),
                         pdf=inputs_digest(params_path, notebooks, "", hashes),
                         units=inputs_digest(params_path, scorecard_sources(), "", hashes))


def report_record(digest: str, page_name: str) -> bytes:
    """The content of ``.inputs.sha256``."""
    return f"{digest}\n{page_name}\n".encode("utf-8")


def unit_record_name(stem: str) -> str:
    """The record of the scorecard files ``<stem>.*`` in ``units/``."""
    return f".{stem}.sha256"


def units_upkeep(folder: Path, digest: str) -> tuple[list[Path], int]:
    """The scorecard files (and records) of ``folder/units`` to drop because their record does
    not say ``digest`` (or they have none), and how many scorecard files that is."""
    units = Path(folder) / UNITS_FOLDER
    if not units.is_dir():
        return [], 0
    drop: list[Path] = []
    count = 0
    for path in sorted(units.iterdir()):
        if not path.is_file() or path.name.startswith("."):
            continue
        stem = path.name.split(".", 1)[0]
        if _read(units / unit_record_name(stem)) != digest:
            drop.append(path)
            count += 1
    for record in sorted(units.glob(".*.sha256")):
        stem = record.name[1:-len(".sha256")]
        if _read(record) != digest or not any(units.glob(f"{stem}.*")):
            drop.append(record)
    return drop, count


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None


def changed_inputs(params_path: Path, record) -> str:
    """The first input (path relative to the params file) whose bytes now differ from those
    hashed in ``record``, or "" when none does."""
    from egovnb.publish.provenance import provenance_of

    now = {(i.role, i.path): i.sha256 for i in provenance_of(params_path).inputs}
    for item in record.inputs:
        if now.get((item.role, item.path)) != item.sha256:
            return item.path
    if len(now) != len(record.inputs):
        return next((path for role, path in now if (role, path) not in
                     {(i.role, i.path) for i in record.inputs}), record.params_name)
    return ""


def params_path_record(folder: Path, params_path: Path) -> bytes:
    """The content of ``.params-path``: where the params file is, from the report folder."""
    try:
        relative = Path(os.path.relpath(Path(params_path).resolve(), Path(folder).resolve())).as_posix()
    except ValueError:  # another drive (Windows)
        relative = Path(params_path).resolve().as_posix()
    return f"{relative}\n".encode("utf-8")
