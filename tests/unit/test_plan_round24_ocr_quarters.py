"""OCR (#21, round 24): a phase said as a range of quarters whose first is quarter I, its I read as a
border ("Giai doan 1 (Quy | - Quy II/2027)"): the range starts at quarter I, not II."""

from __future__ import annotations

import datetime as dt

from bot.domain.planimport import draft_from_text
from bot.domain.planimport.ocrfix import repair

D = dt.date
OCR = ("TRUNG TAM Y TE HUYEN CONG HOA XA HOI CHU NGHIA VIET NAM\n"
       "S6: 12/KH-TTYT ngay 20 thang 12 nam 2026\n\n"
       "KE HOACH\nTruyén théng phong chéng dai thao duong nam 2027\n\n"
       "I. MUC DICH\nNang cao nhan thirc.\n\n"
       "II. THOI GIAN\n"
       "Ké hoach thuc hién ttr ngay 01/01/2027 dén ngay 31/12/2027, chia hai giai doan:\n"
       "- Giai doan 1 (Quy | - Quy II/2027): tap huan, truyén théng tai cong dong.\n"
       "- Giai doan 2 (Quy Ill - Quy IV/2027): kham sang loc, téng két.\n")


def test_a_range_of_quarters_from_quarter_one_read_by_ocr():
    draft, _ = draft_from_text(OCR, "plan.txt")
    assert [(p.start, p.end) for p in draft.phases] == [(D(2027, 1, 1), D(2027, 6, 30)),
                                                       (D(2027, 7, 1), D(2027, 12, 31))]


def test_a_label_cells_border_before_a_quarter_range_is_no_i():
    # "STT | Giai doan | - Quy III": the border after a bare label cell (review of round 24)
    assert repair("STT | Giai doan | - Quy III/2027: trien khai").startswith("STT | Giai doan | - Quy")
    assert repair("| 2 | Dot | - Quy II/2027: tong ket").startswith("| 2 | Dot | - Quy")
