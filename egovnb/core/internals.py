"""Other libraries' private internals, looked up in one place.

egovnb uses a few private attributes of matplotlib, jupyter_client, nbclient, nbconvert and
openpyxl where they make a report much faster (drawing ticks, forking kernels, writing pages).
None of them is needed: each caller asks :func:`internal` for the attribute and takes the public
path when it is missing (a release that renamed or removed it), which is slower and gives the
same figures, text, marks and positions (the bytes may differ where drawing is grouped
differently). Setting ``EGOVNB_WITHOUT_INTERNALS`` to ``all``, or to a comma-separated list of
attribute names, takes them away on purpose, in the kernels a run starts too: the tests render
the sample reports that way (``tests/unit/test_internals.py``).
"""

from __future__ import annotations

import os

TAKEN_AWAY = "EGOVNB_WITHOUT_INTERNALS"

# Every private name egovnb looks up (tests take each away in turn).
NAMES = (
    "_update_ticks",               # matplotlib Axis: ticks drawn as one artist a side (report/ticks.py)
    "_write_hatches",              # matplotlib RendererSVG: hatch tiles a third of an inch (report/drawing.py)
    "_hatchd",                     # matplotlib RendererSVG: the hatches it will write
    "_convert_path",               # matplotlib RendererSVG: a path as SVG path data
    "_get_font_height_metrics",    # matplotlib renderer: a font's line box, read once (report/drawing.py)
    "_get_renderer",               # matplotlib Figure: the renderer of a figure not being drawn
    "_async_launch_kernel",        # jupyter_client KernelManager: kernels forked from a zygote
    "_reconcile_connection_info",  # jupyter_client KernelManager: ports of a forked kernel
    "_handle_kernel_info_reply",   # jupyter_client KernelClient: the protocol version a kernel speaks
    "_display_id_map",             # nbclient NotebookClient: outputs made without jsonschema
    "_init_resources",             # nbconvert Exporter: a page without a second parse
    "_nb_metadata",                # nbconvert Exporter: the notebook's metadata for its filters
    "_cells",                      # openpyxl Worksheet: the cells that exist (core/safety.py)
    "_archive",                    # openpyxl read-only Workbook: the open zip, read once (core/read_table.py)
    "_worksheet_path",             # openpyxl read-only Worksheet: where its XML is stored
)

# python-docx's handles on a document's XML. python-docx has no public API for what Nghị định
# 30/2020 asks of an annex (a header row repeated on each page, rows that never split, page
# numbers, a landscape section) and its documentation points to these handles for such
# work; there is no public path to fall back to, so they are listed apart and used directly
# (report/docx_layout.py). tests/unit/test_docx.py checks each of those properties in the file.
DOCX_HANDLES = ("_p", "_r", "_tbl", "_tr", "_tc", "_sectPr", "_element")


def taken_away(name: str) -> bool:
    """Whether ``name`` is taken away on purpose (``EGOVNB_WITHOUT_INTERNALS``)."""
    setting = os.environ.get(TAKEN_AWAY, "")
    return setting == "all" or name in {part.strip() for part in setting.split(",")}


def internal(owner: object, name: str):
    """``owner``'s private attribute ``name``, or None when it has none (or it is taken away)."""
    if taken_away(name):
        return None
    return getattr(owner, name, None)
