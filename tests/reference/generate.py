"""Seeded random frameworks and data for every method and grain of SPEC.md.

Each generator takes a ``random.Random`` and returns a ``Case`` — a
``(framework_dict, rows)`` pair: the framework as its YAML would parse, and data
rows as a CSV reader gives them (every row has the same keys; cells are mostly
text, some plain numbers). ``write_case`` puts one on disk as ``framework.yaml``,
``data.csv`` (UTF-8) and ``params.yaml`` for the engine.

    generate(name, seed)  -> Case         one case from GENERATORS[name]
    cases(*names)         -> strategy     hypothesis strategy of cases (all generators by default)
    write_case(folder, framework, rows)   -> Path of params.yaml

What the data throws at the engine: deliberate ties (units copying another's
points), values exactly on a level's threshold, decimal commas, raw floats, NFD
and badly spaced unit names, ``N/A`` and empty cells (does not apply), units not
evaluated (``no`` / ``không`` / ``Không``), units kept out of the ranking (``ranked: no``), notes, weight-0 groups, group maxima
per tier, group columns headed by id or by title.
"""

from __future__ import annotations

import csv
import random
import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

import yaml


class Case(NamedTuple):
    framework: dict
    rows: list[dict]


# ---------------------------------------------------------------- names and cells

DEPARTMENTS = ["Sở Y tế", "Sở Tư pháp", "Ban Dân tộc", "Sở Công Thương", "Sở Kế hoạch và Đầu tư", "Sở Ngoại vụ",
               "Sở Thông tin và Truyền thông", "Văn phòng UBND tỉnh", "Thanh tra tỉnh", "Sở Tài chính", "Sở Nội vụ",
               "Sở Xây dựng", "Sở Du lịch", "Sở Giáo dục và Đào tạo", "Sở Tài Nguyên Môi trường", "Sở Tài chính 2"]
DISTRICTS = ["TP. Pleiku", "Thị xã An Khê", "Thị xã Ayun Pa", "Huyện Đak Pơ", "Huyện Chư Pưh", "Huyện Đức Cơ",
             "Huyện Chư Prông", "Huyện Ia Grai", "Huyện Kbang", "Huyện Krông Pa", "Huyện Phú Thiện", "Huyện Chư Sê",
             "UBND huyện Nam Đông", "UBND huyện A Lưới", "UBND thị xã Hương Trà", "UBND thành phố Huế"]
COMMUNES = ["Xã Ia Phìn", "Xã Ia Ga", "Xã Ia Vê", "Xã Thăng Hưng", "Xã Ia Piơ", "Xã Chư Don", "Xã Tú An",
            "Phường 2", "Phường 10", "Phường 1", "Xã Ăn Hòa", "Xã Ân Phú", "Xã An Lão", "Xã Đắk Ơ", "Xã Dak Pơ",
            "Thị trấn Ơn", "Xã Hoa", "Xã Hòa", "Xã Hỏa", "Xã Hõa", "Xã Hóa", "Xã Họa", "Xã Ưng", "Xã Ung"]
RANK_WITHIN_VALUES = ["An Khê", "Chư Prông", "Chư Pưh", "Đak Pơ", "Ia Grai", "Ayun Pa"]
NOT_EVALUATED_CELLS = ["no", "không", "Không", "NO"]
EVALUATED_CELLS = ["", "", "yes", "có"]
NOT_RANKED_CELLS = ["no", "không", "Không", "KHÔNG"]
RANKED_CELLS = ["", "", "", "yes", "có"]
DOES_NOT_APPLY_CELLS = ["", "N/A", "n/a"]

RATE_LEVELS = [{"name": "I", "min": 0.9}, {"name": "II", "min": 0.85},
               {"name": "III", "min": 0.8}, {"name": "IV", "min": 0.7}]
POINTS_LEVELS = [{"name": "III", "min": 80}, {"name": "IV", "min": 62}]
INDEX_LEVELS = [{"name": "Tốt", "min": 0.8}, {"name": "Khá", "min": 0.65}, {"name": "Trung bình", "min": 0.5}]


def shown_name(rng: random.Random, name: str) -> str:
    """The name as a province might type it: sometimes NFD, sometimes with stray spaces."""
    if rng.random() < 0.2:
        name = unicodedata.normalize("NFD", name)
    if rng.random() < 0.15:
        name = "  " + name.replace(" ", "  ", 1) + " "
    return name


def cell(rng: random.Random, value: Decimal):
    """A number as a data cell: text with a decimal point or comma, or now and then a float."""
    roll = rng.random()
    if roll < 0.1:
        return float(value)
    text = format(value, "f")
    return text.replace(".", ",") if roll < 0.4 else text


def quarter_points(rng: random.Random, maximum: Decimal) -> Decimal:
    """Points on a coarse grid (ties happen), sometimes with five decimals (86,17372)."""
    roll = rng.random()
    if roll < 0.1:
        return maximum
    if roll < 0.15:
        return Decimal(0)
    if roll < 0.25:
        return (maximum * Decimal(rng.randint(50_000, 100_000)) / Decimal(100_000)).quantize(Decimal("0.00001"))
    lowest_share = rng.choice([1, 2, 2, 3])  # quarters of the maximum: a spread of rates, levels and ties
    return Decimal(rng.randint(int(maximum * lowest_share), int(maximum * 4))) / 4


def pick_names(rng: random.Random, pool: list[str], count: int) -> list[str]:
    return rng.sample(pool, min(count, len(pool)))


def uniform_rows(rows: list[dict]) -> list[dict]:
    """Every row with the same keys (the union, in first-seen order), "" where a row had none."""
    keys: list[str] = []
    for row in rows:
        keys += [k for k in row if k not in keys]
    return [{k: row.get(k, "") for k in keys} for row in rows]


def evaluated_cells(rng: random.Random, evaluated: bool, ranked: bool | None = None) -> dict:
    """The ``evaluated``, ``ranked`` and ``note`` cells of a unit's row. About one unit in ten
    is kept out of the ranking (``ranked: no``), now and then one not evaluated as well."""
    if ranked is None:
        ranked = rng.random() > 0.1
    ranked_cell = rng.choice(RANKED_CELLS) if ranked else rng.choice(NOT_RANKED_CELLS)
    if evaluated:
        return {"evaluated": rng.choice(EVALUATED_CELLS), "ranked": ranked_cell,
                "note": "" if ranked else rng.choice(["", "Không xếp hạng do tính chất đặc thù"])}
    return {"evaluated": rng.choice(NOT_EVALUATED_CELLS), "ranked": ranked_cell,
            "note": rng.choice(["", "Huyện không đánh giá", "không có kết quả"])}


# ---------------------------------------------------------------- summary grain


def rate_tier(**extra) -> dict:
    return {"label": "Sở, ban, ngành", "rank_by": "rate", "levels": RATE_LEVELS, "below": "Chưa đạt", **extra}


def points_tier(**extra) -> dict:
    return {"label": "UBND cấp xã", "rank_by": "points", "levels": POINTS_LEVELS, "below": "Không xếp hạng", **extra}


def summary_scores(rng: random.Random, rank_by: str, maximum: int, thresholds: list) -> tuple[Decimal, Decimal]:
    """(excluded, achieved) for one summary row; now and then exactly on a threshold."""
    excluded = Decimal(rng.choice([0, 0, 0, 1, 3, 8, 10, 23]))
    applicable = maximum - excluded
    if thresholds and rng.random() < 0.25:
        low = Decimal(str(rng.choice(thresholds)))
        achieved = low * applicable if rank_by == "rate" else min(low, applicable)
        return excluded, achieved
    return excluded, quarter_points(rng, applicable)


def summary_units(rng: random.Random, tier_key: str, tier: dict, names: list[str], maximum: int,
                  extra=lambda rng: {}) -> list[dict]:
    """Summary rows for one tier without components; about a third of the units tie with another."""
    thresholds = [level["min"] for level in tier.get("levels", [])]
    rows, earlier = [], []
    for name in names:
        evaluated = rng.random() > 0.12
        if earlier and rng.random() < 0.3:
            excluded, achieved = rng.choice(earlier)
        else:
            excluded, achieved = summary_scores(rng, tier["rank_by"], maximum, thresholds)
        earlier.append((excluded, achieved))
        rows.append({"tier": tier_key, "unit": shown_name(rng, name), "max_points": cell(rng, Decimal(maximum)),
                     "excluded_points": cell(rng, excluded),
                     "achieved_points": cell(rng, achieved) if evaluated else "",
                     **evaluated_cells(rng, evaluated), **extra(rng)})
    return rows


def summary_rate_points(rng: random.Random) -> Case:
    """A rate tier (departments, out of 90) and a points tier (communes, out of 100), summary grain."""
    framework = {"tiers": {"so-nganh": rate_tier(), "xa": points_tier()}}
    rows = (summary_units(rng, "so-nganh", framework["tiers"]["so-nganh"],
                          pick_names(rng, DEPARTMENTS, rng.randint(1, 12)), 90)
            + summary_units(rng, "xa", framework["tiers"]["xa"], pick_names(rng, COMMUNES, rng.randint(1, 12)), 100))
    rng.shuffle(rows)
    return Case(framework, uniform_rows(rows))


def no_levels(rng: random.Random) -> Case:
    """Hưng Yên 2019: ranks and points, no levels (one tier by points, one by rate), either grain."""
    framework = {"tiers": {"so-nganh": {"label": "Sở, ban, ngành", "rank_by": "points"},
                           "huyen": {"label": "UBND cấp huyện", "rank_by": "rate"}}}
    if rng.random() < 0.5:
        rows = (summary_units(rng, "so-nganh", framework["tiers"]["so-nganh"],
                              pick_names(rng, DEPARTMENTS, rng.randint(1, 10)), 500)
                + summary_units(rng, "huyen", framework["tiers"]["huyen"],
                                pick_names(rng, DISTRICTS, rng.randint(1, 10)), 150))
        return Case(framework, uniform_rows(rows))
    framework["criteria"] = plain_criteria(rng, list(framework["tiers"]))
    return Case(framework, grouped_rows(rng, framework, {"so-nganh": DEPARTMENTS, "huyen": DISTRICTS}, "criterion"))


def rank_below_false(rng: random.Random) -> Case:
    """Gia Lai communes: points, units under 62 get Không xếp hạng and no rank; either grain."""
    framework = {"tiers": {"xa": points_tier(rank_below=False)}}
    if rng.random() < 0.5:
        rows = summary_units(rng, "xa", framework["tiers"]["xa"], pick_names(rng, COMMUNES, rng.randint(1, 15)), 100)
        return Case(framework, uniform_rows(rows))
    framework["criteria"] = plain_criteria(rng, ["xa"])
    return Case(framework, grouped_rows(rng, framework, {"xa": COMMUNES}, "criterion"))


def rank_within(rng: random.Random) -> Case:
    """Tây Ninh: communes ranked inside each district (a ``district`` column); departments beside them."""
    framework = {"tiers": {"xa": points_tier(rank_within="district", rank_below=rng.random() < 0.5),
                           "so-nganh": rate_tier()}}
    districts = rng.sample(RANK_WITHIN_VALUES, rng.randint(1, 4))

    def district(rng):
        return {"district": shown_name(rng, rng.choice(districts))}

    if rng.random() < 0.5:
        rows = (summary_units(rng, "xa", framework["tiers"]["xa"], pick_names(rng, COMMUNES, rng.randint(1, 16)), 100,
                              extra=district)
                + summary_units(rng, "so-nganh", framework["tiers"]["so-nganh"],
                                pick_names(rng, DEPARTMENTS, rng.randint(0, 5)), 90))
        rng.shuffle(rows)
        return Case(framework, uniform_rows(rows))
    framework["criteria"] = plain_criteria(rng, list(framework["tiers"]))
    return Case(framework, grouped_rows(rng, framework, {"xa": COMMUNES, "so-nganh": DEPARTMENTS}, "criterion",
                                        extra={"xa": district}))


# ---------------------------------------------------------------- components


def component_rules(rng: random.Random, san_sang_max: int, ket_qua_max: int) -> dict:
    """Readiness and results components (Gia Lai), each by points or by rate, levels I..IV."""
    components = {}
    for key, label, maximum in (("san-sang", "Điều kiện sẵn sàng", san_sang_max), ("ket-qua", "Kết quả CQĐT", ket_qua_max)):
        if rng.random() < 0.5:
            rule = {"rank_by": "points", "levels": [{"name": name, "min": round(maximum * share, 2)} for name, share in
                                                    (("I", 0.9), ("II", 0.8), ("III", 0.7), ("IV", 0.6))]}
        else:
            rule = {"rank_by": "rate", "levels": RATE_LEVELS}
        if rng.random() < 0.3:
            rule["below"] = "Chưa đạt"
        components[key] = {"label": label, **rule}
    return components


def components_tier(rng: random.Random, san_sang_max: int, ket_qua_max: int) -> dict:
    level_by = rng.choice(["lowest", "total"])
    rank_by = rng.choice(["points", "rate"])
    tier = {"label": "UBND cấp huyện", "rank_by": rank_by,
            "components": component_rules(rng, san_sang_max, ket_qua_max), "below": "Chưa đạt"}
    if level_by == "lowest" or rng.random() < 0.5:
        tier["level_by"] = level_by
    if level_by == "total":
        total = san_sang_max + ket_qua_max
        tier["levels"] = (RATE_LEVELS if rank_by == "rate" else
                          [{"name": n, "min": round(total * s, 2)} for n, s in (("I", 0.9), ("II", 0.8), ("III", 0.7), ("IV", 0.6))])
    if rng.random() < 0.3:
        tier["rank_below"] = False
    return tier


def components_summary(rng: random.Random) -> Case:
    """Components at summary grain: one row a unit and component (``component`` = key or label)."""
    maxima = {"san-sang": 60, "ket-qua": 100}
    tier = components_tier(rng, maxima["san-sang"], maxima["ket-qua"])
    framework = {"tiers": {"huyen": tier}}
    rows, earlier = [], []
    for name in pick_names(rng, DISTRICTS, rng.randint(1, 12)):
        evaluated = rng.random() > 0.12
        ranked = rng.random() > 0.1  # one value for both rows of the unit
        shown = shown_name(rng, name)
        if earlier and rng.random() < 0.3:
            scores = rng.choice(earlier)
        else:
            scores = {}
            for key, component in tier["components"].items():
                thresholds = [level["min"] for level in component["levels"]]
                scores[key] = summary_scores(rng, component["rank_by"], maxima[key], thresholds)
        earlier.append(scores)
        for key, component in tier["components"].items():
            excluded, achieved = scores[key]
            rows.append({"tier": "huyen", "unit": shown,
                         "component": key if rng.random() < 0.7 else component["label"],
                         "max_points": cell(rng, Decimal(maxima[key])), "excluded_points": cell(rng, excluded),
                         "achieved_points": cell(rng, achieved) if evaluated else "",
                         **evaluated_cells(rng, evaluated, ranked)})
    rng.shuffle(rows)
    return Case(framework, uniform_rows(rows))


def components_grouped(rng: random.Random) -> Case:
    """Components through groups: criterion grain (criteria → group → component) or group grain."""
    layout = rng.choice(["criterion", "group-long", "group-wide"])
    groups = [{"id": "1", "title": "Hạ tầng kỹ thuật CNTT", "component": "san-sang", "max_points": 20},
              {"id": "2", "title": "Nhân lực cho ứng dụng CNTT", "component": "san-sang", "max_points": 20},
              {"id": "3", "title": "Cung cấp dịch vụ công trực tuyến", "component": "ket-qua", "max_points": 40},
              {"id": "4", "title": "Ứng dụng CNTT trong hoạt động của cơ quan", "component": "ket-qua",
               "max_points": 40}]
    framework = {"tiers": {"huyen": components_tier(rng, 40, 80)}, "groups": groups}
    if layout == "criterion":
        for group in groups:
            del group["max_points"]
        framework["criteria"] = [
            {"id": f"{group['id']}.{n}", "group": group["id"] if rng.random() < 0.5 else group["title"],
             "title": f"Tiêu chí {group['id']}.{n}", "max_points": maximum}
            for group in groups for n, maximum in ((1, 5), (2, 15) if group["component"] == "san-sang" else (2, 35))]
    return Case(framework, grouped_rows(rng, framework, {"huyen": DISTRICTS}, layout))


# ---------------------------------------------------------------- index (DTI)


def index_framework(rng: random.Random, layout: str) -> dict:
    """A DTI tier (weights 100/100/200/150/0) and, sometimes, a rate tier over the same groups."""
    weights = [100, 100, 200, 150, 0]
    if rng.random() < 0.3:
        weights = [1, 1, 1, 1, 0]
    titles = ["Chuyển đổi nhận thức số", "Hạ tầng số", "Chính quyền số", "Kinh tế số", "Đô thị thông minh"]
    with_rate_tier = rng.random() < 0.5
    groups = []
    for number, (title, weight) in enumerate(zip(titles, weights), start=1):
        group = {"id": str(number), "title": title}
        if weight != 1 or rng.random() < 0.5:
            group["weight"] = weight
        if layout != "criterion":
            if with_rate_tier and number in (1, 2, 5):
                group["max_points"] = {"so-nganh-dti": 100 if number < 5 else 50, "so-nganh": 30}
            elif with_rate_tier or rng.random() < 0.5:
                group["max_points"] = {"so-nganh-dti": 100 if number < 5 else 50}
            else:
                group["max_points"] = 100 if number < 5 else 50
        groups.append(group)
    tier = {"label": "Sở, ban, ngành — chỉ số chuyển đổi số", "rank_by": "index", "below": "Yếu"}
    if rng.random() < 0.8:
        tier["levels"] = INDEX_LEVELS
    if rng.random() < 0.5:
        tier["index_scale"] = 1000
    if rng.random() < 0.3:
        tier["rank_below"] = False
    framework = {"tiers": {"so-nganh-dti": tier}, "groups": groups}
    if with_rate_tier:
        framework["tiers"]["so-nganh"] = rate_tier()
    if layout == "criterion":
        framework["criteria"] = [
            {"id": f"{group['id']}.{n}", "group": group["id"] if rng.random() < 0.5 else group["title"],
             "title": f"Tiêu chí {group['id']}.{n}", "max_points": maximum,
             **({"tiers": ["so-nganh-dti", "so-nganh"]} if with_rate_tier and group["id"] in ("1", "2") and n == 1
                else {"tiers": ["so-nganh-dti"]} if with_rate_tier else {})}
            for group in groups for n, maximum in ((1, 40), (2, 60))]
    return framework


def index_case(rng: random.Random, layout: str) -> Case:
    framework = index_framework(rng, layout)
    pools = {"so-nganh-dti": DEPARTMENTS, "so-nganh": DEPARTMENTS}
    return Case(framework, grouped_rows(rng, framework, pools, layout))


def index_group_long(rng: random.Random) -> Case:
    return index_case(rng, "group-long")


def index_group_wide(rng: random.Random) -> Case:
    return index_case(rng, "group-wide")


def index_criterion(rng: random.Random) -> Case:
    return index_case(rng, "criterion")


# ---------------------------------------------------------------- group and criterion grain


def plain_criteria(rng: random.Random, tiers: list[str]) -> list[dict]:
    """Six criteria in three groups (100 points); some only for some tiers."""
    criteria = [{"id": "1.1", "group": "Hạ tầng kỹ thuật CNTT", "max_points": 5},
                {"id": "1.2", "group": "Hạ tầng kỹ thuật CNTT", "max_points": 10},
                {"id": "2.1", "group": "Nhân lực cho ứng dụng CNTT", "max_points": 10},
                {"id": "2.2", "group": "Nhân lực cho ứng dụng CNTT", "max_points": 15},
                {"id": "3.1", "group": "Cung cấp dịch vụ công trực tuyến", "max_points": 25},
                {"id": "3.2", "group": "Cung cấp dịch vụ công trực tuyến", "max_points": 35}]
    for criterion in criteria:
        criterion["title"] = f"Tiêu chí {criterion['id']}"
        # The first criterion stays in every tier, so no tier is left with nothing to score.
        if criterion is not criteria[0] and len(tiers) > 1 and rng.random() < 0.2:
            criterion["tiers"] = [rng.choice(tiers)]
    return criteria


def find_group(framework: dict, name: str) -> dict | None:
    for group in framework.get("groups", []):
        if name in (group["id"], group["title"]):
            return group
    return None


def items_of_tier(framework: dict, tier_key: str, layout: str) -> list[dict]:
    """What a unit of the tier gets points for: {id, shown (id or title in the data), max, group}."""
    if layout == "criterion":
        return [{"id": c["id"], "max": Decimal(str(c["max_points"])), "group": find_group(framework, c["group"])}
                for c in framework["criteria"] if tier_key in c.get("tiers", [tier_key])]
    items = []
    for group in framework["groups"]:
        maximum = group["max_points"]
        maximum = maximum.get(tier_key) if isinstance(maximum, dict) else maximum
        if maximum is not None:
            items.append({"id": group["id"], "max": Decimal(str(maximum)), "group": group})
    return items


def must_apply(framework: dict, tier_key: str, items: list[dict]) -> list[list[dict]]:
    """Sets of items of which at least one must apply, so every rate, component rate and index exists."""
    tier = framework["tiers"][tier_key]
    sets = [items]
    for component in tier.get("components", {}):
        sets.append([i for i in items if i["group"] and i["group"].get("component") == component])
    if tier.get("rank_by") == "index":
        sets.append([i for i in items if i["group"] and i["group"].get("weight", 1) > 0])
    return sets


def grouped_rows(rng: random.Random, framework: dict, pools: dict, layout: str, extra: dict | None = None) -> list[dict]:
    """Rows at group grain (``group-long``, ``group-wide``) or criterion grain for the framework's tiers."""
    extra = extra or {}
    headers = {g["id"]: g["id"] if rng.random() < 0.5 else g["title"] for g in framework.get("groups", [])}
    rows = []
    for tier_key in framework["tiers"]:
        items = items_of_tier(framework, tier_key, layout)
        earlier = []
        for name in pick_names(rng, pools[tier_key], rng.randint(1, 10)):
            evaluated = rng.random() > 0.12
            if earlier and rng.random() < 0.3:
                points = dict(rng.choice(earlier))
            else:
                points = {i["id"]: None if rng.random() < 0.15 else quarter_points(rng, i["max"]) for i in items}
                for needed in must_apply(framework, tier_key, items):
                    if needed and all(points[i["id"]] is None for i in needed):
                        points[needed[0]["id"]] = needed[0]["max"] / 2
            earlier.append(points)
            shown = shown_name(rng, name)
            common = {**evaluated_cells(rng, evaluated), **(extra[tier_key](rng) if tier_key in extra else {})}

            def points_cell(item_id):
                value = points[item_id]
                if not evaluated or value is None:
                    return rng.choice(DOES_NOT_APPLY_CELLS)
                return cell(rng, value)

            if layout == "group-wide":
                row = {"tier": tier_key, "unit": shown}
                for group in framework["groups"]:
                    row[headers[group["id"]]] = points_cell(group["id"]) if group["id"] in points else ""
                rows.append({**row, **common})
            else:
                key = "criterion" if layout == "criterion" else "group"
                for item in items:
                    shown_item = item["id"] if layout == "criterion" else headers[item["id"]]
                    rows.append({"tier": tier_key, "unit": shown, key: shown_item,
                                 "points": points_cell(item["id"]), **common})
    rng.shuffle(rows)
    return uniform_rows(rows)


def criterion_rate_points(rng: random.Random) -> Case:
    """A rate tier and a points tier at criterion grain, with N/A criteria."""
    framework = {"tiers": {"so-nganh": rate_tier(), "xa": points_tier()}}
    framework["criteria"] = plain_criteria(rng, list(framework["tiers"]))
    return Case(framework, grouped_rows(rng, framework, {"so-nganh": DEPARTMENTS, "xa": COMMUNES}, "criterion"))


# ---------------------------------------------------------------- the catalogue

GENERATORS = {
    "summary_rate_points": summary_rate_points,
    "criterion_rate_points": criterion_rate_points,
    "no_levels": no_levels,
    "rank_below_false": rank_below_false,
    "rank_within": rank_within,
    "components_summary": components_summary,
    "components_grouped": components_grouped,
    "index_group_long": index_group_long,
    "index_group_wide": index_group_wide,
    "index_criterion": index_criterion,
}


def generate(name: str, seed: int) -> Case:
    """One case of generator ``name``; the same seed gives the same case."""
    return GENERATORS[name](random.Random(seed))


def cases(*names: str):
    """A hypothesis strategy of cases from the named generators (all of them by default)."""
    from hypothesis import strategies as st

    chosen = list(names or GENERATORS)
    return st.tuples(st.sampled_from(chosen), st.integers(0, 2**32 - 1)).map(lambda pair: generate(*pair))


def write_case(folder, framework: dict, rows: list[dict], province: str = "Tỉnh Thử", year: int = 2024) -> Path:
    """Write ``framework.yaml``, ``data.csv`` (UTF-8) and ``params.yaml`` into ``folder``; return the params path."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "framework.yaml").write_text(yaml.safe_dump(framework, allow_unicode=True, sort_keys=False),
                                           encoding="utf-8")
    rows = uniform_rows(rows)
    with open(folder / "data.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        if rows:
            writer.writerow(list(rows[0]))
            writer.writerows([["" if v is None else v for v in row.values()] for row in rows])
    params = {"province": province, "year": year, "data": "data.csv", "framework": "framework.yaml"}
    path = folder / "params.yaml"
    path.write_text(yaml.safe_dump(params, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path
