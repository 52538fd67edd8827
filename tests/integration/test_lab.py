"""``make lab``'s promise, in a real JupyterLab and a headless browser: the committed report
notebook, once signed as ``make lab`` signs it, shows its charts as SVG (an unsigned one shows
each chart as its alt text)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.integration.test_preview import CHROMIUM, Browser

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
JUPYTER = Path(sys.executable).parent / "jupyter"
COUNT_SVG = ("document.querySelectorAll('.jp-OutputArea-output[data-mime-type=\"image/svg+xml\"]').length")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.skipif(CHROMIUM is None or not JUPYTER.exists(), reason="chromium or jupyter is not installed")
def test_the_report_notebook_shows_its_charts_in_jupyterlab(tmp_path):
    pytest.importorskip("websocket")
    env = {**os.environ, "JUPYTER_DATA_DIR": str(tmp_path / "data"), "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
           "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime")}
    # What `make lab` does first: sign the committed notebooks with this user's key.
    subprocess.run([str(JUPYTER), "trust", str(ROOT / "notebooks" / "01-report.ipynb")], env=env, check=True,
                   capture_output=True)
    port, token = free_port(), "egovnb-test"
    lab = subprocess.Popen([str(JUPYTER), "lab", "--ip=127.0.0.1", f"--port={port}", "--no-browser", "--allow-root",
                            f"--ServerApp.root_dir={ROOT}", f"--IdentityProvider.token={token}"],
                           env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    browser = None
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status?token={token}", timeout=5)
                break
            except OSError:
                if time.monotonic() > deadline or lab.poll() is not None:
                    raise AssertionError("JupyterLab did not start") from None
                time.sleep(0.5)
        browser = Browser(tmp_path / "profile")
        browser.call("Page.navigate", url=f"http://127.0.0.1:{port}/lab/tree/notebooks/01-report.ipynb?token={token}")
        deadline = time.monotonic() + 180
        count = 0
        while time.monotonic() < deadline:
            result = browser.call("Runtime.evaluate", expression=COUNT_SVG, returnByValue=True)
            count = result.get("result", {}).get("value", 0) or 0
            if count >= 4:
                break
            time.sleep(1)
        assert count >= 4, "the report notebook's charts are not shown as SVG in JupyterLab"
    finally:
        if browser is not None:
            browser.close()
        lab.terminate()
        lab.wait(timeout=30)
