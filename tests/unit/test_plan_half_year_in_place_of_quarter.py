"""A quarterly rule whose quý II report is the 6-month one, the 6-month report named first
("báo cáo 6 tháng thay (cho) báo cáo quý II"): due on quý II's day, also when another unit dates
a 6-month report of its own (#21, twenty-seventh blind batch)."""

from __future__ import annotations

import datetime as dt

from bot.domain.planimport import draft_from_text

D = dt.date
HEAD = ("SỞ Y TẾ TỈNH AN PHÚ\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 210/KH-SYT\tAn Phú, ngày 18 tháng 12 năm 2026\n\n"
        "KẾ HOẠCH\nTruyền thông phòng, chống hành nghề y trái phép năm 2027\n\n"
        "I. THỜI GIAN\nNăm 2027.\n\n")


def _dues(text: str) -> list[dt.date]:
    draft, _ = draft_from_text(text, "plan.txt")
    return sorted(d.due for d in draft.deadlines)


def test_six_month_report_named_first_in_place_of_the_second_quarter():
    text = HEAD + (
        "II. TỔ CHỨC THỰC HIỆN\n"
        "1. Trung tâm Kiểm soát bệnh tật\n"
        "- Tổng hợp, báo cáo Sở Y tế: báo cáo 6 tháng trước ngày 20/6/2027, báo cáo năm trước ngày "
        "20/11/2027.\n"
        "2. Trung tâm Y tế các khu vực\n"
        "- Báo cáo kết quả định kỳ hằng quý về Trung tâm Kiểm soát bệnh tật trước ngày 15 của tháng\n"
        "cuối quý; báo cáo 6 tháng thay cho báo cáo quý II, báo cáo năm thay cho báo cáo quý IV và gửi\n"
        "trước ngày 15/11/2027.\n")
    assert _dues(text) == [D(2027, 3, 15), D(2027, 6, 15), D(2027, 6, 20), D(2027, 9, 15),
                           D(2027, 11, 15), D(2027, 11, 20)]


def test_six_month_report_in_place_of_a_quarter_as_ocr_reads_it():
    text = (
        "SO Y TE TINH AN PHU CONG HOA XA HOI CHU NGHIA VIET NAM\n"
        "S6: 210/KH-SYT An Phu, ngay 18 thang 12 nam 2026\n\n"
        "KE HOACH\nTruyén thong phong, chéng hanh nghé y trai phép nam 2027\n\n"
        "I. THOI GIAN\nNam 2027.\n\n"
        "II. TO CHUC THUC HIEN\n\n"
        "1. Trung tam Kiém soat bénh tat\n\n"
        "- Téng hop, bao cao Sé Y té: bao cao 6 thang trudc ngay 20/6/2027, bao cao nam trudc ngay\n"
        "20/11/2027.\n\n"
        "2. Trung tam Y té cac khu vuc\n\n"
        "- Bao cao két qua theo quy vé Trung tam Kiém soat bénh tat trudéc ngay 18 cua\n"
        "thang cudi quy; bao cdo 6 thang thay bao cdo quy II; bao cao nam thay bao cdo quy IV, gti\n"
        "trudc ngay 15/11/2027.\n")
    assert {D(2027, 3, 18), D(2027, 6, 18), D(2027, 9, 18)} <= set(_dues(text))
