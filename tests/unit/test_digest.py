"""The report's inputs and their hash (egovnb.publish.digest): the files come from the keys
declared as naming one; every file is hashed as bytes, so a bad file never raises; a params
file already read is hashed as read, not read again."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from egovnb.core.yamlio import read_yaml
from egovnb.publish.digest import input_files, inputs_digest, read_mapping

BAD = {
    "not YAML": b"province: [unclosed\n",
    "not UTF-8": b"province: \xff\xfe\n",
    "a key twice": b"year: 2020\nyear: 2021\n",
    "an alias bomb": b"a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n" + b"".join(
        f"{c}: &{c} [{', '.join(['*' + p] * 10)}]\n".encode() for p, c in zip("abcdefg", "bcdefgh")),
    "nested too deeply": b"a: " + b"[" * 200 + b"]" * 200 + b"\n",
    "a list, not a mapping": b"- province\n- year\n",
    "empty": b"",
}


def write(folder: Path, text: str, name: str = "p.yaml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("content", BAD.values(), ids=BAD.keys())
def test_a_bad_params_file_is_hashed_never_raised(tmp_path, content):
    path = tmp_path / "p.yaml"
    path.write_bytes(content)
    assert read_mapping(path) is None
    assert input_files(path) == [("params", path.resolve())]
    first = inputs_digest(path, ())
    path.write_bytes(content + b"\n# changed\n")
    assert inputs_digest(path, ()) != first


def test_a_fifo_or_a_missing_file_is_marked_not_opened(tmp_path):
    fifo = tmp_path / "p.yaml"
    os.mkfifo(fifo)
    assert read_mapping(fifo) is None
    assert len(inputs_digest(fifo, ())) == 64  # returns: a FIFO would block an open
    missing = tmp_path / "missing.yaml"
    assert read_mapping(missing) is None and input_files(missing) == [("params", missing)]


def test_the_declared_files_and_the_previous_years_are_followed(tmp_path):
    write(tmp_path, "year: 2019\ndata: d2019.csv\nframework: f.yaml\n", "p2019.yaml")
    path = write(tmp_path, "year: 2020\ndata: d.csv\nframework: f.yaml\ncrosswalk: c.csv\nprevious: p2019.yaml\n"
                           "decision_draft: {template: qd.docx}\nnote: not a file\n")
    roles = [(role, file.name) for role, file in input_files(path)]
    assert roles == [("params", "p.yaml"), ("framework", "f.yaml"), ("data", "d.csv"), ("crosswalk", "c.csv"),
                     ("decision_draft.template", "qd.docx"), ("previous1.params", "p2019.yaml"),
                     ("previous1.framework", "f.yaml"), ("previous1.data", "d2019.csv")]
    before = inputs_digest(path, ())
    write(tmp_path, "a,b\n", "d2019.csv")
    assert inputs_digest(path, ()) != before  # a previous year's data is an input


def test_a_previous_chain_that_loops_ends(tmp_path):
    write(tmp_path, "year: 2019\nprevious: p.yaml\n", "p2019.yaml")
    path = write(tmp_path, "year: 2020\nprevious: p2019.yaml\n")
    assert [role for role, _ in input_files(path)] == ["params", "previous1.params"]


def test_a_params_file_already_read_is_hashed_as_read_and_not_read_again(tmp_path, monkeypatch):
    path = write(tmp_path, "year: 2020\ndata: d.csv\n")
    write(tmp_path, "x\n", "d.csv")
    expected = inputs_digest(path, ())
    source = read_yaml(path)
    opened = []
    original = Path.read_bytes

    def read_bytes(self):
        opened.append(self.name)
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    assert inputs_digest(path, (), params=source) == expected
    assert path.name not in opened  # the params file is hashed from the bytes read; the data from its file
