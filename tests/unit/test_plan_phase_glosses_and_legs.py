"""Phase layouts of the twentieth blind batch (#21), each with a variant made up beside it: a
range whose first day carries a gloss in brackets ("từ ngày 06/02/2027 (mùng 1 Tết) đến …"),
also as OCR reads it."""

from __future__ import annotations

import datetime as dt

from bot.domain.planimport import draft_from_text

D = dt.date
HEAD = ("HỘI CHỮ THẬP ĐỎ PHƯỜNG AN CỰU\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 21/KH-CTĐ\tAn Cựu, ngày 20 tháng 11 năm 2026\n\n"
        "KẾ HOẠCH\nTuyên truyền an toàn dịp Tết Đinh Mùi 2027\n\n")


def test_a_gloss_on_the_first_day_keeps_the_range_end():
    draft, _ = draft_from_text(HEAD + (
        "II. THỜI GIAN\n"
        "Từ tháng 12/2026 đến hết tháng 02/2027, gồm:\n"
        "1. Đợt 1 - Trước Tết: từ ngày 04/01/2027 đến hết ngày 05/02/2027.\n"
        "2. Đợt 2 - Sau Tết: từ ngày 06/02/2027 (mùng 1 Tết) đến ngày 15/02/2027 (mùng 10 tháng Giêng).\n\n"
        "III. NỘI DUNG\n"), "plan.txt")
    assert (D(2027, 2, 6), D(2027, 2, 15)) in [(p.start, p.end) for p in draft.phases]


def test_a_weekday_gloss_as_ocr_reads_it():
    draft, _ = draft_from_text(HEAD + (
        "II. THOI GIAN\n"
        "Tu thang 12/2026 dén hét thang 02/2027, gém:\n"
        "1. Dot 1: tir ngay 04/01/2027 dén ngay 05/02/2027.\n"
        "2. Dot 2: tir ngay 08/02/2027 (thir Hai) dén ngay 19/02/2027.\n\n"
        "III. NOI DUNG\n"), "ocr.txt")
    assert (D(2027, 2, 8), D(2027, 2, 19)) in [(p.start, p.end) for p in draft.phases]


def test_a_bracketed_end_is_no_gloss():
    draft, _ = draft_from_text(HEAD + (
        "II. THỜI GIAN\n"
        "Từ tháng 12/2026 đến hết tháng 02/2027, gồm:\n"
        "1. Đợt 1: từ ngày 04/01/2027 (đến hết tháng 01/2027).\n"
        "2. Đợt 2: từ ngày 01/02/2027 đến ngày 15/02/2027.\n\n"
        "III. NỘI DUNG\n"), "plan.txt")
    assert (D(2027, 1, 4), D(2027, 1, 31)) in [(p.start, p.end) for p in draft.phases]
