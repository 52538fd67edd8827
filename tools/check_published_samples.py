"""Checks the published-figure samples under the rules of SPEC.md, independently of egovnb.

egovnb cannot yet score components, `level_by: lowest`, `rank_by: index`, framework-level groups
or `rank_below: false`, so this is a small pure-pandas scorer that applies the SPEC rules to the
params, frameworks and data exactly as written:

- totals, applicable points and rate per unit (summary grain with components; group grain in
  the wide and the long form, N/A or empty = the group does not apply);
- the value ranked: points, rate, or the index Σ weight × group rate ÷ Σ weight over the groups
  that apply to the unit and have a weight above 0;
- each component's level from its own thresholds, the tier's level as the lowest of them (a unit
  under any component's lowest threshold gets the tier's `below`), or the first level reached;
- competition ranks (values equal to 9 decimals share a rank, the next skips), no rank for units
  under the lowest level where `rank_below: false`, none for units not evaluated.

It prints, per tier, the count per level and the first and last units with their points, and
asserts every published fact of the domain notes (domain.md, beside SPEC.md) that the samples
must reproduce. Run with
``python tools/check_published_samples.py`` from the project root; exit 0 when all pass.
"""

from __future__ import annotations

import io
import math
import re
import sys
import unicodedata
from pathlib import Path

import pandas as pd
import yaml

ROOT = Path(__file__).resolve().parents[1]
NOT_EVALUATED = "Không đánh giá"
PARAMS_KEYS = {"province", "year", "title", "decision", "data", "framework", "previous", "language",
               "illustrative", "note", "sheet", "crosswalk", "sensitivity"}
FILES = ["params/gia-lai-2022.yaml", "params/gia-lai-2019.yaml", "params/hung-yen-2019.yaml",
         "params/van-son-2024.yaml"]


# --------------------------------------------------------------------------- reading

def name(value: object) -> str:
    return " ".join(unicodedata.normalize("NFC", str(value)).split())


def number(cell: object) -> float:
    text = str(cell).strip()
    if text == "" or text.upper() == "N/A":
        return math.nan
    return float(text.replace(",", "."))


def read_data(path: Path) -> tuple[pd.DataFrame, list[str]]:
    """The table after its leading ``#`` lines (kept, to check what they say), cells as text."""
    raw = path.read_bytes()
    text = raw.decode("utf-8-sig")
    assert unicodedata.is_normalized("NFC", text), f"{path}: not NFC"
    lines = text.splitlines(keepends=True)
    skip = 0
    while skip < len(lines) and lines[skip].lstrip().startswith("#"):
        skip += 1
    frame = pd.read_csv(io.StringIO("".join(lines[skip:])), dtype=str, keep_default_na=False)
    frame.columns = [name(c) for c in frame.columns]
    for column in ("tier", "unit"):
        frame[column] = frame[column].map(name)
    return frame, [line.rstrip("\n") for line in lines[:skip]]


def load(params_file: str) -> tuple[dict, dict, pd.DataFrame, list[str]]:
    path = ROOT / params_file
    text = path.read_text(encoding="utf-8")
    assert unicodedata.is_normalized("NFC", text), f"{path}: not NFC"
    params = yaml.safe_load(text)
    unknown = set(params) - PARAMS_KEYS
    assert not unknown, f"{params_file}: keys not allowed: {unknown}"
    assert params.get("illustrative") is True and params.get("note"), f"{params_file}: illustrative + note"
    assert text.startswith("#"), f"{params_file}: starts with a comment"
    framework_path = path.parent / params["framework"]
    framework_text = framework_path.read_text(encoding="utf-8")
    assert unicodedata.is_normalized("NFC", framework_text), f"{framework_path}: not NFC"
    assert framework_text.startswith("#") and "ILLUSTRATIVE" in framework_text, \
        f"{framework_path}: says what is illustrative"
    framework = yaml.safe_load(framework_text)
    frame, notes = read_data(path.parent / params["data"])
    assert notes and "ILLUSTRATIVE" in " ".join(notes), f"{params['data']}: '#' header says what is illustrative"
    return params, framework, frame, notes


# --------------------------------------------------------------------------- scoring

def not_evaluated(cell: object) -> bool:
    return str(cell).strip().casefold() in ("no", "không")


def parts_long(frame: pd.DataFrame, framework: dict) -> pd.DataFrame:
    """One row a unit and part (component or group): max, excluded, achieved, applies, evaluated."""
    groups = framework.get("groups") or []
    by_key = {}
    for group in groups:
        by_key[name(group["id"])] = group
        by_key[name(group["title"])] = group
    rows = []
    if "achieved_points" in frame.columns:  # summary grain (with components: one row a component)
        for record in frame.to_dict("records"):
            maximum, excluded = number(record["max_points"]), number(record["excluded_points"])
            rows.append(dict(tier=record["tier"], unit=record["unit"], part=name(record.get("component", "")),
                             max=maximum, excluded=0.0 if math.isnan(excluded) else excluded,
                             achieved=number(record["achieved_points"]), applies=True,
                             evaluated=not not_evaluated(record.get("evaluated", "")),
                             district=name(record.get("district", "")), note=name(record.get("note", ""))))
        return pd.DataFrame(rows)
    if "group" in frame.columns:  # group grain, long form
        records = [(r["tier"], r["unit"], name(r["group"]), r["points"], r.get("evaluated", ""))
                   for r in frame.to_dict("records")]
    else:  # group grain, wide form: a column per group, headed by its id or title
        group_columns = [c for c in frame.columns if c in by_key]
        assert len(group_columns) == len(groups), (group_columns, list(frame.columns))
        records = [(r["tier"], r["unit"], c, r[c], r.get("evaluated", ""))
                   for r in frame.to_dict("records") for c in group_columns]
    for tier, unit, key, cell, evaluated in records:
        group = by_key[key]
        maximum = group["max_points"]
        if isinstance(maximum, dict):
            assert tier in maximum, f"group {key} has no maximum for tier {tier}"
            maximum = maximum[tier]
        points = number(cell)
        applies = not math.isnan(points) or not_evaluated(evaluated)
        rows.append(dict(tier=tier, unit=unit, part=name(group["id"]), max=float(maximum),
                         excluded=0.0 if applies else float(maximum),
                         achieved=0.0 if math.isnan(points) else points, applies=applies,
                         evaluated=not not_evaluated(evaluated), weight=float(group.get("weight", 1))))
    return pd.DataFrame(rows)


def level_of(value: float, levels: list[dict]) -> str | None:
    for level in levels:
        if round(value, 9) >= level["min"]:
            return name(level["name"])
    return None


def score(framework: dict, frame: pd.DataFrame) -> pd.DataFrame:
    parts = parts_long(frame, framework)
    out = []
    for tier_key, tier in framework["tiers"].items():
        rows = parts[parts["tier"] == tier_key]
        assert not rows.empty, f"no data for tier {tier_key}"
        components = tier.get("components") or {}
        units = []
        for unit_name, unit_rows in rows.groupby("unit", sort=False):
            evaluated = bool(unit_rows["evaluated"].all())
            assert evaluated == bool(unit_rows["evaluated"].any()), f"{unit_name}: evaluated differs across rows"
            maximum = unit_rows["max"].sum()
            excluded = unit_rows["excluded"].sum()
            achieved = unit_rows["achieved"].fillna(0).sum()
            applicable = maximum - excluded
            record = dict(tier=tier_key, unit=unit_name, max_points=maximum, excluded_points=excluded,
                          applicable_points=applicable, achieved_points=achieved,
                          rate=achieved / applicable if applicable else math.nan, evaluated=evaluated,
                          district=unit_rows["district"].iloc[0] if "district" in unit_rows else "",
                          note=unit_rows["note"].iloc[0] if "note" in unit_rows else "")
            if tier.get("rank_by") == "index":
                counted = unit_rows[unit_rows["applies"] & (unit_rows["weight"] > 0)]
                weights = counted["weight"]
                record["index"] = ((weights * counted["achieved"] / counted["max"]).sum() / weights.sum()
                                   if evaluated else math.nan)
                record["value"] = record["index"]
            else:
                record["value"] = achieved if tier.get("rank_by") == "points" else record["rate"]
            if components:
                assert set(unit_rows["part"]) == set(components), f"{unit_name}: components {set(unit_rows['part'])}"
                for key, component in components.items():
                    part = unit_rows[unit_rows["part"] == key]
                    got = part["achieved"].fillna(0).sum()
                    appl = (part["max"] - part["excluded"]).sum()
                    value = got if component.get("rank_by", "points") == "points" else got / appl
                    record[f"{key}_achieved_points"] = got
                    record[f"{key}_level"] = (level_of(value, component["levels"]) or name(component["below"])
                                              if evaluated else NOT_EVALUATED)
            units.append(record)
        table = pd.DataFrame(units)
        below = name(tier.get("below", "Chưa đạt"))
        levels = tier.get("levels")

        def tier_level(record: pd.Series) -> str:
            if not record["evaluated"]:
                return NOT_EVALUATED
            if components and tier.get("level_by", "total") == "lowest":
                found = []
                for key, component in components.items():
                    names = [name(l["name"]) for l in component["levels"]]
                    level = record[f"{key}_level"]
                    if level not in names:
                        return below  # under this component's lowest threshold
                    found.append(names.index(level))
                first = [name(l["name"]) for l in next(iter(components.values()))["levels"]]
                return first[max(found)]
            if not levels:
                return ""
            return level_of(record["value"], levels) or below

        table["level"] = table.apply(tier_level, axis=1)
        ranked = table["evaluated"].copy()
        if tier.get("rank_below", True) is False:
            ranked &= table["level"] != below
        table["ranked"] = ranked
        value9 = table["value"].round(9)
        within = tier.get("rank_within")
        keys = table[within] if within else pd.Series("", index=table.index)
        table["rank"] = pd.NA
        for _, index in table[ranked].groupby(keys[ranked]).groups.items():
            values = value9[index]
            table.loc[index, "rank"] = [1 + int((values > v).sum()) for v in values]
        out.append(order(table))
    return pd.concat(out, ignore_index=True)


ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"


def vi_key(text: str) -> tuple:
    """Vietnamese alphabetical order: base letters a < ă < â < b ... đ ..., tones after the letter."""
    letters, tones = [], []
    for char in unicodedata.normalize("NFC", text.casefold()):
        decomposed = unicodedata.normalize("NFD", char)
        tone = next((m for m in decomposed[1:] if m in "\u0300\u0301\u0303\u0309\u0323"), "")
        base = unicodedata.normalize("NFC", "".join(m for m in decomposed if m != tone))
        letters.append((ALPHABET.index(base) if base in ALPHABET else 100 + ord(base), base))
        tones.append(" \u0300\u0301\u0309\u0303\u0323".index(tone or " "))
    return tuple(letters), tuple(tones)


def order(table: pd.DataFrame) -> pd.DataFrame:
    """Ranked units by rank then name; unranked evaluated ones by value then name; then not evaluated."""
    def key(position: int) -> tuple:
        row = table.iloc[position]
        if row["ranked"]:
            return (0, row["rank"], vi_key(row["unit"]))
        if row["evaluated"]:
            return (1, -row["value"], vi_key(row["unit"]))
        return (2, 0, vi_key(row["unit"]))

    return table.iloc[sorted(range(len(table)), key=key)]


# --------------------------------------------------------------------------- reporting and facts

def summary(title: str, scores: pd.DataFrame, framework: dict) -> None:
    print(f"\n=== {title}")
    for tier_key, tier in framework["tiers"].items():
        table = scores[scores["tier"] == tier_key]
        names = [name(l["name"]) for l in tier.get("levels") or []]
        for component in (tier.get("components") or {}).values():
            names = names or [name(l["name"]) for l in component["levels"]]
        counts = table["level"].value_counts()
        shown = ", ".join(f"{lvl or '(no level)'}: {counts.get(lvl, 0)}"
                          for lvl in names + [name(tier.get("below", "Chưa đạt")), NOT_EVALUATED, ""]
                          if counts.get(lvl, 0) or lvl in names)
        print(f"  {tier_key} ({tier['label']}): {len(table)} units — {shown}")
        ranked = table[table["ranked"]]
        value = "index" if tier.get("rank_by") == "index" else "achieved_points"
        scale = tier.get("index_scale", 1) if value == "index" else 1
        unranked = table[table["evaluated"] & ~table["ranked"]]
        shown_rows = [("first", ranked.iloc[0]), ("last ranked", ranked.iloc[-1])] if len(ranked) else []
        if len(unranked):
            shown_rows += [("highest not ranked", unranked.iloc[0]), ("lowest not ranked", unranked.iloc[-1])]
        if not len(ranked):
            print("    no unit ranked")
        for label, row in shown_rows:
            rank = f"#{row['rank']} " if row["ranked"] else ""
            print(f"    {label}: {rank}{row['unit']} — {row[value] * scale:.4f}"
                  f"{' of ' + format(row['max_points'], 'g') if value != 'index' else ' / ' + str(scale)}"
                  f" ({row['level'] or 'no level'})")


def unit(scores: pd.DataFrame, tier: str, unit_name: str) -> pd.Series:
    found = scores[(scores["tier"] == tier) & (scores["unit"] == unit_name)]
    assert len(found) == 1, f"{tier}/{unit_name}: {len(found)} rows"
    return found.iloc[0]


def close(a: float, b: float) -> bool:
    return abs(a - b) < 1e-6


def counts(scores: pd.DataFrame, tier: str) -> dict:
    return scores[scores["tier"] == tier]["level"].value_counts().to_dict()


def check_gia_lai_2022() -> None:
    params, framework, frame, notes = load(FILES[0])
    assert params["decision"] == "Quyết định 318/QĐ-UBND ngày 14/6/2023"
    scores = score(framework, frame)
    summary("Gia Lai 2022", scores, framework)
    for tier in ("so-nganh", "huyen"):
        assert framework["tiers"][tier]["level_by"] == "lowest"
        comps = framework["tiers"][tier]["components"]
        assert comps["san-sang"]["label"] == "Điều kiện sẵn sàng" and comps["ket-qua"]["label"] == "Kết quả CQĐT"
        assert all(c["below"] == "Chưa đạt" for c in comps.values())
        assert [l["name"] for l in comps["san-sang"]["levels"]] == ["I", "II", "III", "IV"]
    # Departments
    so = scores[scores["tier"] == "so-nganh"]
    assert len(so) == 20 and so["unit"].is_unique
    assert counts(scores, "so-nganh") == {"I": 16, "II": 2, "III": 2}, counts(scores, "so-nganh")
    for unit_name, total, rank in (("Sở Thông tin và Truyền thông", 118.348, 1), ("Văn phòng UBND tỉnh", 117.512, 2),
                                   ("Sở Ngoại vụ", 117.355, 3), ("Sở Y tế", 100.32, 20)):
        row = unit(scores, "so-nganh", unit_name)
        assert close(row["achieved_points"], total) and row["rank"] == rank, \
            (unit_name, row["achieved_points"], row["rank"])
    assert so["rank"].tolist() == list(range(1, 21)), "department totals are all distinct"
    # Districts
    hu = scores[scores["tier"] == "huyen"]
    districts = {"TP. Pleiku", "TX. An Khê", "TX. Ayun Pa", "Huyện KBang", "Huyện Đak Đoa", "Huyện Chư Păh",
                 "Huyện Ia Grai", "Huyện Mang Yang", "Huyện Kông Chro", "Huyện Đức Cơ", "Huyện Chư Prông",
                 "Huyện Chư Sê", "Huyện Đak Pơ", "Huyện Ia Pa", "Huyện Krông Pa", "Huyện Phú Thiện", "Huyện Chư Pưh"}
    assert set(hu["unit"]) == districts and len(hu) == 17
    assert counts(scores, "huyen") == {"II": 6, "III": 8, "IV": 3}, counts(scores, "huyen")
    for unit_name, total, rank, level in (("TP. Pleiku", 154.603, 1, "II"), ("Huyện Đak Pơ", 151.57, 2, None),
                                          ("Huyện Chư Pưh", 151.35, 3, None), ("Huyện Đức Cơ", 135.815, 17, "IV")):
        row = unit(scores, "huyen", unit_name)
        assert close(row["achieved_points"], total) and row["rank"] == rank, (unit_name, row["achieved_points"])
        assert level is None or row["level"] == level, (unit_name, row["level"])
    pleiku = unit(scores, "huyen", "TP. Pleiku")
    assert sorted([pleiku["san-sang_level"], pleiku["ket-qua_level"]]) == ["I", "II"], "held back by one component"
    assert set(hu["max_points"]) == {160.0} and round(100 * pleiku["achieved_points"] / 160) == 97
    assert hu["rank"].tolist() == list(range(1, 18))
    # Communes
    xa = scores[scores["tier"] == "xa"]
    tier = framework["tiers"]["xa"]
    assert tier["rank_by"] == "points" and tier["rank_below"] is False and tier["below"] == "Không xếp hạng"
    assert tier["levels"] == [{"name": "III", "min": 80}, {"name": "IV", "min": 62}] and "components" not in tier
    assert len(xa) == 220 and xa["unit"].map(str.casefold).is_unique
    assert counts(scores, "xa") == {"III": 3, "IV": 13, "Không xếp hạng": 197, NOT_EVALUATED: 7}, counts(scores, "xa")
    assert xa["ranked"].sum() == 16 and xa[~xa["ranked"]]["rank"].isna().all()
    assert set(xa["district"]) == districts
    absent = {"Xã Tú An": "TX. An Khê", "Xã Ia Phìn": "Huyện Chư Prông", "Xã Ia Ga": "Huyện Chư Prông",
              "Xã Ia Vê": "Huyện Chư Prông", "Xã Thăng Hưng": "Huyện Chư Prông", "Xã Ia Piơ": "Huyện Chư Prông",
              "Xã Chư Don": "Huyện Chư Pưh"}
    missing = xa[xa["level"] == NOT_EVALUATED]
    assert dict(zip(missing["unit"], missing["district"])) == absent
    assert all("không tổ chức đánh giá" in n for n in missing["note"])
    assert all(u.split(" ")[0] in ("Xã", "Phường", "Thị") for u in xa["unit"])
    print(f"  xa split: 3 III + 13 IV + 197 Không xếp hạng + 7 {NOT_EVALUATED} = {len(xa)}")
    ties = xa[xa["ranked"]]["rank"].value_counts()
    print(f"  xa: ranks shared by two communes: {sorted(ties[ties > 1].index.tolist())}; "
          f"exactly 62 points: {xa[xa['achieved_points'] == 62]['unit'].tolist()}")


def check_gia_lai_2019() -> None:
    params, framework, frame, notes = load(FILES[1])
    scores = score(framework, frame)
    summary("Gia Lai 2019", scores, framework)
    for key, tier in framework["tiers"].items():
        assert tier["level_by"] == "lowest" and tier["rank_below"] is False and tier["below"] == "Không xếp hạng"
        assert set(tier["components"]) == {"san-sang", "ket-qua"} and tier["rank_by"] == "points"
    assert counts(scores, "so-nganh") == {"I": 2, "II": 8, "III": 5, "IV": 2, "Không xếp hạng": 3}, \
        counts(scores, "so-nganh")
    so = scores[scores["tier"] == "so-nganh"]
    assert len(so) == 20 and so["ranked"].sum() == 17
    hu = scores[scores["tier"] == "huyen"]
    assert len(hu) == 17 and counts(scores, "huyen") == {"IV": 1, "Không xếp hạng": 16}
    pleiku = unit(scores, "huyen", "TP. Pleiku")
    assert pleiku["level"] == "IV" and pleiku["rank"] == 1 and hu["ranked"].sum() == 1
    xa = scores[scores["tier"] == "xa"]
    assert len(xa) >= 24 and not xa["ranked"].any() and set(xa["level"]) == {"Không xếp hạng"}
    # The samples do not depend on how ranks skip past unranked units: every unit not ranked has
    # fewer points than every ranked unit of its tier.
    for key in framework["tiers"]:
        table = scores[scores["tier"] == key]
        if table["ranked"].any() and (~table["ranked"]).any():
            assert table[~table["ranked"]]["value"].max() < table[table["ranked"]]["value"].min()


def check_hung_yen_2019() -> None:
    params, framework, frame, notes = load(FILES[2])
    raw = (ROOT / "data/hung-yen/2019/groups.csv").read_text(encoding="utf-8")
    body = "\n".join(line for line in raw.splitlines() if not line.startswith("#"))
    assert re.search(r'"\d+,\d+"', body) and re.search(r",\d+\.\d+(,|$)", body, re.M), \
        "both decimal commas (quoted) and decimal points"
    titles = [g["title"] for g in framework["groups"]]
    assert titles == ["Hạ tầng kỹ thuật CNTT", "Nhân lực cho ứng dụng CNTT",
                      "Ứng dụng CNTT trong hoạt động của cơ quan", "Cung cấp dịch vụ công trực tuyến",
                      "Cơ chế chính sách và các quy định cho ứng dụng CNTT"]
    assert list(frame.columns[:2]) == ["tier", "unit"] and list(frame.columns[2:]) == titles, "wide form"
    for tier in framework["tiers"].values():
        assert "levels" not in tier and tier["rank_by"] == "points"
    assert sum(g["max_points"]["so-nganh"] for g in framework["groups"]) == 500
    assert sum(g["max_points"]["huyen"] for g in framework["groups"]) == 150
    scores = score(framework, frame)
    summary("Hưng Yên 2019", scores, framework)
    assert (scores["level"] == "").all(), "no levels"
    parts = parts_long(frame, framework)

    def group(unit_name: str, gid: str) -> float:
        row = parts[(parts["unit"] == unit_name) & (parts["part"] == gid)]
        return float(row["achieved"].iloc[0])

    so = scores[scores["tier"] == "so-nganh"]
    assert 18 <= len(so) <= 22 and set(so["max_points"]) == {500.0}
    tc = unit(scores, "so-nganh", "Sở Tài chính")
    assert tc["rank"] == 1 and close(tc["achieved_points"], 413)
    assert (group("Sở Tài chính", "1"), group("Sở Tài chính", "4"), group("Sở Tài chính", "5")) == (50, 77, 90)
    tt = unit(scores, "so-nganh", "Sở Thông tin và Truyền thông")
    assert tt["rank"] == 4 and close(tt["achieved_points"], 410.5)
    assert (group("Sở Thông tin và Truyền thông", "3"), group("Sở Thông tin và Truyền thông", "4")) == (90, 60)
    assert so["rank"].tolist() == list(range(1, len(so) + 1))
    hu = scores[scores["tier"] == "huyen"]
    published_order = ["Huyện Văn Lâm", "Huyện Mỹ Hào", "Huyện Khoái Châu", "Huyện Văn Giang", "TP. Hưng Yên",
                       "Huyện Yên Mỹ", "Huyện Tiên Lữ", "Huyện Kim Động", "Huyện Ân Thi", "Huyện Phù Cừ"]
    assert hu["unit"].tolist() == published_order and hu["rank"].tolist() == list(range(1, 11))
    assert close(hu["achieved_points"].iloc[0], 119.34) and set(hu["max_points"]) == {150.0}
    assert hu["achieved_points"].is_monotonic_decreasing and hu["achieved_points"].is_unique


def check_van_son_2024() -> None:
    params, framework, frame, notes = load(FILES[3])
    assert list(frame.columns[:4]) == ["tier", "unit", "group", "points"], "long form"
    weights = {g["id"]: g["weight"] for g in framework["groups"]}
    assert 6 <= len(weights) <= 9 and sorted(weights.values()).count(0) == 1
    scores = score(framework, frame)
    summary("Vân Sơn 2024 (fictional DTI)", scores, framework)
    for key, tier in framework["tiers"].items():
        assert tier["rank_by"] == "index" and tier["index_scale"] == 1000 and tier["below"] == "Yếu"
        assert [(l["name"], l["min"]) for l in tier["levels"]] == [("Tốt", 0.8), ("Khá", 0.65), ("Trung bình", 0.5)]
    assert (frame["points"].str.upper() == "N/A").any(), "an N/A group"
    assert (scores["level"] == NOT_EVALUATED).sum() == 1
    ranked = scores[scores["ranked"]]
    shared = ranked.groupby(["tier", "rank"]).filter(lambda g: len(g) > 1)
    assert len(shared) >= 2 and shared["index"].round(12).nunique() == 1, "a tie in the index"
    tie_rank = int(shared["rank"].iloc[0])
    after = ranked[(ranked["tier"] == shared["tier"].iloc[0]) & (ranked["rank"] > tie_rank)]["rank"].min()
    assert after == tie_rank + len(shared), "competition ranking skips after a tie"
    print(f"  tie: {', '.join(shared['unit'])} share rank {tie_rank} "
          f"(index {shared['index'].iloc[0] * 1000:.4f}); the next rank is {after}")
    levels = set(scores["level"])
    assert {"Tốt", "Khá", "Trung bình", "Yếu"} <= levels, levels
    # Smart city (weight 0) is shown for districts and counts in no index.
    parts = parts_long(frame, framework)
    assert weights["do-thi"] == 0 and set(parts[parts["part"] == "do-thi"]["tier"]) == {"huyen-dti"}


if __name__ == "__main__":
    check_gia_lai_2022()
    check_gia_lai_2019()
    check_hung_yen_2019()
    check_van_son_2024()
    print("\nall published facts hold")
    sys.exit(0)
