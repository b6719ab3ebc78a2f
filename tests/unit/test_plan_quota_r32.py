"""Quota families of the thirty-second round (#21): premises gone to and counselled at a rate
("đến tư vấn ít nhất 01 cơ sở/tháng"), and rounds of home visits ("02 đợt thăm hộ gia đình/tháng");
each with the near miss it must not read."""

from __future__ import annotations

from bot.domain.planimport import draft_from_text

HEAD = ("PHÒNG Y TẾ QUẬN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 32/KH-PYT\tngày 10 tháng 1 năm 2027\n\n"
        "KẾ HOẠCH\nTruyền thông an toàn lao động tại cơ sở sản xuất nhỏ năm 2027\n\n"
        "I. MỤC ĐÍCH\nNâng cao nhận thức.\n\n"
        "II. THỜI GIAN\nTừ ngày 01/3/2027 đến ngày 30/11/2027.\n\n"
        "III. HÌNH THỨC\n")


def _rates(text: str) -> list[tuple[str, int, str]]:
    return [(q.activity, q.count, q.per) for q in draft_from_text(text, "plan.txt")[0].quotas]


def test_premises_counselled_at_a_rate_are_visits():
    for said, count in (("- Cán bộ Trạm Y tế đến tư vấn ít nhất 03 cửa hàng/tháng về hóa chất.\n", 3),
                        ("- Nhóm cộng tác viên đến trực tiếp tối thiểu 05 tiệm/tháng, hướng dẫn.\n", 5),
                        ("- Y tế phường tư vấn tại chỗ ít nhất 02 xưởng/tháng, phát tờ gấp.\n", 2),
                        # OCR: "cơ sở" read "co s0"
                        ("- Tram y te den tu van it nhat 01 co s0/thang.\n", 1)):
        assert _rates(HEAD + said) == [("other", count, "month")], said


def test_premises_inspected_at_a_rate_are_not_read_as_visits():
    # near miss: "kiểm tra … cơ sở/tháng", an inspection (the keys disagree on those), and premises
    # counted with no counsel or visit said before them
    for said in ("- Đoàn liên ngành kiểm tra ít nhất 02 cơ sở/tháng.\n",
                 "- Rà soát danh sách, cập nhật ít nhất 04 cơ sở/tháng.\n"):
        assert _rates(HEAD + said) == [], said


def test_rounds_of_home_visits_are_visits():
    text = HEAD + "- Tổ chăm sóc tại nhà thực hiện 03 đợt thăm hộ gia đình/tháng ở các tổ dân phố.\n"
    assert _rates(text) == [("other", 3, "month")]


def test_rounds_of_taking_part_are_no_visits():
    # near miss: "đợt tham gia" (folded alike with "thăm"): taking part, no visit
    text = HEAD + "- Đoàn viên thực hiện 02 đợt tham gia hội thi/quý.\n"
    assert _rates(text) == []


def test_premises_counselled_beside_a_post_of_the_same_rate_are_kept():
    # "01 cơ sở/tháng" beside a website's "01 tin, bài/tháng": its own noun names it, no repeat
    text = HEAD + ("- Mỗi Trạm Y tế đến tư vấn ít nhất 01 cơ sở/tháng.\n"
                   "\n- Trang thông tin điện tử của Trung tâm: ít nhất 01 tin, bài/tháng.\n")
    assert sorted(_rates(text)) == [("other", 1, "month"), ("website", 1, "month")]


def test_a_pill_taken_at_the_classroom_on_a_weekday_is_no_class():
    # "uống viên sắt tại lớp … thứ Hai hằng tuần": the classroom as the place, no class held
    text = HEAD + "- Học sinh uống viên bổ sung tập trung tại lớp vào sáng thứ Hai hằng tuần.\n"
    assert _rates(text) == []


def test_a_class_held_on_a_weekday_is_still_read():
    # near miss: a class held ("Mở lớp …"), and counselling given "tại lớp": sessions
    for said in ("- Mở lớp tiền sản cho thai phụ vào sáng thứ Bảy hằng tuần.\n",
                 "- Tư vấn cho học sinh tại lớp vào chiều thứ Sáu hằng tuần.\n"):
        assert _rates(HEAD + said) == [("conference", 1, "week")], said
