"""Key dates and slogans of the twenty-ninth round (#21): a timetable row dated first ("1 | Thứ
Bảy, 10/4/2027 | Trạm Y tế … | Khám …"), named days plans mark (Ngày Quốc tế phòng, chống dịch
bệnh, Ngày Quốc tế Thanh niên …), a contest over a span of days, a training on referral ("chuyển
gửi", no report sent), a slogan whose second half quotes a word after its dash, and a forum or an
event organised under a quoted name (no slogan)."""

from __future__ import annotations

from bot.domain.planimport import draft_from_text

HEAD = ("TRUNG TÂM Y TẾ HUYỆN AN PHÚ\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 31/KH-TTYT\tAn Phú, ngày 08 tháng 01 năm 2027\n\n"
        "KẾ HOẠCH\nTruyền thông phòng, chống bệnh truyền nhiễm năm 2027\n\n"
        "II. THỜI GIAN\nKế hoạch thực hiện từ ngày 15/01/2027 đến ngày 31/12/2027.\n\n")


def _draft(body: str):
    return draft_from_text(HEAD + body, "plan.txt")[0]


def _keys(body: str) -> list[tuple[str | None, str | None]]:
    return [(k.day, str(k.date) if k.date else None) for k in _draft(body).key_dates]


def _slogans(body: str) -> list[str]:
    return [s.text for s in _draft(body).slogans]


def test_a_timetable_row_dated_first_holds_its_activity_that_day():
    got = _keys("III. HOẠT ĐỘNG\nLịch khám lưu động theo bảng dưới đây.\n\n"
                "STT | Thời gian | Địa điểm | Nội dung\n"
                "1 | Thứ Năm, 08/4/2027 | Nhà văn hóa ấp Phú Hữu | Khám mắt cho người cao tuổi\n"
                "2 | Chủ nhật, 12/9/2027 | Trường Tiểu học Phú Lâm | Tẩy giun cho học sinh\n")
    assert (None, "2027-04-08") in got and (None, "2027-09-12") in got


def test_a_row_dated_first_whose_words_are_a_report_due_is_no_event():
    got = _keys("III. HOẠT ĐỘNG\nLịch báo cáo theo bảng dưới đây.\n\n"
                "STT | Thời hạn | Nội dung\n"
                "1 | Thứ Sáu, 25/6/2027 | Các Trạm Y tế gửi báo cáo sơ kết 6 tháng\n")
    assert (None, "2027-06-25") not in got


def test_named_days_of_epidemics_and_of_youth_are_kept_as_days():
    got = _keys("III. HOẠT ĐỘNG\n"
                "- Hưởng ứng Ngày Quốc tế phòng, chống dịch bệnh, treo băng rôn tại Trung tâm.\n"
                "- Giao lưu với đoàn viên nhân Ngày Quốc tế Thanh niên.\n")
    assert ("27/12", None) in got and ("12/08", None) in got


def test_an_event_on_the_named_day_it_honours_is_that_day_not_a_dated_event():
    got = _keys("III. HOẠT ĐỘNG\n"
                "STT | Nội dung | Thời gian\n"
                "1 | Mít tinh hưởng ứng Ngày Quốc tế phòng, chống dịch bệnh | Ngày 27/12/2027\n")
    assert ("27/12", None) in got and (None, "2027-12-27") not in got


def test_an_unknown_international_day_is_not_taken_for_the_epidemics_day():
    got = _keys("III. HOẠT ĐỘNG\n- Hưởng ứng Ngày Quốc tế Hạnh phúc bằng buổi giao lưu.\n")
    assert ("27/12", None) not in got


def test_a_contest_over_a_span_with_no_other_date_is_marked_on_its_first_day():
    got = _keys("III. HOẠT ĐỘNG\n"
                "- Cuộc thi vẽ tranh \"Bàn tay sạch\" từ ngày 05/4/2027 đến ngày 25/4/2027.\n"
                "STT | Nội dung | Thời gian | Thực hiện\n"
                "3 | Cuộc thi ảnh \"Bữa cơm an toàn\" | 10-8-2027 đến 30-8-2027 | Đoàn Thanh niên\n")
    assert (None, "2027-04-05") in got and (None, "2027-08-10") in got
    assert (None, "2027-04-25") not in got and (None, "2027-08-30") not in got


def test_a_contest_with_a_prize_giving_day_is_not_marked_on_its_first_day():
    got = _keys("III. HOẠT ĐỘNG\n"
                "- Cuộc thi vẽ tranh \"Bàn tay sạch\" từ ngày 05/4/2027 đến ngày 25/4/2027; lễ trao "
                "giải ngày 08/5/2027.\n")
    assert (None, "2027-04-05") not in got


def test_a_span_of_work_that_is_no_contest_is_not_marked():
    got = _keys("III. HOẠT ĐỘNG\n"
                "- Tuyên truyền trên loa truyền thanh từ ngày 05/4/2027 đến ngày 25/4/2027.\n")
    assert (None, "2027-04-05") not in got


def test_a_training_on_referral_in_a_dated_row_is_an_event():
    got = _keys("III. HOẠT ĐỘNG\n"
                "STT | Nội dung | Thời gian | Thực hiện\n"
                "2 | Tập huấn về chuyển gửi người bệnh lao | Thứ Bảy, ngày 17/4/2027 | Khoa Lao\n")
    assert (None, "2027-04-17") in got


def test_a_row_sending_a_report_that_day_is_still_no_event():
    got = _keys("III. HOẠT ĐỘNG\n"
                "STT | Nội dung | Thời gian | Thực hiện\n"
                "2 | Trạm Y tế gửi danh sách người bệnh | Thứ Bảy, ngày 17/4/2027 | Khoa Lao\n")
    assert (None, "2027-04-17") not in got


def test_a_slogan_quoting_a_word_after_its_dash_is_kept_whole():
    got = _slogans("III. NỘI DUNG\n1. Phòng bệnh theo mùa.\n2. Khẩu hiệu tuyên truyền\n"
                   "* Thuốc lá điện tử - Chớ \"thử cho biết\"\n"
                   "* Nói không với thuốc lá - Cả nhà cùng khỏe\n\n"
                   "IV. TỔ CHỨC THỰC HIỆN\n")
    assert got == ["Thuốc lá điện tử - Chớ \"thử cho biết\"", "Nói không với thuốc lá - Cả nhà cùng khỏe"]


def test_quoted_slogans_listed_after_a_dash_in_an_item_stay_apart():
    got = _slogans("III. NỘI DUNG\n1. Phòng bệnh theo mùa.\n2. Khẩu hiệu tuyên truyền\n"
                   "- Trên băng rôn - \"Rửa tay sạch\" và \"Ăn chín uống sôi\"\n\n"
                   "IV. TỔ CHỨC THỰC HIỆN\n")
    assert got == ["Rửa tay sạch", "Ăn chín uống sôi"]


def test_a_forum_or_an_event_organised_under_a_quoted_name_is_no_slogan():
    got = _slogans("III. HOẠT ĐỘNG\n"
                   "1. Hưởng ứng Ngày Môi trường thế giới: tổ chức \"Ngày thứ Bảy sạch\" dọn vệ sinh chợ.\n"
                   "2. Hưởng ứng Ngày Toàn dân phòng, chống ma túy: diễn đàn \"Tuổi trẻ sống khỏe\".\n")
    assert got == []


def test_a_quoted_slogan_after_huong_ung_is_still_a_slogan():
    got = _slogans("III. HOẠT ĐỘNG\n"
                   "1. Hưởng ứng Ngày Môi trường thế giới với thông điệp \"Sống xanh mỗi ngày\".\n")
    assert got == ["Sống xanh mỗi ngày"]


def test_two_known_days_of_one_date_and_topics_apart_are_each_marked():
    got = _keys("III. HOẠT ĐỘNG\n"
                "- Nhân Ngày Quốc tế Thiếu nhi (01/6) cùng Ngày Vi chất dinh dưỡng (01/6), trường mầm non "
                "cho trẻ uống vitamin A sáng thứ Hai, ngày 31/5/2027.\n")
    assert got.count(("01/06", None)) == 2


def test_one_day_under_two_names_is_marked_once():
    got = _keys("III. HOẠT ĐỘNG\n"
                "- Hưởng ứng Ngày Thế giới phòng, chống AIDS (01/12), tức Ngày Thế giới phòng, chống "
                "HIV/AIDS, treo băng rôn.\n")
    assert got.count(("01/12", None)) == 1


def test_a_colorectal_screening_day_is_an_event_though_truc_reads_as_truoc():
    got = _keys("III. HOẠT ĐỘNG\n"
                "- Khám sàng lọc ung thư đại trực tràng cho người từ 50 tuổi vào Chủ nhật, ngày 18/4/2027 "
                "và Chủ nhật, ngày 16/5/2027.\n")
    assert (None, "2027-04-18") in got and (None, "2027-05-16") in got


def test_a_report_due_before_a_day_is_still_no_event():
    got = _keys("III. HOẠT ĐỘNG\n"
                "- Các khoa gửi danh sách khám sàng lọc ung thư đại trực tràng trước ngày 18/4/2027.\n")
    assert (None, "2027-04-18") not in got


def test_items_numbered_in_brackets_date_their_events():
    got = _keys("III. HOẠT ĐỘNG\n"
                "(1) Họp phụ huynh đầu năm học vào thứ Bảy, ngày 11-9-2027: nói chuyện về giấc ngủ "
                "của trẻ.\n\n"
                "(2) Tập huấn cho giáo viên vào chiều thứ Tư, ngày 15-9-2027.\n")
    assert (None, "2027-09-11") in got and (None, "2027-09-15") in got


def test_a_bracketed_number_item_with_a_deadline_is_no_event():
    got = _keys("III. HOẠT ĐỘNG\n"
                "(3) Các lớp nộp báo cáo kết quả trước ngày 20-9-2027.\n")
    assert (None, "2027-09-20") not in got


def test_slogans_bulleted_by_a_star_and_a_bracket_are_each_a_slogan():
    got = _slogans("III. NỘI DUNG\n1. Phòng bệnh theo mùa.\n2. Khẩu hiệu:\n"
                   "*) Rửa tay sạch - Bệnh tránh xa\n"
                   "*) Ăn chín, uống sôi, ngủ màn\n\n"
                   "IV. TỔ CHỨC THỰC HIỆN\n")
    assert got == ["Rửa tay sạch - Bệnh tránh xa", "Ăn chín, uống sôi, ngủ màn"]


def test_a_footnote_star_in_brackets_is_no_bullet():
    got = _slogans("III. NỘI DUNG\n1. Phòng bệnh theo mùa.\n2. Khẩu hiệu:\n"
                   "- Rửa tay sạch - Bệnh tránh xa\n"
                   "(*) Khẩu hiệu in trên băng rôn tại chợ.\n\n"
                   "IV. TỔ CHỨC THỰC HIỆN\n")
    assert got == ["Rửa tay sạch - Bệnh tránh xa"]


def test_a_slogan_cheered_at_an_event_organised_is_still_a_slogan():
    got = _slogans("III. HOẠT ĐỘNG\n"
                   "1. Hưởng ứng Tuần lễ nước sạch, tổ chức cổ động \"Nước sạch cho mọi gia đình\" "
                   "tại bến đò.\n")
    assert got == ["Nước sạch cho mọi gia đình"]


def test_a_slogan_item_led_by_to_chuc_gives_its_quote_alone():
    got = _slogans("III. NỘI DUNG\n1. Phòng bệnh theo mùa.\n2. Khẩu hiệu tuyên truyền\n"
                   "- Tổ chức phát loa \"Ngủ màn mỗi đêm\"\n"
                   "- Tổ chức cổ động \"Diệt lăng quăng mỗi tuần\"\n\n"
                   "IV. TỔ CHỨC THỰC HIỆN\n")
    assert got == ["Ngủ màn mỗi đêm", "Diệt lăng quăng mỗi tuần"]


def test_a_quote_after_a_label_and_a_dash_is_the_slogan_alone():
    got = _slogans("III. NỘI DUNG\n1. Phòng bệnh theo mùa.\n2. Khẩu hiệu tuyên truyền\n"
                   "- Căng trên cổng trạm y tế - \"Tiêm đủ mũi, trẻ lớn khôn\"\n\n"
                   "IV. TỔ CHỨC THỰC HIỆN\n")
    assert got == ["Tiêm đủ mũi, trẻ lớn khôn"]


def test_a_contest_round_number_before_a_dash_is_no_first_day():
    got = _keys("III. HOẠT ĐỘNG\n"
                "- Cuộc thi Hiểu biết về dinh dưỡng vòng 3 - 20/5/2027 tại hội trường xã.\n")
    assert (None, "2027-05-03") not in got


def test_a_contest_numbered_in_brackets_is_marked_on_its_first_day():
    got = _keys("III. HOẠT ĐỘNG\n"
                "(2) Cuộc thi viết \"Gia đình không khói thuốc\" từ ngày 10/5/2027 đến ngày 30/5/2027.\n")
    assert (None, "2027-05-10") in got


def test_stations_forwarding_lists_by_a_day_is_no_event():
    got = _keys("III. HOẠT ĐỘNG\n"
                "- Các điểm tiêm chuyển gửi danh sách trẻ về Khoa Dân số ngày 22/6/2027.\n")
    assert (None, "2027-06-22") not in got


def test_a_note_led_by_a_star_and_a_bracket_is_no_slogan():
    got = _slogans("III. NỘI DUNG\n1. Phòng bệnh theo mùa.\n2. Khẩu hiệu:\n"
                   "*) Ngủ màn mỗi đêm - Muỗi không đốt\n"
                   "*) Lưu ý: pa nô cỡ 1m x 3m, chữ trắng nền xanh.\n\n"
                   "IV. TỔ CHỨC THỰC HIỆN\n")
    assert got == ["Ngủ màn mỗi đêm - Muỗi không đốt"]


def test_a_volunteers_day_is_not_the_youth_day():
    got = _keys("III. HOẠT ĐỘNG\n"
                "- Kỷ niệm Ngày Quốc tế Thanh niên tình nguyện, đoàn viên hiến máu tại trạm.\n")
    assert ("12/08", None) not in got


def _named_keys(body: str) -> dict[str, str]:
    return {str(k.date): k.name for k in _draft(body).key_dates if k.date}


def test_a_row_dated_first_is_named_after_its_activity_not_its_place():
    got = _named_keys("III. HOẠT ĐỘNG\nLịch đo huyết áp lưu động theo bảng dưới đây.\n\n"
                      "STT | Thời gian | Địa điểm | Nội dung\n"
                      "1 | Thứ Ba, 13/4/2027 | Nhà văn hóa khu phố 3, phường Mỹ Bình, thành phố Long Xuyên "
                      "| Đo huyết áp\n")
    assert "huyết áp" in got["2027-04-13"]


def test_a_row_dated_first_is_named_after_its_activity_not_its_units():
    got = _named_keys("III. HOẠT ĐỘNG\nLịch uống vitamin A theo bảng dưới đây.\n\n"
                      "STT | Thời gian | Nội dung | Thực hiện\n"
                      "1 | Thứ Tư, 14/4/2027 | Cho trẻ uống vitamin A | Trạm Y tế các xã, thị trấn phối "
                      "hợp Hội Liên hiệp Phụ nữ\n")
    assert "vitamin A" in got["2027-04-14"]


def test_a_row_dated_first_saying_a_holiday_off_is_no_event():
    got = _keys("III. HOẠT ĐỘNG\nLịch tiêm chủng theo bảng dưới đây.\n\n"
                "STT | Thời gian | Nội dung\n"
                "1 | Thứ Bảy, 01/5/2027 | Nghỉ lễ Quốc tế Lao động, các điểm không tiêm chủng\n")
    assert (None, "2027-05-01") not in got


def test_one_day_under_its_labour_and_its_workplace_names_is_marked_once():
    got = _keys("III. HOẠT ĐỘNG\n"
                "- Hưởng ứng Ngày Thế giới về an toàn, vệ sinh lao động (28/4), còn gọi Ngày Thế giới về "
                "an toàn và sức khỏe tại nơi làm việc, khám sức khỏe cho công nhân.\n")
    assert got.count(("28/04", None)) == 1


def test_every_name_of_one_day_is_a_known_day_of_that_date():
    from bot.domain.planimport.names import NAMED_DAYS, SAME_DAY
    dates = {name: day for name, day in NAMED_DAYS.values()}
    assert all(name in dates and dates[name] == dates[first] for name, first in SAME_DAY.items())
