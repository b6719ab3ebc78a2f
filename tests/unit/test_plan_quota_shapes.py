"""Quota and phase shapes of the ninth blind batch (#21): a website and a Fanpage named together with one
count of news, a rate said again in a phase table, a tab table's row whose count wrapped onto the
row's next line, a second channel named after a first rate in the same sentence."""

from __future__ import annotations

import datetime as dt

from bot.domain.planimport import draft_from_text

HEAD = ("TRUNG TÂM Y TẾ KHU VỰC\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 41/KH-TTYT\tngày 20 tháng 3 năm 2026\n\n"
        "KẾ HOẠCH\nTruyền thông phòng, chống bệnh sán lá gan năm 2026\n\n")


def _quotas(body: str) -> list[tuple[str, int, str]]:
    draft, _ = draft_from_text(HEAD + body, "plan.txt")
    return [(q.activity, q.count, q.per) for q in draft.quotas]


def test_news_on_the_website_and_fanpage_together_is_a_website_quota():
    assert _quotas("IV. HÌNH THỨC TRUYỀN THÔNG\n"
                   "1. Đăng tin, bài trên Trang thông tin điện tử và Fanpage của Trung tâm: "
                   "01 tin, bài/tuần.\n") == [("website", 1, "week")]


def test_a_channel_named_after_a_first_rate_takes_the_second():
    assert _quotas("IV. HÌNH THỨC TRUYỀN THÔNG\n"
                   "- Đăng tin, bài trên Trang thông tin điện tử ít nhất 01 tin, bài/tuần và trên "
                   "Fanpage, Zalo OA tối thiểu 02 bài/tuần.\n"
                   "- Phát thanh trên hệ thống truyền thanh các xã: 03 lần/tuần trong Giai đoạn I, "
                   "02 lần/tuần trong Giai đoạn II.\n") == [
        ("website", 1, "week"), ("social", 2, "week"),
        ("loudspeaker", 3, "week"), ("loudspeaker", 2, "week")]


def test_a_rate_said_again_in_a_phase_table_is_the_named_one():
    assert _quotas("IV. HÌNH THỨC TRUYỀN THÔNG\n"
                   "1. Phát thanh trên hệ thống truyền thanh các xã: 03 lần/tuần.\n\n"
                   "V. THỜI GIAN THỰC HIỆN\n"
                   "| Giai đoạn | Thời gian | Nội dung | Phát thanh |\n"
                   "| Giai đoạn I | Tháng 4 - 6/2026 | Tác hại của ăn gỏi cá | 03 lần/tuần |\n"
                   ) == [("loudspeaker", 3, "week")]


def test_a_tab_row_whose_count_wrapped_onto_its_next_line_is_one_quota():
    assert _quotas("V. CÁC HOẠT ĐỘNG CỤ THỂ\n\n"
                   "TT\tNội dung hoạt động\tChỉ tiêu\tĐơn vị thực hiện\n"
                   "1\tPhát thanh trên hệ thống truyền thanh\tTháng 7 - 11/2026,\tTrạm Y tế xã\n"
                   "\txã, phường\t02 lần/tuần\t\n"
                   "2\tĐăng tin, bài trên Trang thông tin điện\tÍt nhất 02 tin,\tKhoa Truyền thông\n"
                   "\ttử và Fanpage của Trung tâm\tbài/tháng\tGiáo dục sức khỏe\n") == [
        ("loudspeaker", 2, "week"), ("website", 2, "month")]


def test_lessons_a_month_and_a_rate_said_period_first_in_a_cell():
    assert _quotas("IV. HÌNH THỨC TRUYỀN THÔNG\n"
                   "1. Sinh hoạt chuyên đề dưới cờ về dinh dưỡng: 01 tiết/tháng ở mỗi lớp.\n\n"
                   "| TT | Hình thức | Tần suất | Đơn vị |\n"
                   "| 2 | Đăng bài, video ngắn trên Fanpage | Mỗi tuần 01 bài | Văn phòng |\n") == [
        ("conference", 1, "month"), ("social", 1, "week")]


def test_a_lower_case_paragraph_below_a_sentence_left_open_goes_on_from_it():
    assert _quotas("IV. HINH THUC TRUYEN THONG\n"
                   "- Gui thong diep qua nhom Zalo \"Nha tro\" va Zalo cua chu nha\n\n"
                   "tro: 01 tin/tuan.\n") == [("social", 1, "week")]


def test_a_month_phase_in_which_the_plan_starts_or_ends_is_clipped_to_it():
    draft, _ = draft_from_text(HEAD + (
        "V. THỜI GIAN THỰC HIỆN\n"
        "Từ ngày 07/9/2026 đến ngày 15/11/2026.\n\n"
        "Thời gian\tNội dung trọng tâm\tNgười thực hiện\n"
        "Tháng 9/2026\tCân, đo học sinh đầu năm\tNhân viên y tế\n"
        "Tháng 10/2026\tTuần lễ dinh dưỡng\tBan Giám hiệu\n"
        "Tháng 11/2026\tSơ kết\tNhân viên y tế\n"), "plan.txt")
    assert [(p.start, p.end) for p in draft.phases] == [
        (dt.date(2026, 9, 7), dt.date(2026, 9, 30)), (dt.date(2026, 10, 1), dt.date(2026, 10, 31)),
        (dt.date(2026, 11, 1), dt.date(2026, 11, 15))]


def test_a_month_range_whose_end_wrapped_onto_the_rows_next_line_is_one_phase():
    draft, _ = draft_from_text(HEAD + (
        "V. THỜI GIAN THỰC HIỆN\n"
        "Từ ngày 01/10/2026 đến ngày 15/01/2027.\n\n"
        "Thời gian\tNội dung trọng tâm\tNgười thực hiện\n"
        "Tháng 10/2026\tTuần lễ dinh dưỡng\tBan Giám hiệu\n"
        "Tháng 11/2026\tVận động mỗi ngày\tGiáo viên\n"
        "Tháng 12/2026 -\tHạn chế thiết bị điện tử; cân, đo lại\tNhân viên y tế trường,\n"
        "tháng 01/2027\thọc sinh thừa cân; sơ kết học kỳ I\tgiáo viên chủ nhiệm\n"), "plan.txt")
    assert [(p.start, p.end) for p in draft.phases][-1] == (dt.date(2026, 12, 1), dt.date(2027, 1, 15))


# The tenth blind batch (#21): a talk's weekly rate, a rate whose noun a bracket follows, a
# table's cell wrapped over three lines.

def test_a_weekly_talk_is_a_conference():
    assert _quotas("IV. HÌNH THỨC TRUYỀN THÔNG\n"
                   "a) Nói chuyện giáo dục sức khỏe tại sảnh Khoa Khám bệnh: mỗi tuần 01 lần, vào sáng "
                   "thứ Tư.\n") == [("conference", 1, "week")]


def test_each_week_one_post_with_its_topics_in_brackets():
    assert _quotas("IV. HÌNH THỨC TRUYỀN THÔNG\n"
                   "2. Đăng bài trên Fanpage Đoàn trường: mỗi tuần 01 bài (kỹ năng sống, câu chuyện "
                   "học sinh).\n") == [("social", 1, "week")]


def test_a_cell_wrapped_over_three_lines_glues_line_to_line_with_its_channel():
    assert _quotas("III. THỜI GIAN, HOẠT ĐỘNG\n"
                   "Thời gian | Hoạt động | Đơn vị chủ trì\n"
                   "Từ ngày 01/12 đến | Khởi động: treo băng rôn; phát | Chi cục Dân\n"
                   " | thanh trên loa truyền thanh xã, phường 02 | số\n"
                   " | lần/tuần; đăng tin trên Fanpage | \n"
                   " | \"Dân số Lâm Đồng\" 03 tin, bài/tuần | \n") == [
        ("loudspeaker", 2, "week"), ("social", 3, "week")]


def test_a_rows_wrapped_line_below_a_dangling_word_keeps_its_cells():
    assert _quotas("IV. THỜI GIAN VÀ HOẠT ĐỘNG\n"
                   "Thời gian | Nội dung trọng tâm | Hoạt động chính | Đơn vị thực hiện\n"
                   "Tháng 5 - 6/2026 | Cao điểm trong Tháng hành | Phát thanh tại các xã, phường | "
                   "Trạm Y tế, UBND các\n"
                   " | động vì an toàn thực phẩm; | ven biển 03 lần/tuần | xã, phường ven biển\n") == [
        ("loudspeaker", 3, "week")]


def test_a_press_column_per_quarter_beside_a_talk_at_the_same_rate_is_its_own_quota():
    assert _quotas("V. HOẠT ĐỘNG\n"
                   "TT | Nội dung | Thời gian thực hiện | Đơn vị chủ trì\n"
                   "3 | Phối hợp Báo và Phát thanh, Truyền hình | 01 chuyên mục/quý | Văn phòng Sở\n"
                   "5 | Truyền thông trực tiếp, lồng ghép tại họp | 01 buổi/quý/thôn, | Trạm Y tế xã\n"
                   ) == [("other", 1, "quarter"), ("conference", 1, "quarter")]


def test_a_noun_with_a_word_of_its_own_before_the_period_is_a_quota():
    # "01 video ngắn/tuần", "01 lớp/quý": one word after the noun, the period after it
    assert _quotas("IV. HÌNH THỨC TRUYỀN THÔNG\n"
                   "1. Fanpage của Trung tâm: 01 video ngắn/tuần do bác sĩ thực hiện.\n"
                   "2. Tập huấn cán bộ y tế xã: 01 lớp/quý.\n") == [
        ("social", 1, "week"), ("conference", 1, "quarter")]


def test_a_bulletin_board_is_a_poster_channel():
    assert _quotas("IV. HÌNH THỨC TRUYỀN THÔNG\n"
                   "2. Bảng tin tại cổng trường và bảng tuyên truyền của mỗi lớp: thay nội dung "
                   "02 lần/tháng.\n") == [("poster", 2, "month")]


def test_a_clause_naming_no_channel_takes_its_items_label():
    assert _quotas("IV. HÌNH THỨC TRUYỀN THÔNG\n"
                   "1. Phát thanh trên loa truyền thanh xã, thôn bằng tiếng dân tộc: phát hằng ngày "
                   "trong tháng cao điểm; 03 lần/tuần trong thời gian còn lại.\n") == [
        ("loudspeaker", 3, "week")]


def test_a_rows_wrapped_line_does_not_read_again_the_rate_its_first_line_read():
    assert _quotas("IV. HÌNH THỨC TRUYỀN THÔNG\n"
                   "TT | Hoạt động | Tần suất | Đơn vị chủ trì\n"
                   "6 | Phối hợp Báo và Đài tỉnh | 01 phóng sự/tháng | Văn phòng\n"
                   " | thực hiện phóng sự, tọa đàm |  | \n") == [("other", 1, "month")]


def test_bulletins_a_month_on_a_notice_board_are_a_poster_quota():
    assert _quotas("D. HÌNH THỨC, CHỈ TIÊU\n"
                   "- Bảng tin y tế trường học: thay 01 bản tin/tháng; dán tranh ở mỗi phòng học.\n"
                   ) == [("poster", 1, "month")]


def test_a_clubs_meetings_are_conferences():
    for said, want in (("- Câu lạc bộ \"Phụ nữ tuổi vàng\" sinh hoạt 01 lần/tháng.\n", (1, "month")),
                       ("- CLB người cao tuổi sinh hoạt định kỳ 02 lần/quý tại nhà văn hóa.\n",
                        (2, "quarter")),
                       ("- Sinh hoat cau lac bo \"Ban déng hanh\" 01 lan/thang.\n", (1, "month"))):
        assert _quotas(said) == [("conference", *want)], said


def test_a_rates_noun_said_with_three_words_of_its_kind():
    for said in ("1. Tư vấn: mỗi khoa lâm sàng tổ chức 01 buổi tư vấn nhóm/tuần cho người nhà.\n",
                 "1. Tu van: moi khoa lam sang to chuc 01 buoi tu van nhom/tuan cho nguoi nha.\n",
                 "1. Mỗi trạm tổ chức 01 buổi hỏi đáp nhóm/tuần tại chợ.\n"):
        assert _quotas("IV. HÌNH THỨC\n" + said) == [("conference", 1, "week")], said


def test_a_rate_said_for_each_of_two_channels_counts_for_each():
    # "… mỗi kênh": one quota per channel named; without it the two channels share one rate
    assert _quotas("IV. HÌNH THỨC TRUYỀN THÔNG\n"
                   "- Fanpage và Zalo OA \"Trung tâm Y tế khu vực\": 03 bài/tuần mỗi kênh; trả lời hỏi - "
                   "đáp trong 02 ngày làm việc.\n") == [("social", 3, "week"), ("social", 3, "week")]
    ocr, _ = draft_from_text(  # as tesseract -l eng reads it back
        "TRUNG TAM Y TE KHU VUC CONG HOA XA HOI CHU NGHIA VIET NAM\n"
        "S6: 41/KH-TTYT ngay 20 thang 3 nam 2026\n\n"
        "KE HOACH\nTruyén thong phong, chéng bénh san 14 gan nam 2026\n\n"
        "IV. HINH THUC TRUYEN THONG\n"
        "- Fanpage va Zalo OA \"Trung tam Y té khu vuc\": 03 bai/tuan m6i kénh; tra 10i hdi - "
        "dap trong 02 ngay lam viéc.\n", "plan.txt")
    assert [(q.activity, q.count, q.per) for q in ocr.quotas] == [("social", 3, "week")] * 2
    one = _quotas("IV. HÌNH THỨC TRUYỀN THÔNG\n- Fanpage và Zalo OA \"Trung tâm Y tế\": 03 bài/tuần.\n")
    assert one == [("social", 3, "week")]
    # two kinds of channel: one quota of each kind
    assert sorted(_quotas("IV. HÌNH THỨC TRUYỀN THÔNG\n"
                          "- Đăng tin, bài trên Fanpage \"CDC\" và Trang thông tin điện tử của Trung tâm: "
                          "02 bài/tháng\nmỗi kênh trong thời gian hai đợt.\n")) == [("social", 2, "month"),
                                                                                ("website", 2, "month")]


def test_a_talk_held_on_two_weekdays_each_week_is_twice_a_week():
    text = ("TRUNG TÂM Y TẾ HUYỆN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "Số: 31/KH-TTYT\tngày 02 tháng 3 năm 2027\n\n"
            "KẾ HOẠCH\nTruyền thông dinh dưỡng cho trẻ dưới 5 tuổi năm 2027\n\n"
            "I. MỤC ĐÍCH\nNâng cao nhận thức.\n\n"
            "II. HOẠT ĐỘNG\n"
            "- Nói chuyện chuyên đề với các bà mẹ tại phòng tiêm chủng vào sáng thứ Hai và chiều "
            "thứ Năm hằng tuần.\n"
            "- Tập thể dục vào thứ Ba và thứ Sáu hằng tuần.\n")
    draft, _ = draft_from_text(text, "plan.txt")
    assert [(q.activity, q.count, q.per) for q in draft.quotas] == [("conference", 2, "week")]


def test_counselling_on_weekdays_each_week_is_as_many_sessions_a_week_as_days():
    head = ("TRUNG TÂM Y TẾ HUYỆN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "Số: 18/KH-TTYT\tngày 02 tháng 3 năm 2027\n\n"
            "KẾ HOẠCH\nTruyền thông phòng chống trầm cảm năm 2027\n\n"
            "I. MỤC ĐÍCH\nNâng cao nhận thức.\n\nII. HOẠT ĐỘNG\n")
    for body, want in (("- Góc tư vấn cho phụ huynh mở cửa chiều thứ Năm hằng tuần.\n", 1),
                       ("- Tư vấn qua điện thoại tối thứ Ba và tối thứ Bảy hằng tuần.\n", 2),
                       ("- Câu lạc bộ dưỡng sinh tập vào sáng thứ Hai, thứ Tư và thứ Sáu hằng tuần.\n", 3)):
        draft, _ = draft_from_text(head + body, "plan.txt")
        assert [(q.activity, q.count, q.per) for q in draft.quotas] == [("conference", want, "week")], body



def test_weekdays_listed_after_one_thu_count_each_day_but_a_range_none():
    head = ("TRUNG TÂM Y TẾ HUYỆN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "Số: 18/KH-TTYT\tngày 02 tháng 3 năm 2027\n\n"
            "KẾ HOẠCH\nTruyền thông dinh dưỡng năm 2027\n\n"
            "I. MỤC ĐÍCH\nNâng cao nhận thức.\n\nII. HOẠT ĐỘNG\n")
    for body, want in (("- Tư vấn ăn bổ sung cho bà mẹ chiều thứ 2, 4, 6 hằng tuần.\n", 3),
                       ("- Câu lạc bộ cha mẹ sinh hoạt tối thứ Ba và Bảy hằng tuần.\n", 2),
                       ("- Góc tư vấn dinh dưỡng mở cửa từ thứ 2 đến 6 hằng tuần.\n", 0)):
        draft, _ = draft_from_text(head + body, "plan.txt")
        assert [(q.activity, q.count, q.per) for q in draft.quotas] == (
            [("conference", want, "week")] if want else []), body

def test_counselling_on_duty_folded_in_other_sessions_over_a_range_or_with_its_rate_adds_none():
    head = ("TRUNG TÂM Y TẾ HUYỆN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "Số: 18/KH-TTYT\tngày 02 tháng 3 năm 2027\n\n"
            "KẾ HOẠCH\nTruyền thông phòng chống trầm cảm năm 2027\n\n"
            "I. MỤC ĐÍCH\nNâng cao nhận thức.\n\nII. HOẠT ĐỘNG\n")
    for body in ("- Bác sĩ trực tư vấn tại phòng khám vào chiều thứ Ba hằng tuần.\n",
                 "- Lồng ghép tư vấn trong các buổi khám thai sáng thứ Sáu hằng tuần.\n",
                 "- Phòng tư vấn mở cửa từ thứ Hai đến thứ Sáu hằng tuần.\n",
                 "- Đo đường huyết miễn phí vào sáng thứ Bảy hằng tuần.\n"):
        draft, _ = draft_from_text(head + body, "plan.txt")
        assert draft.quotas == [], body
    draft, _ = draft_from_text(head + "- Lớp tư vấn cho thai phụ: 04 buổi/tháng, chiều thứ Năm hằng tuần.\n",
                               "plan.txt")
    assert [(q.activity, q.count, q.per) for q in draft.quotas] == [("conference", 4, "month")]



def test_counselling_words_beside_a_deadlines_a_meetings_or_another_events_weekday_add_none():
    head = ("TRUNG TÂM Y TẾ HUYỆN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "Số: 18/KH-TTYT\tngày 02 tháng 3 năm 2027\n\n"
            "KẾ HOẠCH\nTruyền thông phòng chống sốt xuất huyết năm 2027\n\n"
            "I. MỤC ĐÍCH\nNâng cao nhận thức.\n\nII. HOẠT ĐỘNG\n")
    for body in ("- Các trạm gửi danh sách người được tư vấn về Trung tâm trước thứ Sáu hằng tuần.\n",
                 "- Nhóm tư vấn viên họp rút kinh nghiệm chiều thứ Sáu hằng tuần.\n",
                 "- Tư vấn cho phụ huynh tại buổi tiêm chủng vào sáng thứ Tư hằng tuần.\n",
                 "- Tuyên truyền, tư vấn ở chợ thị trấn, phiên chợ vào thứ Ba và thứ Bảy hằng tuần.\n",
                 "- Tư vấn hộ gia đình dọn dẹp nhà cửa, tổng vệ sinh sáng thứ Sáu hằng tuần.\n",
                 "- Giáo viên tư vấn cho học sinh trong giờ sinh hoạt lớp chiều thứ Bảy hằng tuần.\n"):
        draft, _ = draft_from_text(head + body, "plan.txt")
        assert draft.quotas == [], body
    # (near them: "phối hợp tổ chức", counselling before pregnancy, a risk "tiềm ẩn" stay sessions)
    for body in ("- Phối hợp tổ chức tư vấn trước mang thai vào sáng thứ Bảy hằng tuần.\n",
                 "- Nói chuyện về nguy cơ tiềm ẩn của muỗi vằn vào tối thứ Năm hằng tuần.\n"):
        draft, _ = draft_from_text(head + body, "plan.txt")
        assert [(q.activity, q.count, q.per) for q in draft.quotas] == [("conference", 1, "week")], body

def test_pupils_classes_are_no_talks_twice_a_week():
    head = ("TRƯỜNG THCS XÃ\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "Số: 12/KH-THCS\tngày 02 tháng 3 năm 2027\n\n"
            "KẾ HOẠCH\nPhòng chống đuối nước cho học sinh năm 2027\n\n"
            "I. MỤC ĐÍCH\nNâng cao nhận thức.\n\nII. HOẠT ĐỘNG\n")
    for body in ("- Các lớp sinh hoạt chủ nhiệm vào thứ Hai và thứ Sáu hằng tuần.\n",):
        draft, _ = draft_from_text(head + body, "plan.txt")
        assert draft.quotas == [], body
