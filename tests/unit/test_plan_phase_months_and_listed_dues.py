"""Reports and lists a plan times by its phases or lists in one "trước các ngày …" (#21): a list
sent "trước ngày 28 của các tháng có đợt" is due in each month of the dated đợt only, the reports
"sau mỗi giai đoạn (trước các ngày 22/02/2027, 07/5/2027 và 10/6/2027)" on each date listed; and a
quoted thông điệp OCR led by the dot of the "1." it lost is still a slogan."""

from __future__ import annotations

import datetime as dt
import time

from bot.domain.planimport import draft_from_text

D = dt.date
HEAD = ("PHÒNG Y TẾ\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 05/KH-PYT\tAn Phú, ngày 10 tháng 02 năm 2027\n\n"
        "KẾ HOẠCH\nTruyền thông phòng bệnh suy giãn tĩnh mạch năm 2027\n\n"
        "II. THỜI GIAN\nKế hoạch thực hiện từ ngày 01/3/2027 đến ngày 31/10/2027, chia hai đợt:\n"
        "- Đợt 1: từ ngày 01/3/2027 đến ngày 30/4/2027.\n"
        "- Đợt 2: từ ngày 01/9/2027 đến ngày 31/10/2027.\n\n"
        "III. TỔ CHỨC THỰC HIỆN\n")
OCR_HEAD = ("PHONG Y TE\tCONG HOA XA HOI CHU NGHIA VIET NAM\n"
            "S6: 05/KH-PYT\tAn Phu, ngay 10 thang 02 nam 2027\n\n"
            "KE HOACH\nTruyén théng phong bénh suy gian tinh mach nam 2027\n\n"
            "II. THOI GIAN\nKé hoach thuc hién tir ngay 01/3/2027 dén ngay 31/10/2027, chia hai dot:\n"
            "- Dot 1: tir ngay 01/3/2027 dén ngay 30/4/2027.\n"
            "- Dot 2: tir ngay 01/9/2027 dén ngay 31/10/2027.\n\n"
            "III. TO CHUC THUC HIEN\n")
IN_PHASES = [D(2027, 3, 28), D(2027, 4, 28), D(2027, 9, 28), D(2027, 10, 28)]


def _dues(text: str) -> list[dt.date]:
    draft, _ = draft_from_text(text, "plan.txt")
    return [d.due for d in draft.deadlines]


def test_a_list_sent_in_the_months_of_the_phases_falls_due_in_those_months_only():
    draft, _ = draft_from_text(HEAD + "2. Tổ trưởng sản xuất: bố trí thời gian nói chuyện đầu ca; tổ trưởng "
                               "gửi danh sách người lao động tham gia về Phòng Y tế trước ngày 28 của các "
                               "tháng có đợt.\n", "plan.txt")
    assert [d.due for d in draft.deadlines] == IN_PHASES
    assert "danh sách người lao động tham gia" in draft.deadlines[0].what


def test_the_same_as_ocr_reads_it():
    assert _dues(OCR_HEAD + "2. T6 trudng san xuat: bo tri thoi gian néi chuyén dau ca; té trudng giti "
                            "danh sdch nguoi lao déng tham gia vé Phong Y té trudc ngay 28 cua cdc thang "
                            "co dot.\n") == IN_PHASES


def test_a_rule_with_nothing_sent_or_reported_is_no_deadline():
    assert _dues(HEAD + "Tổ trưởng họp tổ trước ngày 28 của các tháng có đợt.\n") == []


def test_reports_after_each_stage_on_the_dates_listed_after_cac_ngay():
    text = ("2. Tổ tư vấn: báo cáo Hiệu trưởng sau mỗi giai đoạn (trước các ngày 22/02/2027, "
            "07/5/2027 và 10/6/2027).\n")
    assert _dues(HEAD + text) == [D(2027, 2, 22), D(2027, 5, 7), D(2027, 6, 10)]
    ocr = ("2. T6 tu van: bao cao Hiéu trudng sau mdi giai doan (trudc cdc ngay 22/02/2027, "
           "07/5/2027 va 10/6/2027).\n")
    assert _dues(OCR_HEAD + ocr) == [D(2027, 2, 22), D(2027, 5, 7), D(2027, 6, 10)]


def test_a_quoted_message_led_by_the_dot_ocr_left_of_its_number_is_a_slogan():
    ocr = (OCR_HEAD.split("III.")[0] + "III. NOI DUNG\n1. Théng diép\n\n"
           '. "Diém s6 khéng phai la tat ca"\n\n"Ngu du gidc, hoc hiéu qua"\n\n'
           "2. Hinh thuc\n- Noi chuyén dau ca.\n")
    draft, _ = draft_from_text(ocr, "plan.txt")
    assert len(draft.slogans) == 2
    clean = (HEAD.split("III.")[0] + "III. NỘI DUNG\n1. Thông điệp\n\n"
             '. "Điểm số không phải là tất cả"\n"Ngủ đủ giấc, học hiệu quả"\n\n'
             "2. Hình thức\n- Nói chuyện đầu ca.\n")
    draft, _ = draft_from_text(clean, "plan.txt")
    assert [s.text for s in draft.slogans] == ["Điểm số không phải là tất cả", "Ngủ đủ giấc, học hiệu quả"]


def test_many_phase_month_rules_stay_fast():
    body = "tổ trưởng gửi danh sách về Phòng Y tế trước ngày 28 của các tháng có đợt; " * 500
    start = time.process_time()
    draft_from_text(HEAD + body + "\n", "plan.txt")
    assert time.process_time() - start < 5


YEAR_HEAD = ("HỘI NGƯỜI CAO TUỔI TỈNH AN PHÚ\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
             "Số: 42/KH-BĐD\tAn Phú, ngày 10 tháng 12 năm 2026\n\n"
             "KẾ HOẠCH\nTruyền thông dinh dưỡng cho người cao tuổi năm 2027\n\n"
             "II. THỜI GIAN\nThực hiện trong năm 2027.\n\nIII. TỔ CHỨC THỰC HIỆN\n")
QUARTERLY = [D(2027, 3, 20), D(2027, 6, 15), D(2027, 9, 20), D(2027, 11, 15)]


def test_the_exceptions_ocr_cut_off_below_a_quarterly_rule_still_replace_its_quarters():
    rule = ("2. Hội Người cao tuổi các xã: báo cáo kết quả về Ban Đại diện theo quý, trước ngày 20 của "
            "tháng cuối quý.")
    rider = ("Riêng báo cáo 6 tháng gửi trước ngày 15/6/2027 thay cho báo cáo quý II; báo cáo năm gửi "
             "trước ngày 15/11/2027 thay cho báo cáo quý IV.\n")
    assert _dues(YEAR_HEAD + rule + "\n" + rider) == QUARTERLY
    assert _dues(YEAR_HEAD + rule + "\n\n" + rider) == QUARTERLY  # OCR's blank line between them


def test_an_item_then_a_colon_then_its_weekday_and_date_is_a_dated_event():
    body = ("III. NỘI DUNG\n5. Hoạt động có thời gian cụ thể\n"
            "- Khám sàng lọc, siêu âm tĩnh mạch chi dưới cho người lao động từ 35 tuổi, phối hợp Bệnh\n"
            "viện Đa khoa tỉnh: Thứ Bảy, ngày 17/4/2027.\n")
    draft, _ = draft_from_text(HEAD.split("III.")[0] + body, "plan.txt")
    assert D(2027, 4, 17) in [k.date for k in draft.key_dates]
    ocr = ("III. NOI DUNG\n5. Hoat déng cé thoi gian cu thé\n"
           "- Kham sang loc, siéu 4m tinh mach chi dudi cho ngudi lao déng tir 35 tuéi, phéi hop Bénh\n"
           "vién Da khoa tinh: Thi Bay, ngay 17/4/2027.\n")
    draft, _ = draft_from_text(OCR_HEAD.split("III.")[0] + ocr, "plan.txt")
    assert D(2027, 4, 17) in [k.date for k in draft.key_dates]



def test_a_time_label_before_the_weekday_names_no_event_its_activity_does():
    """"- Thời gian: Thứ Bảy, ngày 17/4/2027" under "1. Khám sàng lọc tại các xã": the event is the
    screening, not "Thời gian"."""
    body = ("III. HOẠT ĐỘNG\n1. Khám sàng lọc tại các xã\n"
            "- Thời gian: Thứ Bảy, ngày 17/4/2027\n- Địa điểm: Trạm Y tế các xã.\n")
    draft, _ = draft_from_text(HEAD.split("III.")[0] + body, "plan.txt")
    named = {k.date: k.name for k in draft.key_dates if k.date}
    assert named.get(D(2027, 4, 17)) == "Khám sàng lọc tại các xã"


SCHOOL_HEAD = ("TRƯỜNG MẦM NON HƯỚNG DƯƠNG\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
               "Số: 15/KH-MNHD\tAn Xuyên, ngày 25 tháng 8 năm 2026\n\n"
               "KẾ HOẠCH\nTuyên truyền phòng chậm nói ở trẻ năm học 2026 - 2027\n\n"
               "II. THỜI GIAN\n- Thời gian: từ tháng 9/2026 đến hết tháng 5/2027.\n\n")
MONTH_ITEMS = ("- Tháng 9 - 10/2026: Tìm hiểu thói quen sử dụng thiết bị điện tử của trẻ.\n"
               "- Tháng 11 - 12/2026: Tác hại của màn hình đối với ngôn ngữ của trẻ.\n"
               "- Tháng 01 - 05/2027: Trò chuyện, đọc sách, chơi cùng con.\n\n"
               "IV. HÌNH THỨC\n- Góc tuyên truyền tại lớp.\n")
MONTH_PHASES = [(D(2026, 9, 1), D(2026, 10, 31)), (D(2026, 11, 1), D(2026, 12, 31)),
                (D(2027, 1, 1), D(2027, 5, 31))]


OCR_SCHOOL = ("TRUONG MAM NON HUONG DUONG\tCONG HOA XA HOI CHU NGHIA VIET NAM\n"
              "S6: 15/KH-MNHD\tAn Xuyén, ngay 25 thang 8 nam 2026\n\n"
              "KE HOACH\nTuyén truyén phong cham néi 6 tré nam hoc 2026 - 2027\n\n"
              "II. THOI GIAN\n- Thoi gian: tir thang 9/2026 dén hét thang 5/2027.\n\n"
              "III. NOI DUNG\n2. Ndi dung theo tirng thai diém\n"
              "- Thang 9 - 10/2026: Tim hiéu thdi quen sir dung thiét bi dién tir cua tré.\n"
              "- Thang 11 - 12/2026: Tac hai cua man hinh déi véi ngén ngit cua tré.\n"
              "- Thang 01 - 05/2027: Tro chuyén, doc sach, choi cing con.\n\n"
              "IV. HINH THUC\n- Géc tuyén truyén tai Iép.\n")


def test_month_ranges_under_a_content_by_time_heading_are_the_phases():
    plan = SCHOOL_HEAD + "III. NỘI DUNG\n2. Nội dung theo từng thời điểm\n" + MONTH_ITEMS
    for text in (plan, OCR_SCHOOL):
        draft, _ = draft_from_text(text, "plan.txt")
        assert [(p.start, p.end) for p in draft.phases] == MONTH_PHASES


def test_an_activity_named_in_quotes_is_no_slogan():
    body = ("III. NỘI DUNG\n1. Thông điệp\n- Ngủ đủ giấc, học hiệu quả\n\n2. Hoạt động\n"
            '- Hưởng ứng Ngày Quốc tế Hạnh phúc (20/3): các lớp 9 tổ chức hoạt động "Điều tích cực mỗi '
            'ngày", viết thư cảm ơn thầy cô.\n')
    draft, _ = draft_from_text(HEAD.split("III.")[0] + body, "plan.txt")
    assert "Điều tích cực mỗi ngày" not in [s.text for s in draft.slogans]
    ocr = ("III. NOI DUNG\n1. Théng diép\n- Ngu du gidc, hoc hiéu qua\n\n2. Hoat déng\n"
           '- Hung ting Ngay Quéc té Hanh phuc (20/3): cdc Idp 9 t6 chttc hoat dong "Diéu tich cuc mdi '
           'ngay", viét thu cam on thay cé.\n')
    draft, _ = draft_from_text(OCR_HEAD.split("III.")[0] + ocr, "plan.txt")
    assert not any("tich cuc" in s.text.lower() or "tích cực" in s.text.lower() for s in draft.slogans)


def test_a_quoted_channel_name_ocr_cut_at_a_blank_line_keeps_its_rate_social():
    body = ("IV. HÌNH THỨC VÀ CHỈ TIÊU\n"
            '- Trang thông tin điện tử của Hội: đăng 02 tin, bài/tháng; nhóm Zalo "Hội Người cao tuổi An\n\n'
            'Phú": 01 bài/tuần.\n')
    draft, _ = draft_from_text(YEAR_HEAD.split("III.")[0] + body, "plan.txt")
    assert sorted((q.activity, q.count, q.per) for q in draft.quotas) == [
        ("social", 1, "week"), ("website", 2, "month")]
