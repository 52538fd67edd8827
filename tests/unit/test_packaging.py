"""The conda environment for analysts must install what pyproject.toml declares."""

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def names(requirements):
    return {re.split(r"[<>=!~ ;\[]", r, maxsplit=1)[0].lower() for r in requirements}


def test_environment_yml_covers_pyproject_dependencies():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = names(project["dependencies"]) | names(project["optional-dependencies"]["test"])
    conda = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))["dependencies"]
    have = names(d for d in conda if isinstance(d, str))
    assert wanted - have == set()
