"""Reports due on a day of the months a plan lists ("trước ngày 25 các tháng 5, 6, 8 và 9 năm
2027"), "chậm nhất vào ngày …", and a report sentence OCR cut at a blank line right after "báo
cáo" (#21, twenty-first blind batch)."""

from __future__ import annotations

import datetime as dt

from bot.domain.planimport import draft_from_text

D = dt.date
HEAD = ("ỦY BAN NHÂN DÂN XÃ\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 86/KH-UBND\tngày 14 tháng 4 năm 2027\n\n"
        "KẾ HOẠCH\nTuyên truyền phòng, tránh tai nạn điện giật năm 2027\n\n"
        "I. MỤC ĐÍCH\nNâng cao nhận thức.\n\n"
        "II. THỜI GIAN\nTừ tháng 5 đến hết tháng 10 năm 2027.\n\n")


def _dues(text: str) -> list[dt.date]:
    draft, _ = draft_from_text(text, "plan.txt")
    return [d.due for d in draft.deadlines]


def test_a_report_due_in_the_months_listed_only():
    text = HEAD + (
        "III. TỔ CHỨC THỰC HIỆN\n"
        "Trưởng các thôn gửi báo cáo kết quả về Phòng Văn hóa - Xã hội trước ngày 25 các tháng 5, 6, 8 "
        "và 9 năm 2027.\n")
    assert _dues(text) == [D(2027, 5, 25), D(2027, 6, 25), D(2027, 8, 25), D(2027, 9, 25)]


def test_a_report_sentence_cut_at_a_blank_line():
    text = HEAD + (
        "III. TỔ CHỨC THỰC HIỆN\n"
        "Phòng Văn hóa - Xã hội tổng hợp kết quả, báo cáo\n\n"
        "Ủy ban nhân dân xã sau mỗi đợt, chậm nhất ngày 10/7/2027 và ngày 25/10/2027.\n\n"
        "Trạm Y tế hướng dẫn kỹ thuật sơ cứu, tổ chức tập huấn trước ngày 15/5/2027.\n")
    assert _dues(text) == [D(2027, 7, 10), D(2027, 10, 25)]


def test_reports_dated_in_words():
    text = HEAD + (
        "III. TỔ CHỨC THỰC HIỆN\n"
        "Phòng Văn hóa - Xã hội tổng hợp kết quả, báo cáo Ủy ban nhân dân xã sau mỗi đợt, chậm nhất vào "
        "ngày mười tháng Bảy và ngày hai mươi lăm tháng Mười năm 2027.\n")
    assert _dues(text) == [D(2027, 7, 10), D(2027, 10, 25)]


def test_a_monthly_report_in_the_months_listed_in_brackets_after_it():
    # the rule first ("hằng tháng"), then the months it runs in, in brackets, "tháng" said again
    text = HEAD + (
        "III. TỔ CHỨC THỰC HIỆN\n"
        "Trạm Y tế các thôn báo cáo kết quả về Phòng Văn hóa - Xã hội trước ngày 25 hằng tháng trong các "
        "tháng có đợt (tháng 5, tháng 6 và tháng 9/2027); báo cáo tổng kết trước ngày 10/10/2027.\n")
    assert _dues(text) == [D(2027, 5, 25), D(2027, 6, 25), D(2027, 9, 25), D(2027, 10, 10)]
    ocr = HEAD + (  # as tesseract -l eng reads it back
        "III. TO CHUC THUC HIEN\n"
        "Tram Y té cac thén bao cao két qua vé Phong Van hoa - X4 héi trudc ngay 25 hang thang trong cac "
        "thang cé dot (thang 5, thang 6 va thang 9/2027); bao cao tong két truéc ngay 10/10/2027.\n")
    assert _dues(ocr) == [D(2027, 5, 25), D(2027, 6, 25), D(2027, 9, 25), D(2027, 10, 10)]
