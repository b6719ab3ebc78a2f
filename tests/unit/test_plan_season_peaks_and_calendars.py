"""Phase layouts of the twentieth blind batch (#21), each with a variant made up beside it: a
season's numbered peaks ("- Cao điểm thứ nhất: …, từ 20-12-2026 đến 05-01-2027;"), also as OCR
bends their "thứ"; and a month-by-month calendar of activities ("Tháng | Hoạt động chính |
Người thực hiện") that is no phase list, also with its column lines gone."""

from __future__ import annotations

import datetime as dt

from bot.domain.planimport import draft_from_text

D = dt.date
HEAD = ("TRUNG TÂM Y TẾ KHU VỰC BẮC HÀ\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 40/KH-TTYT\tBắc Hà, ngày 15 tháng 10 năm 2026\n\n"
        "KẾ HOẠCH\nPhòng chống rét cho trẻ em và người cao tuổi mùa đông 2026 - 2027\n\n")
PEAKS = [(D(2026, 12, 15), D(2027, 1, 10)), (D(2027, 2, 1), D(2027, 2, 20))]


def test_a_seasons_numbered_peaks_are_its_phases():
    draft, _ = draft_from_text(HEAD + (
        "II. THỜI GIAN\n"
        "Kế hoạch thực hiện từ ngày 01-11-2026 đến ngày 31-3-2027, trong đó có hai đợt cao điểm:\n"
        "- Cao điểm thứ nhất: đợt rét đậm đầu mùa, từ 15-12-2026 đến 10-01-2027;\n"
        "- Cao điểm thứ hai: dịp Tết Nguyên đán, từ 01-02-2027 đến 20-02-2027.\n\n"
        "III. NỘI DUNG\n"), "plan.txt")
    assert [(p.start, p.end) for p in draft.phases] == PEAKS
    assert draft.phases[0].name.startswith("Cao điểm 1")


def test_peaks_as_ocr_bends_their_thu():
    draft, _ = draft_from_text(HEAD + (
        "II. THOI GIAN\n"
        "Ké hoach thuc hién ttr ngay 01-11-2026 dén ngay 31-3-2027, trong dé cé hai dot cao diém:\n\n"
        "- Cao diém tht nhat: dot rét dam dau mua, tir 15-12-2026 dén 10-01-2027;\n\n"
        "- Cao diém tht hai: dip Tét Nguyén dan, tir 01-02-2027 dén 20-02-2027.\n\n"
        "III. NOI DUNG\n"), "ocr.txt")
    assert [(p.start, p.end) for p in draft.phases] == PEAKS


WARD = ("UBND PHƯỜNG AN KHÊ\nTRẠM Y TẾ\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 11/KH-TYT\tAn Khê, ngày 10 tháng 3 năm 2027\n\n"
        "KẾ HOẠCH\nPhòng chống đuối nước cho trẻ em\n(từ ngày 01/4/2027 đến ngày 31/8/2027)\n\n"
        "I. MỤC ĐÍCH\n1. Trẻ biết bơi an toàn.\n\n")


def test_a_month_calendar_of_activities_is_no_phase_list():
    draft, _ = draft_from_text(WARD + (
        "II. NỘI DUNG\n"
        "1. Lịch tuyên truyền\n"
        "Tháng\tHoạt động chính\tNgười thực hiện\n"
        "Tháng 4/2027\tHọp tổ dân phố; treo áp phích\tBác sĩ Trạm\n"
        "Tháng 5/2027\tDạy bơi tại hồ bơi phường\tĐoàn phường\n"
        "Tháng 6 - 8/2027\tHè: loa phường, nhóm Zalo\tTrạm Y tế\n\n"
        "III. KINH PHÍ\n"), "plan.txt")
    assert [(p.start, p.end) for p in draft.phases] == [(D(2027, 4, 1), D(2027, 8, 31))]


OCR_WARD = ("UBND PHUONG AN KHE\nTRAM Y TE CONG HOA XA HOI CHU NGHIA VIET NAM\n"
            "S6: 11/KH-TYT An Khé, ngay 10 thang 3 nam 2027\n\n"
            "KE HOACH\nPhong chéng duéi nudc cho tré em\n(tir ngay 01/4/2027 dén ngay 31/8/2027)\n\n"
            "I. MUC DICH\n\n1. Tré biét boi an toan.\n\n")


def test_a_month_calendar_without_its_column_lines():
    draft, _ = draft_from_text(OCR_WARD + (
        "II. NOI DUNG\n\n"
        "1. Lich tuyén truyén\n\n"
        "Thang Hoat déng chinh Nguédi thuc hién\n\n"
        "Thang 4/2027 Hop t6 dan phé; treo 4p phich Bac si Tram\n\n"
        "Thang 5/2027 Day boi tai ho boi phudng Doan phudng\n\n"
        "Thang 6 - 8/2027 He: loa phudng, nhém Zalo Tram Y té\n\n"
        "III. KINH PHI\n"), "ocr.txt")
    assert [(p.start, p.end) for p in draft.phases] == [(D(2027, 4, 1), D(2027, 8, 31))]


def test_a_month_table_with_its_themes_stays_phases():
    draft, _ = draft_from_text(WARD + (
        "II. NỘI DUNG\n"
        "1. Lịch tuyên truyền\n"
        "Tháng\tChủ đề\tHoạt động chính\n"
        "Tháng 4/2027\tAn toàn ở nhà\tHọp tổ dân phố\n"
        "Tháng 5/2027\tHọc bơi\tDạy bơi tại hồ bơi\n"
        "Tháng 6 - 8/2027\tHè an toàn\tLoa phường, nhóm Zalo\n\n"
        "III. KINH PHÍ\n"), "plan.txt")
    assert len(draft.phases) == 3
