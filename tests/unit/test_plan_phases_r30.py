"""Phase layouts of the forty-seventh/eighth blind batches (#21), made-up text in their shape: steps
a month the plan pauses in, OCR's "thu?" and "théng"."""

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
    assert _ocr_peaks("thu? hoạch") == ["Đợt 1"]


def test_a_question_mark_after_another_th_word_is_no_ordinal():
    # "Đợt cao điểm thế? hai …": a real "?" after a word that is not thu
    assert _ocr_peaks("thế? hai") == ["Đợt 1"]


def test_a_stages_month_ocr_spelt_theng():
    # "Giai đoạn chuẩn bị (théng 02/2027)": OCR's tháng, its á read as é
    from bot.domain.planimport.text import ocr_digits
    assert ocr_digits("giai doan chuan bi (theng 02/2027): in tai lieu") == \
        "giai doan chuan bi (thang 02/2027): in tai lieu"


def test_a_stages_month_ocr_spelt_theng_dates_the_phase():
    # the same "(théng 03/2027)" read through to a phase's month
    assert _phases("I. THỜI GIAN\n"
                   "1. Giai đoạn chuẩn bị (théng 03/2027): in tài liệu, tập huấn.\n"
                   "2. Giai đoạn triển khai (tháng 4 - tháng 10/2027): vận động tại thôn.\n\n")[0][1:] == \
        (D(2027, 3, 1), D(2027, 3, 31))


def test_thong_after_a_word_before_a_month_stays():
    # "truyền thông 6/2027": thông ends a word there, no bent tháng
    from bot.domain.planimport.text import ocr_digits
    assert ocr_digits("day manh truyen thong 6/2027 tai xa") == "day manh truyen thong 6/2027 tai xa"


def test_thong_before_a_number_that_is_no_month_stays():
    # "thông 02 lần": a word before a count, not a month and its year
    from bot.domain.planimport.text import ocr_digits
    assert ocr_digits("thong 02 lan/tuan") == "thong 02 lan/tuan"


def _paused_names(body: str) -> list[tuple[dt.date | None, dt.date | None]]:
    return [(start, end) for _, start, end in _phases("I. THỜI GIAN\n" + body + "\n\n")]


def test_a_month_that_pauses_other_work_stays_a_phase():
    # "… tạm ngừng cấp giấy phép mới": the month pauses licences, not the plan's own work
    assert _paused_names("Tháng 2 và tháng 3/2027 rà soát danh sách, tạm ngừng cấp giấy phép mới; "
                         "từ tháng 4 đến tháng 8/2027 thanh tra các cơ sở; "
                         "từ tháng 9 đến hết năm 2027 sơ kết, tổng kết.")[0] == \
        (D(2027, 2, 1), D(2027, 3, 31))


def test_a_month_that_starts_no_new_work_stays_a_phase():
    # "… không triển khai hoạt động mới": old work still done in those months
    assert _paused_names("Tháng 2 và tháng 3/2027 làm xong các việc còn dở, không triển khai hoạt động mới; "
                         "từ tháng 4 đến tháng 8/2027 thanh tra các cơ sở; "
                         "từ tháng 9 đến hết năm 2027 sơ kết, tổng kết.")[0] == \
        (D(2027, 2, 1), D(2027, 3, 31))


def test_stages_one_of_which_pauses_offenders_stay_phases():
    # "… tạm dừng hoạt động cơ sở vi phạm": a stage's own work, not a pause of the plan
    assert _paused_names("Kế hoạch chia làm ba giai đoạn: từ tháng 2 đến tháng 4/2027 truyền thông, "
                         "tập huấn; từ tháng 5 đến tháng 7/2027 thanh tra, tạm dừng hoạt động cơ sở vi "
                         "phạm; từ tháng 8 đến tháng 11/2027 tổng kết.")[-2:] == [
        (D(2027, 5, 1), D(2027, 7, 31)), (D(2027, 8, 1), D(2027, 11, 30))]


def test_offenders_paused_later_in_a_stage_leave_it_a_phase():
    # "cơ sở vi phạm bị tạm dừng", "buộc … tạm ngừng để khắc phục", "đình chỉ hoặc tạm dừng": offenders
    # stopped within the stage's own work; only the plan's work paused, or a pause right after the
    # month, is a gap
    for middle in ("thanh tra, cơ sở vi phạm bị tạm dừng", "thanh tra, buộc nơi làm sai tạm ngừng để sửa",
                   "kiểm tra, xử lý, đình chỉ hoặc tạm dừng"):
        assert _paused_names(f"Kế hoạch chia làm ba giai đoạn: từ tháng 2 đến tháng 4/2027 truyền thông; "
                             f"từ tháng 5 đến tháng 7/2027 {middle}; từ tháng 8 đến tháng 11/2027 tổng kết."
                             )[-2:] == [(D(2027, 5, 1), D(2027, 7, 31)), (D(2027, 8, 1), D(2027, 11, 30))]
