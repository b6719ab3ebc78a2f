"""A report in the month after each quarter ("báo cáo kết quả (hằng quý) … trước ngày 05 của tháng
đầu quý sau"): the span's last quarter is reported on too, though that falls due after the span;
unless the plan folds it into another report or lists the quarters reported on (#21)."""

from __future__ import annotations

import datetime as dt

from bot.domain.planimport import draft_from_text

D = dt.date
HEAD = ("SỞ Y TẾ TỈNH AN GIANG\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 88/KH-SYT\tAn Giang, ngày 10 tháng 12 năm 2027\n\n"
        "KẾ HOẠCH\nTruyền thông phòng, chống bệnh thận mạn năm 2028\n\n"
        "II. THỜI GIAN\nKế hoạch thực hiện từ ngày 01/01/2028 đến ngày 31/12/2028.\n\n"
        "III. TỔ CHỨC THỰC HIỆN\n")


def _dues(text: str) -> list[dt.date]:
    draft, _ = draft_from_text(HEAD + text, "plan.txt")
    return [d.due for d in draft.deadlines]


def test_every_quarter_keeps_the_last_one_after_the_span():
    assert _dues("1. Các bệnh viện: gửi báo cáo kết quả hằng quý về Sở Y tế trước ngày 10 của "
                 "tháng đầu quý sau.\n") == [D(2028, 4, 10), D(2028, 7, 10), D(2028, 10, 10), D(2029, 1, 10)]


def test_a_last_quarter_folded_into_the_year_report_is_not_kept():
    assert D(2029, 1, 10) not in _dues(
        "1. Các bệnh viện: gửi báo cáo kết quả hằng quý về Sở Y tế trước ngày 10 của tháng đầu quý "
        "sau (báo cáo quý IV thay bằng báo cáo tổng kết năm).\n")


def test_a_quarter_report_not_said_for_every_quarter_keeps_the_last_one_too():
    # the keys keep it whether or not "hằng quý" is said; only a fold or a list of quarters ends it
    assert _dues("1. Các trạm y tế báo cáo kết quả về Trung tâm trước ngày 20 của tháng đầu quý "
                 "tiếp theo.\n")[-1] == D(2029, 1, 20)


def test_a_quarter_report_for_the_quarters_listed_stays_within_the_span():
    assert D(2029, 1, 10) not in _dues(
        "1. Các bệnh viện: gửi báo cáo quý về Sở Y tế trước ngày 10 của tháng đầu quý sau (quý I, II, "
        "III); quý IV báo cáo cùng tổng kết năm.\n")
