"""A report says what made it, `egovnb verify` checks it, and a report folder's records describe
the files beside them (issue 16)."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from egovnb.batch.plan import HASH_FILE, plan
from egovnb.cli import main
from egovnb.core.errors import RunError
from egovnb.publish import exporters, report_page
from egovnb.publish.digest import PDF_HASH_FILE, file_sha256
from egovnb.publish.folders import PROVINCE_FILE
from egovnb.publish.provenance import PACKAGES, from_html, package_versions
from egovnb.publish.records import scorecard_sources, unit_record_name
from egovnb.publish.render import run_report
from egovnb.publish.scorecard_pages import run_scorecards
from egovnb.publish.verify import verify

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]


def copy_inputs(target: Path) -> Path:
    """Sơn Hà 2024 and 2023 (its previous year) copied to ``target`` as the repository lays
    them out (params/, params/frameworks/, data/); returns the 2024 params file."""
    for name in ("son-ha-2023.yaml", "son-ha-2024.yaml", "frameworks/son-ha.yaml"):
        (target / "params" / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "params" / name, target / "params" / name)
    shutil.copytree(ROOT / "data" / "son-ha", target / "data" / "son-ha")
    return target / "params" / "son-ha-2024.yaml"


def change_one_cell(data: Path) -> None:
    """The points of the first criterion row changed (a CSV of tier,unit,criterion,points,…)."""
    lines = data.read_text(encoding="utf-8").splitlines(keepends=True)
    row = next(i for i, line in enumerate(lines) if line[0] not in "#t")
    cells = lines[row].split(",")
    cells[3] = "0" if cells[3] not in ("0", "") else "1"
    lines[row] = ",".join(cells)
    data.write_text("".join(lines), encoding="utf-8")


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """Sơn Hà 2024 rendered once with its PDF, inputs and reports in one project folder."""
    project = tmp_path_factory.mktemp("project")
    params = copy_inputs(project)
    page = run_report(params, reports_root=project / "reports", pdf=True)
    return project, params, page


def test_the_report_records_every_input_and_the_environment(made):
    project, params, page = made
    record = from_html(page.read_text(encoding="utf-8"))
    assert [(i.role, i.path) for i in record.inputs] == [
        ("params", "son-ha-2024.yaml"), ("framework", "frameworks/son-ha.yaml"),
        ("data", "../data/son-ha/2024/criteria.csv"), ("previous1.params", "son-ha-2023.yaml"),
        ("previous1.framework", "frameworks/son-ha.yaml"), ("previous1.data", "../data/son-ha/2023/criteria.csv")]
    for item in record.inputs:
        assert item.sha256 == file_sha256((params.parent / item.path).resolve())
    assert dict(record.packages) == dict(package_versions()) and [n for n, _ in record.packages] == list(PACKAGES)
    assert record.lock == "sha256:" + file_sha256(ROOT / "requirements.lock")
    text = page.read_text(encoding="utf-8")
    assert "<script" not in text
    data_sha = record.inputs[2].sha256
    assert f"<td><code>../data/son-ha/2024/criteria.csv</code></td><td><code>{data_sha}</code></td>" in text
    notebook = json.loads(page.with_suffix(".ipynb").read_text(encoding="utf-8"))
    assert notebook["metadata"]["egovnb"]["provenance"]["inputs"][2]["sha256"] == data_sha
    info = subprocess.run(["pdfinfo", "-custom", str(page.with_suffix(".pdf"))], capture_output=True, text=True)
    if info.returncode == 0:  # poppler-utils present
        assert data_sha in info.stdout
    # The folder's records: what its page and PDF were made from, and where the params file is.
    assert (page.parent / HASH_FILE).read_text(encoding="utf-8").splitlines()[1] == page.name
    assert (page.parent / PDF_HASH_FILE).is_file()
    assert (page.parent.parent / PROVINCE_FILE).read_text(encoding="utf-8") == "Sơn Hà\n"


def test_the_annex_workbook_records_what_made_it(made, tmp_path):
    _, params, _ = made
    out = tmp_path / "annex.xlsx"
    assert main(["score", str(params), "--out", str(out)]) == 0
    with zipfile.ZipFile(out) as book:
        custom = book.read("docProps/custom.xml").decode("utf-8")
    assert file_sha256(params) in custom and "egovnb data: ../data/son-ha/2024/criteria.csv" in custom
    again = tmp_path / "again.xlsx"
    main(["score", str(params), "--out", str(again)])
    assert again.read_bytes() == out.read_bytes()


def test_a_report_copied_with_its_inputs_verifies_elsewhere(made, tmp_path, monkeypatch, capsys):
    project, _, page = made
    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(project, elsewhere)
    (elsewhere / page.relative_to(project).parent / ".params-path").unlink()  # found by the layout alone
    monkeypatch.chdir(tmp_path)
    copied = elsewhere / page.relative_to(project)
    assert main(["verify", str(copied.parent)]) == 0
    assert capsys.readouterr().out == "reproduced: identical\n"
    assert sorted(p.name for p in copied.parent.iterdir()) == sorted(p.name for p in page.parent.iterdir()
                                                                      if p.name != ".params-path")


def test_verify_names_the_data_file_when_one_cell_changed(made, tmp_path, capsys):
    project, _, page = made
    copy = tmp_path / "copy"
    shutil.copytree(project, copy)
    change_one_cell(copy / "data" / "son-ha" / "2024" / "criteria.csv")
    assert main(["verify", str(copy / page.relative_to(project))]) == 1
    line = capsys.readouterr().out
    assert line.startswith("input differs: data ../data/son-ha/2024/criteria.csv (recorded sha256 ")
    assert line.count("\n") == 1 and "previous1" not in line


def test_verify_names_a_package_whose_recorded_version_differs(made, tmp_path):
    _, params, page = made
    text = page.read_text(encoding="utf-8")
    version = dict(package_versions())["pandas"]
    # The record of a report made with another pandas: in the page's <meta> and in its block.
    faked = (text.replace(f"&quot;pandas&quot;: &quot;{version}&quot;", "&quot;pandas&quot;: &quot;0.0.1&quot;")
             .replace(f"<th scope=\"row\">pandas</th><td><code>{version}</code>",
                      "<th scope=\"row\">pandas</th><td><code>0.0.1</code>"))
    assert faked.count("0.0.1") == 2
    (tmp_path / "son-ha-2024.html").write_text(faked, encoding="utf-8")
    verdict = verify(tmp_path / "son-ha-2024.html", params)
    assert not verdict.identical
    assert verdict.line == f"environment differs: pandas 0.0.1 recorded, {version} present; the bytes are identical anyway"


def test_run_records_its_inputs_so_batch_never_skips_a_changed_page(made, tmp_path):
    """batch, run with changed data, data put back, batch: the last batch renders again; and
    scorecards made from earlier data do not survive a run of corrected data."""
    project = tmp_path / "p"
    shutil.copytree(made[0], project)
    params, reports = project / "params" / "son-ha-2024.yaml", project / "reports"
    folder = reports / "son-ha" / "2024"
    assert plan([params], reports, pdf=True)[0] == []  # what the fixture's run recorded is what batch hashes
    run_scorecards(params, ["Sở Tài chính"], reports_root=reports)
    units = sorted(p.name for p in (folder / "units").iterdir())
    assert units == [".so-tai-chinh.sha256", "so-tai-chinh.html", "so-tai-chinh.ipynb"]
    scorecard = from_html((folder / "units" / "so-tai-chinh.html").read_text(encoding="utf-8"))
    assert scorecard.inputs == from_html((folder / "son-ha-2024.html").read_text(encoding="utf-8")).inputs
    data = project / "data" / "son-ha" / "2024" / "criteria.csv"
    original = data.read_bytes()
    change_one_cell(data)
    # The page still matches its record, the scorecard's record names the data of before:
    # a batch does not skip the province-year (its run removes the scorecard).
    (folder / "units" / unit_record_name("so-tai-chinh")).write_text("0" * 64 + "\n", encoding="utf-8")
    data.write_bytes(original)
    assert plan([params], reports, pdf=True)[0] != []
    change_one_cell(data)
    run_report(params, reports_root=reports, quiet=True)
    assert not (folder / "units").exists() or not any((folder / "units").iterdir())
    assert not (folder / "son-ha-2024.pdf").exists()  # made from the data before
    data.write_bytes(original)
    to_render, decided = plan([params], reports)
    assert [job.params_path for job in to_render] == [params] and decided == []


def test_data_saved_during_a_run_are_never_recorded_as_what_the_report_shows(made, tmp_path, monkeypatch):
    project = tmp_path / "p"
    shutil.copytree(made[0], project)
    params, reports = project / "params" / "son-ha-2024.yaml", project / "reports"
    folder = reports / "son-ha" / "2024"
    data = project / "data" / "son-ha" / "2024" / "criteria.csv"
    before = file_sha256(data)
    pdf = exporters.html_to_pdf

    def saved_while_printing(html):
        change_one_cell(data)  # after the data were read, while the PDF is made
        return pdf(html)

    monkeypatch.setattr(exporters, "html_to_pdf", saved_while_printing)
    page = run_report(params, reports_root=reports, pdf=True, quiet=True)
    monkeypatch.undo()
    record = from_html(page.read_text(encoding="utf-8"))
    assert record.inputs[2].sha256 == before != file_sha256(data)
    # The PDF's record names the data it was made from: a run now drops it, a batch renders again.
    assert plan([params], reports, pdf=True)[0] != []
    run_report(params, reports_root=reports, quiet=True)
    assert not (folder / "son-ha-2024.pdf").exists() and not (folder / PDF_HASH_FILE).exists()

    # Saved while the kernel reads them: the run fails and the report is left as it was.
    kept = page.read_bytes()
    execute = report_page.KernelSession.execute

    def saved_while_reading(self, *args, **kwargs):
        change_one_cell(data)
        return execute(self, *args, **kwargs)

    monkeypatch.setattr(report_page.KernelSession, "execute", saved_while_reading)
    with pytest.raises(RunError, match="criteria.csv: saved while the report was being made"):
        run_report(params, reports_root=reports, quiet=True)
    assert page.read_bytes() == kept


def test_two_provinces_whose_slugs_collide_never_share_a_folder(made, tmp_path):
    project = tmp_path / "p"
    shutil.copytree(made[0], project)
    reports = project / "reports"
    text = (project / "params" / "son-ha-2024.yaml").read_text(encoding="utf-8")
    other = project / "params" / "son-ha-prime-2024.yaml"
    other.write_text(text.replace("province: Sơn Hà", "province: Sơn Hạ"), encoding="utf-8")
    first_page = reports / "son-ha" / "2024" / "son-ha-2024.html"
    kept = first_page.read_bytes()
    page = run_report(other, reports_root=reports, quiet=True)
    assert page.parent.parent.name.startswith("son-ha-") and page.parent.parent != first_page.parent.parent
    assert first_page.read_bytes() == kept
    assert (page.parent.parent / PROVINCE_FILE).read_text(encoding="utf-8") == "Sơn Hạ\n"
    to_render, decided = plan([project / "params" / "son-ha-2024.yaml", other], reports)
    assert [o.status for o in decided] == ["skipped"]  # Sơn Hạ's; Sơn Hà's was made with its PDF
    assert {job.report_dir for job in to_render + [o.job for o in decided]} == {first_page.parent, page.parent}


def test_verify_names_the_first_byte_that_differs_when_the_output_does(made, tmp_path):
    _, params, page = made
    text = page.read_text(encoding="utf-8")
    changed = text.replace("<h2 id=\"about\">", "<h2 id=\"about\" class=\"x\">", 1)
    (tmp_path / page.name).write_text(changed, encoding="utf-8")
    offset = len(text.split("<h2 id=\"about\">", 1)[0].encode("utf-8")) + len("<h2 id=\"about\"")
    line = text[:text.index("<h2 id=\"about\">")].count("\n") + 1
    verdict = verify(tmp_path / page.name, params)
    assert verdict.line == ("output differs with the same inputs and environment (a reproducibility bug): "
                            f"{page.name} first differs at byte {offset} (line {line})")
