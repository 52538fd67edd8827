"""An illustrative national data set: many province-years of criterion-grain data, seeded.

Province names are real (the 34 provinces and cities after Nghị quyết
202/2025/QH15, the 63 before it); department names follow the real
organisation of a provincial People's Committee; district and commune names are
made from common Vietnamese place-name syllables. Every score is random. Every
file written says so: ``#`` lines at the top of each CSV, a YAML comment and
``illustrative: true`` with a ``note`` in each params file, and a README.

Sizes follow issue 5: 20–30 departments per province; 60–300 communes per
province, 3,321 in all over the 34 provinces from 2025 and about 10,000 over
the 63 before; district People's Committees only before 2025. Asking for fewer
provinces takes the first ones in Vietnamese alphabetical order, each with the
same size it has in the full set.

The layout written under ``OUT_DIR``::

    README.md
    params/<slug>-<year>.yaml              one params file per province-year
    params/frameworks/<slug>-<year>.yaml   its framework (tiers, levels, 21 criteria per tier)
    data/<slug>/<year>/units.csv           criterion grain: tier, unit, criterion, points, evaluated, note

so that ``egovnb batch OUT_DIR/params`` renders every province-year.
"""

from __future__ import annotations

import json
import re
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from egovnb.core.collation import sort_key
from egovnb.core.errors import EgovnbError
from egovnb.core.export import atomic_path
from egovnb.core.text import slugify

REFORM_YEAR = 2025  # Nghị quyết 202/2025/QH15: 34 provinces and no district tier from 1 July 2025
COMMUNES_AFTER = 3321  # communes, wards and special zones after the reform
COMMUNES_BEFORE = 10_000  # "about 10,000" before it
COMMUNES_RANGE = (60, 300)  # per province, per issue 5
DEPARTMENTS_RANGE = (20, 30)
FIRST_YEAR = 2018  # the national method (Quyết định 2392/QĐ-BTTTT) dates from the end of 2017
LAST_YEAR = 2100

# The 34 provinces and cities from 2025, with the provinces merged into each.
# Every new unit kept the name of one of the old ones (Huế was Thừa Thiên Huế).
AFTER_REFORM: dict[str, tuple[str, ...]] = {
    "An Giang": ("An Giang", "Kiên Giang"),
    "Bắc Ninh": ("Bắc Ninh", "Bắc Giang"),
    "Cà Mau": ("Cà Mau", "Bạc Liêu"),
    "Cao Bằng": ("Cao Bằng",),
    "Cần Thơ": ("Cần Thơ", "Sóc Trăng", "Hậu Giang"),
    "Đà Nẵng": ("Đà Nẵng", "Quảng Nam"),
    "Đắk Lắk": ("Đắk Lắk", "Phú Yên"),
    "Điện Biên": ("Điện Biên",),
    "Đồng Nai": ("Đồng Nai", "Bình Phước"),
    "Đồng Tháp": ("Đồng Tháp", "Tiền Giang"),
    "Gia Lai": ("Gia Lai", "Bình Định"),
    "Hà Nội": ("Hà Nội",),
    "Hà Tĩnh": ("Hà Tĩnh",),
    "Hải Phòng": ("Hải Phòng", "Hải Dương"),
    "TP. Hồ Chí Minh": ("TP. Hồ Chí Minh", "Bình Dương", "Bà Rịa - Vũng Tàu"),
    "Huế": ("Thừa Thiên Huế",),
    "Hưng Yên": ("Hưng Yên", "Thái Bình"),
    "Khánh Hòa": ("Khánh Hòa", "Ninh Thuận"),
    "Lai Châu": ("Lai Châu",),
    "Lâm Đồng": ("Lâm Đồng", "Đắk Nông", "Bình Thuận"),
    "Lạng Sơn": ("Lạng Sơn",),
    "Lào Cai": ("Lào Cai", "Yên Bái"),
    "Nghệ An": ("Nghệ An",),
    "Ninh Bình": ("Ninh Bình", "Hà Nam", "Nam Định"),
    "Phú Thọ": ("Phú Thọ", "Vĩnh Phúc", "Hòa Bình"),
    "Quảng Ngãi": ("Quảng Ngãi", "Kon Tum"),
    "Quảng Ninh": ("Quảng Ninh",),
    "Quảng Trị": ("Quảng Trị", "Quảng Bình"),
    "Sơn La": ("Sơn La",),
    "Tây Ninh": ("Tây Ninh", "Long An"),
    "Thái Nguyên": ("Thái Nguyên", "Bắc Kạn"),
    "Thanh Hóa": ("Thanh Hóa",),
    "Tuyên Quang": ("Tuyên Quang", "Hà Giang"),
    "Vĩnh Long": ("Vĩnh Long", "Bến Tre", "Trà Vinh"),
}
CITIES = frozenset({"Hà Nội", "TP. Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế"})
# Special zones (đặc khu) among the 3,321 units from 2025 (Hoàng Sa has no local administration to assess).
SPECIAL_ZONES = {
    "Quảng Ninh": ("Vân Đồn", "Cô Tô"), "Hải Phòng": ("Cát Hải", "Bạch Long Vĩ"), "Quảng Trị": ("Cồn Cỏ",),
    "Quảng Ngãi": ("Lý Sơn",), "Khánh Hòa": ("Trường Sa",), "Lâm Đồng": ("Phú Quý",),
    "TP. Hồ Chí Minh": ("Côn Đảo",), "An Giang": ("Phú Quốc", "Kiên Hải", "Thổ Châu"),
}
HIGHLANDS = frozenset({"Gia Lai", "Đắk Lắk", "Đắk Nông", "Kon Tum", "Lâm Đồng"})
NUMBERED_WARDS = frozenset({"TP. Hồ Chí Minh", "Cần Thơ", "Vĩnh Long", "Cà Mau", "Bạc Liêu", "Trà Vinh",
                            "Sóc Trăng", "Tây Ninh", "Tiền Giang", "Lâm Đồng"})


def provinces_after() -> list[str]:
    """The 34 provinces and cities from 2025, in Vietnamese alphabetical order."""
    return sorted(AFTER_REFORM, key=sort_key)


def provinces_before() -> list[str]:
    """The 63 provinces and cities before 2025: first the 34 whose name lived on (in the
    order of :func:`provinces_after`), then the 29 merged away, alphabetically."""
    kept = [AFTER_REFORM[name][0] for name in provinces_after()]
    merged = sorted((old for olds in AFTER_REFORM.values() for old in olds[1:]), key=sort_key)
    return kept + merged


# --- Departments (sở, ban, ngành) ----------------------------------------------------------------
# (name, has administrative procedures, keeps a sector database). {tinh} is "tỉnh" or "thành phố";
# {name} the province's name. Units without administrative procedures have the online public
# service criteria (group 4) not applicable, as published annexes exclude them.
_DEPARTMENTS_BEFORE_CORE = (
    ("Văn phòng UBND {tinh}", True, False), ("Sở Nội vụ", True, True), ("Sở Tư pháp", True, True),
    ("Sở Kế hoạch và Đầu tư", True, True), ("Sở Tài chính", True, True), ("Sở Công Thương", True, True),
    ("Sở Nông nghiệp và Phát triển nông thôn", True, True), ("Sở Giao thông vận tải", True, True),
    ("Sở Xây dựng", True, True), ("Sở Tài nguyên và Môi trường", True, True),
    ("Sở Thông tin và Truyền thông", True, True), ("Sở Lao động - Thương binh và Xã hội", True, True),
    ("Sở Văn hóa, Thể thao và Du lịch", True, True), ("Sở Khoa học và Công nghệ", True, True),
    ("Sở Giáo dục và Đào tạo", True, True), ("Sở Y tế", True, True), ("Thanh tra {tinh}", False, False),
)
_DEPARTMENTS_BEFORE_OTHER = (
    ("Sở Ngoại vụ", True, False), ("Ban Dân tộc", False, True),
    ("Ban Quản lý các khu công nghiệp", True, False), ("Ban Quản lý Khu kinh tế", True, False),
    ("Văn phòng Đoàn ĐBQH và HĐND {tinh}", False, False), ("Đài Phát thanh và Truyền hình {name}", False, False),
    ("Bảo hiểm xã hội {tinh}", True, True), ("Cục Thuế {tinh}", True, True), ("Kho bạc Nhà nước {tinh}", True, True),
    ("Công an {tinh}", True, True), ("Quỹ Đầu tư phát triển {tinh}", False, False),
    ("Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng và công nghiệp", False, False),
    ("Ban Quản lý dự án đầu tư xây dựng các công trình giao thông", False, False),
    ("Ban Quản lý dự án đầu tư xây dựng các công trình nông nghiệp và phát triển nông thôn", False, False),
    ("Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch", False, False),
    ("Liên minh Hợp tác xã {tinh}", False, False),
)
# From 1 March 2025 departments were merged (Sở Tài chính took in Kế hoạch và Đầu tư, Sở Khoa học và
# Công nghệ took in Thông tin và Truyền thông, and so on).
_DEPARTMENTS_AFTER_CORE = (
    ("Văn phòng UBND {tinh}", True, False), ("Sở Nội vụ", True, True), ("Sở Tư pháp", True, True),
    ("Sở Tài chính", True, True), ("Sở Công Thương", True, True), ("Sở Nông nghiệp và Môi trường", True, True),
    ("Sở Xây dựng", True, True), ("Sở Khoa học và Công nghệ", True, True),
    ("Sở Văn hóa, Thể thao và Du lịch", True, True), ("Sở Giáo dục và Đào tạo", True, True),
    ("Sở Y tế", True, True), ("Thanh tra {tinh}", False, False),
)
_DEPARTMENTS_AFTER_OTHER = (
    ("Sở Dân tộc và Tôn giáo", True, True), ("Sở Ngoại vụ", True, False),
    ("Ban Quản lý các khu công nghiệp", True, False), ("Ban Quản lý Khu kinh tế", True, False),
    ("Văn phòng Đoàn ĐBQH và HĐND {tinh}", False, False), ("Báo và Phát thanh, Truyền hình {name}", False, False),
    ("Bảo hiểm xã hội {tinh}", True, True), ("Thuế {tinh}", True, True), ("Công an {tinh}", True, True),
    ("Trung tâm Phục vụ hành chính công {tinh}", True, False), ("Quỹ Đầu tư phát triển {tinh}", False, False),
    ("Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng và công nghiệp", False, False),
    ("Ban Quản lý dự án đầu tư xây dựng các công trình giao thông", False, False),
    ("Ban Quản lý dự án đầu tư xây dựng các công trình nông nghiệp và phát triển nông thôn", False, False),
    ("Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch", False, False),
    ("Liên minh Hợp tác xã {tinh}", False, False),
)

# --- Place names ------------------------------------------------------------------------------
_SYLLABLES = tuple("""An Bình Hòa Phú Tân Thạnh Long Phước Hưng Thịnh Đông Tây Nam Bắc Trung Quang Minh Đức
Thuận Lộc Khánh Hải Sơn Thủy Lâm Nghĩa Tiến Thắng Lợi Hiệp Hội Mỹ Vĩnh Xuân Thanh Thái Hồng Kim Ngọc Cẩm
Đại Quảng Tường Vinh Yên Châu Gia Hà Hương Lạc Nhân Phong Quý Tam Thượng Hạ Trường Văn Việt Đồng Điền Cát
Hoàng Liên Thọ Phúc Định Tịnh Ân Ninh Kỳ Diên Cường Bảo Chánh Hữu Lương Đạo""".split())
_HIGHLAND_PREFIXES = ("Ia", "Ea", "Đăk", "Chư", "Krông", "Kon", "Đạ")
_HIGHLAND_SYLLABLES = tuple("""Grai Pnôn Blang Kriêng Hrú Dom Mơ Rong Sao Tơ Hla Pếch Ka Bông Drăng Lây Nhin
Kdang Yang Mlang Rơ Pơ Hdreh Băng Sươr Tôr Phìn Vê Piơ Don Drông Kly""".split())


# --- The framework ----------------------------------------------------------------------------
@dataclass(frozen=True)
class DemoCriterion:
    """A criterion of the illustrative framework: points (max) and the tiers it applies to."""

    id: str
    group: str
    title: str
    max_points: float
    tiers: tuple[str, ...]


_G1 = "Hạ tầng kỹ thuật công nghệ thông tin"
_G2 = "Nhân lực cho ứng dụng công nghệ thông tin"
_G3 = "Ứng dụng công nghệ thông tin trong hoạt động của cơ quan"
_G4 = "Cung cấp dịch vụ công trực tuyến"
_G5 = "Cơ chế chính sách và các quy định cho ứng dụng công nghệ thông tin"
_ALL, _SH, _HX = ("so-nganh", "huyen", "xa"), ("so-nganh", "huyen"), ("huyen", "xa")
# 21 criteria per tier, 100 points per tier (the test checks both).
CRITERIA = (
    DemoCriterion("1.1", _G1, "Tỷ lệ cán bộ, công chức được trang bị máy tính", 4, _ALL),
    DemoCriterion("1.2", _G1, "Kết nối mạng truyền số liệu chuyên dùng", 4, _ALL),
    DemoCriterion("1.3", _G1, "Đường truyền Internet và mạng nội bộ", 3, _ALL),
    DemoCriterion("1.4", _G1, "Phòng họp trực tuyến kết nối với tỉnh", 4, _SH),
    DemoCriterion("1.5", _G1, "Trang thiết bị tại Bộ phận tiếp nhận và trả kết quả", 4, ("xa",)),
    DemoCriterion("2.1", _G2, "Cán bộ phụ trách công nghệ thông tin", 4, _ALL),
    DemoCriterion("2.2", _G2, "Tỷ lệ cán bộ, công chức được bồi dưỡng kỹ năng số", 4, _ALL),
    DemoCriterion("2.3", _G2, "Tỷ lệ cán bộ, công chức sử dụng thư điện tử công vụ", 4, _ALL),
    DemoCriterion("3.1", _G3, "Sử dụng Hệ thống quản lý văn bản và điều hành", 8, _ALL),
    DemoCriterion("3.2", _G3, "Tỷ lệ văn bản đi được ký số và gửi điện tử", 8, _ALL),
    DemoCriterion("3.3", _G3, "Báo cáo qua Hệ thống thông tin báo cáo của tỉnh", 5, _ALL),
    DemoCriterion("3.4", _G3, "Cổng, trang thông tin điện tử của cơ quan", 6, _SH),
    DemoCriterion("3.5", _G3, "Cơ sở dữ liệu chuyên ngành được cập nhật", 6, ("so-nganh",)),
    DemoCriterion("3.6", _G3, "Hội nghị, cuộc họp trực tuyến đến cấp xã", 6, ("huyen",)),
    DemoCriterion("3.7", _G3, "Trang thông tin điện tử cấp xã", 6, ("xa",)),
    DemoCriterion("3.8", _G3, "Ứng dụng nền tảng số trong quản lý, điều hành cấp xã", 6, ("xa",)),
    DemoCriterion("4.1", _G4, "Tỷ lệ thủ tục hành chính cung cấp dịch vụ công trực tuyến toàn trình", 7, _ALL),
    DemoCriterion("4.2", _G4, "Tỷ lệ hồ sơ nộp trực tuyến", 7, _ALL),
    DemoCriterion("4.3", _G4, "Tỷ lệ hồ sơ giải quyết đúng hạn", 4, _ALL),
    DemoCriterion("4.4", _G4, "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính", 4, _ALL),
    DemoCriterion("4.5", _G4, "Thanh toán trực tuyến phí, lệ phí", 4, _ALL),
    DemoCriterion("5.1", _G5, "Kế hoạch ứng dụng công nghệ thông tin, chuyển đổi số hằng năm", 4, _ALL),
    DemoCriterion("5.2", _G5, "Quy chế bảo đảm an toàn thông tin mạng", 4, _ALL),
    DemoCriterion("5.3", _G5, "Kinh phí chi cho ứng dụng công nghệ thông tin", 3, _SH),
    DemoCriterion("5.4", _G5, "Kết quả thực hiện kế hoạch chuyển đổi số", 3, _HX),
    DemoCriterion("5.5", _G5, "Tổ công nghệ số cộng đồng", 3, ("xa",)),
    DemoCriterion("5.6", _G5, "Xác định cấp độ an toàn hệ thống thông tin", 3, ("so-nganh",)),
)
_PROCEDURE_CRITERIA = frozenset({"4.1", "4.2", "4.3", "4.4", "4.5"})

TIERS = {
    "so-nganh": {"label": "Sở, ban, ngành", "rank_by": "rate",
                 "levels": (("I", 0.90), ("II", 0.85), ("III", 0.80), ("IV", 0.70)), "below": "Chưa đạt"},
    "huyen": {"label": "UBND cấp huyện", "rank_by": "rate",
              "levels": (("I", 0.90), ("II", 0.85), ("III", 0.80), ("IV", 0.70)), "below": "Chưa đạt"},
    # Gia Lai's rule: communes under 62 points are not ranked.
    "xa": {"label": "UBND cấp xã", "rank_by": "points",
           "levels": (("I", 90), ("II", 80), ("III", 70), ("IV", 62)), "below": "Không xếp hạng"},
}
# Mean and spread of a unit's underlying rate (fraction) in the first year; units improve each year.
_ABILITY = {"so-nganh": (0.87, 0.05), "huyen": (0.80, 0.06), "xa": (0.66, 0.09)}
_YEARLY_GAIN = 0.015  # fraction of the maximum gained per year, on average
_BASE_YEAR = 2022


def tiers_of(year: int) -> tuple[str, ...]:
    """Tiers assessed in ``year``: no district tier from 2025."""
    return ("so-nganh", "xa") if year >= REFORM_YEAR else ("so-nganh", "huyen", "xa")


def criteria_of(tier: str) -> tuple[DemoCriterion, ...]:
    return tuple(c for c in CRITERIA if tier in c.tiers)


# --- Seeds ------------------------------------------------------------------------------------
def _rng(seed: int, *parts: object) -> np.random.Generator:
    """A generator for one purpose of one province (and year): stable across runs and
    independent of how many provinces were asked for."""
    words = [seed] + [zlib.crc32(str(part).encode("utf-8")) for part in parts]
    return np.random.default_rng(words)


def _split_total(rng: np.random.Generator, n: int, total: int, low: int, high: int) -> np.ndarray:
    """``n`` whole sizes in [low, high] that add up to ``total`` (skewed, as real provinces are)."""
    if not n * low <= total <= n * high:
        raise ValueError(f"cannot split {total} into {n} sizes between {low} and {high}")
    sizes = rng.lognormal(0.0, 0.45, n)
    sizes = sizes / sizes.sum() * total
    for _ in range(50):  # clip, then share out what clipping moved among the others
        clipped = np.clip(sizes, low, high)
        excess = total - clipped.sum()
        free = (clipped > low) if excess < 0 else (clipped < high)
        if abs(excess) < 1e-9 or not free.any():
            sizes = clipped
            break
        clipped[free] += excess * clipped[free] / clipped[free].sum()
        sizes = clipped
    whole = np.floor(sizes).astype(int)
    short = total - whole.sum()
    order = np.argsort(-(sizes - whole), kind="stable")
    whole[order[:short]] += 1
    return np.clip(whole, low, high)


def commune_counts(seed: int, after_reform: bool) -> dict[str, int]:
    """Communes of every province in the full set: 3,321 over 34 after the reform,
    10,000 over 63 before, each between 60 and 300."""
    names = provinces_after() if after_reform else provinces_before()
    total = COMMUNES_AFTER if after_reform else COMMUNES_BEFORE
    sizes = _split_total(_rng(seed, "communes", after_reform), len(names), total, *COMMUNES_RANGE)
    return dict(zip(names, (int(s) for s in sizes)))


# --- Units of one province in one era ---------------------------------------------------------
@dataclass(frozen=True)
class ProvinceUnits:
    """The units of a province in one era (before or after the reform).

    ``units`` has one row a unit: ``tier``, ``unit``, ``procedures`` (has
    administrative procedures), ``sector_db`` (keeps a sector database),
    ``district`` (the commune's district before 2025, else empty) and
    ``effect`` (the unit's lasting advantage, a fraction of its maximum).
    """

    province: str
    after_reform: bool
    units: pd.DataFrame


def _place_names(rng: np.random.Generator, n: int, highland: bool, taken: set[str]) -> list[str]:
    names: list[str] = []
    while len(names) < n:
        if highland and rng.random() < 0.3:
            name = f"{rng.choice(_HIGHLAND_PREFIXES)} {rng.choice(_HIGHLAND_SYLLABLES)}"
        else:
            first, second = rng.choice(_SYLLABLES, 2, replace=False)
            name = f"{first} {second}"
        if name not in taken:
            taken.add(name)
            names.append(name)
    return names


def province_units(province: str, after_reform: bool, seed: int, scale: float = 1.0) -> ProvinceUnits:
    """Departments, districts (before 2025) and communes of one province, seeded.

    ``scale`` multiplies the number of districts and communes (1.0 = the sizes of
    issue 5; tests use less); departments stay 20–30.
    """
    rng = _rng(seed, "units", province, after_reform)
    tinh = "thành phố" if province in CITIES else "tỉnh"
    core, other = ((_DEPARTMENTS_AFTER_CORE, _DEPARTMENTS_AFTER_OTHER) if after_reform
                   else (_DEPARTMENTS_BEFORE_CORE, _DEPARTMENTS_BEFORE_OTHER))
    wanted = int(rng.integers(DEPARTMENTS_RANGE[0], DEPARTMENTS_RANGE[1] + 1))
    extra = rng.choice(len(other), size=min(len(other), max(0, wanted - len(core))), replace=False)
    departments = list(core) + [other[i] for i in sorted(extra)]
    rows = [("so-nganh", name.format(tinh=tinh, name=province), procedures, sector_db, "")
            for name, procedures, sector_db in departments]

    communes = commune_counts(seed, after_reform)[province]
    communes = max(3, int(round(communes * scale)))
    highland = province in HIGHLANDS
    taken: set[str] = set()
    districts: list[str] = []
    if not after_reform:
        n_districts = int(np.clip(round(communes / 14 + rng.normal(0, 1.5)), 6 if scale >= 1 else 2, 30))
        names = _place_names(rng, n_districts, highland, taken)
        urban = province in ("Hà Nội", "TP. Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ")
        for index, name in enumerate(names):
            if urban:
                kind = "Quận" if index < max(1, round(0.4 * n_districts)) else "Huyện"
            else:
                kind = "Thành phố" if index == 0 else ("Thị xã" if index == 1 and n_districts > 8 else "Huyện")
            districts.append(f"{kind} {name}")
        rows += [("huyen", name, True, False, "") for name in districts]

    zones = list(SPECIAL_ZONES.get(province, ())) if after_reform and scale >= 1 else []
    n_places = communes - len(zones)
    ward_share, town_share = (0.21, 0.0) if after_reform else (0.13, 0.06)
    kinds = rng.choice(["Xã", "Phường", "Thị trấn"], size=n_places,
                       p=[1 - ward_share - town_share, ward_share, town_share])
    places = _place_names(rng, n_places, highland, taken)
    numbered = 0
    if not after_reform and province in NUMBERED_WARDS:
        numbered = min(12, int((kinds == "Phường").sum()) // 2)
    commune_names = []
    for kind, place in zip(kinds, places):
        if kind == "Phường" and numbered:
            commune_names.append(f"Phường {numbered}")  # southern cities number their wards
            numbered -= 1
        else:
            commune_names.append(f"{kind} {place}")
    commune_names += [f"Đặc khu {zone}" for zone in zones]
    homes = [_district_of(rng, name, districts) for name in commune_names]
    rows += [("xa", name, True, False, home) for name, home in zip(commune_names, homes)]

    units = pd.DataFrame(rows, columns=["tier", "unit", "procedures", "sector_db", "district"])
    spread = units["tier"].map({k: v[1] for k, v in _ABILITY.items()}).to_numpy()
    units["effect"] = rng.normal(0.0, 1.0, len(units)) * spread
    return ProvinceUnits(province=province, after_reform=after_reform, units=units)


def _district_of(rng: np.random.Generator, commune: str, districts: list[str]) -> str:
    """A district for a commune before 2025: wards belong to cities, towns and urban
    districts, townships (thị trấn) and communes to rural districts where there are any."""
    if not districts:
        return ""
    urban = [d for d in districts if not d.startswith("Huyện ")]
    rural = [d for d in districts if d.startswith("Huyện ")]
    pool = (urban if commune.startswith("Phường ") else rural) or districts
    return pool[int(rng.integers(len(pool)))]


# --- Points of one province-year --------------------------------------------------------------
def criterion_points(units: ProvinceUnits, year: int, seed: int) -> pd.DataFrame:
    """Criterion-grain data of one province-year: one row a unit and criterion.

    Columns ``tier, unit, criterion, points, evaluated, note``; ``points`` is
    text as an analyst would deliver it (``3.25``, ``N/A`` where the criterion
    does not apply). A unit not evaluated has a single row with an empty
    criterion, ``evaluated`` = ``không`` and a note saying why.
    """
    rng = _rng(seed, "points", units.province, year)
    frames = []
    for tier in tiers_of(year):
        table = units.units[units.units["tier"] == tier].reset_index(drop=True)
        criteria = criteria_of(tier)
        mean, _ = _ABILITY[tier]
        ability = mean + table["effect"].to_numpy() + (year - _BASE_YEAR) * _YEARLY_GAIN
        ability = ability + rng.normal(0.0, 0.03, len(table))  # this year's luck
        maximum = np.array([c.max_points for c in criteria])
        share = np.clip(ability[:, None] + rng.normal(0.0, 0.10, (len(table), len(criteria))), 0.0, 1.0)
        points = np.round(share * maximum[None, :] * 4) / 4  # quarter points, as scoring sheets give them

        not_applicable = np.zeros(points.shape, dtype=bool)
        ids = [c.id for c in criteria]
        no_procedures = ~table["procedures"].to_numpy(dtype=bool)
        for j, criterion_id in enumerate(ids):
            if criterion_id in _PROCEDURE_CRITERIA:
                not_applicable[:, j] |= no_procedures
            if criterion_id == "3.5":
                not_applicable[:, j] |= ~table["sector_db"].to_numpy(dtype=bool)
            if tier == "xa" and criterion_id == "4.5":
                not_applicable[:, j] |= rng.random(len(table)) < 0.05  # no fee-bearing procedure

        evaluated = np.ones(len(table), dtype=bool)
        notes = np.full(len(table), "", dtype=object)
        if tier == "xa":
            missed = rng.random(len(table)) < 0.02
            evaluated &= ~missed
            for i in np.flatnonzero(missed):
                district = table["district"].iloc[i]
                notes[i] = (f"{district} chưa đánh giá" if district
                            else "Không gửi hồ sơ tự đánh giá đúng hạn")
        elif tier == "so-nganh" and rng.random() < 0.15:
            i = int(rng.integers(len(table)))
            evaluated[i] = False
            notes[i] = "Đơn vị đang kiện toàn tổ chức, chưa đánh giá"

        cells = np.vectorize(_points_text, otypes=[object])(points)
        cells[not_applicable] = "N/A"
        n_units, n_criteria = cells.shape
        position = np.arange(n_units)
        frame = pd.DataFrame({
            "tier": tier,
            "unit": np.repeat(table["unit"].to_numpy(), n_criteria),
            "criterion": np.tile(np.array(ids, dtype=object), n_units),
            "points": cells.reshape(-1),
            "evaluated": "",
            "note": "",
            "_order": np.repeat(position, n_criteria),
        })
        frame = frame[np.repeat(evaluated, n_criteria)]
        skipped = pd.DataFrame({"tier": tier, "unit": table["unit"].to_numpy()[~evaluated], "criterion": "",
                                "points": "", "evaluated": "không", "note": notes[~evaluated],
                                "_order": position[~evaluated]})
        # Units stay in the order they were listed (departments first by rank in the
        # organisation, communes as drawn); a unit not evaluated keeps its place.
        frames.append(pd.concat([frame, skipped]).sort_values("_order", kind="stable"))
    return pd.concat(frames, ignore_index=True).drop(columns="_order")


def _points_text(value: float) -> str:
    return f"{value:g}"


# --- Files ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class DemoSet:
    """What :func:`generate` wrote: the params files, and how many units of each tier."""

    out_dir: Path
    params_files: tuple[Path, ...]
    province_years: int
    units: dict[str, int]
    rows: int


def parse_years(text: str) -> tuple[int, ...]:
    """``2022-2024`` → (2022, 2023, 2024); ``2025`` → (2025,); also ``2022,2024``."""
    years: list[int] = []
    for part in str(text).replace(" ", "").split(","):
        match = re.fullmatch(r"(\d{4})(?:[-–](\d{4}))?", part)
        if not match:
            raise EgovnbError(f"--years: '{text}' is not a year or a range such as 2022-2024")
        first, last = int(match[1]), int(match[2] or match[1])
        if first > last:
            raise EgovnbError(f"--years: {first}-{last} runs backwards; write {last}-{first}")
        years.extend(range(first, last + 1))
    bad = [y for y in years if not FIRST_YEAR <= y <= LAST_YEAR]
    if bad:
        raise EgovnbError(f"--years: {bad[0]} is outside {FIRST_YEAR}–{LAST_YEAR}")
    return tuple(sorted(set(years)))


def province_names(count: int, year: int) -> list[str]:
    """The first ``count`` provinces that existed in ``year`` (all of them if fewer exist)."""
    names = provinces_after() if year >= REFORM_YEAR else provinces_before()
    return names[:count]


def illustrative_note(seed: int) -> str:
    return (f"Dữ liệu minh họa do egovnb demo-data sinh ngẫu nhiên (seed {seed}); "
            "không phải kết quả đánh giá đã công bố. Tên tỉnh, tên cơ quan là thật; "
            "tên huyện, xã và mọi điểm số là giả định.")


def generate(out_dir: str | Path, *, provinces: int = 34, years=(2022, 2023, 2024), seed: int = 0,
             scale: float = 1.0) -> DemoSet:
    """Write the illustrative national data set under ``out_dir`` (see the module docstring).

    ``provinces``: how many provinces (1–63; years from 2025 have at most 34);
    ``years``: assessment years; ``seed``: the same seed gives byte-identical
    files; ``scale``: multiplies district and commune counts (1.0 = issue 5 sizes).
    """
    if not 1 <= provinces <= 63:
        raise EgovnbError(f"--provinces: {provinces} is not between 1 and 63")
    if not scale > 0:
        raise EgovnbError("scale must be more than 0")
    years = tuple(sorted(set(int(y) for y in years)))
    out_dir = Path(out_dir)
    params_dir = out_dir / "params"
    units_cache: dict[tuple[str, bool], ProvinceUnits] = {}
    written: list[Path] = []
    counts = {tier: 0 for tier in TIERS}
    rows = 0
    for year in years:
        after = year >= REFORM_YEAR
        for province in province_names(provinces, year):
            key = (province, after)
            if key not in units_cache:
                units_cache[key] = province_units(province, after, seed, scale)
            data = criterion_points(units_cache[key], year, seed)
            slug = slugify(province)
            data_path = out_dir / "data" / slug / str(year) / "units.csv"
            _write_text(data_path, data_csv(data, province, year, seed))
            framework_path = params_dir / "frameworks" / f"{slug}-{year}.yaml"
            _write_text(framework_path, framework_yaml(province, year, seed))
            previous = year - 1 if (year - 1 in years and (year - 1 >= REFORM_YEAR) == after) else None
            params_path = params_dir / f"{slug}-{year}.yaml"
            _write_text(params_path, params_yaml(province, year, seed, previous))
            written.append(params_path)
            rows += len(data)
            for tier, n in data.drop_duplicates(["tier", "unit"])["tier"].value_counts().items():
                counts[tier] += int(n)
    _write_text(out_dir / "README.md", readme(provinces, years, seed, counts, len(written)))
    return DemoSet(out_dir=out_dir, params_files=tuple(written), province_years=len(written),
                   units=counts, rows=rows)


def data_csv(data: pd.DataFrame, province: str, year: int, seed: int) -> str:
    """The CSV text of a province-year, with ``#`` lines saying the data are illustrative."""
    header = (f"# DỮ LIỆU MINH HỌA (illustrative data), không phải số liệu công bố: {province}, năm {year}.\n"
              f"# {illustrative_note(seed)}\n")
    return header + data.to_csv(index=False, lineterminator="\n")


def framework_yaml(province: str, year: int, seed: int) -> str:
    """The framework file of a province-year: tiers, levels and criteria, marked illustrative."""
    q = _quote
    lines = [
        f"# KHUNG TIÊU CHÍ MINH HỌA (illustrative framework) — {province}, năm {year}; egovnb demo-data, seed {seed}.",
        "# Not a published framework: criteria groups follow published ones (Hưng Yên 2019), thresholds follow",
        "# Thừa Thiên Huế 2020 (rate) and Gia Lai 2022 (points, communes under 62 not ranked).",
        "tiers:",
    ]
    for key in tiers_of(year):
        tier = TIERS[key]
        lines += [f"  {key}:", f"    label: {q(tier['label'])}", f"    rank_by: {tier['rank_by']}", "    levels:"]
        lines += [f"      - {{name: {q(name)}, min: {minimum:g}}}" for name, minimum in tier["levels"]]
        lines.append(f"    below: {q(tier['below'])}")
    lines.append("criteria:")
    assessed = set(tiers_of(year))
    for c in CRITERIA:
        tiers = [t for t in c.tiers if t in assessed]
        if tiers:
            lines.append(f"  - {{id: {q(c.id)}, group: {q(c.group)}, title: {q(c.title)}, "
                         f"max_points: {c.max_points:g}, tiers: [{', '.join(tiers)}]}}")
    return "\n".join(lines) + "\n"


def params_yaml(province: str, year: int, seed: int, previous_year: int | None) -> str:
    """The params file of a province-year (paths relative to it), marked illustrative."""
    slug, q = slugify(province), _quote
    lines = [
        f"# DỮ LIỆU MINH HỌA (illustrative): {province}, năm {year}; egovnb demo-data, seed {seed}.",
        "# Not published results: every score was drawn at random.",
        f"province: {q(province)}",
        f"year: {year}",
        f"title: {q(f'Kết quả đánh giá, xếp hạng mức độ Chính quyền điện tử năm {year} (dữ liệu minh họa)')}",
        f"data: ../data/{slug}/{year}/units.csv",
        f"framework: frameworks/{slug}-{year}.yaml",
    ]
    if previous_year is not None:
        lines.append(f"previous: {slug}-{previous_year}.yaml")
    lines += ["language: vi", "illustrative: true", f"note: {q(illustrative_note(seed))}"]
    return "\n".join(lines) + "\n"


def readme(provinces: int, years: tuple[int, ...], seed: int, counts: dict[str, int], province_years: int) -> str:
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])
    return f"""# DỮ LIỆU MINH HỌA — illustrative national data set

Written by `egovnb demo-data --provinces {provinces} --years {span} --seed {seed}`.
**Nothing here is a published result.** Province and department names are real; district and
commune names are made up from common place-name syllables; every score was drawn at random.

- {province_years} province-years; units counted over all years: {counts['so-nganh']} department-years,
  {counts['huyen']} district-years, {counts['xa']} commune-years.
- Before 2025: the 63 provinces, with district People's Committees (tier `huyen`); from 2025: the
  34 provinces and cities of Nghị quyết 202/2025/QH15, no district tier.
- Criterion-grain CSV (`data/<province>/<year>/units.csv`), `N/A` where a criterion does not apply;
  units not evaluated have `evaluated = không` and a note.

Render every report, then open `reports/index.html`:

    egovnb batch params --reports reports
"""


def _quote(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _write_text(path: Path, text: str) -> None:
    """Write atomically, and leave a file alone when its bytes would not change (so that
    regenerating with the same seed does not make a batch re-render anything)."""
    data = text.encode("utf-8")
    if path.is_file() and path.read_bytes() == data:
        return
    with atomic_path(path) as temporary:
        temporary.write_bytes(data)


def cli_demo_data(args) -> int:
    """``egovnb demo-data OUT_DIR [--provinces N] [--years 2022-2024] [--seed S]``."""
    years = parse_years(args.years)
    demo = generate(args.out_dir, provinces=args.provinces, years=years, seed=args.seed)
    after = [y for y in years if y >= REFORM_YEAR]
    if after and args.provinces > len(provinces_after()):
        print(f"note: {args.provinces} provinces asked, but from {REFORM_YEAR} there are "
              f"{len(provinces_after())}: years from {REFORM_YEAR} have {len(provinces_after())}")
    print(f"{demo.out_dir}: ILLUSTRATIVE data, {demo.province_years} province-years, "
          f"{demo.units['so-nganh']} department-, {demo.units['huyen']} district- and "
          f"{demo.units['xa']} commune-years, {demo.rows} rows")
    print(f"render them: egovnb batch {demo.out_dir / 'params'}")
    return 0
