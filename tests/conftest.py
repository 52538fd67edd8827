"""Shared helpers: write small params, framework and data files into a temporary folder."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]

RATE_TIER = {
    "label": "Sở, ban, ngành",
    "rank_by": "rate",
    "levels": [{"name": "I", "min": 0.90}, {"name": "II", "min": 0.85},
               {"name": "III", "min": 0.80}, {"name": "IV", "min": 0.70}],
    "below": "Chưa đạt",
}
POINTS_TIER = {
    "label": "UBND cấp xã",
    "rank_by": "points",
    "levels": [{"name": "III", "min": 70}, {"name": "IV", "min": 62}],
    "below": "Không xếp hạng",
}


class Project:
    """A throwaway province-year: params, framework and data files in tmp_path."""

    def __init__(self, root: Path):
        self.root = root

    def write(self, name: str, text: str, encoding: str = "utf-8") -> Path:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding=encoding)
        return path

    def params(self, data: str, framework: dict | str | None = None, name: str = "p.yaml", **extra) -> Path:
        framework = framework if framework is not None else {"tiers": {"so-nganh": RATE_TIER}}
        if isinstance(framework, dict):
            self.write("framework.yaml", yaml.safe_dump(framework, allow_unicode=True, sort_keys=False))
            framework = "framework.yaml"
        mapping = {"province": "Tỉnh Thử", "year": 2024, "data": data, "framework": framework, **extra}
        return self.write(name, yaml.safe_dump(mapping, allow_unicode=True, sort_keys=False))


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return Project(tmp_path)
