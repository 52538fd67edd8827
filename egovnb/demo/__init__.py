"""Demo: an illustrative national data set (every file says it is illustrative).
"""
