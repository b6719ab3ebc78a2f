"""A school year listed as its terms, each an item with its dates after a colon ("- Học kỳ I: từ
ngày … đến ngày …"), also as OCR reads them ("Hoc ky Il: tt ngay"): the terms are the phases and
the span is theirs, not the first term's; and a month's number OCR set apart from its "tháng"
("… đến tháng" / blank / "4/2028.") (#21)."""

from __future__ import annotations

import datetime as dt

from bot.domain.planimport import draft_from_text

D = dt.date
TERMS = [(D(2027, 9, 6), D(2028, 1, 15)), (D(2028, 1, 24), D(2028, 5, 27))]


def test_terms_after_a_colon_are_the_phases_and_the_span():
    draft, _ = draft_from_text(
        "TRƯỜNG TRUNG CẤP Y AN PHÚ\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 12/KH-TCY\tAn Phú, ngày 20 tháng 8 năm 2027\n\n"
        "KẾ HOẠCH\nGiáo dục an toàn sinh học cho học sinh năm học 2027 - 2028\n\n"
        "II. THỜI GIAN\n"
        "Kế hoạch thực hiện trong năm học 2027 - 2028, gồm hai học kỳ:\n"
        "- Học kỳ I: từ ngày 06/9/2027 đến ngày 15/01/2028.\n"
        "- Học kỳ II: từ ngày 24/01/2028 đến ngày 27/5/2028.\n\n"
        "III. NỘI DUNG\n- Sinh hoạt chuyên đề.\n", "plan.txt")
    assert [(p.start, p.end) for p in draft.phases] == TERMS
    assert (draft.start.value, draft.end.value) == (D(2027, 9, 6), D(2028, 5, 27))


def test_terms_as_ocr_reads_them():
    draft, _ = draft_from_text(
        "TRUONG TRUNG CAP Y AN PHU CONG HOA XA HOI CHU NGHIA VIET NAM\n"
        "S6: 12/KH-TCY An Phu, ngay 20 thang 8 nam 2027\n\n"
        "KE HOACH\nGiao duc an toan sinh hoc cho hoc sinh nam hoc 2027 - 2028\n\n"
        "ll. THO! GIAN\n\n"
        "Ké hoach thuc hién trong nam hoc 2027 - 2028, gdm hai hoc ky:\n\n"
        "- Hoc ky I: tr ngay 06/9/2027 dén ngay 15/01/2028.\n\n"
        "- Hoc ky Il: tt ngay 24/01/2028 dén ngay 27/5/2028.\n\n"
        "Ill. NOI DUNG\n\n- Sinh hoat chuyén dé.\n", "ocr.txt")
    assert [(p.start, p.end) for p in draft.phases] == TERMS
    assert (draft.start.value, draft.end.value) == (D(2027, 9, 6), D(2028, 5, 27))


def test_one_term_item_alone_stays_the_span():
    draft, _ = draft_from_text(
        "TRƯỜNG TRUNG CẤP Y AN PHÚ\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 12/KH-TCY\tAn Phú, ngày 20 tháng 8 năm 2027\n\n"
        "KẾ HOẠCH\nGiáo dục an toàn sinh học học kỳ I năm học 2027 - 2028\n\n"
        "II. THỜI GIAN\n"
        "- Học kỳ I: từ ngày 06/9/2027 đến ngày 15/01/2028.\n\n"
        "III. NỘI DUNG\n- Sinh hoạt chuyên đề.\n", "plan.txt")
    assert (draft.start.value, draft.end.value) == TERMS[0]


def test_a_month_number_set_apart_from_its_word_by_ocr():
    draft, _ = draft_from_text(
        "SO Y TE AN PHU CONG HOA XA HOI CHU NGHIA VIET NAM\n"
        "S6: 40/KH-SYT An Phu, ngay 10 thang 12 nam 2027\n\n"
        "KE HOACH\nPhong chéng bénh dai nam 2028\n\n"
        "II. THOI GIAN\n\nKé hoach thuc hién tir ngay 01/01/2028 dén ngay 31/12/2028.\n\n"
        "III. TO CHUC THUC HIEN\n\n"
        "1. Cac tram y té bao cao sé ca bi déng vat can truéc ngay 25 hang thang, "
        "tir thang 1/2028 dén thang\n\n"
        "4/2028.\n\n"
        "2. Phong Y té huyén tong hop.\n", "ocr.txt")
    assert [d.due for d in draft.deadlines] == [D(2028, m, 25) for m in (1, 2, 3, 4)]
