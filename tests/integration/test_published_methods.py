"""Golden tests: every published fact the samples of Gia Lai 2022 and 2019, Hưng Yên 2019 and
the illustrative DTI of Vân Sơn carry, read back from ``egovnb score`` (the CSV an analyst
gets). The samples say which figures are published and which are made up around them
(params/*.yaml, data/*/*)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from egovnb.cli import main
from egovnb.core.assessment import assess

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def scored(tmp_path_factory):
    """``egovnb score params/<name>.yaml --out <name>.csv``, read back (one per sample)."""
    folder = tmp_path_factory.mktemp("scores")
    tables = {}

    def table(name: str) -> pd.DataFrame:
        if name not in tables:
            out = folder / f"{name}.csv"
            assert main(["score", str(ROOT / "params" / f"{name}.yaml"), "--out", str(out)]) == 0
            tables[name] = pd.read_csv(out, dtype={"level": object, "next_level": object})
        return tables[name]

    return table


def tier(table: pd.DataFrame, key: str) -> pd.DataFrame:
    return table[table["tier"] == key].reset_index(drop=True)


def counts(rows: pd.DataFrame) -> dict:
    return rows["level"].value_counts().to_dict()


def row(rows: pd.DataFrame, unit: str) -> pd.Series:
    found = rows[rows["unit"] == unit]
    assert len(found) == 1, unit
    return found.iloc[0]


# --- Gia Lai 2022 (Quyết định 318/QĐ-UBND) ----------------------------------------------------

def test_gia_lai_2022_departments(scored):
    departments = tier(scored("gia-lai-2022"), "so-nganh")
    assert len(departments) == 20 and counts(departments) == {"I": 16, "II": 2, "III": 2}
    top = departments.head(3)
    assert top["unit"].tolist() == ["Sở Thông tin và Truyền thông", "Văn phòng UBND tỉnh", "Sở Ngoại vụ"]
    assert top["achieved_points"].tolist() == [118.348, 117.512, 117.355] and top["rank"].tolist() == [1, 2, 3]
    last = departments.iloc[-1]
    assert (last["unit"], last["achieved_points"], last["rank"]) == ("Sở Y tế", 100.32, 20)


def test_gia_lai_2022_districts_first_at_level_two_because_of_a_component(scored):
    districts = tier(scored("gia-lai-2022"), "huyen")
    assert len(districts) == 17 and counts(districts) == {"II": 6, "III": 8, "IV": 3}
    first = districts.iloc[0]
    assert (first["unit"], first["achieved_points"], first["rank"], first["level"]) == ("TP. Pleiku", 154.603, 1, "II")
    # Ranked by total points, levelled by the lower of its two components: readiness holds it at II.
    assert (first["san-sang_level"], first["ket-qua_level"]) == ("II", "I")
    assert first["next_level"] == "I" and first["points_to_next_level"] > 0
    assert row(districts, "Huyện Đak Pơ")["achieved_points"] == 151.57
    assert row(districts, "Huyện Chư Pưh")["achieved_points"] == 151.35
    assert districts["unit"].tolist()[1:3] == ["Huyện Đak Pơ", "Huyện Chư Pưh"]
    last = districts.iloc[-1]
    assert (last["unit"], last["achieved_points"], last["rank"], last["level"]) == ("Huyện Đức Cơ", 135.815, 17, "IV")


def test_gia_lai_2022_communes_under_62_points_are_not_ranked(scored):
    communes = tier(scored("gia-lai-2022"), "xa")
    assert len(communes) == 220
    assert counts(communes) == {"III": 3, "IV": 13, "Không xếp hạng": 197, "Không đánh giá": 7}
    ranked = communes[communes["rank"].notna()]
    assert len(ranked) == 16 and set(ranked["level"]) == {"III", "IV"}
    unranked = communes[communes["level"] == "Không xếp hạng"]
    # No rank number beside "Không xếp hạng"; listed after the ranked, highest points first.
    assert unranked["rank"].isna().all() and (unranked["achieved_points"] < 62).all()
    assert unranked["achieved_points"].is_monotonic_decreasing
    assert communes.index[communes["level"] == "Không xếp hạng"].min() > ranked.index.max()


def test_gia_lai_2022_communes_not_evaluated_by_name_and_district(scored):
    communes = tier(scored("gia-lai-2022"), "xa")
    missing = communes[communes["level"] == "Không đánh giá"]
    assert missing["rank"].isna().all() and missing["achieved_points"].isna().all()
    assert missing.index.min() == 213  # listed last
    ranked = assess(ROOT / "params" / "gia-lai-2022.yaml").ranked
    district = dict(zip(ranked["unit"], ranked["district"]))
    assert {unit: district[unit] for unit in missing["unit"]} == {
        "Xã Tú An": "TX. An Khê", "Xã Ia Phìn": "Huyện Chư Prông", "Xã Ia Ga": "Huyện Chư Prông",
        "Xã Ia Vê": "Huyện Chư Prông", "Xã Thăng Hưng": "Huyện Chư Prông", "Xã Ia Piơ": "Huyện Chư Prông",
        "Xã Chư Don": "Huyện Chư Pưh"}


# --- Gia Lai 2019 -------------------------------------------------------------------------------

def test_gia_lai_2019_departments_levels_and_three_not_ranked(scored):
    departments = tier(scored("gia-lai-2019"), "so-nganh")
    assert counts(departments) == {"I": 2, "II": 8, "III": 5, "IV": 2, "Không xếp hạng": 3}
    assert departments.loc[departments["level"] == "Không xếp hạng", "rank"].isna().all()
    assert sorted(departments["rank"].dropna().astype(int)) == list(range(1, 18))


def test_gia_lai_2019_only_pleiku_ranked_and_no_commune(scored):
    table = scored("gia-lai-2019")
    districts, communes = tier(table, "huyen"), tier(table, "xa")
    ranked = districts[districts["rank"].notna()]
    assert ranked[["unit", "rank", "level"]].values.tolist() == [["TP. Pleiku", 1, "IV"]]
    assert counts(districts) == {"IV": 1, "Không xếp hạng": 16}
    assert communes["rank"].isna().all() and len(communes) == 220


# --- Hưng Yên 2019 ------------------------------------------------------------------------------

def test_hung_yen_2019_departments_by_points_with_group_points(scored):
    departments = tier(scored("hung-yen-2019"), "so-nganh")
    assert departments["level"].isna().all() and departments["next_level"].isna().all()
    assert (departments["max_points"] == 500).all()
    first, fourth = departments.iloc[0], departments.iloc[3]
    assert (first["unit"], first["achieved_points"], first["rank"]) == ("Sở Tài chính", 413, 1)
    assert (fourth["unit"], fourth["achieved_points"], fourth["rank"]) == ("Sở Thông tin và Truyền thông", 410.5, 4)
    points = assess(ROOT / "params" / "hung-yen-2019.yaml").criteria_points
    groups = {(u, g): p for u, g, p in zip(points["unit"], points["group"], points["points"])}
    assert [groups["Sở Tài chính", g] for g in ("Hạ tầng kỹ thuật CNTT", "Cung cấp dịch vụ công trực tuyến",
                                                "Cơ chế chính sách và các quy định cho ứng dụng CNTT")] == [50, 77, 90]
    assert [groups["Sở Thông tin và Truyền thông", g] for g in ("Ứng dụng CNTT trong hoạt động của cơ quan",
                                                                "Cung cấp dịch vụ công trực tuyến")] == [90, 60]


def test_hung_yen_2019_districts_in_the_published_order(scored):
    districts = tier(scored("hung-yen-2019"), "huyen")
    assert districts["unit"].tolist() == ["Huyện Văn Lâm", "Huyện Mỹ Hào", "Huyện Khoái Châu", "Huyện Văn Giang",
                                          "TP. Hưng Yên", "Huyện Yên Mỹ", "Huyện Tiên Lữ", "Huyện Kim Động",
                                          "Huyện Ân Thi", "Huyện Phù Cừ"]
    assert districts["rank"].tolist() == list(range(1, 11)) and (districts["max_points"] == 150).all()
    assert districts.iloc[0]["achieved_points"] == 119.34 and districts["level"].isna().all()


# --- Vân Sơn 2024: an illustrative DTI ----------------------------------------------------------

WEIGHTS = {"nhan-thuc": 100, "the-che": 100, "ha-tang": 100, "nhan-luc": 100, "attt": 100, "do-thi": 0,
           "cqs": 200, "kts": 150, "xhs": 150}


def test_dti_index_is_the_weighted_mean_of_pillar_rates(scored):
    table = scored("van-son-2024")
    assert list(table.columns)[-1] == "index"
    data = pd.read_csv(ROOT / "data/van-son/2024/groups.csv", comment="#", dtype=str, keep_default_na=False)
    maxima = {"so-nganh-dti": {"nhan-thuc": 40, "the-che": 40, "ha-tang": 60, "nhan-luc": 40, "attt": 60,
                               "cqs": 160, "kts": 50, "xhs": 50},
              "huyen-dti": {"nhan-thuc": 40, "the-che": 40, "ha-tang": 80, "nhan-luc": 40, "attt": 60,
                            "do-thi": 40, "cqs": 200, "kts": 100, "xhs": 100}}
    for (tier_key, unit), rows in data.groupby(["tier", "unit"]):
        if (rows["evaluated"] == "no").any():
            continue
        weighted = total = 0.0
        for group, points in zip(rows["group"], rows["points"]):
            if points in ("", "N/A") or WEIGHTS[group] == 0:
                continue
            weighted += WEIGHTS[group] * float(points.replace(",", ".")) / maxima[tier_key][group]
            total += WEIGHTS[group]
        assert row(table, unit)["index"] == pytest.approx(weighted / total, abs=1e-12), unit


def test_dti_ties_share_a_rank_and_ratings_follow_the_bands(scored):
    departments = tier(scored("van-son-2024"), "so-nganh-dti")
    tied = departments[departments["unit"].isin(["Sở Tư pháp", "Sở Xây dựng"])]
    assert tied["rank"].tolist() == [8, 8] and departments["rank"].tolist()[9] == 10
    bands = [("Tốt", 0.80), ("Khá", 0.65), ("Trung bình", 0.50)]
    for index, level in zip(departments["index"], departments["level"]):
        assert level == next((name for name, low in bands if round(index, 9) >= low), "Yếu")
    assert departments["index"].is_monotonic_decreasing
    districts = tier(scored("van-son-2024"), "huyen-dti")
    assert districts.iloc[-1][["unit", "level"]].tolist() == ["Huyện Ưng Bình", "Không đánh giá"]
