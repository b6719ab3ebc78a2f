"""Key dates of the thirty-second round (#21): the short name of the pneumonia day (Ngày Viêm phổi thế
giới), and days a trade union's or an environment drive's plan marks (Ngày thành lập Công đoàn Việt
Nam, Ngày Quốc tế không túi ni lông): a talk or a show held for such a day is the day, not an event."""

from __future__ import annotations

from bot.domain.planimport import draft_from_text

HEAD = ("TRUNG TÂM Y TẾ HUYỆN ĐỊNH HÓA\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 40/KH-TTYT\tĐịnh Hóa, ngày 08 tháng 01 năm 2027\n\n"
        "KẾ HOẠCH\nTruyền thông chăm sóc sức khỏe người lao động năm 2027\n\n"
        "II. THỜI GIAN\nKế hoạch thực hiện từ ngày 15/01/2027 đến ngày 31/12/2027.\n\n")


def _keys(body: str) -> list[tuple[str | None, str | None]]:
    draft = draft_from_text(HEAD + body, "plan.txt")[0]
    return [(k.day, str(k.date) if k.date else None) for k in draft.key_dates]


def test_the_pneumonia_days_short_name_is_the_day_not_an_event():
    got = _keys("III. HOẠT ĐỘNG\n"
                "- Hưởng ứng Ngày Viêm phổi thế giới: tư vấn tiêm phế cầu tại Trạm Y tế, "
                "ngày 12/11/2027.\n")
    assert ("12/11", None) in got and (None, "2027-11-12") not in got


def test_a_unions_and_an_environment_drives_days_are_kept_yearly():
    got = _keys("III. HOẠT ĐỘNG\n"
                "- Giao lưu thể thao chào mừng Ngày thành lập Công đoàn Việt Nam cho công nhân nhà máy.\n"
                "- Hưởng ứng Ngày Quốc tế không túi ni lông, phát túi vải tại chợ xã.\n")
    assert ("28/07", None) in got and ("03/07", None) in got


def test_a_union_named_in_passing_marks_no_day():
    got = _keys("III. HOẠT ĐỘNG\n"
                "- Phối hợp Công đoàn Việt Nam cấp tỉnh tập huấn an toàn lao động cho tổ trưởng.\n"
                "- Vận động tiểu thương giảm túi ni lông, dùng làn đi chợ.\n")
    assert ("28/07", None) not in got and ("03/07", None) not in got


# an OCR'd table: the activity's cell ends on "Ngày", the day's name and date come after a blank line
CUT_ROW = ("III. HOẠT ĐỘNG\n"
           "3 Khám thính lực miễn phí cho học sinh, hưởng ứng Ngày Trạm Y tế xã\n\n"
           "{rest}\n\n"
           "4 In tờ rơi phát cho phụ huynh Quý 2/2027 Trạm Y tế xã\n")


def test_a_known_days_name_ocr_set_below_its_ngay_is_that_day():
    got = _keys(CUT_ROW.format(rest="Thính giác thé gidi (03/3)"))
    assert ("03/03", None) in got


def test_a_bracketed_date_below_a_cell_with_no_ngay_marks_no_day():
    got = _keys(CUT_ROW.replace("hưởng ứng Ngày", "cho các lớp").format(rest="Thính giác thé gidi (03/3)"))
    assert ("03/03", None) not in got


def test_an_unknown_name_below_a_cut_ngay_marks_no_day():
    got = _keys(CUT_ROW.format(rest="Hội thi nghe giỏi (03/3)"))
    assert ("03/03", None) not in got
