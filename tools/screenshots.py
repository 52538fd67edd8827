"""The README's screenshots (docs/*.png), taken from rendered reports with headless Chromium.

    .venv/bin/egovnb run params/thua-thien-hue-2020.yaml && .venv/bin/egovnb run params/son-ha-2024.yaml
    python tools/screenshots.py            # needs Debian's chromium (apt-get install chromium)

Each screenshot is the top of a page 1280 CSS pixels wide (or, for the year-on-year
section, the page scrolled to it), cut to a fixed height. Not run by the tests.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "reports"
# (report page, fragment to scroll to or "", height in pixels, screenshot)
SHOTS = (
    ("thua-thien-hue/2020/thua-thien-hue-2020.html", "", 1900, "report-thua-thien-hue-2020.png"),
    ("son-ha/2024/son-ha-2024.html", "", 2370, "report-son-ha-2024.png"),
    ("son-ha/2024/son-ha-2024.html", "yoy", 1390, "report-son-ha-2024-year-on-year.png"),
)
# No network, no first-run or background requests (the machine has no internet).
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--force-device-scale-factor=1")


def shoot(page: Path, fragment: str, height: int, out: Path, browser: str) -> None:
    """Screenshot ``page`` (scrolled to ``#fragment``) at 1280 × ``height`` CSS pixels into ``out``.
    Chromium's --screenshot cannot scroll, so a small page frames the report at the fragment."""
    with tempfile.TemporaryDirectory() as scratch:
        target = page.as_uri() + (f"#{fragment}" if fragment else "")
        frame = Path(scratch) / "frame.html"
        frame.write_text(f'<!DOCTYPE html><html><body style="margin:0"><iframe src="{target}" '
                         f'style="border:0;width:1280px;height:{height}px"></iframe></body></html>',
                         encoding="utf-8")
        subprocess.run([browser, *FLAGS, f"--user-data-dir={scratch}/profile", f"--screenshot={out}",
                        f"--window-size=1280,{height}", "--allow-file-access-from-files", frame.as_uri()],
                       check=True, capture_output=True, timeout=120)


def main() -> int:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        print("chromium not found (apt-get install chromium)", file=sys.stderr)
        return 1
    for name, fragment, height, shot in SHOTS:
        page = REPORTS / name
        if not page.is_file():
            print(f"{page}: render it first (egovnb run)", file=sys.stderr)
            return 1
        shoot(page, fragment, height, ROOT / "docs" / shot, browser)
        print(ROOT / "docs" / shot)
    return 0


if __name__ == "__main__":
    sys.exit(main())
