"""Review of round 19's key-date rules (#21) on clean plans: what they must not misread."""

from __future__ import annotations

import datetime as dt

from bot.domain.planimport import draft_from_text

D = dt.date
HEAD = ("BỆNH VIỆN ĐA KHOA AN BÌNH\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 12/KH-BV\tngày 10 tháng 12 năm 2026\n\n"
        "KẾ HOẠCH\nTruyền thông phòng, chống bệnh gan năm 2027\n\n"
        "I. MỤC ĐÍCH\nNâng cao nhận thức.\n\n"
        "II. THỜI GIAN\nTừ ngày 01/01/2027 đến ngày 31/12/2027.\n\n"
        "III. HOẠT ĐỘNG\n")


def _dated(text: str) -> set[dt.date]:
    draft, _ = draft_from_text(text, "plan.txt")
    return {k.date for k in draft.key_dates if k.date}


def test_a_reports_dates_listed_after_commas_are_no_events():
    for said in ("- Báo cáo kết quả về Sở Y tế: quý I ngày 20/3/2027, quý II ngày 20/6/2027, "
                 "quý III ngày 20/9/2027.\n",
                 "- Các khoa, phòng gửi báo cáo về Phòng Kế hoạch trước ngày 20/6/2027, "
                 "riêng Khoa Dược ngày 25/6/2027.\n"):
        assert not _dated(HEAD + said) & {D(2027, 6, 20), D(2027, 9, 20), D(2027, 6, 25)}, said


def _dues(text: str) -> list[dt.date]:
    draft, _ = draft_from_text(text, "plan.txt")
    return [d.due for d in draft.deadlines]


def test_a_sentence_below_a_report_ended_by_a_semicolon_is_its_own():
    for said in ("- Các trạm y tế báo cáo kết quả tiêm chủng về Trung tâm trước ngày 20/5/2027;\n\n"
                 "Khoa Dược hoàn thành cấp phát vắc xin cho các trạm trước ngày 30/5/2027.\n",
                 "- Báo cáo trước ngày 20/5/2027;\n\n"
                 "- Hoàn thành tiêm bổ sung cho trẻ trước ngày 30/5/2027;\n"):
        assert _dues(HEAD + said) == [D(2027, 5, 20)], said


def test_a_sentence_its_date_opens_below_a_bulleted_item_is_not_its_date():
    text = HEAD + ("- Hội thi tìm hiểu phòng, chống bệnh gan\n\n"
                   "Ngày 30/4/2027, các đơn vị gửi danh sách thí sinh về Ban Tổ chức\n")
    assert D(2027, 4, 30) not in _dated(text)
