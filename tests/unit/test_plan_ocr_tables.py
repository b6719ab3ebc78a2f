"""Plans an OCR without Vietnamese data read (#21): tables whose rows it printed over several
lines or whose column lines it lost, and the words it ran together or cut short."""

from __future__ import annotations

import datetime as dt

from bot.domain.planimport import draft_from_text
from bot.domain.planimport.ocrfix import mend_word, repair
from bot.domain.planimport.text import split

D = dt.date

# A month-by-month table as `tesseract -l eng` gives it: rows apart by blank lines, a row's
# cell going on at the next line, a cell left open ("… |") and filled below, the date of issue
# wrapped onto the next line.
BY_MONTH = """SO Y TE AN GIANG TRUNG TAM Y TE Se: 12/KH-TTYT | CONG HOA XA HOI CHU NGHIA
VIET NAM Béc lap - Ty do - Hanh phuc Phu Quéc, ngay 08 thang 01
nam 2026

KE HOACH

Truyén théng gido duc suc khée nam 2026

Il. NOI DUNG VA LICH TRUYEN THONG

Thang | Chu dé truyén théng trong tam | Ngay, su kién huéng ting

01/2026 | Phong, chéng dich bénh mua Déng Xuan; bao dam an toan thuc pham dip
Tét Nguyén dan

02/2026 | Vui Xuan an toan, khéng lam dung rugu bia; tén vinh ngudi thay thuéc |
Ngay Thay thuéc Viét Nam (27/02)

03/2026 | Phong, chéng bénh lao; phong, chéng tang
huyét ap | Ngay Thé gidi phong, chéng lao (24/3)

04/2026 | Rén luyén than thé | Ngay Stic khée
Toan dan (07/4)

Ill. TO CHU'C THUC HIEN
"""

# The same kind of timetable with its column lines lost: each row led by its number, then its
# period, the cells run together.
NO_LINES = """SO Y TE THANH HOA
TRUNG TAM Y TE KHU VU'C THO XUAN
S6: 35/KH-TTYT Tho Xuan, ngay 25 thang 02 nam 2026

KE HOACH

Truyén théng phong, chéng ung thu nam 2026

Ill. THO GIAN, LICH TRUYEN THONG

Thdi gian thuc hién: tir thang 3/2026 dén hét thang 12/2026, theo lich sau:
TT Thdi gian Ndi dung trong tam Don vi thuc hién

1 Tu 01/3 dén 30/4/2026 Trién khai ké hoach; truyén théng nhan Ngay
Quéc té Phu n& Khoa Kiém soat bénh tat

2 Thang 10/2026 (Thang hanh déng) Mit tinh, di bé Tram Y té cac xa

3 Tir 01/11 dén 31/12/2026 Duy tri truyén théng; téng két Tram Y té cac
xa

IV. TO CHU'C THUC HIEN
"""


def test_a_table_row_printed_over_lines_is_one_row_again():
    draft, plan = draft_from_text(BY_MONTH, "ocr.txt")
    assert draft.issued_on is not None and draft.issued_on.value == D(2026, 1, 8)
    rows = [p.folded for p in plan.paras if " | " in p.text and p.text[:1].isdigit()]
    assert [r.split(" | ")[0] for r in rows] == ["01/2026", "02/2026", "03/2026", "04/2026"]
    assert rows[0].endswith("dip Tet Nguyen dan") and rows[1].endswith("Viet Nam (27/02)")
    assert rows[2].count(" | ") == 2 and rows[3].endswith("Toan dan (07/4)")
    assert [(p.start, p.end) for p in draft.phases] == [
        (D(2026, 1, 1), D(2026, 1, 31)), (D(2026, 2, 1), D(2026, 2, 28)),
        (D(2026, 3, 1), D(2026, 3, 31)), (D(2026, 4, 1), D(2026, 4, 30))]


def test_a_table_without_its_column_lines_gives_phases_by_their_periods():
    draft, _ = draft_from_text(NO_LINES, "ocr.txt")
    assert [(p.start, p.end) for p in draft.phases] == [
        (D(2026, 3, 1), D(2026, 4, 30)), (D(2026, 10, 1), D(2026, 10, 31)),
        (D(2026, 11, 1), D(2026, 12, 31))]
    assert draft.phases[0].name.startswith("Từ 01/3 đến 30/4/2026: Triển khai kế hoạch")


def test_rows_typed_one_a_line_stay_apart():
    plan = split("Đợt | Thời gian | Nội dung\nĐợt 1 | Tháng 3 | Phát động\nĐợt 2 | Tháng 4\n"
                 "Đợt 3 | Tháng 5 | Tổng kết\nGhi chú: các đơn vị báo cáo đúng hạn.\n"
                 "TT | Hoạt động | Chỉ tiêu\n1 | Tin, bài\n2 | Phát thanh | 02 lần/tuần\n")
    assert [p.text.split(" | ")[0] for p in plan.paras] == [
        "Đợt", "Đợt 1", "Đợt 2", "Đợt 3", "Ghi chú: các đơn vị báo cáo đúng hạn.", "TT", "1", "2"]


def test_words_ocr_ran_together_cut_short_or_put_beside_a_slash():
    assert mend_word("ttr", "", "ngay") == "tu"  # t + tr (ư), not tt + r
    assert mend_word("l4n", "02", "tuan") == "lan" and mend_word("x4", "cac", "") == "xa"
    assert repair("tirngay 08/4 dén hét thang 5") == "tu ngay 08/4 dén hét thang 5"
    assert repair("Dang 01 bai/tudn trén Fanpage") == "Dang 01 bai/tuan trén Fanpage"
    assert repair("Ill. THO GIAN THUC HIEN") == "III. THOI GIAN THUC HIEN"  # a heading's lost I
    # A letter, a foreign word, a trẻ with Latin-1's mark and a về are left as they are.
    assert repair("tiem vac xin viem gan B cho tre") == "tiem vac xin viem gan B cho tre"
    assert repair("video clip/quy") == "video clip/quy"
    assert repair("Hay dua tré dén co so y té") == "Hay dua tré dén co so y té"
    assert mend_word("vé", "phu", "phat") != "va"


def test_a_month_table_without_its_column_lines_under_a_schedule_heading():
    text = ("SO Y TE AN GIANG\nSe: 12/KH-TTYT Phu Quéc, ngay 08 thang 01 nam 2026\n\nKE HOACH\n\n"
            "Truyén théng gido duc suc khée nam 2026\n\nIl. NOI DUNG VA LICH TRUYEN THONG\n\n"
            "Thang Chu dé truyén théng trong tam Ngay, su kién huéng ting\n\n"
            "01/2026 Phong, chéng dich bénh mua Déng Xuan\n\n"
            "02/2026 Vui Xuan an toan; tén vinh ngudi thay thuéc Ngay Thay thuéc Viét Nam (27/02)\n\n"
            "03/2026 Phong, chéng bénh lao Ngay Thé gidi phong, chéng lao (24/3)\n\n"
            "Ill. HINH THU'C TRUYEN THONG\n")
    draft, _ = draft_from_text(text, "ocr.txt")
    assert [(p.start, p.end) for p in draft.phases] == [
        (D(2026, 1, 1), D(2026, 1, 31)), (D(2026, 2, 1), D(2026, 2, 28)),
        (D(2026, 3, 1), D(2026, 3, 31))]
    assert draft.phases[0].name.startswith("01/2026: Phòng, chống dịch bệnh")


def test_a_quota_nouns_l_read_as_1_is_mended():
    assert repair("phat hang ngay; 03 1lan/tuan trong mua") == "phat hang ngay; 03 lan/tuan trong mua"
    assert repair("7 | Phat thanh | 02 1an/tuan | Tram") == "7 | Phat thanh | 02 lan/tuan | Tram"


def test_a_class_per_quarter_ocr_bent_is_a_class():
    assert repair("Tap huan can bo: 01 lép/quy tai xa") == "Tap huan can bo: 01 lop/quy tai xa"


def test_a_hyphen_at_a_lines_end_before_a_slash_on_the_next_joins_them():
    assert repair("01 video ngan-\n/tuan do bac si") == "01 video ngan/tuan\ndo bac si"
