"""Key dates as OCR without Vietnamese data leaves them (#21, round 19): an item's dated last line
set apart by a blank line, a department named "tổng hợp" before an event's date."""

from __future__ import annotations

import datetime as dt

from bot.domain.planimport import draft_from_text
from bot.domain.planimport.text import split

D = dt.date
HEAD = ("BỆNH VIỆN ĐA KHOA AN BÌNH\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 12/KH-BV\tngày 10 tháng 12 năm 2026\n\n"
        "KẾ HOẠCH\nTruyền thông phòng, chống bệnh gan năm 2027\n\n"
        "I. MỤC ĐÍCH\nNâng cao nhận thức.\n\n"
        "II. THỜI GIAN\nTừ ngày 01/01/2027 đến ngày 31/12/2027.\n\n"
        "III. HOẠT ĐỘNG\n")
OCR_HEAD = ("BENH VIEN DA KHOA AN BINH\tCONG HOA XA HOI CHU NGHIA VIET NAM\n"
            "S6: 12/KH-BV\tngay 10 thang 12 nam 2026\n\n"
            "KE HOACH\nTruyén théng phdng, chéng bénh gan nam 2027\n\n"
            "I. MUC DICH\nNang cao nhan thirc.\n\n"
            "II. THOI GIAN\nTir ngay 01/01/2027 dén ngay 31/12/2027.\n\n"
            "III. HOAT DONG\n")


def _dated(text: str) -> set[dt.date]:
    draft, _ = draft_from_text(text, "plan.txt")
    return {k.date for k in draft.key_dates if k.date}


def test_an_items_dated_last_line_set_apart_by_ocr_is_its_own():
    text = OCR_HEAD + (
        "- Hdi thao vé cham séc ngudi bénh gan cho diéu dudng cac khoa:\n\n"
        "Tht Nam, ngay 15/4/2027.\n\n"
        "- Nédi chuyén chuyén dé cho ngudi bénh tai hdi truéng\n\n"
        "Nha khach Bénh vién vao ngay 20/5/2027.\n")
    assert {D(2027, 4, 15), D(2027, 5, 20)} <= _dated(text)


def test_a_paragraph_below_a_closed_item_is_not_its_date():
    text = HEAD + (
        "- Hội thảo về chăm sóc người bệnh gan cho điều dưỡng các khoa.\n\n"
        "Ngày 15/4/2027, các khoa gửi danh sách về Phòng Điều dưỡng.\n")
    assert D(2027, 4, 15) not in _dated(text)


def test_a_department_named_tong_hop_is_no_report():
    text = HEAD + "- Tập huấn cho điều dưỡng Khoa Nội tổng hợp về chăm sóc người bệnh gan: ngày 17/3/2027.\n"
    assert D(2027, 3, 17) in _dated(text)


def test_a_compiled_report_still_dates_no_event():
    text = HEAD + "- Các khoa tổng hợp kết quả tập huấn: ngày 17/3/2027.\n"
    assert D(2027, 3, 17) not in _dated(text)


def test_a_lettered_items_body_set_apart_by_ocr_dates_it():
    text = OCR_HEAD + (
        "a) Tap huan cho bao cao vién cap xa\n\n"
        "T6 chitc 01 I6p tap huan cho 120 can b6 cac x4, phuong, ngay 15/4/2027 tai Hdi truéng.\n")
    assert D(2027, 4, 15) in _dated(text)


def test_a_date_ocr_hyphenated_before_its_slash_is_whole():
    plan = split("- Tap huan ngay 15/4-\n/2027 tai Hoi truong.\n")
    assert "15/4/2027" in plan.paras[0].low


def test_an_items_number_with_its_dot_read_as_a_comma():
    text = OCR_HEAD + (
        "1, Tap hudn cap nhat phac dé cho ngudi phy trach cac nha thudc, t6 chtrc ngay 25/02/2027 "
        "tai Hdi truéng Bénh vién.\n")
    assert D(2027, 2, 25) in _dated(text)


def test_a_named_days_o_read_as_a_six_inside_its_word():
    text = OCR_HEAD + ("- Phéng su dip Ngay Quéc gia phong, chéng céc réi loan do thiéu i-6t (02/11) "
                       "trén Dai Phat thanh tinh.\n")
    draft, _ = draft_from_text(text, "plan.txt")
    assert "02/11" in {k.day for k in draft.key_dates}


def test_a_listed_word_ocr_bent_to_den_or_sau_is_no_deadline_word():
    text = OCR_HEAD + (
        "- Tap huan quy trinh dua dén, so cttu tré bi séc nhiét, ngat: ngay 12/9/2027 tai phong da nang.\n"
        "- Tap huan: Hdi nghi tap huan ky thuat phoi, sdy, bao quan néng san cho 150 chu co so "
        "ngay 22/6/2027 tai Hdi truéng.\n")
    assert {D(2027, 9, 12), D(2027, 6, 22)} <= _dated(text)


def test_den_before_its_date_still_bounds_it():
    text = HEAD + "- Các khoa gửi danh sách học viên đến Phòng Điều dưỡng ngày 12/9/2027.\n"
    assert D(2027, 9, 12) not in _dated(text)


def test_a_comma_after_a_date_opens_the_next_dates_clause():
    text = HEAD + ("- Chặng 3 (01/4 - 15/5/2027): Gan khỏe. Cuộc thi vẽ tranh kết thúc ngày 05/5/2027, "
                   "trao giải dưới cờ ngày 10/5/2027.\n")
    dated = _dated(text)
    assert D(2027, 5, 10) in dated and D(2027, 5, 5) not in dated


def test_ket_thuc_as_ocr_bends_it_ends_no_event():
    text = OCR_HEAD + ("- Chang 3 (01/4 - 15/5/2027): Gan khde. Cudc thi vé tranh két thic ngay 05/5/2027, "
                       "trao giai duéi cd ngay 10/5/2027.\n")
    dated = _dated(text)
    assert D(2027, 5, 10) in dated and D(2027, 5, 5) not in dated


def test_a_month_row_ocr_flattened_dates_its_events():
    text = OCR_HEAD + ("Thang 3 - 4/2027 Chuan bi: xay dung tai liéu, té roi; tap huan cho Tram Y té 12 xa "
                       "ngay 23/3/2027 Kham bénh Phong Chi dao tuyén\n")
    assert D(2027, 3, 23) in _dated(text)


def test_a_quarter_rows_dated_line_set_apart_by_ocr_is_its_own():
    text = OCR_HEAD + ("Quy 1/2027 Gidi thiéu dich vu kham tu xa; Tap huan cho vién chttc 08 Tram Y té\n\n"
                       "Trung tam Chi dao tuyén; hudng dan ngudi dan dat lich tai Tram (Ther Nam, "
                       "ngay 18/3/2027); in Phong Céng tac\n")
    assert D(2027, 3, 18) in _dated(text)


def test_a_week_row_ocr_flattened_dates_its_events_after_its_span():
    text = OCR_HEAD + ("1 07/9 - 12/9/2027 Thu sé, phiéu tiém ching; tap huan truc tuyén cho nhan vién y té "
                       "truong hoc ngay 09/9/2027 S6 GDDT\n")
    assert D(2027, 9, 9) in _dated(text)


def test_a_month_rows_line_set_apart_dated_by_its_weekday():
    text = OCR_HEAD + ("Thang 4 - 5/2027 Gan nhiém m&: kiém soat Hudng tng Ngay hdi gan khde Khoa Néi;\n\n"
                       "hen, dung thuéc dy phong; (tht Ba, 04/5/2027); Phong CTXH\n")
    assert D(2027, 5, 4) in _dated(text)


def _days(text: str) -> set[str]:
    draft, _ = draft_from_text(text, "plan.txt")
    return {k.day for k in draft.key_dates if k.day}


def test_a_named_day_another_columns_words_run_into():
    text = OCR_HEAD + (
        "5 - 8 05/10 - 31/10/2027 Tiém bu dot 1; hudng tng Ngay Thé gidi phong, chong Tram Y té, truong "
        "bénh bai liét (24/10)\n\n"
        "Quy IV/2027 Dau day than kinh; cham séc Hudng tng Ngay Quéc té Ngudi cao Phong Céng tac ngudi "
        "cao tuéi; danh gia, téng két tuéi (01/10); Hdi thao chuyén dé\n")
    assert {"24/10", "01/10"} <= _days(text)


def test_a_named_days_words_with_another_days_date_are_not_it():
    text = OCR_HEAD + ("Quy IV/2027 Hudng tng Ngay Quéc té Ngudi cao Phong Céng tac ngudi cao tuéi; "
                       "danh gia (15/11); Hdi thao chuyén dé\n")
    assert "01/10" not in _days(text)


def test_a_longer_named_day_ocr_bent_at_its_end_is_not_the_shorter_it_begins():
    for said in ("dau cé", "dau cho"):
        text = OCR_HEAD + f"- Dang bai huéng ting Ngay Thé gidi phdng, chéng ung thu {said} tai Fanpage.\n"
        days = _days(text)
        assert "27/07" in days and "04/02" not in days, said


def test_sunday_ocr_bent_dates_a_month_rows_line_set_apart():
    text = OCR_HEAD + ("Thang 5 - 7/2027 Cao diém mia nang: kham luu dong tai Khoa Da liéu bén ca;\n\n"
                       "ngudi lao déng bién Chi nhat 16/5/2027 Fanpage 03 bai/ Phong CTXH\n")
    assert D(2027, 5, 16) in _dated(text)


def test_sunday_ocr_bent_is_a_weekday_before_its_date():
    from bot.domain.planimport.ocrfix import repair
    fixed = repair("Chi nhat, ngay 18/4/2027; cham nhat ngay 20/4/2027")
    assert fixed.startswith("Chu nhat, ") and "cham nhat" in fixed


def test_a_row_of_weeks_ocr_flattened_dates_its_events():
    text = OCR_HEAD + ("14 - 17 Giai doan 1 - chuan bi Ra soat danh sach hé lam hau Khoa Truyén théng; "
                       "(05/4 - 02/5/2027) nudi nghéu; tap huan cho nhan TTYT khu vuc vién y té xa vao "
                       "tht Ba tuan 16 (20/4/2027)\n")
    assert D(2027, 4, 20) in _dated(text)


def test_a_rows_date_on_its_next_line_with_empty_cells_ocr_dropped():
    text = OCR_HEAD + ("| TT | Hoat déng | Thdi gian | Chu tri | Phdi hop |\n"
                       "| 1 | Hdi thi \"An toan - vé sinh vién gidi\" | Ther Bay, ngay | BCH CDCS "
                       "| Ban Gidm déc |\n\n"
                       "| | 20/11/2027 | | |\n")
    assert D(2027, 11, 20) in _dated(text)


def test_a_sentence_below_an_item_that_dates_itself_is_its_own():
    text = HEAD + ("- Đợt 3: từ ngày 01/9/2027, duy trì và tổng kết\n\n"
                   "Lễ phát động chiến dịch được tổ chức vào ngày 05/3/2027 tại Trung tâm Y tế huyện.\n")
    draft, _ = draft_from_text(text, "plan.txt")
    assert all("Lễ phát động" not in p.name for p in draft.phases)


def test_a_months_two_digits_ocr_set_apart_are_one_number():
    from bot.domain.planimport.text import ocr_digits
    for said in ("viem phoi (12/1 1); ngay", "ngay 15/1 1/2027 cua", "thang 7 - 1 1/2027, tram"):
        assert "11" in ocr_digits(said) and len(ocr_digits(said)) == len(said)
    assert ocr_digits("co 1 1 lop") == "co 1 1 lop"


def test_a_named_day_run_into_with_a_syllable_bent():
    text = OCR_HEAD + (
        "9 - 12 02/11 - 28/11/2027 Tiém bu dot 2; hudng tng Ngay Thé gidi phong, chong Tram Y té, truong "
        "viec phoi (12/11); Ngay hdi tai cac truong mam non\n")
    assert "12/11" in _days(text)
