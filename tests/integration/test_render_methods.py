"""`egovnb run` renders the report of every new sample params file: components (Gia Lai),
ranks without levels (Hưng Yên), a weighted index with ratings (Vân Sơn)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from egovnb.cli import main

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]


def rendered(tmp_path: Path, name: str) -> str:
    assert main(["run", str(ROOT / "params" / f"{name}.yaml"), "--reports", str(tmp_path)]) == 0
    province, year = name.rsplit("-", 1)
    html = (tmp_path / province / year / f"{name}.html").read_text(encoding="utf-8")
    return re.sub(r"<[^>]+>", " ", html)  # the page's text


def test_gia_lai_2022_says_why_pleiku_is_first_at_level_two(tmp_path):
    text = rendered(tmp_path, "gia-lai-2022")
    assert "Dẫn đầu: TP. Pleiku (154,603; mức độ II vì Điều kiện sẵn sàng ở mức II)" in text
    assert "UBND cấp huyện: điểm, tỷ lệ và mức độ theo thành phần" in text  # the component table
    assert "197/220 đơn vị không xếp hạng" in text
    assert "Không có kết quả: UBND huyện Chư Prông không tổ chức đánh giá" in text  # the note of a unit not assessed


@pytest.mark.parametrize("name, expected", [
    ("gia-lai-2019", ["3/20 đơn vị không xếp hạng", "1/17 đơn vị ở mức độ IV"]),
    ("hung-yen-2019", ["chỉ xếp hạng, không xếp mức độ", "Dẫn đầu: Sở Tài chính (413)"]),
    ("van-son-2024", ["3/15 đơn vị xếp loại Tốt", "phần đóng góp của từng trụ cột vào chỉ số", "921,9"]),
])
def test_each_sample_renders(tmp_path, name, expected):
    text = rendered(tmp_path, name)
    for phrase in expected:
        assert phrase in text, phrase
