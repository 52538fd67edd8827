"""The rules docs/contract.md states, held to the code: the commands it names are egovnb's,
the scores table's columns are core.columns', the files it points at exist, and the CI
template runs only commands that exist."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from egovnb.cli import build_parser
from egovnb.core.columns import SCORES

ROOT = Path(__file__).resolve().parents[2]
CONTRACT = ROOT / "docs" / "contract.md"


def text() -> str:
    return CONTRACT.read_text(encoding="utf-8")


def commands() -> set[str]:
    """The commands `egovnb --help` lists."""
    parser = build_parser()
    return {name for action in parser._subparsers._group_actions for name in action.choices}


def named(document: str) -> set[str]:
    return set(re.findall(r"`egovnb ([a-z][a-z-]*)", document))


def test_every_command_the_contract_names_is_egovnbs_and_every_command_is_there():
    assert named(text()) == commands()


def test_every_command_the_docs_and_readme_name_exists():
    documents = [p.read_text(encoding="utf-8") for p in (ROOT / "docs").rglob("*.md")]
    documents += [(ROOT / "README.md").read_text(encoding="utf-8"),
                  (ROOT / "docs" / "ci" / "province-ci.yml").read_text(encoding="utf-8")]
    missing = set().union(*(named(d) for d in documents)) - commands()
    assert not missing, f"named in the docs, not in `egovnb --help`: {sorted(missing)}"


def test_the_scores_table_of_the_contract_is_core_schema_s():
    section = text().split("<!-- scores-columns")[1].split("\n\n")[0]
    columns = re.findall(r"^\| `([a-z_]+)` \|", section, flags=re.MULTILINE)
    assert tuple(columns) == tuple(column.name for column in SCORES)


def test_the_files_the_contract_points_at_exist():
    for link in re.findall(r"\]\(([^)#]+)\)", text()):
        if "://" not in link:
            assert (CONTRACT.parent / link).exists(), link
    for path in ("egovnb/core/keys.py", "egovnb/core/schemas/params.schema.json",
                 "egovnb/core/schemas/framework.schema.json", ".pre-commit-hooks.yaml"):
        assert path.split("/")[-1] in text() and (ROOT / path).exists(), path


def test_the_readme_links_the_contract_and_the_keys():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "(docs/contract.md)" in readme and "(docs/keys.md)" in readme


def test_the_ci_template_validates_reconciles_and_reruns_the_notebooks_with_nbval():
    workflow = yaml.safe_load((ROOT / "docs" / "ci" / "province-ci.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["check"]["steps"]
    runs = "\n".join(step.get("run", "") for step in steps)
    assert "egovnb validate params/" in runs and "egovnb reconcile" in runs and "--nbval" in runs
    assert "nbval-sanitize.cfg" in runs
    from egovnb.publish.notebooks import NOTEBOOKS

    assert (NOTEBOOKS / "nbval-sanitize.cfg").is_file()


def test_the_readme_layout_names_every_module_in_its_subpackage_s_row():
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("### Where things live")[1].split("\n## ")[0]
    rows = {}
    for line in section.splitlines():
        cells = line.split(" | ")
        if line.startswith("| `egovnb/") and len(cells) >= 2:
            for folder in re.findall(r"`egovnb/([a-z_]+)(?:/|\.py)`", cells[0]):
                rows[folder] = set(re.findall(r"`([a-z_]+)`", cells[1])) | {"cli"}
    package = ROOT / "egovnb"
    unnamed = [str(p.relative_to(ROOT)) for p in sorted(package.rglob("*.py"))
               if p.name not in ("__init__.py", "__main__.py") and p.parent != package
               and p.stem not in rows.get(p.parent.name, set())]
    assert set(rows) >= {"core", "insight", "report", "publish", "batch", "demo", "cli"}
    assert not unnamed, f"not named in README's 'Where things live': {unnamed}"
