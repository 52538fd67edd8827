"""Writes the illustrative Sơn Hà 2025 year, across the 2025 reform (a fictional province).

From 1 July 2025 there is no district tier, and communes merge or are renamed;
in March 2025 departments merged. The made-up 2025 year shows each case so
that year-on-year can be checked unit by unit:

- three communes merged into one: Xã Ia Phìn + Xã Ia Ga + Xã Ia Vê → Xã Ia Grai;
- a renamed ward: Phường 10 → Phường Hòa Bắc;
- two departments merged: Sở Thông tin và Truyền thông into Sở Khoa học và Công nghệ;
- the district tier (UBND cấp huyện) dissolved: its seven units have no successor;
- a new unit with no predecessor: Đặc khu Hòn Mây.

Writes ``data/son-ha/2025/criteria.csv`` and ``data/crosswalks/son-ha-2025.csv``.
Rerun with ``python tools/make_son_ha_2025.py`` from the project root; the
output is the same. Reuses the 2023–2024 generator, so the units keep their
made-up quality across years.
"""

from __future__ import annotations

import csv
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_son_ha_sample import COMMUNES, DEPARTMENTS, DISTRICTS, NOTE, ROOT, unit_rows  # noqa: E402

YEAR = 2025
MERGED_COMMUNES = ("Xã Ia Phìn", "Xã Ia Ga", "Xã Ia Vê")
MERGED_COMMUNE = "Xã Ia Grai"
RENAMED_WARD = ("Phường 10", "Phường Hòa Bắc")
MERGED_DEPARTMENT = ("Sở Thông tin và Truyền thông", "Sở Khoa học và Công nghệ")
NEW_UNIT = "Đặc khu Hòn Mây"
NOT_EVALUATED = {"Xã Tú An"}
COMMUNES_REFORM = "2025-07-01"      # Nghị quyết 202/2025/QH15: no district tier from 1 July 2025
DEPARTMENTS_REFORM = "2025-03-01"


def units_2025() -> tuple[list[str], list[str]]:
    departments = [d for d in DEPARTMENTS if d != MERGED_DEPARTMENT[0]]
    communes = []
    for commune in COMMUNES:
        if commune in MERGED_COMMUNES:
            if MERGED_COMMUNE not in communes:
                communes.append(MERGED_COMMUNE)
        elif commune == RENAMED_WARD[0]:
            communes.append(RENAMED_WARD[1])
        else:
            communes.append(commune)
    return departments, communes + [NEW_UNIT]


def qualities() -> dict[str, float]:
    """Each unit's made-up quality as the 2023–2024 generator drew it (same seed, same order),
    so a unit's 2025 figures follow on from its earlier ones."""
    quality_rng = random.Random("son-ha-units")
    drawn = {}
    for units, base in ((DEPARTMENTS, 0.86), (DISTRICTS, 0.78), (COMMUNES, 0.58)):
        for unit in units:
            drawn[unit] = base + quality_rng.uniform(-0.12, 0.12)
    drawn[MERGED_COMMUNE] = sum(drawn[c] for c in MERGED_COMMUNES) / len(MERGED_COMMUNES)
    drawn[RENAMED_WARD[1]] = drawn[RENAMED_WARD[0]]
    drawn[NEW_UNIT] = 0.60
    return drawn


def write_data() -> Path:
    rng = random.Random(f"son-ha-{YEAR}")
    quality = qualities()
    path = ROOT / "data" / "son-ha" / str(YEAR) / "criteria.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    departments, communes = units_2025()
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write(NOTE.replace("make_son_ha_sample.py", "make_son_ha_2025.py"))
        handle.write(f"# Sơn Hà {YEAR}, after the reform: no district tier; communes merged and renamed "
                     f"(see data/crosswalks/son-ha-{YEAR}.csv).\n")
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["tier", "unit", "criterion", "points", "evaluated"])
        for tier, units in (("so-nganh", departments), ("xa", communes)):
            for index, unit in enumerate(units):
                # A year's progress (+6 points in 100) and a little luck.
                drift = 0.06 + rng.uniform(-0.04, 0.04)
                perfect = tier == "so-nganh" and index == 0
                writer.writerows(unit_rows(rng, tier, unit, quality[unit] + drift, unit not in NOT_EVALUATED,
                                           perfect))
    return path


def write_crosswalk() -> Path:
    path = ROOT / "data" / "crosswalks" / f"son-ha-{YEAR}.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = [("so-nganh", MERGED_DEPARTMENT[0], "so-nganh", MERGED_DEPARTMENT[1], DEPARTMENTS_REFORM,
             "hợp nhất sở (minh họa)"),
            ("so-nganh", MERGED_DEPARTMENT[1], "so-nganh", MERGED_DEPARTMENT[1], DEPARTMENTS_REFORM,
             "sở tiếp nhận giữ tên")]
    for commune in MERGED_COMMUNES:
        rows.append(("xa", commune, "xa", MERGED_COMMUNE, COMMUNES_REFORM, "hợp nhất ba xã (minh họa)"))
    rows.append(("xa", RENAMED_WARD[0], "xa", RENAMED_WARD[1], COMMUNES_REFORM, "đổi tên phường (minh họa)"))
    for district in DISTRICTS:
        rows.append(("huyen", district, "", "", COMMUNES_REFORM, "không tổ chức cấp huyện từ 01/7/2025"))
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write("# ILLUSTRATIVE: crosswalk of the fictional province Sơn Hà, 2024 → 2025 "
                     "(tools/make_son_ha_2025.py). Not a real administrative change.\n")
        handle.write("# One row an old unit: an empty new_unit means no successor (dissolved).\n")
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["old_tier", "old_unit", "new_tier", "new_unit", "effective_date", "note"])
        writer.writerows(rows)
    return path


if __name__ == "__main__":
    for written in (write_data(), write_crosswalk()):
        print(f"wrote {written.relative_to(ROOT)}")
