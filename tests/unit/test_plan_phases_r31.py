"""Phase layouts of the thirty-first round (#21), made-up text in their shape: a stage with no end
("từ Quý III trở đi"), "hết năm" bent by OCR, a pause month whose "của" OCR
bent, peaks named one after the other in a sentence."""

from __future__ import annotations

import datetime as dt

from bot.domain.planimport import draft_from_text
from bot.domain.planimport.dates import find_period, find_range
from bot.domain.planimport.text import key

D = dt.date
HEAD = ("TRUNG TÂM Y TẾ HUYỆN NAM SƠN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 31/KH-TTYT\tngày 15 tháng 12 năm 2026\n\n"
        "KẾ HOẠCH\nTruyền thông phòng chống tai nạn thương tích năm 2027\n\n")
TAIL = ("IV. TỔ CHỨC THỰC HIỆN\n"
        "1. Khoa Truyền thông chủ trì; báo cáo trước ngày 20/12/2027.\n\n"
        "Nơi nhận:\n- Sở Y tế;\n- Lưu: VT.\n\n"
        "GIÁM ĐỐC\n(Đã ký)\nLê Văn Tâm\n\n\n")


def _phases(body: str) -> list[tuple[dt.date | None, dt.date | None]]:
    draft, _ = draft_from_text(HEAD + body + TAIL, "plan.txt")
    return [(p.start, p.end) for p in draft.phases]


def test_a_quarter_from_which_a_stage_runs_on_has_no_end():
    # "(từ Quý III/2027 trở đi)", its từ and trở bent by OCR's mending: "te", "tre"
    for said in ("(từ Quý III/2027 trở đi)", "(te quy iii/2027 tre di)"):
        found = find_period(key(f" {said}: truyền thông tại xã"), D(2027, 1, 10), 2027)
        assert found is not None and found[:2] == (D(2027, 7, 1), None)


def test_a_quarter_in_brackets_without_onward_is_its_three_months():
    found = find_period(key(" (Quý III/2027): truyền thông tại xã"), D(2027, 1, 10), 2027)
    assert found is not None and found[:2] == (D(2027, 7, 1), D(2027, 9, 30))


def test_children_going_back_to_school_after_a_quarter_is_no_onward():
    # "Quý III/2027 trẻ đi học trở lại": trẻ (children), not a bent trở, with no từ before the quarter
    found = find_period(key(" - Quý III/2027 trẻ đi học trở lại: khám tại trường"), D(2027, 1, 10), 2027)
    assert found is not None and found[:2] == (D(2027, 7, 1), D(2027, 9, 30))


def test_a_quarter_onward_needs_its_own_word_not_a_longer_one():
    # "từ Quý II/2027 trở điều chỉnh": no "đi" as a word of its own
    found = find_period(key(" (từ Quý II/2027 trở điều chỉnh): truyền thông"), D(2027, 1, 10), 2027)
    assert found is not None and found[:2] == (D(2027, 4, 1), D(2027, 6, 30))


def test_to_the_end_of_a_year_ocr_bent():
    # "đến hết ném 2027": OCR's năm bent, its year written
    found = find_range("tu thang 7/2027 den het nem 2027: duy tri", D(2027, 1, 10), 2027)
    assert found is not None and found[:2] == (D(2027, 7, 1), D(2027, 12, 31))


def test_a_bent_year_word_without_its_year_ends_nothing():
    # "đến nem rán": no year after it, no end
    found = find_range("tu thang 7/2027 den nem ran", D(2027, 1, 10), 2027)
    assert found is not None and found[1] is None


def test_a_pause_month_whose_of_ocr_bent_is_no_phase():
    # "không tổ chức hoạt động cla Kế hoạch": OCR's "của", mended to "la"
    assert _phases("II. THOI GIAN\n"
                   "Ke hoach thuc hien tu thang 2/2027 den het thang 10/2027, gom hai giai doan:\n"
                   "- Tu thang 2 den thang 5/2027: Mo lop tap huan.\n"
                   "- Tu thang 8 den thang 10/2027: Hoi thi, tong ket. Thang 6 va thang 7/2027 cac don vi "
                   "phong chong lut bao, khong to chuc hoat dong la Ke hoach nay.\n\n") == [
        (D(2027, 2, 1), D(2027, 5, 31)), (D(2027, 8, 1), D(2027, 10, 31))]


def test_a_plan_of_reserve_that_is_is_no_pause():
    # "tạm dừng hoạt động là kế hoạch dự phòng …": "là" (is), the clause goes on; the stage stays
    assert _phases("II. THỜI GIAN\n"
                   "Từ tháng 2 đến tháng 5/2027: mở lớp tập huấn; từ tháng 6 đến tháng 9/2027: mùa mưa lũ, "
                   "phương án tạm dừng hoạt động là kế hoạch dự phòng của mỗi xã; từ tháng 10 đến tháng "
                   "12/2027: tổng kết.\n\n") == [
        (D(2027, 2, 1), D(2027, 5, 31)), (D(2027, 6, 1), D(2027, 9, 30)), (D(2027, 10, 1), D(2027, 12, 31))]


def test_peaks_named_one_after_another_in_a_sentence():
    # "tập trung cao điểm vào Tuần lễ … từ A đến B và đợt … (tháng 9/2027)": two named peaks
    assert _phases("II. THỜI GIAN\n"
                   "Kế hoạch thực hiện từ ngày 04/01/2027 đến ngày 31/12/2027.\n"
                   "- Trong năm, tập trung cao điểm vào Tuần lễ quốc gia phòng chống đuối nước từ 01.6.2027 "
                   "đến 07.6.2027 và đợt khám sàng lọc cho trẻ em (tháng 9/2027); các tháng còn lại "
                   "duy trì tuyên truyền thường xuyên.\n\n") == [
        (D(2027, 6, 1), D(2027, 6, 7)), (D(2027, 9, 1), D(2027, 9, 30))]


def test_the_rest_of_the_span_named_after_a_peak_is_no_second_peak():
    # "… và tháng còn lại (…)", "…, tuần tiếp theo (…)": the span's rest by where it falls, not a peak
    for rest in ("và các tháng còn lại (tháng 6 - 12/2027) duy trì tuyên truyền",
                 "và tuần tiếp theo (từ 08/6 đến 14/6/2027) tổng hợp báo cáo"):
        phases = _phases("II. THỜI GIAN\n"
                         "Kế hoạch thực hiện từ ngày 04/01/2027 đến ngày 31/12/2027.\n"
                         "- Tập trung cao điểm vào Tuần lễ quốc gia phòng chống đuối nước từ 01.6.2027 "
                         f"đến 07.6.2027 {rest}.\n\n")
        assert phases == [(D(2027, 6, 1), D(2027, 6, 7))], rest


def test_a_named_period_too_long_for_a_peak_is_no_second_peak():
    # "… và đợt duy trì tuyên truyền (tháng 6 - 12/2027)": seven months, the span's routine
    phases = _phases("II. THỜI GIAN\n"
                     "Kế hoạch thực hiện từ ngày 04/01/2027 đến ngày 31/12/2027.\n"
                     "- Trong năm, tập trung cao điểm vào Tuần lễ quốc gia phòng chống đuối nước "
                     "từ 01.6.2027 đến 07.6.2027 và đợt vận động các thôn (tháng 6 - 12/2027).\n\n")
    assert phases == [(D(2027, 6, 1), D(2027, 6, 7))]
