"""Report: what a reader sees, in Vietnamese or English (built on core and insight).

``labels`` holds all the wording, ``fmt`` formats numbers and labels, ``markup``
builds escaped HTML, ``palette`` gives each level its colour and hatch;
``tables`` and ``blocks`` are the report's tables and text, ``charts`` what every
chart shares, with the charts themselves in ``charts_tier``, ``charts_years`` and
``charts_sensitivity``; ``scorecard`` is a unit's page (its figures in
``scorecard_figures``), ``annex`` the annex workbook.
"""
