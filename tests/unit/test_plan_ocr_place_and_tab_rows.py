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


HOSPITAL = ("SO Y TE THANH HOA\n\nBENH VIEN NHI THANH HOA\n\nS6: 642/KH-BVN\n\n"
            "CONG HOA XA HOI CHU NGHIA VIET NAM\nDoc lap - Tu do - Hanh phtc\n\n"
            "Thanh Hoa, ngay 23 thang 4 nam 2027\n\nKE HOACH\n"
            "Truyén thong phong ngira hoc di vat dudng thé 6 tré em nam 2027\n\n"
            "I. MUC DICH, YEU CAU\n\n1. Cha me biét cdc loai thite an dé gay hoc.\n\n"
            "Il. THOI GIAN THUC HIEN\nTw thang 5 dén hét thang 12 nam 2027, chia thanh 03 dot.\n\n"
            "III. NOI DUNG, HINH THUC TRUYEN THONG\n1. Bang phan dot truyén thong\n\n"
            "Dot Thoi gian NOi dung trong tam Hinh thirc\n\n")
# Each printed line of the table one run of its cells; Đợt 3's từ read "Ti", its end a line below.
TAB_ROWS = ("Dot 1 Tir 15/5/2027 Nghi hé: hat, qua co hat, Tu van tai\nkhoa; Fanpage;\n\n"
            "dén 15/7/2027 keo cttng, thach; tré vira an Fanpage\n\n"
            "Dot 3 Ti 01/11/2027 Cuéi nam: pin ctc do, nam Toa dam\ntruc tuyén\n\n"
            "dén 15/12/2027 cham trong dé choi, dé dién Fanpage\n\n"
            "Ghi chu: Ngoai cac dot trén, cdc khoa van tu van thudng xuyén.\n\n"
            "IV. KINH PHI\nTu ngu6n thu sy nghiép cua Bénh vién nam 2027.\n")


def test_a_phase_row_with_its_tu_bent_to_ti_in_a_table_without_column_lines():
    draft, _ = draft_from_text(HOSPITAL + TAB_ROWS, "ocr.txt")
    assert draft.lost_diacritics
    assert _periods(draft) == [(D(2027, 5, 15), D(2027, 7, 15)), (D(2027, 11, 1), D(2027, 12, 15))]


def test_the_same_rows_in_clean_text_with_their_tabs():
    draft, _ = draft_from_text(
        "SỞ Y TẾ THANH HÓA\nBỆNH VIỆN NHI THANH HÓA\nSố: 642/KH-BVN\n"
        "Thanh Hóa, ngày 23 tháng 4 năm 2027\n\nKẾ HOẠCH\n"
        "Truyền thông phòng ngừa hóc dị vật đường thở ở trẻ em năm 2027\n\n"
        "I. MỤC ĐÍCH, YÊU CẦU\n1. Cha mẹ biết các loại thức ăn dễ gây hóc.\n\n"
        "II. THỜI GIAN THỰC HIỆN\nTừ tháng 5 đến hết tháng 12 năm 2027, chia thành 03 đợt.\n\n"
        "III. NỘI DUNG\n1. Bảng phân đợt truyền thông\n\n"
        "Đợt\tThời gian\tNội dung trọng tâm\tHình thức\n"
        "Đợt 1\tTừ 15/5/2027\tNghỉ hè: hạt, quả có hạt,\tTư vấn tại khoa\n"
        "\tđến 15/7/2027\tkẹo cứng, thạch\tFanpage\n"
        "Đợt 3\tTừ 01/11/2027\tCuối năm: pin cúc áo\tTọa đàm trực tuyến\n"
        "\tđến 15/12/2027\tđồ chơi, đồ điện tử\tFanpage\n\n"
        "IV. KINH PHÍ\nNguồn thu sự nghiệp năm 2027.\n", "plan.txt")
    assert _periods(draft) == [(D(2027, 5, 15), D(2027, 7, 15)), (D(2027, 11, 1), D(2027, 12, 15))]


def test_ti_before_a_date_is_read_as_from_only_right_after_a_phase_s_label():
    draft, _ = draft_from_text(HOSPITAL + TAB_ROWS.replace("Dot 3 Ti 01/11/2027 Cuéi nam",
                                                           "Dot 3 Cuéi nam ti 01/11/2027"), "ocr.txt")
    assert (D(2027, 11, 1), D(2027, 12, 15)) not in _periods(draft)
