"""OCR spellings that matched real words of a clean plan (review of rounds 11-12, #21): "phụ nữ
sau tháng 6" is no half month, "chúc mừng năm Tết" no lunar day, "(trực ngày …)" no gloss, "từ
tháng Tư đến tháng sau" no range to June; the OCR spellings the rules were for still read."""

from __future__ import annotations

import datetime as dt

from bot.domain.planimport.dates import half_months, lunar_dates
from bot.domain.planimport.numwords import words_to_digits
from bot.domain.planimport.text import fold

PLAN_DAY = dt.date(2026, 12, 1)


def _low(text: str) -> str:
    return fold(text).lower()


def test_a_woman_is_no_half_month() -> None:
    for said in ("khám cho phụ nữ sau tháng 6/2027", "khám cho phụ nữ cuối tháng 6/2027"):
        assert half_months(_low(said), 2027) == _low(said)
    assert half_months("nu cuoi thang 4/2027", 2027).split() == ["16/4", "-", "30/4/2027"]
    assert half_months(_low("nửa sau tháng 4/2027"), 2027).split() == ["16/4", "-", "30/4/2027"]


def test_a_greeting_is_no_lunar_day() -> None:
    said = _low("Gửi lời chúc mừng năm Tết Nguyên đán tới người bệnh")
    assert lunar_dates(said, PLAN_DAY, 2027) == said
    assert lunar_dates(_low("từ mùng năm Tết"), PLAN_DAY, 2027).split() == ["tu", "10/02/2027"]
    assert lunar_dates("tu ming 5 tet", PLAN_DAY, 2027).split() == ["tu", "10/02/2027"]


def test_a_duty_day_is_no_gloss() -> None:
    said = _low("điều động bác sĩ từ khoa Cấp cứu (trực ngày 04/01/2027)")
    assert lunar_dates(said, None, 2027) == said
    assert lunar_dates("tu mung 1 tet (tic ngay 06/02/2027)", None, 2027).split() == ["tu", "06/02/2027"]


def test_the_month_after_is_not_june() -> None:
    assert words_to_digits(fold("từ tháng Tư đến tháng sau")).split() == ["tu", "thang", "4", "den",
                                                                          "thang", "sau"]
    assert words_to_digits(fold("từ tháng Tư đến tháng Sáu")).split() == ["tu", "thang", "4", "den",
                                                                          "thang", "6"]
