"""Quota families of round 28 (#21): a session's kind in four words before the period, a talk put
into a group's own meeting ("họp tổ"), the same channel's rate for the rest of the time after a
";", and a bound on how often people do a thing (advice or a sign) that is no rate the plan sets."""

from __future__ import annotations

from bot.domain.planimport import draft_from_text

HEAD = ("ỦY BAN NHÂN DÂN XÃ PHÚ LỘC\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 17/KH-UBND\tngày 05 tháng 2 năm 2027\n\n"
        "KẾ HOẠCH\nTuyên truyền phòng, chống bệnh tay chân miệng năm 2027\n\n"
        "IV. HÌNH THỨC\n")


def _quotas(body: str) -> list[tuple[str, int, str]]:
    draft, _ = draft_from_text(HEAD + body, "plan.txt")
    return sorted((q.activity, q.count, q.per) for q in draft.quotas)


def test_a_session_whose_kind_takes_four_words_before_the_period_is_a_talk():
    assert _quotas("- Mỗi chi đoàn tổ chức 02 buổi nói chuyện chuyên đề/quý cho thanh niên.\n") == [
        ("conference", 2, "quarter")]


def test_a_talk_put_into_a_groups_own_meeting_is_a_talk():
    assert _quotas("- Các khu phố lồng ghép tuyên truyền trong họp tổ ít nhất 02 lần/quý.\n") == [
        ("conference", 2, "quarter")]


def test_a_meeting_held_with_no_talk_put_into_it_stays_other():
    assert _quotas("- Họp tổ tự quản 01 lần/tháng để rà soát danh sách.\n") == [("other", 1, "month")]


def test_the_rest_of_the_times_rate_after_a_semicolon_keeps_the_channel_named_before():
    assert _quotas("- Đài truyền thanh xã phát bản tin 03 lần/ngày trong tháng cao điểm; "
                   "những tháng còn lại 01 lần/tuần.\n") == [("loudspeaker", 1, "week")]


def test_outside_the_campaign_the_rate_keeps_the_channel_named_before():
    assert _quotas("- Loa phát thanh thôn phát 02 lần/ngày trong chiến dịch; ngoài chiến dịch "
                   "02 lần/tuần.\n") == [("loudspeaker", 2, "week")]


def test_a_bound_on_how_often_people_do_a_thing_is_no_quota():
    assert _quotas("- Dấu hiệu cần đi khám: trẻ đi ngoài dưới 2 lần/tuần, bụng chướng.\n"
                   "- Khuyên người dân ăn đồ chiên rán không quá 3 lần/tuần.\n") == []


def test_a_rate_set_with_at_least_is_still_a_quota():
    assert _quotas("- Nhóm Zalo của thôn đăng ít nhất 03 tin/tuần.\n") == [("social", 3, "week")]


def test_a_floor_before_the_rate_is_still_a_quota():
    # "không dưới", "không ít hơn", "nhiều hơn": at least, the plan's own rate
    assert _quotas("- Cộng tác viên viết không dưới 02 bài/tháng cho trang thông tin điện tử xã.\n"
                   "- Nhóm Zalo khu phố đăng không ít hơn 02 tin/tuần.\n"
                   "- Fanpage của Trạm đăng nhiều hơn 01 tin/tuần.\n") == [
        ("social", 1, "week"), ("social", 2, "week"), ("website", 2, "month")]


def test_fewer_than_said_in_two_words_is_no_quota():
    assert _quotas("- Khuyên học sinh uống nước có ga ít hơn 2 lần/tuần.\n") == []


def test_another_doing_for_the_rest_of_the_time_keeps_no_channel_from_before():
    # the clause after ";" names its own doing: not the Zalo group's posts
    assert _quotas("- Nhóm Zalo thôn đăng 03 tin/tuần trong đợt dịch; các tháng khác kiểm tra, "
                   "giám sát 01 lần/tháng.\n") == [("other", 1, "month"), ("social", 3, "week")]
