"""Key dates of the twenty-first blind batch (#21): a week's programme written day by day ("Thứ
Tư, 02/6 | Hội thi … | Cảng cá"), each day's activity held once; and days of the calendar Loa did
not know (Ngày Phòng, chống thiên tai Việt Nam, Ngày Đại dương thế giới, …), an event held on one
being that day, yearly."""

from __future__ import annotations

import datetime as dt

from bot.domain.planimport import draft_from_text

D = dt.date
HEAD = ("TRUNG TÂM Y TẾ\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 17/KH-TTYT\tngày 18 tháng 12 năm 2026\n\n"
        "KẾ HOẠCH\nTruyền thông phòng, chống bệnh năm 2027\n\n"
        "I. MỤC ĐÍCH\nNâng cao nhận thức.\n\n"
        "II. THỜI GIAN\nTừ ngày 04/01/2027 đến ngày 31/8/2027.\n\n")


def _key_dates(text: str) -> list[tuple[str | None, dt.date | None]]:
    draft, _ = draft_from_text(text, "plan.txt")
    return [(k.day, k.date) for k in draft.key_dates]


def test_a_programme_day_by_day_holds_each_days_activity():
    text = HEAD + (
        "III. CHƯƠNG TRÌNH TUẦN LỄ (01/6 - 08/6/2027)\n"
        "Ngày\tHoạt động\tĐịa điểm\n"
        "Thứ Tư, 02/6\tHội thi sơ cứu giữa các tổ\tCảng cá\n"
        "Thứ Năm, 03/6\tKhám sàng lọc cho thợ lặn\tBến An Vĩnh\n"
        "Thứ Sáu, 04/6\tDiễn tập sơ cứu, chuyển người bệnh\tCảng cá\n")
    assert (None, D(2027, 6, 3)) in _key_dates(text)
    assert {(None, D(2027, 6, d)) for d in (2, 3, 4)} <= set(_key_dates(text))


def test_one_weekday_line_is_no_programme():
    text = HEAD + ("III. HOẠT ĐỘNG\n"
                   "Thứ Năm, 03/6\tKhám sàng lọc cho thợ lặn\tBến An Vĩnh\n")
    assert (None, D(2027, 6, 3)) not in _key_dates(text)


def test_an_event_on_a_day_of_the_calendar_is_that_day_yearly():
    text = HEAD + (
        "III. HOẠT ĐỘNG\n"
        "- Ngày hội \"An toàn điện\" tổ chức vào ngày 22/5/2027, hưởng ứng Ngày Phòng, chống thiên tai "
        "Việt Nam, tại Nhà văn hóa.\n"
        "- Đăng bài hưởng ứng Ngày Đại dương thế giới.\n")
    found = _key_dates(text)
    assert ("22/05", None) in found and (None, D(2027, 5, 22)) not in found
    assert ("08/06", None) in found
