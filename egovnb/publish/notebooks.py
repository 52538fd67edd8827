"""Where the report notebooks and the page templates are, installed or in a checkout.

The notebooks live in the repository's top-level ``notebooks/`` folder (committed
executed, checked by nbval). A wheel carries them as ``egovnb/notebooks/``
(pyproject maps that package to the folder), so an installed egovnb finds them
beside its own code; a checkout, or an editable install that puts the checkout
on the path, finds the repository's folder. The templates are package data of
``egovnb.publish`` either way.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
TEMPLATES = PACKAGE / "templates"
TEMPLATE = "egovnb"
REPORT_NAME = "01-report.ipynb"
SCORECARD_NAME = "02-unit-scorecard.ipynb"


def notebook_folder() -> Path:
    """The folder holding the report notebooks: the installed ``egovnb/notebooks/`` when
    there is one, else the checkout's ``notebooks/`` beside the package."""
    installed = files("egovnb").joinpath("notebooks")
    if installed.joinpath(REPORT_NAME).is_file():
        return Path(str(installed))
    return PACKAGE.parent.parent / "notebooks"


NOTEBOOKS = notebook_folder()
REPORT_NOTEBOOK = NOTEBOOKS / REPORT_NAME
SCORECARD_NOTEBOOK = NOTEBOOKS / SCORECARD_NAME
# The notebook(s) a province-year's report is rendered from; batch hashes them (with the
# templates) to know when a report must be re-rendered.
REPORT_NOTEBOOKS = (REPORT_NOTEBOOK,)


def report_sources() -> tuple[Path, ...]:
    """The report notebook(s) and every template file: a change to any of them changes every
    report (batch hashes them with each province-year's inputs)."""
    templates = tuple(sorted(p for p in TEMPLATES.rglob("*") if p.is_file())) if TEMPLATES.is_dir() else ()
    return REPORT_NOTEBOOKS + templates
