"""Insight: what follows from scored assessments (built on :mod:`egovnb.core`, no report).

``groups`` (points per criteria group), ``gaps`` (the next level and the points
still needed, points lost per group, and under ``level_by: lowest`` the components
that hold a unit back), ``sensitivity`` (how firm the ranking is; its draws in
``perturb``), ``yoy`` and ``crosswalk`` (year on year across renamed and merged
units; ``merged`` combines predecessors), ``reconcile`` (published figures against
the rules), ``validation`` (the one validation entry point of ``validate``, ``run`` and
``batch``).
"""
