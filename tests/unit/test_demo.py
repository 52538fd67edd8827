"""The illustrative national data generator: sizes, realism, determinism, and labels on every file."""

from __future__ import annotations

import unicodedata

import pytest

from egovnb.core.assessment import assess
from egovnb.cli import main
from egovnb.core.errors import EgovnbError
from egovnb.core.outputs import MANIFEST
from egovnb.core.params import load_params
from egovnb.demo import places, scores
from egovnb.demo.generate import generate, parse_years


def test_province_lists_are_the_real_34_and_63():
    after, before = places.provinces_after(), places.provinces_before()
    assert len(after) == len(set(after)) == 34 and len(before) == len(set(before)) == 63
    assert after[:4] == ["An Giang", "Bắc Ninh", "Cà Mau", "Cao Bằng"]  # Vietnamese order
    assert {"Huế", "TP. Hồ Chí Minh", "Gia Lai"} <= set(after) and "Bình Định" not in after
    assert before[after.index("Huế")] == "Thừa Thiên Huế"  # the same province, its old name
    assert places.AFTER_REFORM["Gia Lai"] == ("Gia Lai", "Bình Định")  # Nghị quyết 202/2025/QH15: Gia Lai took in Bình Định
    assert places.AFTER_REFORM["Hưng Yên"] == ("Hưng Yên", "Thái Bình")
    assert sorted(old for olds in places.AFTER_REFORM.values() for old in olds) == sorted(before)


def test_commune_counts_add_up_to_the_national_totals_within_60_to_300():
    after, before = places.commune_counts(0, True), places.commune_counts(0, False)
    assert sum(after.values()) == 3321 and sum(before.values()) == 10_000
    for counts in (after, before):
        assert min(counts.values()) >= 60 and max(counts.values()) <= 300
    assert places.commune_counts(0, True) == after and places.commune_counts(1, True) != after


def test_every_tier_has_21_criteria_worth_100_points():
    for tier in ("so-nganh", "huyen", "xa"):
        criteria = scores.criteria_of(tier)
        assert len(criteria) == 21 and sum(c.max_points for c in criteria) == 100
    assert scores.tiers_of(2024) == ("so-nganh", "huyen", "xa") and scores.tiers_of(2025) == ("so-nganh", "xa")


def test_units_look_like_a_province():
    before = places.province_units("Gia Lai", False, seed=0).units
    after = places.province_units("Gia Lai", True, seed=0).units
    for units in (before, after):
        departments = units[units.tier == "so-nganh"].unit.tolist()
        assert 20 <= len(departments) <= 30
        assert departments[:2] == ["Văn phòng UBND tỉnh", "Sở Nội vụ"]
        for tier, names in units.groupby("tier").unit:
            assert names.is_unique, tier
        assert all(unicodedata.is_normalized("NFC", name) for name in units.unit)
    communes = before[before.tier == "xa"].unit
    assert len(communes) == places.commune_counts(0, False)["Gia Lai"]
    assert communes.str.match(r"^(Xã|Phường|Thị trấn) ").all()
    assert (communes.str.contains(r" (?:Ia|Ea|Đăk|Chư|Krông|Kon|Đạ) ")).any()  # Central Highlands names
    districts = before[before.tier == "huyen"].unit
    assert 6 <= len(districts) <= 30 and districts.iloc[0].startswith("Thành phố ")
    assert (after.tier != "huyen").all()
    wards = before[before.unit.str.startswith("Phường ")]
    assert not wards.district.str.startswith("Huyện ").any()  # wards belong to towns and cities
    hcm = places.province_units("TP. Hồ Chí Minh", True, seed=0).units
    assert "Văn phòng UBND thành phố" in set(hcm.unit) and "Đặc khu Côn Đảo" in set(hcm.unit)
    assert "Sở Kế hoạch và Đầu tư" in set(before.unit) and "Sở Kế hoạch và Đầu tư" not in set(after.unit)


@pytest.fixture(scope="module")
def small_set(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo")
    return generate(out, provinces=5, years=(2023, 2024, 2025), seed=0)


def test_generate_writes_one_params_file_per_province_year(small_set):
    out = small_set.out_dir
    assert small_set.province_years == 15
    assert sorted(p.name for p in (out / "params").glob("*.yaml"))[:3] == [
        "an-giang-2023.yaml", "an-giang-2024.yaml", "an-giang-2025.yaml"]
    params = load_params(out / "params" / "can-tho-2024.yaml")
    assert params.province == "Cần Thơ" and params.year == 2024 and params.illustrative
    assert "minh họa" in params.note and "minh họa" in params.title
    assert params.previous == (out / "params" / "can-tho-2023.yaml").resolve()
    assert load_params(out / "params" / "can-tho-2025.yaml").previous is None  # units changed with the reform
    assert load_params(out / "params" / "can-tho-2023.yaml").previous is None  # 2022 was not asked for


def test_every_file_says_it_is_illustrative(small_set):
    out = small_set.out_dir
    files = [p for p in out.rglob("*") if p.is_file() and p.name != MANIFEST]
    assert len(files) == 1 + 15 * 3
    for path in files:
        head = path.read_text(encoding="utf-8").splitlines()[0]
        assert "MINH HỌA" in head and "illustrative" in head, path


def test_generated_data_score_with_every_feature(small_set):
    a2024 = assess(small_set.out_dir / "params" / "can-tho-2024.yaml")
    a2025 = assess(small_set.out_dir / "params" / "can-tho-2025.yaml")
    assert a2024.unit_data.grain == "criterion"
    assert list(a2024.scores.tier.unique()) == ["so-nganh", "huyen", "xa"]
    assert list(a2025.scores.tier.unique()) == ["so-nganh", "xa"]
    for scores in (a2024.scores, a2025.scores):
        assert (scores.max_points == 100).all()
        assert (scores.excluded_points > 0).any()  # N/A criteria
        communes = scores[scores.tier == "xa"]
        assert {"Không xếp hạng", "IV", "III"} <= set(communes.level)
    communes = a2024.scores[a2024.scores.tier == "xa"]
    assert (communes.level == "Không đánh giá").sum() >= 1
    data = (small_set.out_dir / "data" / "can-tho" / "2024" / "units.csv").read_text(encoding="utf-8")
    assert "chưa đánh giá" in data and ",N/A," in data


def test_same_seed_same_bytes_other_seed_other_scores(small_set, tmp_path):
    again = generate(tmp_path / "again", provinces=5, years=(2023, 2024, 2025), seed=0)
    for path in small_set.out_dir.rglob("*"):
        if path.is_file():
            twin = again.out_dir / path.relative_to(small_set.out_dir)
            assert twin.read_bytes() == path.read_bytes(), path
    other = generate(tmp_path / "other", provinces=1, years=(2024,), seed=1)
    first = "data/an-giang/2024/units.csv"
    assert (other.out_dir / first).read_bytes() != (small_set.out_dir / first).read_bytes()


def test_fewer_provinces_keep_their_sizes_and_the_full_set_has_3321_communes(tmp_path):
    full = generate(tmp_path / "full", provinces=34, years=(2025,), seed=0)
    assert full.province_years == 34 and full.units["xa"] == 3321 and full.units["huyen"] == 0
    assert 34 * 20 <= full.units["so-nganh"] <= 34 * 30
    two = generate(tmp_path / "two", provinces=2, years=(2025,), seed=0)
    path = "data/bac-ninh/2025/units.csv"
    assert (two.out_dir / path).read_bytes() == (full.out_dir / path).read_bytes()


def test_more_than_34_provinces_uses_the_63_before_2025():
    assert len(places.province_names(63, 2024)) == 63 and len(places.province_names(63, 2025)) == 34
    assert places.province_names(36, 2024)[-2:] == places.provinces_before()[34:36]


def test_years_and_limits():
    assert parse_years("2022-2024") == (2022, 2023, 2024)
    assert parse_years("2025") == (2025,) and parse_years("2024, 2022") == (2022, 2024)
    for bad in ("2024-2022", "năm 2024", "1990"):
        with pytest.raises(EgovnbError, match="--years"):
            parse_years(bad)
    with pytest.raises(EgovnbError, match="--provinces"):
        generate("unused", provinces=64)


def test_command_line(tmp_path, capsys):
    assert main(["demo-data", str(tmp_path / "out"), "--provinces", "2", "--years", "2025", "--seed", "3"]) == 0
    out = capsys.readouterr().out
    assert "ILLUSTRATIVE data, 2 province-years" in out and "egovnb batch" in out
    assert (tmp_path / "out" / "params" / "an-giang-2025.yaml").is_file()
    assert "seed 3" in (tmp_path / "out" / "README.md").read_text(encoding="utf-8")
    assert main(["demo-data", str(tmp_path / "x"), "--years", "2030-2020"]) == 1
    assert "runs backwards" in capsys.readouterr().err
