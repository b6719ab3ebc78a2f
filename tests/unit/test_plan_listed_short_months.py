"""Day 31 of a month a rule repeats in (review of rounds 11-12, #21): "trước ngày 31 các tháng 4,
5, 6 và 11" is each listed month's last day, as "hằng tháng" and "các tháng chẵn" read it (one
helper, dates.day_of_month)."""

from __future__ import annotations

import datetime as dt

from bot.domain.planimport import draft_from_text
from bot.domain.planimport.dates import day_of_month

D = dt.date
HEAD = ("TRUNG TÂM Y TẾ\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 17/KH-TTYT\tngày 10 tháng 12 năm 2026\n\n"
        "KẾ HOẠCH\nTruyền thông phòng, chống bệnh năm 2027\n\n"
        "I. MỤC ĐÍCH\nNâng cao nhận thức.\n\n"
        "II. THỜI GIAN\nTừ 04-01-2027 đến 30-11-2027.\n\n"
        "III. TỔ CHỨC THỰC HIỆN\n")


def _dues(rule: str) -> list[dt.date | None]:
    draft, _ = draft_from_text(HEAD + "1. Trạm Y tế: báo cáo kết quả " + rule + ".\n", "plan.txt")
    return sorted(d.due for d in draft.deadlines if d.due)


def test_listed_months_keep_their_short_ones() -> None:
    assert _dues("trước ngày 31 các tháng 4, 5, 6 và 11 năm 2027") == [
        D(2027, 4, 30), D(2027, 5, 31), D(2027, 6, 30), D(2027, 11, 30)]


def test_even_months_read_the_same() -> None:
    assert _dues("trước ngày 31 của các tháng chẵn") == [
        D(2027, 2, 28), D(2027, 4, 30), D(2027, 6, 30), D(2027, 8, 31), D(2027, 10, 31)]


def test_the_helper() -> None:
    assert day_of_month(31, 2, 2028) == D(2028, 2, 29)
    assert day_of_month(5, 13, 2027) is None and day_of_month(0, 5, 2027) is None
