"""``egovnb preview`` in a real headless browser (Chromium, driven over its DevTools protocol):
edit a cell of the data and the open page changes by itself; break it and the page lists the
problem (file, sheet, row, column), not the last good report; fix it and the report is back."""

from __future__ import annotations

import json
import shutil
import subprocess
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from openpyxl import load_workbook

from egovnb.publish.preview import Page, problems_page, watched_files
from egovnb.publish.preview_server import served

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
HUE = ROOT / "params" / "thua-thien-hue-2020.yaml"
WORKBOOK = ROOT / "data" / "thua-thien-hue" / "2020" / "ket-qua-2020.xlsx"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def copy_hue(folder: Path) -> tuple[Path, Path]:
    (folder / "frameworks").mkdir(parents=True)
    shutil.copy(ROOT / "params" / "frameworks" / "thua-thien-hue-2020.yaml", folder / "frameworks")
    shutil.copy(WORKBOOK, folder / WORKBOOK.name)
    params = folder / "thua-thien-hue-2020.yaml"
    params.write_text(HUE.read_text(encoding="utf-8").replace("../data/thua-thien-hue/2020/", ""), encoding="utf-8")
    return params, folder / WORKBOOK.name


def set_cell(book_path: Path, cell: str, value) -> None:
    book = load_workbook(book_path)
    book["Sở, ban, ngành"][cell] = value
    book.save(book_path)


def test_the_served_copy_alone_has_the_reload_script():
    page = Page(3, "<html><body><main>report</main></body></html>", True, 0.1)
    body = served(page).decode()
    assert body.startswith("<html><body><main>report</main><script>") and body.endswith("</script>\n</body></html>")
    assert "var version = 3;" in body and 'fetch("/version?since=" + version' in body
    assert "<script" not in page.body  # the page itself, as published, has none


def test_problems_page_escapes_and_lists_every_problem(tmp_path):
    page = problems_page(tmp_path / "p.yaml", ["a.csv, row 2, column 'unit': <b>x</b>", "b"], "2 problem(s)")
    assert "<li>a.csv, row 2, column &#x27;unit&#x27;: &lt;b&gt;x&lt;/b&gt;</li>" in page
    assert page.count("<li>") == 2


def test_watched_files_are_every_input_and_the_notebooks(tmp_path):
    params, book = copy_hue(tmp_path)
    files = watched_files(params)
    assert {params.resolve(), book.resolve(), (tmp_path / "frameworks" / "thua-thien-hue-2020.yaml").resolve(),
            (ROOT / "notebooks" / "01-report.ipynb").resolve()} <= files


class Browser:
    """Headless Chromium with one tab, driven over the DevTools protocol (websocket)."""

    def __init__(self, profile: Path):
        import websocket

        self.process = subprocess.Popen(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--no-first-run", f"--user-data-dir={profile}",
             "--remote-debugging-port=0", "about:blank"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        active = profile / "DevToolsActivePort"
        deadline = time.monotonic() + 60
        while not active.exists() or not active.read_text().strip():
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError("chromium did not start")
            time.sleep(0.1)
        port = int(active.read_text().split()[0])
        targets = json.loads(urllib.request.urlopen(f"http://127.0.0.1:{port}/json", timeout=10).read())
        page = next(t for t in targets if t["type"] == "page")
        self.socket = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=30, suppress_origin=True)
        self.ids = 0

    def call(self, method: str, **params) -> dict:
        self.ids += 1
        self.socket.send(json.dumps({"id": self.ids, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == self.ids:
                return message.get("result", {})

    def text(self) -> str:
        result = self.call("Runtime.evaluate", expression="document.body ? document.body.innerText : ''",
                           returnByValue=True)
        return result.get("result", {}).get("value", "") or ""

    def wait_for(self, predicate, timeout: float = 120) -> str:
        deadline = time.monotonic() + timeout
        text = ""
        while time.monotonic() < deadline:
            text = self.text()
            if predicate(text):
                return text
            time.sleep(0.3)
        raise AssertionError(f"the page never showed what was expected; it shows:\n{text[:2000]}")

    def close(self) -> None:
        try:
            self.socket.close()
        finally:
            self.process.kill()
            self.process.wait(timeout=10)


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_preview_in_a_browser_follows_every_save(tmp_path):
    pytest.importorskip("websocket")
    from egovnb.publish.preview_server import serve

    params, book = copy_hue(tmp_path / "params")
    stop, ready = threading.Event(), threading.Event()
    port: list[int] = []
    server = threading.Thread(target=serve, args=(params, 0),
                              kwargs={"stop": stop, "ready": lambda p: (port.append(p), ready.set())}, daemon=True)
    server.start()
    assert ready.wait(120)
    assert not list((tmp_path / "params").glob("reports"))
    browser = Browser(tmp_path / "profile")
    try:
        browser.call("Page.navigate", url=f"http://127.0.0.1:{port[0]}/")
        first = browser.wait_for(lambda t: "Thông tin về báo cáo" in t)
        assert "Sở Y tế" in first and "20/20 đơn vị ở mức độ I" in first

        # Sở Y tế (row 24) falls from 85,09 points to 40: the open page reloads with its new level.
        set_cell(book, "F24", 40)
        changed = browser.wait_for(lambda t: "19/20 đơn vị ở mức độ I" in t)
        assert "Thông tin về báo cáo" in changed

        # A typo: the page lists the problem, by file, sheet, row and column, and no report.
        set_cell(book, "F24", "85.o9")
        broken = browser.wait_for(lambda t: "is not a number" in t)
        assert ("sheet 'Sở, ban, ngành', row 24, column 'Số điểm thực hiện': '85.o9' is not a number" in broken)
        assert "Thông tin về báo cáo" not in broken and "mức độ I" not in broken

        # Fixed: the report is back, as published.
        set_cell(book, "F24", 85.09)
        back = browser.wait_for(lambda t: "20/20 đơn vị ở mức độ I" in t)
        assert "is not a number" not in back
    finally:
        browser.close()
        stop.set()
        server.join(timeout=60)
    assert not server.is_alive()
