"""Slogans, key dates, deadlines and quotas in the shapes of the nineteenth batch (#21): numbered
slogans under a label line, a slogan quoting a phrase, a sentence naming things below the list;
an item's second date, a month calendar's line, a named day in a wrapped table cell, an event on a
named day, a week longer than a week; quick reports "kể từ khi kết thúc đợt", "theo quý … tháng đầu
quý sau"; a joined table row's rate."""

from __future__ import annotations

from bot.domain.planimport import draft_from_text

HEAD = ("SỞ Y TẾ TỈNH MẪU\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 12/KH-SYT\tngày 10 tháng 12 năm 2026\n\n"
        "KẾ HOẠCH\nTruyền thông phòng, chống bệnh hen ở trẻ em năm 2027\n\n"
        "I. MỤC ĐÍCH\nNâng cao hiểu biết của cha mẹ về bệnh hen.\n\n"
        "II. THỜI GIAN\nThực hiện từ tháng 01/2027 đến tháng 12/2027.\n\n")


def _draft(body: str):
    return draft_from_text(HEAD + body, "plan.txt")[0]


def _slogans(body: str) -> list[str]:
    return [s.text for s in _draft(body).slogans]


def test_numbered_slogans_below_a_label_line_at_the_headings_level():
    assert _slogans("III. NỘI DUNG\n1. Thông điệp truyền thông\n"
                    "Các đơn vị dùng thống nhất các thông điệp sau:\n"
                    "1) \"Thở khò khè - Đưa con đi khám\"\n"
                    "2) \"Dùng thuốc dự phòng đều - Con chơi khỏe\"\n"
                    "Tờ gấp \"Bé thở dễ\" và chuyên mục \"Hỏi bác sĩ\" tiếp tục phát hành.\n\n"
                    "2. Hình thức truyền thông\n- Tư vấn tại phòng khám.\n") == [
        "Thở khò khè - Đưa con đi khám", "Dùng thuốc dự phòng đều - Con chơi khỏe"]


def test_a_slogan_quoting_a_phrase_is_the_whole_line_and_an_aside_below_is_not_its():
    assert _slogans("III. NỘI DUNG\n1. Thông điệp\n"
                    "   - Hen: \"kẻ thù\" thầm lặng - Khám phổi cho con mỗi năm\n"
                    "   - Tránh khói thuốc, giữ nhà thông thoáng\n"
                    "(Câu lạc bộ \"Cha mẹ học hen\" tiếp tục sinh hoạt.)\n\n"
                    "2. Hình thức\n- Tư vấn.\n") == [
        "Hen: \"kẻ thù\" thầm lặng - Khám phổi cho con mỗi năm", "Tránh khói thuốc, giữ nhà thông thoáng"]


def test_a_sentence_naming_a_corner_below_the_last_listed_slogan_is_not_a_slogan():
    assert _slogans("III. Thông điệp\nThông điệp in trên áp phích:\n"
                    "+ Khò khè về đêm - Đi khám ngay\n"
                    "+ Xịt thuốc đúng cách mỗi ngày\n"
                    "Góc tư vấn \"Bé thở dễ\" đặt tại phòng khám; nhóm Zalo \"Cha mẹ hen\" do điều dưỡng "
                    "quản lý.\n\n"
                    "IV. Tiến độ\n") == ["Khò khè về đêm - Đi khám ngay", "Xịt thuốc đúng cách mỗi ngày"]


def _key_dates(body: str) -> list[tuple[str | None, str | None]]:
    return sorted((k.day, str(k.date) if k.date else None) for k in _draft(body).key_dates)


def test_an_item_dated_twice_is_held_on_both_days():
    assert _key_dates("III. HOẠT ĐỘNG\n- Ngày khám hen miễn phí cho trẻ: 14-4-2027 và 15-9-2027, "
                      "tại Trạm Y tế.\n") == [(None, "2027-04-14"), (None, "2027-09-15")]


def test_a_month_calendars_line_holds_its_dated_event():
    got = _key_dates("III. LỊCH HOẠT ĐỘNG\nTháng 02/2027: Hội nghị tập huấn cho điều dưỡng nhi "
                     "(ngày 24-02-2027, tại Hội trường Sở).\n"
                     "Tháng 3 - tháng 5/2027: truyền thông tại trường học.\n")
    assert got == [(None, "2027-02-24")]


def test_a_named_day_in_a_wrapped_table_cell_with_its_date_in_brackets():
    assert ("05/05", None) in _key_dates(
        "III. TIẾN ĐỘ\n| Thời gian | Nội dung | Đơn vị |\n|---|---|---|\n"
        "| Quý II/2027 | Tập huấn cho điều dưỡng; hưởng ứng Ngày |  |\n"
        "|  | nhận thức về hen trẻ em (05/05) | Bệnh viện Nhi |\n")


def test_an_event_on_a_named_day_its_row_names_is_that_day():
    assert _key_dates("III. TIẾN ĐỘ\n1 | Lễ phát động tuần lễ sức khỏe trẻ em, | 01/6/2027 | Sở Y tế\n"
                      "  | vui Tết Thiếu nhi |  |\n") == [("01/06", None)]


def test_a_week_given_a_peaks_span_longer_than_a_week_has_no_day():
    got = _key_dates("III. CAO ĐIỂM\nĐợt cao điểm: hưởng ứng Tuần lễ Phổi khỏe, "
                     "từ 03-5-2027 đến 18-5-2027.\n")
    assert ("03/05", None) not in got


def test_an_event_on_a_sunday_as_ocr_bends_it():
    draft = draft_from_text(HEAD + "III. HOẠT ĐỘNG\nTu van tai cho phien xa duoc to chuc vao Cha nhat, "
                            "ngay 21/3/2027.\n", "plan.txt")[0]
    assert [str(k.date) for k in draft.key_dates] == ["2027-03-21"]


def _dues(body: str) -> list[str]:
    return [str(d.due) for d in _draft(body).deadlines]


def test_quick_reports_within_days_from_when_each_peak_ends():
    assert "2027-04-17" in _dues("III. CAO ĐIỂM\nĐợt cao điểm thứ nhất: từ 01-4-2027 đến 10-4-2027.\n\n"
                                 "IV. TỔ CHỨC THỰC HIỆN\nPhòng Truyền thông: sau mỗi đợt cao điểm báo cáo "
                                 "nhanh Giám đốc trong vòng 07 ngày kể từ khi kết thúc đợt.\n")


def test_quarterly_reports_in_the_month_after_each_quarter_said_theo_quy():
    got = _dues("IV. TỔ CHỨC THỰC HIỆN\n1. Bệnh viện Nhi: báo cáo số trẻ được khám theo quý, "
                "trước ngày 05 của tháng đầu quý sau.\n")
    assert got == ["2027-04-05", "2027-07-05", "2027-10-05", "2028-01-05"]


def test_a_rate_on_a_table_row_ocr_joined_to_the_row_above_is_its_own_rows():
    draft = _draft("III. CHỈ TIÊU\nHinh thuc Tan suat Nguoi thuc hien\n\n"
                   "Noi chuyen chi hoi phu nu 01 buoi/quy/thon Cong tac vien dan so\n"
                   "Phat thanh 02 lan/tuan Can bo truyen thong\n")
    assert sorted((q.activity, q.count, q.per) for q in draft.quotas) == [
        ("conference", 1, "quarter"), ("loudspeaker", 2, "week")]


def test_two_rates_of_one_sentence_and_a_column_at_the_same_rate_are_three_quotas():
    draft = _draft("III. CHỈ TIÊU\n- Mỗi câu lạc bộ sinh hoạt ít nhất 01 buổi/tháng; phối hợp Trạm Y tế "
                   "đo chức năng hô hấp cho trẻ 01 lần/tháng.\n"
                   "- Đài truyền thanh xã phát bài 01 lần/tuần.\n"
                   "- Báo tỉnh duy trì chuyên mục \"Hơi thở khỏe\" 01 kỳ/tháng.\n")
    assert sorted((q.activity, q.count, q.per) for q in draft.quotas) == [
        ("conference", 1, "month"), ("loudspeaker", 1, "week"), ("other", 1, "month"), ("other", 1, "month")]
