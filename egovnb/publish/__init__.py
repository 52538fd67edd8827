"""Publish: report notebooks run in a kernel and turned into HTML and PDF under ``reports/``.

``render`` (what the command line and batch call), ``report_page`` and ``scorecard_pages``
(what is rendered), ``kernel`` (the one way notebooks are run), ``warm`` (kernels
started ahead for batch workers), ``exporters`` (executed notebook → page, PDF),
``staging`` (nothing half-written over a good file), ``notebooks`` (where the
notebooks and templates are).
"""

import sys

# nbformat's jsonschema imports rfc3987_syntax when it is installed (JupyterLab brings it) only to
# check the "iri" string format, which no notebook schema uses; the import builds a parser and
# costs 2-5 s, more than everything else a report imports. Leave it out of the processes that
# render (python-jsonschema/jsonschema#1428). It stays importable where it is already imported.
sys.modules.setdefault("rfc3987_syntax", None)
