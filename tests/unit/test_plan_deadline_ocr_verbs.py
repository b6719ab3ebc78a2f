"""A deadline whose verb OCR bent (#21, round 19): "gửi" read "gti" ("thong ké sé ca, gti Khoa …
vao ngay 30-6-2027") is still the report's verb, its date a deadline."""

from __future__ import annotations

import datetime as dt

from bot.domain.planimport import draft_from_text

D = dt.date
OCR_HEAD = ("TRUNG TAM Y TE CONG HOA XA HOI CHU NGHIA VIET NAM\n"
            "S6: 17/KH-TTYT ngay 10 thang 12 nam 2026\n\n"
            "KE HOACH\nTruyén thong phong, chong bénh nam 2027\n\n"
            "I. MUC DICH\nNang cao nhan thtrc.\n\n"
            "II. THOI GIAN\nNam 2027.\n\n"
            "III. TO CHUC THUC HIEN\n")


def _dues(text: str) -> list[dt.date]:
    draft, _ = draft_from_text(text, "plan.txt")
    return [d.due for d in draft.deadlines]


def test_a_report_sent_with_its_gui_ocr_read_as_gti_is_dated():
    assert _dues(OCR_HEAD + (
        "Khoa Kham bénh va Khoa Mat tiép nhan, diéu tri, thong ké sé ca, gti Khoa Kiém soat bénh tat "
        "vao ngay 30-6-2027 va ngay 25-10-2027.\n")) == [D(2027, 6, 30), D(2027, 10, 25)]


def test_a_report_whose_cao_ocr_read_as_co_is_dated():
    assert _dues(OCR_HEAD + (
        "- Bdo co két qua kham, tu van theo quy vé Phong Céng tac xa hdi trudc ngay 05 cua thang dau "
        "quy sau.\n")) == [D(2027, 4, 5), D(2027, 7, 5), D(2027, 10, 5), D(2028, 1, 5)]


def test_a_truoc_ocr_read_as_tric_or_cut_by_a_quote_mark_still_dates_its_report():
    assert _dues(OCR_HEAD + (
        "1. Phong Y té: tong hop, bao cdo két qua so két vé S6 Y té tric ngay 15/6/2027.\n"
        "2. Cac Tram Y té: bao cao két qua dinh ky 6 thang tru‘éc ngay 20/6/2027.\n")) == [
        D(2027, 6, 15), D(2027, 6, 20)]


def test_a_reports_dated_list_ocr_broke_at_a_blank_line_after_a_semicolon_goes_on():
    assert _dues(OCR_HEAD + (
        "- Bao cao két qua sau mdi dot vé Trung tam: Dot 1 trudc ngay 25/02/2027; Dot 2\n"
        "trudc ngay 20/5/2027;\n\n"
        "Dot 3 trudéc ngay 25/9/2027.\n")) == [D(2027, 2, 25), D(2027, 5, 20), D(2027, 9, 25)]


def test_a_date_ocr_cut_before_its_years_slash_is_one_date_again():
    assert _dues(OCR_HEAD + (
        "1. Khoa Kiém soat bénh tat: tong hop bao cao két qua ting dot gti Ban Gidm déc truéc ngay 10/5-\n"
        "/2027 va 10/11/2027;\n")) == [D(2027, 5, 10), D(2027, 11, 10)]


def test_bao_co_after_dam_or_thong_is_no_report_mended():
    # "đảm bảo có đủ …", "thông báo cơ quan …" as OCR (or a plan typed without marks) reads them:
    # no "báo cáo", so the date is no report's deadline
    assert _dues(OCR_HEAD + (
        "- Cac xa dam bao co du kinh phi, vat tu cho dot tiem truoc ngay 30/6/2027.\n"
        "- Khi phat hien ca bénh, théng bao co quan y té truéc ngay 15/7/2027.\n")) == []
