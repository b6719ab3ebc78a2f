"""Sixteenth round of rules (#21, twenty-fifth blind batch): "báo cáo" that names no report (a
training for "báo cáo viên", one on "báo cáo ca bệnh / ổ bệnh"), a monthly report "trong thời gian
hai đợt" (not in the gap between them), a progress report due "vào ngày …" on the days named, and
a named day written whole that holds a shorter one a letter off ("bệnh bại liệt", "bệnh dại")."""

from __future__ import annotations

import datetime as dt

from bot.domain.planimport import draft_from_text

D = dt.date
HEAD = ("TRUNG TÂM Y TẾ KHU VỰC\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 52/KH-TTYT\tngày 20 tháng 11 năm 2026\n\n"
        "KẾ HOẠCH\nTruyền thông phòng, chống bệnh năm 2027\n\n"
        "I. MỤC ĐÍCH\nNâng cao nhận thức.\n\n"
        "II. THỜI GIAN\nTừ ngày 01/12/2026 đến ngày 30/11/2027.\n\n")
OCR_HEAD = ("TRUNG TAM Y TE KHU VUC CONG HOA XA HOI CHU NGHIA VIET NAM\n"
            "S6: 52/KH-TTYT ngay 20 thang 11 nam 2026\n\n"
            "KE HOACH\nTruyén thong phong, chong bénh nam 2027\n\n"
            "I. MUC DICH\nNang cao nhan thtrc.\n\n"
            "II. THOI GIAN\nTir ngay 01/12/2026 dén ngay 30/11/2027.\n\n")


def _draft(text: str):
    draft, _ = draft_from_text(text, "plan.txt")
    return draft


def _dated(text: str) -> list[dt.date | None]:
    return [k.date for k in _draft(text).key_dates]


def test_a_training_for_speakers_or_on_reporting_cases_is_an_event():
    text = HEAD + (
        "III. HOẠT ĐỘNG\n"
        "- Tập huấn báo cáo viên, viên chức dân số về nội dung Luật: ngày 16/3/2027.\n"
        "- Tập huấn cho nhân viên y tế bản về phát hiện ca nghi ngờ và báo cáo ổ bệnh: ngày 10/12/2026.\n\n"
        "IV. KINH PHI\n")
    assert sorted(d for d in _dated(text) if d) == [D(2026, 12, 10), D(2027, 3, 16)]


def test_a_training_on_reporting_cases_in_a_table_row_is_an_event():
    text = HEAD + (
        "III. HOẠT ĐỘNG\n"
        "TT | Nội dung hoạt động | Thời gian | Đơn vị chủ trì\n"
        "1 | Tập huấn nhận biết, lấy mẫu, báo cáo ca bệnh nghi ngờ cho Trạm Y tế | 09/4/2027 "
        "| Khoa Phòng bệnh\n\n"
        "IV. KINH PHI\n")
    assert D(2027, 4, 9) in _dated(text)


def test_ocr_bent_training_for_speakers_is_an_event():
    text = OCR_HEAD + (
        "III. HOAT DONG\n"
        "- Tap hudn bao céo vién, vién chttc dan s6 vé ndi dung Luat: ngay 16/3/2027.\n"
        "- Tap huan cho nhan vién y té ban vé phat hién ca nghi ngé va bao cdo 6 bénh: ngay 10/12/2026.\n\n"
        "IV. KINH PHI\n")
    assert sorted(d for d in _dated(text) if d) == [D(2026, 12, 10), D(2027, 3, 16)]


def test_a_report_due_before_a_date_is_still_no_event():
    text = HEAD + (
        "III. HOẠT ĐỘNG\n"
        "- Tổng hợp báo cáo kết quả gửi Sở Y tế: ngày 16/3/2027.\n\n"
        "IV. KINH PHI\n")
    assert _dated(text) == []


PHASES = ("III. CÁC ĐỢT\n"
          "- Đợt 1: từ ngày 01 tháng 3 năm 2027 đến ngày 31 tháng 5 năm 2027 - tìm trẻ.\n"
          "- Đợt 2: từ ngày 01 tháng 9 năm 2027 đến ngày 30 tháng 11 năm 2027 - tiêm đủ mũi.\n\n")


def test_a_monthly_report_in_the_two_dated_rounds_skips_the_gap():
    text = HEAD + PHASES + (
        "IV. TỔ CHỨC THỰC HIỆN\n"
        "1. Hội các xã: báo cáo hằng tháng về Tỉnh Hội trước ngày 20 hằng tháng trong thời gian hai đợt.\n")
    assert [d.due for d in _draft(text).deadlines] == [D(2027, m, 20) for m in (3, 4, 5, 9, 10, 11)]


def test_ocr_monthly_report_in_the_two_dated_rounds_skips_the_gap():
    text = OCR_HEAD + (
        "III. CAC DOT\n"
        "- Dot 1: tir ngay 01/3/2027 dén ngay 31/5/2027 - tim tré.\n"
        "- Dot 2: tir ngay 01/9/2027 dén ngay 30/11/2027 - tiém du mii.\n\n"
        "IV. TO CHUC THUC HIEN\n"
        "1. Hoi cac xa: bao cao hang thang vé Tinh Hoi trudc ngay 20 hang thang trong thdi gian hai dot.\n")
    assert [d.due for d in _draft(text).deadlines] == [D(2027, m, 20) for m in (3, 4, 5, 9, 10, 11)]


def test_a_progress_report_on_the_days_named():
    text = HEAD + PHASES + (
        "IV. TỔ CHỨC THỰC HIỆN\n"
        "2. Trạm Y tế các xã: triển khai tại bản; báo cáo tiến độ Đợt 1 vào ngày 25/3/2027 và ngày "
        "25/4/2027; báo cáo kết quả Đợt 1 trước ngày 05/6/2027.\n")
    assert sorted(d.due for d in _draft(text).deadlines) == [D(2027, 3, 25), D(2027, 4, 25), D(2027, 6, 5)]


def test_ocr_progress_report_on_the_days_named():
    text = OCR_HEAD + (
        "IV. TO CHUC THUC HIEN\n"
        "2. Tram Y té cdc xa: trién khai tai ban; bao cao tién dé Dot 1 vao ngay 25/3/2027 va ngay "
        "25/4/2027.\n")
    assert sorted(d.due for d in _draft(text).deadlines) == [D(2027, 3, 25), D(2027, 4, 25)]


def test_a_report_given_at_a_conference_on_a_day_is_no_deadline():
    text = HEAD + (
        "IV. TỔ CHỨC THỰC HIỆN\n"
        "- Báo cáo tình hình tại Hội nghị sơ kết vào ngày 15/6/2027.\n")
    assert _draft(text).deadlines == []


def test_a_named_day_written_whole_is_not_a_shorter_one_a_letter_off():
    text = HEAD + (
        "III. HOẠT ĐỘNG\n"
        "- Hưởng ứng Ngày Thế giới phòng, chống bệnh bại liệt (24/10): đăng tải tin, bài.\n\n"
        "IV. KINH PHI\n")
    assert [k.day for k in _draft(text).key_dates] == ["24/10"]
