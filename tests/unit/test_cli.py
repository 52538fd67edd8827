"""The `egovnb` command (egovnb.cli): its commands, and what it hands on: the params file is read
once, before anything starts, and that reading goes on to the report."""

from __future__ import annotations

from pathlib import Path

import pytest

from egovnb.cli import build_parser, main

ROOT = Path(__file__).resolve().parents[2]
HUE = ROOT / "params" / "thua-thien-hue-2020.yaml"


def test_the_commands():
    parser = build_parser()
    commands = {name for action in parser._subparsers._group_actions for name in action.choices}
    assert {"score", "validate", "run", "batch", "sensitivity", "reconcile", "demo-data", "schema"} <= commands


def test_run_hands_the_params_file_it_read_to_the_report(monkeypatch, tmp_path, capsys):
    handed = {}

    def run_report(params, *, reports_root, pdf, source, docx=False, trusted=False):
        handed.update(params=params, source=source)
        return tmp_path / "r.html"

    monkeypatch.setattr("egovnb.publish.render.run_report", run_report)
    assert main(["run", str(HUE), "--reports", str(tmp_path)]) == 0
    assert handed["params"] == str(HUE)
    assert handed["source"].data == HUE.read_bytes() and handed["source"].document["year"] == 2020


def test_a_params_file_that_is_not_yaml_stops_every_command_before_it_starts(tmp_path, capsys):
    bad = tmp_path / "p.yaml"
    bad.write_text("province: [unclosed\n", encoding="utf-8")
    for command in (["run", str(bad), "--reports", str(tmp_path)], ["score", str(bad), "--out", str(tmp_path / "s.csv")]):
        assert main(command) == 1
        err = capsys.readouterr().err
        assert f"{bad}, line 2: not valid YAML" in err and "nothing was written" in err
    assert not (tmp_path / "s.csv").exists()


def test_validate_needs_a_file_or_folder(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["validate"])
    assert exit_.value.code == 2
