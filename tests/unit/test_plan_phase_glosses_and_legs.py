"""Phase layouts of the twentieth blind batch (#21), each with a variant made up beside it: a
range whose first day carries a gloss in brackets ("từ ngày 06/02/2027 (mùng 1 Tết) đến …"),
also as OCR reads it; a school term split in "Chặng 1 - tuần 19 đến tuần 22 (11/01 - 06/02/2027):"
with a holiday break between two chặng and a dated closing after them, the span their hull."""

from __future__ import annotations

import datetime as dt

from bot.domain.planimport import draft_from_text

D = dt.date
HEAD = ("HỘI CHỮ THẬP ĐỎ PHƯỜNG AN CỰU\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 21/KH-CTĐ\tAn Cựu, ngày 20 tháng 11 năm 2026\n\n"
        "KẾ HOẠCH\nTuyên truyền an toàn dịp Tết Đinh Mùi 2027\n\n")


def test_a_gloss_on_the_first_day_keeps_the_range_end():
    draft, _ = draft_from_text(HEAD + (
        "II. THỜI GIAN\n"
        "Từ tháng 12/2026 đến hết tháng 02/2027, gồm:\n"
        "1. Đợt 1 - Trước Tết: từ ngày 04/01/2027 đến hết ngày 05/02/2027.\n"
        "2. Đợt 2 - Sau Tết: từ ngày 06/02/2027 (mùng 1 Tết) đến ngày 15/02/2027 (mùng 10 tháng Giêng).\n\n"
        "III. NỘI DUNG\n"), "plan.txt")
    assert (D(2027, 2, 6), D(2027, 2, 15)) in [(p.start, p.end) for p in draft.phases]


def test_a_weekday_gloss_as_ocr_reads_it():
    draft, _ = draft_from_text(HEAD + (
        "II. THOI GIAN\n"
        "Tu thang 12/2026 dén hét thang 02/2027, gém:\n"
        "1. Dot 1: tir ngay 04/01/2027 dén ngay 05/02/2027.\n"
        "2. Dot 2: tir ngay 08/02/2027 (thir Hai) dén ngay 19/02/2027.\n\n"
        "III. NOI DUNG\n"), "ocr.txt")
    assert (D(2027, 2, 8), D(2027, 2, 19)) in [(p.start, p.end) for p in draft.phases]


def test_a_bracketed_end_is_no_gloss():
    draft, _ = draft_from_text(HEAD + (
        "II. THỜI GIAN\n"
        "Từ tháng 12/2026 đến hết tháng 02/2027, gồm:\n"
        "1. Đợt 1: từ ngày 04/01/2027 (đến hết tháng 01/2027).\n"
        "2. Đợt 2: từ ngày 01/02/2027 đến ngày 15/02/2027.\n\n"
        "III. NỘI DUNG\n"), "plan.txt")
    assert (D(2027, 1, 4), D(2027, 1, 31)) in [(p.start, p.end) for p in draft.phases]


SCHOOL = ("TRƯỜNG THCS HÒA BÌNH\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
          "Số: 12/KH-THCS\tHòa Bình, ngày 28 tháng 12 năm 2026\n\n"
          "KẾ HOẠCH\nGiáo dục kỹ năng sống cho học sinh\nHọc kỳ II, năm học 2026 - 2027\n\n"
          "I. MỤC ĐÍCH\n1. Học sinh biết tự bảo vệ.\n\n")
LEGS = [(D(2027, 1, 11), D(2027, 2, 6)), (D(2027, 2, 22), D(2027, 4, 2)), (D(2027, 5, 17), D(2027, 5, 25))]


def test_legs_of_a_term_with_a_break_and_a_closing():
    draft, _ = draft_from_text(SCHOOL + (
        "II. NỘI DUNG\n"
        "1. Thời gian: kế hoạch chia làm hai chặng (theo tuần học của học kỳ II):\n"
        "- Chặng 1 - tuần 19 đến tuần 22 (11/01 - 06/02/2027): An toàn giao thông.\n"
        "- Nghỉ Tết Nguyên đán từ 07/02 đến 21/02/2027.\n"
        "- Chặng 2 - tuần 23 đến tuần 28 (22/02 - 02/4/2027): Phòng chống đuối nước.\n"
        "- Từ 17/5 đến 25/5/2027: sơ kết, khảo sát lại.\n\n"
        "III. KINH PHÍ\n"), "plan.txt")
    assert [(p.start, p.end) for p in draft.phases] == LEGS
    assert draft.phases[0].name.startswith("Chặng 1")
    assert (draft.start.value, draft.end.value) == (D(2027, 1, 11), D(2027, 5, 25))


def test_legs_as_ocr_reads_them():
    draft, _ = draft_from_text(SCHOOL + (
        "II. NOI DUNG\n"
        "1. Thai gian: ké hoach chia lam hai chang (theo tuan hoc cla hoc ky Il):\n\n"
        "- Chang 1 - tun 19 dén tuan 22 (11/01 - 06/02/2027): An toan giao thong.\n\n"
        "- Nghi Tét Nguyén dan tlr 07/02 dén 21/02/2027.\n\n"
        "- Chang 2 - tuan 23 dén tuan 28 (22/02 - 02/4/2027): Phong chéng duéi nudc.\n\n"
        "- Ti 17/5 dén 25/5/2027: so két, khao sat lai.\n\n"
        "III. KINH PHI\n"), "ocr.txt")
    assert [(p.start, p.end) for p in draft.phases] == LEGS
    assert (draft.start.value, draft.end.value) == (D(2027, 1, 11), D(2027, 5, 25))


def test_chang_bare_is_no_leg_and_a_month_row_no_closing():
    draft, _ = draft_from_text(SCHOOL + (
        "II. THỜI GIAN\n"
        "Thực hiện từ ngày 04/01/2027 đến ngày 25/5/2027.\n"
        "- Giai đoạn 1: từ 04/01 đến 31/3/2027 - tuyên truyền.\n"
        "- Giai đoạn 2: từ 01/4 đến 25/5/2027 - duy trì.\n"
        "- Tháng 5/2027: tổng kết, biểu dương.\n"
        "- chẳng hạn 1 buổi ngoại khóa từ 10/3 đến 12/3/2027.\n\n"
        "III. KINH PHÍ\n"), "plan.txt")
    assert [(p.start, p.end) for p in draft.phases] == [(D(2027, 1, 4), D(2027, 3, 31)),
                                                         (D(2027, 4, 1), D(2027, 5, 25))]
