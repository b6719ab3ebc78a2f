"""Key dates of the twenty-eighth round (#21): a national day plans mark with a health activity
(Ngày Thương binh - Liệt sĩ, written with a dash, a comma or neither), kept as its day; and an
event held over a short range of weekdays ("Thứ Hai, 08/3 - Thứ Ba, 09/3/2027"), kept on its first
day, not its last."""

from __future__ import annotations

from bot.domain.planimport import draft_from_text

HEAD = ("TRẠM Y TẾ XÃ HÒA LẠC\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 12/KH-TYT\tHòa Lạc, ngày 05 tháng 01 năm 2027\n\n"
        "KẾ HOẠCH\nTruyền thông chăm sóc sức khỏe người có công năm 2027\n\n"
        "II. THỜI GIAN\nKế hoạch thực hiện từ ngày 15/01/2027 đến ngày 15/12/2027.\n\n"
        "III. HOẠT ĐỘNG\n")


def _keys(body: str) -> list[tuple[str | None, str | None]]:
    return [(k.day, str(k.date) if k.date else None)
            for k in draft_from_text(HEAD + body, "plan.txt")[0].key_dates]


def test_the_day_a_dated_item_marks_after_its_colon_is_kept_as_that_day():
    got = _keys("- Ngày 27/7/2027: nhân Ngày Thương binh - Liệt sĩ, khám miễn phí cho gia đình chính "
                "sách tại Trạm.\n")
    assert got == [("27/07", None)]


def test_the_day_written_with_a_comma_or_no_dash_is_the_same_day():
    assert ("27/07", None) in _keys("- Tặng quà, khám sức khỏe cho thương binh nhân Ngày Thương binh, "
                                    "Liệt sĩ (27/7).\n")
    assert ("27/07", None) in _keys("- Khám cho người có công hưởng ứng Ngày Thương binh Liệt sĩ.\n")


def test_the_words_thuong_binh_liet_si_in_a_sentence_mark_no_day():
    got = _keys("- Thăm hỏi thương binh, liệt sĩ và gia đình chính sách ngày 20/7/2027.\n")
    assert ("27/07", None) not in got


def test_an_event_over_two_weekdays_in_a_wrapped_time_cell_is_kept_on_its_first_day():
    got = _keys("TT\tNội dung\tThời gian\tThực hiện\n"
                "1\tKhám răng miệng cho người cao tuổi tại\tThứ Hai, 08/3 -\tTrạm Y tế\n"
                "\tnhà văn hóa các thôn\tThứ Ba, 09/3/2027\t\n")
    assert got == [(None, "2027-03-08")]


def test_an_item_over_weekdays_joined_by_a_dash_is_kept_on_its_first_day():
    got = _keys("- Hội thao người cao tuổi toàn xã vào thứ Bảy, 12/6 - Chủ nhật, 13/6/2027 "
                "tại sân vận động.\n")
    assert got == [(None, "2027-06-12")]


def test_a_long_range_between_weekdays_is_a_span_of_work_not_one_event():
    got = _keys("- Tuyên truyền trên loa truyền thanh từ Thứ Hai, 01/3 đến Thứ Sáu, 26/3/2027.\n"
                "- Rà soát danh sách người có công: Thứ Hai, 05/4 - Thứ Sáu, 30/4/2027.\n")
    assert [d for d, _ in got] == [None] * len(got)
    assert not any(date in {"2027-03-01", "2027-03-26", "2027-04-05", "2027-04-30"} for _, date in got)


def test_weekdays_ocr_bent_still_date_the_event_on_its_first_day():
    got = _keys("TT\tNoi dung\tThoi gian\tThuc hien\n"
                "1\tKham rang mieng cho nguoi cao tuoi tai\tTh Hai, 08/3 -\tTram Y te\n"
                "\tnha van hoa cac thon\tThi Ba, 09/3/2027\t\n")
    assert got == [(None, "2027-03-08")]


def test_an_exam_held_from_a_day_to_a_weekday_is_not_read_as_a_bent_thu_tu():
    # "thi từ" folds to "thi tu", as OCR bends "thứ Tư": not an event from a weekday range
    got = _keys("- Tổ chức thi từ ngày 15/10 đến thứ Sáu, 16/10/2027 tại Trạm.\n")
    assert "2027-10-15" not in [date for _, date in got]
    unbent = _keys("- Hội thao toàn xã Thứ Tư, 13/10 - Thứ Năm, 14/10/2027 tại sân.\n")
    assert unbent == [(None, "2027-10-13")]


def test_a_phase_row_given_its_weekdays_is_no_event():
    got = _keys("TT\tNội dung\tThời gian\tThực hiện\n"
                "1\tGiai đoạn 2: triển khai\tThứ Năm, 15/10 - Thứ Bảy, 17/10/2027\tTrạm Y tế\n")
    assert "2027-10-15" not in [date for _, date in got]
