"""Insight: what follows from scored assessments (built on :mod:`egovnb.core`, no report).

``gaps`` (the next level and the points still needed), ``sensitivity`` (how
firm the ranking is), ``yoy`` and ``crosswalk`` (year on year across renamed
and merged units), ``checks`` (the one validation entry point of ``validate``,
``run`` and ``batch``).
"""
