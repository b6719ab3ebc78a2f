"""Ninth round of rules (#21, eighteenth blind batch): a monthly report due only in some months
("trong giai đoạn 2 (từ tháng 7 đến tháng 12)", "…, từ tháng 4 đến tháng 7"), quarters listed
after the rule ("(quý I, II, III)"), a closing table's bare date under "Thời hạn", phases named in
a table's first cell with their period bracketed, stages named by words inside running prose, an
activity's open date under "NỘI DUNG, THỜI GIAN", and an item OCR cut by a blank line."""

from __future__ import annotations

import datetime as dt

from bot.domain.planimport import draft_from_text

D = dt.date
HEAD = ("TRUNG TÂM Y TẾ\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 41/KH-TTYT\tngày 12 tháng 12 năm 2026\n\n"
        "KẾ HOẠCH\nTruyền thông phòng, chống bệnh năm 2027\n\n"
        "I. MỤC ĐÍCH\nNâng cao nhận thức.\n\n")
OCR_HEAD = ("TRUNG TAM Y TE CONG HOA XA HOI CHU NGHIA VIET NAM\n"
            "S6: 41/KH-TTYT ngay 12 thang 12 nam 2026\n\n"
            "KE HOACH\nTruyén thong phong, chong bénh nam 2027\n\n"
            "I. MUC DICH\nNang cao nhan thtrc.\n\n")


def _draft(text: str):
    draft, _ = draft_from_text(text, "plan.txt")
    return draft


def _dues(text: str) -> list[dt.date]:
    return [d.due for d in _draft(text).deadlines]


def _phases(text: str) -> list[tuple[dt.date | None, dt.date | None]]:
    return [(p.start, p.end) for p in _draft(text).phases]


def test_a_monthly_report_only_in_the_phase_it_names():
    text = HEAD + (
        "II. THỜI GIAN\n"
        "1. Giai đoạn 1 (01/01/2027 - 30/6/2027): chuẩn bị, tập huấn.\n"
        "2. Giai đoạn 2 (01/7/2027 - 31/12/2027): cao điểm.\n\n"
        "III. TỔ CHỨC THỰC HIỆN\n"
        "1. Các trạm y tế: báo cáo về Trung tâm trước ngày 18 hằng tháng trong giai đoạn 2.\n")
    assert _dues(text) == [D(2027, m, 18) for m in range(7, 13)]


def test_a_monthly_report_in_the_months_it_names_even_past_the_span():
    text = HEAD + (
        "II. THỜI GIAN\nTừ 01/02/2027 đến 30/6/2027.\n\n"
        "III. TỔ CHỨC THỰC HIỆN\n"
        "- Trạm Y tế báo cáo kết quả về Trung tâm trước ngày 07 hằng tháng (số liệu tháng trước), "
        "từ tháng 3 đến tháng 7/2027.\n")
    assert _dues(text) == [D(2027, m, 7) for m in range(3, 8)]


def test_quarters_listed_after_the_rule_and_a_closing_table_of_bare_dates():
    text = HEAD + (
        "II. THỜI GIAN\nNăm 2027.\n\n"
        "III. TỔ CHỨC THỰC HIỆN\nCác khoa thực hiện.\n\n"
        "Thời hạn báo cáo\n"
        "Nội dung báo cáo | Đơn vị báo cáo | Nơi nhận | Thời hạn\n"
        "Báo cáo quý | Các khoa | Phòng Kế hoạch | Trước ngày 20 tháng cuối quý (quý I, II, III)\n"
        "Báo cáo tổng kết năm | Phòng Kế hoạch | Sở Y tế | 05/12/2027\n")
    assert _dues(text) == [D(2027, 3, 20), D(2027, 6, 20), D(2027, 9, 20), D(2027, 12, 5)]


def test_phases_named_in_a_tables_first_cell_with_their_period_bracketed():
    text = HEAD + (
        "II. NỘI DUNG HOẠT ĐỘNG\n"
        "Thời gian | Nội dung hoạt động | Đơn vị thực hiện\n"
        "Khởi động (tháng 01 - tháng 03/2027) | Xây dựng tài liệu | Khoa Truyền thông\n"
        " | In tờ rơi (tuần 2 tháng 02) | Khoa Truyền thông\n"
        "Triển khai rộng rãi (tháng 4 - tháng 9/2027) | Nói chuyện tại thôn | Trạm Y tế\n"
        "Tổng kết (tháng 10 - tháng 12/2027) | Đánh giá | Trung tâm\n")
    assert _phases(text) == [(D(2027, 1, 1), D(2027, 3, 31)), (D(2027, 4, 1), D(2027, 9, 30)),
                             (D(2027, 10, 1), D(2027, 12, 31))]


def test_stages_named_by_words_in_running_prose():
    text = HEAD + (
        "II. NỘI DUNG VÀ THỜI GIAN THỰC HIỆN\n"
        "Kế hoạch triển khai từ ngày 01/3/2027 đến ngày 31/8/2027, gồm ba giai đoạn. Giai đoạn khởi\n"
        "động từ ngày 01/3/2027 đến ngày 31/3/2027, tập huấn cộng tác viên; trong giai đoạn này loa\n"
        "phát thanh 02 lần/tuần. Giai đoạn tăng cường từ ngày 01/4/2027 đến ngày 31/7/2027, nói\n"
        "chuyện tại thôn. Giai đoạn đánh giá từ ngày 01/8/2027 đến ngày 31/8/2027, tổng kết.\n")
    assert _phases(text) == [(D(2027, 3, 1), D(2027, 3, 31)), (D(2027, 4, 1), D(2027, 7, 31)),
                             (D(2027, 8, 1), D(2027, 8, 31))]


def test_an_activitys_open_date_under_content_and_time_is_no_span():
    text = HEAD.replace("năm 2027\n", "năm 2027\n", 1) + (
        "II. NỘI DUNG, THỜI GIAN\n"
        "1. Tháng 3/2027 - chuẩn bị\n"
        "- Tuần 1 tháng 3: lập danh sách người bệnh phát hiện từ tháng 10/2026.\n\n"
        "2. Tháng 4 - 5/2027 - cao điểm\n- Nói chuyện tại khu phố.\n\n"
        "3. Tháng 6/2027 - tổng kết\n- Đánh giá.\n")
    draft = _draft(text)
    assert (draft.start.value, draft.end.value) == (D(2027, 3, 1), D(2027, 6, 30))


def test_an_item_ocr_cut_by_a_blank_line_goes_on():
    text = HEAD + (
        "II. THỜI GIAN\nNăm 2027.\n\n"
        "III. TỔ CHỨC THỰC HIỆN\n"
        "1. Khoa Dinh dưỡng: đầu mối; tổng hợp báo cáo Trung tâm Kiểm soát\nbệnh\n\n"
        "tật 6 tháng trước ngày 12/6/2027, năm trước ngày 12/12/2027.\n")
    assert _dues(text) == [D(2027, 6, 12), D(2027, 12, 12)]


def test_an_item_filling_its_line_goes_on_past_ocrs_blank_line_into_its_rule():
    text = OCR_HEAD + (
        "II. THOI GIAN\nNam 2027.\n\n"
        "III. TO CHUC THUC HIEN\n"
        "3. Trung tam Y té cdc khu vuc: trién khai tai truong hoc; bao cdo Trung tam Kiém soat bénh tat\n\n"
        "hang quy, trudc ngay 22 cia thang cudi quy.\n")
    assert _dues(text) == [D(2027, 3, 22), D(2027, 6, 22), D(2027, 9, 22), D(2027, 12, 22)]


def test_a_step_whose_vowel_ocr_read_as_a_digit():
    text = OCR_HEAD + (
        "II. NOI DUNG, TIEN DO\n"
        "Budc 1 (thang 01 - thang 04/2027): khao sat, bién soan tai liéu.\n"
        "Busc 2 (thang 5 - thang 8/2027): truyén thong tai khu dan cu.\n\n"
        "Bu6c 3 (thang 9 - thang 12/2027): danh gia, téng két.\n")
    assert _phases(text) == [(D(2027, 1, 1), D(2027, 4, 30)), (D(2027, 5, 1), D(2027, 8, 31)),
                             (D(2027, 9, 1), D(2027, 12, 31))]


def test_a_month_the_rule_dates_itself_in_brackets_is_not_due_by_the_rule():
    text = HEAD + (
        "II. THỜI GIAN\nTừ 01/9/2026 đến 31/5/2027.\n\n"
        "III. TỔ CHỨC THỰC HIỆN\n"
        "- Các trường báo cáo về Trung tâm trước ngày 28 hằng tháng (tháng 02/2027 trước ngày "
        "24/02/2027), từ tháng 11/2026 đến tháng 3/2027.\n")
    assert _dues(text) == [D(2026, 11, 28), D(2026, 12, 28), D(2027, 1, 28), D(2027, 2, 24),
                           D(2027, 3, 28)]
