"""Figures a unit sends on days the plan names ("thống kê số ca, gửi Khoa Kiểm soát bệnh tật vào
ngày 30-6-2027 và ngày 25-10-2027"): a deadline on each day (#21)."""

from __future__ import annotations

import datetime as dt

from bot.domain.planimport import draft_from_text

D = dt.date
PLAN = ("TRUNG TÂM Y TẾ KHU VỰC AN PHÚ\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 12/KH-TTYT\tAn Phú, ngày 20 tháng 4 năm 2027\n\n"
        "KẾ HOẠCH\nTruyền thông phòng, chống viêm da tiếp xúc năm 2027\n\n"
        "II. THỜI GIAN\nKế hoạch thực hiện từ ngày 01/5/2027 đến ngày 31/10/2027.\n\n"
        "III. TỔ CHỨC THỰC HIỆN\n"
        "Khoa Khám bệnh tiếp nhận, điều trị, thống kê số ca, gửi Khoa Kiểm soát bệnh tật vào ngày "
        "30-6-2027 và ngày 25-10-2027; Phòng Tổ chức đăng tin trên Fanpage.\n")


def test_each_day_named_for_sending_is_a_deadline():
    draft, _ = draft_from_text(PLAN, "plan.txt")
    assert [d.due for d in draft.deadlines] == [D(2027, 6, 30), D(2027, 10, 25)]
