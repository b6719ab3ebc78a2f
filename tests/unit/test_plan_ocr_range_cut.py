"""A flattened table OCR printed (#21): a contest's range of days in its time column, the range's last
day wrapped to the line below while the next column's words stayed after its dash ("10/6/2027 -
Phong Van hoa" / "24/6/2027"). The last day goes back after the dash; the row's contest is marked on
its first day, as in a table whose columns were kept."""

from __future__ import annotations

import datetime as dt

from bot.domain.planimport import draft_from_text
from bot.domain.planimport.ocrfix import repair

PLAN = """UY BAN NHAN DAN XA AN BINH

KE HOACH
Phong chong duoi nuoc cho tre em nam 2027

I. THOI GIAN
Tir ngay 01/5/2027 dén ngay 31/10/2027.

II. LICH HOAT DONG
TT Noi dung Thoi gian Chu tri

1 Cudc thi anh "Mua hé an toan" tren Fanpage xa 10/6/2027 - Phong Van hoa
24/6/2027

2 Tong két, khen thudng Thang 10/2027 Phong Van hoa
"""


def test_a_range_cut_by_the_next_cell_is_whole_again():
    lines = repair(PLAN).split("\n")
    assert "10/6/2027 - 24/6/2027 Phong Van hoa" in lines[11]
    assert lines[12].strip() == ""
    assert len(lines) == len(PLAN.split("\n"))


def test_the_flattened_rows_contest_is_marked_on_its_first_day():
    draft, _plan = draft_from_text(PLAN, "x.txt")
    assert dt.date(2027, 6, 10) in [k.date for k in draft.key_dates]


def test_a_weekday_after_the_dash_keeps_the_day_below():
    text = "1 Hop mat 10/6/2027 - Thu Bay,\n24/6/2027 tai hoi truong"
    assert repair(text).split("\n")[1].strip().startswith("24/6/2027")


def test_a_line_below_that_opens_with_no_date_is_left():
    text = "1 Cudc thi anh 10/6/2027 - Phong Van hoa\nva Doan xa"
    assert repair(text).split("\n")[1] == "va Doan xa"
