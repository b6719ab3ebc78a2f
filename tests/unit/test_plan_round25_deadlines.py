"""Monthly reports (#21, round 25): a range of months whose last month's year follows a hyphen, as plans
writing dates "10-4-2027" write it ("từ tháng 01 đến tháng 5-2027"); a month's year OCR hyphenated inside
its digits at a line's end ("đến tháng 11/2-" / "027;"), one year again."""

from __future__ import annotations

import datetime as dt

from bot.domain.planimport import draft_from_text

D = dt.date


def _dues(text: str) -> list[dt.date]:
    draft, _ = draft_from_text(text, "plan.txt")
    return sorted(d.due for d in draft.deadlines)


def test_a_monthly_reports_range_whose_year_follows_a_hyphen():
    text = ("TRƯỜNG CAO ĐẲNG Y TẾ\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "Số: 77/KH-CĐYT\tngày 15 tháng 12 năm 2026\n\n"
            "KẾ HOẠCH\nTruyền thông phòng chống sốt xuất huyết trong ký túc xá\n\n"
            "I. MỤC ĐÍCH\nNâng cao nhận thức.\n\n"
            "II. THỜI GIAN\nTừ ngày 10-01-2027 đến ngày 30-4-2027.\n\n"
            "III. TỔ CHỨC THỰC HIỆN\n"
            "- Ban Quản lý ký túc xá báo cáo tình hình diệt lăng quăng về Phòng Công tác sinh viên "
            "trước ngày 20 hằng tháng, từ tháng 02 đến tháng 4-2027.\n")
    assert _dues(text) == [D(2027, 2, 20), D(2027, 3, 20), D(2027, 4, 20)]


def test_a_year_ocr_hyphenated_inside_its_digits_at_a_lines_end():
    text = ("BENH VIEN DA KHOA HUYEN CONG HOA XA HOI CHU NGHIA VIET NAM\n"
            "S6: 12/KH-BV ngay 18 thang 12 nam 2026\n\n"
            "KE HOACH\nTruyén thong cham soc nguwdi bénh nam 2027\n\n"
            "I. MUC DICH\nNang cao nhan thtrc.\n\n"
            "II. THOI GIAN\nNam 2027.\n\n"
            "III. TO CHUC THUC HIEN\n"
            "- Cac khoa bao cao két qua vé Phong Diéu dudng truéc ngay 10 hang thang, "
            "tir thang 02 dén thang 4/2-\n"
            "027; bao cao nam nop truéc ngay 20/12/2027.\n")
    assert _dues(text) == [D(2027, 2, 10), D(2027, 3, 10), D(2027, 4, 10), D(2027, 12, 20)]


def test_a_number_before_a_cut_that_is_no_month_keeps_its_lines():
    # "Số: 15/20-" / "25 …": 15 is no month, so the two lines are no cut year (review of round 25)
    from bot.domain.planimport.ocrfix import repair

    assert repair("Trang 15/20-\n25 ban in").splitlines() == ["Trang 15/20-", "25 ban in"]
    assert repair("den thang 11/2-\n027; bao cao").splitlines()[0].endswith("11/2027")
