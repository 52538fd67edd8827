"""Batch: every params file of a folder rendered in parallel, then ``reports/index.html``.
"""
