"""The package's house rules, checked on its source with ``ast``: imports only point down
(core ← insight ← report ← publish ← batch/cli), no import cycle (imports inside functions
included), no module over 450 lines, and a top level of a few subpackages and entry points."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "egovnb"
# Each subpackage may import its own layer and the layers below it.
LAYERS = {"core": 0, "insight": 1, "report": 2, "publish": 3, "demo": 1, "batch": 4, "cli": 5, "__main__": 6,
          "__init__": 0}
TOP_LEVEL = {"__init__.py", "__main__.py", "cli.py", "core", "insight", "report", "publish", "batch", "demo"}
MAX_LINES = 450


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def imported_modules(path: Path, modules: set[str]) -> set[str]:
    """Every egovnb module ``path`` imports, wherever the import stands (top level or inside a
    function), resolved to the module (``from egovnb.report import fmt`` → ``egovnb.report.fmt``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    own = module_name(path)
    package = own if path.name == "__init__.py" else own.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            names = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base for alias in node.names]
        else:
            continue
        found.update(name for name in names if name.split(".")[0] == "egovnb")
    found.discard(own)
    return {name for name in found if name in modules}


def layer(module: str) -> int:
    parts = module.split(".")
    return LAYERS[parts[1]] if len(parts) > 1 else LAYERS["__init__"]


def graph() -> dict[str, set[str]]:
    paths = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    return {name: imported_modules(path, set(paths)) for name, path in paths.items()}


def test_imports_only_point_down():
    wrong = [f"{importer} imports {imported}" for importer, targets in graph().items() for imported in targets
             if layer(imported) > layer(importer)
             or (layer(imported) == layer(importer) and imported.split(".")[1:2] != importer.split(".")[1:2]
                 and importer.count(".") and imported.count("."))]
    assert not wrong, "\n".join(sorted(wrong))


def test_no_import_cycle():
    edges = graph()
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for target in sorted(edges.get(node, ())):
            if target.startswith(node + ".") or node.startswith(target + ".") and target == "egovnb":
                continue
            if state.get(target) == 1:
                cycles.append(trail[trail.index(target):] + [target] if target in trail else [node, target])
            elif target not in state:
                visit(target, trail + [target])
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node, [node])
    assert not cycles, "\n".join(" → ".join(cycle) for cycle in cycles)


def test_no_module_over_450_lines():
    long = {str(p.relative_to(PACKAGE)): n for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long


def test_the_top_level_is_a_few_subpackages_and_entry_points():
    entries = {p.name for p in PACKAGE.iterdir() if p.name != "__pycache__"}
    assert entries == TOP_LEVEL


def test_the_checker_sees_imports_inside_functions():
    # cli imports the renderer only inside its `run` handler (lazily, so `egovnb score` stays quick).
    assert "egovnb.publish.render" in graph()["egovnb.cli"]
