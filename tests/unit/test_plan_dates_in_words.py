"""Dates written out in words as communes' plans write them (#21, twenty-first blind batch): "ngày
mười tháng Bảy", "ngày mùng năm tháng Năm", the year "hai nghìn không trăm hai mươi bảy", a day of
listed months "trước ngày hai mươi lăm các tháng Năm, Sáu, Tám và Chín"; "tháng năm" in lower case
(months and years) and "tháng Giêng" (lunar) are no date."""

from __future__ import annotations

from bot.domain.planimport.numwords import number_said, words_to_digits
from bot.domain.planimport.text import fold


def _digits(text: str) -> str:
    folded = fold(text)
    return " ".join(words_to_digits(folded).split())


def test_numbers_in_words():
    assert [number_said(w) for w in ("nam", "muoi", "muoi lam", "hai muoi", "hai muoi lam", "ba muoi mot",
                                "mudi mot")] == [5, 10, 15, 20, 25, 31, 11]


def test_a_date_in_words_reads_as_digits_the_same_length():
    said = "từ ngày mùng năm tháng Năm đến hết ngày ba mươi tháng Sáu năm hai nghìn không trăm hai mươi bảy"
    folded = fold(said)
    assert len(words_to_digits(folded)) == len(said)
    assert _digits(said) == "tu ngay 5/5 den het ngay 30/6/2027"
    assert _digits("vào ngày hai mươi hai tháng Năm năm 2027") == "vao ngay 22/5/2027"
    assert _digits("trước ngày hai mươi lăm các tháng Năm, Sáu, Tám và Chín năm 2027") == (
        "truoc ngay 25 cac thang 5, 6, 8, 9 nam 2027")


def test_months_and_years_and_lunar_months_are_no_date():
    assert _digits("các tháng năm qua") == "cac thang nam qua"
    assert _digits("Lễ hội vào tháng Hai âm lịch") == "le hoi vao thang hai am lich"
    assert _digits("ngày mùng 10 tháng Giêng") == "ngay mung 10 thang gieng"
    assert _digits("ngày hai mươi ba tháng Chạp") == "ngay hai muoi ba thang chap"
    assert _digits("trước ngày 05 tháng sau") == "truoc ngay 05 thang sau"


def test_a_range_of_months_in_words_reads_as_one_range():
    # one reader for the phases' and the deadlines' paths: the range, not two months listed
    assert _digits("từ đầu tháng Ba đến hết tháng Chín năm 2028") == "tu thang 3 den het thang 9/2028"
    assert _digits("ngày mười lăm tháng tám năm hai nghìn hai mươi tám") == "ngay 15/8/2028"

