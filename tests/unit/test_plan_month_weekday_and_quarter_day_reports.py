"""Reports dated by a weekday of each month ("vào thứ Sáu cuối cùng của mỗi tháng", moved to the
working day before a holiday when the plan says so), and a quarter's report due on a day of the
month after it ("vào ngày 05 của tháng đầu quý sau") (#21)."""

from __future__ import annotations

import datetime as dt

from bot.domain.planimport import draft_from_text

D = dt.date
HEAD = ("BỆNH VIỆN ĐA KHOA TỈNH AN GIANG\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 12/KH-BV\tAn Giang, ngày 10 tháng 12 năm 2026\n\n"
        "KẾ HOẠCH\nTruyền thông phòng, chống bệnh thận mạn năm 2027\n\n"
        "II. THỜI GIAN\nKế hoạch thực hiện từ ngày 01/01/2027 đến ngày 31/12/2027.\n\n"
        "III. TỔ CHỨC THỰC HIỆN\n")


def _dues(text: str) -> list[dt.date]:
    draft, _ = draft_from_text(HEAD + text, "plan.txt")
    return [d.due for d in draft.deadlines]


def test_last_friday_of_each_month_in_the_months_said_moved_off_a_holiday():
    assert _dues("4. Chế độ báo cáo: các khoa gửi số liệu về Phòng Kế hoạch tổng hợp vào thứ Sáu cuối "
                 "cùng của mỗi tháng, từ tháng 3 đến tháng 5/2027; nếu ngày đó trùng ngày nghỉ lễ thì "
                 "gửi vào ngày làm việc liền trước.\n") == [D(2027, 3, 26), D(2027, 4, 29), D(2027, 5, 28)]


def test_first_monday_of_each_month_over_the_span_keeps_a_holiday_not_said_moved():
    dues = _dues("Các trạm gửi báo cáo vào thứ Hai đầu tiên của mỗi tháng.\n")
    assert len(dues) == 12 and dues[0] == D(2027, 1, 4) and dues[-1] == D(2027, 12, 6)


def test_on_the_fifth_of_the_month_after_each_quarter():
    assert _dues("2. Các Chi hội: báo cáo kết quả hằng quý về Văn phòng vào ngày 05 của tháng đầu "
                 "quý sau.\n") == [D(2027, 4, 5), D(2027, 7, 5), D(2027, 10, 5), D(2028, 1, 5)]
