"""Quota kinds of the fifteenth blind batch (#21): a bulletin's issues ("01 số/tháng"), a
programme's episodes ("01 kỳ/tháng"), home visits ("02 lượt nhà/tháng"), a livestream's sessions,
and a second broadcast rate of the same item after a semicolon."""

from __future__ import annotations

from bot.domain.planimport import draft_from_text

HEAD = ("HỘI NÔNG DÂN TỈNH\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 12/KH-HND\tngày 20 tháng 12 năm 2026\n\n"
        "KẾ HOẠCH\nTruyền thông phòng, chống ngộ độc thuốc bảo vệ thực vật năm 2027\n\n"
        "IV. HÌNH THỨC VÀ CHỈ TIÊU\n")


def _quotas(body: str) -> list[tuple[str, int, str]]:
    draft, _ = draft_from_text(HEAD + body, "plan.txt")
    return [(q.activity, q.count, q.per) for q in draft.quotas]


def test_a_bulletins_issues_are_posters_a_programmes_episodes_other():
    assert _quotas("- Treo áp phích tại nhà văn hóa; ra bản tin nông nghiệp 02 số/quý.\n"
                   "- Phối hợp Đài Phát thanh - Truyền hình tỉnh phát chuyên đề \"Nhà nông an toàn\" "
                   "01 kỳ/tháng.\n") == [("poster", 2, "quarter"), ("other", 1, "month")]


def test_home_visits_per_unit_and_month_are_other_beside_a_social_rate_of_the_same_count():
    assert _quotas("1. Trang Facebook của Hội: 02 bài/tháng.\n"
                   "2. Tổ hội nông dân: thăm hộ trồng rau, hướng dẫn tại vườn; "
                   "mỗi tổ hội 02 lượt nhà/tháng.\n"
                   ) == [("social", 2, "month"), ("other", 2, "month")]


def test_a_livestreams_sessions_are_social():
    assert _quotas("- Giải đáp trực tuyến (livestream) với kỹ sư bảo vệ thực vật: 01 buổi/tháng.\n"
                   ) == [("social", 1, "month")]


def test_a_second_broadcast_rate_after_a_semicolon_keeps_the_items_channel():
    assert _quotas("1. Loa truyền thanh thôn phát thông báo 01 lần/tuần; trong mùa phun thuốc phát "
                   "03 lần/tuần.\n") == [("loudspeaker", 1, "week"), ("loudspeaker", 3, "week")]


def test_handing_out_leaflets_is_not_a_broadcast():
    assert _quotas("1. Tổ chức họp tổ hội 01 lần/tháng; phát tờ rơi cho hội viên 02 lần/quý.\n"
                   ) == [("other", 1, "month"), ("other", 2, "quarter")]


def test_a_rate_per_unit_between_the_slashes_and_nouns_of_two_words():
    assert _quotas("- Nói chuyện chuyên đề tại các thôn: 02 buổi/thôn/quý.\n"
                   "- Ra bản tin nông nghiệp: 01 số bản tin/tháng.\n"
                   "- Tổ hội: mỗi tổ 03 lượt hộ/tháng.\n") == [
        ("conference", 2, "quarter"), ("poster", 1, "month"), ("other", 3, "month")]


def test_a_tab_tables_count_cell_wrapped_below_empty_cells():
    assert _quotas("TT\tHoạt động\tĐơn vị\tThời gian\tChỉ tiêu\n"
                   "1\tPhát thanh trên loa\tUBND xã\tCả năm\t02 lần/\n"
                   "\ttruyền thanh xã\t\t\ttuần\n"
                   "2\tBài viết trên Fanpage\tHội\tCả năm\tÍt nhất 01\n"
                   "\tcủa Hội\t\t\tbài/tuần\n"
                   "3\tNói chuyện chuyên đề\tChi hội\tHằng quý\tMỗi chi hội\n"
                   "\ttại chi hội\t\t\t01 buổi/quý\n") == [
        ("loudspeaker", 2, "week"), ("social", 1, "week"), ("conference", 1, "quarter")]


def test_households_visited_and_a_rate_per_unit_of_several_words():
    assert _quotas("- Cộng tác viên thăm ít nhất 10 hộ/tháng.\n"
                   "- Nói chuyện chuyên đề: 01 buổi/khu công nghiệp/quý.\n") == [
        ("other", 10, "month"), ("conference", 1, "quarter")]


def test_a_stations_programmes_in_a_row_wrapped_after_the_slash_are_other():
    assert _quotas("TT | Hoạt động | Chỉ tiêu | Đơn vị\n"
                   "1 | Tọa đàm trên sóng Đài Phát thanh - | 01 chương trình/ | Văn phòng\n"
                   " | Truyền hình tỉnh | tháng | \n") == [("other", 1, "month")]


def test_rows_ocr_flattened_with_the_units_cell_before_the_rate():
    text = ("HOI NONG DAN TINH CONG HOA XA HOI CHU NGHIA VIET NAM\n"
            "S6: 12/KH-HND ngay 20 thang 12 nam 2026\n\n"
            "KE HOACH\nTruyén théng phong, chéng ngd déc nam 2027\n\n"
            "IV. HINH THUC VA CHI TIEU\n"
            "TT Hoat déng Don vi tinh Chi tiéu Don vi thuc hién\n\n"
            "1 Phat thanh trén dai truyén thanh xa Lan 03/tuan Tram Y té\n\n"
            "2 H6i nghi truyén théng tai cOng déng Cuoc 01/xa/quy Hoi Néng dan\n")
    draft, _ = draft_from_text(text, "ocr.txt")
    assert [(q.activity, q.count, q.per) for q in draft.quotas] == [
        ("loudspeaker", 3, "week"), ("conference", 1, "quarter")]


def test_a_rows_line_ocr_began_with_its_count_keeps_the_rows_channel():
    text = ("HOI NONG DAN TINH CONG HOA XA HOI CHU NGHIA VIET NAM\n"
            "S6: 12/KH-HND ngay 20 thang 12 nam 2026\n\n"
            "KE HOACH\nTruyén théng phong, chéng ngd déc nam 2027\n\n"
            "IV. HINH THUC VA CHI TIEU\n"
            "1 | Man hinh LED tai nha van hoa xa | Cap nhat noi dung it nhat\n"
            "02 lan/thang | Van phong Hoi\n")
    draft, _ = draft_from_text(text, "ocr.txt")
    assert [(q.activity, q.count, q.per) for q in draft.quotas] == [("led", 2, "month")]


def test_a_talk_put_into_a_village_gathering_is_a_talk():
    # "lồng ghép tuyên truyền trong sinh hoạt thôn, bản": the village's own gathering carries the talk
    assert _quotas("- Chi hội lồng ghép tuyên truyền trong sinh hoạt thôn, mỗi thôn 01 lần/quý.\n"
                   ) == [("conference", 1, "quarter")]


def test_a_door_to_door_round_apart_from_a_talk_of_the_same_rate():
    # "đến từng hộ …, mỗi hộ 01 lần/quý": a round of visits, a quota of its own beside a talk's
    assert _quotas("- Tổ chức nói chuyện tại nhà văn hóa 01 buổi/quý.\n"
                   "- Treo áp phích tại chợ.\n"
                   "- Tổ viên đến từng hộ trồng rau phát tờ rơi, mỗi hộ ít nhất 01 lần/quý.\n"
                   ) == [("conference", 1, "quarter"), ("other", 1, "quarter")]


def test_a_boards_meeting_or_the_village_hall_is_no_village_gathering():
    # "sinh hoạt Ban chấp hành": a board's meeting; "nhà sinh hoạt cộng đồng": the hall, a place
    assert _quotas("- Chi hội sinh hoạt Ban chấp hành 01 lần/quý.\n") == [("other", 1, "quarter")]
    assert _quotas("- Dọn vệ sinh nhà sinh hoạt cộng đồng 01 lần/tháng.\n") == [("other", 1, "month")]
    assert _quotas("- Kiểm tra điểm sinh hoạt cộng đồng 01 lần/quý.\n") == [("other", 1, "quarter")]


def test_telling_each_member_is_no_door_to_door_round():
    # "Phổ biến đến từng hội viên, 01 lần/quý": the talk's word carried to each, not a round of visits
    assert _quotas("- Tổ chức nói chuyện chuyên đề 01 buổi/quý.\n- Treo áp phích tại chợ.\n"
                   "- Phổ biến đến từng hội viên, 01 lần/quý.\n") == [("conference", 1, "quarter")]
