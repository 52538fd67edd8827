"""An independent reference implementation of SPEC.md (the scores table), its data generators and a comparer.

Nothing here imports ``egovnb``: it is the oracle the engine is tested against.
"""
