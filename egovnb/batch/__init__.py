"""Batch: every params file of a folder rendered in parallel, then ``reports/index.html``.

``plan`` (what to render or skip) → ``pool`` (worker processes) → ``index`` (the index
page) → ``run`` (``egovnb batch``).
"""
