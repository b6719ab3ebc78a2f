"""An appendix after the signature timing the plan's activities month by month ("PHỤ LỤC / LỊCH
TRIỂN KHAI", "| Thời gian | Hoạt động | … |") is no list of phases when the body states none;
the same appendix whose rows name their Giai đoạn keeps them as the plan's phases. A deadline the
appendix repeats is the body's; results sent by a date as a task item of their own are a deadline."""

from __future__ import annotations

import datetime as dt

from bot.domain.planimport import draft_from_text

D = dt.date
BODY = ("HỘI CHỮ THẬP ĐỎ TỈNH\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 15/KH-HCTĐ\tngày 10 tháng 9 năm 2026\n\n"
        "KẾ HOẠCH\nTruyền thông hiến máu tình nguyện năm học 2026 - 2027\n\n"
        "I. THỜI GIAN\n"
        "Thực hiện từ tháng 10/2026 đến hết tháng 3/2027, lồng ghép trong hoạt động thường xuyên.\n"
        "1. Tập huấn tuyên truyền viên ngày 17/10/2026.\n"
        "2. Ngày hội hiến máu tổ chức ngày 16/01/2027.\n\n"
        "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\n"
        "TM. BAN THƯỜNG VỤ\nCHỦ TỊCH\n\nTrần Văn Bình\n\n"
        "PHỤ LỤC\nLỊCH TRIỂN KHAI CÁC HOẠT ĐỘNG\n"
        "(Kèm theo Kế hoạch số 15/KH-HCTĐ ngày 10/9/2026)\n\n")
MONTHS = BODY + (
    "| Thời gian | Hoạt động | Đơn vị thực hiện |\n"
    "|---|---|---|\n"
    "| Tháng 10/2026 | Tập huấn tuyên truyền viên (17/10); | Văn phòng |\n"
    "| | in tờ rơi | |\n"
    "| Tháng 11 - 12/2026 | Tuyên truyền tại các trường | Các chi hội |\n"
    "| Tháng 01/2027 | Ngày hội hiến máu (16/01) | Văn phòng |\n"
    "| Tháng 02 - 3/2027 | Tổng kết, khen thưởng | Văn phòng |\n")


def test_a_month_timetable_after_the_signature_is_no_phase_list():
    draft, _ = draft_from_text(MONTHS, "plan.txt")
    assert [(p.start, p.end) for p in draft.phases] == [(D(2026, 10, 1), D(2027, 3, 31))]


def test_the_same_timetable_as_ocr_reads_it_without_diacritics_is_no_phase_list():
    text = MONTHS.replace("Nơi nhận", "Noi nhan").replace("PHỤ LỤC", "PHU LUC").replace("Tháng", "Thang")
    draft, _ = draft_from_text(text, "ocr.txt")
    assert [(p.start, p.end) for p in draft.phases] == [(D(2026, 10, 1), D(2027, 3, 31))]


def test_an_appendix_whose_rows_name_their_stage_keeps_them_as_phases():
    text = BODY + (
        "| Giai đoạn | Thời gian | Nội dung trọng tâm |\n"
        "| Giai đoạn 1 | Tháng 10 - 12/2026 | Tập huấn, tuyên truyền tại các trường |\n"
        "| Giai đoạn 2 | Tháng 01 - 3/2027 | Ngày hội hiến máu; tổng kết |\n")
    draft, _ = draft_from_text(text, "plan.txt")
    assert [(p.start, p.end) for p in draft.phases] == [
        (D(2026, 10, 1), D(2026, 12, 31)), (D(2027, 1, 1), D(2027, 3, 31))]



def test_a_deadline_the_appendix_repeats_is_the_bodys_counted_once():
    text = MONTHS.replace(
        "2. Ngày hội hiến máu tổ chức ngày 16/01/2027.\n",
        "2. Ngày hội hiến máu tổ chức ngày 16/01/2027.\n"
        "3. Các chi hội báo cáo kết quả về Văn phòng trước ngày 25/3/2027.\n").replace(
        "| Tháng 02 - 3/2027 | Tổng kết, khen thưởng | Văn phòng |\n",
        "| Tháng 02 - 3/2027 | Tổng kết, khen thưởng; báo cáo | Văn phòng |\n"
        "| | (trước 25/3/2027) | |\n")
    draft, _ = draft_from_text(text, "plan.txt")
    assert [d.due for d in draft.deadlines] == [D(2027, 3, 25)]


def test_results_sent_by_a_date_as_a_task_item_of_its_own_are_a_deadline():
    text = MONTHS.replace(
        "2. Ngày hội hiến máu tổ chức ngày 16/01/2027.\n",
        "2. Ngày hội hiến máu tổ chức ngày 16/01/2027.\n"
        "3. Các chi hội:\n- Tuyên truyền tại các trường.\n"
        "- Gửi kết quả khảo sát về Văn phòng trước ngày 10/11/2026.\n")
    draft, _ = draft_from_text(text, "plan.txt")
    assert [d.due for d in draft.deadlines] == [D(2026, 11, 10)]
