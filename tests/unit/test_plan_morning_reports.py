"""A report due "vào sáng/chiều" a day (review of rounds 11-12, #21): a deadline only right after a
report sent ("báo cáo nhanh|kết quả … vào sáng …"), never a speaker's morning ("báo cáo viên …
trình bày vào sáng …") nor a report given at an event the clause names."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.domain.planimport import draft_from_text

HEAD = ("TRUNG TÂM Y TẾ\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 17/KH-TTYT\tngày 10 tháng 12 năm 2026\n\n"
        "KẾ HOẠCH\nTruyền thông phòng, chống bệnh năm 2027\n\n"
        "I. MỤC ĐÍCH\nNâng cao nhận thức.\n\n"
        "II. THỜI GIAN\nTừ 04-01-2027 đến 30-11-2027.\n\n"
        "III. TỔ CHỨC THỰC HIỆN\n")


def _dues(body: str) -> list[dt.date | None]:
    draft, _ = draft_from_text(HEAD + body, "plan.txt")
    return [d.due for d in draft.deadlines]


@pytest.mark.parametrize("body", [
    "1. Tổ chức hội nghị tập huấn, báo cáo viên của Sở Y tế trình bày vào sáng ngày 15/5/2027.\n",
    "1. Trạm Y tế báo cáo kết quả tại hội nghị sơ kết vào sáng ngày 15/5/2027.\n",
    "1. Báo cáo tham luận tại hội thảo khoa học vào chiều ngày 15/5/2027.\n",
])
def test_a_morning_at_an_event_is_no_deadline(body: str) -> None:
    assert _dues(body) == []


def test_a_quick_report_due_on_a_morning() -> None:
    body = "1. Trạm Y tế báo cáo nhanh Trung tâm tình hình dịch vào sáng ngày 15/5/2027.\n"
    assert _dues(body) == [dt.date(2027, 5, 15)]
