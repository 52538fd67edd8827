"""A published table with a column per year ("Tổng điểm 2023", "Tổng điểm 2024"): the latest year is the column."""

from egovnb.core.headers import IGNORED, Header, by_year


def test_the_latest_year_is_the_column_and_earlier_years_are_left_out():
    written = ("STT", "Tên đơn vị", "Tổng điểm 2023", "Tổng điểm năm 2024", "Xếp hạng")
    assert Header((0,), written).fields == (IGNORED, "unit", IGNORED, "achieved_points", "published_rank")
    rates = ("Tên đơn vị", "Tỷ lệ thực hiện 2024", "Tỷ lệ thực hiện 2019")
    assert Header((0,), rates).fields == ("unit", "published_rate", IGNORED)


def test_a_column_named_without_a_year_keeps_its_name():
    written = ("Tên đơn vị", "Số điểm thực hiện", "Số điểm thực hiện 2023", "Ghi chú 2024 x")
    fields = by_year(written, ("unit", "achieved_points", None, None))
    assert fields == ("unit", "achieved_points", IGNORED, None)  # an unknown header stays unknown
