"""Core: load → validate → score → rank, with no report in sight.

``params`` and ``framework_yaml`` read the analyst's YAML (``yamlio`` keeps line
numbers; ``keys`` declares every key once) into the dataclasses of ``framework`` (tiers,
components, groups, criteria). Where a cell is read: ``read_table`` reads one table's
CSV/XLSX cells as delivered (``headers``, ``workbook``, ``cells``, ``sheet_xml``,
``cell_marks``, ``totals``). Where a row is checked: ``check_table`` checks and types them
at any grain (``check_summary``; ``check_items`` for group and criterion grain; shared
tools in ``check_tools``; every problem with file, row, column: ``errors.Problem``) into
``checked_data``; ``data_file`` puts the tables of a data file together. ``scoring`` computes applicable points, rate, converted points,
the index and the components' points; ``ranking`` assigns ranks, levels and the
published row order (``collation``: Vietnamese alphabetical order); ``rules``
holds the rules every stage shares (ties to 9 decimals, levels from thresholds,
the lowest of the components' levels, competition ranks, the gap to the next
level); ``assessment`` carries one province-year through all of it. ``columns``
defines the tables' columns once; ``numbers`` and ``text`` parse numbers and
names; ``export`` writes files atomically; ``files`` says what the operating
system refused, and ``safety`` guards against hostile input (outputs that are
inputs, text that would be a formula, look-alike file names, inputs that would
take without bound).
"""
