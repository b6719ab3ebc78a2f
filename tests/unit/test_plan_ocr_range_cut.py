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


def test_a_unit_whose_name_opens_like_a_weekday_still_gets_its_day():
    # "Thành đoàn", "Chi cục": a unit, not "Thứ Hai"/"Chủ nhật", after the dash
    text = "3 Cudc thi ve tranh 06/9/2027 - Thanh doan\n26/9/2027"
    assert "06/9/2027 - 26/9/2027 Thanh doan" in repair(text).split("\n")[0]
    text = "3 Cudc thi ve tranh 06/9/2027 - Chi cuc ATTP\n26/9/2027"
    assert "06/9/2027 - 26/9/2027 Chi cuc" in repair(text).split("\n")[0]


def test_a_timeline_of_dated_lines_is_left():
    text = "01/4/2027 - Hop Ban chi dao xa\n12/5/2027 - Tap huan cong tac vien"
    assert repair(text).split("\n")[1].startswith("12/5/2027 - Tap huan")


def test_a_date_below_with_words_after_it_is_left():
    text = "2. Hop trién khai: ngay 01/4/2027 - Tram Y té\n12/5/2027 tap huan cong tac vien"
    lines = repair(text).split("\n")
    assert "01/4/2027 - Tram" in lines[0]
    assert lines[1].startswith("12/5/2027")


def test_a_range_already_whole_does_not_take_the_day_below():
    text = "4 Hoi thao 02/8/2027 - 09/8/2027 - Doan Thanh nién\n12/8/2027"
    lines = repair(text).split("\n")
    assert "12/8/2027" not in lines[0]
    assert lines[1].strip() == "12/8/2027"


def test_a_flattened_contest_row_with_a_due_day_is_not_marked_on_it():
    plan = PLAN.replace('10/6/2027 - Phong Van hoa\n24/6/2027',
                        '10/6/2027 - 24/6/2027; han nép bai ngay 20/6/2027 Phong Van hoa\n')
    draft, _plan = draft_from_text(plan, "x.txt")
    assert dt.date(2027, 6, 10) not in [k.date for k in draft.key_dates]
