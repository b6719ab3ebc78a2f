"""Phase layouts of the twenty-first blind batch (#21), each with a variant made up beside it:
dates said in words, days of tháng Giêng counted from Tết, a lunar day glossed "(tức ngày …)",
half months, stages named by their work under a heading of stages, group rows of an appendix
table numbered in Roman figures, phases said in school weeks dated by the plan's week table, and
an amendment's table of old and new periods."""

from __future__ import annotations

import datetime as dt

from bot.domain.planimport import draft_from_text
from bot.domain.planimport.dates import find_range, said_dates
from bot.domain.planimport.numwords import number_said

D = dt.date
HEAD = ("TRẠM Y TẾ XÃ AN PHÚ\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 15/KH-TYT\tAn Phú, ngày 10 tháng 12 năm 2027\n\n"
        "KẾ HOẠCH\nTruyền thông phòng chống tai nạn thương tích năm 2028\n\n")


def _periods(text: str, name: str = "plan.txt") -> list[tuple[dt.date | None, dt.date | None]]:
    draft, _ = draft_from_text(HEAD + text, name)
    return [(p.start, p.end) for p in draft.phases]


def test_numbers_said_in_words():
    assert number_said("hai nghin khong tram hai muoi tam") == 2028
    assert number_said("hai muoi lam") == 25
    assert number_said("muoi mot") == 11
    assert number_said("hai ba") is None


def test_a_range_in_words_reads_as_digits_the_same_length():
    low = "tu ngay mung bay thang tu den het ngay hai muoi thang chin nam hai nghin khong tram hai muoi tam"
    said = said_dates(low, D(2027, 12, 10), 2028)
    assert len(said) == len(low)
    found = find_range(low, D(2027, 12, 10), 2028)
    assert found and found[:2] == (D(2028, 4, 7), D(2028, 9, 20))


def test_next_month_is_no_june():
    low = "truoc ngay 05 thang sau"
    assert said_dates(low, None, 2028) == low


def test_phases_in_words():
    assert _periods(
        "II. THỜI GIAN\n"
        "1. Đợt một: từ ngày mùng mười tháng Ba đến hết ngày ba mươi mốt tháng Năm năm 2028, tuyên truyền.\n"
        "2. Đợt hai: từ ngày mười sáu tháng Chín đến ngày ba mươi tháng Mười một năm 2028.\n\n"
        "III. NỘI DUNG\n") == [(D(2028, 3, 10), D(2028, 5, 31)), (D(2028, 9, 16), D(2028, 11, 30))]


def test_a_span_of_months_in_words():
    draft, _ = draft_from_text(HEAD + (
        "II. THỜI GIAN\n- Thời gian thực hiện: từ đầu tháng Ba đến hết tháng Chín năm 2028.\n\n"
        "III. NỘI DUNG\n"), "plan.txt")
    assert draft.start and draft.end
    assert (draft.start.value, draft.end.value) == (D(2028, 3, 1), D(2028, 9, 30))


def test_days_of_thang_gieng_count_from_tet():
    # Tết Mậu Thân 2028 falls on 26/01/2028
    assert _periods(
        "II. THỜI GIAN\n"
        "- Giai đoạn 1: từ ngày 02/01/2028 đến hết ngày 25/01/2028 - chuẩn bị.\n"
        "- Giai đoạn 2: từ mùng 1 đến hết mùng 4 Tết - trực.\n"
        "- Giai đoạn 3: từ mùng 5 tháng Giêng đến hết Rằm tháng Giêng - lễ hội.\n\n"
        "III. NỘI DUNG\n")[1:] == [(D(2028, 1, 26), D(2028, 1, 29)), (D(2028, 1, 30), D(2028, 2, 9))]


def test_a_glossed_lunar_day_under_a_heading_of_stages():
    assert _periods(
        "IV. CÁC GIAI ĐOẠN TRIỂN KHAI\n"
        "- Chuẩn bị: từ ngày 02/01/2028 đến ngày 20/01/2028 - in tài liệu.\n"
        "(Từ 21/01 đến hết mùng 6 Tết nghỉ Tết.)\n"
        "- Vụ xuân: từ ngày xuống đồng mùng 7 tháng Giêng (tức ngày 01/02/2028) đến ngày 30/4/2028"
        " - họp dân.\n"
        "- Vụ hè: từ ngày 01/5/2028 đến ngày 31/7/2028 - đánh giá.\n\n"
        "V. KINH PHÍ\n") == [(D(2028, 1, 2), D(2028, 1, 20)), (D(2028, 2, 1), D(2028, 4, 30)),
                            (D(2028, 5, 1), D(2028, 7, 31))]


def test_a_half_month_to_the_next_month():
    assert _periods(
        "II. CÁC ĐỢT CAO ĐIỂM\n"
        "1. Cao điểm thứ nhất: nửa cuối tháng 2 và cả tháng 3/2028, gắn với mùa khô.\n"
        "2. Cao điểm thứ hai: nửa đầu tháng 9/2028, khai giảng.\n\n"
        "III. NỘI DUNG\n") == [(D(2028, 2, 16), D(2028, 3, 31)), (D(2028, 9, 1), D(2028, 9, 15))]


def test_an_ocr_read_peak_and_dot_dates():
    # "thứ nhất" read back as "chủ nhật", "từ" as "tre" before dates with dots
    assert (D(2028, 3, 1), D(2028, 3, 31)) in _periods(
        "II. CAC DOT CAO DIEM\n"
        "1. Cao diem chu nhat: tre 01.3 den 31.3.2028, mua kho.\n"
        "2. Cao diem thu hai: tre 15.10 den 30.11.2028, cuoi nam.\n\n"
        "III. NOI DUNG\n", "ocr.txt")


def test_group_rows_of_an_appendix_table():
    assert _periods(
        "II. THỜI GIAN\n- Thời gian: từ tháng 3 đến hết tháng 9 năm 2028.\n\nIII. TỔ CHỨC\n\n"
        "PHỤ LỤC\n| TT | Nội dung | Thời gian |\n|---|---|---|\n"
        "| I | GIAI ĐOẠN 1 (01/3 - 30/6/2028): TẬP HUẤN | | |\n| 1 | Tập huấn | 16/3/2028 |\n"
        "| II | GIAI ĐOẠN 2 (01/7 - 30/9/2028): ĐÁNH GIÁ | | |\n| 2 | Tổng kết | 30/9/2028 |\n"
    ) == [(D(2028, 3, 1), D(2028, 6, 30)), (D(2028, 7, 1), D(2028, 9, 30))]


def test_phases_in_school_weeks_take_the_week_table_dates():
    assert _periods(
        "II. THỜI GIAN\n"
        "- Giai đoạn 1 (tuần 1 - tuần 3): rà soát.\n- Giai đoạn 2 (tuần 4 - tuần 6): tiêm bù.\n\n"
        "III. LỊCH THEO TUẦN\nTuần\tThời gian\tNội dung\n"
        "1 - 2\t04/9 - 16/9/2028\tRà soát\n3\t18/9 - 23/9/2028\tLập danh sách\n"
        "4 - 6\t25/9 - 14/10/2028\tTiêm bù\n\n") == [(D(2028, 9, 4), D(2028, 9, 23)),
                                                   (D(2028, 9, 25), D(2028, 10, 14))]


def test_an_amendment_takes_the_new_periods():
    assert _periods(
        "II. NỘI DUNG ĐIỀU CHỈNH\n"
        "| TT | Đợt | Theo Kế hoạch số 10/KH-TYT | Nay sửa đổi | Nội dung |\n"
        "| 1 | Đợt 1 | Từ 01/3 đến 30/4/2028 | Giữ nguyên | Khám |\n"
        "| 2 | Đợt 2 | Tháng 8 - tháng 9/2028 | Từ 01/6/2028 đến | Họp dân |\n"
        "| | | | 15/7/2028 | tại thôn |\n"
        "| 3 | Đợt 3 | Tháng 11/2028 | Bãi bỏ | |\n") == [(D(2028, 3, 1), D(2028, 4, 30)),
                                                     (D(2028, 6, 1), D(2028, 7, 15))]
