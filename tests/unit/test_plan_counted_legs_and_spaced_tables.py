"""Phase layouts of the twenty-third blind batch (#21), each with a variant made up beside it:
phases counted then dated in one paragraph of any section ("qua ba chặng: chặng đầu từ …; chặng
giữa …; chặng cuối trong tháng 3/2027"), also as OCR reads it; a table laid out with spaces under
a dashed rule (pdftotext -layout, pandoc's simple table), its rows led by their months."""

from __future__ import annotations

import datetime as dt

from bot.domain.planimport import draft_from_text
from bot.domain.planimport.text import split

D = dt.date
HEAD = ("TRẠM Y TẾ XÃ HÒA AN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 08/KH-TYT\tHòa An, ngày 15 tháng 9 năm 2026\n\n"
        "KẾ HOẠCH\nTruyền thông phòng chống thiếu máu ở phụ nữ có thai\n\n"
        "I. MỤC ĐÍCH\n1. Phụ nữ có thai uống viên sắt đủ.\n\n")
LEGS = [(D(2026, 10, 1), D(2026, 10, 31)), (D(2026, 11, 1), D(2027, 2, 28)), (D(2027, 3, 1), D(2027, 3, 31))]


def _periods(text: str, name: str = "plan.txt") -> list[tuple[dt.date | None, dt.date | None]]:
    draft, _ = draft_from_text(HEAD + text, name)
    return [(p.start, p.end) for p in draft.phases]


def test_legs_counted_then_dated_in_one_paragraph():
    assert _periods(
        "II. NỘI DUNG VÀ TIẾN ĐỘ\n"
        "Kế hoạch được thực hiện qua ba chặng: chặng đầu từ ngày 01/10 đến ngày 31/10/2026 để lập\n"
        "danh sách; chặng giữa từ ngày 01/11/2026 đến hết tháng 02/2027 là thời gian tư vấn tại hộ\n"
        "gia đình; chặng cuối trong tháng 3/2027 để đánh giá.\n\n"
        "III. KINH PHÍ\nNgân sách xã.\n") == LEGS


def test_phases_counted_as_ocr_reads_them():
    assert _periods(
        "II. NOI DUNG VA TIEN DO\n"
        "Ké hoach gom ba dot: dot dau tir ngay 01/10 dén ngay 31/10/2026 dé lap danh sach; dot\n"
        "giua tir ngay 01/11/2026 dén hét thang 02/2027 la tu van; dot cuoi trong thang 3/2027.\n\n"
        "III. KINH PHI\nNgan sach xa.\n", "ocr.txt") == LEGS


def test_an_uncounted_paragraph_outside_the_time_section_is_no_phase_list():
    assert _periods(
        "II. NỘI DUNG\n"
        "Tư vấn từ ngày 01/10 đến ngày 31/10/2026 tại Trạm; khám thai từ ngày 01/11/2026 đến hết "
        "tháng 02/2027 tại thôn.\n\n") != LEGS[:2]


SPACED = (
    "III. KẾ HOẠCH HOẠT ĐỘNG\n\n"
    " Thời gian          Nội dung hoạt động                   Thực hiện\n"
    " ------------------ ------------------------------------ ---------------\n"
    " Tháng 3 - 4/2027   Chuẩn bị: in tờ rơi, tập huấn cho    Phòng Chỉ đạo\n"
    " (chuẩn bị)         cán bộ y tế xã                       tuyến\n\n"
    " Tháng 5 - 7/2027   Cao điểm: khám lưu động tại bến      Khoa Khám bệnh\n"
    " (cao điểm)         cá, chợ\n\n"
    " Tháng 8 - 9/2027   Đánh giá kết quả                     Phòng Kế hoạch\n\n\n"
    "IV. KINH PHÍ\n   Nguồn thu sự nghiệp.\n")


def test_a_space_aligned_table_reads_as_rows_of_cells():
    plan = split(SPACED)
    rows = [p.text for p in plan.paras if p.text.startswith("|")]
    assert rows[1].startswith("| Tháng 3 - 4/2027 | Chuẩn bị: in tờ rơi, tập huấn cho | Phòng Chỉ đạo |")
    assert rows[2] == "| (chuẩn bị) | cán bộ y tế xã | tuyến |"


def test_a_space_aligned_table_dates_its_phases():
    assert _periods(SPACED) == [(D(2027, 3, 1), D(2027, 4, 30)), (D(2027, 5, 1), D(2027, 7, 31)),
                                (D(2027, 8, 1), D(2027, 9, 30))]


def test_a_flattened_table_under_its_time_column_header_dates_its_phases():
    # OCR read the table without its columns, under a heading that names no time
    assert _periods(
        "III. KE HOACH HOAT DONG CU THE\n\n"
        "Thoi gian Noi dung hoat dong Chi tieu Thuc hien\n\n"
        "Thang 3 - 4/2027 Chuan bi: in to roi, tap huan Phong Chi dao\n"
        "(chuan bi) can bo y te xa tuyen\n\n"
        "Thang 5 - 7/2027 Cao diem: kham luu dong Khoa Kham benh\n\n"
        "IV. KINH PHI\nNguon thu su nghiep.\n", "ocr.txt") == [
            (D(2027, 3, 1), D(2027, 4, 30)), (D(2027, 5, 1), D(2027, 7, 31))]


OCR_HEAD = ("TRUONG TIEU HOC HOA AN CONG HOA XA HOI CHU NGHIA VIET NAM\n"
            "So: 05/KH-TH Hoa An, ngay 04 thang 01 nam 2027\n\n"
            "KE HOACH\nPhong chong chay o hoc sinh ban tru\n\n")


def test_a_wrapped_range_end_whose_den_lost_its_d():
    draft, _ = draft_from_text(OCR_HEAD + (
        "II. NOI DUNG VA THOI GIAN THUC HIEN\n\n"
        "| Dot | Thoi gian | Noi dung | Bao cao |\n\n"
        "| Dot 1 | Tir 11/01 | Kiem tra toc | Truoc |\n\n"
        "| | dén 29/01/2027 | goi dau | 03/02/2027 |\n\n"
        "| Dot 2 | Tir 22/02 | Tri chay lai | Truoc |\n\n"
        "| | én 31/3/2027 | thay chan goi | 05/4/2027 |\n\n"
        "III. KINH PHI\nNgan sach truong.\n"), "ocr.txt")
    assert [(p.start, p.end) for p in draft.phases] == [
        (D(2027, 1, 11), D(2027, 1, 29)), (D(2027, 2, 22), D(2027, 3, 31))]


def test_a_grid_border_read_as_junk_letters_ends_the_row_above():
    plan = split(
        "| Quy III/2027 | Truyen thong tai truong | 01 buoi |\n"
        "| | cong nhan; kiem tra |  |\n"
        "|| dot 1] 11 spacceesceecne sp nen nncnn speeencecnncecnnenoee spewennececnncseccnnoe= -\n\n"
        "| Quy IV/2027 | Kiem tra lien nganh | 01 ky |\n")
    assert not any("spacceesceecne" in p.text for p in plan.paras)
    assert any(p.text.startswith("| Quy IV/2027") for p in plan.paras)


def test_a_report_after_each_round_of_inspections_is_no_report_after_each_phase():
    draft, _ = draft_from_text(HEAD + (
        "II. THỜI GIAN\n"
        "- Đợt 1: từ ngày 01/10/2026 đến ngày 31/10/2026.\n"
        "- Đợt 2: từ ngày 01/11/2026 đến ngày 30/11/2026.\n\n"
        "III. TỔ CHỨC THỰC HIỆN\n"
        "- Thanh tra báo cáo kết quả mỗi đợt kiểm tra liên ngành trong vòng 10 ngày kể từ ngày kết "
        "thúc đợt kiểm tra.\n"
        "- Trạm Y tế báo cáo nhanh trong vòng 05 ngày kể từ ngày kết thúc đợt.\n"), "plan.txt")
    assert sorted(d.due for d in draft.deadlines) == [D(2026, 11, 5), D(2026, 12, 5)]
