"""Writing the scores table (egovnb.core.export): values without float noise, at full published precision."""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from egovnb.core.assessment import assess
from egovnb.core.export import clean_float, write_scores

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("value, written", [
    (0.8340000000000001, "0.834"),
    (0.1 + 0.2, "0.3"),
    (74.29 / 92, "0.8075"),                       # Hương Trà's rate: 0.8075000000000001 computed
    (86.17372, "86.17372"),                       # published points keep all their decimals
    (78.53 / 92, "0.853586956522"),               # a true fraction: 12 significant digits
    (154.603, "154.603"),
    (1e-9, "1e-09"),
])
def test_clean_float(value, written):
    assert repr(clean_float(value)) == written


def test_clean_float_leaves_the_rest_alone():
    assert clean_float(0.0) == 0.0 and clean_float(3) == 3 and clean_float("0.8340000000000001") == "0.8340000000000001"
    assert math.isnan(clean_float(math.nan)) and clean_float(math.inf) == math.inf


def test_scores_csv_and_workbook_have_no_float_noise(tmp_path):
    hue = assess(ROOT / "params" / "thua-thien-hue-2020.yaml")
    assert "0.8075000000000001" in hue.scores.to_csv(index=False)  # what pandas alone would write
    out = write_scores(hue.scores, tmp_path / "scores.csv")
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    rates = {r["unit"]: r["rate"] for r in rows}
    assert rates["UBND thị xã Hương Trà"] == "0.8075"
    assert rates["UBND huyện Nam Đông"] == "0.853586956522"
    assert {r["achieved_points"] for r in rows if r["unit"] == "Sở Du lịch"} == {"86.17372"}
    numbers = [v for r in rows for v in r.values() if v.replace(".", "", 1).isdigit()]
    assert numbers and all(len(v.replace(".", "").lstrip("0")) <= 12 for v in numbers)
    # Read back, every value is the computed one to 12 significant digits.
    back = pd.read_csv(out)
    assert back["rate"].tolist() == pytest.approx(hue.scores["rate"].tolist(), rel=1e-11)

    book = write_scores(hue.scores, tmp_path / "scores.xlsx")
    sheet = load_workbook(book)["scores"]
    column = [c.value for c in sheet[1]].index("rate") + 1
    values = [sheet.cell(row=r, column=column).value for r in range(2, sheet.max_row + 1)]
    assert 0.8075 in values and 0.8075000000000001 not in values
