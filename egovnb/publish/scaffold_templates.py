"""The framework a new province-year starts from, one template a scoring method, written as YAML
with comments that say what to change (``egovnb new``).

Each template follows a published practice (README, "Scoring methods"): ``rate`` as Thừa Thiên
Huế 2020, ``points`` as Gia Lai's communes (a floor under which units get no rank),
``components`` as Gia Lai 2022 (the lowest of two component levels), ``index`` as a DTI with
weighted pillars, ``ranks`` as Hưng Yên 2019 (ranks and points, no levels). The numbers are the
template's, not the province's: every line to check says CHANGE.
"""

from __future__ import annotations

METHODS = ("rate", "points", "components", "index", "ranks")
REFORM_YEAR = 2025  # from 1 July 2025 there is no district tier (Nghị quyết 202/2025/QH15)

# (key, label, sheet) of each tier a new province-year assesses.
TIERS_BEFORE_REFORM = (("so-nganh", "Sở, ban, ngành", "Sở, ban, ngành"),
                       ("huyen", "UBND cấp huyện", "UBND cấp huyện"),
                       ("xa", "UBND cấp xã", "UBND cấp xã"))
TIERS_AFTER_REFORM = (TIERS_BEFORE_REFORM[0], TIERS_BEFORE_REFORM[2])

_HEAD = {
    "rate": "Ranked by rate (achieved over applicable points), one threshold on one total, as Thừa Thiên Huế 2020.",
    "points": "Ranked by total points; under the lowest level a unit gets no rank, as Gia Lai's communes.",
    "components": "Ranked by total points; the level is the LOWEST of the components' levels, as Gia Lai 2022.",
    "index": "Ranked by a weighted index of pillar rates (0..1), rated in bands, as a digital transformation "
             "index (DTI).",
    "ranks": "Ranked by total points by criteria group; no levels (ranks and points only), as Hưng Yên 2019.",
}
_RATE_MAX = {"so-nganh": 90, "huyen": 100, "xa": 100}
# DTI pillars: (id, title, weight, max points for departments, for districts and communes).
_PILLARS = (("nhan-thuc", "Nhận thức số", 100, 40, 40), ("the-che", "Thể chế số", 100, 40, 40),
            ("ha-tang", "Hạ tầng số", 100, 60, 80), ("nhan-luc", "Nhân lực số", 100, 40, 40),
            ("attt", "An toàn thông tin mạng", 100, 60, 60), ("do-thi", "Đô thị thông minh", 0, None, 40),
            ("cqs", "Chính quyền số", 200, 160, 200), ("kts", "Kinh tế số", 150, 50, 100),
            ("xhs", "Xã hội số", 150, 50, 100))
# Hưng Yên 2019's five criteria groups: (id, title, max points for departments, for the others).
_GROUPS = (("1", "Hạ tầng kỹ thuật CNTT", 90, 25), ("2", "Nhân lực cho ứng dụng CNTT", 80, 20),
           ("3", "Ứng dụng CNTT trong hoạt động của cơ quan", 130, 40),
           ("4", "Cung cấp dịch vụ công trực tuyến", 100, 35),
           ("5", "Cơ chế chính sách và các quy định cho ứng dụng CNTT", 100, 30))


def tiers_for(year: int) -> tuple[tuple[str, str, str], ...]:
    """The tiers a new province-year of ``year`` assesses: no district tier from 2025."""
    return TIERS_AFTER_REFORM if year >= REFORM_YEAR else TIERS_BEFORE_REFORM


def framework_text(method: str, province: str, year: int, header: str) -> str:
    """The framework file of a new province-year scored by ``method``, as YAML with comments."""
    tiers = tiers_for(year)
    lines = [header, f"# Framework of {province} {year}, written by `egovnb new --method {method}`.",
             f"# {_HEAD[method]}",
             "# Lines marked CHANGE hold the template's numbers: put your decision's own. A tier you do not",
             "# assess: delete it here, its sheet in the data workbook and its line under `sheets:` in the params.",
             "tiers:"]
    for key, label, _ in tiers:
        lines += [f"  {key}:", f"    label: {label}"]
        lines += _TIER[method](key)
    if method == "index":
        lines += ["# Pillars (criteria groups). The index = Σ weight × pillar rate ÷ Σ weight over the pillars that",
                  "# apply to the unit and weigh more than 0. max_points per tier: a tier left out of a pillar's",
                  "# mapping does not have that pillar (smart city: districts and communes only). CHANGE them all.",
                  "groups:"]
        for gid, title, weight, dept, other in _PILLARS:
            maxima = {key: (dept if key == "so-nganh" else other) for key, _, _ in tiers}
            shown = ", ".join(f"{k}: {v}" for k, v in maxima.items() if v is not None)
            note = "   # shown, not counted" if weight == 0 else ""
            lines.append(f"  - {{id: {gid}, title: {title}, weight: {weight}, max_points: {{{shown}}}}}{note}")
    if method == "ranks":
        lines += ["# Criteria groups, each with its maximum per tier (the data has a column a group). CHANGE them.",
                  "groups:"]
        for gid, title, dept, other in _GROUPS:
            shown = ", ".join(f"{k}: {dept if k == 'so-nganh' else other}" for k, _, _ in tiers)
            lines.append(f'  - {{id: "{gid}", title: {title}, max_points: {{{shown}}}}}')
    return "\n".join(lines) + "\n"


def _rate(key: str) -> list[str]:
    return [
        "    rank_by: rate                 # achieved ÷ applicable points (a fraction 0..1)",
        f"    max_points: {_RATE_MAX[key]:<17}# CHANGE: the maximum of this tier's criteria",
        "    rate_decimals: 2              # CHANGE: the decimals your decision prints rates with",
        "    levels:                       # CHANGE: your thresholds, highest first (rates 0..1)",
        "      - {name: I,   min: 0.90}",
        "      - {name: II,  min: 0.85}",
        "      - {name: III, min: 0.80}",
        "      - {name: IV,  min: 0.70}",
        "    below: Chưa đạt               # an evaluated unit under the lowest threshold",
    ]


def _points(key: str) -> list[str]:
    return [
        "    rank_by: points               # total points",
        "    max_points: 100               # CHANGE: the maximum of this tier's criteria",
        "    levels:                       # CHANGE: your thresholds in points, highest first",
        "      - {name: I,   min: 95}",
        "      - {name: II,  min: 90}",
        "      - {name: III, min: 80}",
        "      - {name: IV,  min: 62}      # the floor: under it a unit gets no level and no rank",
        "    below: Không xếp hạng",
        "    rank_below: false             # units under the floor are listed, not ranked (true: ranked too)",
    ]


def _components(key: str) -> list[str]:
    lines = ["    rank_by: points               # total points of both components",
             "    components:                   # each data row names its component (key or label)"]
    for ckey, label, maximum, mins in (("san-sang", "Điều kiện sẵn sàng", 40, (38, 34, 30, 26)),
                                       ("ket-qua", "Kết quả CQĐT", 80, (76, 68, 60, 52))):
        lines += [f"      {ckey}:", f"        label: {label}",
                  f"        max_points: {maximum:<15}# CHANGE: this component's maximum",
                  "        rank_by: points",
                  "        levels:                   # CHANGE: this component's thresholds in points",
                  *(f"          - {{name: {name + ',':<4} min: {m}}}" for name, m in zip(("I", "II", "III", "IV"), mins)),
                  "        below: Chưa đạt"]
    return lines + ["    level_by: lowest              # the unit's level: the lowest of its components' levels",
                    "    below: Chưa đạt"]


def _index(key: str) -> list[str]:
    return [
        "    rank_by: index                # weighted mean of pillar rates (groups below), 0..1",
        "    index_scale: 1000             # printed on 1,000 points (leave out to print 0,xxxx)",
        "    levels:                       # CHANGE: your bands (index 0..1), highest first",
        "      - {name: Tốt,        min: 0.80}",
        "      - {name: Khá,        min: 0.65}",
        "      - {name: Trung bình, min: 0.50}",
        "    below: Yếu",
    ]


def _ranks(key: str) -> list[str]:
    return ["    rank_by: points               # total points over the groups below; no `levels`: ranks only"]


_TIER = {"rate": _rate, "points": _points, "components": _components, "index": _index, "ranks": _ranks}
