"""Publish: notebooks run with Papermill and turned into HTML and PDF under ``reports/``.
"""
