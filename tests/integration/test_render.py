"""`egovnb run`: Papermill → executed notebook → HTML (and PDF), written atomically under reports/."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook
from openpyxl import load_workbook

from egovnb import __version__

from egovnb.publish import exporters, render, report_page
from egovnb.cli import main
from egovnb.core.errors import InputError, RunError
from egovnb.core.params import load_params

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
HUE = ROOT / "params" / "thua-thien-hue-2020.yaml"
WORKBOOK = ROOT / "data" / "thua-thien-hue" / "2020" / "ket-qua-2020.xlsx"


@pytest.fixture(scope="module")
def hue(tmp_path_factory):
    """The Thừa Thiên Huế 2020 report, with its PDF, rendered once for the module."""
    root = tmp_path_factory.mktemp("reports")
    html = render.run_report(HUE, reports_root=root, pdf=True)
    return SimpleNamespace(root=root, html=html, text=html.read_text(encoding="utf-8"))


def copy_hue(folder: Path) -> Path:
    """The Thừa Thiên Huế 2020 params, framework and data, copied into ``folder``."""
    (folder / "frameworks").mkdir(parents=True)
    shutil.copy(ROOT / "params" / "frameworks" / "thua-thien-hue-2020.yaml", folder / "frameworks")
    shutil.copy(WORKBOOK, folder / WORKBOOK.name)
    text = HUE.read_text(encoding="utf-8").replace("../data/thua-thien-hue/2020/", "")
    params = folder / "thua-thien-hue-2020.yaml"
    params.write_text(text, encoding="utf-8")
    return params


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with the SHA-256 of its bytes."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_report_files_land_in_the_province_year_folder(hue):
    folder = hue.root / "thua-thien-hue" / "2020"
    assert hue.html == folder / "thua-thien-hue-2020.html"
    assert sorted(p.name for p in folder.iterdir()) == [
        ".inputs.sha256", ".params-path", ".pdf.sha256", "thua-thien-hue-2020.html", "thua-thien-hue-2020.ipynb",
        "thua-thien-hue-2020.pdf"]
    umask = os.umask(0)
    os.umask(umask)  # the modes any new file or folder gets, not a temporary file's private ones
    assert folder.stat().st_mode & 0o777 == 0o777 & ~umask
    assert {p.stat().st_mode & 0o777 for p in folder.iterdir()} == {0o666 & ~umask}
    assert [p.name for p in hue.root.iterdir()] == ["thua-thien-hue"]  # no staging folder left behind
    executed = nbformat.read(folder / "thua-thien-hue-2020.ipynb", as_version=4)
    assert executed.metadata.papermill["parameters"] == {"params": "thua-thien-hue-2020.yaml"}


def test_html_states_the_figures_and_their_provenance(hue):
    text = hue.text
    assert "<title>Kết quả đánh giá, xếp hạng mức độ Chính quyền điện tử năm 2020 — Thừa Thiên Huế</title>" in text
    assert "Quyết định 3402/QĐ-UBND ngày 31/12/2020, điều chỉnh bởi Quyết định 102/QĐ-UBND" in text
    assert "<li>20/20 đơn vị ở mức độ I</li>" in text
    assert "Cuối bảng: Sở Giáo dục và Đào tạo (91%)." in text
    sha = hashlib.sha256(WORKBOOK.read_bytes()).hexdigest()
    assert f"<code>{sha}</code>" in text
    assert f"<code>thua-thien-hue-2020.yaml</code>" in text
    assert "<code>../data/thua-thien-hue/2020/ket-qua-2020.xlsx</code>" in text
    assert f"<th scope=\"row\">Phiên bản egovnb</th><td>{__version__}</td>" in text
    # The annex in the published layout, as a real table.
    assert "<th scope=\"col\">Số điểm không đưa vào đánh giá</th>" in text.replace(' class="num"', "")
    assert '<td class="num">86,17372</td>' in text
    # One number of decimals within a column: every achieved points of the departments has five.
    assert '<td class="num">89,40000</td>' in text and '<td class="num">89,4</td>' not in text
    # Two charts per table (ranking, level distribution), written into the page as SVG (their text is
    # the page's: it can be selected and searched), with alt text; each with its numbers.
    assert text.count('<svg role="img"') == 2 * 2 and "<img " not in text and "base64" not in text
    # Each at the size of its figure (9 in at 96 CSS pixels an inch), its alt text as its title.
    charts = re.findall(r"<svg [^>]*>", text)
    assert all(re.search(r'\bwidth="864"', c) and re.search(r'\bheight="\d{3,4}"', c) for c in charts)
    assert ('<svg role="img" aria-labelledby="chart1-title"' in text
            and '<title id="chart1-title">Biểu đồ thanh ngang xếp hạng 20 đơn vị khối Sở, ban, ngành' in text)
    assert '<title id="chart3-title">Biểu đồ thanh ngang xếp hạng 9 đơn vị khối UBND cấp huyện' in text
    assert ">20. Sở Giáo dục và Đào tạo<" in text and ">85,36% · II<" in text
    ids = re.findall(r'\bid="([^"]+)"', text)
    assert len(ids) == len(set(ids))  # no two charts define the same id
    assert text.count('<details class="chart-data">') == 2 * 2
    # The district table, and its printed rates checked against the points.
    assert "<li>1/9 đơn vị ở mức độ II</li>" in text and "<li>1/9 đơn vị chưa đạt</li>" in text
    assert '<h2 id="reconcile">Đối chiếu với bảng công bố</h2>' in text
    assert "6 số liệu của 3/29 đơn vị không khớp với quy tắc." in text
    assert "<td>75,41 / 92 = 81,967% → 81,97%</td>" in text
    assert "Dữ liệu minh họa" not in text  # published figures: no illustrative banner


def test_html_has_no_code_and_no_notebook_only_text(hue):
    assert "assess(params)" not in hue.text
    assert "injected-parameters" not in hue.text
    assert "Report of a province-year" not in hue.text
    assert "<pre" not in hue.text.replace('<pre class="params">', "")


def test_html_is_self_contained_and_offline(hue):
    text = hue.text
    assert "http://" not in text and "https://" not in text
    assert "<script" not in text.lower() and "<link" not in text.lower() and "@import" not in text
    sources = re.findall(r'\b(?:src|href)="([^"]*)"', text)
    assert sources and all(s.startswith(("data:", "#")) for s in sources)


def test_html_holds_no_machine_path(hue):
    for path in (str(ROOT), str(hue.root), "/tmp/", "/root", "ipykernel_"):
        assert path not in hue.text, path
    notebook = (hue.html.with_suffix(".ipynb")).read_text(encoding="utf-8")
    assert str(ROOT) not in notebook and str(hue.root) not in notebook


def test_same_inputs_give_identical_bytes(hue, tmp_path):
    again = render.run_report(HUE, reports_root=tmp_path, pdf=True)
    assert again.read_bytes() == hue.html.read_bytes()
    assert again.with_suffix(".ipynb").read_bytes() == hue.html.with_suffix(".ipynb").read_bytes()
    assert again.with_suffix(".pdf").read_bytes() == hue.html.with_suffix(".pdf").read_bytes()


def test_pdf_is_a4_with_correct_vietnamese_text(hue):
    pdf = hue.html.with_suffix(".pdf").read_bytes()
    assert pdf.startswith(b"%PDF-")
    if shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None:
        pytest.skip("pdftotext and pdfinfo (poppler-utils) are not installed")
    info = subprocess.run(["pdfinfo", str(hue.html.with_suffix(".pdf"))], check=True, capture_output=True,
                          text=True).stdout
    assert re.search(r"Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)", info)
    text = subprocess.run(["pdftotext", "-layout", str(hue.html.with_suffix(".pdf")), "-"], check=True,
                          capture_output=True, text=True).stdout
    for phrase in ("THỪA THIÊN HUẾ · NĂM 2020", "Quyết định 3402/QĐ-UBND", "20/20 đơn vị ở mức độ I",
                   "Dẫn đầu: Sở Công Thương (100%)", "Cuối bảng: Sở Giáo dục và Đào tạo (91%).",
                   "Sở Tài chính", "86,17372", "Thông tin về báo cáo",
                   "1. UBND huyện Nam Đông", "85,36% · II"):  # the charts' text is text in the PDF too
        assert phrase in text, phrase


def test_bad_input_or_a_failing_cell_leaves_the_previous_report(project, monkeypatch):
    params = copy_hue(project.root / "params")
    reports = project.root / "reports"
    html = render.run_report(params, reports_root=reports)
    before = snapshot(reports)
    # In a project (params/ beside reports/), the notebook beside the report names its params
    # file from its own folder: it reruns as it is, from there.
    executed = nbformat.read(html.with_suffix(".ipynb"), as_version=4)
    injected = [c for c in executed.cells if "injected-parameters" in c.metadata.get("tags", [])][0]
    assert injected.source == '# Parameters\nparams = "../../../params/thua-thien-hue-2020.yaml"\n'
    assert executed.metadata.papermill.parameters == {"params": "../../../params/thua-thien-hue-2020.yaml"}
    assert (html.parent / "../../../params/thua-thien-hue-2020.yaml").resolve() == params.resolve()

    # A typo in the data: reported as the checks of `egovnb validate` report it, not as a failed cell.
    data = project.root / "params" / WORKBOOK.name
    book = load_workbook(data)
    assert book["Sở, ban, ngành"]["B24"].value == "Sở Y tế"
    book["Sở, ban, ngành"]["F24"] = "85.o9"
    book.save(data)
    with pytest.raises(InputError) as error:
        render.run_report(params, reports_root=reports)
    assert ("sheet 'Sở, ban, ngành', row 24, column 'Số điểm thực hiện': '85.o9' is not a number"
            in str(error.value))
    assert snapshot(reports) == before

    # A cell that fails in the kernel: one readable message naming the cell and the error.
    shutil.copy(WORKBOOK, data)
    failing = project.root / "failing.ipynb"
    nb = new_notebook(cells=[new_code_cell('params = "x.yaml"', metadata={"tags": ["parameters"]}),
                             new_code_cell("# a mistake\nshare = 1 / 0")],
                      metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
    nbformat.write(nb, failing)
    monkeypatch.setattr(report_page, "REPORT_NOTEBOOK", failing)
    with pytest.raises(RunError) as error:
        render.run_report(params, reports_root=reports)
    message = str(error.value)
    saved = reports.resolve() / ".failed" / "thua-thien-hue-2020.ipynb"
    assert message == ("failing.ipynb, cell [3] (share = 1 / 0) failed: ZeroDivisionError: division by zero "
                       f"(the notebook with its error: {saved})")
    assert {k: v for k, v in snapshot(reports).items() if not k.startswith(".failed/")} == before
    assert html.exists()
    # The executed notebook with its error is kept outside the report's folder, naming its params
    # file from its own folder, so it opens (and reruns) in JupyterLab.
    failed = nbformat.read(saved, as_version=4)
    assert [o.ename for o in failed.cells[-1].outputs if o.output_type == "error"] == ["ZeroDivisionError"]
    injected = [c for c in failed.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert injected[0].source == '# Parameters\nparams = "../../params/thua-thien-hue-2020.yaml"\n'
    assert (saved.parent / "../../params/thua-thien-hue-2020.yaml").resolve() == params.resolve()
    # A report that succeeds again removes it.
    monkeypatch.undo()
    render.run_report(params, reports_root=reports)
    assert not saved.exists()


def test_unit_names_are_escaped(project, tmp_path):
    data = project.write("units.csv", "tier,unit,max_points,excluded_points,achieved_points\n"
                                      "so-nganh,<script>alert(1)</script>,90,0,88\n"
                                      'so-nganh,"Sở ""Tài"" & chính",90,0,80\n')
    params = project.params(data.name, language="en", title="<b>Bold</b> title")
    html = render.run_report(params, reports_root=tmp_path / "reports")
    text = html.read_text(encoding="utf-8")
    assert "<script" not in text and "<b>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "Sở &quot;Tài&quot; &amp; chính" in text
    assert "&lt;b&gt;Bold&lt;/b&gt; title" in text
    assert '<html lang="en">' in text
    assert "<li>1/2 units at level I</li>" in text
    assert html.parent == (tmp_path / "reports" / "tinh-thu" / "2024").resolve()


def test_report_folder_is_a_slug_inside_reports(project, tmp_path):
    data = project.write("units.csv", "tier,unit,max_points,excluded_points,achieved_points\nso-nganh,Sở A,90,0,88\n")
    params = load_params(project.params(data.name, province="../../Đà Nẵng / Quảng Nam"))
    paths = render.report_paths(params, tmp_path)
    assert paths.folder == tmp_path.resolve() / "da-nang-quang-nam" / "2024"
    assert paths.html.name == "da-nang-quang-nam-2024.html"
    for slug in ("..", "../x", "a/b", ""):
        with pytest.raises(RunError):
            render.report_paths(SimpleNamespace(province=slug, province_slug=slug, year=2024), tmp_path)


def test_illustrative_criterion_grain_with_previous_year(tmp_path):
    html = render.run_report(ROOT / "params" / "son-ha-2024.yaml", reports_root=tmp_path)
    text = html.read_text(encoding="utf-8")
    assert html == (tmp_path / "son-ha" / "2024" / "son-ha-2024.html").resolve()
    assert '<aside class="illustrative" role="note"><strong>Dữ liệu minh họa</strong>' in text
    assert "tỉnh Sơn Hà là tỉnh giả định" in text  # the params' note
    assert '<h2 id="yoy">So sánh với năm 2023</h2>' in text
    assert len(re.findall(r'<title id="chart\d+-title">Bản đồ nhiệt', text)) == 3
    assert len(re.findall(r'<title id="chart\d+-title">Biểu đồ đường nối thứ hạng năm 2023 với năm 2024', text)) == 3
    assert "đơn vị không đánh giá" in text


def test_cli_run_and_stale_pdf(tmp_path, capsys):
    params = copy_hue(tmp_path / "params")
    reports = tmp_path / "reports"
    assert main(["run", str(params), "--pdf", "--reports", str(reports)]) == 0
    folder = reports / "thua-thien-hue" / "2020"
    assert capsys.readouterr().out.split() == [str(folder / "thua-thien-hue-2020.html"),
                                               str(folder / "thua-thien-hue-2020.pdf")]
    pdf = (folder / "thua-thien-hue-2020.pdf").read_bytes()
    # Rendering again without --pdf keeps the PDF while it matches the inputs...
    assert main(["run", str(params), "--reports", str(reports)]) == 0
    assert (folder / "thua-thien-hue-2020.pdf").read_bytes() == pdf
    assert capsys.readouterr().err == ""
    # ... and removes it, saying so, once an input changed: it would no longer match the HTML.
    params.write_text(params.read_text(encoding="utf-8").replace("điều chỉnh bởi", "được điều chỉnh bởi"),
                      encoding="utf-8")
    assert main(["run", str(params), "--reports", str(reports)]) == 0
    assert not (folder / "thua-thien-hue-2020.pdf").exists()
    assert "thua-thien-hue-2020.pdf: it was made from other inputs" in capsys.readouterr().err


def test_cli_run_bad_params_exits_1_without_traceback(tmp_path):
    missing = tmp_path / "nowhere.yaml"
    result = subprocess.run([sys.executable, "-m", "egovnb", "run", str(missing), "--reports", str(tmp_path)],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert str(missing) in result.stderr
    assert not any(tmp_path.iterdir())


def test_nbconvert_exporters_give_the_same_bytes(hue):
    executed = nbformat.read(hue.html.with_suffix(".ipynb"), as_version=4)
    html, _ = exporters.ReportHTMLExporter().from_notebook_node(executed)
    assert html.encode("utf-8") == hue.html.read_bytes()
    pdf, resources = exporters.ReportPDFExporter().from_notebook_node(executed)
    assert pdf == hue.html.with_suffix(".pdf").read_bytes()
    assert resources["output_extension"] == ".pdf"


@pytest.mark.parametrize("forked", [False, True], ids=["started", "forked"])
def test_a_kernel_started_ahead_gives_the_same_bytes(hue, tmp_path, forked):
    """As a batch worker renders: each report's kernel started ahead, its imports already made
    (forked from a zygote that made them, as `egovnb batch` does, or started as a new Python)."""
    from egovnb.publish.warm import KernelPool

    with KernelPool(report_page.REPORT_NOTEBOOK, forked=forked) as kernels:
        kernels.start_next(HUE.parent)  # while an earlier report rendered
        first = render.run_report(HUE, reports_root=tmp_path / "a", kernels=kernels)
        second = render.run_report(HUE, reports_root=tmp_path / "b", kernels=kernels)  # started as `first` ended
    for page in (first, second):
        assert page.read_bytes() == hue.html.read_bytes()
        assert page.with_suffix(".ipynb").read_bytes() == hue.html.with_suffix(".ipynb").read_bytes()


def test_a_kernel_started_in_another_folder_is_not_used(tmp_path):
    from egovnb.publish.warm import KernelPool

    with KernelPool(report_page.REPORT_NOTEBOOK) as kernels:
        kernels.start_next(tmp_path)
        assert kernels.take(HUE.parent) is None  # the notebook must run in the params file's folder
        kernels.start_next(HUE.parent)
        kernel = kernels.take(HUE.parent)
        assert kernel is not None and kernel.manager.has_kernel
    from egovnb.publish.kernel import stop_kernel

    stop_kernel(kernel)
    assert not kernel.manager.has_kernel


def test_forked_kernels_share_no_state_between_province_years(tmp_path):
    """Each province-year gets a kernel that never ran a cell: what one notebook defined is
    not there for the next, and each kernel is its own process, stopped after its notebook."""
    import nbformat

    from egovnb.publish.kernel import CellFailure
    from egovnb.publish.warm import KernelPool

    define = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import os\nsecret = os.getpid()")])
    use = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("secret")])
    with KernelPool(report_page.REPORT_NOTEBOOK, forked=True) as kernels:
        with kernels.session(tmp_path, name="first") as session:
            session.execute(define, notebook="first.ipynb")
            first = session.kernel.manager.provisioner.process
        assert first.poll() is not None  # stopped with its session
        with pytest.raises(CellFailure, match="NameError"), kernels.session(tmp_path, name="second") as session:
            assert session.kernel.manager.provisioner.process.pid != first.pid
            session.execute(use, notebook="second.ipynb")
        assert kernels.kernels_peak_mib() > 50  # the stopped kernels' peak, as the zygote saw it


def test_a_kernel_is_started_as_usual_when_the_zygote_is_gone(tmp_path):
    import nbformat

    from egovnb.publish.warm import KernelPool
    from egovnb.publish.zygote import ForkedKernel

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")])
    with KernelPool(report_page.REPORT_NOTEBOOK, forked=True) as kernels:
        kernels.zygote().close()
        with kernels.session(tmp_path, name="alone", ahead=False) as session:
            session.execute(nb, notebook="alone.ipynb")
            assert not isinstance(session.kernel.manager.provisioner.process, ForkedKernel)
    assert nb.cells[0].outputs[0]["data"]["text/plain"] == "2"


def test_nbconvert_on_a_papermill_notebook_gives_the_page_egovnb_run_gives(hue, tmp_path):
    # A notebook as Papermill alone leaves it (`papermill … -p params /…/thua-thien-hue-2020.yaml`):
    # no page title, no egovnb version.
    nb = nbformat.read(hue.html.with_suffix(".ipynb"), as_version=4)
    del nb.metadata["title"], nb.metadata["egovnb"]
    nb.metadata.papermill.parameters = {"params": str(HUE)}
    copy = hue.html.parent / "papermill-only.ipynb"
    nbformat.write(nb, copy)
    try:
        page, _ = exporters.ReportHTMLExporter().from_filename(str(copy))
    finally:
        copy.unlink()
    assert "<title>Kết quả đánh giá, xếp hạng mức độ Chính quyền điện tử năm 2020 — Thừa Thiên Huế</title>" in page
    assert f'<meta name="generator" content="egovnb {__version__}">' in page
    assert page == hue.text


def test_a_params_path_not_found_names_the_folder_looked_in(tmp_path, monkeypatch):
    from egovnb.insight.validation import checked

    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputError) as error:
        checked("../params/thua-thien-hue-2020.yaml")
    assert str(error.value.problems[0]) == (f"../params/thua-thien-hue-2020.yaml: file not found (looked in {tmp_path})")
