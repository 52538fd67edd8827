"""The batch scheduler, skip logic and index page, with a fake render function in the workers.

The fake renders stand in for :func:`egovnb.publish.render.run_report` (the real one is
tested in tests/integration/test_batch.py): they write the report page where
the real one would, atomically, and log each call so a test can count renders
across worker processes.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from argparse import Namespace
from pathlib import Path

import pytest

from egovnb import __version__
from egovnb.batch import plan, pool, run
from egovnb.batch.index import IndexEntry, index_html
from egovnb.batch.plan import HASH_FILE, inputs_digest
from egovnb.batch.run import run_batch
from egovnb.publish import digest
from egovnb.core.errors import EgovnbError, RunError
from egovnb.core.params import load_params
from egovnb.publish.render import report_paths

ROOT = Path(__file__).resolve().parents[2]
FRAMEWORK = """\
# illustrative test framework
tiers:
  so-nganh: {label: "Sở, ban, ngành", rank_by: rate, max_points: 100, below: Chưa đạt,
             levels: [{name: I, min: 0.9}, {name: II, min: 0.8}]}
"""


# --- Fake renders (module level: the workers import them by name) -------------------------------
def _log(reports_root: Path, params_path: Path) -> None:
    with open(Path(reports_root) / "render.log", "a", encoding="utf-8") as log:
        log.write(Path(params_path).name + "\n")
    with open(Path(reports_root) / "pids.log", "a", encoding="utf-8") as log:
        log.write(f"{os.getpid()}\n")


def fake_render(params_path, *, reports_root, pdf=False):
    """Write the report page (and a PDF when asked) atomically, like run_report."""
    params = load_params(params_path)
    if "hỏng" in (params.note or ""):
        raise RunError(f"{Path(params_path).name}: 01-report.ipynb, cell [3] failed: ValueError: hỏng")
    if "chết" in (params.note or ""):
        os._exit(3)  # a worker that dies (a crash, the OOM killer)
    started = Path(reports_root) / "started.log"
    started.parent.mkdir(parents=True, exist_ok=True)
    with open(started, "a", encoding="utf-8") as handle:  # lets a test wait until workers are inside a report
        handle.write(f"{Path(params_path).name}\n")
    time.sleep(float(os.environ.get("FAKE_RENDER_SECONDS", "0")))
    paths = report_paths(params, reports_root)
    paths.folder.mkdir(parents=True, exist_ok=True)
    staging = paths.html.with_name(".staging.html")
    staging.write_text(f"<!DOCTYPE html><title>{params.province} {params.year}</title></html>", encoding="utf-8")
    os.replace(staging, paths.html)
    if pdf:
        paths.pdf.write_bytes(b"%PDF-1.7 fake")
    _log(reports_root, params_path)
    return paths.html


def renders(reports: Path) -> list[str]:
    log = reports / "render.log"
    return sorted(log.read_text(encoding="utf-8").split()) if log.exists() else []


# --- A folder of province-years ------------------------------------------------------------------
def write_province(folder: Path, province: str, year: int, *, note: str = "", previous: str | None = None,
                   points: str = "80") -> Path:
    from egovnb.core.text import slugify

    slug = slugify(province)
    (folder / "data").mkdir(parents=True, exist_ok=True)
    (folder / "frameworks").mkdir(exist_ok=True)
    (folder / "data" / f"{slug}-{year}.csv").write_text(
        "# illustrative test data\ntier,unit,max_points,excluded_points,achieved_points\n"
        f"so-nganh,Sở Y tế,100,0,{points}\nso-nganh,Sở Tư pháp,100,0,91\n", encoding="utf-8")
    (folder / "frameworks" / f"{slug}-{year}.yaml").write_text(FRAMEWORK, encoding="utf-8")
    lines = [f"province: {province}", f"year: {year}", f"data: data/{slug}-{year}.csv",
             f"framework: frameworks/{slug}-{year}.yaml", "illustrative: true"]
    if note:
        lines.append(f"note: {note}")
    if previous:
        lines.append(f"previous: {previous}")
    path = folder / f"{slug}-{year}.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def national(tmp_path):
    folder = tmp_path / "params"
    write_province(folder, "Gia Lai", 2023)
    write_province(folder, "Gia Lai", 2024, previous="gia-lai-2023.yaml")
    write_province(folder, "Đà Nẵng", 2024)
    write_province(folder, "Cần Thơ", 2024)
    return folder, tmp_path / "reports"


def batch_run(folder, reports, **kwargs):
    kwargs.setdefault("jobs", 2)
    return run_batch(folder, reports_root=reports, render=fake_render, progress=False, **kwargs)


def statuses(result) -> dict[str, str]:
    return {o.params_path.name: o.status for o in result.outcomes}


# --- Incremental runs -----------------------------------------------------------------------------
def test_first_run_renders_all_then_an_unchanged_run_renders_nothing(national):
    folder, reports = national
    first = batch_run(folder, reports)
    assert set(statuses(first).values()) == {"rendered"} and len(first.outcomes) == 4
    assert renders(reports) == ["can-tho-2024.yaml", "da-nang-2024.yaml", "gia-lai-2023.yaml", "gia-lai-2024.yaml"]
    record = (reports / "gia-lai" / "2024" / HASH_FILE).read_text(encoding="utf-8")
    gia_lai_2024 = next(o for o in first.outcomes if o.params_path.name == "gia-lai-2024.yaml")
    assert record == f"{gia_lai_2024.job.digest}\ngia-lai-2024.html\n" and len(gia_lai_2024.job.digest) == 64
    assert gia_lai_2024.report == (reports / "gia-lai" / "2024" / "gia-lai-2024.html").resolve()

    second = batch_run(folder, reports)
    assert set(statuses(second).values()) == {"skipped"}
    assert len(renders(reports)) == 4  # nobody rendered twice
    text = run.summary(second, folder)
    assert "0 rendered, 4 unchanged (skipped), 0 failed" in text
    assert "Cần Thơ 2024, Đà Nẵng 2024, Gia Lai 2023, Gia Lai 2024" in " ".join(text.split())


def test_only_what_changed_is_rendered_and_a_previous_year_counts(national):
    folder, reports = national
    batch_run(folder, reports)
    data = folder / "data" / "gia-lai-2023.csv"
    data.write_text(data.read_text(encoding="utf-8").replace("Sở Y tế,100,0,80", "Sở Y tế,100,0,81"),
                    encoding="utf-8")
    result = batch_run(folder, reports)
    # 2024 reads 2023 as its previous year, so both are stale; the others are not.
    assert statuses(result) == {"can-tho-2024.yaml": "skipped", "da-nang-2024.yaml": "skipped",
                                "gia-lai-2023.yaml": "rendered", "gia-lai-2024.yaml": "rendered"}

    framework = folder / "frameworks" / "da-nang-2024.yaml"
    framework.write_text(framework.read_text(encoding="utf-8").replace("min: 0.8", "min: 0.75"), encoding="utf-8")
    assert [o.params_path.name for o in batch_run(folder, reports).with_status("rendered")] == ["da-nang-2024.yaml"]


def test_force_pdf_and_a_missing_report_re_render(national):
    folder, reports = national
    batch_run(folder, reports)
    assert len(batch_run(folder, reports, force=True).with_status("rendered")) == 4
    assert len(batch_run(folder, reports, pdf=True).with_status("rendered")) == 4  # the options changed
    assert (reports / "can-tho" / "2024" / "can-tho-2024.pdf").read_bytes() == b"%PDF-1.7 fake"
    (reports / "da-nang" / "2024" / "da-nang-2024.html").unlink()
    again = batch_run(folder, reports, pdf=True)
    assert [o.params_path.name for o in again.with_status("rendered")] == ["da-nang-2024.yaml"]


def test_digest_covers_notebooks_version_and_bytes_but_not_the_folder(national, tmp_path, monkeypatch):
    folder, _ = national
    notebook = tmp_path / "01-report.ipynb"
    notebook.write_text("{}", encoding="utf-8")
    params = folder / "gia-lai-2024.yaml"
    base = inputs_digest(params, (notebook,))
    moved = tmp_path / "moved"
    import shutil

    shutil.copytree(folder, moved)
    assert inputs_digest(moved / "gia-lai-2024.yaml", (notebook,)) == base
    assert inputs_digest(params, (notebook,), "pdf=True") != base
    notebook.write_text('{"cells": []}', encoding="utf-8")
    assert inputs_digest(params, (notebook,)) != base
    notebook.write_text("{}", encoding="utf-8")
    monkeypatch.setattr(digest, "__version__", "99.0")
    assert inputs_digest(params, (notebook,)) != base
    roles = [role for role, _ in plan.input_files(params)]
    assert roles == ["params", "framework", "data", "previous1.params", "previous1.framework", "previous1.data"]


def test_the_real_report_notebooks_are_hashed():
    files = plan.report_notebooks()
    assert any(p.suffix == ".ipynb" and p.is_file() for p in files)


# --- Failures -------------------------------------------------------------------------------------
def test_one_failure_does_not_stop_the_others_and_records_no_hash(national):
    folder, reports = national
    write_province(folder, "Huế", 2025, note="hỏng")
    (folder / "lỗi.yaml").write_text("year: 2024\ndata: missing.csv\nframwork: x.yaml\n",
                                     encoding="utf-8")
    (folder / "z-gia-lai-2024.yaml").write_text(
        (folder / "gia-lai-2024.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    result = batch_run(folder, reports)
    status = statuses(result)
    assert status["hue-2025.yaml"] == "failed" and status["lỗi.yaml"] == "failed"
    assert status["z-gia-lai-2024.yaml"] == "failed"
    assert [s for s in status.values()].count("rendered") == 4
    assert not (reports / "hue" / "2025" / HASH_FILE).exists()
    text = run.summary(result, folder)
    assert "cell [3] failed: ValueError: hỏng" in text
    assert "lỗi.yaml" in text and "column 'framwork': unknown key; did you mean 'framework'?" in text
    assert "same province and year as" in text and "4 rendered, 0 unchanged (skipped), 3 failed" in text
    index = (reports / "index.html").read_text(encoding="utf-8")
    assert "Huế năm 2025" in index and "Tệp tham số không đọc được: lỗi.yaml" in index
    assert index.count("gia-lai/2024/gia-lai-2024.html") == 1

    code = run.cli_batch(Namespace(params_dir=str(folder), jobs=1, force=False, pdf=False, reports=str(reports)))
    assert code == 1  # the failures are still there; the rest is skipped


def test_a_worker_that_dies_fails_its_province_year_only(national):
    folder, reports = national
    write_province(folder, "Huế", 2025, note="chết")
    result = batch_run(folder, reports, jobs=1)
    assert statuses(result)["hue-2025.yaml"] == "failed"
    assert "the worker process died (exit code 3)" in result.with_status("failed")[0].message
    assert len(result.with_status("rendered")) == 4


def test_workers_are_reused_and_replaced_past_the_memory_limit(national, monkeypatch):
    folder, reports = national
    batch_run(folder, reports, jobs=1)
    assert len(set((reports / "pids.log").read_text().split())) == 1  # one worker for all four
    monkeypatch.setattr(pool, "WORKER_MEMORY_MIB", 0)  # every worker is "too big" after a report
    result = batch_run(folder, reports, jobs=1, force=True)
    assert len(result.with_status("rendered")) == 4
    assert len(set((reports / "pids.log").read_text().split()[4:])) == 4
    assert max(o.worker_mib for o in result.outcomes) > 10  # the peak memory is measured


def test_bad_arguments_are_errors_not_tracebacks(tmp_path):
    with pytest.raises(EgovnbError, match="not a folder"):
        run_batch(tmp_path / "nowhere", render=fake_render)
    with pytest.raises(EgovnbError, match="no params files"):
        run_batch(tmp_path, render=fake_render)
    with pytest.raises(EgovnbError, match="--jobs must be 1 or more"):
        run_batch(tmp_path, jobs=0, render=fake_render)


# --- Interrupted and resumed ------------------------------------------------------------------------
SCRIPT = """
import sys
from egovnb.batch.run import run_batch, summary
from tests.unit.test_batch import fake_render
result = run_batch(sys.argv[1], jobs=2, reports_root=sys.argv[2], render=fake_render)
print(summary(result, sys.argv[1]))
sys.exit(130 if result.interrupted else 0)
"""


def test_sigterm_finishes_running_reports_and_the_next_run_resumes(tmp_path):
    folder, reports = tmp_path / "params", tmp_path / "reports"
    names = ["An Giang", "Bắc Ninh", "Cà Mau", "Cao Bằng", "Cần Thơ", "Đà Nẵng", "Điện Biên", "Gia Lai"]
    for name in names:
        write_province(folder, name, 2025)
    env = dict(os.environ, FAKE_RENDER_SECONDS="0.6")
    process = subprocess.Popen([sys.executable, "-c", SCRIPT, str(folder), str(reports)], cwd=ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not list(reports.glob(f"*/2025/{HASH_FILE}")) and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGTERM)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert "stopping: waiting for" in err and "run the same command again" in out
    done = sorted(p.parent.parent.name for p in reports.glob(f"*/2025/{HASH_FILE}"))
    assert 1 <= len(done) < len(names)
    for folder_of_year in reports.glob("*/2025"):  # complete (page and hash) or untouched
        assert (folder_of_year / HASH_FILE).exists() == any(folder_of_year.glob("*.html"))
    assert renders(reports) == sorted(f"{p}-2025.yaml" for p in done)

    result = batch_run(folder, reports)
    assert sorted(o.job.province_slug for o in result.with_status("skipped")) == done
    assert len(result.with_status("rendered")) == len(names) - len(done)
    assert len(renders(reports)) == len(names) == len(set(renders(reports)))  # none rendered twice


def test_a_second_signal_aborts_running_reports_and_leaves_them_untouched(tmp_path):
    folder, reports = tmp_path / "params", tmp_path / "reports"
    for name in ("An Giang", "Bắc Ninh", "Cà Mau"):
        write_province(folder, name, 2025)
    env = dict(os.environ, FAKE_RENDER_SECONDS="30")
    process = subprocess.Popen([sys.executable, "-c", SCRIPT, str(folder), str(reports)], cwd=ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    started_log = reports / "started.log"
    while time.monotonic() < deadline and (
            not started_log.exists() or len(started_log.read_text(encoding="utf-8").split()) < 2):
        time.sleep(0.05)  # until both workers are inside a report, however slow the machine
    started = time.monotonic()
    process.send_signal(signal.SIGTERM)
    time.sleep(0.5)
    process.send_signal(signal.SIGTERM)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert time.monotonic() - started < 25  # did not wait for the 30-second reports
    assert "0 rendered, 0 unchanged (skipped), 0 failed, 3 not finished" in out
    assert not list(reports.glob("*/2025/*.html")) and not list(reports.glob(f"*/2025/{HASH_FILE}"))
    assert (reports / "index.html").is_file()


# --- The index page -------------------------------------------------------------------------------
def test_index_groups_by_province_and_year_in_vietnamese_order_and_escapes():
    entries = [
        IndexEntry("Đà Nẵng", 2024, "Kết quả <2024>", True, "da-nang/2024/da-nang-2024.html", False),
        IndexEntry("Cần Thơ", 2024, "Kết quả", False, "can-tho/2024/can-tho-2024.html", False),
        IndexEntry("Cà Mau", 2023, "A & B", True, None, True),
        IndexEntry("Cao Bằng", 2024, "T", True, "cao-bang/2024/cao-bang-2024.html", True),
        IndexEntry("Tỉnh <b>", 2024, "T", False, "tinh-b/2024/tinh-b-2024.html", False),
    ]
    page = index_html(entries, ["x<y>.yaml"])
    assert page == index_html(list(reversed(entries)), ["x<y>.yaml"])  # deterministic
    rows = [line for line in page.splitlines() if line.startswith("<tr><th scope=\"row\">")]
    provinces = [r.split(">")[2].split("<")[0] for r in rows]
    assert provinces == ["Cà Mau", "Cao Bằng", "Cần Thơ", "Đà Nẵng", "Tỉnh &lt;b&gt;"]
    assert '<th scope="col">2023</th><th scope="col">2024</th>' in page
    assert 'title="Kết quả &lt;2024&gt;"' in page and "x&lt;y&gt;.yaml" in page and "<b>" not in page
    assert '<html lang="vi">' in page and "2/4 báo cáo dùng số liệu minh họa" in page
    assert "5 tỉnh, thành phố · 4 báo cáo · năm 2023–2024" in page
    assert "Cao Bằng năm 2024 (đang hiển thị báo cáo của lần chạy trước)" in page
    assert "<script" not in page and "http" not in page and "src=" not in page


def test_index_links_the_pdf_and_the_scorecards_where_they_exist(tmp_path):
    from types import SimpleNamespace

    from egovnb.batch.index import index_entries

    def outcome(slug, year, *files):
        folder = tmp_path / slug / str(year)
        for name in files:
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text("x", encoding="utf-8")
        job = SimpleNamespace(province=slug.upper(), year=year, title="T", illustrative=False, report_dir=folder)
        return SimpleNamespace(job=job, duplicate_of=None, report=folder / f"{slug}-{year}.html", status="rendered",
                               params_path=tmp_path / f"{slug}.yaml")

    outcomes = (outcome("hue", 2020, "hue-2020.html", "hue-2020.pdf", "units/so-y-te.html", "units/so-tu-phap.html"),
                outcome("son-ha", 2025, "son-ha-2025.html"))
    entries, _ = index_entries(outcomes, tmp_path)
    assert [(e.pdf_href, e.units_href, e.scorecards) for e in entries] == [
        ("hue/2020/hue-2020.pdf", "hue/2020/units/", 2), (None, None, 0)]
    page = index_html(entries)
    assert ('<a href="hue/2020/hue-2020.html" title="T">Báo cáo 2020</a> · <a href="hue/2020/hue-2020.pdf">PDF</a>'
            ' · <a href="hue/2020/units/">2 phiếu đơn vị</a></td>') in page
    assert '<a href="son-ha/2025/son-ha-2025.html" title="T">Báo cáo 2025</a></td>' in page


def test_index_counts_use_vietnamese_thousands():
    entries = [IndexEntry(f"Tỉnh {i}", 2025, "T", False, f"t/{i}.html", False) for i in range(1200)]
    assert "1.200 tỉnh, thành phố · 1.200 báo cáo · năm 2025" in index_html(entries)


def test_index_page_bytes_are_pinned():
    # Computed with the index page's first implementation (before it became a template):
    # the page keeps these exact bytes for these entries.
    entries = [
        IndexEntry("Cà Mau", 2024, 'Kết quả "2024" & <b>', True, "ca-mau/2024/ca-mau-2024.html", False),
        IndexEntry("<script>alert(1)</script>", 2023, "T", False, None, True),
        IndexEntry("Bắc Ninh", 2024, "Tỉnh 'x'", False, "bac-ninh/2024/b.html", True),
    ]
    assert index_html(entries, ["lỗi <1>.yaml"]) == PINNED_INDEX.replace("{version}", __version__)


PINNED_INDEX = """\
<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Báo cáo đánh giá, xếp hạng mức độ Chính quyền điện tử</title>
<style>html{background:#eef1f4}
body{margin:0;color:#1d2733;font-family:"Noto Sans","Segoe UI",Roboto,"Helvetica Neue",Arial,"DejaVu Sans",sans-serif;
font-size:15px;line-height:1.5}
main{max-width:1080px;margin:0 auto;padding:0 2.5rem 2.5rem;background:#fff;min-height:100vh}
header{margin:0 -2.5rem 1.5rem;padding:1.6rem 2.5rem 1.2rem;background:#0b3d6e;color:#fff;border-top:6px solid #c8102e}
header h1{font-size:1.6rem;margin:0 0 .3rem;color:#fff}header p{margin:0;opacity:.9}
h2{font-size:1.15rem;margin-top:2rem;color:#0b3d6e}
table{border-collapse:collapse;width:100%;font-size:.95rem}
th,td{border:1px solid #d5dbe1;padding:.4rem .7rem;text-align:left}
thead th{background:#e8edf3;color:#0b3d6e}tbody tr:nth-child(even){background:#f5f7f9}tbody th{font-weight:600}
a{color:#0b3d6e}
.minh-hoa{display:inline-block;font-size:.8rem;background:#fff3cd;border:1px solid #d4a72c;border-radius:3px;
padding:0 .3rem;margin-left:.3rem}
.canh-bao{background:#fff3cd;border-left:5px solid #d4a72c;padding:.6rem 1rem}
.loi{color:#a40000}.chu-thich{color:#52606d;font-size:.9rem;margin-top:1.5rem}</style>
</head>
<body>
<main>
<header>
<h1>Báo cáo đánh giá, xếp hạng mức độ Chính quyền điện tử</h1>
<p>3 tỉnh, thành phố · 2 báo cáo · năm 2023–2024</p>
</header>
<p class="canh-bao"><strong>Dữ liệu minh họa:</strong> 1/2 báo cáo dùng số liệu minh họa, không phải kết quả đánh giá đã được công bố chính thức. Các báo cáo này được đánh dấu <span class="minh-hoa">Minh họa</span>.</p>
<table>
<thead><tr><th scope="col">Tỉnh, thành phố</th><th scope="col">2023</th><th scope="col">2024</th></tr></thead>
<tbody>
<tr><th scope="row">Bắc Ninh</th><td></td><td><a href="bac-ninh/2024/b.html" title="Tỉnh &#x27;x&#x27;">Báo cáo 2024</a> <span class="loi">(lần chạy gần nhất lỗi)</span></td></tr>
<tr><th scope="row">Cà Mau</th><td></td><td><a href="ca-mau/2024/ca-mau-2024.html" title="Kết quả &quot;2024&quot; &amp; &lt;b&gt;">Báo cáo 2024</a> <span class="minh-hoa">Minh họa</span></td></tr>
<tr><th scope="row">&lt;script&gt;alert(1)&lt;/script&gt;</th><td class="loi">Chưa có báo cáo</td><td></td></tr>
</tbody>
</table>
<h2>Lần chạy gần nhất chưa tạo được</h2>
<ul>
<li class="loi">Bắc Ninh năm 2024 (đang hiển thị báo cáo của lần chạy trước)</li>
<li class="loi">&lt;script&gt;alert(1)&lt;/script&gt; năm 2023</li>
<li class="loi">Tệp tham số không đọc được: lỗi &lt;1&gt;.yaml</li>
</ul>
<p class="chu-thich">Tạo bởi egovnb {version}.</p>
</main>
</body>
</html>
"""


def test_the_index_template_has_no_words_of_its_own_and_is_no_report_input():
    from egovnb.publish.render import TEMPLATES

    template = (TEMPLATES / plan.INDEX_TEMPLATE / "index.html.j2").read_text(encoding="utf-8")
    # Every Vietnamese word comes from egovnb.report.labels: no letter with a diacritic here.
    assert not [c for c in template if c.isalpha() and not c.isascii()]
    assert not any(plan.INDEX_TEMPLATE in p.parts for p in plan.report_notebooks())
