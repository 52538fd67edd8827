"""What the wheel carries: every subpackage, the notebooks, the exporters. (The lock and the
conda environment: test_lock.py.)"""

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_subpackage_and_the_notebooks_are_packaged():
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "egovnb").rglob("__init__.py")}
    assert set(setuptools["packages"]) == found | {"egovnb.notebooks"}
    # The wheel's egovnb/notebooks/ is the repository's notebooks/ folder, with both notebooks.
    assert setuptools["package-dir"] == {"egovnb.notebooks": "notebooks"}
    patterns = setuptools["package-data"]["egovnb.notebooks"]
    assert {p.name for p in (ROOT / "notebooks").glob("*.ipynb")} == {"01-report.ipynb", "02-unit-scorecard.ipynb"}
    assert "*.ipynb" in patterns


def test_nbconvert_exporters_point_at_existing_classes():
    import importlib

    from nbconvert.exporters import Exporter

    entry_points = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["entry-points"]
    for name, target in entry_points["nbconvert.exporters"].items():
        module, attribute = target.split(":")
        exporter = getattr(importlib.import_module(module), attribute)
        assert issubclass(exporter, Exporter), name


def test_notebooks_are_found_in_a_checkout():
    from egovnb.publish import notebooks

    assert notebooks.REPORT_NOTEBOOK == ROOT / "notebooks" / "01-report.ipynb"
    assert notebooks.SCORECARD_NOTEBOOK.is_file()
    assert notebooks.TEMPLATES / "egovnb" / "index.html.j2" in notebooks.report_sources()
