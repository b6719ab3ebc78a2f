"""Review 6-7 of the importer (#21): the lunar rewrite of para.low undone even when a rule fails,
bounded spaces in the amendment and week-table rules, the week table ending with its section,
Tết's first day found among a day's several names."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from bot.domain import workdays
from bot.domain.planimport import schedule
from bot.domain.planimport.content import _REPLACED
from bot.domain.planimport.draft import Draft
from bot.domain.planimport.text import split

D = dt.date
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


def test_an_amendment_after_a_long_run_of_spaces_is_read_in_linear_time() -> None:
    started = time.process_time()  # CPU time: other workers' load does not count
    assert _REPLACED.match(" " * 20000 + "x") is None
    assert time.process_time() - started < 0.5
    assert _REPLACED.match(" ,  thay bang")


def test_the_week_table_ends_with_its_section() -> None:
    plan = split("V. LỊCH THEO TUẦN\nTuần\tThời gian\tNội dung\n"
                 "1\t07/9 - 12/9/2026\tThu sổ\n2 - 3\t14/9 - 26/9/2026\tĐối chiếu\n\n"
                 "VI. TỔ CHỨC THỰC HIỆN\nCác trường thực hiện.\n"
                 "5 01/12/2026 - 15/12/2026 tổng kết\n")
    weeks = schedule._week_table(plan, D(2026, 9, 1), 2026)
    assert weeks[("start", 1)] == D(2026, 9, 7) and weeks[("end", 3)] == D(2026, 9, 26)
    assert ("start", 5) not in weeks


def test_tet_is_found_among_a_days_several_names() -> None:
    names = {D(2031, 1, 23): "Lunar New Year; Some Other Day", D(2031, 1, 24): "Second Day of Lunar New Year"}
    workdays.lunar_new_year.cache_clear()
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(workdays.holidays, "country_holidays", lambda *_a, **_k: names)
            assert workdays.lunar_new_year(2031) == D(2031, 1, 23)
    finally:  # the cached answer was the fake calendar's: later tests read the real one
        workdays.lunar_new_year.cache_clear()
    assert workdays.lunar_new_year(2028) == D(2028, 1, 26)
