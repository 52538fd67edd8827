"""Reading crosswalk files: columns, dates, NFC names, and problems with file, row and column."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from egovnb.insight.crosswalk import load_crosswalk, parse_date, rows_between
from egovnb.core.errors import InputError


def write(tmp_path, text: str, name: str = "cw.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_reads_rows_with_optional_tiers_and_empty_successor(tmp_path):
    decomposed = unicodedata.normalize("NFD", "Xã Tân Hòa")
    path = write(tmp_path, "# illustrative\nold_unit,new_unit,effective_date\n"
                           f"Xã Tân An,  {decomposed} ,01/07/2025\nHuyện Tây,,2025-07-01\n")
    crosswalk = load_crosswalk(path)
    assert crosswalk["old_unit"].tolist() == ["Xã Tân An", "Huyện Tây"]
    assert crosswalk["new_unit"].tolist() == ["Xã Tân Hòa", None]
    assert crosswalk["new_unit"][0] == unicodedata.normalize("NFC", "Xã Tân Hòa")
    assert crosswalk["old_tier"].tolist() == [None, None]
    assert crosswalk["effective_date"].tolist() == [date(2025, 7, 1)] * 2
    assert crosswalk["_row"].tolist() == [3, 4]
    assert crosswalk.attrs["source"] == str(path)


def test_problems_name_file_row_and_column(tmp_path):
    path = write(tmp_path, "old_tier,old_unit,new_tier,new_unit,effective_date\n"
                           "xa,,xa,Xã A,2025-07-01\n"
                           "xa,Xã B,xa,Xã A,31/02/2025\n"
                           "xa,Xã C,xa,,2025-07-01\n"
                           "xa,Xã D,xa,Xã A,2025-07-01\n"
                           "xa,Xã D,xa,Xã A,2025-07-01\n")
    with pytest.raises(InputError) as caught:
        load_crosswalk(path)
    found = [(p.row, p.column) for p in caught.value.problems]
    assert found == [(2, "old_unit"), (3, "effective_date"), (4, "new_unit"), (6, "old_unit")]
    assert all(p.file == str(path) for p in caught.value.problems)
    assert "31/02/2025" in str(caught.value)


def test_missing_and_unknown_columns(tmp_path):
    path = write(tmp_path, "old_unit,new_name,effective_date\nA,B,2025-01-01\n")
    with pytest.raises(InputError) as caught:
        load_crosswalk(path)
    messages = str(caught.value)
    assert "missing column 'new_unit'" in messages and "column 'new_name'" in messages


def test_dates():
    assert parse_date("2025-07-01") == date(2025, 7, 1)
    assert parse_date("1/7/2025") == date(2025, 7, 1)
    assert parse_date("01.07.2025") == date(2025, 7, 1)
    assert parse_date("2025-07-01 00:00:00") == date(2025, 7, 1)
    assert parse_date("July 2025") is None
    assert parse_date("2025-13-01") is None


def test_rows_between_keeps_the_years_in_date_order(tmp_path):
    path = write(tmp_path, "old_unit,new_unit,effective_date\nB,C,2025-07-01\nA,B,2024-01-01\nX,Y,2023-05-01\n")
    used = rows_between(load_crosswalk(path), 2023, 2025)
    assert used["old_unit"].tolist() == ["A", "B"]
    assert rows_between(None, 2023, 2025).empty
