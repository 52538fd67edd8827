"""A successful `egovnb run` opens the params file twice at most: once in the command's
process (the command checks it, the report takes its title and folder from it, the digest
hashes those same bytes) and once in the kernel, which checks it in full and prints it in
the report. Counted with audit hooks on "open" events: in this process with
``sys.addaudithook``, in the kernel's with a ``sitecustomize`` put on its PYTHONPATH."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from egovnb.cli import main

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]

# Imported by every Python started with this folder on PYTHONPATH (the kernel among them): each
# open of the file named by EGOVNB_COUNT_OPENS is written, with the process id, to the log.
SITECUSTOMIZE = '''\
import os
import sys

_TARGET = os.environ.get("EGOVNB_COUNT_OPENS")
_LOG = os.environ.get("EGOVNB_COUNT_LOG")


def _count(event, args):
    if event != "open" or not args or isinstance(args[0], int) or args[0] is None:
        return
    try:
        path = os.path.realpath(os.fsdecode(os.fspath(args[0])))
    except (TypeError, ValueError, OSError):
        return
    if path == _TARGET:
        with open(_LOG, "a", encoding="utf-8") as log:
            log.write(f"{os.getpid()}\\n")


if _TARGET and _LOG:
    sys.addaudithook(_count)
'''

_opened: list[str] | None = None  # the opens counted in this process, while a test counts them
_target: str | None = None


def _count_here(event: str, args: tuple) -> None:
    if _opened is None or event != "open" or not args or isinstance(args[0], int) or args[0] is None:
        return
    try:
        path = os.path.realpath(os.fsdecode(os.fspath(args[0])))
    except (TypeError, ValueError, OSError):
        return
    if path == _target:
        _opened.append(path)


sys.addaudithook(_count_here)  # an audit hook cannot be removed; it counts only while _opened is a list


@pytest.fixture
def province(tmp_path):
    """A copy of a sample province-year with last year's params (year on year) and a crosswalk."""
    params = tmp_path / "params"
    params.mkdir()
    for name in ("son-ha-2023.yaml", "son-ha-2024.yaml", "son-ha-2025.yaml"):
        shutil.copy(ROOT / "params" / name, params / name)
    shutil.copytree(ROOT / "params" / "frameworks", params / "frameworks")
    shutil.copytree(ROOT / "data" / "son-ha", tmp_path / "data" / "son-ha")
    shutil.copytree(ROOT / "data" / "crosswalks", tmp_path / "data" / "crosswalks")
    return params / "son-ha-2025.yaml"


def test_a_run_opens_the_params_file_once_here_and_once_in_the_kernel(province, tmp_path, monkeypatch, capsys):
    global _opened, _target
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    (hooks / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    log = tmp_path / "opens.log"
    target = os.path.realpath(province)
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(hooks), str(ROOT), os.environ.get("PYTHONPATH", "")]))
    monkeypatch.setenv("EGOVNB_COUNT_OPENS", target)
    monkeypatch.setenv("EGOVNB_COUNT_LOG", str(log))
    _opened, _target = [], target
    try:
        code = main(["run", str(province), "--reports", str(tmp_path / "reports")])
    finally:
        here, _opened = _opened, None
    assert code == 0, capsys.readouterr().err
    assert (tmp_path / "reports" / "son-ha" / "2025" / "son-ha-2025.html").is_file()
    assert len(here) == 1, "the command's process opened the params file more than once"
    kernels = [line for line in log.read_text(encoding="utf-8").splitlines() if line != str(os.getpid())]
    assert len(kernels) == 1, f"the kernel opened the params file {len(kernels)} times"
