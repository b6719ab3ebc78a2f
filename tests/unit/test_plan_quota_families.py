"""Quota families of rounds 19, 22 and 23 (#21): a rate that rides on a gathering ("lồng ghép trong
sinh hoạt chi hội: 01 lần/tháng", "họp thôn: 01 lần/quý") is a talk, not a loudspeaker's airing nor
"other"; a raised rate keeps the channel of the rate it raises; a posting rate takes the channel its
item named before it."""

from __future__ import annotations

import time

from bot.domain.planimport import draft_from_text

HEAD = ("ỦY BAN NHÂN DÂN XÃ TÂN LẬP\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 41/KH-UBND\tngày 10 tháng 3 năm 2027\n\n"
        "KẾ HOẠCH\nTuyên truyền phòng, chống đuối nước năm 2027\n\n"
        "IV. HÌNH THỨC\n")


def _quotas(body: str) -> list[tuple[str, int, str]]:
    draft, _ = draft_from_text(HEAD + body, "plan.txt")
    return [(q.activity, q.count, q.per) for q in draft.quotas]


def test_a_rate_of_talks_in_a_branchs_or_a_villages_meeting_is_a_conference_quota():
    assert _quotas("- Lồng ghép nội dung trong sinh hoạt chi đoàn: mỗi chi đoàn 01 lần/tháng.\n"
                   "- Lồng ghép trong họp xóm, ấp: 01 lần/quý.\n"
                   "- Tổ trưởng nói thêm tại các buổi họp dân 02 lần/quý.\n") == [
        ("conference", 1, "month"), ("conference", 1, "quarter"), ("conference", 2, "quarter")]


def test_a_meeting_held_at_a_rate_is_no_talk():
    assert _quotas("- Tổ chức họp tổ hội 01 lần/tháng.\n") == [("other", 1, "month")]


def test_a_teams_meeting_at_a_notice_boards_rate_is_a_quota_of_its_own():
    assert _quotas("- Bảng tin của trường cập nhật 01 lần/tháng.\n"
                   "- Sinh hoạt tổ chuyên môn về phòng, chống đuối nước: 01 lần/tháng.\n") == [
        ("poster", 1, "month"), ("conference", 1, "month")]


def test_a_rate_cell_that_names_its_channel_before_the_count_keeps_it():
    assert _quotas("| Thời gian | Nội dung | Chỉ tiêu | Chủ trì |\n"
                   "|---|---|---|---|\n"
                   "| Quý II/2027 | Cao điểm mùa hè; tọa đàm trực tuyến | Zalo OA 03 tin, bài/tuần | "
                   "Trạm Y tế |\n") == [("social", 3, "week")]


def test_a_rate_in_words_said_period_first_is_a_quota():
    assert _quotas("- Chi hội phụ nữ các ấp: mỗi quý một buổi nói chuyện về an toàn cho trẻ.\n"
                   "- Gội đầu mỗi tuần hai lần, tóc sạch bé vui.\n") == [("conference", 1, "quarter")]


OCR_HEAD = ("UY BAN NHAN DAN XA TAN LAP\tCONG HOA XA HOI CHU NGHIA VIET NAM\n"
            "S6: 41/KH-UBND\tngay 10 thang 3 nam 2027\n\nKE HOACH\nTuyén truyén phong chong duéi nuéc\n\n"
            "IV. HINH THUC\n")


def test_a_rate_in_words_whose_one_ocr_bent_is_a_quota():
    draft, _ = draft_from_text(OCR_HEAD + (
        "- Noi chuyén tai nha van héa thén: méi thon mét buéi méi thang.\n"
        "- Chi hdi phu ni cac 4p: méi quy mét budi sinh hoat chuyén dé.\n"), "plan.txt")
    assert [(q.activity, q.count, q.per) for q in draft.quotas] == [
        ("conference", 1, "month"), ("conference", 1, "quarter")]


def test_a_count_ocr_left_above_a_blank_line_keeps_its_bent_noun_below():
    draft, _ = draft_from_text(OCR_HEAD + (
        "- Phdi hgp véi Hdi Dong y cdc xa t6 chitc kham, tu van két hop néi chuyén: 02\n\n"
        "budi/quy.\n"), "plan.txt")
    assert [(q.activity, q.count, q.per) for q in draft.quotas] == [("conference", 2, "quarter")]


def _ocr_quotas(body: str) -> list[tuple[str, int, str]]:
    draft, _ = draft_from_text(OCR_HEAD + body, "plan.txt")
    return [(q.activity, q.count, q.per) for q in draft.quotas]


def test_a_quota_nouns_l_ocr_read_as_a_bar_or_a_bracket_with_a_bent_vowel():
    assert _ocr_quotas("- Loa truyén thanh cac thén: 03 |4n/tuan trong cac dot.\n"
                       "- Néi chuyén tai Tram Y té: mdi quy 02 [an, vao sang thtt Hai.\n") == [
        ("loudspeaker", 3, "week"), ("conference", 2, "quarter")]


def test_a_rate_said_period_first_whose_every_ocr_bent():
    assert _ocr_quotas("| 2 | Dang bai, video ngan trén Fanpage \"Tram Y té\" | Mi tuan 02 bai "
                       "| Tram Y té |\n") == [("social", 2, "week")]


def test_an_airing_rate_under_a_heading_that_names_the_loudspeakers_is_theirs():
    assert _quotas("Hoạt động 3: Truyền thanh trên hệ thống loa các ấp\n"
                   "- Phát thông điệp, khẩu hiệu 03 lần/tuần trong tháng cao điểm.\n\n"
                   "Hoạt động 4: Thăm hỏi các hộ có trẻ nhỏ\n"
                   "- Tổ trưởng đến từng nhà 01 lần/quý.\n") == [
        ("loudspeaker", 3, "week"), ("other", 1, "quarter")]


def test_rounds_of_a_mobile_team_per_quarter_are_its_quota():
    assert _quotas("- Đoàn khám lưu động của Trung tâm đến các xã vùng sâu: 02 đợt/quý.\n"
                   "- Tổng kết 01 đợt/quý.\n") == [("mobile_van", 2, "quarter")]


def test_an_airing_rate_after_a_talks_rate_in_one_sentence_keeps_its_own_channel():
    assert _quotas("- Nói chuyện tại thôn 02 buổi/tháng trong đợt, phát thanh loa xã, 03 lần/tuần "
                   "trong đợt.\n") == [("conference", 2, "month"), ("loudspeaker", 3, "week")]


def test_visits_said_with_the_visited_first_are_a_quota_beside_a_boards_rate():
    assert _quotas("- Bảng tin của Trạm thay mới 01 lần/quý.\n\n"
                   "- Treo băng rôn tại cổng Trạm trong suốt đợt.\n\n"
                   "- Chỉ tiêu: mỗi hộ gia đình được thăm ít nhất 01 lần/quý.\n") == [
        ("poster", 1, "quarter"), ("other", 1, "quarter")]


def test_a_stations_column_aired_at_a_rate_is_other_not_the_loudspeakers():
    assert _quotas("- Phối hợp Đài Phát thanh - Truyền hình tỉnh xây dựng chuyên mục \"Sống khỏe\", "
                   "phát sóng 02 lần/tháng.\n") == [("other", 2, "month")]


def test_a_clause_that_airs_again_keeps_the_loudspeakers_named_before_it():
    assert _quotas("1. Đài truyền thanh xã phát bài tuyên truyền 03 buổi/tuần trong đợt cao điểm; ngoài đợt "
                   "phát 01 buổi/tuần.\n") == [("loudspeaker", 3, "week"), ("loudspeaker", 1, "week")]


def test_a_channels_slot_on_a_weekday_each_period_is_once_a_period():
    assert _quotas("- Fanpage của Trạm đăng 03 bài/tuần; phát trực tiếp \"Hỏi bác sĩ\" vào tối thứ Sáu "
                   "tuần cuối mỗi tháng.\n"
                   "- Trạm Y tế họp giao ban vào sáng thứ Hai hằng tuần.\n") == [
        ("social", 3, "week"), ("social", 1, "month")]


def test_a_heading_that_names_the_loudspeakers_heads_only_its_own_items():
    # the next heading has a comma (no short heading of its own) or a number, or a sentence comes between
    for between in ("Hoạt động 2: Truyền thông trực tiếp, tư vấn tại cộng đồng\n",
                    "2. Truyền thông trực tiếp\n",
                    "Các chi hội tổ chức nói chuyện cho hội viên.\n"):
        assert _quotas("Hoạt động 1: Phát thanh trên hệ thống loa truyền thanh\n"
                       "- Phát bản tin 03 lần/tuần.\n\n" + between
                       + "- Tổ trưởng đến từng nhà 01 lần/quý.\n") == [
            ("loudspeaker", 3, "week"), ("other", 1, "quarter")], between


def test_a_weekday_each_week_names_no_channel_from_the_sentence_before():
    assert _quotas("- Phát thanh trên loa truyền thanh xã 03 lần/tuần. Các hộ gia đình tổng vệ sinh, diệt "
                   "lăng quăng vào sáng thứ Bảy hằng tuần.\n") == [("loudspeaker", 3, "week")]


def test_many_weekday_slots_in_one_clause_are_read_in_linear_time():
    started = time.process_time()
    _quotas("- Fanpage " + "đăng tin vào tối thứ Năm hằng tuần, " * 5000 + "\n")
    assert time.process_time() - started < 3.0


def test_a_report_or_a_review_at_a_meeting_is_no_talk():
    # the meeting's business, not a talk put into it; a speaker ("báo cáo viên") still talks
    assert _quotas("- Báo cáo tiến độ tại buổi họp giao ban 01 lần/tháng.\n"
                   "- Sơ kết, đánh giá trong họp thôn, bản 01 lần/quý.\n"
                   "- Tong ket trong sinh hoat chi hoi 02 lan/thang.\n"
                   "- Báo cáo viên nói thêm tại các buổi họp dân 02 lần/quý.\n") == [
        ("other", 1, "month"), ("other", 1, "quarter"), ("other", 2, "month"), ("conference", 2, "quarter")]


OCR_HEAD = ("UY BAN NHAN DAN XA AN PHU CONG HOA XA HOI CHU NGHIA VIET NAM\n"
            "S6: 41/KH-UBND An Phu, ngay 10 thang 12 nam 2026\n\n"
            "KE HOACH\nTruyén théng phong, chéng bénh dai nam 2027\n\n"
            "II. HOAT DONG\n")


def _quotas_timed(text: str) -> tuple[list[tuple[str, int, str]], float]:
    started = time.process_time()
    draft, _ = draft_from_text(text, "plan.txt")
    return [(q.activity, q.count, q.per) for q in draft.quotas], time.process_time() - started


# Each rate once searched its whole clause (its channel, "phát", a newspaper …): a clause of many rates
# was read in quadratic time (19 KB of "một buổi mỗi tháng, ": 2.8 s; 190 KB of OCR's "mét buéi méi
# thang": past 275 s). Each text's words are found once now, each rate looking them up.
def test_a_clause_of_many_rates_in_words_is_read_in_linear_time():
    found, took = _quotas_timed(HEAD + "- Đài truyền thanh xã phát " + "một buổi mỗi tháng, " * 10000
                                + "hai buổi mỗi tuần trong đợt cao điểm.\n")
    assert found == [("loudspeaker", 1, "month"), ("loudspeaker", 2, "week")]
    assert took < 4.0


def test_a_clause_of_many_rates_in_digits_is_read_in_linear_time():
    found, took = _quotas_timed(HEAD + "- Fanpage của xã đăng " + "01 tin, bài/tuần, " * 11200
                                + "02 video/tháng.\n")
    assert found == [("social", 1, "week"), ("social", 2, "month")]
    assert took < 4.0


def test_a_clause_of_many_ocr_bent_rates_in_words_is_read_in_linear_time():
    found, took = _quotas_timed(OCR_HEAD + "- Dai truyén thanh xa phat " + "mét buéi méi thang, " * 10000
                                + "hai budi mdi tuan.\n")
    assert found == [("loudspeaker", 1, "month"), ("loudspeaker", 2, "week")]
    assert took < 4.0


def test_a_table_row_of_many_rate_cells_is_read_in_linear_time():
    found, took = _quotas_timed(HEAD + "| TT | Hình thức | Chỉ tiêu |\n|---|---|---|\n"
                                "| 1 | Loa truyền thanh | " + "02 lần/tuần | " * 14300 + "Tổ thông tin |\n")
    assert found == [("loudspeaker", 2, "week")]
    assert took < 4.0


def test_a_plan_read_leaves_none_of_its_text_in_the_lookups():
    from bot.domain.planimport.content import _spans

    _quotas_timed(HEAD + "- Fanpage của xã đăng 01 tin, bài/tuần, 02 video/tháng.\n")
    assert _spans.cache_info().currsize == 0


def test_a_rate_raised_in_the_next_clause_keeps_the_channel_before_it():
    # no label before a colon names the channel: the clause before the raise does
    assert _quotas("- Đài truyền thanh các thôn phát bài về đuối nước 02 lần/tuần; tăng lên 04 lần/tuần "
                   "trong tháng 6 và tháng 7.\n"
                   "- Tổ chức nói chuyện tại nhà văn hóa 01 buổi/quý.\n") == [
        ("loudspeaker", 2, "week"), ("loudspeaker", 4, "week"), ("conference", 1, "quarter")]


OCR_PLAN = ("UY BAN NHAN DAN XA AN PHU CONG HOA XA HOI CHU NGHIA VIET NAM\n"
            "S6: 41/KH-UBND An Phu, ngay 10 thang 12 nam 2026\n\n"
            "KE HOACH\nTruyén théng phong, chéng bénh dai nam 2027\n\n"
            "V. CAC HOAT DONG CU THE\n\n"
            "TT Noi dung hoat déng Thdi gian thuc hién Don vi thuc hién\n\n"
            "1 Phat thanh trén loa truyén thanh xa 02 lan/tuan Tram Y té xa\n\n")


def test_a_flattened_rows_rate_cell_cut_after_its_count_and_first_noun_is_one_quota():
    # OCR read the table without its columns: "04 tin," on the row's line, "bài/tháng" on the next
    draft, _ = draft_from_text(OCR_PLAN + "2 Dang tin, bai trén Trang thong tin cua 04 tin, Tram Y té xa\n"
                               "Uy ban nhan dan xa va nhom Zalo thén bai/thang\n\n"
                               "3 Tap huan cho cong tac vién Thang 3/2027 Tram Y té xa\n", "plan.txt")
    assert [(q.activity, q.count, q.per) for q in draft.quotas] == [
        ("loudspeaker", 2, "week"), ("website", 4, "month")]


def test_a_talks_rate_whose_buoi_ocr_mended_to_duoi_is_a_conference_quota():
    # "buổi" read "budi", mended to the syllable "dưới": after a count, still the talk's session
    draft, _ = draft_from_text(OCR_PLAN + "- Moi ap té chic it nhat 02 budi tuyén truyén, huéng dan cho hé "
                               "chan nuoi/thang.\n", "plan.txt")
    assert [(q.activity, q.count, q.per) for q in draft.quotas] == [
        ("loudspeaker", 2, "week"), ("conference", 2, "month")]


def test_a_raised_rate_takes_no_channel_from_the_sentence_before_its_own():
    # the talk's rate raised keeps the talk's kind, not the loudspeakers' of the sentence before
    assert _quotas("- Phát thanh trên loa truyền thanh xã 02 lần/tuần. Nói chuyện tại nhà văn hóa "
                   "01 lần/quý; tăng lên 01 lần/tháng khi có dịch.\n") == [
        ("loudspeaker", 2, "week"), ("conference", 1, "quarter"), ("conference", 1, "month")]


def test_a_numbered_paragraphs_news_said_whole_is_no_cut_rate_cell():
    # "02 tin, bài" said whole, "tin/tháng" a word of the next line: no rate of the row's
    draft, _ = draft_from_text(OCR_PLAN + "25 thon to chic hop dan, dang 02 tin, bai 1én nhom Zalo\n"
                               "cua thon; cap nhat s6 tin/thang vao s6 theo déi.\n", "plan.txt")
    assert [(q.activity, q.count, q.per) for q in draft.quotas] == [("loudspeaker", 2, "week")]


def test_a_posting_rate_takes_the_channel_its_items_first_clause_set_up():
    # the group is made in one clause, its posts counted in the next: the group's channel
    assert _quotas("- Thành lập nhóm Facebook của các tổ trưởng dân phố; chia sẻ 03 bài/tuần "
                   "về diệt lăng quăng.\n"
                   "- Tổ chức nói chuyện tại nhà văn hóa 01 buổi/quý.\n") == [
        ("social", 3, "week"), ("conference", 1, "quarter")]


def test_a_bulletin_rate_takes_the_channel_its_item_named_before():
    # "bản tin" names no kind of its own: unread before, now the page's
    assert _quotas("- Mở trang Fanpage của Trạm Y tế; gửi bản tin dịch bệnh 01 bản tin/tuần.\n") == [
        ("social", 1, "week")]


def test_a_posting_rate_takes_no_channel_from_a_sentence_before_or_a_clause_with_its_own_rate():
    assert _quotas("- Phát thanh trên loa xã 02 lần/tuần; viết 01 bài/tháng cho cộng tác viên.\n"
                   "- Lập nhóm Zalo của thôn. Đăng 02 tin/tuần về vệ sinh môi trường.\n") == [
        ("loudspeaker", 2, "week"), ("website", 1, "month"), ("website", 2, "week")]


def test_a_school_radio_on_a_weekday_each_week_is_once_a_week_on_the_loudspeakers():
    assert _quotas("- Đội phát thanh của trường đọc bản tin sức khỏe vào sáng thứ Tư hằng tuần.\n") == [
        ("loudspeaker", 1, "week")]
    assert _quotas("- Phát thanh học đường vào chiều thứ Sáu mỗi tuần sau giờ học.\n") == [
        ("loudspeaker", 1, "week")]


def test_a_weekday_each_week_with_no_radio_nor_channel_is_no_quota():
    # (a duty on a weekday, or the radio named in the sentence before)
    assert _quotas("- Cô nhân viên y tế trực ở phòng tư vấn giờ ra chơi thứ Tư hằng tuần.\n"
                   "- Đài phát thanh của trường đọc bản tin 02 lần/tuần. Học sinh trực nhật vào sáng "
                   "thứ Hai hằng tuần.\n") == [("loudspeaker", 2, "week")]


def test_a_survey_held_at_a_rate_is_no_quota():
    assert _quotas("- Trang Facebook của xã: 02 bài/tháng.\n"
                   "- Khảo sát hiểu biết của người dân về phòng đuối nước 01 lần/quý.\n"
                   "3. Điều tra nhanh số trẻ biết bơi tại các thôn 01 đợt/quý trong mùa hè.\n") == [
        ("social", 2, "month")]


def test_a_survey_that_names_its_channel_or_a_talk_after_a_survey_is_still_a_quota():
    assert _quotas("- Khảo sát trực tuyến trên Fanpage của xã 01 lần/quý.\n"
                   "- Tổ chức nói chuyện sau khi khảo sát các điểm bơi: 01 buổi/tháng.\n") == [
        ("social", 1, "quarter"), ("conference", 1, "month")]


def test_many_rates_in_one_survey_clause_are_read_in_linear_time():
    started = time.process_time()
    _quotas("- Khảo sát " + "01 lần/quý, " * 5000 + "\n")
    assert time.process_time() - started < 3.0


def test_a_weekday_is_no_radio_for_a_blind_eye_a_radio_set_worked_on_or_a_radio_with_its_own_rate():
    # ("mù lòa" folds to the word "loa"; a team practising or a set mended airs nothing; a radio whose
    # rate its clause said already is not the weekday's work)
    assert _quotas("- Khám mắt miễn phí phòng chống mù lòa vào sáng thứ Bảy hằng tuần.\n"
                   "- Đội phát thanh của trường tập luyện vào chiều thứ Năm hằng tuần.\n"
                   "- Kiểm tra hệ thống loa của trường vào chiều thứ Sáu hằng tuần.\n") == []
    assert _quotas("- Phát thanh trên loa của trường 02 lần/tuần, học sinh lao động vào sáng thứ Bảy "
                   "hằng tuần.\n") == [("loudspeaker", 2, "week")]


def test_a_survey_a_plan_holds_is_no_quota_but_one_that_also_counsels_homes_is():
    assert _quotas("- Tổ chức khảo sát hiểu biết của học sinh về phòng đuối nước 01 lần/quý.\n") == []
    assert _quotas("- Khảo sát và tư vấn tại từng hộ gia đình có trẻ nhỏ 02 lần/tháng.\n"
                   "- Điều tra, tuyên truyền trực tiếp đến từng hộ ven sông 01 lần/quý.\n") == [
        ("other", 2, "month"), ("other", 1, "quarter")]
