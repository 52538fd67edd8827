"""The Word annexes and the draft decision, read back with python-docx: the page, type and table
rules of Nghị định 30/2020 (domain.md), and the numbers of the report's annex table."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm

from egovnb.cli import main
from egovnb.core.assessment import assess
from egovnb.report import tables
from egovnb.report.annex_model import assessment_annex
from egovnb.report.docx_annex import annexes_document, write_annexes
from egovnb.report.docx_decision import decision_document, write_decision
from tests.unit.scenario import write_year

ROOT = Path(__file__).resolve().parents[2]
TIED = ["Sở Công Thương", "Sở Kế hoạch và Đầu tư", "Sở Ngoại vụ", "Sở Thông tin và Truyền thông", "Văn phòng UBND tỉnh"]
ALONG_HUE = ("(Kèm theo Quyết định số 3402/QĐ-UBND ngày 31 tháng 12 năm 2020 của Ủy ban nhân dân tỉnh "
             "Thừa Thiên Huế)")


@pytest.fixture(scope="module")
def hue():
    return assess(ROOT / "params/thua-thien-hue-2020.yaml")


@pytest.fixture(scope="module")
def gia_lai():
    return assess(ROOT / "params/gia-lai-2022.yaml")


@pytest.fixture(scope="module")
def hue_annexes(hue, tmp_path_factory):
    return Document(str(write_annexes(hue, tmp_path_factory.mktemp("docx") / "phu-luc.docx")))


def rows_of(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def flag(row, tag: str) -> bool:
    properties = row._tr.trPr
    return properties is not None and properties.find(qn(tag)) is not None


def runs(document):
    for paragraph in document.paragraphs:
        yield from paragraph.runs
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    yield from paragraph.runs


def check_page(section, landscape: bool | None = None) -> None:
    """A4, top and bottom 20 mm, left 30 mm, right 15 mm (Nghị định 30/2020: 20–25, 30–35, 15–20)."""
    size = sorted([section.page_width, section.page_height])
    assert abs(size[0] - Mm(210)) < Mm(0.5) and abs(size[1] - Mm(297)) < Mm(0.5)
    if landscape is not None:
        assert (section.page_width > section.page_height) == landscape
    assert Mm(20) - Mm(0.1) <= section.top_margin <= Mm(25) + Mm(0.1)
    assert Mm(20) - Mm(0.1) <= section.bottom_margin <= Mm(25) + Mm(0.1)
    assert Mm(30) - Mm(0.1) <= section.left_margin <= Mm(35) + Mm(0.1)
    assert Mm(15) - Mm(0.1) <= section.right_margin <= Mm(20) + Mm(0.1)


def test_hue_annexes_follow_the_decree(hue_annexes):
    document = hue_annexes
    assert len(document.sections) == 2 and len(document.tables) == 2
    for section in document.sections:
        check_page(section)
        # No page number on an annex's first page; numbered from 1 (each annex on its own).
        assert section.different_first_page_header_footer
        assert section._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
        header = section.header.paragraphs[0]
        assert "PAGE" in header._p.xml and header.alignment == 1
        assert not section.first_page_header.paragraphs[0].text
    assert {run.font.name for run in runs(document)} == {"Times New Roman"}
    texts = [p for p in document.paragraphs if p.text]
    number, title, along = texts[:3]
    assert number.text == "Phụ lục I" and number.alignment == 1
    assert all(r.bold and r.font.size.pt == 14 for r in number.runs)
    assert title.text == ("KẾT QUẢ ĐÁNH GIÁ, XẾP HẠNG MỨC ĐỘ CHÍNH QUYỀN ĐIỆN TỬ CỦA CÁC SỞ, BAN, NGÀNH — MỨC ĐỘ KẾT "
                          "QUẢ NĂM 2020")
    assert all(r.bold and 13 <= r.font.size.pt <= 14 for r in title.runs)
    assert along.text == ALONG_HUE and all(r.italic and 13 <= r.font.size.pt <= 14 for r in along.runs)
    assert [p.text for p in texts].count("Phụ lục II") == 1


def test_hue_annex_table_is_the_decisions_with_the_reports_numbers(hue, hue_annexes):
    rows = rows_of(hue_annexes.tables[0])
    assert rows[0] == ["STT", "Tên đơn vị", "Điểm tối đa", "Số điểm không đưa vào đánh giá",
                       "Số điểm tối đa cần thực hiện", "Số điểm thực hiện", "Tỷ lệ thực hiện", "Xếp hạng", "Mức độ"]
    assert len(rows) == 21
    assert [r[1] for r in rows[1:6]] == TIED and [r[7] for r in rows[1:7]] == ["1"] * 5 + ["6"]
    du_lich = next(r for r in rows if r[1] == "Sở Du lịch")
    assert du_lich == ["13", "Sở Du lịch", "90", "1", "89", "86,17372", "97%", "13", "I"]
    # Every cell is the report's annex table's (the converted points are the report's only).
    report = tables.annex_table(hue, "so-nganh").frame.drop(columns="Số điểm quy đổi")
    assert rows[1:] == report.values.tolist()
    districts = rows_of(hue_annexes.tables[1])
    assert districts[1][1:] == ["UBND huyện Nam Đông", "100", "8", "92", "78,53", "85,36%", "1", "II"]
    assert districts[-1][-1] == "Chưa đạt"


def test_header_row_repeats_and_no_row_splits(gia_lai, tmp_path):
    document = Document(str(write_annexes(gia_lai, tmp_path / "gl.docx")))
    assert len(document.tables) == 3
    for table in document.tables:
        assert flag(table.rows[0], "w:tblHeader")
        assert not any(flag(row, "w:tblHeader") for row in table.rows[1:])
        assert all(flag(row, "w:cantSplit") for row in table.rows)
    for section in document.sections:
        check_page(section)
    communes = rows_of(document.tables[2])
    assert len(communes) == 221
    head = communes[0]
    assert head[:3] == ["STT", "Tên đơn vị", "Đơn vị cấp huyện"] and head[-1] == "Ghi chú"  # data's `district`
    unranked = [r for r in communes if r[head.index("Mức độ")] == "Không xếp hạng"]
    assert len(unranked) == 197 and {r[head.index("Xếp hạng")] for r in unranked} == {"–"}
    missing = [r[1] for r in communes if r[head.index("Mức độ")] == "Không đánh giá"]
    assert len(missing) == 7 and "Xã Tú An" in missing
    # Departments: components and the lowest of their levels; the totals as published.
    departments = rows_of(document.tables[0])
    assert "Điều kiện sẵn sàng: số điểm" in departments[0] and "Kết quả CQĐT: mức độ" in departments[0]
    assert "Số điểm không đưa vào đánh giá" not in departments[0]  # no unit has excluded points
    first = dict(zip(departments[0], departments[1]))
    assert (first["Tên đơn vị"], first["Số điểm thực hiện"], first["Xếp hạng"]) == (
        "Sở Thông tin và Truyền thông", "118,348", "1")
    assert departments[-1][1] == "Sở Y tế" and "100,320" in departments[-1]  # one number of decimals a column
    assert [p.text for p in document.paragraphs if p.text.startswith("Phụ lục")] == ["Phụ lục I", "Phụ lục II",
                                                                                     "Phụ lục III"]
    assert document.paragraphs[-1].text == "Số liệu minh họa, không phải kết quả đã công bố."


def test_a_wide_table_turns_its_page_landscape(gia_lai, hue_annexes):
    document = annexes_document(gia_lai)
    assert [s.page_width > s.page_height for s in document.sections] == [True, True, True]
    assert [s.page_width > s.page_height for s in hue_annexes.sections] == [False, False]
    for section, table in zip(document.sections, document.tables):
        width = sum(cell.width for cell in table.rows[0].cells)
        assert width <= section.page_width - section.left_margin - section.right_margin + Mm(1)


@pytest.mark.parametrize("name, tier, column, unit, value", [
    ("van-son-2024", "so-nganh-dti", "Chỉ số", "Sở Kế hoạch và Đầu tư", "771,4"),  # the index as published
    ("hung-yen-2019", "so-nganh", "Số điểm thực hiện", "Sở Tài chính", "413,00"),  # 410,5 in its column
])
def test_every_method_prints_its_own_columns(name, tier, column, unit, value):
    assessment = assess(ROOT / f"params/{name}.yaml")
    document = annexes_document(assessment)
    index = list(assessment.framework.tiers).index(tier)
    rows = rows_of(document.tables[index])
    assert rows[0].count(column) == 1
    row = next(r for r in rows if r[1] == unit)
    assert row[rows[0].index(column)] == value
    if name == "hung-yen-2019":
        assert "Mức độ" not in rows[0]  # ranked only: no level column
    else:
        assert "Xếp loại" in rows[0]


def test_rank_within_and_rank_below_false(tmp_path):
    framework = """\
tiers:
  xa:
    label: UBND cấp xã
    rank_by: points
    max_points: 100
    levels: [{name: III, min: 80}, {name: IV, min: 62}]
    below: Không xếp hạng
    rank_below: false
    rank_within: district
"""
    rows = ["tier,unit,district,max_points,excluded_points,achieved_points",
            "xa,Xã A,Huyện Một,100,0,85", "xa,Xã B,Huyện Một,100,0,61", "xa,Xã C,Huyện Hai,100,0,70",
            "xa,Xã D,Huyện Hai,100,0,90"]
    document = annexes_document(assess(write_year(tmp_path, 2024, rows, framework=framework)))
    table = rows_of(document.tables[0])
    assert table[0][:3] == ["STT", "Tên đơn vị", "Đơn vị cấp huyện"]
    assert [(r[1], r[table[0].index("Xếp hạng")]) for r in table[1:]] == [
        ("Xã D", "1"), ("Xã C", "2"), ("Xã A", "1"), ("Xã B", "–")]
    assert document.paragraphs[0].text == "Phụ lục"  # one annex: no numeral


def test_last_years_total_beside_this_years(tmp_path):
    """Units new this year print "–"; merged units follow the crosswalk (combined rate × maximum)."""
    write_year(tmp_path, 2023, ["xa,Xã A,100,0,70", "xa,Xã B,100,0,80", "xa,Xã C,100,0,90"])
    (tmp_path / "cw.csv").write_text("old_tier,old_unit,new_tier,new_unit,effective_date\n"
                                     "xa,Xã A,xa,Xã AB,2024-01-01\nxa,Xã B,xa,Xã AB,2024-01-01\n", encoding="utf-8")
    current = assess(write_year(tmp_path, 2024, ["xa,Xã AB,100,0,77.5", "xa,Xã C,100,0,88", "xa,Xã Mới,100,0,65"],
                                previous="son-ha-2023.yaml", crosswalk="cw.csv"))
    model = assessment_annex(current, "xa")
    frame = model.frame(decision=True).set_index("Tên đơn vị")
    columns = list(frame.columns)
    assert columns[columns.index("Số điểm thực hiện 2023") + 1] == "Số điểm thực hiện 2024"
    assert frame.loc["Xã C", "Số điểm thực hiện 2023"] == "90"
    assert frame.loc["Xã AB", "Số điểm thực hiện 2023"] == "75"   # (70 + 80) / 200 × 100
    assert frame.loc["Xã Mới", "Số điểm thực hiện 2023"] == "–"
    report = tables.annex_table(current, "xa").frame
    assert "Số điểm thực hiện 2023" in report.columns


def test_draft_decision_of_hue(hue):
    document = decision_document(hue)
    check_page(document.sections[0], landscape=False)
    assert document.sections[0].different_first_page_header_footer
    header = rows_of(document.tables[0])[0]
    assert header[0].split("\n")[:2] == ["ỦY BAN NHÂN DÂN", "TỈNH THỪA THIÊN HUẾ"]
    assert header[0].split("\n")[-1] == "Số: 3402/QĐ-UBND"
    right = header[1].split("\n")
    assert right[:2] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert right[-1] == "Thừa Thiên Huế, ngày 31 tháng 12 năm 2020"
    date = document.tables[0].rows[0].cells[1].paragraphs[-1]
    assert all(r.italic for r in date.runs)
    assert document.tables[0]._tbl.tblPr.find(qn("w:tblBorders")) is not None  # drawn without lines
    body = [p for p in document.paragraphs if p.text]
    texts = [p.text for p in body]
    assert texts[:3] == ["QUYẾT ĐỊNH", "Phê duyệt kết quả đánh giá, xếp hạng mức độ Chính quyền điện tử năm 2020",
                         "ỦY BAN NHÂN DÂN TỈNH THỪA THIÊN HUẾ"]
    assert texts[3:5] == ["Căn cứ …;", "Theo đề nghị của …."]  # not in the params: blanks, nothing invented
    assert all(r.italic for p in body[3:5] for r in p.runs)
    assert "QUYẾT ĐỊNH:" in texts
    article = next(p for p in body if p.text.startswith("Điều 1."))
    assert article.alignment == 3 and Mm(10) <= article.paragraph_format.first_line_indent <= Mm(12.7) + 1
    assert article.paragraph_format.space_after.pt >= 6
    assert any(t.startswith("- Phụ lục I: Kết quả đánh giá") for t in texts)
    assert "Điều 3. … chịu trách nhiệm thi hành Quyết định này./." in texts
    signature = rows_of(document.tables[1])[0]
    assert signature[0].startswith("Nơi nhận:") and signature[1].startswith("TM. ỦY BAN NHÂN DÂN")
    received = document.tables[1].rows[0].cells[0].paragraphs
    assert received[0].runs[0].font.size.pt == 12 and received[0].runs[0].bold and received[0].runs[0].italic
    assert all(r.font.size.pt == 11 for p in received[1:] for r in p.runs)
    # The annexes follow in the same file, unsigned, numbered on with the decision's pages.
    assert len(document.sections) == 3 and len(document.tables) == 4
    assert texts.count("Phụ lục I") == 1 and ALONG_HUE in texts
    assert all(s._sectPr.find(qn("w:pgNumType")) is None for s in document.sections)


def test_decision_draft_fills_every_part(tmp_path):
    extra = """decision_draft:
  number: 12/QĐ-UBND
  date: 2021-02-05
  place: Huế
  summary: Về việc phê duyệt kết quả đánh giá năm 2024
  bases: ["Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015", "Căn cứ Quyết định số 1/QĐ-UBND."]
  proposal: Giám đốc Sở Thông tin và Truyền thông tại Tờ trình số 5/TTr-STTTT
  executors: [Chánh Văn phòng UBND tỉnh, Giám đốc Sở Thông tin và Truyền thông]
  signer: {on_behalf: TM. ỦY BAN NHÂN DÂN, title: KT. CHỦ TỊCH, subtitle: PHÓ CHỦ TỊCH, name: Nguyễn Văn A}
  recipients: [Như Điều 3, "Lưu: VT"]
"""
    params = write_year(tmp_path, 2024, ["so-nganh,Sở A,100,0,95", "xa,Xã B,100,0,70"], extra=extra)
    document = decision_document(assess(params))
    header = rows_of(document.tables[0])[0]
    assert header[0].endswith("Số: 12/QĐ-UBND") and header[1].endswith("Huế, ngày 05 tháng 02 năm 2021")
    texts = [p.text for p in document.paragraphs if p.text]
    assert texts[1] == "Về việc phê duyệt kết quả đánh giá năm 2024"
    assert texts[3:6] == ["Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
                          "Căn cứ Quyết định số 1/QĐ-UBND;",
                          "Theo đề nghị của Giám đốc Sở Thông tin và Truyền thông tại Tờ trình số 5/TTr-STTTT."]
    assert texts[7].startswith("Điều 1. Phê duyệt kết quả đánh giá năm 2024, gồm:")
    assert ("Điều 3. Chánh Văn phòng UBND tỉnh, Giám đốc Sở Thông tin và Truyền thông chịu trách nhiệm thi hành "
            "Quyết định này./.") in texts
    signature = rows_of(document.tables[1])[0]
    assert signature[0] == "Nơi nhận:\n- Như Điều 3;\n- Lưu: VT."
    lines = [line for line in signature[1].split("\n") if line]
    assert lines == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn A"]
    assert "(Kèm theo Quyết định số 12/QĐ-UBND ngày 5 tháng 2 năm 2021 của Ủy ban nhân dân tỉnh Sơn Hà)" in texts


@pytest.mark.parametrize("draft, key, words", [
    ("decision_draft: [a]", "decision_draft", "must be a mapping"),
    ("decision_draft: {date: 31/02/2020}", "decision_draft.date", "is not a date"),
    ("decision_draft: {date: 2020-13-01}", "decision_draft.date", "is not a date"),  # YAML's date, no day
    ("decision_draft: {bases: [1, 2]}", "decision_draft.bases[1]", "must be text"),
    ("decision_draft: {signer: {nam: X}}", "decision_draft.signer.nam", "unknown key"),
    ("decision_draft: {numbr: '1'}", "decision_draft.numbr", "unknown key"),
    ("decision_draft: {template: nowhere.docx}", "decision_draft.template", "template not found"),
    ("decision_draft: {template: p.yaml}", "decision_draft.template", "must be a Word .docx file"),
])
def test_decision_draft_problems_name_the_key_and_line(tmp_path, capsys, draft, key, words):
    params = write_year(tmp_path, 2024, ["so-nganh,Sở A,100,0,95"], extra=draft + "\n")
    assert main(["decision", str(params), "--out", str(tmp_path / "qd.docx")]) == 1
    error = capsys.readouterr().err
    assert f"line 6, column '{key}'" in error and words in error and "Traceback" not in error
    assert not (tmp_path / "qd.docx").exists()


def test_commands_write_the_documents_and_never_over_an_input(hue, tmp_path, capsys):
    params = ROOT / "params/thua-thien-hue-2020.yaml"
    assert main(["score", str(params), "--out", str(tmp_path / "phu-luc.docx")]) == 0
    assert main(["decision", str(params), "--out", str(tmp_path / "qd.docx")]) == 0
    assert Document(str(tmp_path / "qd.docx")).paragraphs
    copy = tmp_path / "p.yaml"
    copy.write_text(params.read_text(encoding="utf-8").replace("../data/", f"{ROOT}/data/")
                    .replace("frameworks/", f"{ROOT}/params/frameworks/"), encoding="utf-8")
    assert main(["decision", str(copy), "--out", str(tmp_path / "qd.pdf")]) == 1
    assert "must end in .docx" in capsys.readouterr().err


def test_the_same_inputs_give_the_same_bytes(hue, tmp_path):
    first = write_decision(hue, tmp_path / "a.docx").read_bytes()
    assert write_decision(hue, tmp_path / "b.docx").read_bytes() == first


def test_english_params_still_print_the_decisions_vietnamese_frame(hue):
    english = dataclasses.replace(hue, params=dataclasses.replace(hue.params, language="en"))
    document = annexes_document(english)
    assert rows_of(document.tables[0])[0][:3] == ["STT", "Tên đơn vị", "Điểm tối đa"]
    assert [p.text for p in document.paragraphs][:1] == ["Phụ lục I"]


def test_run_docx_stages_both_documents_beside_the_report(hue, tmp_path, capsys):
    from egovnb.publish.documents import document_files, old_documents

    files = document_files(hue.params)
    assert sorted(files) == ["-du-thao-quyet-dinh.docx", "-phu-luc.docx"]
    assert all(content[:2] == b"PK" for content in files.values())
    (tmp_path / "thua-thien-hue-2020-phu-luc.docx").write_bytes(files["-phu-luc.docx"])
    assert [p.name for p in old_documents(tmp_path, hue.params)] == ["thua-thien-hue-2020-phu-luc.docx"]
    assert main(["run", str(ROOT / "params/thua-thien-hue-2020.yaml"), "--docx", "--unit", "Sở Y tế",
                 "--reports", str(tmp_path)]) == 1
    assert "--docx" in capsys.readouterr().err


def test_a_provinces_template_is_filled_and_the_annexes_follow(tmp_path, capsys):
    """The example template (tools/make_decision_template.py) filled from decision_draft; a tag
    egovnb does not give is refused by name, and nothing is written."""
    import shutil

    shutil.copy(ROOT / "params/templates/quyet-dinh.docx", tmp_path / "mau.docx")
    extra = ("decision_draft:\n  number: '7'\n  place: Sơn Hà\n  bases: [Luật A, 'Luật B & <w:t>C</w:t>']\n"
             "  recipients: [Như Điều 3, 'Lưu: VT']\n  template: mau.docx\n")
    params = write_year(tmp_path, 2024, ["so-nganh,Sở A,100,0,95", "xa,Xã B,100,0,70"], extra=extra)
    assert main(["decision", str(params), "--out", str(tmp_path / "qd.docx")]) == 0
    document = Document(str(tmp_path / "qd.docx"))
    texts = [p.text for p in document.paragraphs if p.text]
    # Text is text: "&" and "<" are escaped, not read as Word's XML.
    assert "Căn cứ Luật A;" in texts and "Căn cứ Luật B & <w:t>C</w:t>;" in texts and "Theo đề nghị của …." in texts
    assert not any("{" in t for t in texts)
    header = rows_of(document.tables[0])[0]
    assert header[0].endswith("Số: 7/QĐ-UBND") and header[1].endswith("Sơn Hà, ngày … tháng … năm …")
    assert rows_of(document.tables[1])[0][0].split("\n")[:3] == ["Nơi nhận:", "- Như Điều 3;", "- Lưu: VT."]
    assert texts.count("Phụ lục I") == 1 and texts.count("Phụ lục II") == 1 and len(document.tables) == 4
    # A misspelt tag: refused with its name.
    from docx import Document as New

    broken = New(str(tmp_path / "mau.docx"))
    broken.add_paragraph("{{ signer_nmae }}")
    broken.save(str(tmp_path / "mau.docx"))
    assert main(["decision", str(params), "--out", str(tmp_path / "qd2.docx")]) == 1
    error = capsys.readouterr().err
    assert "mau.docx" in error and "signer_nmae" in error and not (tmp_path / "qd2.docx").exists()


def test_the_example_template_is_what_the_tool_builds(tmp_path):
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_template", ROOT / "tools/make_decision_template.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    assert tool.main(tmp_path / "t.docx").read_bytes() == (ROOT / "params/templates/quyet-dinh.docx").read_bytes()


@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "params").glob("*.yaml")))
def test_every_sample_gives_one_annex_a_tier_with_the_reports_cells(name, tmp_path):
    assessment = assess(ROOT / "params" / name)
    document = decision_document(assessment)
    tiers = [key for key in assessment.framework.tiers if (assessment.scores["tier"] == key).any()]
    annex_tables = document.tables[2:]  # after the header and signature blocks
    assert len(annex_tables) == len(tiers)
    for key, table in zip(tiers, annex_tables):
        rows = rows_of(table)
        report = tables.annex_table(assessment, key).frame
        assert len(rows) == len(report) + 1
        for column in rows[0]:  # every column the decision prints is the report's, cell for cell
            if column in report.columns:
                assert [r[rows[0].index(column)] for r in rows[1:]] == list(report[column])
        assert flag(table.rows[0], "w:tblHeader") and all(flag(row, "w:cantSplit") for row in table.rows)


def test_an_empty_number_in_the_draft_is_a_blank_even_beside_a_signed_decision(tmp_path):
    """Drafting a decision that adjusts an earlier one: `decision:` names the earlier one, the
    draft's own number and date are blanks to fill."""
    extra = "decision: Quyết định 3402/QĐ-UBND ngày 31/12/2020\ndecision_draft:\n  number: ''\n  date: ''\n"
    params = write_year(tmp_path, 2024, ["so-nganh,Sở A,100,0,95"], extra=extra)
    header = rows_of(decision_document(assess(params)).tables[0])[0]
    assert header[0].endswith("Số: …/QĐ-UBND") and header[1].endswith("…, ngày … tháng … năm …")
    left_out = write_year(tmp_path / "b", 2024, ["so-nganh,Sở A,100,0,95"],
                          extra="decision: Quyết định 3402/QĐ-UBND ngày 31/12/2020\ndecision_draft: {place: Huế}\n")
    header = rows_of(decision_document(assess(left_out)).tables[0])[0]
    assert header[0].endswith("Số: 3402/QĐ-UBND") and header[1].endswith("Huế, ngày 31 tháng 12 năm 2020")


def test_the_issuing_body_and_the_annex_title():
    from types import SimpleNamespace

    from egovnb.report import decision_text as words

    assert words.issuer("Gia Lai") == "Ủy ban nhân dân tỉnh Gia Lai"
    assert words.issuer("TP. Hồ Chí Minh") == "Ủy ban nhân dân thành phố Hồ Chí Minh"
    assert words.issuer_lines("Huế") == ("ỦY BAN NHÂN DÂN", "THÀNH PHỐ HUẾ")
    params = SimpleNamespace(title="Kết quả đánh giá mức độ Chính quyền điện tử năm 2023 (số liệu minh họa)", year=2023)
    assert words.annex_title(params, "UBND cấp xã") == ("Kết quả đánh giá mức độ Chính quyền điện tử của UBND cấp xã "
                                                         "năm 2023 (số liệu minh họa)")
    assert words.annex_title(params, "Sở, ban, ngành") == ("Kết quả đánh giá mức độ Chính quyền điện tử của các sở, ban, "
                                                            "ngành năm 2023 (số liệu minh họa)")
    assert [words.annex_number(i, 3) for i in range(3)] == ["Phụ lục I", "Phụ lục II", "Phụ lục III"]
    assert words.date_words(None) == "ngày … tháng … năm …"
    import datetime as dt

    assert words.date_words(dt.date(2023, 6, 14), leading_zero=True) == "ngày 14 tháng 6 năm 2023"
    assert words.date_words(dt.date(2021, 1, 9), leading_zero=True) == "ngày 09 tháng 01 năm 2021"
