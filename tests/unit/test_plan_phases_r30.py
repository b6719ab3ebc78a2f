"""Phase layouts of the forty-seventh/eighth blind batches (#21), made-up text in their shape: steps
whose quarter follows a dash ("Bước 1 - Quý I/2027: …")."""

from __future__ import annotations

import datetime as dt

from bot.domain.planimport import draft_from_text

D = dt.date
HEAD = ("BẢO HIỂM XÃ HỘI HUYỆN AN LẠC\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 12/KH-BHXH\tngày 20 tháng 12 năm 2026\n\n"
        "KẾ HOẠCH\nVận động tham gia bảo hiểm y tế năm 2027\n\n")
TAIL = ("II. TỔ CHỨC THỰC HIỆN\n"
        "1. Phòng Truyền thông chủ trì; báo cáo trước ngày 15/12/2027.\n\n"
        "Nơi nhận:\n- Sở Y tế;\n- Lưu: VT.\n\n"
        "GIÁM ĐỐC\n(Đã ký)\nTrần Văn Bình\n\n\n")


def _phases(body: str) -> list[tuple[str, dt.date | None, dt.date | None]]:
    draft, _ = draft_from_text(HEAD + body + TAIL, "plan.txt")
    return [(p.name, p.start, p.end) for p in draft.phases]


def test_steps_their_quarters_follow_a_dash():
    # "Bước 1 - Quý I/2027: …": each step's quarters after a dash
    assert _phases("I. THỜI GIAN VÀ CÁC BƯỚC\n"
                   "Kế hoạch thực hiện từ ngày 01/01/2027 đến ngày 31/12/2027 theo ba bước:\n"
                   "Bước 1 - Quý I/2027: Lập danh sách hộ, gửi thông báo.\n"
                   "Bước 2 - Quý II và Quý III/2027: Vận động, thu tại chỗ.\n"
                   "Bước 3 - Quý IV/2027: Tổng kết.\n\n") == [
        ("Bước 1: Lập danh sách hộ, gửi thông báo", D(2027, 1, 1), D(2027, 3, 31)),
        ("Bước 2: Vận động, thu tại chỗ", D(2027, 4, 1), D(2027, 9, 30)),
        ("Bước 3: Tổng kết", D(2027, 10, 1), D(2027, 12, 31))]


def test_a_steps_dash_without_a_quarter_is_no_phase():
    # "Bước 1 - hai tuần đầu: …": how long, no quarter or month after the dash
    names = [n for n, _, _ in _phases("I. THỜI GIAN VÀ CÁC BƯỚC\n"
                                      "Kế hoạch thực hiện từ ngày 01/01/2027 đến ngày 31/12/2027:\n"
                                      "Bước 1 - hai tuần đầu: Lập danh sách hộ từ ngày 05/01/2027.\n"
                                      "Bước 2 - các tuần sau: Vận động.\n\n")]
    assert not any(n.startswith("Bước") for n in names)


def test_a_month_the_plan_pauses_in_is_no_phase():
    # "Tháng 7/2027 … tạm dừng, không tổ chức hoạt động của Kế hoạch": a stated gap between phases
    assert _phases("I. THỜI GIAN\n"
                   "Kế hoạch thực hiện từ tháng 2/2027 đến hết tháng 10/2027, gồm hai giai đoạn:\n"
                   "- Từ tháng 2 đến tháng 5/2027: Mở lớp tập huấn cho hội viên.\n"
                   "- Từ tháng 8 đến tháng 10/2027: Hội thi, tổng kết. Tháng 6 và tháng 7/2027 các đơn vị "
                   "phòng chống lụt bão, không tổ chức hoạt động của Kế hoạch này.\n\n") == [
        ("Từ tháng 2 đến tháng 5/2027: Mở lớp tập huấn cho hội viên", D(2027, 2, 1), D(2027, 5, 31)),
        ("Từ tháng 8 đến tháng 10/2027: Hội thi, tổng kết", D(2027, 8, 1), D(2027, 10, 31))]


def test_a_month_of_other_work_stays_a_phase():
    # "Tháng 6 … tổ chức hoạt động ngoại khóa": a month's own work, no pause
    names = [n for n, _, _ in _phases("I. THỜI GIAN\n"
                                      "Kế hoạch thực hiện từ tháng 2/2027 đến hết tháng 10/2027:\n"
                                      "- Từ tháng 2 đến tháng 5/2027: Mở lớp tập huấn. Tháng 6/2027 các "
                                      "đơn vị tổ chức hoạt động ngoại khóa.\n\n")]
    assert any(n.startswith("Tháng 6/2027") for n in names)


def test_peaks_a_sentence_names_after_tap_trung_vao():
    # "tập trung cao điểm vào Tháng hành động … từ … đến … và đợt … (tháng 6/2027)": named peaks
    assert _phases("I. THỜI GIAN\n- Thời gian: từ 04/01/2027 đến 31/12/2027.\n"
                   "- Trong năm, tập trung cao điểm vào Tháng hành động phòng chống tai nạn lao động "
                   "từ 01/5/2027 đến 31/5/2027 và đợt kiểm tra sức khỏe định kỳ (tháng 8/2027); "
                   "các tháng còn lại duy trì tuyên truyền.\n\n") == [
        ("Tháng hành động phòng chống tai nạn lao động", D(2027, 5, 1), D(2027, 5, 31)),
        ("Đợt kiểm tra sức khỏe định kỳ", D(2027, 8, 1), D(2027, 8, 31))]


def test_one_named_peak_is_not_split_into_phases():
    # "tập trung vào đợt tiêm … (tháng 4/2027) và vận động …": one dated peak, then work without a date
    names = [n for n, _, _ in _phases("I. THỜI GIAN\n- Thời gian: từ 04/01/2027 đến 31/12/2027.\n"
                                      "- Trong năm, tập trung vào đợt tiêm bổ sung (tháng 4/2027) và "
                                      "đợt vận động người dân tại thôn.\n\n")]
    assert "Đợt vận động người dân tại thôn" not in names and "Đợt tiêm bổ sung" not in names


def _ocr_peaks(second: str) -> list[str]:
    return [n.split(":")[0] for n, _, _ in _phases(
        "I. THỜI GIAN\nTừ ngày 01/01/2027 đến ngày 31/12/2027. Trong đó có hai đợt cao điểm:\n"
        "- Đợt cao điểm thứ nhất: từ ngày 10/3/2027 đến ngày 10/4/2027, gắn với mùa dịch.\n"
        f"- Đợt cao điểm {second}: từ ngày 01/10/2027 đến ngày 31/10/2027, gắn với mùa lũ.\n\n")]


def test_a_peaks_ordinal_its_hook_read_as_a_question_mark():
    # "Đợt cao điểm thu? hai": OCR read the hook of thứ as a "?"
    assert _ocr_peaks("thu? hai") == ["Đợt 1", "Đợt 2"]


def test_a_question_mark_before_other_words_is_no_ordinal():
    # "Đợt cao điểm thu? hoạch": the "?" before no ordinal
    assert "Đợt 2" not in _ocr_peaks("thu? hoạch")


def test_a_stages_month_ocr_spelt_theng():
    # "Giai đoạn chuẩn bị (théng 02/2027)": OCR's tháng, its á read as é
    from bot.domain.planimport.text import ocr_digits
    assert ocr_digits("giai doan chuan bi (theng 02/2027): in tai lieu") == \
        "giai doan chuan bi (thang 02/2027): in tai lieu"


def test_thong_before_a_number_that_is_no_month_stays():
    # "thông 02 lần": a word before a count, not a month and its year
    from bot.domain.planimport.text import ocr_digits
    assert ocr_digits("thong 02 lan/tuan") == "thong 02 lan/tuan"
