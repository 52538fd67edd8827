"""Writes the samples built around published figures, and one illustrative DTI sample.

- ``data/gia-lai/2022/units.csv``: Gia Lai 2022 (Quyết định 318/QĐ-UBND ngày 14/6/2023), summary
  grain with two components (readiness, results) for departments and districts, and communes;
- ``data/gia-lai/2019/units.csv``: Gia Lai 2019, the first year, the same layout;
- ``data/hung-yen/2019/groups.csv``: Hưng Yên 2019, group grain, wide form (one column a group);
- ``data/van-son/2024/groups.csv``: a unit-level digital transformation index (DTI) of the
  fictional province Vân Sơn, group grain, long form.

Only the figures listed in the domain notes (``domain.md``, beside ``SPEC.md``) are published
(counts per level, a few totals and group points, the names of the seven communes not assessed
in 2022). Everything else — the other units' points, every component and group split not listed
there, the point thresholds — is made up, seeded, so that the published figures follow under the
rules of SPEC.md; each CSV says which is which in its ``#`` header. Each made-up split is checked
against its target level as it is drawn; ``tools/check_published_samples.py`` then checks the
written files independently against every published fact. Rerun with
``python tools/make_published_samples.py`` from the project root; the output is the same bytes.
"""

from __future__ import annotations

import csv
import io
import random
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCALE = 1000  # points are handled as whole thousandths, so sums are exact

# --------------------------------------------------------------------------- helpers


def milli(text: str) -> int:
    """'118,348' or '118.348' → 118348 thousandths."""
    whole, _, frac = text.replace(",", ".").partition(".")
    return int(whole) * SCALE + int((frac + "000")[:3])


def show(value: int, comma: bool = True) -> str:
    """Thousandths as the annexes print points: '118,348', '39,5', '40' (decimal comma by default)."""
    assert value >= 0, value
    whole, frac = divmod(value, SCALE)
    digits = f"{frac:03d}".rstrip("0")
    return f"{whole}" + (("," if comma else ".") + digits if digits else "")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def write_csv(relative: str, notes: list[str], header: list[str], rows: list[list[str]]) -> None:
    buffer = io.StringIO()
    for line in notes:
        buffer.write(nfc("# " + line if line else "#") + "\n")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([nfc(str(cell)) for cell in row])
    path = ROOT / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue().encode("utf-8"))
    print(f"wrote {relative} ({len(rows)} rows)")


def unique(names: list[str]) -> None:
    folded = [nfc(n).casefold() for n in names]
    duplicates = {n for n in folded if folded.count(n) > 1}
    assert not duplicates, duplicates


# --------------------------------------------------------------------------- components and levels

LEVELS = ("I", "II", "III", "IV")


class Component:
    """A component's maximum and its point thresholds (thousandths), highest level first."""

    def __init__(self, key: str, maximum: str, mins: tuple[str, str, str, str]):
        self.key = key
        self.max = milli(maximum)
        self.mins = dict(zip(LEVELS, (milli(m) for m in mins)))

    def level(self, value: int) -> str | None:
        return next((name for name in LEVELS if value >= self.mins[name]), None)

    def band(self, level: str | None) -> tuple[int, int]:
        """Inclusive range of values that give exactly ``level`` (None: under IV, from 40 % of it)."""
        if level is None:
            return (self.mins["IV"] * 4 // 10, self.mins["IV"] - 1)
        position = LEVELS.index(level)
        top = self.max if position == 0 else self.mins[LEVELS[position - 1]] - 1
        return (self.mins[level], top)

    def at_least(self, level: str) -> tuple[int, int]:
        return (self.mins[level], self.max)


def lowest(levels: list[str | None]) -> str | None:
    """The lowest of the components' levels; None (under a threshold) wins."""
    if any(level is None for level in levels):
        return None
    return max(levels, key=LEVELS.index)


def draw(rng: random.Random, low: int, high: int, step: int) -> int:
    """A value in [low, high] on a grid of ``step`` thousandths."""
    first = -(-low // step)
    last = high // step
    assert first <= last, (low, high, step)
    return rng.randint(first, last) * step


def split_unit(rng: random.Random, comps: list[Component], level: str | None, steps: list[int],
               total: int | None = None, total_range: tuple[int, int] | None = None,
               other_floor: float = 0.55) -> list[int]:
    """Component values giving the unit ``level`` under ``level_by: lowest``.

    One component (drawn) is in the band of ``level``; the others are at or above it (for a
    unit under the thresholds: anywhere from ``other_floor`` of their maximum). With ``total``
    the values add up to it exactly (the last component takes the rest); with ``total_range``
    the sum falls inside it.
    """
    for _ in range(200_000):
        binding = rng.randrange(len(comps))
        values = []
        for index, comp in enumerate(comps):
            if index == binding:
                low, high = comp.band(level)
            elif level is None:
                low, high = int(comp.max * other_floor), comp.max
            else:
                low, high = comp.at_least(level)
            values.append(draw(rng, low, high, steps[index]))
        if total is not None:
            values[-1] = total - sum(values[:-1])
            if not 0 <= values[-1] <= comps[-1].max:
                continue
        if total_range is not None and not total_range[0] <= sum(values) <= total_range[1]:
            continue
        if lowest([c.level(v) for c, v in zip(comps, values)]) != level:
            continue
        return values
    raise RuntimeError(f"no split for level {level} total {total} range {total_range}")


# --------------------------------------------------------------------------- Gia Lai

# Illustrative thresholds (points; the published decision's own were not available): level I at
# 95 %, II at 85 %, III at 75 %, IV at 65 % of each component's maximum. The framework files
# params/frameworks/gia-lai-2022.yaml and gia-lai-2019.yaml hold the same numbers.
GL_DEPT = [Component("san-sang", "40", ("38", "34", "30", "26")),
           Component("ket-qua", "80", ("76", "68", "60", "52"))]
GL_DIST = [Component("san-sang", "60", ("57", "51", "45", "39")),
           Component("ket-qua", "100", ("95", "85", "75", "65"))]
GL_XA_2019 = [Component("san-sang", "40", ("38", "34", "30", "26")),
              Component("ket-qua", "60", ("57", "51", "45", "39"))]
GL_XA_MAX = milli("100")  # 2022 communes: one total out of 100; III from 80, IV from 62
GL_XA_III, GL_XA_IV = milli("80"), milli("62")

GL_DEPARTMENTS = [
    "Văn phòng UBND tỉnh", "Sở Nội vụ", "Sở Tư pháp", "Sở Kế hoạch và Đầu tư", "Sở Tài chính",
    "Sở Công Thương", "Sở Nông nghiệp và Phát triển nông thôn", "Sở Giao thông vận tải", "Sở Xây dựng",
    "Sở Tài nguyên và Môi trường", "Sở Thông tin và Truyền thông", "Sở Lao động - Thương binh và Xã hội",
    "Sở Văn hóa, Thể thao và Du lịch", "Sở Khoa học và Công nghệ", "Sở Giáo dục và Đào tạo", "Sở Y tế",
    "Thanh tra tỉnh", "Ban Dân tộc", "Sở Ngoại vụ", "Ban Quản lý Khu kinh tế tỉnh",
]

# District → its communes (wards: "P.", towns: "TT.", the rest communes). Written from general
# knowledge of Gia Lai's 2022 units; only the seven communes not assessed are published names
# with a published fact. A name used in two districts gets the district in brackets.
GL_COMMUNES = {
    "TP. Pleiku": ["P. Diên Hồng", "P. Ia Kring", "P. Hội Thương", "P. Hội Phú", "P. Phù Đổng",
                   "P. Hoa Lư", "P. Tây Sơn", "P. Thống Nhất", "P. Đống Đa", "P. Trà Bá", "P. Thắng Lợi",
                   "P. Yên Đỗ", "P. Chi Lăng", "P. Yên Thế", "Biển Hồ", "Tân Sơn", "Trà Đa", "Chư Á",
                   "An Phú", "Diên Phú", "Ia Kênh", "Gào"],
    "TX. An Khê": ["P. An Bình", "P. Tây Sơn", "P. An Phú", "P. An Phước", "P. An Tân", "P. Ngô Mây",
                   "Cửu An", "Song An", "Tú An", "Xuân An", "Thành An"],
    "TX. Ayun Pa": ["P. Cheo Reo", "P. Hòa Bình", "P. Đoàn Kết", "P. Sông Bờ", "Ia Rbol", "Ia Sao",
                    "Ia Rtô", "Chư Băh"],
    "Huyện KBang": ["TT. KBang", "Đak Rong", "Sơn Lang", "Krong", "Sơ Pai", "Lơ Ku", "Đak Smar",
                    "Nghĩa An", "Tơ Tung", "Kông Lơng Khơng", "Kông Pla", "Đông", "Đak HLơ", "Kon Pne"],
    "Huyện Đak Đoa": ["TT. Đak Đoa", "Hà Đông", "Đak Sơmei", "Đak Krong", "Hải Yang", "Kon Gang",
                      "Hà Bầu", "Nam Yang", "K'Dang", "H'Neng", "Tân Bình", "Glar", "A Dơk", "Trang",
                      "HNol", "Ia Pết", "Ia Băng"],
    "Huyện Chư Păh": ["TT. Phú Hòa", "TT. Ia Ly", "Hà Tây", "Ia Khươl", "Ia Phí", "Chư Đăng Ya",
                      "Ia Ka", "Ia Nhin", "Nghĩa Hòa", "Chư Jôr", "Nghĩa Hưng", "Ia Mơ Nông", "Ia Kreng",
                      "Đăk Tơ Ver"],
    "Huyện Ia Grai": ["TT. Ia Kha", "Ia Sao", "Ia Yok", "Ia Hrung", "Ia Bă", "Ia Khai", "Ia Tô",
                      "Ia Grăng", "Ia Dêr", "Ia Chia", "Ia Pếch", "Ia Krai", "Ia O"],
    "Huyện Mang Yang": ["TT. Kon Dơng", "Ayun", "Đak Jơ Ta", "Đak Ta Ley", "Hra", "Đăk Yă",
                        "Đăk Djrăng", "Lơ Pang", "Kon Thụp", "Đê Ar", "Kon Chiêng", "Đak Trôi"],
    "Huyện Kông Chro": ["TT. Kông Chro", "Chư Krêy", "An Trung", "Kông Yang", "Đăk Tơ Pang", "SRó",
                        "Đăk Kơ Ning", "Đăk Song", "Đăk Pling", "Yang Trung", "Ya Ma", "Chơ Long",
                        "Yang Nam", "Đăk Pơ Pho"],
    "Huyện Đức Cơ": ["TT. Chư Ty", "Ia Dơk", "Ia Krêl", "Ia Din", "Ia Kla", "Ia Dom", "Ia Lang",
                     "Ia Kriêng", "Ia Pnôn", "Ia Nan"],
    "Huyện Chư Prông": ["TT. Chư Prông", "Ia Kly", "Ia Drăng", "Ia Phìn", "Ia Ga", "Ia Vê",
                        "Thăng Hưng", "Ia Piơ", "Bàu Cạn", "Ia Bang", "Ia Tôr", "Ia Boòng", "Ia O",
                        "Ia Púch", "Ia Me", "Ia Mơ", "Ia Lâu", "Ia Pia", "Bình Giáo", "Ia Băng"],
    "Huyện Chư Sê": ["TT. Chư Sê", "Ia Tiêm", "Chư Pơng", "Bar Măih", "Bờ Ngoong", "Ia Glai", "Al Bá",
                     "Kông HTok", "AYun", "Ia HLốp", "Ia Blang", "Dun", "Ia Pal", "H Bông", "Ia Ko"],
    "Huyện Đak Pơ": ["TT. Đak Pơ", "Hà Tam", "An Thành", "Yang Bắc", "Cư An", "Tân An", "Phú An",
                     "Ya Hội"],
    "Huyện Ia Pa": ["Pờ Tó", "Chư Răng", "Ia KDăm", "Kim Tân", "Chư Mố", "Ia Tul", "Ia Ma Rơn",
                    "Ia Broăi", "Ia Trok"],
    "Huyện Krông Pa": ["TT. Phú Túc", "Ia RSai", "Ia RSươm", "Chư Gu", "Đất Bằng", "Ia Mláh",
                       "Chư Drăng", "Phú Cần", "Ia HDreh", "Ia RMok", "Chư Ngọc", "Uar", "Chư Rcăm",
                       "Krông Năng"],
    "Huyện Phú Thiện": ["TT. Phú Thiện", "Ayun Hạ", "Ia Ake", "Ia Sol", "Ia Piar", "Ia Peng",
                        "Chrôh Pơnan", "Ia Hiao", "Ia Yeng", "Chư A Thai"],
    "Huyện Chư Pưh": ["TT. Nhơn Hòa", "Ia Hrú", "Ia Rong", "Ia Dreng", "Ia Hla", "Chư Don", "Ia Phang",
                      "Ia Le", "Ia Blứ"],
}
GL_DISTRICTS = list(GL_COMMUNES)
# Published: these seven had no result, because their district did not assess them (2022).
GL_NOT_ASSESSED = {"Xã Tú An": "TX. An Khê", "Xã Ia Phìn": "Huyện Chư Prông", "Xã Ia Ga": "Huyện Chư Prông",
                   "Xã Ia Vê": "Huyện Chư Prông", "Xã Thăng Hưng": "Huyện Chư Prông",
                   "Xã Ia Piơ": "Huyện Chư Prông", "Xã Chư Don": "Huyện Chư Pưh"}


def gia_lai_communes() -> list[tuple[str, str]]:
    """(commune, district) for the 220 communes, names unique within the tier."""
    prefixes = {"P.": "Phường", "TT.": "Thị trấn"}
    seen: dict[str, int] = {}
    for names in GL_COMMUNES.values():
        for name in names:
            seen[name.casefold()] = seen.get(name.casefold(), 0) + 1
    units = []
    for district, names in GL_COMMUNES.items():
        short = district.split(". ", 1)[-1].removeprefix("Huyện ")
        for name in names:
            head, _, rest = name.partition(" ")
            full = f"{prefixes[head]} {rest}" if head in prefixes else f"Xã {name}"
            if seen[name.casefold()] > 1:
                full = f"{full} ({short})"
            units.append((full, district))
    assert len(units) == 220, len(units)
    unique([u for u, _ in units])
    for commune, district in GL_NOT_ASSESSED.items():
        assert (commune, district) in units, commune
    return units


GL_HEADER = ["tier", "unit", "component", "max_points", "excluded_points", "achieved_points",
             "evaluated", "district", "note"]


def component_rows(tier: str, unit: str, comps: list[Component], values: list[int]) -> list[list[str]]:
    return [[tier, unit, c.key, show(c.max), "0", show(v), "", "", ""] for c, v in zip(comps, values)]


def gia_lai_2022() -> None:
    rng = random.Random("gia-lai-2022")
    rows: list[list[str]] = []

    # Departments: published totals of four units; 16 at I, 2 at II, 2 at III.
    anchors = {"Sở Thông tin và Truyền thông": ("118,348", "I"), "Văn phòng UBND tỉnh": ("117,512", "I"),
               "Sở Ngoại vụ": ("117,355", "I"), "Sở Y tế": ("100,32", "III")}
    others = [d for d in GL_DEPARTMENTS if d not in anchors]
    rng.shuffle(others)
    targets = dict.fromkeys(others[:13], "I") | dict.fromkeys(others[13:15], "II") | {others[15]: "III"}
    steps = [250, 1]  # readiness in quarter points, results to the thousandth
    values: dict[str, list[int]] = {}
    for unit, (total, level) in anchors.items():
        values[unit] = split_unit(rng, GL_DEPT, level, steps, total=milli(total))
    totals = {milli(t) for t, _ in anchors.values()}
    for unit in others:
        while True:  # strictly between the last (100,32) and the third (117,355), no tie
            split = split_unit(rng, GL_DEPT, targets[unit], steps,
                               total_range=(milli("100,32") + 1, milli("117,355") - 1))
            if sum(split) not in totals:
                break
        totals.add(sum(split))
        values[unit] = split
    for unit in GL_DEPARTMENTS:
        rows += component_rows("so-nganh", unit, GL_DEPT, values[unit])

    # Districts: published totals of four units; 6 at II, 8 at III, 3 at IV, none at I.
    anchors = {"TP. Pleiku": ("154,603", "II"), "Huyện Đak Pơ": ("151,57", "II"),
               "Huyện Chư Pưh": ("151,35", "II"), "Huyện Đức Cơ": ("135,815", "IV")}
    others = [d for d in GL_DISTRICTS if d not in anchors]
    rng.shuffle(others)
    targets = dict.fromkeys(others[:3], "II") | dict.fromkeys(others[3:11], "III") | dict.fromkeys(others[11:], "IV")
    steps = [100, 1]
    values = {}
    # TP. Pleiku: results at level I, readiness at II — the component that holds it back.
    values["TP. Pleiku"] = [milli("56,1"), milli("98,503")]
    for unit, (total, level) in anchors.items():
        if unit not in values:
            values[unit] = split_unit(rng, GL_DIST, level, steps, total=milli(total))
    totals = {milli(t) for t, _ in anchors.values()}
    for unit in others:
        while True:
            split = split_unit(rng, GL_DIST, targets[unit], steps,
                               total_range=(milli("135,815") + 1, milli("151,35") - 1))
            if sum(split) not in totals:
                break
        totals.add(sum(split))
        values[unit] = split
    for unit in GL_DISTRICTS:
        rows += component_rows("huyen", unit, GL_DIST, values[unit])

    # Communes: 3 at III (80+), 13 at IV (62 to 80), 197 under 62, 7 not assessed = 220.
    communes = gia_lai_communes()
    assessed = [c for c in communes if c[0] not in GL_NOT_ASSESSED]
    order = assessed[:]
    rng.shuffle(order)
    # Wards and towns more often reach a level: draw the 16 ranked ones mostly among them.
    towns = [c for c in order if not c[0].startswith("Xã ")]
    villages = [c for c in order if c[0].startswith("Xã ")]
    ranked = towns[:11] + villages[:5]
    rng.shuffle(ranked)
    points: dict[str, int] = {}
    # distinct values on a 0,01 grid: III from 80 to 88, IV from 62 to 79,99
    for (commune, _), value in zip(ranked[:3], rng.sample(range(GL_XA_III // 10, milli("88") // 10), 3)):
        points[commune] = value * 10
    for (commune, _), value in zip(ranked[3:16], rng.sample(range(GL_XA_IV // 10 + 1, GL_XA_III // 10), 13)):
        points[commune] = value * 10
    # Edge cases on purpose: one commune exactly on the IV threshold, two tied at IV.
    points[ranked[15][0]] = GL_XA_IV
    points[ranked[14][0]] = points[ranked[13][0]]
    chosen = {c for c, _ in ranked}
    for commune, _ in assessed:
        if commune not in chosen:
            points[commune] = draw(rng, milli("24"), GL_XA_IV - 10, 10)
    for commune, district in communes:
        if commune in GL_NOT_ASSESSED:
            rows.append(["xa", commune, "", show(GL_XA_MAX), "", "", "no", district,
                         f"Không có kết quả: UBND {district.replace('Huyện', 'huyện').replace('TX.', 'thị xã')} "
                         "không tổ chức đánh giá"])
        else:
            rows.append(["xa", commune, "", show(GL_XA_MAX), "0", show(points[commune]), "", district, ""])

    notes = [
        "Gia Lai 2022 — Quyết định 318/QĐ-UBND ngày 14/6/2023: kết quả đánh giá, xếp hạng mức độ CQĐT năm 2022.",
        "Summary grain with components: one row a unit and component (san-sang = Điều kiện sẵn sàng,",
        "ket-qua = Kết quả CQĐT); communes (tier xa) have one row each and no component.",
        "",
        "PUBLISHED (and only these): the counts per level (departments 16 at I, 2 at II, 2 at III;",
        "districts 6 at II, 8 at III, 3 at IV; communes 3 at III, 13 at IV, the rest under 62 points",
        "and not ranked, 7 not assessed); the TOTALS of Sở Thông tin và Truyền thông 118,348, Văn phòng",
        "UBND tỉnh 117,512, Sở Ngoại vụ 117,355, Sở Y tế 100,32 (last), TP. Pleiku 154,603 (first, level II),",
        "Đak Pơ 151,57, Chư Pưh 151,35, Đức Cơ 135,815 (last, level IV); the 7 communes not assessed",
        "(Tú An of An Khê; Ia Phìn, Ia Ga, Ia Vê, Thăng Hưng, Ia Piơ of Chư Prông; Chư Don of Chư Pưh).",
        "",
        "ILLUSTRATIVE (made up by tools/make_published_samples.py, seeded, to fit the published facts):",
        "every other unit's points; the split of EVERY total into its two components (published units",
        "included); the component maxima (departments 40 + 80, districts 60 + 100, communes 100) and every",
        "point threshold except the communes' 62-point floor (params/frameworks/gia-lai-2022.yaml); which",
        "units hold which level; all commune points; excluded points (0 everywhere). Commune names other",
        "than the seven are written from general knowledge of Gia Lai's 2022 units and may not match the",
        "annex exactly; the annex itself (all 257 rows) was not available.",
    ]
    write_csv("data/gia-lai/2022/units.csv", notes, GL_HEADER, rows)


def gia_lai_2019() -> None:
    rng = random.Random("gia-lai-2019")
    rows: list[list[str]] = []

    # Departments: 2 at I, 8 at II, 5 at III, 2 at IV, 3 not ranked (a component under IV).
    order = GL_DEPARTMENTS[:]
    rng.shuffle(order)
    # which three are not ranked is made up; keep the two coordinating offices among the ranked
    for keep in ("Sở Thông tin và Truyền thông", "Văn phòng UBND tỉnh"):
        order.remove(keep)
        order.insert(0, keep)
    plan = ["I"] * 2 + ["II"] * 8 + ["III"] * 5 + ["IV"] * 2
    steps = [250, 10]
    values: dict[str, list[int]] = {}
    for unit, level in zip(order, plan):
        values[unit] = split_unit(rng, GL_DEPT, level, steps)
    floor = min(sum(v) for v in values.values())
    for unit in order[len(plan):]:
        # kept under every ranked unit's total, so the order does not hang on how ranks skip
        values[unit] = split_unit(rng, GL_DEPT, None, steps, total_range=(0, floor - 10))
    for unit in GL_DEPARTMENTS:
        rows += component_rows("so-nganh", unit, GL_DEPT, values[unit])

    # Districts: only TP. Pleiku ranked (level IV); the other 16 are not ranked.
    values = {"TP. Pleiku": split_unit(rng, GL_DIST, "IV", [100, 10])}
    top = sum(values["TP. Pleiku"])
    for unit in GL_DISTRICTS[1:]:
        values[unit] = split_unit(rng, GL_DIST, None, [100, 10], total_range=(0, top - 10), other_floor=0.45)
    for unit in GL_DISTRICTS:
        rows += component_rows("huyen", unit, GL_DIST, values[unit])

    # Communes: none ranked (every one has a component under level IV).
    for commune, district in gia_lai_communes():
        split = split_unit(rng, GL_XA_2019, None, [250, 10], other_floor=0.3)
        for comp, value in zip(GL_XA_2019, split):
            rows.append(["xa", commune, comp.key, show(comp.max), "0", show(value), "", district, ""])

    notes = [
        "Gia Lai 2019 — first year of the e-government (CQĐT) assessment; levels I–IV from two components,",
        "san-sang = Điều kiện sẵn sàng cho CQĐT and ket-qua = Kết quả CQĐT; one row a unit and component.",
        "",
        "PUBLISHED (and only these): the counts per level — departments 2 at I, 8 at II, 5 at III, 2 at IV,",
        "3 not ranked (20); districts: only TP. Pleiku ranked, at level IV, 16 of 17 not ranked; no commune",
        "ranked.",
        "",
        "ILLUSTRATIVE (made up by tools/make_published_samples.py, seeded, to fit those counts): EVERY point",
        "in this file, which department holds which level, the component maxima (departments 40 + 80,",
        "districts 60 + 100, communes 40 + 60) and every point threshold (params/frameworks/gia-lai-2019.yaml),",
        "the excluded points (0), and the commune list (the 2022 list of 220 is reused; the 2019 list was",
        "not available). The decision number is not recorded here.",
    ]
    write_csv("data/gia-lai/2019/units.csv", notes, GL_HEADER, rows)


# --------------------------------------------------------------------------- Hưng Yên 2019

# (id, title, max for departments, max for districts) — maxima illustrative; 500 and 150 in all.
HY_GROUPS = [
    ("1", "Hạ tầng kỹ thuật CNTT", 90, 25),
    ("2", "Nhân lực cho ứng dụng CNTT", 80, 20),
    ("3", "Ứng dụng CNTT trong hoạt động của cơ quan", 130, 40),
    ("4", "Cung cấp dịch vụ công trực tuyến", 100, 35),
    ("5", "Cơ chế chính sách và các quy định cho ứng dụng CNTT", 100, 30),
]
HY_DEPARTMENTS = [
    "Sở Tài chính", "Văn phòng UBND tỉnh", "Sở Kế hoạch và Đầu tư", "Sở Thông tin và Truyền thông",
    "Sở Nội vụ", "Sở Tư pháp", "Sở Công Thương", "Sở Nông nghiệp và Phát triển nông thôn",
    "Sở Giao thông vận tải", "Sở Xây dựng", "Sở Tài nguyên và Môi trường",
    "Sở Lao động - Thương binh và Xã hội", "Sở Văn hóa, Thể thao và Du lịch", "Sở Khoa học và Công nghệ",
    "Sở Giáo dục và Đào tạo", "Sở Y tế", "Thanh tra tỉnh", "Ban Quản lý các khu công nghiệp tỉnh",
]
HY_DISTRICTS = ["Huyện Văn Lâm", "Huyện Mỹ Hào", "Huyện Khoái Châu", "Huyện Văn Giang", "TP. Hưng Yên",
                "Huyện Yên Mỹ", "Huyện Tiên Lữ", "Huyện Kim Động", "Huyện Ân Thi", "Huyện Phù Cừ"]


def split_total(rng: random.Random, total: int, maxima: list[int], step: int,
                fixed: dict[int, int] | None = None) -> list[int]:
    """Group points adding up to ``total`` exactly, each within its maximum, on a grid of ``step``;
    ``fixed`` pins some groups (published figures)."""
    fixed = fixed or {}
    free = [i for i in range(len(maxima)) if i not in fixed]
    rest = total - sum(fixed.values())
    room = sum(maxima[i] for i in free)
    for _ in range(100_000):
        values = dict(fixed)
        free = free[:]
        rng.shuffle(free)  # the group that takes the rest is drawn too
        for i in free[:-1]:
            share = min(1.0, max(0.3, rng.gauss(rest / room, 0.06)))
            values[i] = min(maxima[i], round(maxima[i] * share / step) * step)
        last = free[-1]
        values[last] = rest - sum(values[i] for i in free[:-1])
        if 0 <= values[last] <= maxima[last] and values[last] % step == 0:
            return [values[i] for i in range(len(maxima))]
    raise RuntimeError("no split")


def hung_yen_2019() -> None:
    rng = random.Random("hung-yen-2019")
    dept_max = [g[2] * SCALE for g in HY_GROUPS]
    dist_max = [g[3] * SCALE for g in HY_GROUPS]
    half = 500
    rows: list[list[str]] = []

    # Published: Sở Tài chính 413 (infrastructure 50, online services 77, policies 90);
    # Sở Thông tin và Truyền thông 410,5, 4th (IT in operations 90, online services 60).
    published = {
        "Sở Tài chính": split_total(rng, milli("413"), dept_max, half,
                                    {0: milli("50"), 3: milli("77"), 4: milli("90")}),
        "Sở Thông tin và Truyền thông": split_total(rng, milli("410,5"), dept_max, half,
                                                    {2: milli("90"), 3: milli("60")}),
    }
    totals = {"Sở Tài chính": milli("413"), "Sở Thông tin và Truyền thông": milli("410,5"),
              "Văn phòng UBND tỉnh": milli("412"), "Sở Kế hoạch và Đầu tư": milli("411,5")}
    others = [d for d in HY_DEPARTMENTS if d not in totals]
    drawn = sorted(rng.sample(range(milli("300") // half, milli("409") // half), len(others)), reverse=True)
    totals |= {unit: value * half for unit, value in zip(others, drawn)}
    dept_rows = []
    for unit in HY_DEPARTMENTS:
        values = published.get(unit) or split_total(rng, totals[unit], dept_max, half)
        dept_rows.append((unit, values))
    for unit, values in dept_rows:
        rows.append(["so-nganh", unit] + [show(v, comma=rng.random() < 0.6) for v in values])

    # Districts out of 150 in the published order; Văn Lâm 119,34 published, the rest illustrative.
    steps = sorted(rng.sample(range(milli("88") // 10, milli("118,9") // 10), len(HY_DISTRICTS) - 1),
                   reverse=True)
    dist_totals = [milli("119,34")] + [s * 10 for s in steps]
    for unit, total in zip(HY_DISTRICTS, dist_totals):
        values = split_total(rng, total, dist_max, 10)
        rows.append(["huyen", unit] + [show(v, comma=rng.random() < 0.6) for v in values])

    notes = [
        "Hưng Yên 2019 — kết quả đánh giá, xếp hạng năm 2019 (ranks and points by criteria group, no levels).",
        "Group grain, WIDE form: one row a unit, one column a criteria group (headed by its title).",
        "Numbers use a decimal point or a decimal comma (quoted), as the reader accepts both.",
        "",
        "PUBLISHED (and only these): departments out of 500 — Sở Tài chính first with 413 (Hạ tầng kỹ thuật",
        "CNTT 50, Cung cấp dịch vụ công trực tuyến 77, Cơ chế chính sách 90); Sở Thông tin và Truyền thông",
        "4th with 410,5 (Ứng dụng CNTT trong hoạt động của cơ quan 90, dịch vụ công trực tuyến 60).",
        "Districts out of 150 — Văn Lâm first with 119,34, then in this order: Mỹ Hào, Khoái Châu, Văn Giang,",
        "TP. Hưng Yên, Yên Mỹ, Tiên Lữ, Kim Động, Ân Thi, Phù Cừ.",
        "",
        "ILLUSTRATIVE (made up by tools/make_published_samples.py, seeded, to fit the published facts): the",
        "group maxima (departments 90/80/130/100/100, districts 25/20/40/35/30); the other groups of Sở Tài",
        "chính and Sở Thông tin và Truyền thông; every other department (which ones, and all their points);",
        "every district's points except Văn Lâm's total (the order is published, the totals are not).",
    ]
    header = ["tier", "unit"] + [g[1] for g in HY_GROUPS]
    write_csv("data/hung-yen/2019/groups.csv", notes, header, rows)


# --------------------------------------------------------------------------- Vân Sơn DTI 2024 (fictional)

# (id, title, weight, max departments, max districts); None = the group is not part of that tier.
VS_GROUPS = [
    ("nhan-thuc", "Nhận thức số", 100, 40, 40),
    ("the-che", "Thể chế số", 100, 40, 40),
    ("ha-tang", "Hạ tầng số", 100, 60, 80),
    ("nhan-luc", "Nhân lực số", 100, 40, 40),
    ("attt", "An toàn thông tin mạng", 100, 60, 60),
    ("do-thi", "Đô thị thông minh", 0, None, 40),
    ("cqs", "Chính quyền số", 200, 160, 200),
    ("kts", "Kinh tế số", 150, 50, 100),
    ("xhs", "Xã hội số", 150, 50, 100),
]
# Departments: (name, quality, groups that do not apply). Digital economy applies to the
# economic departments only, digital society to the social ones.
VS_DEPARTMENTS = [
    ("Văn phòng UBND tỉnh", 0.90, {"kts", "xhs"}),
    ("Sở Thông tin và Truyền thông", 0.93, set()),
    ("Sở Tài chính", 0.84, {"xhs"}),
    ("Sở Kế hoạch và Đầu tư", 0.80, {"xhs"}),
    ("Sở Công Thương", 0.74, {"xhs"}),
    ("Sở Nội vụ", 0.70, {"kts", "xhs"}),
    ("Sở Tư pháp", 0.66, {"kts", "xhs"}),
    ("Sở Xây dựng", 0.66, {"kts", "xhs"}),
    ("Sở Y tế", 0.62, {"kts"}),
    ("Sở Giáo dục và Đào tạo", 0.68, {"kts"}),
    ("Sở Lao động - Thương binh và Xã hội", 0.57, {"kts"}),
    ("Sở Nông nghiệp và Phát triển nông thôn", 0.52, set()),
    ("Sở Giao thông vận tải", 0.55, {"xhs"}),
    ("Sở Tài nguyên và Môi trường", 0.48, {"kts", "xhs"}),
    ("Thanh tra tỉnh", 0.40, {"kts", "xhs"}),
]
VS_TIE = ("Sở Tư pháp", "Sở Xây dựng")  # exactly the same points in every group: tied in the index
VS_DISTRICTS = [
    ("Thành phố Vân Sơn", 0.86), ("Thị xã Hà Lộc", 0.76), ("Huyện An Thạnh", 0.70),
    ("Huyện Đông Khê", 0.63), ("Huyện Yên Trì", 0.58), ("Huyện Ngọc Sơn", 0.50),
    ("Huyện Ea Rông", 0.42), ("Huyện Ưng Bình", None),
]
VS_NOT_EVALUATED = "Huyện Ưng Bình"


def van_son_2024() -> None:
    rng = random.Random("van-son-2024")
    rows: list[list[str]] = []

    def group_points(quality: float, maximum: int) -> int:
        share = min(1.0, max(0.15, rng.gauss(quality, 0.08)))
        return round(maximum * share * 4) / 4 * SCALE  # quarter points

    tied_points: dict[str, int] = {}
    for unit, quality, not_applicable in VS_DEPARTMENTS:
        for gid, _, _, maximum, _ in VS_GROUPS:
            if maximum is None:
                continue  # not a group of this tier: no row
            if gid in not_applicable:
                rows.append(["so-nganh-dti", unit, gid, "N/A", "", ""])
                continue
            if unit == VS_TIE[1]:
                value = tied_points[gid]
            else:
                value = int(group_points(quality, maximum))
                if unit == VS_TIE[0]:
                    tied_points[gid] = value
            rows.append(["so-nganh-dti", unit, gid, show(value, comma=rng.random() < 0.5), "", ""])
    for unit, quality in VS_DISTRICTS:
        for gid, _, _, _, maximum in VS_GROUPS:
            if quality is None:
                rows.append(["huyen-dti", unit, gid, "", "no",
                             "Chưa gửi hồ sơ tự đánh giá (minh họa)"])
                continue
            value = int(group_points(quality, maximum))
            rows.append(["huyen-dti", unit, gid, show(value, comma=rng.random() < 0.5), "", ""])

    notes = [
        "ILLUSTRATIVE DATA: Vân Sơn is a FICTIONAL province and every figure here is made up",
        "(tools/make_published_samples.py, seeded). Not a published result.",
        "A unit-level digital transformation index (DTI) modelled on the national DTI's pillars and",
        "weights: group grain, LONG form, one row a unit and group (group = the group's id in",
        "params/frameworks/van-son-2024.yaml); N/A or empty points = the group does not apply to that",
        "unit. Smart city (do-thi, weight 0: shown, not counted) is a district group only.",
        "On purpose: Sở Tư pháp and Sở Xây dựng have the same points in every group (a tie in the",
        "index); several departments have N/A groups; Huyện Ưng Bình was not evaluated.",
    ]
    write_csv("data/van-son/2024/groups.csv", notes, ["tier", "unit", "group", "points", "evaluated", "note"],
              rows)


if __name__ == "__main__":
    gia_lai_2022()
    gia_lai_2019()
    hung_yen_2019()
    van_son_2024()
