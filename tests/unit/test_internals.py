"""Other libraries' private internals degrade, never break (egovnb.core.internals): each one taken
away, the public path gives the same texts, marks and positions; and no private name is used
that egovnb.core.internals does not list."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from openpyxl import Workbook

from egovnb.core import internals
from egovnb.core.safety import text_stays_text

from .test_ticks import drawn, labels_on_top_and_a_colour_bar, number_axes, svg

ROOT = Path(__file__).resolve().parents[2]
MATPLOTLIB = ("_update_ticks", "_write_hatches", "_hatchd", "_convert_path", "_get_font_height_metrics",
              "_get_renderer")


def foreign_private_names() -> dict[str, str]:
    """Every ``x._name`` in egovnb whose ``_name`` egovnb does not define itself, with where it
    stands; and ``from lib import _name`` (never allowed)."""
    own: set[str] = set()
    trees = {path: ast.parse(path.read_text(encoding="utf-8")) for path in (ROOT / "egovnb").rglob("*.py")}
    for tree in trees.values():
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                own.add(node.name)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                own.add(node.id)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store) and (
                    isinstance(node.value, ast.Name) and node.value.id == "self"):
                own.add(node.attr)
    found = {}
    for path, tree in trees.items():
        for node in ast.walk(tree):
            where = f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', 0)}"
            if isinstance(node, ast.Attribute) and re.match(r"_[a-z]", node.attr) and node.attr not in own:
                found.setdefault(node.attr, where)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and not (node.module or "").startswith("egovnb"):
                for alias in node.names:
                    if alias.name.startswith("_") and node.module != "__future__":
                        found.setdefault(f"import {alias.name}", where)
    return found


def test_every_private_internal_used_is_listed_and_looked_up_through_internals():
    used = foreign_private_names()
    unlisted = {name: where for name, where in used.items() if name not in internals.NAMES + internals.DOCX_HANDLES and name != "_exit"}
    assert not unlisted, f"private internals of other libraries not in egovnb.core.internals.NAMES: {unlisted}"


def test_a_name_is_taken_away_alone_or_with_all(monkeypatch):
    monkeypatch.setenv(internals.TAKEN_AWAY, "_cells, _hatchd")
    assert internals.taken_away("_hatchd") and not internals.taken_away("_update_ticks")
    assert internals.internal(object(), "_hatchd") is None
    monkeypatch.setenv(internals.TAKEN_AWAY, "all")
    assert all(internals.taken_away(name) for name in internals.NAMES)
    monkeypatch.delenv(internals.TAKEN_AWAY)
    assert internals.internal(Path("x"), "_str") is None and not internals.taken_away("_cells")


def hatched_bars(figure):
    ax = figure.add_subplot()
    ax.barh(range(3), [90, 85, 70], hatch="..", color="#E69F00", label="Mức III")
    ax.barh(range(3, 5), [60, 50], hatch="//", color="#56B4E9", label="Mức IV")
    ax.set_yticks(range(5), ["Sở Tài chính", "Sở Y tế", "Văn phòng UBND tỉnh", "Ban Dân tộc", "Thanh tra tỉnh"])
    ax.set_xlabel("Tỷ lệ thực hiện (%)")
    ax.legend(loc="lower right")


@pytest.mark.parametrize("name", [*MATPLOTLIB, "all"])
@pytest.mark.parametrize("draw", [number_axes, labels_on_top_and_a_colour_bar, hatched_bars])
def test_a_chart_without_an_internal_draws_the_same_texts_marks_and_positions(monkeypatch, name, draw):
    with_it = svg(draw, light=True)
    monkeypatch.setenv(internals.TAKEN_AWAY, name)
    without = svg(draw, light=True)
    assert drawn(with_it) == drawn(without)
    assert len(drawn(without)[0]) >= 5
    hatches = re.compile(r"<pattern\b")
    assert len(hatches.findall(with_it)) == len(hatches.findall(without))


def test_hatch_tiles_are_a_third_of_an_inch_only_with_the_internals(monkeypatch):
    small = svg(hatched_bars, light=True)
    monkeypatch.setenv(internals.TAKEN_AWAY, "_hatchd")
    large = svg(hatched_bars, light=True)
    assert 'width="24"' in small and 'width="72"' in large  # matplotlib's own one-inch tile


def test_text_stays_text_without_openpyxls_cell_map(monkeypatch):
    def sheet():
        book = Workbook()
        ws = book.active
        ws["A1"], ws["B3"] = "=HYPERLINK(\"http://x\",\"y\")", "#N/A"
        return ws

    monkeypatch.setenv(internals.TAKEN_AWAY, "_cells")
    ws = sheet()
    text_stays_text(ws)
    assert ws["A1"].data_type == "s" and ws["B3"].data_type == "s" and ws["A1"].value.startswith("=HYPERLINK")


def test_the_page_exporter_without_nbconverts_internals_gives_the_same_page(monkeypatch):
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook, new_output

    from egovnb.publish.exporters import ReportHTMLExporter

    nb = new_notebook(cells=[new_code_cell("x", outputs=[new_output("display_data", data={
        "text/html": "<p>Sở Tài chính đứng thứ nhất với 118,348 điểm</p>", "text/plain": "x"})])])
    nb.metadata["title"] = "Thừa Thiên Huế 2020"
    nbformat.validate(nb)
    page, _ = ReportHTMLExporter().from_notebook_node(nb)
    monkeypatch.setenv(internals.TAKEN_AWAY, "_init_resources,_nb_metadata")
    public, _ = ReportHTMLExporter().from_notebook_node(nb)
    assert "118,348 điểm" in public and "<title>Thừa Thiên Huế 2020</title>" in public
    visible = re.compile(r">([^<>]+)<")
    assert [t.strip() for t in visible.findall(page) if t.strip()] == [
        t.strip() for t in visible.findall(public) if t.strip()]


@pytest.mark.parametrize("names", ["_handle_kernel_info_reply,_display_id_map",
                                   "_async_launch_kernel,_reconcile_connection_info"])
def test_a_notebook_runs_without_jupyters_internals(monkeypatch, tmp_path, names):
    """Forked from a zygote where jupyter_client has what forking needs, started as usual where
    it has not; outputs made by nbclient's own code where its display map is missing."""
    from nbformat.v4 import new_code_cell, new_notebook

    from egovnb.publish import zygote
    from egovnb.publish.kernel import KernelSession

    monkeypatch.setenv(internals.TAKEN_AWAY, names)
    assert zygote.can_fork() == ("_async_launch_kernel" not in names)
    nb = new_notebook(cells=[new_code_cell("print('Sở Y tế', 85.36)"), new_code_cell("1 + 1")])
    with zygote.Zygote() as forks, KernelSession(tmp_path, name="t.ipynb", zygote=forks) as session:
        ran = session.execute(nb, notebook="t.ipynb")
    outputs = [o for cell in ran.cells for o in cell.outputs]
    assert [o.get("text") or o["data"]["text/plain"] for o in outputs] == ["Sở Y tế 85.36\n", "2"]
