"""Tables OCR without Vietnamese data read (#21), from the twenty-second blind batch: a district's
communes taking their turn ("TT | Xã, phường | Thời gian đợt tập trung"), its head's xã bent
("X8, phudng"); and a phase table whose column lines OCR lost, each printed line one run of all
its cells ("Đợt 3 Từ 01/11/2027 Cuối năm: …" / "đến 15/12/2027 …"), its từ bent ("Ti")."""

from __future__ import annotations

import datetime as dt

from bot.domain.planimport import draft_from_text

D = dt.date
OCR_HEAD = ("SO Y TE TINH SON LA\nTRUNG TAM Y TE KHU VU'C MOC CHAU\n\nS6: 18/KH-TTYT\n\n"
            "CONG HOA XA HOI CHU NGHIA VIET NAM\nDoc lap - Tu do - Hanh phuc\n\n"
            "Méc Chau, ngay 16 thang 02 nam 2027\n\nKE HOACH\n"
            "Tuyén truyén phong, chéng ngat khi khi xu6ng ham biogas nam 2027\n\n"
            "|. MUC DICH, YEU CAU\n\n1. Ngudi dan biét nguy co khi déc trong ham, bé.\n\n")
PLACES = ("Il. THO! GIAN VA PHAN KY THU'C HIEN THEO XA, PHU'ONG\n\n"
          "Ké hoach thuc hién tir ngay 01/3/2027 dén ngay 31/10/2027.\n\n"
          "TT | X8, phudng | Thdi gian dot tap trung | Ndi dung trong tam | Ghi chu\n\n"
          "1 | Phudng Méc Chau | 01/3 - 31/3/2027 | Ham biogas hé gia dinh; bé phét | Thi diém,\n"
          "rut kinh\n\n"
          "|| | khu dan cu tap trung | nghiém trudc khi nhan rong\n\n"
          "2 | Phudng Méc Son, | 05/4 - 15/5/2027 | Bé cha phan, ham biogas trang | Trung Thang\n"
          "hanh\n\n"
          "| phudng Thao Nguyén | | trai, hgp tac xa bo sita | d6ng ATVSLD\n\n"
          "Ill. NO| DUNG TUYEN TRUYEN\n\n1. Nguy co: khi déc khéng mau.\n")


def _periods(draft):
    return [(p.start, p.end) for p in draft.phases]


def test_communes_taking_their_turn_with_the_head_s_xa_bent():
    draft, _ = draft_from_text(OCR_HEAD + PLACES, "ocr.txt")
    assert draft.lost_diacritics
    assert _periods(draft) == [(D(2027, 3, 1), D(2027, 3, 31)), (D(2027, 4, 5), D(2027, 5, 15))]
    assert "Thao" in draft.phases[1].name


def test_a_table_of_report_times_by_commune_stays_no_phase_when_bent():
    draft, _ = draft_from_text(OCR_HEAD + PLACES.replace("Thdi gian dot tap trung", "Thdi gian gti bao cao"),
                               "ocr.txt")
    assert (D(2027, 3, 1), D(2027, 3, 31)) not in _periods(draft)
