"""Report: what a reader sees, in Vietnamese or English (built on core and insight).

``labels`` holds the wording, ``fmt`` formats numbers and labels, ``markup``
builds escaped HTML, ``palette`` gives each level its colour and hatch;
``tables``, ``blocks`` and ``charts`` (with ``charts_sensitivity``) are the
report's pieces, ``scorecard`` a unit's page, ``annex`` the annex workbook.
"""
