"""egovnb against a plain, independent implementation of SPEC.md, on random inputs at both grains."""

from __future__ import annotations

import csv
import math

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from egovnb.core.assessment import assess
from egovnb.core.collation import sort_key

TIERS = {
    "so-nganh": ("rate", [("I", 0.9), ("II", 0.85), ("III", 0.8), ("IV", 0.7)], "Chưa đạt"),
    "xa": ("points", [("III", 70.0), ("IV", 62.0)], "Không xếp hạng"),
}
NAMES = ["Sở Y tế", "Sở Tư pháp", "Ban Dân tộc", "Xã Ia Phìn", "Xã Ia Ga", "Phường 2", "Phường 10",
         "Xã Ăn Hòa", "Xã Ân Phú", "Xã An Lão", "Xã Đắk Ơ", "Xã Dak Pơ", "Thị trấn Ơn", "Văn phòng UBND tỉnh"]
CRITERIA = [("1.1", 5.0), ("1.2", 10.0), ("2.1", 25.0), ("3.1", 60.0)]  # 100 points in all


def reference(units):
    """units: list of dicts tier, unit, max, excluded, achieved, evaluated -> list of scores rows."""
    rows = []
    for u in units:
        row = {"tier": u["tier"], "unit": u["unit"], "max_points": u["max"]}
        if u["evaluated"]:
            applicable = u["max"] - u["excluded"]
            rate = u["achieved"] / applicable
            row.update(excluded_points=u["excluded"], applicable_points=applicable, achieved_points=u["achieved"],
                       rate=rate, converted_points=rate * u["max"])
            rank_by, levels, below = TIERS[u["tier"]]
            value = round(rate if rank_by == "rate" else u["achieved"], 9)
            row["value"] = value
            row["level"] = next((name for name, low in levels if value >= low), below)
        else:
            row.update(value=None, level="Không đánh giá")
        rows.append(row)
    for row in rows:
        if row["value"] is None:
            row["rank"] = None
        else:
            row["rank"] = 1 + sum(1 for other in rows if other["tier"] == row["tier"] and other["value"] is not None
                                  and other["value"] > row["value"])
    order = list(TIERS)
    rows.sort(key=lambda r: (order.index(r["tier"]), r["rank"] if r["rank"] is not None else math.inf,
                             sort_key(r["unit"])))
    return rows


def framework_yaml(with_criteria: bool) -> str:
    lines = ["tiers:"]
    for key, (rank_by, levels, below) in TIERS.items():
        lines += [f"  {key}:", f"    rank_by: {rank_by}", "    levels:"]
        lines += [f"      - {{name: {name}, min: {low}}}" for name, low in levels]
        lines.append(f"    below: {below}")
    if with_criteria:
        lines.append("criteria:")
        lines += [f'  - {{id: "{cid}", group: G{cid[0]}, title: T, max_points: {mx}}}' for cid, mx in CRITERIA]
    return "\n".join(lines) + "\n"


def number_text(value: float, comma: bool) -> str:
    text = repr(float(value))
    return text.replace(".", ",") if comma else text


unit_strategy = st.fixed_dictionaries({
    "tier": st.sampled_from(list(TIERS)),
    "evaluated": st.booleans().map(lambda b: b or False) | st.just(True),
    # points chosen on a coarse grid so ties happen often
    "shares": st.lists(st.one_of(st.none(), st.integers(0, 4).map(lambda k: k / 4)), min_size=4, max_size=4),
    "comma": st.booleans(),
})


def make_units(draw_units):
    units, seen = [], set()
    for index, u in enumerate(draw_units):
        name = NAMES[index % len(NAMES)] + ("" if index < len(NAMES) else f" {index}")
        if (u["tier"], name) in seen:
            continue
        seen.add((u["tier"], name))
        shares = list(u["shares"])
        if all(s is None for s in shares):
            shares[0] = 0.5
        units.append({**u, "unit": name, "shares": shares})
    return units


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(unit_strategy, min_size=1, max_size=25))
def test_criterion_grain_matches_reference(tmp_path_factory, drawn):
    folder = tmp_path_factory.mktemp("ref")
    units = make_units(drawn)
    with open(folder / "data.csv", "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["tier", "unit", "criterion", "points", "evaluated"])
        for u in units:
            for (cid, mx), share in zip(CRITERIA, u["shares"]):
                cell = "N/A" if share is None else number_text(share * mx, u["comma"])
                writer.writerow([u["tier"], u["unit"], cid, "" if not u["evaluated"] else cell,
                                 "" if u["evaluated"] else "không"])
            u.update(max=100.0,
                     excluded=sum(mx for (_, mx), s in zip(CRITERIA, u["shares"]) if s is None),
                     achieved=sum(s * mx for (_, mx), s in zip(CRITERIA, u["shares"]) if s is not None))
    (folder / "fw.yaml").write_text(framework_yaml(True), encoding="utf-8")
    (folder / "p.yaml").write_text("province: Thử\nyear: 2024\ndata: data.csv\nframework: fw.yaml\n", encoding="utf-8")
    compare(assess(folder / "p.yaml").scores, reference(units))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(unit_strategy, min_size=1, max_size=25))
def test_summary_grain_matches_reference(tmp_path_factory, drawn):
    folder = tmp_path_factory.mktemp("ref")
    units = make_units(drawn)
    with open(folder / "data.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["tier", "unit", "max_points", "excluded_points", "achieved_points", "evaluated"])
        for u in units:
            excluded = sum(mx for (_, mx), s in zip(CRITERIA, u["shares"]) if s is None)
            achieved = sum(s * mx for (_, mx), s in zip(CRITERIA, u["shares"]) if s is not None)
            u.update(max=100.0, excluded=excluded, achieved=achieved)
            writer.writerow([u["tier"], f"  {u['unit']} ", "100", number_text(excluded, u["comma"]),
                             number_text(achieved, u["comma"]) if u["evaluated"] else "",
                             "yes" if u["evaluated"] else "no"])
    (folder / "fw.yaml").write_text(framework_yaml(False), encoding="utf-8")
    (folder / "p.yaml").write_text("province: Thử\nyear: 2024\ndata: data.csv\nframework: fw.yaml\n", encoding="utf-8")
    compare(assess(folder / "p.yaml").scores, reference(units), keep_given=True)


def compare(actual: pd.DataFrame, expected: list[dict], keep_given: bool = False) -> None:
    assert actual.unit.tolist() == [r["unit"] for r in expected]
    assert actual.level.tolist() == [r["level"] for r in expected]
    assert [None if pd.isna(r) else int(r) for r in actual["rank"]] == [r["rank"] for r in expected]
    for (_, row), exp in zip(actual.iterrows(), expected):
        assert row.max_points == exp["max_points"]
        if exp["rank"] is not None:
            for column in ("excluded_points", "applicable_points", "achieved_points", "rate", "converted_points"):
                assert math.isclose(row[column], exp[column], rel_tol=1e-12, abs_tol=1e-12), column
        else:
            assert pd.isna(row.rate) and pd.isna(row.converted_points)
