"""Phases named by a coarse period before their text's colon (#21, fifteenth blind batch):
quarters ("Quý II và Quý III/2027"), half years ("6 tháng đầu năm 2027"), months across the
year's end ("tháng 11/2026 - tháng 01/2027"), the activities' own dates after the colon left to
them; and a table row whose last cell OCR wrapped onto a line of its own ("xã hội, |")."""

from __future__ import annotations

import datetime as dt

from bot.domain.planimport import draft_from_text

D = dt.date
HEAD = ("SỞ Y TẾ TỈNH\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 41/KH-SYT\tngày 10 tháng 12 năm 2026\n\n"
        "KẾ HOẠCH\nTruyền thông phòng, chống bệnh năm 2027\n\n"
        "I. MỤC ĐÍCH\nNâng cao nhận thức.\n\n")
OCR_HEAD = ("SO Y TE TINH CONG HOA XA HOI CHU NGHIA VIET NAM\n"
            "S6: 41/KH-SYT ngay 10 thang 12 nam 2026\n\n"
            "KE HOACH\nTruyén thong phong, chong bénh nam 2027\n\n"
            "I. MUC DICH\nNang cao nhan thtrc.\n\n")
QUARTERS = [(D(2027, 1, 1), D(2027, 3, 31)), (D(2027, 4, 1), D(2027, 9, 30)),
            (D(2027, 10, 1), D(2027, 12, 31))]


def _phases(text: str) -> list[tuple[dt.date | None, dt.date | None]]:
    draft, _ = draft_from_text(text, "plan.txt")
    return [(p.start, p.end) for p in draft.phases]


def test_quarters_before_the_colon_and_an_activitys_range_after_it():
    text = HEAD + (
        "II. CÁC GIAI ĐOẠN\n"
        "Giai đoạn 1 (Quý I/2027): rà soát số liệu; tập huấn.\n"
        "Giai đoạn 2 (Quý II và Quý III/2027): truyền thông; chiến dịch xét nghiệm từ 01/7 đến "
        "31/7/2027.\n"
        "Giai đoạn 3 (Quý IV/2027): hưởng ứng Tháng hành động (10/11 - 10/12); tổng kết.\n")
    assert _phases(text) == QUARTERS


def test_the_same_quarters_as_ocr_bends_their_numerals_a_dash_list():
    text = OCR_HEAD + (
        "II. CAC GIAI DOAN\n"
        "- Giai doan 1 (Quy 1/2027): ra soat so liéu.\n\n"
        "- Giai doan 2 (Quy Il va Quy IIl/2027): truyén thong tir 01/7 dén 31/7/2027.\n\n"
        "- Giai doan 3 (Quy IV/2027): huéng tng (10/11 - 10/12).\n")
    assert _phases(text) == QUARTERS


def test_half_years_before_the_colon_a_month_of_action_after_it():
    text = HEAD + (
        "II. THỜI GIAN\n"
        "- Đợt 1 (6 tháng đầu năm 2027): học kỳ II; hưởng ứng Tháng hành động (từ 15/4 đến 15/5).\n"
        "- Đợt 2 (6 tháng cuối năm 2027) - khai giảng năm học mới; tập huấn từ 01/8 đến 15/8.\n")
    assert _phases(text) == [(D(2027, 1, 1), D(2027, 6, 30)), (D(2027, 7, 1), D(2027, 12, 31))]


def test_months_across_the_years_end_with_and_without_a_colon():
    text = HEAD.replace("năm 2027", "2026 - 2027") + (
        "II. THỜI GIAN\n"
        "1. Đợt 1 (tháng 9 - tháng 10/2026): hội nghị triển khai.\n"
        "2. Đợt 2 (tháng 11/2026 - tháng 01/2027): truyền thông tại chuyền sản xuất.\n"
        "3. Đợt 3 - tháng 12/2027 đến tháng 02/2028 nhắc lại.\n")
    assert _phases(text)[1:] == [(D(2026, 11, 1), D(2027, 1, 31)), (D(2027, 12, 1), D(2028, 2, 29))]


def test_a_range_in_the_head_still_reads_as_written():
    text = HEAD + (
        "II. THỜI GIAN\n"
        "- Giai đoạn 1 (từ khi ban hành Kế hoạch đến hết Quý I/2027): khởi động.\n"
        "- Giai đoạn 2 (Quý II/2027, từ 15/4 đến 30/6/2027): cao điểm.\n")
    assert _phases(text)[1] == (D(2027, 4, 15), D(2027, 6, 30))


def test_a_steps_table_whose_last_cell_ocr_wrapped_onto_a_line_of_its_own():
    text = OCR_HEAD + (
        "IV. CAC BUOC TRIEN KHAI\n\n"
        "| Buc | Thoi gian | Noi dung chinh | Don vi phu trach |\n\n"
        "| 1 | 04/01/2027 - | Chuan bi: xay dung tai liéu | Phong Cong tac\nxa hoi, |\n\n"
        "| | 26/02/2027 | hoi thuong gap | Khoa Ngoai |\n\n"
        "| 2 | 01/3/2027 - | Thang nang cao nhan thuc | Khoa Kham bénh,\n\n"
        "Tram Y |\n\n"
        "| | 31/3/2027 | truc trang | té phuong, xa |\n\n"
        "| 3 | 01/4/2027 - | Theo doi; danh gia | Phong Ké\nhoach tong |\n\n"
        "| | 30/9/2027 | tong két | hop |\n\n"
        "V. HINH THUC\n")
    assert _phases(text) == [(D(2027, 1, 4), D(2027, 2, 26)), (D(2027, 3, 1), D(2027, 3, 31)),
                             (D(2027, 4, 1), D(2027, 9, 30))]


def test_one_dated_peak_amid_work_over_the_span_is_the_one_phase():
    text = HEAD + (
        "III. THỜI GIAN THỰC HIỆN\n"
        "Từ 04-01-2027 đến 30-6-2027. Các hoạt động duy trì suốt thời gian thực hiện, tập trung "
        "cao điểm từ 15-02-2027 đến 15-4-2027 (sau kỳ nghỉ Tết).\n\n"
        "IV. TỔ CHỨC THỰC HIỆN\n")
    assert _phases(text) == [(D(2027, 2, 15), D(2027, 4, 15))]


def test_the_same_peak_as_ocr_reads_it_and_a_named_peak_month():
    text = OCR_HEAD + (
        "III. THOI GIAN THUC HIEN\n"
        "Tir 01/01/2027 dén 31/12/2027; truyén thong thuong xuyén, tap trung vao cao diém tir ngay "
        "01/3 dén ngay 30/4/2027.\n\n"
        "IV. TO CHUC THUC HIEN\n")
    assert _phases(text) == [(D(2027, 3, 1), D(2027, 4, 30))]
    text = HEAD + (
        "III. THỜI GIAN THỰC HIỆN\n"
        "Cả năm 2027, trong đó tháng cao điểm từ 01/9 đến 30/9/2027.\n\n"
        "IV. TỔ CHỨC THỰC HIỆN\n")
    assert _phases(text) == [(D(2027, 9, 1), D(2027, 9, 30))]


def test_runs_of_quarters_written_other_ways():
    text = HEAD + (
        "II. CÁC GIAI ĐOẠN\n"
        "1. Giai đoạn 1: Quý I/2027 - rà soát; hội nghị (15/3 - 16/3).\n"
        "2. Giai đoạn 2 (Quý II, Quý III năm 2027): truyền thông; chiến dịch từ 01/7 đến 31/7.\n"
        "3. Giai đoạn 3 (Quý IV/2027 - Quý I/2028): duy trì; tổng kết ngày 20/3/2028.\n")
    assert _phases(text) == [(D(2027, 1, 1), D(2027, 3, 31)), (D(2027, 4, 1), D(2027, 9, 30)),
                             (D(2027, 10, 1), D(2028, 3, 31))]
    text = HEAD + (
        "II. CÁC GIAI ĐOẠN\n"
        "- Giai đoạn 1 (Quý I): rà soát (20/3 - 25/3).\n"
        "- Giai đoạn 2 (Quý II - III/2027): truyền thông 01/7 - 31/7.\n"
        "- Giai đoạn 3 (Quý IV/2027) duy trì; Tháng hành động (10/11 - 10/12).\n")
    assert _phases(text) == QUARTERS


def test_half_years_and_months_without_a_year_take_the_plans():
    text = HEAD + (
        "II. THỜI GIAN\n"
        "Đợt 1: 06 tháng đầu năm - học kỳ II; ngày hội 15/4 - 15/5.\n"
        "Đợt 2 (sáu tháng cuối năm 2027): tập huấn 01/8 - 15/8.\n")
    assert _phases(text) == [(D(2027, 1, 1), D(2027, 6, 30)), (D(2027, 7, 1), D(2027, 12, 31))]
    text = HEAD + (
        "II. THỜI GIAN\n"
        "- Đợt 1 (tháng 3 - tháng 4/2027): hội thi 20/4 - 22/4.\n"
        "- Đợt 2 (tháng 9/2027): nói chuyện chuyên đề 10/9 - 12/9.\n")
    assert _phases(text) == [(D(2027, 3, 1), D(2027, 4, 30)), (D(2027, 9, 1), D(2027, 9, 30))]


STEPS_OCR = OCR_HEAD + (
    "II. CAC BUOI TRIEN KHAI\n\n"
    "Buoc Thoi gian Noi dung Don vi\n\n"
    "1 04/01/2027 - Chuan bi: xay dung Phong Cong tac\n\n"
    "26/02/2027 tai liéu xa hoi\n\n"
    "2 01/3/2027 - Thang nang cao Khoa Noi soi\n\n"
    "31/3/2027 nhan thtrc\n\n"
    "3 01/4/2027 - Kham luu dong Khoa Kham bénh\n\n"
    "31/8/2027 tai xa\n\n"
    "III. TO CHUC\n")
STEPS = [(D(2027, 1, 4), D(2027, 2, 26)), (D(2027, 3, 1), D(2027, 3, 31)),
         (D(2027, 4, 1), D(2027, 8, 31))]


def test_steps_whose_range_wrapped_as_tabs_and_as_ocr_read_them_without_lines():
    text = HEAD + (
        "II. CÁC BƯỚC TRIỂN KHAI\nBước\tThời gian\tNội dung\tĐơn vị\n"
        "1\t04/01/2027 -\tChuẩn bị: xây dựng\tPhòng Công tác\n\t26/02/2027\ttài liệu\txã hội\n"
        "2\t01/3/2027 -\tTháng nâng cao\tKhoa Nội soi\n\t31/3/2027\tnhận thức\t\n"
        "3\t01/4/2027 -\tKhám lưu động\tKhoa Khám bệnh\n\t31/8/2027\ttại xã\t\n\n"
        "III. TỔ CHỨC\n")
    assert _phases(text) == STEPS
    assert _phases(STEPS_OCR) == STEPS


def test_steps_named_in_their_first_cell():
    text = HEAD + (
        "II. CÁC BƯỚC TRIỂN KHAI\n| Bước | Thời gian | Nội dung |\n|---|---|---|\n"
        "| Bước 1 | 04/01/2027 - | Chuẩn bị |\n| | 26/02/2027 | tài liệu |\n"
        "| Bước 2 | 01/3/2027 - | Tháng nâng cao |\n| | 31/3/2027 | nhận thức |\n\n"
        "III. TỔ CHỨC\n")
    assert _phases(text) == STEPS[:2]


def test_a_month_range_wrapped_in_its_cell_over_the_rows_lines():
    rows = ("Giai đoạn | Thời gian | Nội dung trọng tâm\n"
            "Giai đoạn 1 | Tháng 3 - | Tập huấn\n | tháng 4/2027 | cho hội viên\n | | nòng cốt\n"
            "Giai đoạn 2 | Tháng 5 - | Truyền thông\n | tháng 8/2027 | tại chi hội\n"
            "Giai đoạn 3 | Tháng 9 - | Hội thi\n | tháng 10/2027 | tổng kết\n\n")
    want = [(D(2027, 3, 1), D(2027, 4, 30)), (D(2027, 5, 1), D(2027, 8, 31)),
            (D(2027, 9, 1), D(2027, 10, 31))]
    assert _phases(HEAD + "II. THỜI GIAN\n" + rows + "III. TỔ CHỨC\n") == want
    ocr = rows.replace("\n", "\n\n").replace("\n\n | ", "\n\n| ")
    assert _phases(OCR_HEAD + "II. THOI GIAN\n\n" + ocr + "III. TO CHUC\n") == want


def test_rounds_led_by_a_dash_without_a_year():
    text = HEAD + (
        "II. THỜI GIAN\nTừ 15/6/2027 đến 30/11/2027, ba đợt:\n"
        "Đợt 1 - từ 15/6 đến hết tháng 7: tập huấn.\n"
        "Đợt 2 - tháng 8 và tháng 9 (mùa ong làm tổ): cao điểm.\n"
        "Đợt 3 - tháng 10 và tháng 11: duy trì.\n")
    assert _phases(text) == [(D(2027, 6, 15), D(2027, 7, 31)), (D(2027, 8, 1), D(2027, 9, 30)),
                             (D(2027, 10, 1), D(2027, 11, 30))]


def test_quarters_in_a_tab_tables_cell_the_activities_dates_in_the_next():
    text = HEAD + (
        "II. CÁC GIAI ĐOẠN\nGiai đoạn\tThời gian\tNội dung\n"
        "Giai đoạn 1\tQuý I/2027\tRà soát; hội nghị 15/3\n"
        "Giai đoạn 2\tQuý II - Quý III/2027\tChiến dịch 01/7 - 31/7\n"
        "Giai đoạn 3\tQuý IV/2027\tTháng hành động (10/11 - 10/12)\n\n"
        "III. TỔ CHỨC\n")
    assert _phases(text) == QUARTERS


def test_two_phases_named_inside_one_sentence_of_the_time_section():
    text = HEAD + (
        "II. THỜI GIAN\nKế hoạch thực hiện trong năm 2027, gồm hai giai đoạn: Giai đoạn 1 (6 tháng "
        "đầu năm 2027) tập trung học kỳ II; Giai đoạn 2 (6 tháng cuối năm 2027) khai giảng năm học "
        "mới.\n\nIII. TỔ CHỨC\n")
    assert _phases(text) == [(D(2027, 1, 1), D(2027, 6, 30)), (D(2027, 7, 1), D(2027, 12, 31))]
    text = HEAD + (
        "II. THỜI GIAN\nTriển khai trong năm 2027 theo hai đợt, đợt 1 từ 01/3 đến 30/4/2027 tại "
        "trường học; đợt 2 từ 01/9 đến 31/10/2027 tại cộng đồng.\n\nIII. TỔ CHỨC\n")
    assert _phases(text) == [(D(2027, 3, 1), D(2027, 4, 30)), (D(2027, 9, 1), D(2027, 10, 31))]


def test_months_across_the_years_end_the_year_said_once():
    text = HEAD.replace("năm 2027", "2026 - 2027") + (
        "II. THỜI GIAN\n"
        "- Đợt 1 (tháng 9 - tháng 10/2026): hội nghị.\n"
        "- Đợt 2 (tháng 11 - tháng 01/2027): truyền thông; khám lưu động 21/11 và 12/12.\n")
    assert _phases(text) == [(D(2026, 9, 1), D(2026, 10, 31)), (D(2026, 11, 1), D(2027, 1, 31))]


def test_a_dated_peak_said_other_ways():
    head = HEAD + "II. THỜI GIAN\nTừ 04/01/2027 đến 30/6/2027.\n"
    for said in ("Truyền thông thường xuyên; thời gian cao điểm: từ 15/02/2027 đến 15/4/2027.",
                 "Duy trì cả năm. Cao điểm truyền thông từ ngày 15/02 đến ngày 15/4/2027 (sau Tết).",
                 "Truyền thông thường xuyên, cao điểm từ 15-02-2027 đến 15-4-2027.",
                 "Truyền thông liên tục, tăng cường trong thời gian cao điểm (từ 15/02 đến 15/4/2027)."):
        assert _phases(head + said + "\n\nIII. TỔ CHỨC\n") == [(D(2027, 2, 15), D(2027, 4, 15))], said


def test_rounds_by_months_without_a_year_across_the_years_end():
    head = HEAD.replace("ngày 10 tháng 12 năm 2026", "ngày 05 tháng 8 năm 2026").replace(
        "năm 2027", "mùa đông xuân 2026 - 2027") + (
        "II. THỜI GIAN\nTừ 01/9/2026 đến 28/02/2027, ba đợt:\n")
    want = [(D(2026, 9, 1), D(2026, 10, 31)), (D(2026, 11, 1), D(2027, 1, 31)),
            (D(2027, 2, 1), D(2027, 2, 28))]
    assert _phases(head + "Đợt 1 - tháng 9 và tháng 10: hội nghị.\n"
                   "Đợt 2 - tháng 11 đến tháng 01: truyền thông; khám 21/11.\n"
                   "Đợt 3 - tháng 02: tổng kết.\n\nIII. TỔ CHỨC\n") == want
    assert _phases(head + "Đợt 1 (tháng 9 - 10): hội nghị.\n"
                   "Đợt 2 (tháng 11, 12 và tháng 01 năm sau): truyền thông.\n"
                   "Đợt 3 (tháng 02): tổng kết.\n\nIII. TỔ CHỨC\n") == want


def test_a_cell_of_dates_before_one_of_quarters_and_an_open_month_stays_open():
    text = HEAD + (
        "II. CÁC GIAI ĐOẠN\nGiai đoạn\tQuý\tThời gian\tNội dung\n"
        "Giai đoạn 1\tQuý I\tTừ 15/01 đến 31/3/2027\tRà soát\n"
        "Giai đoạn 2\tQuý II - III\tTừ 01/4 đến 15/9/2027\tChiến dịch\n\nIII. TỔ CHỨC\n")
    assert _phases(text) == [(D(2027, 1, 15), D(2027, 3, 31)), (D(2027, 4, 1), D(2027, 9, 15))]
    text = HEAD + (
        "II. CÁC ĐỢT\nĐợt 1: Cao điểm Tết | Từ ngày 26/01/2027 đến ngày 15/3/2027 | Uống rượu\n"
        "Đợt 2: Thường xuyên | Từ tháng 4/2027 trở đi | Tác hại\n\nIII. TỔ CHỨC\n")
    assert _phases(text)[1][0] == D(2027, 4, 1) and _phases(text)[1][1] != D(2027, 4, 30)


def test_a_dated_peak_without_work_over_the_span_still_splits_it():
    text = HEAD + ("II. THỜI GIAN\nTừ 04/01/2027 đến 30/6/2027; đợt cao điểm từ 15/02 đến 15/4/2027."
                   "\n\nIII. TỔ CHỨC\n")
    assert _phases(text) == [(D(2027, 1, 4), D(2027, 2, 14)), (D(2027, 2, 15), D(2027, 4, 15)),
                             (D(2027, 4, 16), None)]


def test_work_concentrated_in_a_dated_peak_is_the_one_phase():
    # "tập trung cao điểm từ A đến B": the span's work, concentrated then (round 26)
    head = HEAD + "II. THỜI GIAN\nTừ 04/01/2027 đến 30/6/2027; "
    for said in ("tập trung cao điểm từ 15/02 đến 15/4/2027 (sau Tết).",
                 "tập trung vào cao điểm từ ngày 15/02 đến ngày 15/4/2027.",
                 "tập trung cao điểm từ ngày 08/3 đến ngày 22/3/2027 (tuần trước, trong và sau ngày 15/3)."):
        assert len(_phases(head + said + "\n\nIII. TỔ CHỨC\n")) == 1, said
    # a week around a day the work is concentrated in, with no "cao điểm": before, the week, after
    said = "tập trung tuần trước, trong và sau ngày 15/3/2027."
    assert len(_phases(head + said + "\n\nIII. TỔ CHỨC\n")) == 3


def test_a_named_campaigns_peak_said_within_the_span_is_the_one_phase():
    # "Trong đó tổ chức Chiến dịch cao điểm …": the peak sits inside the span's work
    head = HEAD + "II. THỜI GIAN\nTừ 04-01-2027 đến 31-12-2027. "
    for said in ("Trong đó tổ chức Chiến dịch cao điểm truyền thông, diệt lăng quăng từ 15-5-2027 "
                 "đến 15-7-2027 (đầu mùa mưa), tập trung vào phụ nữ mang thai.",
                 "Trong đó, Chiến dịch cao điểm từ ngày 15/5 đến ngày 15/7/2027.",
                 "Trong thời gian này tổ chức chiến dịch cao điểm tiêm chủng từ 15/5/2027 đến "
                 "15/7/2027."):
        assert _phases(head + said + "\n\nIII. TỔ CHỨC\n") == [(D(2027, 5, 15), D(2027, 7, 15))], said
    ocr = OCR_HEAD + ("II. THOI GIAN\nTir 04-01-2027 dén 31-12-2027. Trong dé té chic Chién dich cao "
                      "diém truyén thong tir 15-5-2027 dén 15-7-2027.\n\nIII. TO CHUC\n")
    assert _phases(ocr) == [(D(2027, 5, 15), D(2027, 7, 15))]
    # said on its own, not within: before, the peak, after, as for a "đợt cao điểm"
    assert len(_phases(head + "Chiến dịch cao điểm từ 15/5/2027 đến 15/7/2027.\n\nIII. TỔ CHỨC\n")) == 3


def test_the_span_said_above_the_parts_it_divides_into_is_no_phase():
    head = HEAD.replace("ngày 10 tháng 12 năm 2026", "ngày 05 tháng 9 năm 2026").replace(
        "năm 2027", "năm học 2026 - 2027") + "III. THỜI GIAN THỰC HIỆN\n"
    two = ("Từ 15/9 đến hết ngày 25/5, chia làm hai giai đoạn theo học kỳ:\n"
           "- Học kỳ I (từ 15/9 đến 16/01): rửa tay; tẩy giun lần 1.\n"
           "- Học kỳ II (từ 18/01 đến 25/5): duy trì; tẩy giun lần 2.\n\nIV. NỘI DUNG\n")
    want = [(D(2026, 9, 15), D(2027, 1, 16)), (D(2027, 1, 18), D(2027, 5, 25))]
    assert _phases(head + two) == want
    assert _phases(head + two.replace("/01", "/01/2027").replace("/5", "/5/2027")) == want
    three = ("Từ 01/10/2026 đến 31/5/2027, gồm ba đợt:\n"
             "- Đợt I (từ 01/10 đến 31/12/2026): khởi động.\n"
             "- Đợt II (từ 01/01 đến 31/3/2027): triển khai.\n"
             "- Đợt III (từ 01/4 đến 31/5/2027): tổng kết.\n\nIV. NỘI DUNG\n")
    assert len(_phases(head + three)) == 3
