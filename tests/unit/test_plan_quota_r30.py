"""Quota families of the thirtieth round (#21): a phone line staffed on listed weekdays, a patients'
council held on one, and a session's weekdays read beside another item's weekly rate in the same
paragraph; each with the near miss it must not read."""

from __future__ import annotations

from bot.domain.planimport import content, draft_from_text
from bot.domain.planimport.draft import Draft
from bot.domain.planimport.text import Para

HEAD = ("HỘI CHỮ THẬP ĐỎ TỈNH\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 12/KH-HCTĐ\tngày 02 tháng 2 năm 2027\n\n"
        "KẾ HOẠCH\nTruyền thông chăm sóc sức khỏe tâm thần năm 2027\n\n"
        "I. MỤC ĐÍCH\nNâng cao nhận thức.\n\n"
        "II. THỜI GIAN\nTừ ngày 01/3/2027 đến ngày 30/11/2027.\n\n")


def _rates(text: str) -> list[tuple[str, int, str]]:
    return [(q.activity, q.count, q.per) for q in draft_from_text(text, "plan.txt")[0].quotas]


def test_a_phone_line_staffed_on_listed_weekdays_is_a_session():
    for said, count in (("- Đường dây nóng hỗ trợ người cao tuổi: trực vào tối thứ Ba và tối thứ Sáu "
                         "hằng tuần.\n", 2),
                        ("- Nhóm tình nguyện viên tư vấn qua điện thoại trực vào sáng thứ Hai, sáng thứ Tư "
                         "và sáng thứ Sáu hằng tuần.\n", 3),
                        ("- Tổ hỗ trợ người khuyết tật qua điện thoại trực vào chiều thứ Hai hằng "
                         "tuần.\n", 1)):
        assert _rates(HEAD + "III. HÌNH THỨC\n" + said) == [("conference", count, "week")], said


def test_a_duty_roster_with_no_phone_line_is_still_no_session():
    # near miss: staff on duty at a room (opening hours), and a smartphone class's word "điện thoại"
    text = HEAD + ("III. HÌNH THỨC\n- Bác sĩ của Trạm trực tư vấn tại phòng khám vào chiều thứ Năm hằng "
                   "tuần.\n- Hội viên học cách dùng điện thoại thông minh, tổ trưởng trực vào sáng thứ Bảy "
                   "hằng tuần.\n")
    assert _rates(text) == []


def test_a_patients_council_on_a_weekday_is_a_session():
    text = HEAD + ("III. HÌNH THỨC\n- Họp hội đồng người bệnh ở từng khoa điều trị: sáng thứ Ba hằng tuần, "
                   "nhắc lại các nội dung truyền thông.\n")
    assert _rates(text) == [("conference", 1, "week")]


def test_a_staff_briefing_on_a_weekday_is_still_no_session():
    # near miss: the staff's own giao ban, not the patients'
    text = HEAD + "III. HÌNH THỨC\n- Các khoa giao ban chuyên môn vào sáng thứ Hai hằng tuần.\n"
    assert _rates(text) == []


def test_weekdays_beside_another_items_weekly_rate_in_the_paragraph():
    text = HEAD + ("III. HÌNH THỨC\n"
                   "Hoạt động 1: Đường dây hỗ trợ của Hội trực vào tối thứ Hai và tối thứ Năm hằng tuần.\n"
                   "Hoạt động 2: Đăng bài trên Fanpage của Hội: 02 bài/tuần.\n")
    assert sorted(_rates(text)) == [("conference", 2, "week"), ("social", 2, "week")]


def test_weekdays_after_their_own_rate_on_the_line_are_not_read_twice():
    # near miss: the rate and its days on one line
    text = HEAD + ("III. HÌNH THỨC\n- Nói chuyện tại Trạm Y tế 02 buổi/tuần, sáng thứ Ba và sáng thứ Sáu "
                   "hằng tuần.\n")
    assert _rates(text) == [("conference", 2, "week")]


def test_a_safety_session_at_work_on_a_weekday_in_a_wrapped_cell():
    text = HEAD + ("III. HÌNH THỨC\n"
                   "TT\tHoạt động\tThời gian\tĐơn vị thực hiện\n"
                   "1\tSinh hoạt an toàn đầu giờ tại xưởng\tChiều thứ Sáu\tQuản đốc\n"
                   "\t\thằng tuần\t\n\n"
                   "IV. TỔ CHỨC\n- Huấn luyện sơ cứu cho tổ bảo vệ vào sáng thứ Tư và sáng thứ Bảy hằng "
                   "tuần.\n")
    assert _rates(text) == [("conference", 1, "week"), ("conference", 2, "week")]


def test_an_activity_of_living_on_a_weekday_is_still_no_session():
    # near miss: "sinh hoạt" as daily living, a night's rest, not a themed or safety meeting
    text = HEAD + ("III. HÌNH THỨC\n- Khu nhà ở sinh hoạt chung của công nhân được dọn vào chiều thứ Bảy "
                   "hằng tuần.\n")
    assert _rates(text) == []


def test_a_list_whose_first_day_ocr_bent_past_reading_is_not_read_short():
    # OCR: "thứ" of the list's first day read as "thu?" (now read whole, r31) or bent further ("thx#"):
    # the two days after it are not the count
    text = HEAD + ("III. HÌNH THỨC\n- Tổ tư vấn qua điện thoại trực vào sáng thu? Hai, sáng thứ Tư và sáng "
                   "thứ Sáu hằng tuần.\n")
    assert _rates(text) == [("conference", 3, "week")]
    text = HEAD + ("III. HÌNH THỨC\n- Tổ tư vấn qua điện thoại trực vào sáng thx# Hai, sáng thứ Tư và sáng "
                   "thứ Sáu hằng tuần.\n")
    assert _rates(text) == []


def test_a_phone_number_a_call_or_wires_are_no_phone_line():
    # near miss: a doctor's number beside her duty, calls made, power wires, an office's switchboard,
    # a contact number: none is a line staffed as a session
    for said in ("- Bác sĩ Lan (điện thoại 0987 111 222) trực tại Trạm vào sáng thứ Ba và sáng thứ Sáu "
                 "hằng tuần.\n",
                 "- Y tế thôn gọi điện thoại nhắc các hộ uống thuốc vào chiều thứ Tư hằng tuần.\n",
                 "- Thợ điện kiểm tra đường dây điện của cụm loa vào sáng thứ Bảy hằng tuần.\n",
                 "- Lịch trực tổng đài của Trung tâm: chiều thứ Hai và sáng thứ Sáu hằng tuần.\n",
                 "- Nhân dân liên hệ qua số điện thoại của Hội trong giờ làm việc sáng thứ Ba và sáng thứ "
                 "Năm hằng tuần.\n"):
        assert _rates(HEAD + "III. HÌNH THỨC\n" + said) == [], said


def test_a_phone_line_open_every_day_is_its_hours():
    # near miss: all seven days listed on a hotline: opening hours, not seven sessions
    text = HEAD + ("III. HÌNH THỨC\n- Tổng đài hỗ trợ của Hội trực vào thứ Hai, thứ Ba, thứ Tư, thứ Năm, "
                   "thứ Sáu, thứ Bảy và Chủ nhật hằng tuần.\n")
    assert _rates(text) == []


def test_a_list_after_a_place_ending_in_a_day_name_is_still_read():
    # near miss for the OCR bent-day guard: a hamlet's name ("thôn Năm") with a plain comma, then the days
    text = HEAD + ("III. HÌNH THỨC\n- Nói chuyện về sức khỏe tâm thần tại hội trường thôn Năm, chiều thứ Ba "
                   "và chiều thứ Sáu hằng tuần.\n")
    assert _rates(text) == [("conference", 2, "week")]


def test_a_briefing_on_the_severely_ill_is_no_patients_council():
    # near miss: the staff's briefing on their gravest cases
    text = HEAD + ("III. HÌNH THỨC\n- Giao ban người bệnh nặng của các khoa nội vào sáng thứ Tư hằng "
                   "tuần.\n")
    assert _rates(text) == []


def test_a_council_folded_in_or_reported_is_no_session_of_its_own():
    # near miss: talks folded into the council, its minutes sent on a weekday, its report
    for said in ("- Lồng ghép truyền thông vào buổi họp hội đồng người bệnh sáng thứ Ba hằng tuần.\n",
                 "- Khoa nộp biên bản giao ban người bệnh cho phòng Kế hoạch chiều thứ Năm hằng tuần.\n",
                 "- Tổng hợp báo cáo họp hội đồng người bệnh gửi Ban Giám đốc sáng thứ Hai hằng tuần.\n"):
        assert _rates(HEAD + "III. HÌNH THỨC\n" + said) == [], said


def test_a_coach_a_militia_or_a_safe_play_corner_is_no_training():
    # near miss: a sports team's coach, a militia drill, a children's corner's opening hours
    for said in ("- Các em tập bơi với huấn luyện viên vào sáng thứ Bảy và sáng Chủ nhật hằng tuần.\n",
                 "- Huấn luyện dân quân thường trực tại thao trường chiều thứ Tư và chiều thứ Sáu hằng "
                 "tuần.\n",
                 "- Điểm sinh hoạt an toàn cho thiếu nhi của thôn mở cửa sáng Chủ nhật hằng tuần.\n"):
        assert _rates(HEAD + "III. HÌNH THỨC\n" + said) == [], said


def test_the_same_days_said_again_in_the_paragraph_are_read_once():
    # a session's days said twice in one paragraph (its item, then its detail): one quota appended
    # (checked at _weekdays itself: later steps would also merge two identical quotas)
    text = ("- Nói chuyện tại Trạm vào sáng thứ Ba và sáng thứ Sáu hằng tuần;\n"
            "  mỗi buổi nói chuyện sáng thứ Ba và sáng thứ Sáu hằng tuần kéo dài 45 phút.")
    para = Para(text, [(0, 10), (text.index("\n") + 1, 11)])
    draft = Draft("plan.txt")
    content._weekdays(None, para, set(), draft)
    assert [(q.activity, q.count, q.per) for q in draft.quotas] == [("conference", 2, "week")]


def test_help_given_by_phone_on_listed_days_is_no_staffed_line():
    # "hỗ trợ … qua điện thoại" without "trực": a service done by phone, not a line staffed for callers
    for said in ("- Hỗ trợ người dân đặt lịch khám qua điện thoại vào thứ Hai, thứ Tư và thứ Sáu "
                 "hằng tuần.\n",
                 "- Hỗ trợ kỹ thuật cho các trạm qua điện thoại vào chiều thứ Sáu hằng tuần.\n"):
        assert _rates(HEAD + "III. HOẠT ĐỘNG\n" + said) == []
