"""Quota families of round 20 (#21): a station's news and reports ("02 tin, phóng sự/tháng") are a
quota of their own beside a talk or a page at the same rate, on one line or wrapped in a table cell."""

from __future__ import annotations

from bot.domain.planimport import draft_from_text

HEAD = ("ỦY BAN NHÂN DÂN XÃ TÂN LẬP\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 52/KH-UBND\tngày 12 tháng 3 năm 2027\n\n"
        "KẾ HOẠCH\nTuyên truyền phòng, chống sốt rét năm 2027\n\n"
        "IV. HÌNH THỨC\n")


def _quotas(body: str) -> list[tuple[str, int, str]]:
    draft, _ = draft_from_text(HEAD + body, "plan.txt")
    return sorted((q.activity, q.count, q.per) for q in draft.quotas)


def test_a_stations_news_and_reports_beside_a_page_at_the_same_rate_are_two_quotas():
    assert _quotas("1. Đài Phát thanh tỉnh: 03 tin, phóng sự/tháng.\n\n"
                   "2. Trang thông tin điện tử của xã: 03 tin, bài/tháng.\n") == [
        ("other", 3, "month"), ("website", 3, "month")]


def test_a_report_rate_wrapped_in_a_cell_beside_a_talk_at_the_same_rate_is_its_own():
    assert _quotas("| TT | Hoạt động | Thời gian | Chỉ tiêu |\n"
                   "|---|---|---|---|\n"
                   "| 1 | Nói chuyện tại thôn | Cả năm | 01 buổi/tháng |\n"
                   "| 2 | Phóng sự trên Đài Phát thanh | Quý II | 01 phóng sự/ |\n"
                   "| | và Truyền hình huyện | | tháng |\n") == [
        ("conference", 1, "month"), ("other", 1, "month")]


def test_a_rate_wrapped_in_a_table_whose_rows_have_no_bar_first_is_read_with_its_period():
    assert _quotas("Hoạt động | Đơn vị | Thời gian | Chỉ tiêu\n"
                   "Tin, bài trên Trang thông tin điện tử | Phòng Truyền | Cả năm | 02 tin, bài/\n"
                   " | của Trạm Y tế | thông |  | tháng\n") == [("website", 2, "month")]


def test_either_of_two_posts_at_a_rate_on_a_page_named_with_a_citys_short_title_is_one_social_quota():
    assert _quotas("- Trang Fanpage \"Trạm Y tế TP. Vinh\": 01 bài hoặc 01 infographic/tuần.\n") == [
        ("social", 1, "week")]


def test_a_club_for_a_group_said_in_brackets_with_a_share_keeps_its_rate():
    assert _quotas("c) Câu lạc bộ \"Ông bố trẻ\" (ở 02 thôn có tỷ lệ trẻ suy dinh dưỡng cao) sinh hoạt "
                   "01 buổi/tháng, từ tháng 5/2027.\n") == [("conference", 1, "month")]


def test_a_class_activity_at_a_rate_in_the_class_hour_is_a_talk():
    assert _quotas("- Các lớp mẫu giáo lồng ghép hoạt động \"Bé rửa tay\" 02 lần/tuần trong giờ "
                   "hoạt động chung.\n") == [("conference", 2, "week")]


def test_a_row_line_ocr_cut_at_a_cell_border_keeps_its_rate_with_the_period_wrapped_below():
    assert _quotas("| TT | Hoạt động | Thời gian | Đơn vị | Chỉ tiêu |\n\n"
                   "| 1 | Nói chuyện tại thôn | Cả năm | Trạm Y tế | 01 buổi/tháng |\n\n"
                   "| 2 | Phóng sự trên Đài Phát thanh | Quý II | Khoa Truyền thông, |\n"
                   "01 phóng sự/ |\n\n"
                   "| | và Truyền hình huyện | | giáo dục sức khỏe | tháng |\n\n"
                   "| 3 | Tin, bài trên Trang thông tin điện | Hằng tháng | Khoa Truyền thông,\n"
                   "| 03 tin, bài/ |\n\n"
                   "| | tử của Trạm | | giáo dục sức khỏe | tháng |\n") == [
        ("conference", 1, "month"), ("other", 1, "month"), ("website", 3, "month")]


def test_a_quoted_page_name_ocr_set_below_a_blank_line_goes_on_from_the_line_above():
    assert _quotas("2. Tổ Truyền thông: biên soạn tài liệu, tin bài; quản lý Fanpage\n\n"
                   "\"Trạm Y tế Tân Lập\", đăng ít nhất 02 bài/tuần trong thời gian thực hiện.\n") == [
        ("social", 2, "week")]
