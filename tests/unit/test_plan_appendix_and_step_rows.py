"""Layouts of the sixteenth blind batch (#21), with made-up text in their shape: slogans listed
in a closing appendix ("PHỤ LỤC" / "KHẨU HIỆU TUYÊN TRUYỀN" after the signature, as "Khẩu hiệu:
theo Phụ lục" promised), a step table whose tabs OCR lost ("Budc 1 Thang 7/2026 In …"), and a
count's noun OCR read with a 6 for its marked o ("01" / "bu6i/quy")."""

from __future__ import annotations

import datetime as dt

from bot.domain.planimport import draft_from_text
from bot.domain.planimport.ocrfix import repair

D = dt.date
HEAD = ("TRUNG TÂM Y TẾ HUYỆN AN LẠC\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 31/KH-TTYT\tngày 10 tháng 5 năm 2026\n\n"
        "KẾ HOẠCH\nTruyền thông phòng, chống bệnh tay chân miệng năm 2026\n\n"
        "I. NỘI DUNG\n"
        "1. Cách rửa tay đúng cách cho trẻ.\n"
        "2. Khẩu hiệu: theo Phụ lục kèm theo.\n\n"
        "II. TỔ CHỨC THỰC HIỆN\n"
        "1. Khoa Kiểm soát bệnh tật chủ trì; báo cáo trước ngày 15/12/2026.\n\n"
        "Nơi nhận:\n- Sở Y tế;\n- Lưu: VT.\n\n"
        "GIÁM ĐỐC\n(Đã ký)\nTrần Văn Bình\n\n\n")


def _slogans(text: str) -> list[str]:
    draft, _ = draft_from_text(text, "plan.txt")
    return [s.text.rstrip(".") for s in draft.slogans]


def test_slogans_listed_in_a_closing_appendix():
    assert _slogans(HEAD + "PHỤ LỤC\nKHẨU HIỆU TUYÊN TRUYỀN\n"
                           "(Kèm theo Kế hoạch số 31/KH-TTYT ngày 10/5/2026)\n\n"
                           "1. Rửa tay sạch - Bé khỏe mạnh.\n"
                           "2. Phát hiện sớm - Cách ly kịp thời.\n") == [
        "Rửa tay sạch - Bé khỏe mạnh", "Phát hiện sớm - Cách ly kịp thời"]


def test_the_appendix_title_a_blank_line_below_its_mark_as_ocr_sets_it():
    assert _slogans(HEAD + "Phụ lục 2\n\nTHÔNG ĐIỆP TRUYỀN THÔNG\n\n"
                           "1. Rửa tay sạch - Bé khỏe mạnh.\n"
                           "2. Phát hiện sớm - Cách ly kịp thời.\n") == [
        "Rửa tay sạch - Bé khỏe mạnh", "Phát hiện sớm - Cách ly kịp thời"]


def test_an_appendix_of_another_kind_gives_no_slogans():
    assert _slogans(HEAD + "PHỤ LỤC\nTIẾN ĐỘ TRIỂN KHAI CÁC HOẠT ĐỘNG\n"
                           "(Kèm theo Kế hoạch số 31/KH-TTYT ngày 10/5/2026)\n\n"
                           "1. Tập huấn giáo viên mầm non.\n"
                           "2. Tổng kết, đánh giá.\n") == []


def test_a_slogan_appendix_ends_at_the_next_appendix():
    assert _slogans(HEAD + "PHỤ LỤC 1\nKHẨU HIỆU TUYÊN TRUYỀN\n\n"
                           "1. Rửa tay sạch - Bé khỏe mạnh.\n\n"
                           "PHỤ LỤC 2\nDANH SÁCH CÁC ĐƠN VỊ\n\n"
                           "1. Trạm Y tế xã An Phú.\n") == ["Rửa tay sạch - Bé khỏe mạnh"]


def test_a_step_table_whose_tabs_ocr_lost():
    text = repair("II. THOI GIAN VA CAC BUGC TRIEN KHAI\n"
                  "Buéc Thoi gian Noi dung chu yéu\n\n"
                  "Budc 1 Thang 6/2026 Tap huan giao vién mam non;\n"
                  "in tai liéu\n\n"
                  "Buédc 2 Thang 7 - thang 9/2026 Truyén thong tai truong hoc\n\n"
                  "Buéc 3 Thang 10/2026 Tong két\n")
    lines = text.split("\n")
    assert [lines[3][:6], lines[6][:6], lines[8][:6]] == ["Buoc 1", "Buoc 2", "Buoc 3"]
    draft, _ = draft_from_text(HEAD.replace("I. NỘI DUNG", "I. CÁC BƯỚC\n" + "\n".join(
        ["Bước 1 Tháng 6/2026 Tập huấn giáo viên mầm non",
         "Bước 2 Tháng 7 - tháng 9/2026 Truyền thông tại trường học",
         "Bước 3 Tháng 10/2026 Tổng kết", "", "II. NỘI DUNG"])), "plan.txt")
    assert [(p.start, p.end) for p in draft.phases] == [
        (D(2026, 6, 1), D(2026, 6, 30)), (D(2026, 7, 1), D(2026, 9, 30)), (D(2026, 10, 1), D(2026, 10, 31))]


def test_a_step_in_running_text_is_left_alone():
    assert not repair("Vi Bude 2 thang nay").startswith("Vi Buoc")
    assert not repair("Bude 2 nguoi di kham").startswith("Buoc")


def test_a_counts_noun_read_with_a_six_for_its_marked_o():
    text = repair("- Noi chuyén chuyén dé tai cac xa, moi xa 01\nbu6i/quy; uu tién xa vung cao.")
    assert text.split("\n")[1].startswith("buoi/quy")
    assert "01 buoi/quy" in repair("- Noi chuyén tai cac xa: 01 bu6i/quy.")


def test_steps_their_periods_follow_in_brackets():
    # "Bước 2 (tháng 3 - tháng 6/2027): …": a step its months follow in brackets
    steps = ("Bước 1 (tháng 01 - tháng 02/2027): Chuẩn bị tài liệu, tập huấn.\n"
             "Bước 2 (tháng 3 - tháng 8/2027): Triển khai tại các trường.\n"
             "Bước 3 (tháng 9 - tháng 12/2027): Đánh giá, tổng kết.\n\n")
    want = [(D(2027, 1, 1), D(2027, 2, 28)), (D(2027, 3, 1), D(2027, 8, 31)),
            (D(2027, 9, 1), D(2027, 12, 31))]
    head = ("I. GIAI ĐOẠN THỰC HIỆN\n"
            "Kế hoạch triển khai từ tháng 01/2027 đến hết tháng 12/2027, chia ba bước:\n")
    draft, _ = draft_from_text(HEAD.replace("2026", "2027").replace(
        "I. NỘI DUNG", head + steps + "II. NỘI DUNG"), "plan.txt")
    assert [(p.start, p.end) for p in draft.phases] == want


def _phases(body: str) -> list[tuple[str, dt.date | None, dt.date | None]]:
    draft, _ = draft_from_text(HEAD.replace("2026", "2027").replace("I. NỘI DUNG", body + "II. NỘI DUNG"),
                               "plan.txt")
    return [(p.name.split(":")[0], p.start, p.end) for p in draft.phases]


def test_a_steps_bracketed_length_is_no_period():
    # "Bước 2 (1 tuần): Tập huấn từ …": how long a step takes, not the months it runs in
    assert _phases("I. THỜI GIAN\nKế hoạch thực hiện từ tháng 3 đến tháng 12/2027.\n"
                   "Bước 1 (2 ngày): Chuẩn bị tài liệu.\n"
                   "Bước 2 (1 tuần): Tập huấn từ ngày 10/3/2027 đến ngày 17/3/2027.\n\n"
                   )[0][0] != "Bước 2"


def test_steps_inside_a_phase_are_not_phases_beside_it():
    # "Đợt 1 (tháng 3 - 5/2027)" then "Bước 1 (tháng 3/2027): …": the phase's own steps
    assert _phases("I. THỜI GIAN\nĐợt 1 (từ tháng 3 đến tháng 5/2027): Cao điểm.\n"
                   "Bước 1 (tháng 3/2027): Chuẩn bị.\nBước 2 (tháng 4 - tháng 5/2027): Triển khai.\n"
                   "Đợt 2 (từ tháng 9 đến tháng 11/2027): Đợt hai.\n\n") == [
        ("Đợt 1", D(2027, 3, 1), D(2027, 5, 31)), ("Đợt 2", D(2027, 9, 1), D(2027, 11, 30))]
