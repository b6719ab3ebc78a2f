"""Round 17 under review (#21): rules that must not reach past their own clause or the plan's
years, and that stay linear."""

from __future__ import annotations

import datetime as dt
import time

from bot.domain.planimport import draft_from_text

D = dt.date
HEAD = ("PHÒNG Y TẾ\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 05/KH-PYT\tAn Phú, ngày 10 tháng 02 năm 2027\n\n"
        "KẾ HOẠCH\nTruyền thông phòng bệnh suy giãn tĩnh mạch năm 2027\n\n"
        "II. THỜI GIAN\nKế hoạch thực hiện từ ngày 01/3/2027 đến ngày 31/10/2027, chia hai đợt:\n"
        "- Đợt 1: từ ngày 01/3/2027 đến ngày 30/4/2027.\n"
        "- Đợt 2: từ ngày 01/9/2027 đến ngày 31/10/2027.\n\n"
        "III. TỔ CHỨC THỰC HIỆN\n")


def _deadlines(text: str) -> list[tuple[str, dt.date, str]]:
    draft, _ = draft_from_text(text, "plan.txt")
    return [(d.what, d.due, d.who) for d in draft.deadlines]


def test_a_phase_month_rule_sends_nothing_another_sentence_sent():
    text = HEAD + ("Phòng Y tế gửi tờ rơi về các xã. Các xã tổ chức nói chuyện vào ngày 15 của các "
                   "tháng có đợt; Trạm Y tế gửi tài liệu về thôn; các thôn họp vào ngày 20 của các "
                   "tháng có đợt.\n")
    assert _deadlines(text) == []


def test_a_phase_misread_over_thousands_of_years_gives_no_month_of_it():
    text = (HEAD.replace("30/4/2027", "30/4/9999")
            + "Tổ trưởng gửi danh sách về Phòng Y tế trước ngày 28 của các tháng có đợt; " * 20 + "\n")
    started = time.process_time()
    dues = [due for _what, due, _who in _deadlines(text)]
    assert time.process_time() - started < 1.0
    assert dues == [D(2027, 9, 28), D(2027, 10, 28)]


def test_a_long_clause_with_many_monthly_rules_reads_its_unit_once():
    body = ("Các đơn vị " + "tổng hợp số liệu, " * 1100 + "gửi báo cáo về Phòng Y tế "
            + "trước ngày 05 hằng tháng, " * 770 + "\n")
    started = time.process_time()
    draft_from_text(HEAD + body, "plan.txt")
    assert time.process_time() - started < 2.0


def test_a_list_sent_in_the_phase_months_is_not_sent_by_its_recipient():
    text = HEAD + ("Các tổ trưởng gửi danh sách người tham gia về Phòng Y tế trước ngày 28 của các "
                   "tháng có đợt.\n")
    found = _deadlines(text)
    assert [due for _what, due, _who in found] == [D(2027, 3, 28), D(2027, 4, 28), D(2027, 9, 28),
                                                    D(2027, 10, 28)]
    assert not any("Phòng Y tế" in who or "trước ngày" in who for _what, _due, who in found)


def test_a_report_clause_left_open_carries_nothing_into_the_next_item():
    text = HEAD + ("- Trung tâm Y tế báo cáo kết quả thực hiện về Sở Y tế, tổng hợp chung trình Ủy ban "
                   "nhân dân huyện xem xét\n\n- Phòng Văn hóa: in tờ rơi, hoàn thành trước ngày 15/5/2027\n")
    assert _deadlines(text) == []


def test_a_report_label_still_goes_on_into_its_items():
    text = HEAD + "5. Chế độ báo cáo\n- Các trạm y tế: trước ngày 25/5/2027.\n"
    assert [due for _what, due, _who in _deadlines(text)] == [D(2027, 5, 25)]
