"""Quota families of the thirty-first round (#21): weekdays whose "thứ" OCR bent after the time of
day, home visits counted in families or said "thăm hỏi … ít nhất N lần", a talk folded into a
hospital department's meeting, and a newspaper's raised rate; each with the near miss it must not
read."""

from __future__ import annotations

from bot.domain.planimport import draft_from_text

HEAD = ("HỘI CHỮ THẬP ĐỎ TỈNH\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 31/KH-HCTĐ\tngày 05 tháng 2 năm 2027\n\n"
        "KẾ HOẠCH\nTruyền thông chăm sóc sức khỏe cộng đồng năm 2027\n\n"
        "I. MỤC ĐÍCH\nNâng cao nhận thức.\n\n"
        "II. THỜI GIAN\nTừ ngày 01/3/2027 đến ngày 30/11/2027.\n\n")


def _rates(text: str) -> list[tuple[str, int, str]]:
    return [(q.activity, q.count, q.per) for q in draft_from_text(text, "plan.txt")[0].quotas]


def test_weekdays_whose_thu_ocr_bent_after_the_time_of_day_are_read():
    # OCR: "thứ" read as "thi" or "thơ", "Chủ" as "Chi", right after the time of day
    for said, count in (("- Câu lạc bộ tư vấn cho người chăm sóc vào tối thi Hai và tối thứ Năm hằng "
                         "tuần.\n", 2),
                        ("- Nói chuyện về dinh dưỡng tại Trạm vào chiều thứ Ba và chiều thơ Sáu hằng "
                         "tuần.\n", 2),
                        ("- Tư vấn trực tuyến cho cha mẹ vào sáng Chi nhật hằng tuần.\n", 1),
                        ("- Tổ tư vấn qua điện thoại trực vào sáng thu? Ba và sáng thứ Bảy hằng tuần.\n", 2)):
        assert _rates(HEAD + "III. HÌNH THỨC\n" + said) == [("conference", count, "week")], said


def test_a_list_whose_bent_first_day_has_no_vao_is_not_read_short():
    # "buổi tối thi Ba và tối thứ Năm" ("thi" with no "vào" before it not read as a day): the list
    # skipped, not read as the one day after it
    text = HEAD + "III. HÌNH THỨC\n- Tư vấn cho học sinh buổi tối thi Ba và tối thứ Năm hằng tuần.\n"
    assert _rates(text) == []


def test_an_exam_named_before_a_day_is_no_bent_weekday():
    # near miss: "hội thi Năm hằng tuần", no time of day before "thi": an exam's name, not a day
    text = HEAD + "III. HÌNH THỨC\n- Tư vấn cho thí sinh trước hội thi Năm hằng tuần.\n"
    assert _rates(text) == []


def test_families_visited_at_a_rate_are_home_visits():
    # "thăm ít nhất 02 gia đình/tháng": the families visited, beside a post's rate of the same figure
    text = HEAD + ("III. HÌNH THỨC\n- Fanpage của Hội đăng 02 bài/tháng.\n"
                   "\n- Mỗi hội viên tình nguyện thăm ít nhất 02 gia đình/tháng có người khuyết tật.\n")
    assert sorted(_rates(text)) == [("other", 2, "month"), ("social", 2, "month")]


def test_those_counted_right_after_the_visit_word_are_visited():
    # "thăm ít nhất 03 cụ cao tuổi/tháng": whatever the noun, the count is of those visited
    text = HEAD + "III. HÌNH THỨC\n- Mỗi cộng tác viên đến thăm ít nhất 03 cụ cao tuổi/tháng.\n"
    assert _rates(text) == [("other", 3, "month")]


def test_families_visited_with_the_call_said_before_them():
    # "thăm hỏi … 02 gia đình/tháng": the families counted, the visit said before them
    text = HEAD + "III. HÌNH THỨC\n- Hội viên thăm hỏi, động viên ít nhất 02 gia đình/tháng có người ốm.\n"
    assert _rates(text) == [("other", 2, "month")]


def test_a_call_on_people_at_a_rate_is_its_own_visit():
    # "thăm hỏi …: ít nhất 02 lần/tháng", beside the radio's "02 lần/tháng": two quotas, not one repeat
    text = HEAD + ("III. HÌNH THỨC\n- Đài truyền thanh xã phát bài tuyên truyền: 02 lần/tháng.\n\n"
                   "- Hội viên thăm hỏi, nhắc uống thuốc cho người bệnh sống một mình: ít nhất 02 "
                   "lần/tháng.\n")
    assert sorted(_rates(text)) == [("loudspeaker", 2, "month"), ("other", 2, "month")]


def test_taking_part_is_no_visit():
    # near miss: "tham gia" (taking part) and a repeat of the radio's rate with no visit in it
    text = HEAD + ("III. HÌNH THỨC\n- Đài truyền thanh xã phát bài tuyên truyền: 02 lần/tháng.\n\n"
                   "- Hội viên tham gia cùng đội văn nghệ: ít nhất 02 lần/tháng.\n")
    assert _rates(text) == [("loudspeaker", 2, "month")]


def test_taking_part_regularly_is_no_family_visited():
    # near miss: "tham gia định kỳ/định hướng" folds like "thăm gia đình" but is taking part; and
    # "thăm khám", "thăm dò ý kiến" are no call on the families counted
    for said in ("- Hội viên tham gia định kỳ, ít nhất 02 gia đình/tháng.\n",
                 "- Hội viên tham gia định hướng nghề nghiệp cho thanh niên, ít nhất 02 gia đình/tháng.\n",
                 "- Hội viên thăm khám ít nhất 02 gia đình/tháng.\n",
                 "- Cán bộ thăm dò ý kiến người dân ở ít nhất 02 gia đình/tháng.\n"):
        assert _rates(HEAD + "III. HÌNH THỨC\n" + said) == [], said


def test_families_won_over_with_no_visit_are_no_quota():
    # near miss: families counted at a rate, but talked into signing up, not called on
    text = HEAD + "III. HÌNH THỨC\n- Mỗi tổ tự quản vận động ít nhất 02 gia đình/tháng đăng ký xây bể nước.\n"
    assert _rates(text) == []


def test_a_talk_folded_into_a_departments_meeting_is_a_session():
    # a talk given in the department's meeting, the talk word before the meeting or after it
    text = HEAD + ("III. HÌNH THỨC\n- Các khoa phổ biến nội quy phòng bệnh cho nhân viên mới vào buổi "
                   "sinh hoạt khoa, 01 lần/quý.\n")
    assert _rates(text) == [("conference", 1, "quarter")]
    text = HEAD + ("III. HÌNH THỨC\n- Sinh hoạt khoa hằng tháng: quán triệt quy trình rửa tay cho điều "
                   "dưỡng, 01 lần/tháng.\n")
    assert _rates(text) == [("conference", 1, "month")]


def test_a_departments_own_business_in_its_meeting_is_no_talk():
    # near miss: the meeting held, or case reviews and audits in it, with no talk folded in
    for said in ("- Trưởng khoa rà soát hồ sơ bệnh án trong sinh hoạt khoa: 01 lần/tháng.\n",
                 "- Khoa Dinh dưỡng sinh hoạt khoa và bình bệnh án: 01 lần/tháng.\n",
                 "- Các khoa tổ chức sinh hoạt khoa 01 lần/tháng.\n",
                 "- Sinh hoạt khoa, phòng định kỳ: 01 lần/tháng.\n",
                 "- Bình bệnh án trong sinh hoạt khoa: 01 lần/tháng.\n"):
        assert _rates(HEAD + "III. HÌNH THỨC\n" + said) == [("other", 1, "month")], said


def test_a_science_club_is_no_departments_meeting():
    # near miss: "sinh hoạt khoa học" (a science club's activity) names no meeting to talk in
    text = HEAD + "III. HÌNH THỨC\n- Học sinh tham gia sinh hoạt khoa học tại thư viện: mỗi lớp 01 lần/quý.\n"
    assert _rates(text) == [("other", 1, "quarter")]


def test_a_newspapers_raised_rate_stays_the_papers():
    # a paper's monthly articles, raised in the busiest month: both rates the newspaper's
    text = HEAD + ("III. HÌNH THỨC\n- Báo Cà Mau: 02 bài/tháng về phòng bệnh; tháng cao điểm nâng lên 04 "
                   "bài/tháng.\n")
    assert sorted(_rates(text)) == [("other", 2, "month"), ("other", 4, "month")]


def test_a_websites_raised_rate_stays_the_websites():
    # near miss: the clause raised names a website, not a paper
    text = HEAD + ("III. HÌNH THỨC\n- Trang thông tin điện tử của Hội đăng 02 tin, bài/tháng; trong đợt cao "
                   "điểm tăng lên 01 tin, bài/tuần.\n")
    assert sorted(_rates(text)) == [("website", 1, "week"), ("website", 2, "month")]


def test_a_paper_named_beside_another_channel_leaves_the_raised_rate_that_channels():
    # near miss: a paper named in the raised clause, but the rate is a Fanpage's or a website's
    raised = "; cao điểm tăng lên 01 tin, bài/tuần.\n"
    for said, rates in (
            ("- Fanpage của Trung tâm chia sẻ lại tin của Báo tỉnh 02 tin, bài/tháng",
             [("social", 1, "week"), ("social", 2, "month")]),
            ("- Trang thông tin điện tử đăng lại bài từ Báo Sức khỏe và Đời sống 02 tin, bài/tháng",
             [("website", 1, "week"), ("website", 2, "month")]),
            ("- Cung cấp tin cho Báo Nghệ An, đăng trên Trang thông tin điện tử 02 tin, bài/tháng",
             [("website", 1, "week"), ("website", 2, "month")]),
            ("- Đăng trên Trang thông tin điện tử 02 tin, bài/tháng, gửi Báo tỉnh",
             [("website", 1, "week"), ("website", 2, "month")]),
            ("- Báo tỉnh 02 tin, bài/tháng, Fanpage 03 tin, bài/tháng",
             [("other", 2, "month"), ("social", 1, "week"), ("social", 3, "month")])):
        assert sorted(_rates(HEAD + "III. HÌNH THỨC\n" + said + raised)) == rates, said
