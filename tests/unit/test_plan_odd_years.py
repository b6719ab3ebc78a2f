"""Years past Python's calendar (review of rounds 11-12, #21): "tháng 4/0000", "quý II/0000",
31/12/9999 plus a week are no dates, never a traceback out of the importer; a rule that still
trips on one leaves a note in the draft and the other parts are read."""

from __future__ import annotations

import datetime as dt

import pytest

import bot.domain.planimport as planimport
from bot.domain.planimport import draft_from_text
from bot.domain.planimport.dates import half_months, month_end, plus_days
from bot.domain.planimport.text import say

HEAD = ("UBND TỈNH X\nSỞ Y TẾ\nSố: 12/KH-SYT\nngày 10 tháng 01 năm 2027\n\nKẾ HOẠCH\n"
        "Truyền thông phòng, chống sốt xuất huyết năm 2027\n\n")
SPAN = "Thời gian thực hiện: từ 01/01/9999 đến 31/12/9999.\n"


@pytest.mark.parametrize("body", [
    "- Đợt 1: nửa cuối tháng 4/0000\n",
    "Thời gian: từ nay đến hết tháng 4/0000\n",
    "- Đợt 1: quý II/0000\n",
    "- Đợt 1: 6 tháng đầu năm 0000\n",
    SPAN + "- Đợt 1: từ 01/12/9999 đến 31/12/9999\n- Đợt 2: từ 01/11/9999 đến 30/11/9999\n"
    "Các đơn vị báo cáo kết quả trong vòng 7 ngày kể từ khi kết thúc mỗi đợt.\n",
    SPAN + "- Đợt 1: từ 01/12/9999 đến 31/12/9999\n"
    "Các đơn vị gửi báo cáo vào thứ Sáu của tuần sau khi kết thúc mỗi đợt.\n",
    SPAN + "Tập trung cao điểm tuần trước, trong và sau ngày 31/12/9999.\n",
])
def test_a_year_past_the_calendar_is_no_traceback(body: str) -> None:
    draft, _ = draft_from_text(HEAD + body, "plan.txt")
    assert all(d.due is None or d.due.year in (2027, 9999) for d in draft.deadlines)


def test_a_plan_dated_in_9999_is_read() -> None:
    draft, _ = draft_from_text(HEAD.replace("năm 2027", "năm 9999") + "Ngày 31/12 tổ chức mít tinh.\n",
                               "plan.txt")
    assert draft.issued_on and draft.issued_on.value == dt.date(9999, 1, 10)


def test_the_helpers_give_none_past_the_calendar() -> None:
    assert month_end(4, 0) is None and month_end(12, 10000) is None
    assert month_end(2, 2028) == dt.date(2028, 2, 29)
    assert plus_days(dt.date(9999, 12, 31), 1) is None
    assert plus_days(dt.date(2027, 12, 31), 1) == dt.date(2028, 1, 1)
    assert half_months("nua cuoi thang 4/0000", 2027) == "nua cuoi thang 4/0000"


def test_a_rule_that_trips_leaves_a_note_and_the_rest_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    def trips(*_args: object) -> None:
        raise OverflowError("date value out of range")

    monkeypatch.setattr(planimport, "quotas", trips)
    draft, _ = draft_from_text(HEAD + "Thông điệp: “Diệt lăng quăng, phòng sốt xuất huyết”\n"
                               "Thời gian thực hiện: từ 01/3/2027 đến 30/11/2027.\n", "plan.txt")
    assert say("planimport.read.part_unread") in draft.unread
    assert draft.end and draft.end.value == dt.date(2027, 11, 30)
