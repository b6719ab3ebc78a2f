"""Review of round 20 (#21): the month-after rule over a range of months reads in linear time."""

from __future__ import annotations

import time

from bot.domain.planimport.schedule import _SENT_NEXT_MONTH


def test_a_month_after_rule_before_a_long_run_of_spaces_is_read_in_linear_time() -> None:
    started = time.process_time()  # CPU time: other workers' load does not count
    assert _SENT_NEXT_MONTH.search("gui bao cao truoc ngay 05 cua thang sau" + " " * 3000 + "x") is None
    assert time.process_time() - started < 0.5
    assert _SENT_NEXT_MONTH.search("gui bao cao truoc ngay 05 cua thang sau, (tu thang 10 den thang 5)")
