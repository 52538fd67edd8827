"""Small province-years written to a temporary folder, for tests of gaps, sensitivity and year on year.

Every file is illustrative test data made up for the test that builds it.
"""

from __future__ import annotations

from pathlib import Path

from egovnb.core.assessment import assess

FRAMEWORK = """\
tiers:
  so-nganh:
    label: Sở, ban, ngành
    rank_by: rate
    max_points: 100
    levels:
      - {name: I,   min: 0.90}
      - {name: II,  min: 0.85}
      - {name: III, min: 0.80}
      - {name: IV,  min: 0.70}
    below: Chưa đạt
  huyen:
    label: UBND cấp huyện
    rank_by: rate
    max_points: 100
    levels:
      - {name: I,   min: 0.90}
      - {name: II,  min: 0.80}
    below: Chưa đạt
  xa:
    label: UBND cấp xã
    rank_by: points
    max_points: 100
    levels:
      - {name: III, min: 80}
      - {name: IV,  min: 62}
    below: Không xếp hạng
"""


def write_year(folder: Path, year: int, rows: list[str], *, framework: str = FRAMEWORK,
               previous: str | None = None, crosswalk: str | None = None, extra: str = "") -> Path:
    """Write data, framework and params of one year; return the params path.

    ``rows`` are summary-grain CSV lines ``tier,unit,max,excluded,achieved``
    (or criterion-grain lines when the framework has criteria and the first
    row is a header).
    """
    folder.mkdir(parents=True, exist_ok=True)
    data = folder / f"units-{year}.csv"
    header = "" if rows and rows[0].startswith("tier,") else "tier,unit,max_points,excluded_points,achieved_points\n"
    data.write_text("# illustrative test data\n" + header + "\n".join(rows) + "\n", encoding="utf-8")
    (folder / f"framework-{year}.yaml").write_text(framework, encoding="utf-8")
    lines = [f"province: Sơn Hà", f"year: {year}", f"data: units-{year}.csv",
             f"framework: framework-{year}.yaml", "illustrative: true"]
    if previous:
        lines.append(f"previous: {previous}")
    if crosswalk:
        lines.append(f"crosswalk: {crosswalk}")
    params = folder / f"son-ha-{year}.yaml"
    params.write_text("\n".join(lines) + "\n" + extra, encoding="utf-8")
    return params


def year(folder: Path, year: int, rows: list[str], **kwargs):
    """The Assessment of a year written by :func:`write_year`."""
    return assess(write_year(folder, year, rows, **kwargs))


def generated(folder: Path, units: int = 250, criteria: int = 60, groups: int = 5, seed: int = 0):
    """A made-up criterion-grain year of ``units`` units (half departments, half communes)
    scored on ``criteria`` criteria of 2 points in ``groups`` groups, about 5 % not applicable;
    the size the sensitivity benchmark is timed on. Returns the Assessment."""
    import numpy as np

    rng = np.random.default_rng(seed)
    lines = ["tiers:",
             "  so-nganh: {label: 'Sở, ban, ngành', rank_by: rate, below: Chưa đạt, levels: "
             "[{name: I, min: 0.9}, {name: II, min: 0.85}, {name: III, min: 0.8}, {name: IV, min: 0.7}]}",
             f"  xa: {{label: UBND cấp xã, rank_by: points, below: Không xếp hạng, levels: "
             f"[{{name: III, min: {criteria * 1.6:g}}}, {{name: IV, min: {criteria * 1.24:g}}}]}}",
             "criteria:"]
    lines += [f"  - {{id: 'c{i}', group: 'Nhóm {i % groups + 1}', max_points: 2}}" for i in range(criteria)]
    skill = rng.uniform(0.55, 0.98, size=units)
    points = np.round(np.clip(rng.normal(skill[:, None] * 2, 0.4, size=(units, criteria)), 0, 2) * 4) / 4
    applies = rng.uniform(size=(units, criteria)) > 0.05
    rows = ["tier,unit,criterion,points"]
    for u in range(units):
        tier = "so-nganh" if u < units // 2 else "xa"
        for c in range(criteria):
            rows.append(f"{tier},Đơn vị {u + 1},c{c},{points[u, c]:g}" if applies[u, c] else
                        f"{tier},Đơn vị {u + 1},c{c},N/A")
    return year(folder, 2024, rows, framework="\n".join(lines) + "\n")


# Illustrative: two departments kept out of the ranking (Lâm Đồng 2015 kept the military command
# and the police out; Phú Thọ 2024 "không xếp hạng do tính chất đặc thù"), a commune under the
# 62-point floor, one kept out and one not evaluated. Columns: tier, unit, max, excluded,
# achieved, ranked, evaluated, note, district.
RANKED_OUT = [
    "tier,unit,max_points,excluded_points,achieved_points,ranked,evaluated,note,district",
    "so-nganh,Sở Tài chính,100,0,92,,,,",
    "so-nganh,Sở Nội vụ,100,0,86,có,,,",
    "so-nganh,Bộ Chỉ huy Quân sự tỉnh,100,0,99,Không,,Không xếp hạng do tính chất đặc thù,",
    "so-nganh,Công an tỉnh,100,10,60,NO,,Không xếp hạng do tính chất đặc thù,",
    "so-nganh,Sở Y tế,100,0,86,,,,",
    "xa,Xã Ia Ga,100,0,85,,,,Huyện Chư Prông",
    "xa,Xã Ia Vê,100,0,70,không,,Không cung cấp dịch vụ công,Huyện Chư Prông",
    "xa,Xã Tú An,100,0,50,,,,TX. An Khê",
    "xa,Xã Ia Phìn,100,0,,không,không,Huyện không đánh giá,Huyện Chư Prông",
    "xa,Xã Chư Don,100,0,64,,,,Huyện Chư Pưh",
]
RANKED_OUT_FLOOR = FRAMEWORK.replace("    below: Không xếp hạng\n", "    below: Không xếp hạng\n    rank_below: false\n")
