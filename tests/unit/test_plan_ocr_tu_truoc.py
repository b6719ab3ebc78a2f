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


def test_tu_read_as_ter_before_a_full_date_in_a_table_row_opens_its_range():
    from bot.domain.planimport import draft_from_text
    draft, _ = draft_from_text(
        "CHI CUC AN TOAN VE SINH THUC PHAM CONG HOA XA HOI CHU NGHIA VIET NAM\n"
        "S6: 95/KH-CCATTP An Phu, ngay 16 thang 12 nam 2026\n\n"
        "KE HOACH\nTruyén thong phong, chéng han the trong thuc pham nam 2027\n\n"
        "II. THOI GIAN\nNam 2027.\n\n"
        "III. CAC DOT CAO DIEM\n\n"
        "| Dot | Thai gian | Ndi dung trong tam | Don vi chu tri |\n\n"
        "| Dot 1 | Ter 04/01/2027 | Tét Nguyén dan: gid, cha, banh chung, | Chi\ncuc ATVSTP; |\n\n"
        "| | dén 20/02/2027 | mitt, xdi; khéng dung han the, pham mau | UBND cac\nxa, phuong |\n\n"
        "| Dot 2 | Tér 15/8/2027 | Tét Trung thu: banh trung thu, banh keo | Chi\ncuc ATVSTP; |\n\n"
        "| | dén 20/9/2027 | khéng r6 nguén géc ban tai céng trudng | thi trudng |\n\n"
        "IV. KINH PHI\nNguén chi thuéng xuyén.\n", "plan.txt")
    assert {(p.start, p.end) for p in draft.phases} == {
        (dt.date(2027, 1, 4), dt.date(2027, 2, 20)), (dt.date(2027, 8, 15), dt.date(2027, 9, 20))}


def test_ocr_mends_ter_before_a_full_date_to_tu():
    from bot.domain.planimport import repair
    mended = repair("| Dot 1 | Ter 04/01/2027 | Tét Nguyén dan: gid, cha, banh chung, | Chi\n"
                    "| Dot 3 | Tér 15/8/2027 | Tét Trung thu: banh trung thu | Chi\n"
                    "Trung tam Y té 08 Tram, ter nay\n")
    assert "Tu 04/01/2027" in mended and "Tu 15/8/2027" in mended
