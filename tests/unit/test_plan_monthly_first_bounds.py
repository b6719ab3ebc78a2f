"""Review of round 18 (#21): the day said after "hằng tháng" is a monthly rule only when nothing dates
it (not "riêng tháng 12 … trước ngày 15", "ngày 15 T6/2027", "hằng quý, trước ngày 15 quý sau"), and
results sent each month are a report by their rule, not by any date their clause says."""

from __future__ import annotations

import datetime as dt
import time

from bot.domain.planimport import draft_from_text

D = dt.date
HEAD = ("SỞ Y TẾ TỈNH SƠN LA\nTRUNG TÂM KIỂM SOÁT BỆNH TẬT\n\nSố: 41/KH-KSBT\n\n"
        "Sơn La, ngày 21 tháng 12 năm 2026\n\n"
        "KẾ HOẠCH\nTruyền thông phòng, chống dịch bệnh năm 2027\n\n"
        "I. THỜI GIAN\nKế hoạch thực hiện từ ngày 01/01/2027 đến ngày 31/12/2027.\n\n")


def _dues(body: str) -> list[dt.date]:
    draft, _ = draft_from_text(HEAD + body + "\n\nV. KINH PHÍ\nNguồn chi thường xuyên.\n", "plan.txt")
    return sorted(d.due for d in draft.deadlines)


def test_a_day_a_month_or_quarter_dates_is_no_monthly_rule():
    for said in ("Báo cáo kết quả hằng tháng, riêng tháng 12 gửi trước ngày 15 để tổng hợp báo cáo năm.",
                 "Các xã báo cáo hằng tháng, báo cáo sơ kết gửi trước ngày 15 T6/2027.",
                 "Báo cáo kết quả hằng tháng và hằng quý, trước ngày 15 quý sau."):
        assert len(_dues("IV. TỔ CHỨC THỰC HIỆN\n- " + said)) < 12, said


def test_the_monthly_day_said_after_its_period_still_reads():
    body = ("IV. TỔ CHỨC THỰC HIỆN\n3. Trung tâm Y tế khu vực: báo cáo kết quả về Trung tâm hằng tháng, "
            "trước ngày 25, từ tháng 3 đến tháng 10/2027.")
    assert _dues(body) == [D(2027, m, 25) for m in range(3, 11)]


def test_results_about_a_topic_with_a_date_are_no_report():
    for said in ("Trạm Y tế thông báo kết quả về tiêm chủng trên loa truyền thanh hằng tháng, hoàn thành "
                 "trước ngày 30/9/2027",
                 "Các xã gửi kết quả xét nghiệm hằng tháng cho người dân trước ngày 15/8/2027 để phục vụ "
                 "đợt khám"):
        dues = _dues(f"IV. TỔ CHỨC THỰC HIỆN\n3. {said}; báo cáo tổng kết trước ngày 05/12/2027.")
        assert dues == [D(2027, 12, 5)], said


def test_the_monthly_day_over_odd_input_stays_fast():
    unit = "hằng tháng và hằng quý, riêng tháng 5 gửi trước ngày 2 "
    took = []
    for n in (10_000, 40_000):
        body = "IV. TỔ CHỨC THỰC HIỆN\n" + (unit * (n // len(unit) + 1))[:n]
        began = time.process_time()
        _dues(body)
        took.append(time.process_time() - began)
    assert took[1] < 8 * took[0] + 0.5
