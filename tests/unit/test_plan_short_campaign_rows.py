"""A short campaign's plan (#21, sixteenth batch), made-up text in its shape: its span said as a
length then dates ("Triển khai ngay trong 6 tuần, từ ngày … đến hết ngày …") under its
requirements, a list sent on dates ("gửi danh sách … về Trạm vào ngày 15-3 và ngày 29-3-2027"),
an activity table's row held on two dates ("20-3-2027 và 03-4-2027")."""

from __future__ import annotations

import datetime as dt

from bot.domain.planimport import draft_from_text

D = dt.date
HEAD = ("TRẠM Y TẾ XÃ AN PHÚ\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 05/KH-TYT\tAn Phú, ngày 20 tháng 02 năm 2027\n\n"
        "KẾ HOẠCH\nTruyền thông phòng, chống bệnh thủy đậu trong trường học năm 2027\n\n"
        "I. MỤC ĐÍCH, YÊU CẦU\n"
        "1. Mục đích\n- Phụ huynh biết chăm sóc trẻ mắc bệnh tại nhà.\n"
        "2. Yêu cầu\n"
        "- Triển khai ngay trong 5 tuần, từ ngày 02-3-2027 đến hết ngày 02-4-2027.\n"
        "- Phối hợp chặt chẽ với nhà trường.\n\n")


def test_a_span_said_as_a_length_then_its_dates():
    draft, _ = draft_from_text(HEAD + "II. NỘI DUNG\n- Dấu hiệu bệnh.\n", "plan.txt")
    assert (draft.start.value, draft.end.value) == (D(2027, 3, 2), D(2027, 4, 2))


def test_a_length_said_alone_is_no_span():
    draft, _ = draft_from_text(HEAD.replace("trong 5 tuần, từ ngày 02-3-2027 đến hết ngày 02-4-2027",
                                            "trong 5 tuần"), "plan.txt")
    assert draft.start is None or draft.start.value != D(2027, 3, 2)


def test_a_list_sent_on_two_dates():
    draft, _ = draft_from_text(HEAD + (
        "II. TỔ CHỨC THỰC HIỆN\n"
        "1. Các trường học: theo dõi học sinh nghỉ học; gửi danh sách học sinh nghỉ học do thủy đậu "
        "về Trạm vào ngày 12-3 và ngày 26-3-2027.\n"), "plan.txt")
    assert [d.due for d in draft.deadlines] == [D(2027, 3, 12), D(2027, 3, 26)]


def test_an_activity_row_held_on_two_dates():
    draft, _ = draft_from_text(HEAD + (
        "II. CÁC HOẠT ĐỘNG CỤ THỂ\n"
        "| TT | Nội dung hoạt động | Thời gian | Người thực hiện |\n"
        "| 1 | Khám sàng lọc miễn phí cho học sinh tại Trạm | 13-3-2027 và 27-3-2027 | Trạm Y tế |\n"
        "| 2 | Phát thanh trên loa: 02 lần/tuần | Từ 02-3 đến 02-4 | Viên chức |\n"), "plan.txt")
    assert sorted(k.date for k in draft.key_dates if k.date) == [D(2027, 3, 13), D(2027, 3, 27)]
