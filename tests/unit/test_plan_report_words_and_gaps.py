"""Sixteenth round of rules (#21, twenty-fifth blind batch): "báo cáo" that names no report (a
training for "báo cáo viên", one on "báo cáo ca bệnh / ổ bệnh"), a monthly report "trong thời gian
hai đợt" (not in the gap between them), a progress report due "vào ngày …" on the days named, and
a named day written whole that holds a shorter one a letter off ("bệnh bại liệt", "bệnh dại"); a
mobile team's examination ("Khám, tư vấn lưu động") as a mobile_van; in a quarter table OCR took the
tabs of, a second "Quy 1/2027" row (its "II" read as "1") and the events a quarter's row dates."""

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


def _quotas(text: str) -> list[tuple[str, int, str]]:
    return [(q.activity, q.count, q.per) for q in _draft(text).quotas]


def test_a_mobile_teams_examination_is_a_mobile_van():
    text = HEAD + (
        "III. HÌNH THỨC\n"
        "- Khám, tư vấn lưu động tại các xã, phường: 02 buổi/quý, ưu tiên xã miền núi.\n"
        "- Khám sàng lọc lưu động tại các buôn: 02 buổi/tuần.\n\n"
        "IV. KINH PHI\n")
    assert _quotas(text) == [("mobile_van", 2, "quarter"), ("mobile_van", 2, "week")]


def test_talks_by_the_session_stay_conferences():
    text = HEAD + (
        "III. HÌNH THỨC\n"
        "- Tư vấn nhóm tại Khoa Nhi: 02 buổi/tuần.\n\n"
        "IV. KINH PHI\n")
    assert _quotas(text) == [("conference", 2, "week")]


QUARTERS_OCR = ("III. NOI DUNG\n2. Tién dé theo quy\n\n"
                "Thdi gian Ndi dung trong tam Hoat d6ng chinh Don vi thuc hién\n\n"
                "Quy 1/2027 Chuan bj tai liéu; tap huan cho bac si, Bién soan, in td gap;\n"
                "Phong Cong tac\n\n"
                "Quy 1/2027 Nhan biét sém zona, diéu tri trong Ngay hdi tu van, kham\n"
                "Khoa Kham bénh,\n\n"
                "Quy III/2027 Ngudi bénh man tinh (dai thao dudng, Kham luu déng tai cac xa\n"
                "Khoa Da liéu\n\n"
                "Quy IV/2027 Dau day than kinh sau zona; cham séc Huéng ting Ngay Quéc té\n"
                "Phong Cong tac\n\n"
                "IV. KINH PHI\n")


def test_ocr_quarter_rows_the_second_read_as_the_first_is_the_second():
    text = OCR_HEAD.replace("Tir ngay 01/12/2026 dén ngay 30/11/2027", "Nam 2027") + QUARTERS_OCR
    assert [(p.start, p.end) for p in _draft(text).phases] == [
        (D(2027, 1, 1), D(2027, 3, 31)), (D(2027, 4, 1), D(2027, 6, 30)),
        (D(2027, 7, 1), D(2027, 9, 30)), (D(2027, 10, 1), D(2027, 12, 31))]


def test_ocr_quarter_rows_date_their_events_after_the_label():
    text = OCR_HEAD.replace("Tir ngay 01/12/2026 dén ngay 30/11/2027", "Nam 2027") + (
        "III. NOI DUNG\n2. Tién dé theo quy\n\n"
        "Quy 1/2027 Chuan bj tai liéu; tap huan cho bac si, Bién soan, in td gap;\n"
        "diéu dung vé tu van zona va vac tap huan ngay 18/3/2027 tai Hdi xa hdi, Khoa\n\n"
        "Quy IV/2027 Dau day than kinh sau zona; cham séc ngudi cao tudi; danh gia;\n"
        "Hdi thao chuyén dé xa hdi, Phong ngay 12/11/2027; t6ng két nam\n\n"
        "IV. KINH PHI\n")
    assert sorted(d for d in _dated(text) if d) == [D(2027, 3, 18), D(2027, 11, 12)]
