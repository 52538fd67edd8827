"""The report's text blocks (egovnb.report.blocks): header, tier headings, about this report."""

from pathlib import Path

import pytest

from egovnb import __version__

from egovnb.report import blocks
from egovnb.core.assessment import assess

ROOT = Path(__file__).resolve().parents[2]


def test_header_of_published_figures():
    hue = assess(ROOT / "params" / "thua-thien-hue-2020.yaml")
    header = blocks.header(hue)
    assert repr(header).splitlines() == [
        "Thừa Thiên Huế · Năm 2020",
        "Kết quả đánh giá, xếp hạng mức độ Chính quyền điện tử năm 2020",
        "Căn cứ: Quyết định 3402/QĐ-UBND ngày 31/12/2020, điều chỉnh bởi Quyết định 102/QĐ-UBND",
    ]
    assert "illustrative" not in header.html
    assert '<a href="#tier-so-nganh">Sở, ban, ngành — Mức độ Kết quả</a>' in header.html
    assert '<a href="#about">Thông tin về báo cáo</a>' in header.html
    assert "#yoy" not in header.html


def test_illustrative_banner_with_the_note_escaped(project):
    data = project.write("units.csv", "tier,unit,max_points,excluded_points,achieved_points\nso-nganh,Sở A,90,0,88\n")
    params = project.params(data.name, illustrative=True, note="Số liệu <giả định> & minh họa")
    header = blocks.header(assess(params))
    assert '<aside class="illustrative" role="note"><strong>Dữ liệu minh họa</strong>' in header.html
    assert "<p>Số liệu &lt;giả định&gt; &amp; minh họa</p>" in header.html
    assert "[Dữ liệu minh họa]" in repr(header)


def test_tier_heading_states_the_rule():
    son_ha = assess(ROOT / "params" / "son-ha-2024.yaml")
    heading = blocks.tier_heading(son_ha, "xa")
    assert '<h2 id="tier-xa">UBND cấp xã</h2>' in heading.html
    units = int((son_ha.scores["tier"] == "xa").sum())
    assert repr(heading).splitlines()[1] == (
        f"{units} đơn vị. Xếp hạng theo số điểm thực hiện; mức độ: I ≥ 90, II ≥ 80, III ≥ 70, IV ≥ 62; "
        "dưới ngưỡng thấp nhất: Không xếp hạng (< 62).")


def test_about_names_inputs_without_machine_paths():
    hue = assess(ROOT / "params" / "thua-thien-hue-2020.yaml")
    about = blocks.about(hue)
    assert f"SHA-256 của tệp dữ liệu: {hue.data_sha256}" in repr(about)
    assert "Tệp dữ liệu: ../data/thua-thien-hue/2020/ket-qua-2020.xlsx" in repr(about)
    assert f"Phiên bản egovnb: {__version__}" in repr(about)
    assert str(ROOT) not in about.html
    assert "decision: Quyết định 3402/QĐ-UBND" in about.html  # the params file as written


def test_about_shows_the_record_of_what_made_the_report():
    from egovnb.publish.provenance import provenance_of

    params = ROOT / "params" / "thua-thien-hue-2020.yaml"
    hue = assess(params)
    record = provenance_of(params)
    lines = repr(blocks.about(hue, record)).splitlines()
    data = record.inputs[2]
    assert f"data: ../data/thua-thien-hue/2020/ket-qua-2020.xlsx {data.sha256}" in lines
    assert f"SHA-256 của tệp dữ liệu: {data.sha256}" in lines
    assert "Môi trường tạo báo cáo" in lines and f"Python: {record.python}" in lines
    assert f"requirements.lock: {record.lock}" in lines and dict(record.packages)["pandas"] in repr(blocks.about(hue, record))
    assert str(ROOT) not in blocks.about(hue, record).html


def test_year_on_year_needs_previous():
    hue = assess(ROOT / "params" / "thua-thien-hue-2020.yaml")
    assert blocks.year_on_year(hue) == (None, None)
    son_ha = assess(ROOT / "params" / "son-ha-2024.yaml")
    previous, comparison = blocks.year_on_year(son_ha)
    assert previous.params.year == 2023
    summary = blocks.year_on_year_summary(comparison, "so-nganh", "Sở, ban, ngành", 2023, 2024)
    changes = comparison.loc[comparison["tier"] == "so-nganh", "level_change"].value_counts()
    assert (f"{changes.get('up', 0)} đơn vị lên mức độ, {changes.get('down', 0)} đơn vị xuống mức độ"
            in repr(summary))
    assert "Đơn vị thay đổi" not in repr(summary)  # the same departments in both years


def test_year_on_year_across_the_2025_reform():
    son_ha = assess(ROOT / "params" / "son-ha-2025.yaml")
    previous, comparison = blocks.year_on_year(son_ha)
    gone = blocks.year_on_year_summary(comparison, "huyen", "UBND cấp huyện", 2024, 2025)
    districts = int((comparison["tier"] == "huyen").sum())
    assert repr(gone).splitlines()[1] == (
        f"Năm 2025 không còn đánh giá khối này: {districts} đơn vị năm 2024 không có đơn vị kế thừa.")
    departments = blocks.year_on_year_summary(comparison, "so-nganh", "Sở, ban, ngành", 2024, 2025)
    assert "Đơn vị thay đổi so với năm 2024: 1 hợp nhất." in repr(departments)


def test_a_tier_without_units_says_so_and_shows_nothing_else(project):
    from egovnb.report import charts_tier, tables

    framework = {"tiers": {
        "so-nganh": {"label": "Sở, ban, ngành", "rank_by": "rate", "levels": [{"name": "I", "min": 0.9}]},
        "xa": {"label": "UBND cấp xã", "rank_by": "points", "max_points": 100,
               "levels": [{"name": "IV", "min": 62}], "below": "Không xếp hạng"}}}
    data = project.write("units.csv", "tier,unit,max_points,excluded_points,achieved_points,evaluated\n"
                                      "so-nganh,Sở A,90,0,88,\nxa,Xã B,100,,,không\n")
    with_one = assess(project.params(data.name, framework=framework))
    assert [c.alt.split(":")[0] for c in charts_tier.for_tier(with_one, "xa")] == [
        "Biểu đồ cột số đơn vị khối UBND cấp xã theo mức độ"]  # no ranking: no unit was evaluated
    data.write_text("tier,unit,max_points,excluded_points,achieved_points\nso-nganh,Sở A,90,0,88\n",
                    encoding="utf-8")
    empty = assess(project.params(data.name, framework=framework))
    assert repr(blocks.tier_heading(empty, "xa")).splitlines()[1].startswith(
        "Dữ liệu không có đơn vị nào của khối này. Xếp hạng theo số điểm thực hiện")
    assert charts_tier.for_tier(empty, "xa") == []
    assert tables.level_summary(empty, "xa").html == ""
    assert tables.annex_table(empty, "xa").to_html() == ""
    assert tables.top_and_last_table(empty, "xa").to_html() == ""


def test_a_public_page_leaves_out_the_params_text_and_folders(tmp_path):
    # The params file as an analyst writes it, with a comment and a folder of their machine.
    text = (ROOT / "params" / "thua-thien-hue-2020.yaml").read_text(encoding="utf-8")
    text = text.replace("data: ../data/", f"data: {ROOT}/data/").replace(
        "framework: frameworks/", f"framework: {ROOT}/params/frameworks/")
    private = tmp_path / "hue.yaml"
    private.write_text("# gọi chị Lan trước khi gửi\n" + text, encoding="utf-8")
    public = tmp_path / "hue-public.yaml"
    public.write_text(private.read_text(encoding="utf-8") + "public: true\n", encoding="utf-8")
    shown = blocks.about(assess(private))
    assert "gọi chị Lan" in shown.html and str(ROOT) in shown.html
    page = blocks.about(assess(public))
    assert "gọi chị Lan" not in page.html and str(ROOT) not in page.html and "<pre" not in page.html
    # Still checkable: the decision, the data file's name, its SHA-256, the egovnb version.
    assert "Quyết định: Quyết định 3402/QĐ-UBND" in repr(page)
    assert "Tệp dữ liệu: ket-qua-2020.xlsx" in repr(page)
    assert f"SHA-256 của tệp dữ liệu: {assess(public).data_sha256}" in repr(page)
    assert f"Phiên bản egovnb: {__version__}" in repr(page)


def test_public_must_be_true_or_false(tmp_path):
    from egovnb.core.errors import InputError

    params = tmp_path / "p.yaml"
    params.write_text((ROOT / "params" / "thua-thien-hue-2020.yaml").read_text(encoding="utf-8").replace(
        "../data/", f"{ROOT}/data/").replace("frameworks/", f"{ROOT}/params/frameworks/") + "public: yes please\n",
        encoding="utf-8")
    with pytest.raises(InputError, match="must be true or false"):
        assess(params)
