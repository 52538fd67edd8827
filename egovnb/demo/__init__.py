"""Demo: an illustrative national data set (every file says it is illustrative).

``seeds`` (seeded randomness) → ``places`` (provinces, departments, districts, communes)
→ ``scores`` (the framework and random points) → ``generate`` (the files, ``egovnb demo-data``).
"""
