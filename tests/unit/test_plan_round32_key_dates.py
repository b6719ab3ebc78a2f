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


def test_a_union_or_a_day_near_the_new_names_marks_no_day():
    got = _keys("III. HOẠT ĐỘNG\n"
                "- Kỷ niệm Ngày thành lập Công đoàn cơ sở Trung tâm, gặp mặt đoàn viên.\n"
                "- Chào mừng Ngày thành lập Công đoàn Y tế Việt Nam, tọa đàm.\n"
                "- Hưởng ứng Ngày Viêm gan thế giới và Ngày Viêm khớp thế giới tại xã.\n")
    assert ("28/07", None) not in got and ("12/11", None) not in got


def test_the_pneumonia_days_two_names_on_one_date_are_one_day():
    got = _keys("III. HOẠT ĐỘNG\n"
                "- Ngày Thế giới phòng, chống viêm phổi (12/11): nói chuyện tại trường.\n"
                "- Ngày Viêm phổi thế giới (12/11): tư vấn tiêm phế cầu cho người cao tuổi.\n")
    assert got.count(("12/11", None)) == 1


def test_the_no_plastic_bag_days_other_names_are_that_day():
    for said in ("không sử dụng túi nylon", "không dùng túi ni lông", "không túi nilon"):
        got = _keys(f"III. HOẠT ĐỘNG\n- Hưởng ứng Ngày Quốc tế {said}, phát túi vải tại chợ xã.\n")
        assert got == [("03/07", None)], said


def test_an_event_on_a_new_days_date_elsewhere_is_taken_for_the_day():
    # a known limit, as for every yearly day: another item's event on the day's date is not kept apart
    for day, event in (("Chào mừng Ngày thành lập Công đoàn Việt Nam, treo khẩu hiệu tại cơ quan",
                        "Tiêm vắc xin viêm não Nhật Bản mũi 2 cho trẻ, ngày 28/7/2027 tại Trạm Y tế"),
                       ("Hưởng ứng Ngày Quốc tế không túi ni lông, phát túi vải tại chợ",
                        "Hội nghị sơ kết công tác 6 tháng đầu năm, ngày 03/7/2027"),
                       ("Treo băng rôn hưởng ứng Ngày Viêm phổi thế giới tại Trạm",
                        "Hội thi tìm hiểu an toàn thực phẩm cho học sinh, ngày 12/11/2027")):
        got = _keys(f"III. HOẠT ĐỘNG\n- {day}.\n- {event}.\n")
        assert len(got) == 1 and not any(d for _y, d in got), event


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


def test_a_ngay_of_a_count_or_of_every_day_above_is_no_cut_day():
    for above, rest in (("- Tập huấn 02 ngày làm việc cho cộng tác viên",
                         "Phụ nữ Việt Nam (20/10): phối hợp."),
                        ("- Mỗi ngày một tin về sức khỏe học đường", "Nhà giáo Việt Nam (20/11): thăm hỏi."),
                        ("- Hưởng ứng Ngày Sức khỏe toàn dân", "Dân số Việt Nam (26/12): mít tinh.")):
        got = _keys(f"III. HOẠT ĐỘNG\n{above}\n\n{rest}\n")
        assert not any(d and d[:2] in ("20", "26") for d, _e in got), above


def test_a_cut_name_on_another_date_marks_no_day():
    for rest in ("Thính giác thế giới (05/3)", "Thính giác thế giới (05-3)"):
        got = _keys(CUT_ROW.format(rest=rest))
        assert ("03/03", None) not in got and ("05/03", None) not in got, rest
