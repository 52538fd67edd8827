"""Writes the illustrative Sơn Hà sample (a fictional province) for 2023 and 2024.

The figures are made up, seeded, to exercise every rule: criterion-grain data with
criteria groups, not-applicable criteria, ties, a points-ranked commune tier with a
62-point floor (Không xếp hạng) and communes that were not evaluated. Rerun with
``python tools/make_son_ha_sample.py`` from the project root; the output is the same.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTE = ("# ILLUSTRATIVE DATA: Sơn Hà is a fictional province and every figure here is made up "
        "(tools/make_son_ha_sample.py, seeded). Not a published result.\n")

# (id, max points, tiers) — the framework file lists the same criteria with groups and titles.
CRITERIA = [
    ("1.1", 5, "so-nganh huyen xa"), ("1.2", 5, "so-nganh huyen xa"), ("1.3", 10, "so-nganh huyen xa"),
    ("2.1", 5, "so-nganh huyen xa"), ("2.2", 5, "so-nganh huyen xa"),
    ("3.1", 15, "so-nganh huyen xa"), ("3.2", 10, "so-nganh huyen xa"), ("3.3", 5, "so-nganh huyen"),
    ("3.4", 5, "huyen xa"), ("3.5", 10, "xa"),
    ("4.1", 15, "so-nganh huyen xa"), ("4.2", 5, "so-nganh huyen xa"), ("4.3", 5, "huyen xa"),
    ("5.1", 5, "so-nganh huyen xa"), ("5.2", 5, "so-nganh huyen"),
]
DEPARTMENTS = [
    "Sở Tài chính", "Sở Y tế", "Sở Nội vụ", "Sở Tư pháp", "Sở Xây dựng", "Sở Công Thương",
    "Sở Giáo dục và Đào tạo", "Sở Khoa học và Công nghệ", "Sở Ngoại vụ", "Sở Thông tin và Truyền thông",
    "Văn phòng UBND tỉnh", "Thanh tra tỉnh", "Ban Dân tộc", "Sở Văn hóa, Thể thao và Du lịch",
]
DISTRICTS = ["Thành phố Sơn Hà", "Thị xã Bình Lâm", "Huyện An Lão", "Huyện Ân Thạnh", "Huyện Đắk Ơ",
             "Huyện Ea Súp", "Huyện Ưng Hòa"]
COMMUNES = [
    "Phường 1", "Phường 2", "Phường 10", "Phường Đống Xuyên", "Phường Ân Phú", "Phường An Bình",
    "Thị trấn Bình Lâm", "Thị trấn Ea Súp", "Xã Ia Phìn", "Xã Ia Ga", "Xã Ia Vê", "Xã Ia Piơ",
    "Xã Thăng Hưng", "Xã Chư Don", "Xã Tú An", "Xã Ơn Lộc", "Xã Ôn Lương", "Xã Đắk Tơ Re",
    "Xã Dak Pơ", "Xã Ứng Thiên", "Xã Uy Nỗ", "Xã Hòa Bình", "Xã Hoà Lạc", "Xã Hiệp Hòa",
    "Xã Ăn Hoà", "Xã Âu Cơ", "Xã Yên Mỹ", "Xã Kim Động", "Xã Tiên Lữ", "Xã Phù Cừ",
]
NOT_EVALUATED = {2023: {"Xã Ia Vê", "Xã Tú An"}, 2024: {"Xã Ia Piơ", "Xã Chư Don", "Xã Tú An"}}


def unit_rows(rng: random.Random, tier: str, unit: str, quality: float, evaluated: bool, perfect: bool):
    for criterion, maximum, tiers in CRITERIA:
        if tier not in tiers.split():
            continue
        if not evaluated:
            yield [tier, unit, criterion, "", "không"]
            continue
        # Online payment (4.2) and the data network (1.2) do not apply to some units.
        if criterion in ("4.2", "1.2") and rng.random() < 0.2:
            yield [tier, unit, criterion, "N/A", ""]
            continue
        share = 1.0 if perfect else min(1.0, max(0.0, rng.gauss(quality, 0.12)))
        points = round(maximum * share * 4) / 4  # quarter points, as assessors score
        text = f"{points:g}".replace(".", ",") if rng.random() < 0.5 else f"{points:g}"
        yield [tier, unit, criterion, text, ""]


def write_year(year: int, shift: float) -> None:
    rng = random.Random(f"son-ha-{year}")
    quality_rng = random.Random("son-ha-units")
    folder = ROOT / "data" / "son-ha" / str(year)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "criteria.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write(NOTE)
        handle.write(f"# Sơn Hà {year}: one row a unit and criterion; empty or N/A = not applicable.\n")
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["tier", "unit", "criterion", "points", "evaluated"])
        for tier, units, base in (("so-nganh", DEPARTMENTS, 0.86), ("huyen", DISTRICTS, 0.78),
                                  ("xa", COMMUNES, 0.58)):
            for index, unit in enumerate(units):
                quality = base + quality_rng.uniform(-0.12, 0.12) + shift
                perfect = tier == "so-nganh" and index < 2  # two departments tie at 100 %
                evaluated = unit not in NOT_EVALUATED.get(year, set())
                writer.writerows(unit_rows(rng, tier, unit, quality, evaluated, perfect))
    print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    write_year(2023, 0.0)
    write_year(2024, 0.04)
