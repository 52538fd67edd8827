"""Rendering, as the command line and batch use it; ``python -m egovnb.publish.render`` re-executes
the committed notebooks.

A report (:mod:`egovnb.publish.report_page`) and unit scorecards
(:mod:`egovnb.publish.scorecard_pages`) are rendered the same way: the notebook runs
in a kernel (:mod:`~egovnb.publish.kernel`), the executed notebook becomes a
page and a PDF (:mod:`~egovnb.publish.exporters`), and the files are staged and
moved into place only when complete (:mod:`~egovnb.publish.staging`). The
notebooks and templates are found by :mod:`~egovnb.publish.notebooks`.

After changing a notebook, what the package shows, or the default params'
data, re-execute the committed notebooks (``notebooks/``) against their
default parameters::

    python -m egovnb.publish.render
"""

from __future__ import annotations

from egovnb.publish.notebooks import REPORT_NOTEBOOK, REPORT_NOTEBOOKS, SCORECARD_NOTEBOOK, TEMPLATES, report_sources
from egovnb.publish.report_page import ReportPaths, refresh_notebook, report_paths, run_report

COMMITTED_NOTEBOOKS = (REPORT_NOTEBOOK, SCORECARD_NOTEBOOK)


__all__ = ["COMMITTED_NOTEBOOKS", "REPORT_NOTEBOOKS", "TEMPLATES", "ReportPaths", "refresh_notebook",
           "report_paths", "report_sources", "run_report"]

if __name__ == "__main__":
    for path in COMMITTED_NOTEBOOKS:
        print(refresh_notebook(path))
