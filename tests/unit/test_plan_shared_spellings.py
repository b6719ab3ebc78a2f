"""The rules of review 6 (#21) that spelled "từ"/"trước" plainly now share OCR's spellings
(spellings.TU / TRUOC): a monthly sending, an even-month rule's first month, a range of months
said in words all read as English-data OCR bends them."""

from __future__ import annotations

import datetime as dt

from bot.domain.planimport import draft_from_text
from bot.domain.planimport.numwords import words_to_digits

D = dt.date
HEAD = ("TRUNG TÂM Y TẾ\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 17/KH-TTYT\tngày 10 tháng 12 năm 2026\n\n"
        "KẾ HOẠCH\nTruyền thông phòng, chống bệnh năm 2027\n\n"
        "I. MỤC ĐÍCH\nNâng cao nhận thức.\n\n"
        "II. THỜI GIAN\nTừ 04-01-2027 đến 30-11-2027.\n\n"
        "III. TỔ CHỨC THỰC HIỆN\n")


def _dues(item: str) -> list[dt.date]:
    draft, _ = draft_from_text(HEAD + item + "\n", "plan.txt")
    return sorted(d.due for d in draft.deadlines if d.due)


def test_figures_sent_before_a_bent_truoc_each_month_are_a_monthly_report() -> None:
    dues = _dues("1. Trạm Y tế tổng hợp số trẻ được sàng lọc gửi Trung tâm trudc ngày 05 hằng tháng.")
    assert dues[:2] == [D(2027, 1, 5), D(2027, 2, 5)] and len(dues) == 11


def test_even_months_start_from_the_month_after_a_bent_tu() -> None:
    dues = _dues("1. Trạm Y tế báo cáo kết quả trước ngày 20 của các tháng chẵn, bắt đầu tir tháng 4/2027.")
    assert dues == [D(2027, 4, 20), D(2027, 6, 20), D(2027, 8, 20), D(2027, 10, 20)]


def test_a_range_of_months_in_words_after_a_bent_tu() -> None:
    assert words_to_digits("tir thang Nam den het thang Sau").split() == [
        "tu", "thang", "5", "den", "het", "thang", "6"]


def test_a_day_said_in_words_after_mung_as_ocr_bends_it() -> None:
    assert words_to_digits("ngay ming nam thang Nam").split() == ["ngay", "5/5"]
    assert words_to_digits("ngay mung nam thang Nam").split() == ["ngay", "5/5"]
