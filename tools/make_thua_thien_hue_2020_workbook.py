"""Writes Thừa Thiên Huế 2020's results annex as a province delivers it: a workbook and two CSVs.

Where the figures come from
---------------------------
Every unit, point, rate, rank and level below is a published figure of Quyết định
3402/QĐ-UBND of 31/12/2020 of UBND tỉnh Thừa Thiên Huế (results of the 2020
e-government assessment), as adjusted by Quyết định 102/QĐ-UBND:

- "Sở, ban, ngành": the 20 departments' results table (max 90 points; excluded,
  applicable and achieved points; the rate printed to whole percent; rank; level).
  The published table also has a "quy đổi" column that repeats the achieved points
  to one decimal; it is left out here (it is not rate × max; see domain.md).
- "UBND cấp huyện": the 9 district-level units' results table (Mức độ Kết quả: max
  100 points, 8 excluded for each, 92 applicable; rate and converted points
  printed to two decimals; rank; level).

Both tables are also in ``tests/data/thua-thien-hue-2020-so-nganh.csv`` and
``tests/data/thua-thien-hue-2020-huyen-ket-qua.csv``; the fixtures generator
(``tests/data/workbooks/make_fixtures.py``) checks that the two agree.

What is reconstructed
---------------------
The layout is NOT a copy of the signed file: the title rows, the annex numbers
(Phụ lục I, II), the two-row merged header of the district sheet, the mix of
rates typed as text (``85,36%``) and numbers formatted ``0.00%``, the "Bình
quân" row (computed here from the published points), the notes and signature
line under the tables and the hidden scratch sheet "Nháp" reconstruct what a
typical provincial annex workbook looks like, so that egovnb's reader is tried
on one. The rates of the department sheet are stored as the printed whole
percent (1, 0.99 … formatted ``0%``), as an analyst retyping the annex would.

Writes ``data/thua-thien-hue/2020/ket-qua-2020.xlsx``, ``so-nganh.csv`` and
``huyen-ket-qua.csv`` beside it. Rerun with
``python tools/make_thua_thien_hue_2020_workbook.py`` from the project root: the
bytes are the same on every run.
"""

from __future__ import annotations

import sys
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from annex_workbook import Num, Row, Sheet, Text, unit_row, write_csv, write_workbook  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "data" / "thua-thien-hue" / "2020"
CREATOR = "egovnb tools/make_thua_thien_hue_2020_workbook.py (reconstructed layout)"
DECISION = "(Kèm theo Quyết định số 3402/QĐ-UBND ngày 31/12/2020 của UBND tỉnh Thừa Thiên Huế)"

# Quyết định 3402/QĐ-UBND (adjusted by 102/QĐ-UBND), departments, in the published order:
# (rank, unit, max, excluded, applicable, achieved points as printed, rate % as printed, level)
DEPARTMENTS = (
    (1, "Sở Công Thương", 90, 0, 90, "90", 100, "I"),
    (1, "Sở Kế hoạch và Đầu tư", 90, 3, 87, "87", 100, "I"),
    (1, "Sở Ngoại vụ", 90, 10, 80, "80", 100, "I"),
    (1, "Sở Thông tin và Truyền thông", 90, 1, 89, "89", 100, "I"),
    (1, "Văn phòng UBND tỉnh", 90, 23, 67, "67", 100, "I"),
    (6, "Sở Văn hóa - Thể thao", 90, 0, 90, "89.4", 99, "I"),
    (7, "Sở Nội vụ", 90, 14, 76, "75", 99, "I"),
    (8, "Ban Dân tộc", 90, 4, 86, "84.5", 98, "I"),
    (9, "Sở Lao động thương binh xã hội", 90, 0, 90, "88.4", 98, "I"),
    (10, "Sở Tài chính", 90, 0, 90, "88", 98, "I"),
    (11, "Sở Giao thông Vận tải", 90, 4, 86, "83.55", 97, "I"),
    (12, "Sở Nông nghiệp và Phát triển nông thôn", 90, 0, 90, "87.3", 97, "I"),
    (13, "Sở Du lịch", 90, 1, 89, "86.17372", 97, "I"),
    (14, "Sở Tài Nguyên Môi trường", 90, 1, 89, "85.58067", 96, "I"),
    (15, "Sở Khoa học và Công nghệ", 90, 5, 85, "81.5", 96, "I"),
    (16, "Thanh tra tỉnh", 90, 47, 43, "41", 95, "I"),
    (17, "Sở Xây dựng", 90, 0, 90, "85.35", 95, "I"),
    (18, "Sở Tư pháp", 90, 16, 74, "70.01", 95, "I"),
    (19, "Sở Y tế", 90, 0, 90, "85.09", 95, "I"),
    (20, "Sở Giáo dục và Đào tạo", 90, 0, 90, "81.87979", 91, "I"),
)

# The same decision, district-level units (Mức độ Kết quả), in the published order:
# (rank, unit, max, excluded, applicable, achieved, rate % and converted points as printed, level)
DISTRICTS = (
    (1, "UBND huyện Nam Đông", 100, 8, 92, "78.53", "85.36", "85.36", "II"),
    (2, "UBND huyện Phú Vang", 100, 8, 92, "75.81", "82.40", "82.40", "III"),
    (3, "UBND huyện A Lưới", 100, 8, 92, "75.41", "81.96", "81.96", "III"),
    (4, "UBND thị xã Hương Trà", 100, 8, 92, "74.29", "80.76", "80.76", "III"),
    (5, "UBND thị xã Hương Thủy", 100, 8, 92, "70.44", "76.57", "76.57", "IV"),
    (6, "UBND huyện Phong Điền", 100, 8, 92, "69.67", "75.73", "75.73", "IV"),
    (7, "UBND thành phố Huế", 100, 8, 92, "67.00", "72.83", "72.83", "IV"),
    (8, "UBND huyện Quảng Điền", 100, 8, 92, "66.82", "72.63", "72.63", "IV"),
    (9, "UBND huyện Phú Lộc", 100, 8, 92, "61.32", "66.66", "66.66", "Chưa đạt"),
)

DEPARTMENT_SHEET = "Sở, ban, ngành"
DISTRICT_SHEET = "UBND cấp huyện"
SCRATCH_SHEET = "Nháp"
TIERS = {DEPARTMENT_SHEET: "so-nganh", DISTRICT_SHEET: "huyen-ket-qua"}

DEPARTMENT_COLUMNS = (
    ("stt", "STT"), ("unit", "Tên cơ quan, đơn vị"), ("max_points", "Điểm tối đa"),
    ("excluded_points", "Số điểm không đưa vào đánh giá"),
    ("applicable_points", "Số điểm tối đa cần thực hiện"), ("achieved_points", "Số điểm thực hiện"),
    ("rate", "Tỷ lệ thực hiện"), ("rank", "Xếp hạng"), ("level", "Mức độ"),
)
DISTRICT_COLUMNS = (
    ("stt", "STT"), ("unit", "Tên đơn vị"), ("max_points", "Điểm tối đa"),
    ("excluded_points", "Số điểm không đưa vào đánh giá"),
    ("applicable_points", "Số điểm tối đa cần thực hiện"), ("achieved_points", "Số điểm thực hiện"),
    ("rate", "Tỷ lệ thực hiện"), ("converted_points", "Số điểm thực hiện được quy đổi"),
    ("rank", "Xếp hạng"), ("level", "Mức độ"),
)
DEPARTMENT_TITLE = "KẾT QUẢ ĐÁNH GIÁ, XẾP HẠNG MỨC ĐỘ CHÍNH QUYỀN ĐIỆN TỬ CÁC SỞ, BAN, NGÀNH NĂM 2020"
DISTRICT_TITLE = ("KẾT QUẢ ĐÁNH GIÁ, XẾP HẠNG MỨC ĐỘ KẾT QUẢ CHÍNH QUYỀN ĐIỆN TỬ "
                  "UBND CÁC HUYỆN, THỊ XÃ, THÀNH PHỐ NĂM 2020")
NOTE_FORMULA = ("Ghi chú: Số điểm tối đa cần thực hiện = Điểm tối đa − Số điểm không đưa vào đánh giá; "
                "Tỷ lệ thực hiện = Số điểm thực hiện / Số điểm tối đa cần thực hiện.")


def _number(text: str) -> int | float:
    value = Decimal(text)
    return int(value) if value == value.to_integral_value() and "." not in text else float(value)


def _header_row(columns) -> Row:
    return Row("header", {i: Text(header) for i, (_, header) in enumerate(columns, start=1)})


def department_units() -> list[Row]:
    rows = []
    for stt, (rank, unit, maximum, excluded, applicable, achieved, rate_pct, level) in enumerate(DEPARTMENTS, 1):
        rows.append(unit_row(
            DEPARTMENT_COLUMNS, stt=Num(stt), unit=Text(unit), max_points=Num(maximum),
            excluded_points=Num(excluded), applicable_points=Num(applicable),
            achieved_points=Num(_number(achieved)),
            rate=Num(rate_pct / 100, "0%"),
            rank=Num(rank), level=Text(level)))
    return rows


def district_units() -> list[Row]:
    rows = []
    for stt, (rank, unit, maximum, excluded, applicable, achieved, rate_pct, converted, level) in enumerate(
            DISTRICTS, 1):
        # Hand-made workbooks mix the two: every other rate was typed as text with a decimal comma.
        rate = (Text(rate_pct.replace(".", ",") + "%") if stt % 2 else
                Num(float(Decimal(rate_pct) / 100), "0.00%"))
        rows.append(unit_row(
            DISTRICT_COLUMNS, stt=Num(stt), unit=Text(unit), max_points=Num(maximum),
            excluded_points=Num(excluded), applicable_points=Num(applicable),
            achieved_points=Num(float(achieved), "0.00"), rate=rate,
            converted_points=Num(float(converted), "0.00"), rank=Num(rank), level=Text(level)))
    return rows


def _half_up(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def district_average() -> Row:
    """The "Bình quân" row under the district table: means of the published points (not a unit)."""
    count = len(DISTRICTS)
    achieved = _half_up(sum(Decimal(d[5]) for d in DISTRICTS) / count, 2)
    rate = _half_up(achieved / 92, 4)
    cells = {2: Text("Bình quân"), 3: Num(100), 4: Num(8), 5: Num(92), 6: Num(float(achieved), "0.00"),
             7: Num(float(rate), "0.00%"), 8: Num(float(_half_up(rate * 100, 2)), "0.00")}
    return Row("total", cells)


def department_sheet() -> Sheet:
    width = len(DEPARTMENT_COLUMNS)
    rows = [
        Row("title", {1: Text("PHỤ LỤC I")}, span=width),
        Row("title", {1: Text(DEPARTMENT_TITLE)}, span=width),
        Row("title", {1: Text(DECISION)}, span=width),
        Row("blank"),
        _header_row(DEPARTMENT_COLUMNS),
        *department_units(),
        Row("blank"),
        Row("note", {1: Text(NOTE_FORMULA)}, span=width),
        Row("note", {1: Text("Số liệu theo Quyết định số 3402/QĐ-UBND, đã điều chỉnh theo Quyết định "
                             "số 102/QĐ-UBND của UBND tỉnh.")}, span=width),
        Row("blank"),
        Row("signature", {7: Text("ỦY BAN NHÂN DÂN TỈNH THỪA THIÊN HUẾ")}, span=3, start=7),
    ]
    return Sheet(DEPARTMENT_SHEET, DEPARTMENT_COLUMNS, tuple(rows),
                 widths=(6, 42, 10, 16, 16, 12, 12, 10, 10))


def district_sheet() -> Sheet:
    width = len(DISTRICT_COLUMNS)
    leaves = {i: Text(header) for i, (_, header) in enumerate(DISTRICT_COLUMNS, start=1) if 3 <= i <= 8}
    rows = [
        Row("title", {1: Text("PHỤ LỤC II")}, span=width),
        Row("title", {1: Text(DISTRICT_TITLE)}, span=width),
        Row("title", {1: Text(DECISION)}, span=width),
        Row("blank"),
        # Row A of the header: the group "Mức độ Kết quả" over six columns; the other headers
        # are merged down over both rows.
        Row("header", {1: Text("STT"), 2: Text("Tên đơn vị"), 3: Text("Mức độ Kết quả"),
                       9: Text("Xếp hạng"), 10: Text("Mức độ")}),
        Row("header", leaves),
        *district_units(),
        district_average(),
        Row("blank"),
        Row("note", {1: Text(NOTE_FORMULA)}, span=width),
    ]
    return Sheet(DISTRICT_SHEET, DISTRICT_COLUMNS, tuple(rows),
                 merges=("A5:A6", "B5:B6", "C5:H5", "I5:I6", "J5:J6"),
                 widths=(6, 32, 10, 16, 16, 12, 12, 14, 10, 10))


def scratch_sheet() -> Sheet:
    """A hidden sheet of the analyst's checks: looks like a table, is not the annex."""
    columns = (("unit", "Đơn vị"), ("achieved_points", "Số điểm thực hiện"), ("rate", "Tỷ lệ thực hiện"),
               ("check", "Làm tròn 2 số lẻ"))
    rows = [Row("note", {1: Text("Nháp — kiểm tra tỷ lệ, không in")}), _header_row(columns)]
    for _, unit, _, _, applicable, achieved, *_ in DISTRICTS:
        exact = Decimal(achieved) / applicable
        rows.append(Row("scratch", {1: Text(unit), 2: Num(float(achieved)), 3: Num(float(_half_up(exact, 6)),
                                                                                  "0.0000%"),
                                    4: Num(float(_half_up(exact * 100, 2)))}))
    return Sheet(SCRATCH_SHEET, columns, tuple(rows), hidden=True, widths=(32, 14, 14, 14))


def workbook_sheets() -> list[Sheet]:
    return [department_sheet(), district_sheet(), scratch_sheet()]


def csv_sheets() -> dict[str, Sheet]:
    """The two tables in the published CSV layout: one title line, the header, the units."""
    return {
        "so-nganh.csv": Sheet("so-nganh.csv", DEPARTMENT_COLUMNS, (
            Row("title", {1: Text(DEPARTMENT_TITLE)}), _header_row(DEPARTMENT_COLUMNS), *department_units())),
        "huyen-ket-qua.csv": Sheet("huyen-ket-qua.csv", DISTRICT_COLUMNS, (
            Row("title", {1: Text(DISTRICT_TITLE)}), _header_row(DISTRICT_COLUMNS), *district_units())),
    }


def main() -> None:
    written = [write_workbook(OUT / "ket-qua-2020.xlsx", workbook_sheets(), CREATOR)]
    for name, sheet in csv_sheets().items():
        written.append(write_csv(OUT / name, sheet))
    for path in written:
        print(path.relative_to(ROOT))


if __name__ == "__main__":
    main()
