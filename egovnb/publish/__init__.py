"""Publish: report notebooks run in a kernel and turned into HTML and PDF under ``reports/``.

``render`` (what the command line and batch call), ``report`` and ``scorecards``
(what is rendered), ``kernel`` (the one way notebooks are run), ``exporters``
(executed notebook → page, PDF), ``staging`` (nothing half-written over a good
file), ``notebooks`` (where the notebooks and templates are).
"""
