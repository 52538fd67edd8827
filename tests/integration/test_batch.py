"""`egovnb batch` end to end with the real renderer: Ctrl-C halfway, resume, nothing rendered twice."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from egovnb.batch.plan import HASH_FILE
from egovnb.demo.generate import generate

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]


def egovnb(*args, **kwargs):
    return subprocess.run([sys.executable, "-m", "egovnb", *map(str, args)], cwd=ROOT, capture_output=True,
                          text=True, timeout=600, **kwargs)


def report_state(reports: Path) -> dict[str, tuple]:
    """Each rendered report page: (inode, modification time in ns), to tell a re-render."""
    return {str(p.relative_to(reports)): (p.stat().st_ino, p.stat().st_mtime_ns)
            for p in sorted(reports.glob("*/*/*.html"))}


def test_a_batch_interrupted_by_ctrl_c_resumes_without_rendering_anything_twice(tmp_path):
    # Eight province-years for two workers: when the first report is seen finished, at most one
    # more has finished and two are running, and those two are let finish after Ctrl-C, so at
    # most four of the eight are rendered before the resume, however fast a report is.
    demo = generate(tmp_path / "demo", provinces=2, years=(2022, 2023, 2024, 2025), seed=0, scale=0.03)
    params, reports = demo.out_dir / "params", tmp_path / "reports"
    # Ctrl-C reaches the whole foreground process group: the batch and its workers.
    process = subprocess.Popen([sys.executable, "-m", "egovnb", "batch", str(params), "--jobs", "2",
                                "--reports", str(reports)], cwd=ROOT, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 300
    while not list(reports.glob(f"*/*/{HASH_FILE}")) and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGINT)
    out, err = process.communicate(timeout=300)
    assert process.returncode == 130, err
    assert "stopping: waiting for" in err and "Traceback" not in err
    assert "run the same command again" in out

    finished = report_state(reports)
    assert 1 <= len(finished) < 8
    for folder in reports.glob("*/*"):  # every report complete and recorded, or never written
        if folder.is_dir():
            pages = list(folder.glob("*.html"))
            assert bool(pages) == (folder / HASH_FILE).exists() == any(folder.glob("*.ipynb")), folder
    assert not [p for p in reports.rglob(".staging-*")]

    resumed = egovnb("batch", params, "--jobs", "2", "--reports", reports)
    assert resumed.returncode == 0, resumed.stderr
    assert f"{8 - len(finished)} rendered, {len(finished)} unchanged (skipped), 0 failed" in resumed.stdout
    after = report_state(reports)
    assert len(after) == 8
    assert {page: after[page] for page in finished} == finished  # none rendered twice
    for page in after:
        html = (reports / page).read_text(encoding="utf-8")
        assert html.rstrip().endswith("</html>") and "minh họa" in html.lower()
        notebook = json.loads((reports / page).with_suffix(".ipynb").read_text(encoding="utf-8"))
        assert notebook["cells"]

    index = (reports / "index.html").read_text(encoding="utf-8")
    assert index.count('<a href="') == 8 and "8/8 báo cáo dùng số liệu minh họa" in index
    assert "an-giang/2024/an-giang-2024.html" in index and "Bắc Ninh" in index

    again = egovnb("batch", params, "--reports", reports)
    assert again.returncode == 0 and "0 rendered, 8 unchanged (skipped), 0 failed" in again.stdout
    assert report_state(reports) == after


def test_bad_data_fails_that_province_year_with_file_row_and_column(tmp_path):
    demo = generate(tmp_path / "demo", provinces=1, years=(2025,), seed=0, scale=0.03)
    data = demo.out_dir / "data" / "an-giang" / "2025" / "units.csv"
    lines = data.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].rsplit(",", 3)[0] + ",chín,,"  # the first data row's points
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = egovnb("batch", demo.out_dir / "params", "--reports", tmp_path / "reports")
    assert result.returncode == 1 and "Traceback" not in result.stdout + result.stderr
    assert "0 rendered, 0 unchanged (skipped), 1 failed" in result.stdout
    assert f"{data}, row 4, column 'points': 'chín' is not a number" in result.stdout
    assert not (tmp_path / "reports" / "an-giang").exists()
    assert "An Giang năm 2025" in (tmp_path / "reports" / "index.html").read_text(encoding="utf-8")
