"""Quota families of the twenty-ninth round (#21): bulletins issued to readers, sessions on weekdays of
given weeks each month, a school radio on listed weekdays, sessions aired on the loudspeakers, people
visited, talks folded into a meeting, display corners, chat networks, newspapers named after the rate,
and a second channel's own item; each with the near misses it must not read."""

from __future__ import annotations

from bot.domain.planimport import draft_from_text

HEAD = ("ỦY BAN NHÂN DÂN XÃ\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 07/KH-UBND\tngày 02 tháng 2 năm 2027\n\n"
        "KẾ HOẠCH\nTruyền thông phòng, chống tăng huyết áp năm 2027\n\n"
        "I. MỤC ĐÍCH\nNâng cao nhận thức.\n\n"
        "II. THỜI GIAN\nTừ ngày 01/3/2027 đến ngày 30/11/2027.\n\n")


def _rates(text: str) -> list[tuple[str, int, str]]:
    return [(q.activity, q.count, q.per) for q in draft_from_text(text, "plan.txt")[0].quotas]


def test_a_bulletin_issued_to_readers_is_other():
    for said in ('- Phòng Điều dưỡng phát hành Bản tin "Huyết áp và bạn": 01 số/quý.\n',
                 "- Ra Bản tin nội bộ của Trung tâm 01 số/quý.\n",
                 "- Bản tin Dược lâm sàng: Khoa Dược ra 01 số/quý, gửi các phòng ban.\n"):
        assert _rates(HEAD + "III. HÌNH THỨC\n" + said) == [("other", 1, "quarter")], said


def test_a_bulletin_put_up_is_still_a_poster():
    # near miss: the sheet replaced on a board, no name quoted, nothing sent
    text = HEAD + "III. HÌNH THỨC\n- Thay mới bản tin sức khỏe ở nhà văn hóa thôn 01 số/quý.\n"
    assert _rates(text) == [("poster", 1, "quarter")]


def test_a_session_on_a_weekday_of_given_weeks_each_month():
    text = HEAD + (
        "III. HÌNH THỨC\n"
        "a) Câu lạc bộ người bệnh tăng huyết áp sinh hoạt vào sáng thứ Bảy cuối tháng, hằng tháng.\n"
        "b) Nhóm tự quản của người cao tuổi: sinh hoạt chiều thứ Tư tuần thứ nhất và tuần thứ ba hằng "
        "tháng tại nhà văn hóa.\n")
    assert sorted(_rates(text)) == [("conference", 1, "month"), ("conference", 2, "month")]


def test_a_class_under_its_heading_on_a_weekday_each_month():
    text = HEAD + (
        "III. HOẠT ĐỘNG\n"
        "1. Các hoạt động\n"
        "1.2. Lớp dinh dưỡng cho người bệnh tại Trạm\n"
        "- Mở vào chiều thứ Ba tuần cuối hằng tháng, dành cho người bệnh và người nhà.\n")
    assert _rates(text) == [("conference", 1, "month")]


def test_a_cleaning_day_each_month_is_no_session():
    # near miss: the days of another doing, no talk, class or group that meets
    text = HEAD + ("III. HÌNH THỨC\n- Các thôn ra quân tổng vệ sinh, diệt lăng quăng vào sáng thứ Bảy tuần "
                   "cuối hằng tháng.\n")
    assert _rates(text) == []


def test_a_home_visit_beside_a_monthly_class_stays_its_own():
    text = HEAD + (
        "III. HÌNH THỨC\n"
        "- Mỗi người bệnh được cộng tác viên đến thăm ít nhất 01 lần/tháng.\n"
        "- Câu lạc bộ người bệnh sinh hoạt vào sáng thứ Bảy cuối tháng, hằng tháng.\n")
    assert sorted(_rates(text)) == [("conference", 1, "month"), ("other", 1, "month")]


def test_sessions_aired_on_the_loudspeakers():
    text = HEAD + ("III. HÌNH THỨC\n"
                   "- Phát thanh trên hệ thống loa của xã: 02 buổi/tuần trong tháng cao điểm.\n")
    assert _rates(text) == [("loudspeaker", 2, "week")]


def test_sessions_held_in_a_hall_are_still_talks():
    # near miss: no airing, sessions held
    text = HEAD + ("III. HÌNH THỨC\n"
                   "- Nói chuyện tại nhà văn hóa của xã: 02 buổi/tuần trong tháng cao điểm.\n")
    assert _rates(text) == [("conference", 2, "week")]


def test_people_visited_each_month():
    text = HEAD + (
        "III. HÌNH THỨC\n"
        "- Cộng tác viên thăm, hướng dẫn tại nhà ít nhất 04 người bệnh/tháng.\n"
        "- Trạm Y tế lập danh sách người bệnh.\n"
        "- Nhóm Zalo của thôn đăng 04 tin/tháng.\n")
    assert sorted(_rates(text)) == [("other", 4, "month"), ("social", 4, "month")]


def test_people_who_take_part_are_no_visit():
    # near miss: "tham gia" before the people counted, no one visited
    text = HEAD + "III. HÌNH THỨC\n- Mỗi thôn vận động người dân tham gia, ít nhất 05 người/tháng.\n"
    assert _rates(text) == []


def test_advising_before_the_people_is_no_visit():
    # near miss: "tham mưu" (and "thẩm định", folded alike) before the people, no one visited
    for said in ("- Y tế thôn tham mưu, hướng dẫn tại nhà ít nhất 03 người bệnh/tháng.\n",
                 "- Hội đồng thẩm định hồ sơ của ít nhất 03 người bệnh/tháng.\n"):
        text = HEAD + "III. HÌNH THỨC\n" + said + "- Loa truyền thanh của thôn phát 03 lần/tháng.\n"
        assert _rates(text) == [("loudspeaker", 3, "month")], said


def test_a_talk_folded_into_the_meeting_its_item_names():
    text = HEAD + ("III. HÌNH THỨC\n"
                   "c) Họp thôn: mỗi thôn lồng ghép nội dung phòng bệnh ít nhất 01 lần/quý.\n")
    assert _rates(text) == [("conference", 1, "quarter")]


def test_a_meeting_held_is_no_talk():
    # near miss: the meeting held, nothing folded into it
    text = HEAD + "III. HÌNH THỨC\nc) Họp thôn: mỗi thôn họp rà soát danh sách ít nhất 01 lần/quý.\n"
    assert _rates(text) == [("other", 1, "quarter")]


def test_a_display_corner_is_a_poster():
    text = HEAD + "III. HÌNH THỨC\n- Góc tuyên truyền ở sảnh Trạm Y tế: thay nội dung 01 lần/tháng.\n"
    assert _rates(text) == [("poster", 1, "month")]


def test_a_corner_of_a_meeting_is_no_poster():
    # near miss: a talk in the hall, no display corner
    text = HEAD + "III. HÌNH THỨC\n- Nói chuyện ở sảnh Trạm Y tế: 01 buổi/tháng.\n"
    assert _rates(text) == [("conference", 1, "month")]


def test_posts_in_a_work_or_chat_network_are_social():
    for said in ("- Đăng bài trên nhóm Viber của khu phố: 01 bài/tuần.\n",
                 "- Kênh Telegram của Trung tâm: 01 bài/tuần.\n",
                 "- Đăng bài trên nhóm Workplace của công ty: 01 bài/tuần.\n"):
        assert _rates(HEAD + "III. HÌNH THỨC\n" + said) == [("social", 1, "week")], said


def test_posts_on_the_site_stay_website():
    # near miss: the office's web page
    text = HEAD + "III. HÌNH THỨC\n- Đăng bài trên trang thông tin điện tử của xã: 01 bài/tuần.\n"
    assert _rates(text) == [("website", 1, "week")]


def test_articles_in_a_newspaper_named_after_the_rate():
    text = HEAD + "III. HÌNH THỨC\n- Đăng 02 bài/quý trên Báo Quảng Trị.\n"
    assert _rates(text) == [("other", 2, "quarter")]


def test_articles_after_a_report_are_no_newspaper():
    # near miss: "báo cáo" after the rate, not a newspaper
    text = HEAD + "III. HÌNH THỨC\n- Đăng 02 bài/quý trên trang tin, báo cáo kết quả cuối năm.\n"
    assert _rates(text) == [("website", 2, "quarter")]


def test_a_school_radio_on_the_weekdays_listed():
    text = HEAD + ("III. HÌNH THỨC\n"
                   "- Phát thanh măng non giờ ra chơi sáng thứ Ba và sáng thứ Sáu hằng tuần.\n")
    assert _rates(text) == [("loudspeaker", 2, "week")]


def test_the_radio_team_practising_is_no_airing():
    # near miss: the radio's team at practice on those days, nothing aired
    text = HEAD + ("III. HÌNH THỨC\n"
                   "- Đội phát thanh măng non tập luyện chiều thứ Ba và chiều thứ Sáu hằng tuần.\n")
    assert _rates(text) == []


def test_a_second_channel_whose_noun_names_its_kind_is_its_own_item():
    text = HEAD + ("III. HÌNH THỨC\n"
                   "- Fanpage của Trung tâm: 02 bài/tuần trong tháng cao điểm, 01 bài/tuần các tháng khác.\n"
                   "- Kênh YouTube của Trung tâm: 01 video/tuần.\n")
    assert sorted(_rates(text)) == [("social", 1, "week"), ("social", 1, "week"), ("social", 2, "week")]


def test_the_same_page_said_again_is_one_item():
    # near miss: the page's rate restated under who does it, its noun naming the kind the first time
    text = HEAD + ("III. HÌNH THỨC\n- Trang Fanpage của xã đăng 01 video/tuần.\n"
                   "IV. TỔ CHỨC THỰC HIỆN\n- Cán bộ văn hóa quản lý Fanpage đăng 01 lần/tuần.\n")
    assert _rates(text) == [("social", 1, "week")]


def test_a_row_and_its_wrapped_rest_read_once():
    # near miss: one row's rate, its cell wrapped onto the next line: one item, not two
    text = HEAD + ("III. HÌNH THỨC\n"
                   "| 1 | Kênh YouTube của Trung tâm đăng | 01 video/tuần | Phòng Truyền thông |\n"
                   "|   | video ngắn 01 video/tuần |   |   |\n")
    assert _rates(text) == [("social", 1, "week")]


def test_other_words_for_living_are_no_group_meeting():
    # near misses: household water and waste, a community hall, a club's clean-up: no session held
    for said in ("- Cán bộ y tế lấy mẫu nước sinh hoạt của các hộ vào sáng thứ Ba tuần đầu hằng tháng.\n",
                 "- Thu gom chất thải sinh hoạt tại các chợ vào chiều thứ Sáu tuần cuối hằng tháng.\n",
                 "- Nhà sinh hoạt của thôn mở cửa cho bạn đọc vào sáng Chủ nhật tuần thứ ba hằng tháng.\n",
                 "- Câu lạc bộ phụ nữ ra quân thu gom rác thải vào chiều Chủ nhật tuần đầu hằng tháng.\n"):
        assert _rates(HEAD + "III. HÌNH THỨC\n" + said) == [], said


def test_a_club_said_again_is_one_session():
    # near misses: the club's days restated in another section, or the rate above its dates
    for said in ("- Câu lạc bộ đái tháo đường sinh hoạt vào chiều thứ Năm cuối tháng, hằng tháng.\n"
                 "IV. TỔ CHỨC THỰC HIỆN\n- Trạm Y tế duy trì câu lạc bộ đái tháo đường sinh hoạt vào "
                 "chiều thứ Năm cuối tháng, hằng tháng.\n",
                 "- Câu lạc bộ đái tháo đường sinh hoạt 01 buổi/tháng.\n"
                 "+ Thời gian: câu lạc bộ sinh hoạt chiều thứ Năm tuần cuối hằng tháng.\n"):
        assert _rates(HEAD + "III. HÌNH THỨC\n" + said) == [("conference", 1, "month")], said


def test_other_work_under_a_class_heading_is_no_session():
    # near miss: the item names work of its own under the class's heading
    text = HEAD + ("III. HOẠT ĐỘNG\n1. Các hoạt động\n1.2. Lớp dinh dưỡng cho người bệnh tại Trạm\n"
                   "- Kiểm kê, sắp xếp tủ thuốc vào chiều thứ Năm tuần cuối hằng tháng.\n")
    assert _rates(text) == []


def test_radio_people_or_a_van_on_weekdays_are_no_school_radio():
    # near misses: a loudspeaker van's rounds, the radio's announcer on duty, its team at lessons
    for said in ("- Xe loa lưu động đi các thôn vào chiều thứ Ba và chiều thứ Sáu hằng tuần.\n",
                 "- Cán bộ phát thanh của trường trực phòng truyền thống sáng thứ Hai và thứ Tư hằng tuần.\n",
                 "- Đội phát thanh của trường học bài sáng thứ Hai và thứ Năm hằng tuần.\n"):
        assert _rates(HEAD + "III. HÌNH THỨC\n" + said) != [("loudspeaker", 2, "week")], said


def test_a_bulletin_posted_on_a_board_is_a_poster():
    # near miss: a named or in-house bulletin put up on a board, not issued to readers
    for said in ("- Dán bản tin “Khỏe mỗi ngày” tại nhà văn hóa thôn 01 số/quý.\n",
                 "- Thay bản tin nội bộ trên bảng tin của Trạm 01 số/quý.\n"):
        assert _rates(HEAD + "III. HÌNH THỨC\n" + said) == [("poster", 1, "quarter")], said
