""""Từ ngày ban hành … đến hết tháng 11/2026" with its từ bent by OCR ("Tw ngay ban hanh"): the
span runs from the plan's date to the month's end, not to the end of the title's year (#21)."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.domain.planimport import draft_from_text


@pytest.mark.parametrize("bent", ["Tw", "Tir", "Tt"])
def test_a_bent_from_before_the_issue_day(bent: str):
    draft, _ = draft_from_text(
        "TRAM Y TE XA AN LAC CONG HOA XA HOI CHU NGHIA VIET NAM\n"
        "S6: 11/KH-TYT An Lac, ngay 06 thang 5 nam 2027\n\n"
        "KE HOACH\nTruyén thong phong, chéng bénh tay chan miéng nam 2027\n\n"
        "IV. THOI GIAN THUC HIEN\n\n"
        f"{bent} ngay ban hanh Ké hoach dén hét thang 10/2027 (mua mua).\n\n"
        "V. TO CHUC THUC HIEN\n", "ocr.txt")
    assert (draft.start.value, draft.end.value) == (dt.date(2027, 5, 6), dt.date(2027, 10, 31))
