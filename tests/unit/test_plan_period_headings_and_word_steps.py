"""Phase layouts of the twenty-second blind batch (#21), each with a variant made up beside it: a
schedule set out period by period under numbered headings ("1. Kế hoạch chi tiết Quý I/2027"), and
steps numbered in words with their months in words ("Bước một - Chuẩn bị (trong tháng Mười Một
năm 2026)"), and a schedule by the weeks of the year ("14 - 17 | Giai đoạn 1", "Thời gian: từ
tuần 14 đến hết tuần 43 năm 2027") by the plan's own rule for its week 1, also as OCR reads them."""

from __future__ import annotations

import datetime as dt

from bot.domain.planimport import draft_from_text
from bot.domain.planimport.numwords import words_to_digits

D = dt.date
HEAD = ("SỞ Y TẾ TỈNH AN GIANG\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 77/KH-SYT\tAn Giang, ngày 10 tháng 12 năm 2026\n\n"
        "KẾ HOẠCH\nTruyền thông phòng chống bệnh tay chân miệng năm 2027\n\n"
        "I. MỤC ĐÍCH\n1. Người dân biết cách phòng bệnh.\n\n")
QUARTERS = [(D(2027, 1, 1), D(2027, 3, 31)), (D(2027, 4, 1), D(2027, 6, 30)),
            (D(2027, 7, 1), D(2027, 9, 30))]


def _periods(draft):
    return [(p.start, p.end) for p in draft.phases]


def test_a_plan_per_quarter_under_its_own_heading():
    draft, _ = draft_from_text(HEAD + (
        "II. KẾ HOẠCH CHI TIẾT THEO QUÝ\n"
        "1. Kế hoạch chi tiết Quý I/2027\n"
        "- In, cấp tờ rơi cho các trạm y tế; tập huấn ngày 20/01/2027.\n"
        "- Loa truyền thanh phát 02 lần/tuần trong tháng 3/2027.\n"
        "2. Kế hoạch chi tiết Quý II/2027\n"
        "- Nói chuyện tại trường mầm non.\n"
        "3. Kế hoạch chi tiết Quý III/2027\n"
        "- Khảo sát, sơ kết.\n\n"
        "III. KINH PHÍ\n1. Ngân sách tỉnh.\n"), "plan.txt")
    assert _periods(draft) == QUARTERS


def test_a_plan_per_quarter_as_ocr_reads_it():
    draft, _ = draft_from_text(HEAD.replace("Số: 77", "So: 77") + (
        "II. KE HOACH CHI TIET THEO QUY\n"
        "1. Ké hoach chi tiét Quy 1/2027\n"
        "- In, cap to roi cho cac tram y té; tap huan ngay 20/01/2027.\n"
        "2. Ké hoach chi tiét Quy II/2027\n"
        "- Noi chuyén tai truong mam non.\n"
        "3. Ké hoach chi tiét Quy III/2027\n"
        "- Khao sat, so két.\n\n"
        "III. KINH PHI\n1. Ngan sach tinh.\n"), "ocr.txt")
    assert _periods(draft) == QUARTERS


COMMUNE = ("TRẠM Y TẾ XÃ PHONG THỔ\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
           "Số: 09/KH-TYT\tPhong Thổ, ngày 20 tháng Chín năm 2026\n\n"
           "KẾ HOẠCH\nTruyền thông tiêm chủng cho trẻ em\n\n"
           "I. MỤC ĐÍCH\n1. Trẻ được tiêm đủ mũi.\n\n")
STEPS = [(D(2026, 10, 1), D(2026, 10, 31)), (D(2026, 11, 1), D(2026, 12, 31)),
         (D(2027, 2, 1), D(2027, 3, 31))]


def test_steps_numbered_in_words_with_months_in_words():
    draft, _ = draft_from_text(COMMUNE + (
        "II. THỜI GIAN THỰC HIỆN\n"
        "Từ ngày 01 tháng Mười năm 2026 đến hết ngày 31 tháng Ba năm 2027, theo ba bước:\n"
        "1. Bước một - Chuẩn bị (trong tháng Mười năm 2026): lập danh sách trẻ.\n"
        "2. Bước hai - Truyền thông tại bản (từ ngày 01 tháng Mười Một năm 2026 đến hết tháng Mười "
        "Hai năm 2026): nói chuyện tại bản.\n"
        "3. Bước ba - Đánh giá (tháng Hai và tháng Ba năm 2027): khảo sát lại.\n\n"
        "III. NỘI DUNG\n1. Lịch tiêm.\n"), "plan.txt")
    assert _periods(draft) == STEPS


def test_a_month_in_words_as_ocr_capitalises_its_marked_letter():
    assert words_to_digits("trong thang Mudi MOt nam 2026").split() == ["trong", "thang", "11", "nam", "2026"]


WEEKS = ("TRUNG TÂM Y TẾ KHU VỰC CẦN GIỜ\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
         "Số: 40/KH-TTYT\tCần Giờ, ngày 10 tháng 12 năm 2026\n\n"
         "KẾ HOẠCH\nTruyền thông phòng chống sốt xuất huyết năm 2027\n\n"
         "I. MỤC ĐÍCH\n- Lịch tính theo tuần của năm 2027 (tuần 1 bắt đầu từ thứ Hai, ngày 04/01/2027).\n\n"
         "II. THỜI GIAN\n- Thời gian: từ tuần 10 đến hết tuần 30 năm 2027.\n\n"
         "III. LỊCH TRÌNH THEO TUẦN\n")


def test_phases_and_span_in_weeks_of_the_year_by_the_plans_rule():
    draft, _ = draft_from_text(WEEKS + (
        "Tuần\tGiai đoạn\tHoạt động chính\n"
        "10 - 13\tGiai đoạn 1 - chuẩn bị\tIn tờ rơi\n"
        "14 - 30\tGiai đoạn 2 - cao điểm\tNói chuyện tại ấp\n"
        "31\t-\tTổng hợp, báo cáo\n\n"
        "IV. KINH PHÍ\n1. Ngân sách.\n"), "plan.txt")
    assert _periods(draft) == [(D(2027, 3, 8), D(2027, 4, 4)), (D(2027, 4, 5), D(2027, 8, 1))]
    assert (draft.start.value, draft.end.value) == (D(2027, 3, 8), D(2027, 8, 1))


def test_week_rows_as_ocr_reads_them_without_column_lines():
    draft, _ = draft_from_text((
        "TRUNG TAM Y TE KHU VUC CAN GIO CONG HOA XA HOI CHU NGHIA VIET NAM\n\n"
        "So: 40/KH-TTYT Can Gid, ngay 10 thang 12 nam 2026\n\n"
        "KE HOACH\n\nTruyén thong phong chong sot xuat huyet nam 2027\n\n"
        "I. MUC DICH\n\n"
        "- Lich tinh theo tuan cla nam 2027 (tuan 1 bat dau ttr thir Hai, ngay 04/01/2027).\n\n"
        "II. THOI GIAN\n\n- Thdi gian: tty tudn 10 dén hét tuan 30 nam 2027.\n\n"
        "III. LICH TRINH THEO TUAN\n\n"
        "Tuan Giai doan Hoat dong chinh\n\n"
        "10 - 13 Giai doan 1 - chuan bi In to roi\n\n"
        "14 - 30 Giai doan 2 - cao diem Noi chuyen tai ap\n\n"
        "IV. KINH PHI\n\n1. Ngan sach.\n"), "ocr.txt")
    assert _periods(draft) == [(D(2027, 3, 8), D(2027, 4, 4)), (D(2027, 4, 5), D(2027, 8, 1))]


def test_school_weeks_without_a_rule_stay_unread():
    draft, _ = draft_from_text(WEEKS.replace(" (tuần 1 bắt đầu từ thứ Hai, ngày 04/01/2027)", "") + (
        "Tuần\tGiai đoạn\tHoạt động chính\n"
        "10 - 13\tGiai đoạn 1 - chuẩn bị\tIn tờ rơi\n"
        "14 - 30\tGiai đoạn 2 - cao điểm\tNói chuyện tại ấp\n\n"
        "IV. KINH PHÍ\n1. Ngân sách.\n"), "plan.txt")
    assert (D(2027, 3, 8), D(2027, 4, 4)) not in _periods(draft)


def test_places_taking_their_turn_in_a_bare_table():
    draft, _ = draft_from_text(HEAD + (
        "II. THỜI GIAN VÀ ĐỊA BÀN\n"
        "TT | Xã, phường | Thời gian đợt tập trung | Nội dung trọng tâm\n"
        "1 | Phường Long Xuyên | 01/3 - 31/3/2027 | Nước sạch; vệ sinh\n"
        " |  |  | trường mầm non\n"
        "2 | Xã Mỹ Hòa Hưng, | 05/4 - 15/5/2027 | Trường tiểu học\n"
        " | xã Bình Hòa |  | và nhóm trẻ\n\n"
        "III. KINH PHÍ\n1. Ngân sách tỉnh.\n"), "plan.txt")
    assert [(p.name, p.start, p.end) for p in draft.phases] == [
        ("Phường Long Xuyên", D(2027, 3, 1), D(2027, 3, 31)),
        ("Xã Mỹ Hòa Hưng, xã Bình Hòa", D(2027, 4, 5), D(2027, 5, 15))]


def test_a_table_of_report_times_by_place_is_no_phase():
    draft, _ = draft_from_text(HEAD + (
        "II. BÁO CÁO\n"
        "TT | Xã, phường | Thời gian gửi báo cáo\n"
        "1 | Phường Long Xuyên | 01/3 - 31/3/2027\n"
        "2 | Xã Bình Hòa | 05/4 - 15/5/2027\n\n"
        "III. KINH PHÍ\n1. Ngân sách tỉnh.\n"), "plan.txt")
    assert (D(2027, 3, 1), D(2027, 3, 31)) not in _periods(draft)
