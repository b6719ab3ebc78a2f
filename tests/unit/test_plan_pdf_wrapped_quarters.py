"""A plan exported to PDF and OCR'd (#21, sixteenth batch), made-up text in its shape: quarters
told in running text under "NỘI DUNG VÀ TIẾN ĐỘ TRIỂN KHAI" (OCR: "TIEN BO"), "quý |V/2027",
and lines wrapped with blank lines between their pieces — a sentence cut after "về", a slogan
cut after its dash."""

from __future__ import annotations

import datetime as dt

from bot.domain.planimport import draft_from_text
from bot.domain.planimport.ocrfix import repair
from bot.domain.planimport.text import split

D = dt.date
OCR_HEAD = ("TRUNG TAM Y TE HUYEN AN LAC CONG HOA XA HOI CHU NGHIA VIET NAM\n"
            "S6: 31/KH-TTYT ngay 10 thang 12 nam 2026\n\n"
            "KE HOACH\nTruyén thong phong, chong bénh tay chan miéng nam 2027\n\n")


def test_quarters_in_running_text_under_a_progress_section_ocr_misread():
    draft, _ = draft_from_text(OCR_HEAD + (
        "II. NOI DUNG VA TIEN BO TRIEN KHAI\n"
        "Hoat dong thuc hién trong ca nam 2027, theo tung quy nhu sau.\n\n"
        "Trong quy I/2027, Trung tam chuan bi tai liéu, tap huan cho\n\n"
        "vién chuc tram y té.\n\n"
        "Sang quy II/2027, truyén thong tai truong hoc va ho gia dinh.\n\n"
        "Trong quy III/2027, truyén thong tai cho va khu dan cu.\n\n"
        "Dén quy |V/2027, danh gia, tong két.\n\n"
        "III. KINH PHI\n"), "plan.txt")
    assert [(p.start, p.end) for p in draft.phases] == [
        (D(2027, 1, 1), D(2027, 3, 31)), (D(2027, 4, 1), D(2027, 6, 30)),
        (D(2027, 7, 1), D(2027, 9, 30)), (D(2027, 10, 1), D(2027, 12, 31))]


def test_a_quarters_bar_read_for_its_i():
    assert "quy IV/2027" in repair("Dén quy |V/2027, danh gia.")
    assert "quy lV" in repair("Dén quy lV, danh gia.")  # no year after it: left as read


def test_a_sentence_cut_after_ve_goes_on_past_the_blank_line():
    paras = split("3. Tram y té bao cao két qua hang quy vé\n\n"
                  "Khoa Kiém soat bénh tat truoc ngay 15 cua thang cuoi quy.\n").paras
    assert len(paras) == 1


def test_a_slogan_cut_after_its_dash_goes_on_past_the_blank_line():
    paras = split('5. Khau hiéu: "Rua tay sach - Be khoe"; "Phat hién som -\n\n'
                  'Cach ly kip thoi".\n').paras
    assert len(paras) == 1
    assert len(split('5. Khau hiéu: "Rua tay sach - Be khoe" -\n\nCach ly kip thoi.\n').paras) == 2


def test_a_screening_day_in_running_text_its_date_past_a_blank_line():
    draft, _ = draft_from_text(OCR_HEAD + (
        "II. NOI DUNG\n"
        "Trong quy III/2027, truyén thong tai cho; to chuc dot kham mién phi cho nguoi dan\n"
        "tai cho An Phu vao ngay\n\n"
        "12/8/2027 voi su tham gia cua bac si tuyén tinh.\n\n"
        "III. KINH PHI\n"), "plan.txt")
    assert [k.date for k in draft.key_dates if k.date] == [D(2027, 8, 12)]
