"""Reports (#21, round 31): quarters whose reports another report carries ("quý I và quý III được thay
bằng số liệu gửi kèm báo cáo …"): not sent on their own; the quarters a unit's report names before its
quarterly rule ("báo cáo kết quả quý I và quý II … trước ngày 18 của tháng cuối quý"): only those; a
report after each dated event of a kind ("báo cáo sau mỗi buổi bồi dưỡng trong vòng 04 ngày"): one per
such event in the plan's timetable, those days after it."""

from __future__ import annotations

import datetime as dt

from bot.domain.planimport import draft_from_text

D = dt.date
HEAD = ("PHÒNG Y TẾ QUẬN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 17/KH-PYT\tngày 02 tháng 12 năm 2026\n\n"
        "KẾ HOẠCH\nTruyền thông phòng chống tăng huyết áp năm 2027\n\n"
        "I. MỤC ĐÍCH\nNâng cao hiểu biết của người dân.\n\n"
        "II. THỜI GIAN\nTừ ngày 01 tháng 01 năm 2027 đến ngày 31 tháng 12 năm 2027.\n\n")


def _dues(text: str) -> list[dt.date]:
    draft, _ = draft_from_text(text, "plan.txt")
    return sorted(d.due for d in draft.deadlines)


def test_quarters_replaced_by_figures_sent_with_other_reports():
    for said in ("quý I và quý III được thay bằng số liệu gửi kèm báo cáo của Phòng",
                 "quý I, III thay bằng phần số liệu trong báo cáo chung"):
        text = HEAD + ("III. TỔ CHỨC THỰC HIỆN\n"
                       "1. Các tổ dân phố: báo cáo Phòng Y tế theo quý trước ngày 18 của tháng cuối quý; "
                       f"{said}.\n")
        assert _dues(text) == [D(2027, 6, 18), D(2027, 12, 18)], said


def test_quarters_named_without_a_replacement_stay():
    # near miss: the quarters are named for something else, no "thay bằng"
    text = HEAD + ("III. TỔ CHỨC THỰC HIỆN\n"
                   "1. Các tổ dân phố: báo cáo Phòng Y tế theo quý trước ngày 18 của tháng cuối quý; "
                   "quý I và quý III tổ chức thêm buổi khám sàng lọc.\n")
    assert _dues(text) == [D(2027, 3, 18), D(2027, 6, 18), D(2027, 9, 18), D(2027, 12, 18)]


def test_a_results_report_of_the_quarters_it_names():
    for said in ("báo cáo kết quả quý I và quý II", "báo cáo quý I, II"):
        text = HEAD + ("III. TỔ CHỨC THỰC HIỆN\n"
                       "1. Phòng Y tế: chủ trì thực hiện.\n"
                       f"2. Các tổ dân phố: lập danh sách người cao tuổi; {said} về Phòng Y tế trước "
                       "ngày 18 của tháng cuối quý.\n")
        assert _dues(text) == [D(2027, 3, 18), D(2027, 6, 18)], said


def test_a_quarter_named_after_the_rule_is_no_list_of_its_reports():
    # near miss: "quý I và quý II" said of the activities, not as the report's name
    text = HEAD + ("III. TỔ CHỨC THỰC HIỆN\n"
                   "2. Các tổ dân phố: báo cáo kết quả theo quý về Phòng Y tế trước ngày 18 của tháng cuối "
                   "quý, ưu tiên các hoạt động quý I và quý II.\n")
    assert _dues(text) == [D(2027, 3, 18), D(2027, 6, 18), D(2027, 9, 18), D(2027, 12, 18)]


TIMETABLE = ("III. NỘI DUNG\n"
             "| TT | Hoạt động | Thời gian | Đơn vị |\n"
             "| 1 | Buổi bồi dưỡng kỹ năng tư vấn cho cộng tác viên | 06/3/2027 | Phòng Y tế |\n"
             "| 2 | Buổi bồi dưỡng kỹ năng đo huyết áp tại nhà | 17/7/2027 | Phòng Y tế |\n"
             "| 3 | Hội nghị tổng kết | 20/11/2027 | Phòng Y tế |\n\n")


def test_a_report_after_each_event_of_a_kind():
    for said in ("báo cáo sau mỗi buổi bồi dưỡng trong vòng 04 ngày kể từ ngày kết thúc buổi",
                 "báo cáo kết quả chậm nhất 04 ngày sau mỗi buổi bồi dưỡng"):
        text = HEAD + TIMETABLE + ("IV. TỔ CHỨC THỰC HIỆN\n"
                                   f"1. Các tổ dân phố: cử người tham dự; {said}.\n")
        assert _dues(text) == [D(2027, 3, 10), D(2027, 7, 21)], said


def test_a_report_after_each_event_of_a_kind_the_plan_does_not_date():
    # near miss: no dated "diễn tập" in the plan, no report is made up; nor after a phase ("đợt")
    for said in ("báo cáo sau mỗi buổi diễn tập trong vòng 04 ngày",
                 "báo cáo trong vòng 04 ngày sau mỗi đợt tuyên truyền"):
        text = HEAD + TIMETABLE + ("IV. TỔ CHỨC THỰC HIỆN\n"
                                   f"1. Các tổ dân phố: cử người tham dự; {said}.\n")
        assert _dues(text) == [], said


def test_a_list_handed_in_by_its_date():
    text = HEAD + ("III. TỔ CHỨC THỰC HIỆN\n"
                   "1. Các tổ dân phố: mời người dân dự buổi khám; nộp danh sách người có chỉ số huyết áp "
                   "cao trước ngày 14/10/2027.\n")
    assert _dues(text) == [D(2027, 10, 14)]


def test_a_list_drawn_up_is_not_handed_in():
    # near miss: the list is made ("lập"), not handed in by that date
    text = HEAD + ("III. TỔ CHỨC THỰC HIỆN\n"
                   "1. Các tổ dân phố: mời người dân dự buổi khám; lập danh sách người có chỉ số huyết áp "
                   "cao trước ngày 14/10/2027.\n")
    assert _dues(text) == []


def test_a_year_report_with_its_date_and_no_before():
    text = HEAD + ("III. TỔ CHỨC THỰC HIỆN\n"
                   "1. Phòng Y tế: đầu mối; báo cáo 6 tháng ngày 18/6/2027 và báo cáo năm ngày 10/12/2027.\n")
    assert _dues(text) == [D(2027, 6, 18), D(2027, 12, 10)]


def test_a_year_report_heard_at_a_meeting_on_its_day():
    # near miss: the meeting hears the report on that day, nothing is due
    text = HEAD + ("III. TỔ CHỨC THỰC HIỆN\n"
                   "1. Phòng Y tế: đầu mối; tổ chức hội nghị báo cáo tổng kết năm ngày 10/12/2027.\n")
    assert D(2027, 12, 10) not in _dues(text)
