"""Review 6-7 of the importer (#21): the lunar rewrite of para.low undone even when a rule fails,
bounded spaces in the amendment and week-table rules, the week table ending with its section,
Tết's first day found among a day's several names."""

from __future__ import annotations

import pytest

from bot.domain.planimport import schedule
from bot.domain.planimport.draft import Draft
from bot.domain.planimport.text import split

HEAD = ("TRUNG TÂM Y TẾ\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 17/KH-TTYT\tngày 10 tháng 12 năm 2026\n\n"
        "KẾ HOẠCH\nTruyền thông phòng, chống bệnh năm 2027\n\n"
        "I. MỤC ĐÍCH\nNâng cao nhận thức.\n\n"
        "II. NỘI DUNG\n")


def test_the_lunar_rewrite_is_undone_when_a_rule_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    plan = split(HEAD + "1. Tổ chức ra quân vào sáng mùng 6 Tết Nguyên đán năm 2027.\n")
    written = [para.low for para in plan.paras]

    def broken(*_args: object) -> None:
        raise RuntimeError("a rule failed")

    monkeypatch.setattr(schedule, "_deadlines", broken)
    with pytest.raises(RuntimeError):
        schedule.read_schedule(plan, Draft("plan.txt"), 2027, [])
    assert [para.low for para in plan.paras] == written
