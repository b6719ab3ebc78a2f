"""A report "vào ngày …" (#21, review of round 16): one a unit sends ("gửi báo cáo tiến độ … vào
ngày …") is one deadline, not two; one the background cites ("Theo báo cáo tình hình …"), one given
at a meeting ("tại buổi giao ban") or one dated before the plan is none."""

from __future__ import annotations

from bot.domain.planimport import draft_from_text

HEAD = ("SỞ Y TẾ TỈNH A\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 08/KH-SYT\tA, ngày 05 tháng 3 năm 2027\n\n"
        "KẾ HOẠCH\nTruyền thông phòng, chống sốt xuất huyết năm 2027\n\n")


def _deadlines(body: str) -> list[str]:
    draft, _ = draft_from_text(HEAD + body, "plan.txt", diacritics=False)
    return [d.due.isoformat() for d in draft.deadlines]


def test_a_report_sent_on_a_day_is_one_deadline():
    assert _deadlines("II. TỔ CHỨC THỰC HIỆN\nTrung tâm Y tế các huyện gửi báo cáo tiến độ về Sở Y tế"
                      " vào ngày 25/6/2027.\n") == ["2027-06-25"]


def test_a_report_the_background_cites_is_no_deadline():
    assert _deadlines("I. THỰC TRẠNG\nTheo báo cáo tình hình dịch vào ngày 15/01/2027, toàn tỉnh ghi nhận"
                      " 120 ca mắc.\n\nII. TỔ CHỨC THỰC HIỆN\nCác đơn vị thực hiện.\n") == []


def test_a_report_dated_before_the_plan_is_no_deadline():
    assert _deadlines("I. KẾT QUẢ NĂM 2026\nBáo cáo nhanh của Sở vào ngày 10/10/2026 cho thấy tỷ lệ tiêm"
                      " đạt 95%.\n\nII. TỔ CHỨC THỰC HIỆN\nCác đơn vị thực hiện.\n") == []


def test_a_report_given_at_a_meeting_is_no_deadline():
    assert _deadlines("II. TỔ CHỨC THỰC HIỆN\nTrưởng khoa báo cáo tình hình tại buổi giao ban"
                      " vào ngày 15/4/2027.\n") == []


def test_a_progress_report_on_the_days_named_is_still_read():
    assert _deadlines("II. TỔ CHỨC THỰC HIỆN\nCác trạm báo cáo tiến độ Đợt 1 vào ngày 25/6/2027"
                      " và ngày 25/7/2027.\n") == ["2027-06-25", "2027-07-25"]
