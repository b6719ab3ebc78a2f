"""Sentences a word processor or an OCR wrapped (#21, round 17): a report clause cut at a blank
line far from its end, a date's year hyphenated onto the next line."""

from __future__ import annotations

import datetime as dt

from bot.domain.planimport import draft_from_text

D = dt.date
HEAD = ("PHÒNG KHÁM ĐA KHOA AN BÌNH\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 12/KH-PK\tngày 10 tháng 3 năm 2027\n\n"
        "KẾ HOẠCH\nTruyền thông phòng, chống bệnh gan năm 2027\n\n"
        "I. MỤC ĐÍCH\nNâng cao nhận thức.\n\n"
        "II. THỜI GIAN\nTừ ngày 01/4/2027 đến ngày 30/9/2027.\n\n")
OCR_HEAD = ("PHONG KHAM DA KHOA AN BINH\tCONG HOA XA HOI CHU NGHIA VIET NAM\n"
            "S6: 12/KH-PK\tngay 10 thang 3 nam 2027\n\n"
            "KE HOACH\nTruyén théng phdng, chéng bénh gan nam 2027\n\n"
            "I. MUC DICH\nNang cao nhan thirc.\n\n"
            "II. THOI GIAN\nTir ngay 01/4/2027 dén ngay 30/9/2027.\n\n")


def _dues(text: str) -> list[dt.date]:
    draft, _ = draft_from_text(text, "plan.txt")
    return sorted(d.due for d in draft.deadlines)


MONTHLY = [D(2027, m + 1, 5) for m in range(4, 10)]


def test_a_report_clause_cut_far_from_the_paragraph_end_goes_on():
    text = HEAD + (
        "III. TỔ CHỨC THỰC HIỆN\n"
        "Giám đốc các phòng khám: bố trí bác sĩ nói chuyện tại doanh nghiệp; gửi báo cáo kết quả "
        "tháng (số buổi nói chuyện, số người được tư vấn, khám) về Phòng\n\n"
        "Truyền thông trước ngày 05 của tháng liền sau, từ tháng 4 đến tháng 9/2027.\n")
    assert _dues(text) == MONTHLY


def test_a_report_clause_cut_far_from_the_paragraph_end_goes_on_ocr():
    text = OCR_HEAD + (
        "III. TO CHU'C THU'C HIEN\n"
        "Giam déc cac phdng kham: bé tri bac si ndi chuyén tai doanh nghiép; gtti bao cdo két qua "
        "thang (sé budi néi chuyén, s6 ngudi dugc tu van, kham) vé Phong\n\n"
        "Truyén théng trudéc ngay 05 cla thang lién sau, tir thang 4 dén thang 9/2027.\n")
    assert _dues(text) == MONTHLY


def test_a_finished_sentence_carries_nothing_over():
    text = HEAD + (
        "III. TỔ CHỨC THỰC HIỆN\n"
        "Các phòng khám gửi báo cáo kết quả tháng về Phòng Truyền thông.\n\n"
        "Phòng Truyền thông in tờ rơi trước ngày 05 của tháng liền sau.\n")
    assert _dues(text) == []


def _events(text: str) -> list[dt.date | None]:
    draft, _ = draft_from_text(text, "plan.txt")
    return [k.date for k in draft.key_dates]


def test_a_date_whose_year_ocr_hyphenated_onto_the_next_line():
    text = OCR_HEAD + (
        "III. NOI DUNG\n"
        "- L€é ra mat chuong trinh tai Phong kham An Binh vao sang tht Bay, ngay 03/4/-\n"
        "2027.\n")
    assert _events(text) == [D(2027, 4, 3)]
    clean = HEAD + ("III. NỘI DUNG\n"
                    "- Lễ ra mắt chương trình tại Phòng khám An Bình vào sáng thứ Bảy, ngày 03/4/2027.\n")
    assert _events(clean) == [D(2027, 4, 3)]

