"""OCR'd plans of the twentieth blind batch (#21), with variants made up beside them: a second
"Đợt" OCR bent ("+ Dat 2 (…)" right after "+ Dot 1 (…)"), a span whose từ and tháng are both
bent ("cu thong 3 den het thang 10/2027"), and a report "trong vòng 10 ngày sau khi kết thúc đợt"
whose dates the plan gives in brackets: no quick report computed beside them."""

from __future__ import annotations

import datetime as dt

from bot.domain.planimport import draft_from_text

D = dt.date
HEAD = ("SO Y TE TINH QUANG TRI\nTRUNG TAM KIEM SOAT BENH TAT CONG HOA XA HOI CHU NGHIA VIET NAM\n"
        "S6: 77/KH-KSBT Quang Tri, ngay 28 thang 12 nam 2026\n\n"
        "KE HOACH\nTruyén théng phong chéng bénh dai nam 2027\n\n"
        "I. MUC DICH\n\n1. Ngudi dan biét tiém phong cho cho.\n\n")
TIME = ("II. THOI GIAN\n\n"
        "- Thdi gian: tr thdng 3 dén hét thang 10 nam 2027, tap trung vao hai dot:\n\n"
        "+ Dot 1 (mua xuan): tir 15-3 dén 30-4-2027;\n\n"
        "+ Dat 2 (mua thu): tir 01-8 dén 15-9-2027.\n\n")


def test_a_second_dot_bent_after_the_first():
    draft, _ = draft_from_text(HEAD + TIME + "III. NOI DUNG\n\n1. Tap huan.\n", "ocr.txt")
    assert [(p.start, p.end) for p in draft.phases] == [(D(2027, 3, 15), D(2027, 4, 30)),
                                                         (D(2027, 8, 1), D(2027, 9, 15))]


def test_a_span_with_tu_and_thang_bent():
    draft, _ = draft_from_text(HEAD + TIME + "III. NOI DUNG\n\n1. Tap huan.\n", "ocr.txt")
    assert (draft.start.value, draft.end.value) == (D(2027, 3, 1), D(2027, 10, 31))


def test_a_bent_dot_alone_is_no_phase():
    draft, _ = draft_from_text(HEAD + (
        "II. THOI GIAN\n\n"
        "- Thdi gian: tir ngay 01/3/2027 dén ngay 31/10/2027.\n\n"
        "+ Dat 2 ky thi: tir 01-8 dén 15-9-2027.\n\n"
        "III. NOI DUNG\n\n1. Tap huan.\n"), "ocr.txt")
    assert all(p.start != D(2027, 8, 1) for p in draft.phases)


def test_reports_dated_per_dot_are_not_computed_again():
    draft, _ = draft_from_text(HEAD + TIME + (
        "III. TO CHUC THUC HIEN\n\n"
        "1. Cac Trung tam Y té khu vuc: trién khai tai dia ban; bdo cdo két qua mdi dot trong vong "
        "10 ngay sau khi két thc dot (Dot 1 cham nhat ngay 10/5/2027; Dot 2 cham nhat ngay "
        "25/9/2027).\n"), "ocr.txt")
    dues = [d.due for d in draft.deadlines]
    assert sorted(dues) == [D(2027, 5, 10), D(2027, 9, 25)]
