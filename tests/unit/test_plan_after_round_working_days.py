"""A report after each đợt counted in working days ("chậm nhất 05 ngày làm việc sau ngày kết thúc
đợt": Vietnam's days off skipped), and none after an inspection's rounds ("trong vòng 10 ngày kể
từ ngày kết thúc đợt kiểm tra"), which the plan's phases do not date (#21)."""

from __future__ import annotations

import datetime as dt

from bot.domain.planimport import draft_from_text

D = dt.date
HEAD = ("TRUNG TÂM Y TẾ KHU VỰC AN PHÚ\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 12/KH-TTYT\tAn Phú, ngày 10 tháng 3 năm 2027\n\n"
        "KẾ HOẠCH\nTruyền thông phòng, chống sốt xuất huyết năm 2027\n\n"
        "II. THỜI GIAN\nKế hoạch thực hiện từ ngày 01/4/2027 đến ngày 30/9/2027, chia hai đợt:\n"
        "- Đợt 1: từ ngày 01/4/2027 đến ngày 30/4/2027.\n"
        "- Đợt 2: từ ngày 01/9/2027 đến ngày 30/9/2027.\n\n"
        "III. TỔ CHỨC THỰC HIỆN\n")


def _dues(text: str) -> list[dt.date]:
    draft, _ = draft_from_text(HEAD + text, "plan.txt")
    return [d.due for d in draft.deadlines]


def test_working_days_after_each_round_skip_the_holidays():
    # 30/4 and 01/5 are days off (01/5 a Saturday: Monday 03/5 off in its place), then the fifth
    # working day after 30/4/2027 is 10/5
    assert _dues("Các trạm y tế báo cáo kết quả mỗi đợt về Trung tâm chậm nhất 05 ngày làm việc sau "
                 "ngày kết thúc đợt.\n") == [D(2027, 5, 10), D(2027, 10, 7)]


def test_calendar_days_after_each_round_stay_calendar_days():
    assert _dues("Các trạm y tế báo cáo kết quả mỗi đợt về Trung tâm chậm nhất 05 ngày sau khi kết "
                 "thúc đợt.\n") == [D(2027, 5, 5), D(2027, 10, 5)]


def test_an_inspection_round_is_not_a_phase():
    assert _dues("Thanh tra báo cáo kết quả mỗi đợt kiểm tra liên ngành trong vòng 10 ngày kể từ ngày "
                 "kết thúc đợt kiểm tra.\n") == []


def test_preparing_and_closing_rows_of_a_one_cell_per_line_table_are_no_round():
    plan = ("TRUNG TÂM KIỂM SOÁT BỆNH TẬT TỈNH AN GIANG\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "Số: 12/KH-KSBT\tAn Giang, ngày 15 tháng 3 năm 2027\n\n"
            "KẾ HOẠCH\nTruyền thông phòng, chống bệnh giun sán năm 2027\n\n"
            "IV. TIẾN ĐỘ THỰC HIỆN\n\nĐợt\n\nThời gian\n\nNội dung trọng tâm\n\n"
            "Chuẩn bị\n\n01/4 - 11/4/2027\n\nTập huấn; in tài liệu\n\n"
            "Đợt 1\n\n12/4 - 23/5/2027\n\nTruyền thông tại trường học\n\n"
            "Đợt 2\n\n06/9 - 17/10/2027\n\nTruyền thông tại cộng đồng\n\n"
            "Tổng kết\n\n18/10 - 31/10/2027\n\nĐánh giá, tổng hợp kết quả\n\n"
            "V. TỔ CHỨC THỰC HIỆN\n"
            "Trạm Y tế các xã báo cáo kết quả mỗi đợt về Trung tâm chậm nhất 05 ngày làm việc sau "
            "ngày kết thúc đợt.\n")
    draft, _ = draft_from_text(plan, "plan.txt")
    assert len(draft.phases) == 4  # the rows are read as phases, the preparing and closing ones too
    assert [d.due for d in draft.deadlines] == [D(2027, 5, 28), D(2027, 10, 22)]
