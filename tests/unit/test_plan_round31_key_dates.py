"""Key dates of the thirty-first round (#21): an event's date a document's word stands before
without citing one ("Phòng Kế hoạch tổng hợp", an office a flattened table's column runs in; "Hội
nghị triển khai Kế hoạch với …", the people who meet)."""

from __future__ import annotations

from bot.domain.planimport import draft_from_text

HEAD = ("BỆNH VIỆN ĐA KHOA HUYỆN YÊN LẠC\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 21/KH-BV\tYên Lạc, ngày 08 tháng 01 năm 2027\n\n"
        "KẾ HOẠCH\nTruyền thông phòng, chống tăng huyết áp năm 2027\n\n"
        "II. THỜI GIAN\nKế hoạch thực hiện từ ngày 15/01/2027 đến ngày 31/12/2027.\n\n")


def _dates(body: str) -> list[str]:
    return [str(k.date) for k in draft_from_text(HEAD + body, "plan.txt")[0].key_dates if k.date]


def test_an_office_named_for_plans_cites_no_plan():
    got = _dates("III. HOẠT ĐỘNG\n\n"
                 "TT Nội dung Thời gian Đơn vị\n\n"
                 "4 Hội thảo chuyên đề tăng huyết áp ở người trẻ Thứ Năm, Phòng Kế hoạch tổng hợp "
                 "ngày 22/4/2027\n")
    assert "2027-04-22" in got


def test_a_meeting_to_roll_out_the_plan_with_its_people_is_an_event():
    got = _dates("III. HOẠT ĐỘNG\n\n"
                 "TT Nội dung Thời gian Đơn vị\n\n"
                 "2 Hội nghị triển khai Kế hoạch với các trạm y tế xã, ngày 14/4/2027 Khoa Khám bệnh\n")
    assert "2027-04-14" in got


def test_a_plan_cited_with_its_date_is_still_no_event():
    got = _dates("III. HOẠT ĐỘNG\n\n"
                 "TT Nội dung Thời gian Đơn vị\n\n"
                 "2 Tuyên truyền theo Kế hoạch của Ủy ban tỉnh, ngày 14/4/2027 Khoa Khám bệnh\n"
                 "3 Khám sàng lọc theo Kế hoạch tổng hợp ngày 20/5/2027 Khoa Nội\n")
    assert "2027-04-14" not in got and "2027-05-20" not in got


def test_an_item_cut_inside_its_weekday_is_read_across_the_cut():
    got = _dates("III. HOẠT ĐỘNG\n\n"
                 "1. Tập huấn đo huyết áp tại nhà cho cộng tác viên dân số vào thứ\n\n"
                 "Bảy, ngày 24/4/2027.\n")
    assert "2027-04-24" in got


def test_a_report_cut_inside_its_weekday_is_still_no_event():
    got = _dates("III. HOẠT ĐỘNG\n\n"
                 "1. Các khoa gửi báo cáo kết quả về Phòng Điều dưỡng vào thứ\n\n"
                 "Sáu, ngày 30/4/2027.\n")
    assert "2027-04-30" not in got


OCR_HEAD = ("TRUNG TAM Y TE HUYEN YEN LAC\tCONG HOA XA HOI CHU NGHIA VIET NAM\n"
            "S6: 21/KH-TTYT\tYén Lac, ngay 08 thang 01 nam 2027\n\n"
            "KE HOACH\nTruyén théng tiém chitng mé rong nam 2027\n\n"
            "II. THOI GIAN\nTir ngay 15/01/2027 dén ngay 31/12/2027.\n\n"
            "III. HOAT DONG\n\n"
            "TT Noi dung Thoi gian Don vi\n\n")


def _days(text: str) -> list[str | None]:
    return [k.day for k in draft_from_text(text, "plan.txt")[0].key_dates]


def test_a_national_week_another_column_runs_into_is_its_first_day():
    text = OCR_HEAD + ("3 Huong tng Tuan 1é Nudi Chu nhat, Khoa San con bang sita me (01 - 07/8): "
                       "noi chuyén tai phong sinh\n")
    assert "01/08" in _days(text)


def test_a_national_week_bent_and_run_into_is_its_first_day():
    text = OCR_HEAD + ("4 Huong tng Tuan 1é Tiém ching Thir Hai, Khoa Nhi thé gidi (24 - 30/4): "
                       "tiém bu cho tré\n")
    assert "24/04" in _days(text)


def test_a_weeks_words_before_other_days_are_no_national_week():
    text = OCR_HEAD + ("3 Tuan 1é cao diém nudi con khoe (10 - 16/8): tu van cho ba mé\n"
                       "4 Tuan 1é Tiém ching tai xa (20 - 26/4): tiém bu cho tré\n")
    got = _days(text)
    assert "01/08" not in got and "24/04" not in got


def test_a_count_with_a_thousands_point_after_a_festival_is_no_day():
    got = [k.day for k in draft_from_text(HEAD + "IV. KINH PHÍ\n- Hỗ trợ tổ chức Ngày hội sức khỏe "
                                          "và in tờ gấp (1.500 tờ).\n", "plan.txt")[0].key_dates]
    assert not [d for d in got if d and d.startswith("01/")]


def test_a_festival_day_written_with_a_point_is_still_its_day():
    got = [k.day for k in draft_from_text(HEAD + "III. HOẠT ĐỘNG\n- Tổ chức Ngày hội Gia đình khỏe "
                                          "(15.5) tại nhà văn hóa xã.\n", "plan.txt")[0].key_dates]
    assert "15/05" in got


def test_a_brackets_tail_read_as_an_item_names_no_event():
    got = _dates("V. TỔ CHỨC THỰC HIỆN\n"
                 "2. Các xã gửi kết quả về Trung tâm sau mỗi đợt trước ngày 10/7/2027 (Đợt\n\n"
                 "1) và ngày 10/11/2027 (Đợt 2).\n")
    assert "2027-11-10" not in got


def test_an_item_lettered_by_its_bracket_keeps_its_event():
    got = _dates("III. HOẠT ĐỘNG\n1) Hội thi nấu ăn dinh dưỡng ngày 10/11/2027 tại nhà văn hóa.\n")
    assert "2027-11-10" in got
