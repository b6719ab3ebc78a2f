"""Report rules of the twenty-first blind batch (#21): the old rule an amending plan quotes is not
its own, a report "trước ngày 20 của các tháng chẵn" every two months with a month replaced, the
months named in brackets after a monthly rule, and "ngày 10 của tháng liền sau khi kết thúc giai
đoạn" after each phase."""

from __future__ import annotations

import datetime as dt

from bot.domain.planimport import draft_from_text

D = dt.date
HEAD = ("TRUNG TÂM Y TẾ\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 17/KH-TTYT\tngày 10 tháng 12 năm 2026\n\n"
        "KẾ HOẠCH\nTruyền thông phòng, chống bệnh năm 2027\n\n"
        "I. MỤC ĐÍCH\nNâng cao nhận thức.\n\n"
        "II. THỜI GIAN\nTừ ngày 01/3/2027 đến ngày 31/12/2027.\n\n")


def _dues(text: str) -> list[dt.date]:
    draft, _ = draft_from_text(text, "plan.txt")
    return [d.due for d in draft.deadlines]


def test_the_rule_an_amending_plan_replaces_is_not_read():
    text = HEAD + (
        "III. CHẾ ĐỘ BÁO CÁO\n"
        "Thay quy định tại Mục IV.3 của Kế hoạch số 212/KH-KSBT (\"báo cáo trước ngày 20 của tháng cuối "
        "quý\") bằng quy định sau:\n"
        "- Các Trung tâm Y tế gửi báo cáo tổng kết trước ngày 15/12/2027.\n")
    assert _dues(text) == [D(2027, 12, 15)]


def test_a_report_on_the_even_months_from_the_month_said():
    text = HEAD + (
        "III. TỔ CHỨC THỰC HIỆN\n"
        "2. Công đoàn các khu công nghiệp: báo cáo định kỳ 02 tháng một lần về Liên đoàn trước ngày 20 "
        "của các tháng chẵn, bắt đầu từ tháng 4/2027; riêng kỳ tháng 12 thay bằng báo cáo tổng kết năm, "
        "gửi trước ngày 10.12.2027.\n")
    assert _dues(text) == [D(2027, 4, 20), D(2027, 6, 20), D(2027, 8, 20), D(2027, 10, 20),
                           D(2027, 12, 10)]


def test_a_monthly_report_in_the_months_named_in_brackets():
    text = HEAD + (
        "III. TỔ CHỨC THỰC HIỆN\n"
        "3. Các trường: báo cáo tiến độ về UBND xã vào ngày 25 hằng tháng trong Giai đoạn 2 (tháng 10 "
        "và tháng 11/2027).\n")
    assert _dues(text) == [D(2027, 10, 25), D(2027, 11, 25)]


def test_a_report_in_the_month_after_each_phase_ends():
    text = HEAD.replace("II. THỜI GIAN\nTừ ngày 01/3/2027 đến ngày 31/12/2027.\n\n", (
        "II. THỜI GIAN\n"
        "- Giai đoạn 1: từ ngày 01/3/2027 đến ngày 31/5/2027.\n"
        "- Giai đoạn 2: từ ngày 01/6/2027 đến ngày 31/8/2027.\n\n")) + (
        "III. TỔ CHỨC THỰC HIỆN\n"
        "2. Phòng Công tác xã hội: báo cáo Ban Giám đốc kết quả từng giai đoạn chậm nhất ngày 10 của "
        "tháng liền sau khi kết thúc giai đoạn.\n")
    assert _dues(text) == [D(2027, 6, 10), D(2027, 9, 10)]
