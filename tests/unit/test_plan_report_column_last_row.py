"""A table of rounds with a report column whose last row's wrapped cell runs on into the line
below the table (no border closes it): that row's due date is still its round's report (#21)."""

from __future__ import annotations

import datetime as dt

from bot.domain.planimport import draft_from_text

D = dt.date
PLAN = ("TRƯỜNG TIỂU HỌC AN PHÚ\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 03/KH-TH\tAn Phú, ngày 04 tháng 01 năm 2027\n\n"
        "KẾ HOẠCH\nTruyền thông phòng, chống sâu răng học kỳ II năm học 2026 - 2027\n\n"
        "III. NỘI DUNG VÀ THỜI GIAN THỰC HIỆN\n"
        "Thời gian: từ ngày 11/01/2027 đến ngày 21/5/2027, chia thành hai đợt theo bảng sau.\n\n"
        "| Đợt | Thời gian | Nội dung | Người thực | Báo cáo |\n"
        "|  |  |  | hiện | Trạm Y tế |\n"
        "|---|---|---|---|---|\n"
        "| Đợt 1 | Từ 11/01 | Khám răng toàn bộ | Nhân viên y | Trước |\n"
        "|  | đến 29/01/2027 | học sinh bán trú | tế | 03/02/2027 |\n"
        "| Đợt 2 | Từ 05/4 | Chải răng cùng | Nhân viên y | Trước |\n"
        "|  | đến 14/5/2027 | Trạm Y tế xã | tế | 19/5/2027 |\n\n"
        "Hoạt động thường xuyên trong học kỳ:\n"
        "- Nói chuyện dưới cờ: 01 tiết/tháng.\n")


def test_the_last_row_keeps_its_report_though_its_cell_runs_on():
    draft, _ = draft_from_text(PLAN, "plan.txt")
    assert {d.due for d in draft.deadlines} >= {D(2027, 2, 3), D(2027, 5, 19)}
