"""Insight: what follows from scored assessments (built on :mod:`egovnb.core`, no report).

``groups`` (points per criteria group), ``gaps`` (the next level and the
points still needed, points lost per group), ``sensitivity`` (how
firm the ranking is), ``yoy`` and ``crosswalk`` (year on year across renamed
and merged units), ``checks`` (the one validation entry point of ``validate``,
``run`` and ``batch``).
"""
