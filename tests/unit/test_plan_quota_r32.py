"""Quota families of the thirty-second round (#21): premises gone to and counselled at a rate
("xuống tận nơi tư vấn cho ít nhất 03 doanh nghiệp/quý"), rounds of visits naming those visited
("02 đợt thăm hỏi người bệnh/tháng"), and a bare classroom that holds no class; each with the near
misses it must not read."""

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
    for said, count, per in (
            ("- Cán bộ y tế xuống tận nơi tư vấn cho ít nhất 03 doanh nghiệp/quý.\n", 3, "quarter"),
            ("- Tổ truyền thông tới trực tiếp tối thiểu 06 quầy thuốc/quý để nhắc nhở.\n", 6, "quarter"),
            ("- Nhân viên dinh dưỡng tư vấn tại bếp ăn ít nhất 02 cơ sở/tháng.\n", 2, "month"),
            # OCR: "cơ sở" read "co sd", no marks
            ("- Nhan vien y te toi tu van toi thieu 02 co sd/quy.\n", 2, "quarter")):
        assert _rates(HEAD + said) == [("other", count, per)], said


def test_premises_inspected_or_counted_without_a_visit_are_not_read_as_visits():
    # near misses: an inspection or an appraisal ("kiểm tra", "đến thẩm định"), counsel that is a
    # team's name and not right before the count ("Tổ tư vấn giám sát"), premises merely counted
    for said in ("- Đoàn liên ngành kiểm tra ít nhất 02 cơ sở/tháng.\n",
                 "- Rà soát danh sách, cập nhật ít nhất 04 cơ sở/tháng.\n",
                 "- Tổ tư vấn giám sát ít nhất 05 cơ sở/tháng.\n",
                 "- Đoàn đến thẩm định ít nhất 02 cơ sở/tháng trước khi cấp phép.\n",
                 # a target column: "Cơ sở" is who is targeted, the rate is in the next cell
                 "| STT | Hoạt động | Đối tượng | Chỉ tiêu | Đơn vị |\n|---|---|---|---|---|\n"
                 "| 1 | Tư vấn an toàn thực phẩm | Cơ sở | 02/tháng | Trạm Y tế |\n"):
        assert _rates(HEAD + said) == [], said


def test_premises_counselled_through_a_channel_keep_the_channel():
    # near miss: counsel given over Zalo to the premises: the channel named says what
    text = HEAD + "- Tư vấn qua Zalo cho ít nhất 05 cửa hàng/tháng.\n"
    assert _rates(text) == [("social", 5, "month")]


def test_rounds_of_visits_naming_those_visited_are_visits():
    for said, count, per in (("- Tổ chăm sóc tổ chức 02 đợt thăm hỏi người bệnh/tháng.\n", 2, "month"),
                             ("- Cộng tác viên dân số thực hiện 03 đợt thăm hộ nghèo/quý.\n", 3, "quarter"),
                             ("- Y tế thôn bản: 04 đợt thăm nhà sản phụ/quý.\n", 4, "quarter")):
        assert _rates(HEAD + said) == [("other", count, per)], said


def test_rounds_of_taking_part_or_appraising_are_no_visits():
    # near misses: "đợt tham gia", "đợt thẩm định" (folded alike with "thăm"): no one visited
    for said in ("- Đoàn viên thực hiện 02 đợt tham gia hội thi/quý.\n",
                 "- Phòng quản lý tổ chức 02 đợt thẩm định hồ sơ/quý.\n"):
        assert _rates(HEAD + said) == [], said


def test_rounds_of_a_van_keep_its_channel():
    # near miss: a mobile van's rounds of the villages: the channel named says what
    text = HEAD + "- Xe loa lưu động: 02 đợt thăm các thôn/tháng.\n"
    assert _rates(text) == [("mobile_van", 2, "month")]


def test_premises_counselled_beside_a_post_of_the_same_rate_are_kept():
    # "01 cơ sở/tháng" beside a website's "01 tin, bài/tháng": its own noun names it, no repeat
    text = HEAD + ("- Mỗi Trạm Y tế đến tư vấn ít nhất 01 cơ sở/tháng.\n"
                   "\n- Trang thông tin điện tử của Trung tâm: ít nhất 01 tin, bài/tháng.\n")
    assert sorted(_rates(text)) == [("other", 1, "month"), ("website", 1, "month")]


def test_something_done_in_a_bare_classroom_on_a_weekday_is_no_class():
    # the classroom as the place ("tại/ở/trong lớp (học)" with no class named): no class held
    for said in ("- Học sinh súc miệng nước muối ở lớp vào sáng thứ Tư hằng tuần.\n",
                 "- Trẻ uống sữa học đường trong lớp học vào giờ ra chơi sáng thứ Hai hằng tuần.\n",
                 "- Các em dùng viên vi chất tại lớp vào đầu giờ thứ Ba hằng tuần.\n"):
        assert _rates(HEAD + said) == [], said


def test_a_class_held_on_a_weekday_is_still_read():
    # near misses: a class named after "tại lớp", a teacher's lesson in the classroom, a class opened,
    # counselling given in the classroom: sessions
    for said in ("- Thai phụ sinh hoạt tại lớp tiền sản vào sáng thứ Bảy hằng tuần.\n",
                 "- Học viên luyện tập tại lớp cai rượu vào tối thứ Ba hằng tuần.\n",
                 "- Giáo viên giảng dạy nội dung kỹ năng sống tại lớp học vào chiều thứ Sáu hằng tuần.\n",
                 "- Mở lớp tiền sản cho thai phụ vào sáng thứ Bảy hằng tuần.\n",
                 "- Tư vấn cho học sinh tại lớp vào chiều thứ Sáu hằng tuần.\n"):
        assert _rates(HEAD + said) == [("conference", 1, "week")], said
