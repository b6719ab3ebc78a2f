"""Layouts of the eighth blind batch (#21): a phase table by school term whose end wrapped onto
the row's next line, quarters as items of running text, a moving day given as that year's date,
a reporting table that names a report in one of its rows."""

from __future__ import annotations

import datetime as dt

from bot.domain.planimport import draft_from_text

D = dt.date
HEAD = ("TRUNG TÂM Y TẾ KHU VỰC\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 88/KH-TTYT\tngày 20 tháng 8 năm 2026\n\n"
        "KẾ HOẠCH\nTruyền thông sức khỏe học đường năm học 2026 - 2027\n\n")
OCR_HEAD = ("TRUNG TAM Y TE KHU VUC CONG HOA XA HOI CHU NGHIA VIET NAM\n"
            "S6: 88/KH-TTYT ngay 20 thang 8 nam 2026\n\n"
            "KE HOACH\nTruyén thong strc khoe hoc dudng nam hoc 2026 - 2027\n\n")
TERMS = HEAD + (
    "V. THỜI GIAN THỰC HIỆN\n"
    "Từ ngày 01/9/2026 đến ngày 31/5/2027, chia làm 02 giai đoạn:\n\n"
    "Giai đoạn\tThời gian\tTrọng tâm\n"
    "Giai đoạn 1\tTừ ngày 07/9/2026\tKhám đầu năm học; hướng dẫn rửa tay;\n"
    "(Học kỳ I)\tđến ngày 16/01/2027\ttriển khai hằng tuần\n"
    "Giai đoạn 2\tTừ ngày 18/01/2027\tHội thi vẽ tranh; hưởng ứng Ngày Sức khỏe\n"
    "(Học kỳ II)\tđến ngày 31/5/2027\tthế giới; tổng kết\n\n"
    "VI. TỔ CHỨC THỰC HIỆN\n")
TERMS_PHASES = [(D(2026, 9, 7), D(2027, 1, 16)), (D(2027, 1, 18), D(2027, 5, 31))]


def test_a_term_rows_end_on_its_next_line_after_the_terms_name_cell():
    draft, _ = draft_from_text(TERMS, "plan.txt")
    assert [(p.start, p.end) for p in draft.phases] == TERMS_PHASES


def test_the_same_term_table_as_ocr_reads_it_each_line_a_paragraph():
    text = OCR_HEAD + (
        "V. THOI GIAN THUC HIEN\n"
        "Tw ngay 01/9/2026 dén ngay 31/5/2027, chia lam 02 giai doan:\n\n"
        "Giai doan Thoi gian Trong tam\n\n"
        "Giai doan 1 Tir ngay 07/9/2026 Kham dau nam hoc; huéng dan rira tay\n\n"
        "(Hoc ky I) dén ngay 16/01/2027 trién khai hang tuan\n\n"
        "Giai doan 2 Tir ngay 18/01/2027 H6i thi vé tranh; hudng tng Ngay\n\n"
        "(Hoc ky I) dén ngay 31/5/2027 thé gidi; tong két\n\n"
        "VI. TO CHUC THUC HIEN\n")
    draft, _ = draft_from_text(text, "ocr.txt")
    assert [(p.start, p.end) for p in draft.phases] == TERMS_PHASES


def test_an_open_to_whose_date_leads_the_rows_next_line_in_the_same_paragraph():
    text = OCR_HEAD + (
        "V. THOI GIAN THUC HIEN\n"
        "Dot Thoi gian Chu dé trong tam\n\n"
        "Dot 1 Tir 15/01/2027 dén An toan giao théng dip Tét\n"
        "28/02/2027 Dinh Mui; so ctu chan thuong\n\n"
        "Dot 2 Tir 01/6/2027 dén Mua du lich bién: so ctru dudi nudc\n"
        "15/9/2027 nang; huéng tng Ngay So citu\n\n"
        "VI. TO CHUC THUC HIEN\n")
    draft, _ = draft_from_text(text, "ocr.txt")
    assert [(p.start, p.end) for p in draft.phases] == [
        (D(2027, 1, 15), D(2027, 2, 28)), (D(2027, 6, 1), D(2027, 9, 15))]


def test_quarters_as_items_of_running_text_their_dates_in_brackets():
    text = HEAD + (
        "V. THỜI GIAN THỰC HIỆN\n"
        "Kế hoạch thực hiện từ ngày 01/4/2026 đến ngày 30/9/2026, chia theo quý:\n"
        "1. Quý II năm 2026 (từ ngày 01/4/2026 đến ngày 30/6/2026): nhận biết nấm độc; cấp phát "
        "tờ rơi.\n"
        "2. Quý III năm 2026 (từ ngày 01/7/2026 đến ngày 30/9/2026): cao điểm mùa nấm rừng.\n\n"
        "VI. TỔ CHỨC THỰC HIỆN\n")
    draft, _ = draft_from_text(text, "plan.txt")
    assert [(p.start, p.end) for p in draft.phases] == [
        (D(2026, 4, 1), D(2026, 6, 30)), (D(2026, 7, 1), D(2026, 9, 30))]


def test_a_moving_day_given_as_that_years_date_is_a_one_off_date():
    text = HEAD + (
        "II. HÌNH THỨC\n"
        "Ghi chú: Ngày Sơ cứu thế giới năm 2027 là thứ Bảy, ngày 11/9/2027; tổ chức trình diễn.\n"
        "6. Hưởng ứng Ngày Thế giới phòng, chống bệnh phổi tắc nghẽn mạn tính năm 2026 (thứ Tư, "
        "ngày 18/11/2026): khám miễn phí.\n")
    draft, _ = draft_from_text(text, "plan.txt")
    assert sorted(k.date for k in draft.key_dates if k.date) == [D(2026, 11, 18), D(2027, 9, 11)]


def test_a_reporting_table_goes_on_past_a_row_that_names_a_report():
    text = HEAD + (
        "Kế hoạch thực hiện từ ngày 01/01/2026 đến ngày 31/12/2026.\n\n"
        "VI. TỔ CHỨC THỰC HIỆN\n"
        "| TT | Nội dung báo cáo | Thời hạn gửi |\n"
        "| 1 | Kết quả hưởng ứng Ngày Thế giới nhận | Trước ngày 30/4/2026 |\n"
        "|  | thức về tự kỷ |  |\n"
        "| 2 | Báo cáo sơ kết 06 tháng đầu năm | Trước ngày 10/6/2026 |\n"
        "| 3 | Kết quả thực hiện Kế hoạch năm 2026 | Trước 30/11/2026 |\n"
        "| 4 | Kết quả hưởng ứng Ngày Quốc tế | Trước ngày 15/12/2026 |\n"
        "|  | Người khuyết tật |  |\n")
    draft, _ = draft_from_text(text, "plan.txt")
    assert [d.due for d in draft.deadlines] == [D(2026, 4, 30), D(2026, 6, 10), D(2026, 11, 30),
                                                D(2026, 12, 15)]
    assert not [k for k in draft.key_dates if "|" in k.name]  # "Ngày Quốc tế | Trước ngày …"


def test_quotas_said_period_first_before_a_place_or_of_two_nouns_or_by_a_van():
    text = HEAD + (
        "IV. HÌNH THỨC TRUYỀN THÔNG VÀ CHỈ TIÊU\n"
        "1. Truyền thông nhóm tại bản: mỗi Trạm Y tế xã tổ chức mỗi quý 01 buổi truyền thông nhóm "
        "tại các bản có nguy cơ cao.\n"
        "2. Fanpage, kênh TikTok của Trung tâm: đăng 02 bài, video/tuần.\n"
        "3. Trình diễn sơ cứu lưu động bằng xe cấp cứu tại các bãi biển: 01 lần/tuần.\n")
    draft, _ = draft_from_text(text, "plan.txt")
    assert [(q.activity, q.count, q.per) for q in draft.quotas] == [
        ("conference", 1, "quarter"), ("social", 2, "week"), ("mobile_van", 1, "week")]


def test_quotas_ocr_broke_over_lines_or_bent_a_glyph_of():
    text = OCR_HEAD + (
        "IV. HINH THUC TRUYEN THONG VA CHI TIEU\n"
        "1. Phat thanh mang non cua cac trudng: phat bai tuyén truyén vé rang miéng 01\n"
        "]an/tuan vao gid chao co dau tuan.\n\n"
        "2. Ndi chuyén suc khée tai cac diém trudng, trudng phé thong dan téc ban tru:\n"
        "mdi thang 01 budi tai mi trudng.\n\n"
        "3. Trang thong tin dién tt cua Trung tam: dang tai {t nhat 02 tin, bai/thang; dang ngay.\n")
    draft, _ = draft_from_text(text, "ocr.txt")
    assert [(q.activity, q.count, q.per) for q in draft.quotas] == [
        ("loudspeaker", 1, "week"), ("conference", 1, "month"), ("website", 2, "month")]


def test_phase_lines_right_below_a_sentence_are_phases_of_their_own():
    text = HEAD + (
        "V. THỜI GIAN THỰC HIỆN\n"
        "Từ ngày 01/11/2026 đến ngày 31/3/2027, chia làm 02 đợt:\n"
        "Đợt 1: từ ngày 01/11/2026 đến ngày 31/12/2026: giữ ấm, phòng bệnh đường hô hấp.\n"
        "Đợt 2: từ ngày 01/01/2027 đến ngày 31/3/2027: cao điểm rét đậm, rét hại.\n\n"
        "VI. TỔ CHỨC THỰC HIỆN\n")
    draft, _ = draft_from_text(text, "plan.txt")
    assert [(p.name[:5], p.start, p.end) for p in draft.phases] == [
        ("Đợt 1", D(2026, 11, 1), D(2026, 12, 31)), ("Đợt 2", D(2027, 1, 1), D(2027, 3, 31))]


def test_an_item_that_broadcasts_the_messages_is_no_heading_of_slogans():
    text = HEAD + (
        "III. THÔNG ĐIỆP TRUYỀN THÔNG\n"
        "Các đơn vị sử dụng thống nhất các thông điệp: \"Không hái, không ăn nấm lạ!\", "
        "\"Có dấu hiệu ngộ độc - Đến ngay cơ sở y tế!\".\n\n"
        "IV. HÌNH THỨC TRUYỀN THÔNG VÀ CHỈ TIÊU\n"
        "1. Loa truyền thanh các xã: phát thông điệp bằng tiếng dân tộc 02 lần/tuần.\n"
        "2. Truyền thông nhóm tại bản: mỗi Trạm Y tế xã vùng cao tổ chức mỗi quý 01 buổi truyền "
        "thông nhóm tại các bản có nguy cơ cao, có trưng bày mẫu, tranh ảnh nấm độc, lá ngón.\n")
    draft, _ = draft_from_text(text, "plan.txt")
    assert [s.text for s in draft.slogans] == ["Không hái, không ăn nấm lạ!",
                                               "Có dấu hiệu ngộ độc - Đến ngay cơ sở y tế!"]


def test_a_count_whose_noun_ocr_set_past_a_blank_line_is_one_quota():
    text = OCR_HEAD + (
        "IV. HINH THUC TRUYEN THONG VA CHI TIEU\n"
        "1. Trang thong tin dién tu So Y té: dang tai it nhat 02\n\n"
        "tin, bai/thang; dang khuyén cao suc khoe ngay khi AQI 6 muc xau.\n")
    draft, _ = draft_from_text(text, "ocr.txt")
    assert [(q.activity, q.count, q.per) for q in draft.quotas] == [("website", 2, "month")]


# The tenth blind batch (#21): quarters under "TIẾN ĐỘ", a month table under "NỘI DUNG THEO
# THÁNG" that OCR read without its columns, the plan's span said in another section, an event
# and a date in different cells, a named day before a deadline, a phase line in brackets, a
# heading's slogans each alone on its line.

def test_quarters_listed_under_a_progress_section_are_phases():
    draft, _ = draft_from_text(HEAD + (
        "IV. TIẾN ĐỘ THỰC HIỆN\n"
        "Kế hoạch thực hiện từ tháng 4/2026 đến tháng 12/2026:\n"
        "1. Quý II/2026: xây dựng tài liệu; tập huấn.\n"
        "2. Quý III/2026: truyền thông tại trường học.\n"
        "3. Quý IV/2026: giám sát; tổng kết.\n\n"
        "V. TỔ CHỨC THỰC HIỆN\n"), "plan.txt")
    assert [(p.start, p.end) for p in draft.phases] == [
        (D(2026, 4, 1), D(2026, 6, 30)), (D(2026, 7, 1), D(2026, 9, 30)), (D(2026, 10, 1), D(2026, 12, 31))]


MONTHS_OCR = OCR_HEAD + (
    "IV. NOI DUNG THEO THANG\n\n"
    "Thoi gian Chu diem Hoat dong\n\n"
    "Thang 12/2026 Nhan dien bao luc hoc dudng, Sinh hoat dudi co\n\n"
    "Thang 01 - 02/2027 Quan ly cang thang mua thi Toa dam\n\n"
    "Thang 4 - 5/2027 Chuan bi tam ly cho ky thi Tu van nhom\n\n"
    "Ke hoach thuc hien tu ngay 01/12/2026 dén ngay 25/5/2027.\n\n"
    "V. TO CHUC THUC HIEN\n")


def test_month_rows_under_a_content_by_month_section_are_phases():
    draft, _ = draft_from_text(MONTHS_OCR, "ocr.txt")
    assert [(p.start, p.end) for p in draft.phases][:2] == [
        (D(2026, 12, 1), D(2026, 12, 31)), (D(2027, 1, 1), D(2027, 2, 28))]


def test_the_plans_span_said_below_its_table_clips_the_last_month():
    draft, _ = draft_from_text(MONTHS_OCR, "ocr.txt")
    assert (draft.start.value, draft.end.value) == (D(2026, 12, 1), D(2027, 5, 25))
    assert draft.phases[-1].end == D(2027, 5, 25)


def test_an_event_in_one_cell_takes_no_date_from_another():
    draft, _ = draft_from_text(HEAD + (
        "III. THỜI GIAN, HOẠT ĐỘNG\n"
        "Thời gian | Hoạt động | Đơn vị chủ trì\n"
        "Từ ngày 16/12 đến | Cao điểm: mít tinh hưởng ứng Ngày | Chi cục Dân\n"
        "ngày 31/12/2026 | Dân số Việt Nam tại phường Xuân Hương | số\n\n"
        "IV. TỔ CHỨC THỰC HIỆN\n"), "plan.txt")
    assert [k.date for k in draft.key_dates if k.date] == []


def test_a_named_day_before_a_deadlines_date_is_not_that_date():
    draft, _ = draft_from_text(HEAD + (
        "IV. TỔ CHỨC THỰC HIỆN\n"
        "1. Chế độ báo cáo: các đơn vị gửi báo cáo nhanh kết quả hưởng ứng Ngày Dân số Việt Nam "
        "trước ngày 31/12/2026.\n"), "plan.txt")
    assert [(k.name, k.date) for k in draft.key_dates if k.date] == []


def test_a_phase_line_with_its_dates_in_brackets_starts_its_own_paragraph():
    draft, _ = draft_from_text(HEAD + (
        "2. Nội dung, hình thức\n"
        "- Tuyên truyền thường xuyên, tập trung vào hai đợt:\n\n"
        "Đợt 1 (từ ngày 15/4/2026 đến ngày 15/5/2026): trước và trong đợt tiêm phòng.\n"
        "Đợt 2 (từ ngày 01/9/2026 đến ngày 30/9/2026): mùa mưa, sau lũ.\n\n"
        "3. Tổ chức thực hiện\n"), "plan.txt")
    assert [(p.start, p.end) for p in draft.phases] == [
        (D(2026, 4, 15), D(2026, 5, 15)), (D(2026, 9, 1), D(2026, 9, 30))]


def test_slogans_each_alone_on_its_line_below_their_heading():
    draft, _ = draft_from_text(HEAD + (
        "3. Khẩu hiệu\n"
        "\"Không giết mổ, không ăn thịt gia súc ốm, chết!\"\n"
        "\"Gia súc chết bất thường - Báo ngay cho thôn bản, thú y, y tế!\"\n\n"
        "4. Tổ chức thực hiện\n"), "plan.txt")
    assert [s.text for s in draft.slogans] == [
        "Không giết mổ, không ăn thịt gia súc ốm, chết!",
        "Gia súc chết bất thường - Báo ngay cho thôn bản, thú y, y tế!"]


def test_an_action_month_named_with_its_year_before_its_dates_is_a_key_date():
    draft, _ = draft_from_text(HEAD + (
        "IV. THỜI GIAN VÀ HOẠT ĐỘNG\n"
        "Tháng hành động vì an toàn thực phẩm năm 2026 (từ ngày 15/4 đến ngày 15/5) được lồng ghép "
        "vào các hoạt động cao điểm.\n"), "plan.txt")
    assert [(k.name, k.day) for k in draft.key_dates] == [
        ("Tháng hành động vì an toàn thực phẩm", "15/04")]


def test_a_content_item_under_a_content_and_messages_heading_is_not_a_slogan():
    draft, _ = draft_from_text(HEAD + (
        "III. NỘI DUNG VÀ THÔNG ĐIỆP\n"
        "1. Nội dung: nhận biết cá nóc, ốc biển có độc; sơ cứu và đưa ngay người bệnh đến cơ sở y tế.\n"
        "2. Thông điệp:\n"
        "\"Không ăn cá nóc dưới mọi hình thức!\"\n"
        "\"Ăn hải sản lạ - Mang họa vào thân\"\n\n"
        "IV. TỔ CHỨC THỰC HIỆN\n"), "plan.txt")
    assert [s.text for s in draft.slogans] == [
        "Không ăn cá nóc dưới mọi hình thức!", "Ăn hải sản lạ - Mang họa vào thân"]


def test_quarter_lines_below_the_span_each_begin_a_phase():
    draft, _ = draft_from_text(HEAD + (
        "V. THỜI GIAN THỰC HIỆN\n"
        "Kế hoạch thực hiện từ ngày 01/01/2027 đến ngày 31/12/2027, nội dung trọng tâm theo quý:\n"
        "Quý I/2027: An toàn lao động sau nghỉ Tết; phòng bệnh đường hô hấp\n"
        "Quý II/2027: Phòng say nóng khi làm việc gần lò.\n\n"
        "VI. TỔ CHỨC THỰC HIỆN\n"), "plan.txt")
    assert [(p.start, p.end) for p in draft.phases] == [
        (D(2027, 1, 1), D(2027, 3, 31)), (D(2027, 4, 1), D(2027, 6, 30))]


def test_the_world_day_for_safety_and_health_at_work_with_its_comma():
    draft, _ = draft_from_text(HEAD + (
        "V. THỜI GIAN THỰC HIỆN\n"
        "Quý II/2027: Hưởng ứng Ngày Thế giới về an toàn, vệ sinh lao động (28/4).\n"), "plan.txt")
    assert ("Ngày Thế giới về an toàn, vệ sinh lao động", "28/04") in [
        (k.name, k.day) for k in draft.key_dates]


def test_month_lines_each_begin_a_phase_even_without_a_full_stop():
    draft, _ = draft_from_text(HEAD + (
        "V. THỜI GIAN THỰC HIỆN\n"
        "Tháng 3/2027: khởi động, treo băng rôn\n"
        "Tháng 4 - 5/2027: cao điểm, nói chuyện tại xưởng\n\n"
        "VI. TỔ CHỨC THỰC HIỆN\n"), "plan.txt")
    assert [(p.start, p.end) for p in draft.phases] == [
        (D(2027, 3, 1), D(2027, 3, 31)), (D(2027, 4, 1), D(2027, 5, 31))]


def test_the_days_theme_in_the_title_is_no_slogan_beside_the_plans_own():
    text = (HEAD.replace("Truyền thông sức khỏe học đường năm học 2026 - 2027",
                         "Hưởng ứng Ngày Dân số Việt Nam 26/12/2026\n"
                         "với chủ đề \"Sinh đủ hai con - Gia đình hạnh phúc\"")
            + "II. THÔNG ĐIỆP TRUYỀN THÔNG\n"
            "1. \"Mỗi gia đình sinh đủ hai con, nuôi dạy con tốt\"\n"
            "2. \"Kết hôn sớm hơn, sinh con sớm hơn\"\n\n"
            "III. TỔ CHỨC THỰC HIỆN\n")
    draft, _ = draft_from_text(text, "plan.txt")
    assert [s.text for s in draft.slogans] == [
        "Mỗi gia đình sinh đủ hai con, nuôi dạy con tốt", "Kết hôn sớm hơn, sinh con sớm hơn"]
    alone, _ = draft_from_text(text.split("II. THÔNG ĐIỆP")[0], "plan.txt")
    assert [s.text for s in alone.slogans] == ["Sinh đủ hai con - Gia đình hạnh phúc"]


def test_a_slogan_led_by_a_dash_ocr_read_as_an_underscore():
    draft, _ = draft_from_text(OCR_HEAD + (
        "Ill. THONG DIEP TRUYEN THONG\n\n"
        "_\"Tiém vac xin HPV hom nay - Bao vé con gai ngay mai!\"\n\n"
        "- \"Vac xin HPV an toan, hiéu qua\"\n\n"
        "IV. TO CHUC THUC HIEN\n"), "ocr.txt")
    assert len(draft.slogans) == 2


def test_a_quarter_said_twice_each_with_its_own_text_is_the_next_one():
    draft, _ = draft_from_text(OCR_HEAD + (
        "V. THOI GIAN THUC HIEN\n"
        "Ke hoach thuc hien tu ngay 01/01/2027 dén ngay 31/12/2027, noi dung trong tam theo quy:\n"
        "Quy 1/2027: An toan lao d6ng sau nghi Tét; phong bénh duodng ho hap\n\n"
        "Quy 1/2027: Hudng tng Ngay Thé gidi vé an toan lao déng\n\n"
        "Quy III/2027: Diéc nghé nghiép do tiéng 6n\n\n"
        "VI. TO CHUC THUC HIEN\n"), "ocr.txt")
    assert [(p.start, p.end) for p in draft.phases] == [
        (D(2027, 1, 1), D(2027, 3, 31)), (D(2027, 4, 1), D(2027, 6, 30)), (D(2027, 7, 1), D(2027, 9, 30))]


def test_the_day_of_fire_safety_told_across_a_tables_wrapped_cell():
    draft, _ = draft_from_text(HEAD + (
        "III. NỘI DUNG THEO THÁNG\n"
        "| Tháng | Chủ đề | Hoạt động với trẻ |\n"
        "| 10/2026 | An toàn khi chơi | thực hành thoát hiểm; hưởng ứng Ngày toàn dân phòng |\n"
        "|  |  | cháy, chữa cháy (04/10) |\n"), "plan.txt")
    assert ("Ngày Toàn dân phòng cháy, chữa cháy", "04/10") in [
        (k.name, k.day) for k in draft.key_dates]


def test_an_items_event_held_on_a_date_without_a_colon_before_it():
    draft, _ = draft_from_text(HEAD + (
        "IV. HOẠT ĐỘNG\n"
        "b) Hội nghị truyền thông cho chủ cơ sở lưu trú, dịch vụ du lịch tổ chức ngày 25/10/2026 "
        "tại phường.\n"), "plan.txt")
    assert [(k.name, k.date) for k in draft.key_dates] == [
        ("Hội nghị truyền thông cho chủ cơ sở lưu trú, dịch vụ du lịch", D(2026, 10, 25))]


def test_tu_ky_bare_is_autism_in_a_month_row_not_a_span_from_the_plans_date():
    # "tự kỷ" folds to "tu ky", the letters of "từ (ngày) ký": only "từ ngày ký" opens a span
    draft, _ = draft_from_text(OCR_HEAD + (
        "V. THOI GIAN VA NOI DUNG THEO THANG\n"
        "Thoi gian thuc hien: tu ngay 01/3/2027 den ngay 30/4/2027.\n\n"
        "Thang 3/2027 Nhan biet dau hieu som tu ky In to roi, ap phich\n\n"
        "Thang 4/2027 Thang nhan thuc ve tu ky; chong ky thi\n\n"
        "VI. TO CHUC THUC HIEN\n"), "plan.txt")
    assert [(p.start, p.end) for p in draft.phases] == [
        (D(2027, 3, 1), D(2027, 3, 31)), (D(2027, 4, 1), D(2027, 4, 30))]


def test_an_item_led_by_a_long_named_period_its_dates_in_brackets_is_a_phase():
    draft, _ = draft_from_text(HEAD + (
        "IV. THỜI GIAN VÀ PHÂN KỲ THỰC HIỆN\n"
        "Kế hoạch thực hiện từ ngày 01/3/2027 đến ngày 31/8/2027, gồm:\n"
        "1. Giai đoạn chuẩn bị (tháng 3/2027): rà soát danh sách trẻ.\n"
        "2. Tháng cao điểm tiêm chủng (từ ngày 01/4 đến ngày 30/4/2027): vận động tiêm bù.\n"
        "3. Giai đoạn mùa bệnh (tháng 5 - tháng 8/2027): truyền thông phòng muỗi đốt.\n"), "plan.txt")
    assert [(p.start, p.end) for p in draft.phases] == [
        (D(2027, 3, 1), D(2027, 3, 31)), (D(2027, 4, 1), D(2027, 4, 30)), (D(2027, 5, 1), D(2027, 8, 31))]


def test_a_known_days_name_run_on_into_other_columns_takes_no_other_date():
    draft, _ = draft_from_text(OCR_HEAD + (
        "IV. THOI GIAN VA HOAT DONG CHINH\n"
        "Dot 1 Tu ngay 15/3 den Huong ung Ngay The thao Viet Nam Phong Van hoa -\nXa\n"
        "ngay 15/4/2027 (27/3) va Ngay Suc khoe toan dan hoi; Tram Y te xa;\n"), "plan.txt")
    assert D(2027, 4, 15) not in [k.date for k in draft.key_dates]


def test_quoted_slogans_after_a_colon_ocr_read_for_a_semicolon_are_all_slogans():
    draft, _ = draft_from_text(OCR_HEAD + (
        "III. KHAU HIEU\n\n"
        "Khau hieu dung tren bang ron, loa truyen thanh: \"Tiem du 3 mui vac xin viem nao Nhat Ban "
        "- Bao ve tre khoi di chung suot doi\": \"Ngu man, diet muoi, chuong trai xa nha\": "
        "\"Tre sot cao, co giat, li bi - Dua ngay den co so y te\".\n"),
        "plan.txt")
    assert len(draft.slogans) == 3


def test_a_capitalised_day_named_in_lower_case_with_its_year_on_a_weekday_morning():
    draft, _ = draft_from_text(HEAD + (
        "V. THỜI GIAN THỰC HIỆN\n"
        "Đợt 1: hưởng ứng Ngày Sức khỏe toàn dân (07/4): Ngày chạy Olympic vì sức khỏe toàn dân "
        "vào sáng Chủ nhật 28/3/2027; đo huyết áp miễn phí.\n"
        "Các đơn vị báo cáo trước ngày làm việc 15/12/2027.\n"), "plan.txt")
    assert ("Ngày chạy Olympic vì sức khỏe toàn dân", D(2027, 3, 28)) in [
        (k.name, k.date) for k in draft.key_dates]
    assert D(2027, 12, 15) not in [k.date for k in draft.key_dates]


def test_a_clauses_event_on_a_full_date_with_its_weekday_in_brackets():
    draft, _ = draft_from_text(HEAD + (
        "V. THỜI GIAN THỰC HIỆN\n"
        "Tháng 10/2026: thắp sáng màu xanh lam tại sảnh; khám sàng lọc miễn phí ngày 04/10/2026 "
        "(thứ Bảy); các khoa báo cáo trước ngày 15/10/2026 (thứ Năm).\n"), "plan.txt")
    assert [(k.name, k.date) for k in draft.key_dates] == [("Khám sàng lọc miễn phí", D(2026, 10, 4))]


# Layouts of the twelfth blind batch (held12/ocrheld7)
def test_a_month_tables_rows_written_without_thang_are_phases():
    draft, _ = draft_from_text(HEAD + (
        "C. THỜI GIAN VÀ NỘI DUNG THEO THÁNG\n"
        "Thời gian thực hiện: từ ngày 07/9/2026 đến ngày 25/5/2027.\n\n"
        "| Thời gian | Chủ điểm | Hoạt động |\n"
        "| 9/2026 | Tư thế ngồi học đúng | Kiểm tra bàn ghế |\n"
        "| 10 - 12/2026 | Nhận biết sớm | Khám sàng lọc |\n"
        "| 3 - 5/2027 | Tổng kết | Tái khám |\n\n"
        "D. HÌNH THỨC\n"), "plan.txt")
    assert [(p.start, p.end) for p in draft.phases] == [
        (D(2026, 9, 7), D(2026, 9, 30)), (D(2026, 10, 1), D(2026, 12, 31)),
        (D(2027, 3, 1), D(2027, 5, 25))]


def test_steps_dated_without_a_year_take_the_plans_and_their_names():
    draft, _ = draft_from_text(HEAD + (
        "III. THỜI GIAN VÀ CÁC BƯỚC TRIỂN KHAI\n"
        "Tháng truyền thông diễn ra từ ngày 01/10 đến hết ngày 31/10/2026, gồm hai bước:\n"
        "a) Bước 1 - Khởi động (từ 01/10 đến 14/10): treo băng rôn, dán áp phích.\n"
        "b) Bước 2 - Tổng kết (từ 15/10 đến 31/10): đánh giá kết quả.\n\n"
        "IV. TỔ CHỨC THỰC HIỆN\n"), "plan.txt")
    assert [(p.start, p.end) for p in draft.phases] == [
        (D(2026, 10, 1), D(2026, 10, 14)), (D(2026, 10, 15), D(2026, 10, 31))]
    assert draft.phases[0].name.startswith("Bước 1 - Khởi động (từ 01/10 đến 14/10)")


def test_steps_as_ocr_read_them_budc_ttr():
    draft, _ = draft_from_text(OCR_HEAD + (
        "III. THOI GIAN VA CAC BUOC TRIEN KHAI\n"
        "Thang truyén thong dién ra tir ngay 01/10 dén hét ngay 31/10/2026, gém hai budc:\n"
        "a) Budc 1 - Khdi déng (ttr 01/10 dén 14/10): treo bang rén, dan ap phich.\n"
        "b) Budc 2 - Tong két (ttr 15/10 dén 31/10): danh gia két qua.\n\n"
        "IV. TO CHUC THUC HIEN\n"), "ocr.txt")
    assert [(p.start, p.end) for p in draft.phases] == [
        (D(2026, 10, 1), D(2026, 10, 14)), (D(2026, 10, 15), D(2026, 10, 31))]


def test_a_festival_day_and_a_day_said_long_in_brackets_are_key_dates():
    draft, _ = draft_from_text(HEAD + (
        "Hưởng ứng Ngày Thế giới phòng, chống loãng xương (20 tháng 10) của Bệnh viện.\n\n"
        "5. Hình thức\n"
        "- Lồng ghép tuyên truyền tại Ngày hội Đại đoàn kết toàn dân tộc (18/11) ở các bản.\n"), "plan.txt")
    assert {(k.name, k.day) for k in draft.key_dates} >= {
        ("Ngày Thế giới phòng, chống loãng xương", "20/10"),
        ("Ngày hội Đại đoàn kết toàn dân tộc", "18/11")}


def test_an_event_on_a_weekday_said_before_its_date():
    draft, _ = draft_from_text(HEAD + (
        "III. THỜI GIAN\n"
        "Tuần cao điểm: khám, tư vấn và đo mật độ xương miễn phí cho 300 người từ 50 tuổi trở lên "
        "vào thứ Bảy, ngày 17 tháng 10 năm 2026; tổng kết.\n"), "plan.txt")
    assert [k.date for k in draft.key_dates if k.date] == [D(2026, 10, 17)]


def test_the_span_under_a_time_heading_ocr_read_as_thai_gian():
    draft, _ = draft_from_text(OCR_HEAD + (
        "2. Muc tiéu\n- 90% hé gia dinh dugc tuyén truyén.\n\n"
        "3. Thai gian thuc hién\nTir ngay 01/3/2027 dén ngay 30/11/2027.\n\n"
        "4. Ndi dung tuyén truyén\n"), "ocr.txt")
    assert (draft.start.value, draft.end.value) == (D(2027, 3, 1), D(2027, 11, 30))


def test_a_list_items_or_a_cells_clause_ending_on_its_full_date_is_an_event():
    draft, _ = draft_from_text(HEAD + (
        "III. THỜI GIAN\nTừ ngày 01/9/2026 đến ngày 31/5/2027.\n\n"
        "IV. HÌNH THỨC\n"
        "- Khám, xét nghiệm phân miễn phí cho người dân 03 bản (Nà Lạn, Bó Mạy) tại Trạm Y tế xã "
        "vào ngày 12/4/2027.\n"
        "- Các đơn vị gửi kết quả về Trung tâm trước ngày 30/4/2027.\n\n"
        "| Thời gian | Hoạt động | Người thực hiện |\n"
        "| 10/2026 | Khám sàng lọc cho | Nhân viên y tế; |\n"
        "| | toàn trường ngày 15/10/2026 (phối | Trạm Y tế |\n"
        "| | hợp Trạm Y tế phường) | |\n"
        "| 11/2026 | Tổng kết | Ban Giám hiệu |\n\n"
        "V. TỔ CHỨC THỰC HIỆN\n"), "plan.txt")
    assert sorted(k.date for k in draft.key_dates if k.date) == [D(2026, 10, 15), D(2027, 4, 12)]


def test_a_festival_day_as_ocr_read_its_hoi():
    draft, _ = draft_from_text(OCR_HEAD + (
        "5. Hinh thirc\n"
        "- Léng ghép tuyén truyén tai Ngay hi Dai doan két toan dan téc (18/11) 6 cac ban.\n"), "ocr.txt")
    assert "18/11" in [k.day for k in draft.key_dates]


def test_slogans_a_line_each_unquoted_right_below_their_heading():
    draft, _ = draft_from_text(HEAD + (
        "B. NỘI DUNG TUYÊN TRUYỀN\n"
        "1. Tư thế ngồi học đúng.\n\n"
        "Khẩu hiệu tuyên truyền:\n"
        "Ngồi thẳng lưng - Học tập tốt\n"
        "Cặp nhẹ vai - Lưng khỏe mạnh\n"
        "Lưng thẳng hôm nay - Vững bước ngày mai\n\n"
        "C. THỜI GIAN\n"), "plan.txt")
    assert [s.text for s in draft.slogans] == [
        "Ngồi thẳng lưng - Học tập tốt", "Cặp nhẹ vai - Lưng khỏe mạnh",
        "Lưng thẳng hôm nay - Vững bước ngày mai"]


def test_the_same_slogans_as_ocr_reads_them_a_blank_line_between():
    draft, _ = draft_from_text(OCR_HEAD + (
        "B. NOI DUNG TUYEN TRUYEN\n"
        "1. Tu thé ngéi hoc dung.\n\n"
        "Khau hiéu tuyén truyén:\n\n"
        "Ngoi thang lung - Hoc tap tot\n\n"
        "Cap nhe vai - Lung khoe manh\n\n"
        "C. THOI GIAN\n"), "ocr.txt")
    assert len(draft.slogans) == 2


def test_slogans_numbered_inside_one_sentence_and_an_exchanges_name_is_none():
    draft, _ = draft_from_text(HEAD + (
        "II. NỘI DUNG\n"
        "Khẩu hiệu của Tháng truyền thông: 1) \"Xương chắc khỏe - Tuổi già an vui\"; 2) \"Phòng loãng "
        "xương từ hôm nay\"; 3) \"Ăn đủ canxi - Xương khỏe mỗi ngày\".\n"
        "Tuần cao điểm: lễ hưởng ứng và buổi giao lưu \"Thầy thuốc với người cao tuổi\" ngày 20/10.\n\n"
        "III. TỔ CHỨC THỰC HIỆN\n"), "plan.txt")
    assert [s.text for s in draft.slogans] == [
        "Xương chắc khỏe - Tuổi già an vui", "Phòng loãng xương từ hôm nay",
        "Ăn đủ canxi - Xương khỏe mỗi ngày"]


def test_results_sent_to_an_office_by_a_date_are_a_deadline_not_only_reports():
    draft, _ = draft_from_text(HEAD + (
        "III. THỜI GIAN\nTừ ngày 07/9/2026 đến ngày 25/5/2027.\n\n"
        "IV. TỔ CHỨC THỰC HIỆN\n"
        "1. Nhân viên y tế: tổ chức khám sàng lọc; gửi kết quả khám sàng lọc về Trạm Y tế phường "
        "trước ngày 30/10/2026.\n"
        "2. Báo cáo: nhân viên y tế báo cáo kết quả về Phòng Văn hóa - Xã hội trước ngày 25/5/2027.\n"),
        "plan.txt")
    assert (draft.deadlines[0].what, draft.deadlines[0].due) == (
        "Gửi kết quả khám sàng lọc về Trạm Y tế phường", D(2026, 10, 30))
    assert [d.due for d in draft.deadlines] == [D(2026, 10, 30), D(2027, 5, 25)]
