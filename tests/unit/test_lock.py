"""The lock: requirements.lock satisfies pyproject's ranges, names every package egovnb imports,
is what this environment holds, and is what environment.yml installs."""

from __future__ import annotations

import ast
import importlib.metadata
import os
import re
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
LOCK = ROOT / "requirements.lock"
PIN = re.compile(r"^(?P<name>[A-Za-z0-9._-]+)==(?P<version>[^\s;\\]+)(?:\s*;\s*(?P<marker>[^\\]+?))?\s*\\?$")


def lock_pins() -> list[tuple[str, str, str | None]]:
    """(name, version, marker) for every requirement of the lock."""
    pins = []
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        match = PIN.match(line)
        if match:
            pins.append((canonicalize_name(match["name"]), match["version"], match["marker"]))
    return pins


def declared() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return [Requirement(r) for r in project["dependencies"] + project["optional-dependencies"]["test"]]


def test_every_locked_requirement_has_hashes():
    text = LOCK.read_text(encoding="utf-8")
    blocks = re.split(r"\n(?=[A-Za-z0-9])", text.strip())
    assert len(blocks) == len(lock_pins()) > 50
    for block in blocks:
        assert "--hash=sha256:" in block, block.splitlines()[0]


def test_the_lock_satisfies_every_range_of_pyproject():
    pins = lock_pins()
    for requirement in declared():
        versions = [version for name, version, _ in pins if name == canonicalize_name(requirement.name)]
        assert versions, f"pyproject names {requirement.name}, the lock lacks it: run `make lock`"
        for version in versions:
            assert requirement.specifier.contains(version, prereleases=True), (
                f"the lock has {requirement.name} {version}, pyproject asks {requirement.specifier}: run `make lock`")


def test_the_build_backend_is_locked_too():
    names = {name for name, _, _ in lock_pins()}
    assert "setuptools" in names


def test_every_package_egovnb_imports_is_declared():
    distributions = importlib.metadata.packages_distributions()
    wanted = {canonicalize_name(r.name) for r in declared()}
    missing = set()
    for path in (ROOT / "egovnb").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules = [node.module]
            else:
                continue
            for module in modules:
                top = module.split(".")[0]
                if top in sys.stdlib_module_names or top == "egovnb":
                    continue
                names = {canonicalize_name(d) for d in distributions.get(top, [top])}
                if not names & wanted:
                    missing.add(f"{top} ({path.relative_to(ROOT)})")
    assert not missing, f"imported but not declared in pyproject.toml: {sorted(missing)}"


@pytest.mark.skipif(os.environ.get("EGOVNB_UNLOCKED") == "1", reason="make test-latest: newest releases on purpose")
def test_this_environment_holds_exactly_the_lock():
    pins = {name: version for name, version, marker in lock_pins() if marker is None or Marker(marker).evaluate()}
    installed = {canonicalize_name(d.metadata["Name"]): d.version for d in importlib.metadata.distributions()}
    wrong = {name: (installed.get(name), version) for name, version in pins.items() if installed.get(name) != version}
    assert not wrong, f"installed (found, locked) differ from the lock: {wrong}; run `make clean install`"
    extra = set(installed) - set(pins) - {"egovnb", "pip"}
    assert not extra, f"installed but not in the lock: {sorted(extra)}"


def test_environment_yml_is_written_from_the_lock():
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        from environment_from_lock import environment_yml
    finally:
        sys.path.remove(str(ROOT / "tools"))
    expected = environment_yml(LOCK.read_text(encoding="utf-8"))
    assert (ROOT / "environment.yml").read_text(encoding="utf-8") == expected, "run `make lock`"
