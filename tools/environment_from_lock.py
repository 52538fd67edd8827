"""Write environment.yml (the conda environment for analysts) from requirements.lock: the same
versions, each pinned exactly, with the lock's platform markers; hashes stay in the lock, which
`make` installs. Run by `make lock`; tests/unit/test_lock.py fails when the two disagree.

    python tools/environment_from_lock.py requirements.lock environment.yml
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

HEADER = """\
# Conda environment for analysts (Windows, macOS or Linux):
#   conda env create -f environment.yml && conda activate egovnb
# Written by `make lock` from requirements.lock (do not edit by hand): every package at the
# lock's version, as `make install` installs them, and egovnb itself from this folder.
name: egovnb
channels:
  - conda-forge
dependencies:
  - python=3.11
  - pip
  - pip:
"""

# "name==version ; marker \" at the start of a lock line; hashes and comments follow on their own lines.
PIN = re.compile(r"^(?P<name>[A-Za-z0-9._-]+)==(?P<version>[^\s;\\]+)(?:\s*;\s*(?P<marker>[^\\]+?))?\s*\\?$")


def pins(lock_text: str) -> list[str]:
    """The lock's requirements as ``name==version`` (``; marker`` where the lock has one)."""
    lines = []
    for line in lock_text.splitlines():
        match = PIN.match(line)
        if match:
            marker = match["marker"]
            lines.append(f"{match['name']}=={match['version']}" + (f" ; {marker}" if marker else ""))
    return lines


def environment_yml(lock_text: str) -> str:
    body = "".join(f'      - "{pin}"\n' for pin in pins(lock_text))
    return HEADER + body + "      - -e .\n"


if __name__ == "__main__":
    lock, out = (Path(arg) for arg in sys.argv[1:3])
    out.write_text(environment_yml(lock.read_text(encoding="utf-8")), encoding="utf-8")
