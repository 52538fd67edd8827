"""egovnb: reproducible reports of provincial e-government (CQĐT) assessments.

The pipeline has named stages: load (params, framework, unit data) →
validate → score → rank → present (tables, charts, notebooks, reports).
"""

__version__ = "0.1.0"
