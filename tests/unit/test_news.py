"""The news item (tin bài): the published facts of domain.md in the words of the provincial
news items, for every method; the CLI; the report's section."""

from __future__ import annotations

from pathlib import Path

import pytest

from egovnb.cli import main
from egovnb.core.assessment import assess
from egovnb.report.news import district_words, grouped_names, news_block, news_item

from .scenario import RANKED_OUT, RANKED_OUT_FLOOR, year

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def gia_lai():
    return assess(ROOT / "params/gia-lai-2022.yaml")


@pytest.fixture(scope="module")
def hue():
    return assess(ROOT / "params/thua-thien-hue-2020.yaml")


def paragraph(item, start: str) -> str:
    return next(p for p in item.paragraphs if p.startswith(start))


def test_gia_lai_2022_states_each_published_fact(gia_lai):
    item = news_item(gia_lai)
    assert item.lead.startswith("Quyết định 318/QĐ-UBND ngày 14/6/2023 của UBND tỉnh Gia Lai công bố")
    departments = paragraph(item, "Khối sở, ban, ngành")
    assert "có 16/20 đơn vị xếp ở mức độ I, 2 đơn vị ở mức độ II và 2 đơn vị ở mức độ III." in departments
    assert ("Sở Thông tin và Truyền thông đứng thứ nhất với 118,348 điểm, Văn phòng UBND tỉnh xếp thứ 2 với "
            "117,512 điểm, Sở Ngoại vụ xếp thứ 3 với 117,355 điểm; Sở Y tế xếp cuối bảng với 100,32 điểm.") \
        in departments
    districts = paragraph(item, "Khối UBND cấp huyện")
    assert "có 6/17 đơn vị xếp ở mức độ II, 8 đơn vị ở mức độ III và 3 đơn vị ở mức độ IV." in districts
    # The first unit is only at level II: the component that holds it there is named.
    assert "TP. Pleiku đứng thứ nhất với 154,603 điểm (nhưng ở mức độ II vì" in districts
    assert "huyện Đak Pơ xếp thứ 2 với 151,57 điểm, huyện Chư Pưh xếp thứ 3 với 151,35 điểm" in districts
    assert "huyện Đức Cơ xếp cuối bảng với 135,815 điểm." in districts
    communes = paragraph(item, "Khối UBND cấp xã")
    assert "có 3/220 đơn vị xếp ở mức độ III và 13 đơn vị ở mức độ IV." in communes
    assert "197 đơn vị đạt dưới 62 điểm nên không được xếp hạng." in communes
    assert ("7 đơn vị không có kết quả đánh giá: xã Tú An (thị xã An Khê); các xã: Ia Phìn, Ia Ga, Ia Vê, "
            "Thăng Hưng, Ia Piơ (huyện Chư Prông) và xã Chư Don (huyện Chư Pưh).") in communes


def test_thua_thien_hue_2020_shared_first_place_and_level_i(hue):
    item = news_item(hue)
    departments = item.paragraphs[0]
    assert "có 20/20 đơn vị xếp ở mức độ I." in departments
    assert ("5 đơn vị cùng xếp thứ nhất với tỷ lệ thực hiện 100% (Sở Công Thương, Sở Kế hoạch và Đầu tư, "
            "Sở Ngoại vụ, Sở Thông tin và Truyền thông, Văn phòng UBND tỉnh)") in departments
    assert "xếp thứ 2" not in departments  # the next is 6th: not among the first three
    assert "Sở Giáo dục và Đào tạo xếp cuối bảng với tỷ lệ thực hiện 91%." in departments
    districts = item.paragraphs[1]
    assert "UBND huyện Nam Đông đứng thứ nhất với tỷ lệ thực hiện 85,36%" in districts
    assert "có 1/9 đơn vị xếp ở mức độ II, 3 đơn vị ở mức độ III, 4 đơn vị ở mức độ IV và 1 đơn vị chưa đạt." \
        in districts


def test_english(gia_lai, hue):
    item = news_item(gia_lai, "en")
    assert "16 of 20 units at level I, 2 at level II and 2 at level III." in item.paragraphs[0]
    assert "Sở Thông tin và Truyền thông is first with 118.348 points" in item.paragraphs[0]
    assert "Sở Y tế is last with 100.32 points." in item.paragraphs[0]
    assert "Units under 62 points, not ranked: 197." in item.paragraphs[2]
    assert "5 units share first place with a rate of 100%" in news_item(hue, "en").paragraphs[0]


def test_a_tier_without_levels_gives_ranks_and_points_only():
    item = news_item(assess(ROOT / "params/hung-yen-2019.yaml"))
    departments = item.paragraphs[0]
    assert departments.startswith("Khối sở, ban, ngành có 18/18 đơn vị được xếp hạng.")
    assert "Sở Tài chính đứng thứ nhất với 413 điểm" in departments
    assert "mức độ" not in departments
    assert "Huyện Văn Lâm đứng thứ nhất với 119,34 điểm, huyện Mỹ Hào xếp thứ 2" in item.paragraphs[1]


def test_an_index_tier_gives_its_index_as_published():
    item = news_item(assess(ROOT / "params/van-son-2024.yaml"))
    assert "3/15 đơn vị xếp loại Tốt, 6 đơn vị xếp loại Khá" in item.paragraphs[0]
    assert "Sở Thông tin và Truyền thông đứng thứ nhất với chỉ số 921,9" in item.paragraphs[0]


def test_units_kept_out_under_the_floor_and_not_evaluated(tmp_path):
    item = news_item(year(tmp_path, 2024, RANKED_OUT, framework=RANKED_OUT_FLOOR))
    assert len(item.paragraphs) == 2  # the district tier has no unit: no paragraph
    departments, communes = item.paragraphs
    assert "có 1/5 đơn vị xếp ở mức độ I, 2 đơn vị ở mức độ II và 2 đơn vị không xếp hạng." in departments
    assert "2 đơn vị cùng xếp thứ 2 với tỷ lệ thực hiện 86,00% (Sở Nội vụ và Sở Y tế)" in departments
    assert ("Được đánh giá nhưng không xếp hạng: Bộ Chỉ huy Quân sự tỉnh và Công an tỉnh (Không xếp hạng do tính "
            "chất đặc thù).") in departments
    assert "1 đơn vị đạt dưới 62 điểm nên không được xếp hạng." in communes
    assert "Được đánh giá nhưng không xếp hạng: xã Ia Vê (Không cung cấp dịch vụ công)." in communes
    assert "1 đơn vị không có kết quả đánh giá: xã Ia Phìn (huyện Chư Prông)." in communes


def test_grouping_by_district():
    import pandas as pd

    rows = pd.DataFrame({"unit": ["Phường 2", "Xã Hòa", "Thị trấn Ơn", "Xã Ân"],
                         "district": ["TP. Pleiku", "Huyện Kbang", None, "Huyện Kbang"]})
    assert grouped_names(rows, "district") == "các xã: Hòa, Ân (huyện Kbang); phường 2 (thành phố Pleiku) và thị trấn Ơn"
    assert grouped_names(rows, None, "en") == "Phường 2, Xã Hòa, Thị trấn Ơn, Xã Ân"
    assert district_words("TX. An Khê") == "thị xã An Khê" and district_words("Huyện Chư Prông", "en") == \
        "Huyện Chư Prông"


def test_cli_prints_and_writes(tmp_path, capsys):
    params = str(ROOT / "params/gia-lai-2022.yaml")
    assert main(["news", params]) == 0
    printed = capsys.readouterr().out
    assert printed == news_item(assess(params)).text()
    out = tmp_path / "tin-bai.txt"
    assert main(["news", params, "--out", str(out), "--language", "en"]) == 0
    assert out.read_text(encoding="utf-8").startswith("[Illustrative data, not published results.]\n\n"
                                                      "Quyết định 318/QĐ-UBND ngày 14/6/2023 of the People's")
    assert main(["news", params, "--out", str(tmp_path / "tin-bai.docx")]) == 1
    assert "must end in .txt or .md" in capsys.readouterr().err


def test_report_section(gia_lai):
    block = news_block(gia_lai)
    assert block.html.startswith('<h2 id="news">Tin bài</h2>')
    assert "<p>Khối sở, ban, ngành có 16/20 đơn vị" in block.html
    assert "7 đơn vị không có kết quả đánh giá" in repr(block)


def test_rank_within_names_the_first_of_each_district(tmp_path):
    from .scenario import FRAMEWORK

    framework = FRAMEWORK.replace("    below: Không xếp hạng\n", "    below: Không xếp hạng\n    rank_within: district\n")
    header = "tier,unit,max_points,excluded_points,achieved_points,ranked,evaluated,note,district"
    item = news_item(year(tmp_path, 2024, [header, "xa,Xã A,100,0,90,no,,,Huyện X", "xa,Xã B,100,0,80,,,,Huyện X",
                                           "xa,Xã C,100,0,70,,,,Huyện Y", "xa,Xã D,100,0,75,,,,Huyện Y"],
                          framework=framework))
    assert ("Đứng đầu trong từng huyện: xã B (huyện X, 80 điểm); xã D (huyện Y, 75 điểm). "
            "Được đánh giá nhưng không xếp hạng: xã A.") in item.paragraphs[0]


def test_a_news_item_of_illustrative_data_says_so_first(gia_lai):
    assert gia_lai.params.illustrative
    text = news_item(gia_lai).text()
    assert text.startswith("[Số liệu minh họa, không phải kết quả đã công bố.]\n\nQuyết định 318/QĐ-UBND")
    assert news_item(gia_lai, "en").text().startswith("[Illustrative data, not published results.]")
