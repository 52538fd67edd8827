import random
import unicodedata

import pytest

from egovnb.core.collation import sort_key, sorted_names


@pytest.mark.parametrize("expected", [
    ["An", "Ăn", "Ân"],
    ["Da", "Dz", "Đa"],
    ["O", "Ô", "Ơ", "P"],
    ["U", "Ư", "V"],
    ["E", "Ê", "G"],
    # tones after the base letters: ngang < huyền < hỏi < ngã < sắc < nặng
    ["ba", "bà", "bả", "bã", "bá", "bạ", "bác"],
    # numbers by value
    ["Phường 1", "Phường 2", "Phường 10"],
    # word by word, as dictionaries order syllables
    ["Ba Vì", "Bà Rịa", "Bắc Giang"],
])
def test_vietnamese_order(expected):
    shuffled = expected[:]
    random.Random(1).shuffle(shuffled)
    assert sorted_names(shuffled) == expected


def test_published_tie_order_thua_thien_hue_2020():
    # The five departments tied at rank 1 in Quyết định 3402/QĐ-UBND, in published order.
    published = ["Sở Công Thương", "Sở Kế hoạch và Đầu tư", "Sở Ngoại vụ",
                 "Sở Thông tin và Truyền thông", "Văn phòng UBND tỉnh"]
    assert sorted_names(reversed(published)) == published


def test_decomposed_and_composed_forms_sort_together():
    composed = "Sở Tư pháp"
    decomposed = unicodedata.normalize("NFD", composed)
    assert sort_key(composed)[:2] == sort_key(decomposed)[:2]


def test_tone_position_does_not_change_the_order():
    # "Hòa" (old placement) and "Hoà" (new) are the same syllable.
    assert sort_key("Hòa Bình")[:2] == sort_key("Hoà Bình")[:2]
    assert sorted_names(["Hoà Lạc", "Hòa Bình"]) == ["Hòa Bình", "Hoà Lạc"]


def test_case_does_not_decide_before_letters():
    assert sorted_names(["sở Y tế", "Sở Tài chính"]) == ["Sở Tài chính", "sở Y tế"]


def test_d_stroke_is_a_letter_of_its_own():
    assert sorted_names(["Đống Đa", "Dương Kinh", "Ea Súp"]) == ["Dương Kinh", "Đống Đa", "Ea Súp"]


def test_a_digit_that_is_not_a_decimal_digit_is_part_of_a_word():
    # "²" is a digit to str.isdigit() but no number int() reads: it sorts as a letter would.
    assert sorted(["Khu ²", "Khu 2", "Khu A"], key=sort_key) == ["Khu 2", "Khu A", "Khu ²"]
