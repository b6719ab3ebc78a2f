""""Từ" and "trước" as English-data OCR writes them (#21), one shared spelling set (ocrfix.TU,
ocrfix.TRUOC) for every rule that reads a range's start or a deadline on bare text."""

from __future__ import annotations

import datetime as dt
import re

from bot.domain.planimport.dates import find_range
from bot.domain.planimport.spellings import TRUOC, TU

PLAN_DAY = dt.date(2026, 8, 5)


def test_tu_with_its_u_read_as_i_opens_a_range_from_the_day_the_plan_is_issued():
    found = find_range("- dot 1; ti ngay ban hanh ke hoach den ngay 31/8/2026: truyen thong", PLAN_DAY, 2026)
    assert found is not None
    assert found[:2] == (PLAN_DAY, dt.date(2026, 8, 31))


def test_the_shared_spellings_cover_what_ocr_writes():
    for bent in ("tu", "tir", "ti", "tw", "tt", "ttr", "tlt"):
        assert re.fullmatch(TU, bent)
    for bent in ("truoc", "trudc", "truec", "trudec", "trude"):
        assert re.fullmatch(TRUOC, bent)
    assert not re.fullmatch(TU, "tai") and not re.fullmatch(TRUOC, "truyen")
