"""Core: load → validate → score → rank, with no report in sight.

``params`` and ``framework_yaml`` read the analyst's YAML (``yamlio`` keeps line
numbers) into the dataclasses of ``framework`` (tiers, components, groups,
criteria); ``data`` reads CSV/XLSX cells as delivered (``delivered`` puts the
tables of a workbook together); ``validate`` checks and types them at any grain
(``grain_summary``; ``grain_items`` for group and criterion grain; shared tools
in ``checking``; every problem with file, row, column: ``errors.Problem``) into
``unit_data``; ``scoring`` computes applicable points, rate, converted points,
the index and the components' points; ``ranking`` assigns ranks, levels and the
published row order (``collation``: Vietnamese alphabetical order); ``rules``
holds the rules every stage shares (ties to 9 decimals, levels from thresholds,
the lowest of the components' levels, competition ranks, the gap to the next
level); ``assessment`` carries one province-year through all of it. ``schema``
defines the tables' columns once; ``numbers`` and ``text`` parse numbers and
names; ``export`` writes files atomically; ``files`` says what the operating
system refused, and ``safety`` guards against hostile input (outputs that are
inputs, text that would be a formula, look-alike file names, inputs that would
take without bound).
"""
