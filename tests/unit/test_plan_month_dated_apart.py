"""A monthly report whose rule leaves one month to a date of its own ("trước ngày 28 hằng tháng …
(riêng tháng 01/2027 gửi trước ngày 22/01/2027, trước kỳ nghỉ Tết)"): that month once, on its own
date (#21)."""

from __future__ import annotations

import datetime as dt

from bot.domain.planimport import draft_from_text

D = dt.date
PLAN = ("TRẠM Y TẾ XÃ AN PHÚ\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 05/KH-TYT\tAn Phú, ngày 18 tháng 9 năm 2026\n\n"
        "KẾ HOẠCH\nTruyền thông phòng, chống suy dinh dưỡng trẻ em\n\n"
        "II. THỜI GIAN\nKế hoạch thực hiện từ ngày 01/10/2026 đến ngày 28/02/2027.\n\n"
        "III. TỔ CHỨC THỰC HIỆN\n"
        "Trạm Y tế tổng hợp báo cáo tháng gửi Trung tâm Y tế trước ngày 28 hằng tháng, từ tháng "
        "10/2026 đến tháng 02/2027 (riêng tháng 01/2027 gửi trước ngày 22/01/2027, trước kỳ nghỉ Tết).\n")


def test_the_month_dated_apart_replaces_the_rule_for_it():
    draft, _ = draft_from_text(PLAN, "plan.txt")
    assert [d.due for d in draft.deadlines] == [D(2026, 10, 28), D(2026, 11, 28), D(2026, 12, 28),
                                                D(2027, 1, 22), D(2027, 2, 28)]
