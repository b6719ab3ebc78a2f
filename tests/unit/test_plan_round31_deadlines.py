"""Reports (#21, round 31): quarters whose figures another report carries ("riêng quý I, quý III thay
bằng nội dung lồng vào báo cáo chung"): not sent on their own; the quarters a results report names at
its clause's start ("báo cáo kết quả quý III và quý IV … trước ngày 18 của tháng cuối quý"): only
those; a report after each dated event of a kind ("gửi báo cáo chậm nhất 04 ngày sau mỗi buổi bồi
dưỡng"): one per such event in the plan's span; a list handed in by its date; a year or half-year
report with its full date. Each with the near misses a review found."""

from __future__ import annotations

import datetime as dt

from bot.domain.planimport import draft_from_text

D = dt.date
HEAD = ("PHÒNG Y TẾ QUẬN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 17/KH-PYT\tngày 02 tháng 12 năm 2026\n\n"
        "KẾ HOẠCH\nTruyền thông phòng chống tăng huyết áp năm 2027\n\n"
        "I. MỤC ĐÍCH\nNâng cao hiểu biết của người dân.\n\n"
        "II. THỜI GIAN\nTừ ngày 01 tháng 01 năm 2027 đến ngày 31 tháng 12 năm 2027.\n\n")
ALL_Q = [D(2027, 3, 18), D(2027, 6, 18), D(2027, 9, 18), D(2027, 12, 18)]


def _deadlines(text: str) -> list[tuple[dt.date, str]]:
    draft, _ = draft_from_text(text, "plan.txt")
    return sorted((d.due, d.what) for d in draft.deadlines)


def _dues(text: str) -> list[dt.date]:
    return [due for due, _what in _deadlines(text)]


def _quarterly(said: str) -> str:
    return HEAD + ("III. TỔ CHỨC THỰC HIỆN\n"
                   "1. Hội Người cao tuổi phường: gửi báo cáo Phòng Y tế hằng quý trước ngày 18 của tháng "
                   f"cuối quý; {said}.\n")


def test_quarters_whose_figures_another_report_carries():
    for said in ("riêng quý I, quý III thay bằng nội dung lồng vào báo cáo chung của Phòng",
                 "quý 1 và quý 3 được thay bằng kết quả tổng hợp cùng báo cáo năm"):
        assert _dues(_quarterly(said)) == [D(2027, 6, 18), D(2027, 12, 18)], said


def test_quarters_replaced_by_something_else_keep_their_reports():
    # near misses: a subject before the quarters, "từ quý …", no figures carried by a report
    for said in ("kế hoạch quý III và quý IV thay bằng kế hoạch chung, báo cáo kèm theo",
                 "cán bộ phụ trách quý I, II thay bằng người khác thì báo cáo Phòng Y tế",
                 "từ quý II và quý III thay bằng mẫu báo cáo mới",
                 "các buổi nói chuyện quý I và quý II thay bằng loa phát thanh, nội dung báo cáo gồm số buổi",
                 "quý I và quý III tổ chức thêm buổi khám sàng lọc"):
        assert _dues(_quarterly(said)) == ALL_Q, said


def _items(said: str) -> str:
    return HEAD + ("III. TỔ CHỨC THỰC HIỆN\n"
                   "1. Phòng Y tế: chủ trì.\n"
                   f"2. Hội Người cao tuổi phường: vận động hội viên đo huyết áp; {said}.\n")


def test_a_results_report_names_its_quarters_first():
    said = "báo cáo kết quả quý III và quý IV gửi Phòng Y tế trước ngày 18 của tháng cuối quý"
    assert _dues(_items(said)) == [D(2027, 9, 18), D(2027, 12, 18)]


def test_quarters_of_a_report_cited_or_exempted_are_no_list_of_its_reports():
    # near misses: the quarters belong to a report cited, exempted, compared or completed
    for said in ("căn cứ báo cáo kết quả quý III và quý IV/2026, báo cáo về Phòng Y tế trước ngày 18 của "
                 "tháng cuối quý",
                 "không phải báo cáo quý I và quý II, báo cáo về Phòng Y tế trước ngày 18 của tháng cuối quý",
                 "so sánh với báo cáo kết quả quý I, II năm trước, báo cáo về Phòng Y tế trước ngày 18 của "
                 "tháng cuối quý",
                 "báo cáo kết quả theo quý về Phòng Y tế trước ngày 18 của tháng cuối quý, ưu tiên các hoạt "
                 "động quý I và quý II"):
        assert _dues(_items(said)) == ALL_Q, said


TIMETABLE = ("III. NỘI DUNG\n"
             "| TT | Hoạt động | Thời gian | Đơn vị |\n"
             "| 1 | Buổi bồi dưỡng kỹ năng tư vấn cho cộng tác viên | 06/3/2027 | Phòng Y tế |\n"
             "| 2 | Buổi bồi dưỡng kỹ năng đo huyết áp tại nhà | 17/7/2027 | Phòng Y tế |\n"
             "| 3 | Chuẩn bị tài liệu bồi dưỡng | 01/9/2027 | Phòng Y tế |\n"
             "| 4 | Hội nghị tổng kết | 20/11/2027 | Phòng Y tế |\n\n")


def _after(said: str) -> list[tuple[dt.date, str]]:
    return _deadlines(HEAD + TIMETABLE + "IV. TỔ CHỨC THỰC HIỆN\n"
                      f"1. Các tổ dân phố: cử người tham dự; {said}.\n")


def test_a_report_after_each_event_of_a_kind():
    for said in ("gửi báo cáo chậm nhất 04 ngày sau mỗi buổi bồi dưỡng",
                 "từng buổi bồi dưỡng xong thì báo cáo Phòng Y tế, trong vòng 04 ngày sau khi kết thúc "
                 "từng buổi bồi dưỡng",
                 "báo cáo tình hình sau từng buổi bồi dưỡng, trong vòng 04 ngày"):
        found = _after(said)
        # not after "Chuẩn bị tài liệu bồi dưỡng": the kind begins the event's name
        assert [due for due, _what in found] == [D(2027, 3, 10), D(2027, 7, 21)], said
        assert found[0][1].endswith("(4 ngày sau khi kết thúc)"), found


def test_a_report_after_each_event_in_working_days_says_so():
    found = _after("báo cáo sau mỗi buổi bồi dưỡng trong vòng 04 ngày làm việc")
    assert [what.endswith("(4 ngày làm việc sau khi kết thúc)") for _due, what in found] == [True, True]


def test_no_report_after_each_event_without_a_report_or_its_window():
    # near misses: a follow-on activity, the course's length, an allowance, "mười", an undated kind,
    # a phase ("đợt"), another body's meetings
    for said in ("sau mỗi buổi bồi dưỡng trong vòng 10 ngày tổ chức tập huấn lại cho tổ viên; báo cáo "
                 "kết quả về Phòng Y tế",
                 "sau mỗi khóa bồi dưỡng trong 03 ngày, học viên được cấp giấy chứng nhận; báo cáo Phòng Y "
                 "tế hằng tháng",
                 "trong vòng 07 ngày sau mỗi buổi bồi dưỡng, đi thăm hộ gia đình; gửi báo cáo tháng về "
                 "Phòng Y tế",
                 "chi tiền nước cho học viên sau mỗi buổi bồi dưỡng trong vòng 05 ngày; báo cáo quyết toán "
                 "về Phòng Y tế",
                 "báo cáo sau mười buổi bồi dưỡng trong vòng 05 ngày",
                 "báo cáo sau mỗi buổi diễn tập trong vòng 04 ngày",
                 "báo cáo trong vòng 04 ngày sau mỗi đợt tuyên truyền",
                 "báo cáo Sở Y tế trong vòng 05 ngày sau mỗi hội nghị do Sở tổ chức"):
        assert _after(said) == [], said


def test_no_report_after_an_event_outside_the_plans_span():
    # near miss: a meeting the plan cites, held before its span
    text = ("PHÒNG Y TẾ QUẬN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "Số: 17/KH-PYT\tngày 02 tháng 12 năm 2026\n\n"
            "KẾ HOẠCH\nTruyền thông phòng chống tăng huyết áp năm 2027\n\n"
            "Căn cứ kết luận của Hội nghị tổng kết công tác y tế ngày 20/12/2026 của Sở Y tế;\n\n"
            "I. MỤC ĐÍCH\nNâng cao hiểu biết của người dân.\n\n"
            "II. THỜI GIAN\nTừ ngày 01 tháng 01 năm 2027 đến ngày 31 tháng 12 năm 2027.\n\n"
            "III. TỔ CHỨC THỰC HIỆN\n1. Các tổ dân phố: báo cáo trong vòng 05 ngày sau mỗi hội nghị.\n")
    assert _dues(text) == []


def _unit(said: str) -> str:
    return HEAD + f"III. TỔ CHỨC THỰC HIỆN\n1. Các tổ dân phố: rà soát người bệnh; {said}.\n"


def test_a_list_handed_in_by_its_date():
    for said in ("nộp danh sách người chưa được đo huyết áp trước ngày 14/10/2027",
                 "nộp danh sách hội viên cần khám lại chậm nhất ngày 14/10/2027, kèm phiếu theo dõi"):
        assert _dues(_unit(said)) == [D(2027, 10, 14)], said


def test_a_date_that_describes_the_lists_members_is_no_deadline():
    # near misses: the list's members are dated; the list is drawn up, not handed in
    for said in ("nộp danh sách trẻ sinh trước ngày 01/01/2026 chưa tiêm đủ mũi",
                 "nộp danh sách người đã tiêm trước ngày 30/6/2027 để cấp giấy xác nhận",
                 "nộp danh sách hộ đăng ký trước ngày 31/10/2025",
                 "lập danh sách người có chỉ số huyết áp cao trước ngày 14/10/2027"):
        assert _dues(_unit(said)) == [], said


def test_a_year_report_with_its_date_and_no_before():
    found = _deadlines(_unit("gửi báo cáo sơ kết 6 tháng ngày 18/6/2027, báo cáo tổng kết năm ngày "
                             "10/12/2027 (trước ngày 10/12/2027)"))
    assert [due for due, _what in found] == [D(2027, 6, 18), D(2027, 12, 10)]


def test_a_year_report_cited_or_heard_at_a_meeting_is_no_deadline():
    # near misses: another's report cited, one given at a meeting, a meeting after a comma
    for said in ("căn cứ Báo cáo sơ kết 6 tháng đầu năm ngày 15/7/2026 của Ủy ban nhân dân quận",
                 "thực hiện theo Báo cáo tổng kết năm ngày 20/12/2026 của Trung tâm Y tế",
                 "trình bày báo cáo tổng kết năm ngày 15/12/2027 tại hội nghị của quận",
                 "tổ chức hội nghị, báo cáo sơ kết 6 tháng ngày 10/7/2027",
                 "tại buổi giao ban báo cáo 6 tháng ngày 10/7/2027, các tổ trình bày kết quả",
                 "tổ chức hội nghị báo cáo tổng kết năm ngày 10/12/2027"):
        assert _dues(_unit(said)) == [], said
