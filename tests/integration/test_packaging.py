"""A wheel that runs: built from the repository, installed into a fresh venv, `egovnb run` elsewhere.

The venv reuses the running interpreter's packages for egovnb's dependencies
(a ``.pth`` file naming their folders) but gets egovnb itself only from the
wheel (``--no-deps``), so the report must be rendered from the notebooks and
templates the wheel carries.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
HUE = ROOT / "params" / "thua-thien-hue-2020.yaml"
SOURCES = ("pyproject.toml", "README.md", "egovnb", "notebooks")


def run(command: list, cwd: Path, timeout: int = 120) -> subprocess.CompletedProcess:
    result = subprocess.run([str(c) for c in command], cwd=cwd, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, f"{command} failed:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}"
    return result


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """egovnb's wheel, built from a copy of the repository's sources (the checkout stays clean)."""
    source, dist = tmp_path_factory.mktemp("source"), tmp_path_factory.mktemp("dist")
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints"))
        else:
            shutil.copy(ROOT / name, source / name)
    run([sys.executable, "-m", "pip", "wheel", source, "--no-deps", "--quiet", "--disable-pip-version-check",
         "-w", dist], cwd=source)
    (built,) = dist.glob("egovnb-*.whl")
    return built


@pytest.fixture(scope="module")
def venv(wheel, tmp_path_factory) -> Path:
    """A fresh venv with egovnb installed from the wheel and the dependencies reused."""
    venv = tmp_path_factory.mktemp("venv")
    run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=venv)
    (site,) = (venv / "lib").glob("python3*/site-packages")
    dependencies = [p for p in sys.path if p.endswith(("site-packages", "dist-packages")) and Path(p).is_dir()]
    (site / "zz-dependencies.pth").write_text("\n".join(dependencies) + "\n", encoding="utf-8")
    # Data files the dependencies installed under the prefix (nbconvert's base templates).
    (venv / "share").mkdir()
    (venv / "share" / "jupyter").symlink_to(Path(sys.prefix) / "share" / "jupyter")
    # --ignore-installed: an egovnb the dependency folders hold (an editable install) must not
    # count as installed here.
    run([venv / "bin" / "python", "-m", "pip", "install", "--no-deps", "--no-index", "--ignore-installed",
         "--quiet", "--disable-pip-version-check", wheel], cwd=venv)
    return venv


def test_wheel_carries_the_notebooks_and_templates(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in ("egovnb/notebooks/01-report.ipynb", "egovnb/notebooks/02-unit-scorecard.ipynb",
                 "egovnb/publish/templates/egovnb/index.html.j2", "egovnb/publish/templates/egovnb/report.css",
                 "egovnb/publish/kernel.py"):
        assert name in names, name
    assert (ROOT / "notebooks" / "01-report.ipynb").read_bytes() == zipfile.ZipFile(wheel).read(
        "egovnb/notebooks/01-report.ipynb")


def test_installed_egovnb_renders_a_report_in_an_unrelated_folder(venv, tmp_path):
    where = run([venv / "bin" / "python", "-c", "import egovnb.publish.notebooks as n; print(n.__file__); "
                 "print(n.REPORT_NOTEBOOK)"], cwd=tmp_path).stdout.split()
    assert all(Path(p).is_relative_to(venv) for p in where), where  # egovnb and its notebook come from the wheel

    (tmp_path / "frameworks").mkdir()
    shutil.copy(ROOT / "params" / "frameworks" / "thua-thien-hue-2020.yaml", tmp_path / "frameworks")
    shutil.copy(ROOT / "data" / "thua-thien-hue" / "2020" / "units.csv", tmp_path / "units.csv")
    # The departments' table only (the sample params read both tables from the annex workbook).
    text = re.sub(r"data: .*\nsheets:\n(  .*\n)+", "data: units.csv\n", HUE.read_text(encoding="utf-8"))
    assert "data: units.csv" in text
    (tmp_path / "x.yaml").write_text(text, encoding="utf-8")

    result = run([venv / "bin" / "egovnb", "run", "x.yaml"], cwd=tmp_path)
    html = tmp_path / "reports" / "thua-thien-hue" / "2020" / "thua-thien-hue-2020.html"
    assert result.stdout.split() == [str(html.relative_to(tmp_path))]
    page = html.read_text(encoding="utf-8")
    assert "<title>Kết quả đánh giá, xếp hạng mức độ Chính quyền điện tử năm 2020 — Thừa Thiên Huế</title>" in page
    assert "<li>20/20 đơn vị ở mức độ I</li>" in page
    assert "Cuối bảng: Sở Giáo dục và Đào tạo (91%)." in page
    assert page.count('<svg role="img"') == 2  # the charts, written into the page
    assert str(ROOT) not in page and str(venv) not in page
