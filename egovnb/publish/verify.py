"""``egovnb verify REPORT``: is a report what its recorded inputs give, here and now?

Stages: find the page (the HTML file, or the page of a report folder) → read the record it
carries (:func:`egovnb.publish.provenance.from_html`) → find the params file → check every
recorded input's SHA-256 → compare the environment (Python, packages, lock) → render again
into a temporary folder, as if with the recorded environment (the page then carries the same
record), and compare the bytes of the page, and of the notebook and PDF where the report has
them. One line says what was found.

Where the inputs are: the record names every input relative to the params file's folder. The
params file is the one given with ``--params``; else, of these places, the first that holds
a file of the params file's name whose SHA-256 is the recorded one (else the first that holds
one): ``params/`` beside the reports folder (``reports/<province>/<year>/`` → ``params/``),
where the folder's ``.params-path`` says (written by every run: the params file's path from the
report folder), ``params/`` of the current folder, the current folder. So a report folder
copied with its inputs, keeping where they are from one another, verifies anywhere.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from egovnb.core.errors import EgovnbError
from egovnb.publish.provenance import Provenance, file_sha256, from_html, lock_digest, package_versions
from egovnb.publish.records import PARAMS_PATH_FILE, REPORT_RECORD

COMPARED = (".html", ".ipynb", ".pdf")


@dataclass(frozen=True)
class Verdict:
    """The result of a verification: ``identical`` only when every input, the environment and
    every file compared agree; ``line`` says it in one line."""

    identical: bool
    line: str


def report_page(report: Path) -> Path:
    """The page of ``report`` (an HTML file, or a report folder with one page)."""
    report = Path(report)
    if report.is_dir():
        try:
            name = (report / REPORT_RECORD).read_text(encoding="utf-8").splitlines()[1].strip()
            if (report / name).is_file():
                return report / name
        except (OSError, UnicodeDecodeError, IndexError):
            pass
        pages = sorted(report.glob("*.html"))
        if len(pages) != 1:
            raise EgovnbError(f"{report}: not a report folder (it holds {len(pages)} pages; name the .html file)")
        return pages[0]
    if report.suffix.lower() != ".html" or not report.is_file():
        raise EgovnbError(f"{report}: not a report page (.html) or a report folder")
    return report


def find_params(page: Path, record: Provenance, given: Path | None = None) -> Path:
    """The params file of a report (see the module's rule); EgovnbError naming the places
    looked at when none is there."""
    if given is not None:
        if not Path(given).is_file():
            raise EgovnbError(f"{given}: params file not found")
        return Path(given)
    folder = page.parent
    name = record.params_name
    candidates = [folder.parent.parent.parent / "params" / name]
    try:
        candidates.append(folder / (folder / PARAMS_PATH_FILE).read_text(encoding="utf-8").strip())
    except (OSError, UnicodeDecodeError):
        pass
    candidates += [Path("params") / name, Path(name)]
    present = [c for c in candidates if c.is_file()]
    recorded = next((i.sha256 for i in record.inputs if i.role == "params"), None)
    # The first whose bytes are the ones recorded; else the first there (its difference is named).
    for candidate in present:
        if file_sha256(candidate) == recorded:
            return candidate
    if present:
        return present[0]
    raise EgovnbError(f"{page}: its params file {name} is not in " + ", ".join(str(c) for c in candidates)
                      + "; give it with --params PATH")


def input_differences(params_path: Path, record: Provenance) -> list[str]:
    """Each recorded input whose bytes here differ: ``role path (recorded X, present Y)``."""
    base = Path(params_path).resolve().parent
    differences = []
    for item in record.inputs:
        path = Path(params_path).resolve() if item.role == "params" else base / item.path
        present = file_sha256(path)
        if present != item.sha256:
            differences.append(f"{item.role} {item.path} (recorded sha256 {item.sha256}, present {present})")
    return differences


def environment_differences(record: Provenance) -> list[str]:
    """Each part of the environment that differs from the record: ``name recorded X, present Y``."""
    import platform

    present = dict(package_versions())
    recorded = dict(record.packages)
    differences = []
    if record.python != platform.python_version():
        differences.append(f"Python {record.python} recorded, {platform.python_version()} present")
    for name in sorted(set(recorded) | set(present)):
        if recorded.get(name) != present.get(name):
            differences.append(f"{name} {recorded.get(name, 'not recorded')} recorded, "
                               f"{present.get(name, 'not installed')} present")
    lock = lock_digest()
    if record.lock != lock:
        differences.append(f"requirements.lock {record.lock} recorded, {lock} present")
    return differences


def first_difference(old: bytes, new: bytes) -> str:
    """Where two byte strings first differ: ``byte N (line L)``, or that one is shorter."""
    limit = min(len(old), len(new))
    offset = next((i for i in range(limit) if old[i] != new[i]), limit)
    line = old.count(b"\n", 0, offset) + 1
    if offset == limit and len(old) != len(new):
        return f"byte {offset} (line {line}): one is {abs(len(old) - len(new))} byte(s) longer"
    return f"byte {offset} (line {line})"


def compare_files(page: Path, rendered: Path) -> list[str]:
    """The files of the report (page, and notebook and PDF where present) whose bytes differ
    from those rendered again (``rendered``, the new page), each with its first difference."""
    differences = []
    for suffix in COMPARED:
        old_file = page.with_suffix(suffix)
        if not old_file.is_file():
            continue
        new_file = rendered.with_suffix(suffix)
        old = old_file.read_bytes()
        new = new_file.read_bytes() if new_file.is_file() else b""
        if old != new:
            differences.append(f"{old_file.name} first differs at {first_difference(old, new)}")
    return differences


def verify(report: str | Path, params: str | Path | None = None) -> Verdict:
    """Check a report against its recorded inputs and environment, rendering it again in a
    temporary folder (never under ``reports/``)."""
    page = report_page(Path(report))
    try:
        record = from_html(page.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise EgovnbError(f"{page}: its provenance record cannot be read ({error})") from None
    if record is None:
        raise EgovnbError(f"{page}: no provenance record (made by an egovnb older than `verify`, "
                          "or not a report page)")
    params_path = find_params(page, record, Path(params) if params is not None else None)
    inputs = input_differences(params_path, record)
    if inputs:
        return Verdict(False, "input differs: " + "; ".join(inputs))
    environment = environment_differences(record)
    files = _render_and_compare(page, params_path, record)
    if environment:
        agree = ("the bytes are identical anyway" if not files
                 else "the bytes differ: " + "; ".join(files))
        return Verdict(False, "environment differs: " + "; ".join(environment) + "; " + agree)
    if files:
        return Verdict(False, "output differs with the same inputs and environment (a reproducibility bug): "
                       + "; ".join(files))
    return Verdict(True, "reproduced: identical")


def _render_and_compare(page: Path, params_path: Path, record: Provenance) -> list[str]:
    from egovnb.publish.report_page import run_report

    temporary = Path(tempfile.mkdtemp(prefix="egovnb-verify-"))
    try:
        # The notebook names its params file from the report's own folder, as the one compared does.
        rendered = run_report(params_path, reports_root=temporary, pdf=page.with_suffix(".pdf").is_file(),
                              record=record, quiet=True, written_in=(page.parent, page.parent.parent.parent))
        return compare_files(page, rendered)
    finally:
        shutil.rmtree(temporary, ignore_errors=True)


def cli_verify(args) -> int:
    """``egovnb verify REPORT [--params PATH]``: one line; exit 0 only when identical."""
    verdict = verify(args.report, args.params)
    print(verdict.line)
    return 0 if verdict.identical else 1
