"""Review of round 20 (#21): the month-after rule over a range of months reads in linear time, and
only when the range ends its clause; the dates in brackets after a stage report rule are its own
only on its day."""

from __future__ import annotations

import datetime as dt
import time

from bot.domain.planimport import draft_from_text
from bot.domain.planimport.schedule import _SENT_NEXT_MONTH

D = dt.date
HEAD = ("ỦY BAN NHÂN DÂN XÃ AN PHÚ\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 08/KH-UBND\tAn Phú, ngày 06 tháng 01 năm 2027\n\n"
        "KẾ HOẠCH\nPhòng, chống đuối nước trẻ em năm 2027\n\n"
        "I. MỤC ĐÍCH\nTrẻ biết bơi.\n\n"
        "II. THỜI GIAN\nTừ tháng 01/2027 đến hết tháng 12/2027.\n\n")


def _dues(text: str) -> list[dt.date]:
    draft, _ = draft_from_text(text, "plan.txt")
    return sorted(d.due for d in draft.deadlines)


def test_a_month_after_rule_before_a_long_run_of_spaces_is_read_in_linear_time() -> None:
    started = time.process_time()  # CPU time: other workers' load does not count
    assert _SENT_NEXT_MONTH.search("gui bao cao truoc ngay 05 cua thang sau" + " " * 3000 + "x") is None
    assert time.process_time() - started < 0.5
    assert _SENT_NEXT_MONTH.search("gui bao cao truoc ngay 05 cua thang sau, (tu thang 10 den thang 5)")


def test_a_range_of_months_that_goes_on_into_an_activity_is_no_report_range() -> None:
    text = HEAD + ("III. TỔ CHỨC THỰC HIỆN\n"
                   "1. Các thôn gửi danh sách trẻ đăng ký học bơi về Trạm Y tế trước ngày 10 của tháng sau, "
                   "từ tháng 6 đến tháng 8 tổ chức các lớp bơi tại hồ bơi xã.\n")
    assert _dues(text) == []
    ranged = text.replace(" tổ chức các lớp bơi tại hồ bơi xã.", ".")
    assert _dues(ranged) == [D(2027, 7, 10), D(2027, 8, 10), D(2027, 9, 10)]


def test_dates_in_brackets_after_a_stage_report_rule_are_its_own_only_on_its_day() -> None:
    text = HEAD + ("III. TỔ CHỨC THỰC HIỆN\n"
                   "1. Các trường báo cáo kết quả tổ chức các ngày lễ về Phòng trước ngày 05 của tháng "
                   "sau (ngày 20/11 và ngày 22/12).\n")
    assert _dues(text) == []
    own = text.replace("(ngày 20/11 và ngày 22/12)", "(05/6/2027 và 05/9/2027)")
    assert _dues(own) == [D(2027, 6, 5), D(2027, 9, 5)]
