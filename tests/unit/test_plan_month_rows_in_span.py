"""A month table OCR read without its column lines, below the span's own line ("Từ ngày
07/9/2026 đến ngày 15/01/2027."): the span is not a phase beside the months it divides into,
though its first month begins before it; and a row's month range whose end OCR put on the row's
second line, after another column's wrapped words (#21)."""

from __future__ import annotations

import datetime as dt

from bot.domain.planimport import draft_from_text

D = dt.date


def test_month_rows_below_the_span_line():
    draft, _ = draft_from_text(
        "TRUONG MAM NON HOA SEN CONG HOA XA HOI CHU NGHIA VIET NAM\n"
        "S6: 14/KH-MNHS Hoa Sen, ngay 25 thang 8 nam 2027\n\n"
        "KE HOACH\nGiao duc rang miéng cho tré nam hoc 2027 - 2028\n\n"
        "IV. THOI GIAN THUC HIEN VA NOI DUNG THEO THANG\n"
        "Tir ngay 06/9/2027 dén ngay 14/01/2028.\n\n"
        "Thoi gian Noi dung Nguoi thuc hién\n\n"
        "Thang 9/2027 Kham rang dau nam cho tré; gui thu cho Nhan vién\n"
        "y té,\n\n"
        "Thang 10/2027 Hudng dan chai rang dung cach; thi Giao vién\n\n"
        "Thang 11/2027 Ngay hdi nu cudi xinh; to mau tranh Giao vién\n\n"
        "Thang 12/2027 - On tap thoi quen chai rang; kham lai Nhan\n"
        "vién y té,\n"
        "thang 01/2028 cho tré; so két hoc ky I giao vién\n\n"
        "V. TO CHUC THUC HIEN\n", "ocr.txt")
    assert [(p.start, p.end) for p in draft.phases] == [
        (D(2027, 9, 6), D(2027, 9, 30)), (D(2027, 10, 1), D(2027, 10, 31)),
        (D(2027, 11, 1), D(2027, 11, 30)), (D(2027, 12, 1), D(2028, 1, 14))]
