"""Second review of rounds 13-14 (#21): space-aligned tables end with their section, and the
readers stay linear and in range on hostile input."""

from __future__ import annotations

import datetime as dt
import time

from bot.domain.planimport import draft_from_text
from bot.domain.planimport.content import _cells_of
from bot.domain.planimport.dates import weeks_said
from bot.domain.planimport.reporting import days_after, is_stage
from bot.domain.planimport.schedule import _WEEK_PHASE_ROW
from bot.domain.planimport.text import _laid_row, split

TABLE = (
    "II. KẾ HOẠCH HOẠT ĐỘNG\n\n"
    " Thời gian          Nội dung hoạt động                   Thực hiện\n"
    " ------------------ ------------------------------------ ---------------\n"
    " Tháng 3 - 4/2027   Chuẩn bị: in tờ rơi, tập huấn cho    Phòng Chỉ đạo\n"
    " Tháng 5 - 7/2027   Cao điểm: khám lưu động tại bến cá   Khoa Khám bệnh\n")
AFTER = "III. TỔ CHỨC THỰC HIỆN\nKhoa Khám bệnh chủ trì, phối hợp với Trạm Y tế các xã thực hiện.\n"


def _texts(text: str) -> list[str]:
    return [p.text for p in split(text).paras]


def test_a_space_aligned_table_ends_at_one_blank_line_before_the_next_heading():
    texts = _texts(TABLE + "\n" + AFTER)
    assert "III. TỔ CHỨC THỰC HIỆN" in texts
    assert not any(t.startswith("| III") or "| Khoa Khám bệnh chủ trì" in t for t in texts)


def test_a_space_aligned_table_ends_at_the_next_heading_without_a_blank_line():
    texts = _texts(TABLE + AFTER)
    assert "III. TỔ CHỨC THỰC HIỆN" in texts
    assert sum(t.startswith("| Tháng") for t in texts) == 2


def test_a_space_aligned_table_ends_at_its_closing_rule():
    closed = TABLE + " ------------------ ------------------------------------ ---------------\n"
    texts = _texts(closed + "Khoa Khám bệnh chủ trì, phối hợp với Trạm Y tế các xã thực hiện tốt.\n")
    assert any(t.startswith("Khoa Khám bệnh chủ trì, phối hợp") for t in texts)
    assert not any("---" in t for t in texts)


def test_a_long_row_under_a_many_column_rule_is_cut_in_linear_time():
    text = "a  b\n" + "--- " * 4000 + "\n" + "x" * 16000 + "\n"
    started = time.process_time()
    split(text)
    assert time.process_time() - started < 1.0
    assert _laid_row(" ab cd  efgh", [0, 4, 8]) == "| ab | cd | efgh |"
    assert _laid_row("abcdefgh", [0, 4]) == "|  | abcdefgh |"  # no space to step back to: one cell


def test_a_row_of_many_empty_cells_is_cut_in_linear_time():
    started = time.process_time()
    _cells_of(" |" * 10000 + " x")
    assert time.process_time() - started < 1.0
    assert _cells_of("| loa | | | tuần | |") == ["", "loa", "", "", "tuần"]  # empty last cells dropped


WEEKS = (
    "CHI CỤC AN TOÀN VỆ SINH THỰC PHẨM\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "Số: 31/KH-CCATTP\tngày 10 tháng 3 năm 2027\n\nKẾ HOẠCH\n"
    "Truyền thông phòng, chống ngộ độc thực phẩm năm 2027\n\nI. MỤC ĐÍCH\nNâng cao nhận thức.\n\n"
    "II. THỜI GIAN\n"
    "- Lịch trình tính theo tuần của năm 2027 (tuần 1 bắt đầu từ thứ Hai, ngày 04/01/2027).\n"
    "- Đợt 1: từ 05/4 đến 02/5/2027.\n"
    "- Đợt 2: từ 06/9 đến 31/10/2027.\n\n"
    "III. TỔ CHỨC THỰC HIỆN\n"
    "1. Khoa Truyền thông: báo cáo Ban Giám đốc vào thứ Sáu tuần 26 (kết quả 6 tháng).\n"
    "2. Trung tâm Y tế khu vực: gửi báo cáo kết quả mỗi đợt về Trung tâm chậm nhất thứ Hai của tuần "
    "liền sau khi kết thúc đợt.\n")


def _dues(text: str) -> list[dt.date]:
    draft, _ = draft_from_text(text, "plan.txt")
    return [d.due for d in draft.deadlines]


def test_a_week_one_at_the_calendars_end_drops_only_the_weeks_past_it():
    assert weeks_said(dt.date(9999, 12, 27), 1, 2) is None
    assert weeks_said(dt.date(2027, 1, 4), 14, 43) == (dt.date(2027, 4, 5), dt.date(2027, 10, 31))
    dues = _dues(WEEKS.replace("04/01/2027", "27/12/9999"))
    assert dt.date(2027, 5, 3) in dues and dt.date(2027, 11, 1) in dues  # the other reports stay


def test_a_report_week_is_one_to_fifty_three_and_iso_week_53_only_in_a_year_that_has_it():
    assert dt.date(2027, 1, 1) not in _dues(WEEKS.replace("tuần 26", "tuần 0"))
    assert dt.date(2028, 11, 24) not in _dues(WEEKS.replace("tuần 26", "tuần 99"))
    iso = WEEKS.replace(" (tuần 1 bắt đầu từ thứ Hai, ngày 04/01/2027)", "").replace("tuần 26", "tuần 53")
    assert dt.date(2027, 1, 1) in _dues(iso.replace("2027", "2026"))  # 2026 has an ISO week 53
    assert _dues(iso) == [dt.date(2027, 5, 3), dt.date(2027, 11, 1)]  # 2027 has none


def test_a_report_many_working_days_after_a_round_is_dated_as_labelled():
    end = dt.date(2027, 5, 2)
    assert days_after(end, 99, True) > days_after(end, 60, True) > days_after(end, 59, True)


def test_a_numbered_preparing_or_closing_stage_gets_no_quick_report():
    assert is_stage("Giai đoạn 1 - Chuẩn bị", "") and is_stage("Giai đoạn 3: Tổng kết", "")
    assert is_stage("Giai đoạn IV (sơ kết)", "") and is_stage("Chuẩn bị: in tờ rơi", "")
    assert not is_stage("Giai đoạn 2 - Triển khai", "") and not is_stage("Giai đoạn 2: chuẩn bị xong", "")
    plan = ("TRUNG TÂM Y TẾ KHU VỰC AN PHÚ\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "Số: 12/KH-TTYT\tAn Phú, ngày 10 tháng 3 năm 2027\n\n"
            "KẾ HOẠCH\nTruyền thông phòng, chống sốt xuất huyết năm 2027\n\n"
            "II. THỜI GIAN\n"
            "- Giai đoạn 1 - Chuẩn bị: từ ngày 01/4/2027 đến ngày 15/4/2027.\n"
            "- Giai đoạn 2 - Triển khai: từ ngày 16/4/2027 đến ngày 30/9/2027.\n\n"
            "III. TỔ CHỨC THỰC HIỆN\nCác trạm y tế báo cáo kết quả mỗi đợt về Trung tâm chậm nhất "
            "05 ngày sau khi kết thúc đợt.\n")
    assert dt.date(2027, 4, 20) not in _dues(plan)
    assert dt.date(2027, 10, 5) in _dues(plan)


def test_a_week_phase_row_is_matched_in_linear_time_after_a_long_run_of_spaces():
    started = time.process_time()
    assert _WEEK_PHASE_ROW.match(" " * 20000 + "x") is None
    assert _WEEK_PHASE_ROW.match("1 - 2" + " " * 20000 + "x") is None
    assert time.process_time() - started < 1.0
    assert _WEEK_PHASE_ROW.match("| 14 - 17 | giai doan 1 - chuan bi").groups() == ("14", "17", "giai doan 1")
