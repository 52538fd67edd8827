"""Core: load → validate → score → rank, with no report in sight.

``params`` and ``framework`` read the analyst's YAML (``yamlio`` keeps line
numbers), ``data`` reads CSV/XLSX cells as delivered, ``validate`` checks and
types them (every problem with file, row, column: ``errors.Problem``),
``scoring`` computes applicable points, rate and converted points, ``ranking``
assigns ranks, levels and the published row order (``collation``: Vietnamese
alphabetical order), ``assessment`` carries one province-year through all of
it. ``schema`` defines the tables' columns once; ``numbers`` and ``text`` parse
numbers and names; ``export`` writes files atomically; ``files`` says what the
operating system refused, and ``safety`` guards against hostile input (outputs
that are inputs, text that would be a formula, look-alike file names, inputs
that would take without bound).
"""
