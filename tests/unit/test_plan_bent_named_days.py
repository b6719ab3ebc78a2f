"""Named days whose name OCR bent a syllable of ("Ngay Sic khde toan dan" for Ngày Sức khỏe toàn
dân): matched by their syllables' shape, the OCR confusions undone or one edit away, not by a
pattern per misspelling (#21)."""

from __future__ import annotations

import datetime as dt

from bot.domain.planimport import draft_from_text
from bot.domain.planimport.ocrfix import bends_to

OCR_HEAD = ("TRAM Y TE XA AN BINH CONG HOA XA HOI CHU NGHIA VIET NAM\n"
            "S6: 21/KH-TYT An Binh, ngay 05 thang 01 nam 2027\n\n"
            "KE HOACH\nTruyén théng phong chéng bénh tay chan miéng nam 2027\n\n"
            "II. THOI GIAN\n\nKé hoach thuc hién tir ngay 15/01/2027 dén ngay 31/12/2027.\n\n")


def test_a_bent_day_in_a_table_row_is_known():
    draft, _ = draft_from_text(OCR_HEAD + (
        "III. HOAT DONG\n\n"
        "TT | Noi dung | Thoi gian | Don vi\n"
        "| 3 | Long ghép truyén thong hudng ting Ngay Sic khde toan dan | 07-4 | Tram Y té |\n\n"
        "IV. KINH PHI\n"), "ocr.txt")
    assert [(k.name, k.day) for k in draft.key_dates] == [("Ngày Sức khỏe toàn dân", "07/04")]


def test_a_bent_day_naming_an_event_date_is_yearly():
    draft, _ = draft_from_text(OCR_HEAD + (
        "III. HOAT DONG\n\n"
        "- T6 chtrc buéi ra quan vé sinh vao ngay 05/6/2027 (Ngay Méi trudng thé gidi).\n\n"
        "IV. KINH PHI\n"), "ocr.txt")
    assert [(k.day, k.date) for k in draft.key_dates] == [("05/06", None)]


def test_a_different_day_two_letters_away_is_not_taken():
    draft, _ = draft_from_text(OCR_HEAD + (
        "III. HOAT DONG\n\n"
        "- Hudng ting Ngay Nha bao Viét Nam bang bai viét trén trang tin.\n\n"
        "IV. KINH PHI\n"), "ocr.txt")
    assert all(k.day != "20/11" for k in draft.key_dates)
    assert draft.start.value == dt.date(2027, 1, 15)


def test_bends_to():
    assert bends_to("sic", "suc") and bends_to("khde", "khoe") and bends_to("gidi", "gioi")
    assert not bends_to("bao", "giao") and not bends_to("ma", "la")
