"""Where the illustrative units are: provinces, departments, districts and communes.

Province names are real (the 34 provinces and cities after Nghị quyết
202/2025/QH15, the 63 before it); department names follow the real
organisation of a provincial People's Committee; district and commune names are
made from common Vietnamese place-name syllables.

Sizes follow issue 5: 20–30 departments per province; 60–300 communes per
province, 3,321 in all over the 34 provinces from 2025 and about 10,000 over
the 63 before; district People's Committees only before 2025. Asking for fewer
provinces takes the first ones in Vietnamese alphabetical order, each with the
same size it has in the full set.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from egovnb.core.collation import sort_key
from egovnb.demo import seeds

REFORM_YEAR = 2025  # Nghị quyết 202/2025/QH15: 34 provinces and no district tier from 1 July 2025
COMMUNES_AFTER = 3321  # communes, wards and special zones after the reform
COMMUNES_BEFORE = 10_000  # "about 10,000" before it
COMMUNES_RANGE = (60, 300)  # per province, per issue 5
DEPARTMENTS_RANGE = (20, 30)

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


def province_names(count: int, year: int) -> list[str]:
    """The first ``count`` provinces that existed in ``year`` (all of them if fewer exist)."""
    names = provinces_after() if year >= REFORM_YEAR else provinces_before()
    return names[:count]


def commune_counts(seed: int, after_reform: bool) -> dict[str, int]:
    """Communes of every province in the full set: 3,321 over 34 after the reform,
    10,000 over 63 before, each between 60 and 300."""
    names = provinces_after() if after_reform else provinces_before()
    total = COMMUNES_AFTER if after_reform else COMMUNES_BEFORE
    sizes = seeds.split_total(seeds.rng(seed, "communes", after_reform), len(names), total, *COMMUNES_RANGE)
    return dict(zip(names, (int(s) for s in sizes)))


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


# --- Units of one province in one era ---------------------------------------------------------
# Mean and spread of a unit's underlying rate (fraction) in the first year; units improve each year.
ABILITY = {"so-nganh": (0.87, 0.05), "huyen": (0.80, 0.06), "xa": (0.66, 0.09)}


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
    rng = seeds.rng(seed, "units", province, after_reform)
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
    spread = units["tier"].map({k: v[1] for k, v in ABILITY.items()}).to_numpy()
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
