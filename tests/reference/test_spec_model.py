"""The reference model (spec_model.py) against published figures and hand-computed cases.

Everything it needs is copied in here: nothing is read from outside the repository,
and egovnb is not imported.
"""

from __future__ import annotations

import csv
import unicodedata

import pytest
import yaml
from hypothesis import HealthCheck, given, settings

from .generate import GENERATORS, cases, generate, write_case
from .spec_model import SCORE_COLUMNS, SpecInputError, score, vi_sort_key

RATE_LEVELS = [{"name": "I", "min": 0.90}, {"name": "II", "min": 0.85},
               {"name": "III", "min": 0.80}, {"name": "IV", "min": 0.70}]
RATE_TIER = {"label": "Sở, ban, ngành", "rank_by": "rate", "levels": RATE_LEVELS, "below": "Chưa đạt"}
POINTS_TIER = {"label": "UBND cấp xã", "rank_by": "points",
               "levels": [{"name": "III", "min": 80}, {"name": "IV", "min": 62}], "below": "Không xếp hạng"}


def summary(tier, unit, max_points, excluded, achieved, **extra):
    return {"tier": tier, "unit": unit, "max_points": max_points, "excluded_points": excluded,
            "achieved_points": achieved, **extra}


def by_unit(table):
    return {row["unit"]: row for row in table}


def column(table, name):
    return [row[name] for row in table]


# ---------------------------------------------------------------- published: Thừa Thiên Huế 2020

# Quyết định 3402/QĐ-UBND (adjusted by 102/QĐ-UBND), departments: unit, excluded, achieved, published rank.
THUA_THIEN_HUE_DEPARTMENTS = [
    ("Sở Công Thương", 0, "90", 1), ("Sở Kế hoạch và Đầu tư", 3, "87", 1), ("Sở Ngoại vụ", 10, "80", 1),
    ("Sở Thông tin và Truyền thông", 1, "89", 1), ("Văn phòng UBND tỉnh", 23, "67", 1),
    ("Sở Văn hóa - Thể thao", 0, "89.4", 6), ("Sở Nội vụ", 14, "75", 7), ("Ban Dân tộc", 4, "84.5", 8),
    ("Sở Lao động thương binh xã hội", 0, "88.4", 9), ("Sở Tài chính", 0, "88", 10),
    ("Sở Giao thông Vận tải", 4, "83.55", 11), ("Sở Nông nghiệp và Phát triển nông thôn", 0, "87.3", 12),
    ("Sở Du lịch", 1, "86.17372", 13), ("Sở Tài Nguyên Môi trường", 1, "85.58067", 14),
    ("Sở Khoa học và Công nghệ", 5, "81.5", 15), ("Thanh tra tỉnh", 47, "41", 16), ("Sở Xây dựng", 0, "85.35", 17),
    ("Sở Tư pháp", 16, "70.01", 18), ("Sở Y tế", 0, "85.09", 19), ("Sở Giáo dục và Đào tạo", 0, "81.87979", 20),
]

# The same decision, districts (max 100, 8 excluded): unit, achieved, published level.
THUA_THIEN_HUE_DISTRICTS = [
    ("UBND huyện Nam Đông", "78.53", "II"), ("UBND huyện Phú Vang", "75.81", "III"),
    ("UBND huyện A Lưới", "75.41", "III"), ("UBND thị xã Hương Trà", "74.29", "III"),
    ("UBND thị xã Hương Thủy", "70.44", "IV"), ("UBND huyện Phong Điền", "69.67", "IV"),
    ("UBND thành phố Huế", "67.00", "IV"), ("UBND huyện Quảng Điền", "66.82", "IV"),
    ("UBND huyện Phú Lộc", "61.32", "Chưa đạt"),
]


def test_thua_thien_hue_departments_ranks_order_and_levels():
    rows = [summary("so-nganh", unit, "90", excluded, achieved.replace(".", ","))
            for unit, excluded, achieved, _ in reversed(THUA_THIEN_HUE_DEPARTMENTS)]
    table = score({"tiers": {"so-nganh": RATE_TIER}}, rows)
    assert column(table, "rank") == [rank for *_, rank in THUA_THIEN_HUE_DEPARTMENTS]
    assert column(table, "rank")[:7] == [1, 1, 1, 1, 1, 6, 7]
    assert column(table, "unit")[:5] == ["Sở Công Thương", "Sở Kế hoạch và Đầu tư", "Sở Ngoại vụ",
                                         "Sở Thông tin và Truyền thông", "Văn phòng UBND tỉnh"]
    # Both printed 99 %, ranked 6 and 7: ties are on the exact rate.
    assert [round(r["rate"] * 100) for r in table[5:7]] == [99, 99]
    assert column(table, "level") == ["I"] * 20
    assert column(table, "next_level") == [None] * 20 and column(table, "points_to_next_level") == [None] * 20
    assert min(r["rate"] for r in table) == pytest.approx(81.87979 / 90)
    first = table[0]
    assert list(first) == list(SCORE_COLUMNS)
    assert (first["max_points"], first["excluded_points"], first["applicable_points"], first["achieved_points"],
            first["rate"], first["converted_points"]) == (90, 0, 90, 90, 1, 90)
    sixth = table[5]
    assert sixth["unit"] == "Sở Văn hóa - Thể thao"
    assert sixth["converted_points"] == pytest.approx(89.4)


def test_thua_thien_hue_departments_from_the_published_csv():
    """The same table as the repository keeps it (tests/data), read with the csv module."""
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "data" / "thua-thien-hue-2020-so-nganh.csv"
    with open(path, encoding="utf-8-sig", newline="") as handle:
        published = list(csv.DictReader(handle))
    rows = [{"tier": "so-nganh", "unit": r["unit"], "max_points": r["max_points"],
             "excluded_points": r["excluded_points"], "achieved_points": r["achieved_points"]} for r in published]
    table = score({"tiers": {"so-nganh": RATE_TIER}}, rows)
    assert column(table, "unit") == [r["unit"] for r in published]
    assert column(table, "rank") == [int(r["published_rank"]) for r in published]
    assert column(table, "level") == [r["level"] for r in published]
    assert [round(r["rate"] * 100) for r in table] == [int(r["rate_pct"]) for r in published]


def test_thua_thien_hue_districts_levels_and_gaps():
    rows = [summary("huyen", unit, 100, 8, achieved) for unit, achieved, _ in THUA_THIEN_HUE_DISTRICTS]
    table = score({"tiers": {"huyen": RATE_TIER}}, rows)
    assert column(table, "unit") == [unit for unit, *_ in THUA_THIEN_HUE_DISTRICTS]
    assert column(table, "level") == ["II", "III", "III", "III", "IV", "IV", "IV", "IV", "Chưa đạt"]
    assert column(table, "rank") == list(range(1, 10))
    assert set(column(table, "applicable_points")) == {92}
    nam_dong, phu_vang, *_, phu_loc = table
    assert nam_dong["rate"] == pytest.approx(78.53 / 92) and nam_dong["converted_points"] == pytest.approx(85.358696, 1e-6)
    # The next level and the points still missing: min × applicable − achieved.
    assert (nam_dong["next_level"], nam_dong["points_to_next_level"]) == ("I", pytest.approx(0.90 * 92 - 78.53))
    assert (phu_vang["next_level"], phu_vang["points_to_next_level"]) == ("II", pytest.approx(2.39))
    assert (phu_loc["next_level"], phu_loc["points_to_next_level"]) == ("IV", pytest.approx(3.08))


# ---------------------------------------------------------------- summary grain details


def test_not_evaluated_units_come_last_with_empty_numbers():
    rows = [summary("xa", "Xã Ia Phìn", 100, 0, "", evaluated="không", note="Huyện không đánh giá"),
            summary("xa", "Xã Tú An", 100, 5, "", evaluated="No"),
            summary("xa", "Xã Ia Ga", 100, 0, "70,5", evaluated="yes")]
    table = score({"tiers": {"xa": POINTS_TIER}}, rows)
    assert column(table, "unit") == ["Xã Ia Ga", "Xã Ia Phìn", "Xã Tú An"]
    assert column(table, "rank") == [1, None, None]
    assert column(table, "level") == ["IV", "Không đánh giá", "Không đánh giá"]
    not_evaluated = table[2]
    # What the data says without an evaluation is kept (summary grain); nothing else.
    assert (not_evaluated["max_points"], not_evaluated["excluded_points"],
            not_evaluated["applicable_points"]) == (100, 5, 95)
    for name in ("achieved_points", "rate", "converted_points", "next_level", "points_to_next_level"):
        assert not_evaluated[name] is None, name
    assert table[0]["next_level"] == "III" and table[0]["points_to_next_level"] == pytest.approx(9.5)


def test_ties_agree_to_nine_decimals_and_levels_use_the_rounded_value():
    rows = [summary("so-nganh", "Sở B", 100, 0, "89.99999996"),      # 0.8999999996 → 0.9: level I
            summary("so-nganh", "Sở A", 100, 0, "89.99999999"),      # the same to 9 decimals: tie
            summary("so-nganh", "Sở C", 100, 0, "89.9999994"),       # 0.899999994: II
            summary("so-nganh", "Sở D", 100, 0, "89.999999")]
    table = score({"tiers": {"so-nganh": RATE_TIER}}, rows)
    assert column(table, "unit") == ["Sở A", "Sở B", "Sở C", "Sở D"]
    assert column(table, "rank") == [1, 1, 3, 4]
    assert column(table, "level") == ["I", "I", "II", "II"]
    assert table[2]["points_to_next_level"] == pytest.approx(0.0000006, rel=1e-6)


def test_names_are_nfc_and_whitespace_folded():
    nfd = unicodedata.normalize("NFD", "Xã Đắk Ơ")
    rows = [summary("xa", f"  {nfd.replace(' ', '   ')} ", 100, 0, "85"), summary("xa", "Xã Dak Pơ", 100, 0, "85")]
    table = score({"tiers": {"xa": POINTS_TIER}}, rows)
    assert column(table, "unit") == ["Xã Dak Pơ", "Xã Đắk Ơ"]
    assert table[1]["unit"] == unicodedata.normalize("NFC", "Xã Đắk Ơ")


def test_tier_without_levels_is_ranked_only():
    rows = [summary("so-nganh", "Sở Tài chính", 500, 0, "413"),
            summary("so-nganh", "Sở Thông tin và Truyền thông", 500, 0, "410,5"),
            summary("so-nganh", "Sở Y tế", 500, 0, "", evaluated="không")]
    table = score({"tiers": {"so-nganh": {"label": "Sở, ban, ngành", "rank_by": "points"}}}, rows)
    assert column(table, "rank") == [1, 2, None]
    assert column(table, "level") == [None, None, "Không đánh giá"]
    assert column(table, "next_level") == [None, None, None]
    assert column(table, "points_to_next_level") == [None, None, None]


def test_rank_below_false_lists_unranked_units_by_value_then_name():
    tier = {**POINTS_TIER, "rank_below": False}
    rows = [summary("xa", "Xã Ia Vê", 100, 0, "50"), summary("xa", "Xã An Lão", 100, 0, "50"),
            summary("xa", "Xã Ia Piơ", 100, 0, "61.99"), summary("xa", "Xã Thăng Hưng", 100, 0, "62"),
            summary("xa", "Xã Chư Don", 100, 0, "", evaluated="no"), summary("xa", "Xã Ia Ga", 100, 0, "85")]
    table = score({"tiers": {"xa": tier}}, rows)
    assert column(table, "unit") == ["Xã Ia Ga", "Xã Thăng Hưng", "Xã Ia Piơ", "Xã An Lão", "Xã Ia Vê",
                                     "Xã Chư Don"]
    assert column(table, "rank") == [1, 2, None, None, None, None]
    assert column(table, "level") == ["III", "IV", "Không xếp hạng", "Không xếp hạng", "Không xếp hạng",
                                      "Không đánh giá"]
    assert column(table, "next_level") == [None, "III", "IV", "IV", "IV", None]
    assert column(table, "points_to_next_level") == [None, 18, pytest.approx(0.01), 12, 12, None]


def test_rank_within_a_district_column():
    tier = {**POINTS_TIER, "rank_within": "district"}
    rows = [summary("xa", "Xã Ia Phìn", 100, 0, "70", district="Chư Prông"),
            summary("xa", "Xã Tú An", 100, 0, "90", district="An Khê"),
            summary("xa", "Xã Ia Ga", 100, 0, "90", district="Chư Prông"),
            summary("xa", "Xã Ia Vê", 100, 0, "95", district="Chư  Prông"),
            summary("xa", "Xã Ia Hla", 100, 0, "", district="Chư Prông", evaluated="không"),
            summary("xa", "Xã Chư Don", 100, 0, "75", district="Chư Pưh"),
            summary("xa", "Xã Thành An", 100, 0, "60", district="An Khê")]
    table = score({"tiers": {"xa": tier}}, rows)
    assert [(r["unit"], r["rank"]) for r in table] == [
        ("Xã Tú An", 1), ("Xã Thành An", 2),                                   # An Khê
        ("Xã Ia Vê", 1), ("Xã Ia Ga", 2), ("Xã Ia Phìn", 3), ("Xã Ia Hla", None),  # Chư Prông
        ("Xã Chư Don", 1)]                                                   # Chư Pưh
    assert "district" not in table[0]


# ---------------------------------------------------------------- components

GIA_LAI_COMPONENTS = {
    "san-sang": {"label": "Điều kiện sẵn sàng", "rank_by": "points",
                 "levels": [{"name": "I", "min": 54}, {"name": "II", "min": 48},
                            {"name": "III", "min": 42}, {"name": "IV", "min": 36}], "below": "Chưa đạt"},
    "ket-qua": {"label": "Kết quả CQĐT", "rank_by": "points",
                "levels": [{"name": "I", "min": 90}, {"name": "II", "min": 80},
                           {"name": "III", "min": 70}, {"name": "IV", "min": 60}], "below": "Chưa đạt"},
}
# unit: (readiness points of 60, results points of 100)
COMPONENT_UNITS = {"Huyện A": (55, 85), "Huyện B": (50, 95), "Huyện C": (45, 75), "Huyện D": (30, 100)}


def component_rows():
    rows = []
    for unit, (readiness, results) in COMPONENT_UNITS.items():
        rows.append(summary("huyen", unit, 60, 0, readiness, component="san-sang"))
        rows.append(summary("huyen", unit, 100, 0, results, component="Kết quả CQĐT"))
    rows.append(summary("huyen", "Huyện E", 60, 0, "", component="san-sang", evaluated="không"))
    rows.append(summary("huyen", "Huyện E", 100, 0, "", component="ket-qua", evaluated="không"))
    return rows


def test_components_level_by_lowest():
    tier = {"label": "UBND cấp huyện", "rank_by": "points", "components": GIA_LAI_COMPONENTS,
            "level_by": "lowest", "below": "Chưa đạt"}
    table = score({"tiers": {"huyen": tier}}, component_rows())
    assert list(table[0]) == list(SCORE_COLUMNS) + [
        "san-sang_achieved_points", "san-sang_applicable_points", "san-sang_rate", "san-sang_level",
        "ket-qua_achieved_points", "ket-qua_applicable_points", "ket-qua_rate", "ket-qua_level"]
    rows = by_unit(table)
    # Ranked by total points: B 145, A 140, D 130, C 120; E not evaluated.
    assert column(table, "unit") == ["Huyện B", "Huyện A", "Huyện D", "Huyện C", "Huyện E"]
    assert column(table, "rank") == [1, 2, 3, 4, None]
    assert [(r["san-sang_level"], r["ket-qua_level"], r["level"]) for r in table] == [
        ("II", "I", "II"), ("I", "II", "II"), ("Chưa đạt", "I", "Chưa đạt"), ("III", "III", "III"),
        ("Không đánh giá", "Không đánh giá", "Không đánh giá")]
    # What holds each unit back, and the points it needs there.
    assert (rows["Huyện B"]["next_level"], rows["Huyện B"]["points_to_next_level"]) == ("I", 4)   # readiness 50 → 54
    assert (rows["Huyện A"]["next_level"], rows["Huyện A"]["points_to_next_level"]) == ("I", 5)   # results 85 → 90
    assert (rows["Huyện C"]["next_level"], rows["Huyện C"]["points_to_next_level"]) == ("II", 8)  # 3 + 5
    assert (rows["Huyện D"]["next_level"], rows["Huyện D"]["points_to_next_level"]) == ("IV", 6)  # readiness 30 → 36
    assert rows["Huyện B"]["san-sang_achieved_points"] == 50 and rows["Huyện B"]["san-sang_applicable_points"] == 60
    assert rows["Huyện B"]["san-sang_rate"] == pytest.approx(50 / 60)
    assert rows["Huyện B"]["max_points"] == 160 and rows["Huyện B"]["achieved_points"] == 145
    assert rows["Huyện E"]["max_points"] == 160 and rows["Huyện E"]["san-sang_rate"] is None


def test_components_level_by_lowest_without_ranks_under_the_lowest_level():
    tier = {"label": "UBND cấp huyện", "rank_by": "points", "components": GIA_LAI_COMPONENTS,
            "level_by": "lowest", "below": "Không xếp hạng", "rank_below": False}
    table = score({"tiers": {"huyen": tier}}, component_rows())
    # D out-scores C but is under readiness's lowest threshold: no rank, and C's rank has no gap for it.
    assert [(r["unit"], r["rank"], r["level"]) for r in table] == [
        ("Huyện B", 1, "II"), ("Huyện A", 2, "II"), ("Huyện C", 3, "III"), ("Huyện D", None, "Không xếp hạng"),
        ("Huyện E", None, "Không đánh giá")]


def test_components_level_by_total():
    tier = {"label": "UBND cấp huyện", "rank_by": "points", "components": GIA_LAI_COMPONENTS,
            "levels": [{"name": "I", "min": 144}, {"name": "II", "min": 128},
                       {"name": "III", "min": 112}, {"name": "IV", "min": 96}], "below": "Chưa đạt"}
    table = score({"tiers": {"huyen": tier}}, component_rows())
    assert [(r["unit"], r["level"], r["next_level"], r["points_to_next_level"]) for r in table] == [
        ("Huyện B", "I", None, None), ("Huyện A", "II", "I", 4), ("Huyện D", "II", "I", 14),
        ("Huyện C", "III", "II", 8), ("Huyện E", "Không đánh giá", None, None)]
    assert by_unit(table)["Huyện D"]["san-sang_level"] == "Chưa đạt"


def test_components_at_criterion_grain_through_groups():
    framework = {
        "tiers": {"huyen": {"rank_by": "rate", "components": {
            "san-sang": {"rank_by": "rate", "levels": RATE_LEVELS},
            "ket-qua": {"rank_by": "rate", "levels": RATE_LEVELS}}, "level_by": "lowest", "below": "Chưa đạt"}},
        "groups": [{"id": "1", "title": "Hạ tầng", "component": "san-sang"},
                   {"id": "2", "title": "Dịch vụ công", "component": "ket-qua"}],
        "criteria": [{"id": "1.1", "group": "Hạ tầng", "max_points": 10},
                     {"id": "1.2", "group": "1", "max_points": 10},
                     {"id": "2.1", "group": "2", "max_points": 50}],
    }
    rows = [{"tier": "huyen", "unit": "Huyện A", "criterion": "1.1", "points": "9"},
            {"tier": "huyen", "unit": "Huyện A", "criterion": "1.2", "points": "N/A"},
            {"tier": "huyen", "unit": "Huyện A", "criterion": "2.1", "points": "41,5"}]
    (row,) = score(framework, rows)
    assert (row["max_points"], row["excluded_points"], row["applicable_points"], row["achieved_points"]) == (70, 10, 60, 50.5)
    assert (row["san-sang_rate"], row["san-sang_level"]) == (0.9, "I")
    assert (row["ket-qua_rate"], row["ket-qua_level"]) == (pytest.approx(0.83), "III")
    assert (row["level"], row["next_level"], row["points_to_next_level"]) == ("III", "II", pytest.approx(1))


# ---------------------------------------------------------------- index (DTI)

DTI_FRAMEWORK = {
    "tiers": {"so-nganh-dti": {"label": "Sở, ban, ngành — DTI", "rank_by": "index", "index_scale": 1000,
                               "levels": [{"name": "Tốt", "min": 0.8}, {"name": "Khá", "min": 0.65},
                                          {"name": "Trung bình", "min": 0.5}], "below": "Yếu"}},
    "groups": [{"id": "1", "title": "Hạ tầng số", "weight": 100, "max_points": {"so-nganh-dti": 100}},
               {"id": "2", "title": "Chính quyền số", "weight": 200, "max_points": 100},
               {"id": "3", "title": "Đô thị thông minh", "weight": 0, "max_points": 50}],
}
# unit: points in groups 1, 2, 3 (None = N/A)
DTI_UNITS = {"Sở X": ("80", "90", "10"), "Sở Y": (None, "70", "50"), "Sở W": ("70", "70", "0"),
             "Sở Z": ("50", "45", None)}


def dti_expectations(table):
    assert column(table, "unit") == ["Sở X", "Sở W", "Sở Y", "Sở Z"]
    assert column(table, "rank") == [1, 2, 2, 4]
    assert column(table, "index") == pytest.approx([(80 + 180) / 300, 0.7, 0.7, (50 + 90) / 300])  # group 3 weighs 0
    assert column(table, "level") == ["Tốt", "Khá", "Khá", "Yếu"]
    assert column(table, "next_level") == [None, "Tốt", "Tốt", "Trung bình"]
    assert column(table, "points_to_next_level") == [None, pytest.approx(0.1), pytest.approx(0.1),
                                                     pytest.approx(0.5 - 140 / 300)]
    y = by_unit(table)["Sở Y"]
    assert (y["max_points"], y["excluded_points"], y["applicable_points"], y["achieved_points"]) == (250, 100, 150, 120)
    assert y["rate"] == pytest.approx(0.8) and y["converted_points"] == pytest.approx(200)
    assert list(table[0]) == list(SCORE_COLUMNS) + ["index"]


def test_index_with_a_zero_weight_group_long():
    rows = [{"tier": "so-nganh-dti", "unit": unit, "group": group, "points": "N/A" if points is None else points}
            for unit, scores in DTI_UNITS.items()
            for group, points in zip(("1", "Chính quyền số", "3"), scores)]
    dti_expectations(score(DTI_FRAMEWORK, rows))


def test_index_wide_group_grain_headed_by_id_or_title():
    rows = [{"tier": "so-nganh-dti", "unit": unit, "Hạ tầng số": scores[0] or "", "2": scores[1],
             "Đô thị thông minh": scores[2] or "N/A"} for unit, scores in DTI_UNITS.items()]
    dti_expectations(score(DTI_FRAMEWORK, rows))


def test_index_at_criterion_grain():
    framework = {**DTI_FRAMEWORK, "criteria": [
        {"id": "1.1", "group": "1", "max_points": 40}, {"id": "1.2", "group": "Hạ tầng số", "max_points": 60},
        {"id": "2.1", "group": "2", "max_points": 100}, {"id": "3.1", "group": "3", "max_points": 50}]}
    rows = []
    for unit, (g1, g2, g3) in DTI_UNITS.items():
        first = None if g1 is None else str(min(40, int(g1)))
        second = None if g1 is None else str(int(g1) - int(first))
        for criterion, points in (("1.1", first), ("1.2", second), ("2.1", g2), ("3.1", g3)):
            rows.append({"tier": "so-nganh-dti", "unit": unit, "criterion": criterion, "points": points or ""})
    dti_expectations(score(framework, rows))


def test_wide_group_grain_for_a_rate_tier_and_an_index_tier():
    framework = {"tiers": {"so-nganh": RATE_TIER, "so-nganh-dti": DTI_FRAMEWORK["tiers"]["so-nganh-dti"]},
                 "groups": [{"id": "1", "title": "Hạ tầng số", "max_points": {"so-nganh": 40, "so-nganh-dti": 100}},
                            {"id": "2", "title": "Chính quyền số", "max_points": {"so-nganh": 60}}]}
    rows = [{"tier": "so-nganh", "unit": "Sở Y tế", "1": "36", "Chính quyền số": "54,5", "district": ""},
            {"tier": "so-nganh", "unit": "Sở Tư pháp", "1": "N/A", "Chính quyền số": "57", "district": ""},
            {"tier": "so-nganh-dti", "unit": "Sở Y tế", "1": "64", "Chính quyền số": "", "district": ""}]
    table = score(framework, rows)
    assert [(r["tier"], r["unit"], r["max_points"], r["excluded_points"], r["achieved_points"]) for r in table] == [
        ("so-nganh", "Sở Tư pháp", 100, 40, 57), ("so-nganh", "Sở Y tế", 100, 0, 90.5),
        ("so-nganh-dti", "Sở Y tế", 100, 0, 64)]
    assert column(table, "rate") == pytest.approx([0.95, 0.905, 0.64])
    assert column(table, "level") == ["I", "I", "Trung bình"]
    assert column(table, "index") == [None, None, pytest.approx(0.64)]


def test_criterion_grain_with_tiers_na_commas_and_a_unit_not_evaluated():
    framework = {"tiers": {"so-nganh": RATE_TIER, "xa": POINTS_TIER},
                 "criteria": [{"id": "1.1", "group": "Hạ tầng", "max_points": 40},
                              {"id": "1.2", "group": "Hạ tầng", "max_points": 20, "tiers": ["so-nganh"]},
                              {"id": "2.1", "group": "Dịch vụ công", "max_points": 60}]}
    nfd = unicodedata.normalize("NFD", "Sở Tư pháp")
    rows = [{"tier": "so-nganh", "unit": nfd, "criterion": "1.1", "points": "36,5", "evaluated": ""},
            {"tier": "so-nganh", "unit": "Sở Tư  pháp", "criterion": "1.2", "points": "N/A", "evaluated": ""},
            {"tier": "so-nganh", "unit": "Sở Tư pháp", "criterion": "2.1", "points": 54.0, "evaluated": ""},
            {"tier": "xa", "unit": "Xã Ia Vê", "criterion": "1.1", "points": "", "evaluated": "Không"},
            {"tier": "xa", "unit": "Xã Ia Vê", "criterion": "2.1", "points": "", "evaluated": "Không"}]
    department, commune = score(framework, rows)
    assert (department["unit"], department["max_points"], department["excluded_points"],
            department["applicable_points"], department["achieved_points"]) == ("Sở Tư pháp", 120, 20, 100, 90.5)
    assert (department["rate"], department["converted_points"], department["level"]) == (0.905, 108.6, "I")
    # Not evaluated at criterion grain: the tier's maximum (1.2 is not a commune criterion), nothing else.
    assert (commune["max_points"], commune["excluded_points"], commune["applicable_points"], commune["rank"],
            commune["level"]) == (100, None, None, None, "Không đánh giá")


# ---------------------------------------------------------------- refusals


@pytest.mark.parametrize("rows, message", [
    ([summary("xa", "Xã A", 100, 100, "0")], "no applicable points"),
    ([summary("khac", "Xã A", 100, 0, "1")], "not in the framework"),
    ([summary("xa", "Xã A", 100, 0, "1.234,5")], "not a number"),
    ([summary("xa", "Xã A", 100, 0, "1"), summary("xa", "Xã  A", 100, 0, "2")], "twice"),
])
def test_input_without_a_meaning_is_refused(rows, message):
    with pytest.raises(SpecInputError, match=message):
        score({"tiers": {"xa": POINTS_TIER}}, rows)


def test_index_needs_groups():
    tier = {"rank_by": "index", "levels": [{"name": "Tốt", "min": 0.8}], "below": "Yếu"}
    with pytest.raises(SpecInputError, match="group or criterion grain"):
        score({"tiers": {"dti": tier}}, [summary("dti", "Sở A", 100, 0, "90")])


def test_missing_criterion_row_is_refused():
    framework = {"tiers": {"xa": POINTS_TIER}, "criteria": [{"id": "1", "group": "G", "max_points": 50},
                                                              {"id": "2", "group": "G", "max_points": 50}]}
    with pytest.raises(SpecInputError, match="no data for"):
        score(framework, [{"tier": "xa", "unit": "Xã A", "criterion": "1", "points": "40"}])


# ---------------------------------------------------------------- Vietnamese order


@pytest.mark.parametrize("ordered", [
    ["a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "g", "h", "i", "k", "l", "m", "n", "o", "ô", "ơ", "p", "q", "r",
     "s", "t", "u", "ư", "v", "x", "y"],
    ["Hoa", "Hòa", "Hỏa", "Hõa", "Hóa", "Họa", "Hoan"],   # tones after the base letters, word by word
    ["Hoa Xuân", "Hòa Bình"],                              # the first word's tone decides before the second word
    ["An Lão", "Ăn Hòa", "Ân Phú"],
    ["Dak Pơ", "Đak Pơ", "Đắk Ơ"],
    ["Phường 1", "Phường 2", "Phường 10", "Phường An"],
    ["Sở Công Thương", "Sở Kế hoạch và Đầu tư", "Sở Ngoại vụ", "Sở Thông tin và Truyền thông", "Văn phòng UBND tỉnh"],
    ["Sở Y", "Sở Y tế"],
    ["Ung", "Úng", "Ưng"],
    ["Sở Tài chính", "Sở Tài Nguyên Môi trường"],
])
def test_vietnamese_order(ordered):
    shuffled = list(reversed(ordered))
    assert sorted(shuffled, key=vi_sort_key) == ordered
    assert sorted(ordered, key=vi_sort_key) == ordered


def test_vietnamese_order_ignores_normal_form_and_spacing_but_not_case_ties():
    assert vi_sort_key(unicodedata.normalize("NFD", "Xã Đắk Ơ")) == vi_sort_key(" Xã  Đắk Ơ ")
    assert sorted(["Sở Tài Chính", "Sở Tài chính"], key=vi_sort_key) == ["Sở Tài chính", "Sở Tài Chính"]


# ---------------------------------------------------------------- the generators


@pytest.mark.parametrize("name", sorted(GENERATORS))
def test_every_generator_gives_cases_the_model_scores(name):
    for seed in range(40):
        framework, rows = generate(name, seed)
        table = score(framework, rows)
        assert table, (name, seed)
        assert generate(name, seed) == (framework, rows)  # seeded: the same case again


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cases())
def test_written_cases_read_back_to_the_same_scores(tmp_path_factory, case):
    """write_case's files, read back as the engine reads them (YAML, UTF-8 CSV), score the same."""
    folder = tmp_path_factory.mktemp("case")
    params = yaml.safe_load(write_case(folder, *case).read_text(encoding="utf-8"))
    assert set(params) == {"province", "year", "data", "framework"}
    framework = yaml.safe_load((folder / params["framework"]).read_text(encoding="utf-8"))
    with open(folder / params["data"], encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert score(framework, rows) == score(*case)


@settings(max_examples=150, deadline=None)
@given(cases())
def test_scores_tables_keep_the_spec_rules(case):
    """Properties any scores table of SPEC.md has, checked on the model's own output."""
    framework, rows = case
    table = score(framework, rows)
    tiers = list(framework["tiers"])
    assert [tiers.index(r["tier"]) for r in table] == sorted(tiers.index(r["tier"]) for r in table)
    for row in table:
        assert list(row)[:len(SCORE_COLUMNS)] == list(SCORE_COLUMNS)
        if row["level"] == "Không đánh giá":
            assert row["rank"] is None and row["rate"] is None
            continue
        assert row["applicable_points"] == pytest.approx(row["max_points"] - row["excluded_points"])
        assert row["rate"] == pytest.approx(row["achieved_points"] / row["applicable_points"])
        assert row["converted_points"] == pytest.approx(row["rate"] * row["max_points"])
        if row["points_to_next_level"] is not None:
            assert row["points_to_next_level"] > 0
    for tier_key, tier in framework["tiers"].items():
        if tier.get("rank_within"):
            continue
        ranked = [r for r in table if r["tier"] == tier_key and r["rank"] is not None]
        value = {"rate": "rate", "points": "achieved_points", "index": "index"}[tier.get("rank_by", "rate")]
        for row in ranked:
            assert row["rank"] == 1 + sum(1 for other in ranked if round(other[value], 9) > round(row[value], 9))
        assert [r["rank"] for r in ranked] == sorted(r["rank"] for r in ranked)
