"""A monthly report run only in the months listed before its day (#21, review of round 16):
"… (các tháng 4, 5, 8 và 9/2027) … trước ngày 25 hằng tháng" is due in those months, not also
in each month of the span ("hằng tháng" read again as a rule of its own)."""

from __future__ import annotations

from bot.domain.planimport import draft_from_text

PLAN = ("SỞ Y TẾ TỈNH A\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 08/KH-SYT\tA, ngày 05 tháng 3 năm 2027\n\n"
        "KẾ HOẠCH\nTruyền thông phòng, chống sốt xuất huyết năm 2027\n\n"
        "II. NỘI DUNG\n1. Đợt 1: từ ngày 01/4/2027 đến ngày 31/5/2027.\n"
        "2. Đợt 2: từ ngày 01/8/2027 đến ngày 30/9/2027.\n\n"
        "III. TỔ CHỨC THỰC HIỆN\nCác trạm báo cáo hằng tháng trong thời gian hai đợt (các tháng 4, 5, 8"
        " và 9/2027) về Trung tâm trước ngày 25 {}.\n")
DUE = ["2027-04-25", "2027-05-25", "2027-08-25", "2027-09-25"]


def _due(rule: str) -> list[str]:
    draft, _ = draft_from_text(PLAN.format(rule), "plan.txt", diacritics=False)
    return sorted(d.due.isoformat() for d in draft.deadlines)


def test_the_months_listed_before_the_day_of_the_month():
    assert _due("của tháng") == DUE


def test_the_same_closed_by_each_month_adds_no_other_month():
    assert _due("hằng tháng") == DUE
