"""Key dates of the thirty-first round (#21): an event's date a document's word stands before
without citing one (an office named for plans, "Phòng Kế hoạch tổng hợp", that a flattened table's
column runs in; "Hội nghị triển khai Kế hoạch với …", the plan rolled out to its people), while a
document issued by that office or written with "với" stays cited; an item OCR cut inside its
weekday ("vào thứ" / "Bảy, ngày …"), read across the cut; a national week OCR bent or another
column ran into, by its bracketed first day (not a week counted: "hằng tuần", "tuần 17"); no day
from a count's thousands' point ("(1.012 đơn vị)"); no event named by a bracket's tail ("1) và")."""

from __future__ import annotations

from bot.domain.planimport import draft_from_text
from bot.domain.planimport.dates import DATE, is_cited
from bot.domain.planimport.text import fold


def _cited(text: str) -> bool:
    low = fold(text).lower()
    found = DATE.search(low)
    assert found is not None
    return is_cited(low, found.start())

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


def test_offices_named_for_plans_cite_nothing_in_their_spellings():
    assert not _cited("Báo cáo viên Phòng Tài chính - Kế hoạch ngày 16/4/2027")
    assert not _cited("đại diện Sở Kế hoạch và Đầu tư ngày 16/4/2027")
    assert not _cited("Bộ phận Kế hoạch tổng hợp  ngày 16/4/2027")
    assert not _cited("Ph6ng Ke hoach nghiep vu ngay 16/4/2027")


def test_a_document_issued_by_the_plans_office_stays_cited():
    assert _cited("Thực hiện Công văn của Phòng Kế hoạch - Tài chính ngày 02/3/2027")
    assert _cited("Căn cứ Hướng dẫn của Phòng Kế hoạch nghiệp vụ ngày 02/3/2027")
    assert _cited("Kế hoạch số 09/KH-PKH ngày 02/3/2027 của Phòng Kế hoạch")


def test_a_plan_rolled_out_to_its_people_in_other_words_is_no_citation():
    assert not _cited("Hội nghị phổ biến Kế hoạch tới cán bộ các thôn, ngày 16/4/2027")
    assert not _cited("Buổi triển khai Kế hoạch số 07/KH cho y tế trường học ngày 16/4/2027")


def test_a_document_written_with_voi_stays_cited():
    assert _cited("Căn cứ Kế hoạch phối hợp với Đoàn xã ngày 05/2/2027")
    assert _cited("Theo Kế hoạch liên tịch với Hội CCB ngày 05/2/2027")
    assert _cited("Văn bản thỏa thuận với Trường TH ngày 05/2/2027")
    # people named, then a document of their own: that document's date
    assert _cited("Hội nghị triển khai Kế hoạch với các thôn theo Công văn số 12/CV ngày 05/2/2027")


def test_a_phase_under_a_joint_plan_keeps_the_citation_out_of_its_name():
    draft = draft_from_text(HEAD.replace("II. THỜI GIAN", "I. MỤC ĐÍCH") + "III. CÁC GIAI ĐOẠN\n"
                            "Giai đoạn 2 làm theo Kế hoạch liên tịch với Hội ND ngày 01/5/2027 "
                            "đến ngày 31/8/2027.\n", "plan.txt")[0]
    assert not [p.name for p in draft.phases if "liên tịch" in p.name]


def test_counts_with_a_point_after_a_festival_are_no_day():
    got = [k.day for k in draft_from_text(HEAD + "III. HOẠT ĐỘNG\n- Ngày hội chạy bộ vì sức khỏe "
                                          "(1.012 người tham gia).\n- Ngày hội dinh dưỡng "
                                          "(1.5 triệu đồng).\n", "plan.txt")[0].key_dates]
    assert "01/01" not in got and "01/05" not in got


def test_weeks_counted_are_no_national_week():
    text = OCR_HEAD + ("3 Hang tuan nudi con bang sita me tai cac thon (01 - 05/8): tu van\n"
                       "4 Trong tuan 17, tiém bu cho tré theo khuyén cdo Té chire Y té thé gidi "
                       "(24 - 26/4)\n")
    got = _days(text)
    assert "01/08" not in got and "24/04" not in got


def test_a_national_weeks_days_over_a_month_are_no_week():
    text = OCR_HEAD + "4 Huong tng Tuan 1é Tiém ching Thir Hai, Khoa Nhi thé gidi (24/4 - 30/5): tiém bu\n"
    assert "24/04" not in _days(text)


def test_an_item_cut_before_wednesday_is_read_across_the_cut():
    got = [(k.name, str(k.date)) for k in draft_from_text(
        OCR_HEAD.replace("TT Noi dung Thoi gian Don vi\n\n", "")
        + "1. Tap huan do huyét ap cho cong tac vién vao thir\n\nTu, ngay 21/4/2027.\n",
        "plan.txt")[0].key_dates]
    assert [n for n, d in got if d == "2027-04-21" and n.startswith("Tập huấn đo huyết áp")]


def test_a_roll_out_before_a_weekday_and_the_plans_office_is_no_citation():
    assert not _cited("Họp triển khai kế hoạch Thứ Sáu, Phòng Kế hoạch ngày 15/01/2027")


def test_a_national_week_whose_le_another_column_ran_before_is_its_first_day():
    text = OCR_HEAD + ("2 Noi chuyén chuyén dé huéng ting Tuan Ngay 04/8/2027 Khoa Nhi\n"
                       "16 Nudi con bang sita me (01 - 07/8/2027)\n")
    assert "01/08" in _days(text)
