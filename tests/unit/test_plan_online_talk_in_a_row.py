"""A table row's event named with words that only look like a deadline's: a name in quotes ("Hỏi bác
sĩ trước khi làm đẹp") and "trực tuyến" (online, which OCR-bent "trước" patterns also match): the
row's date is still its event's (#21)."""

from __future__ import annotations

import datetime as dt

from bot.domain.planimport import draft_from_text

D = dt.date
HEAD = ("SỞ Y TẾ TỈNH AN GIANG\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 27/KH-SYT\tAn Giang, ngày 17 tháng 12 năm 2026\n\n"
        "KẾ HOẠCH\nTruyền thông về dịch vụ thẩm mỹ an toàn năm 2027\n\n"
        "II. THỜI GIAN\nKế hoạch thực hiện từ ngày 01/01/2027 đến ngày 31/12/2027.\n\n"
        "III. HOẠT ĐỘNG\n"
        "Thời gian | Hoạt động chính | Đơn vị chủ trì\n")


def _dates(row: str) -> set[dt.date]:
    draft, _ = draft_from_text(HEAD + row + "\n\nIV. KINH PHÍ\nNguồn chi thường xuyên.\n", "plan.txt")
    return {k.date for k in draft.key_dates if k.date}


def test_an_online_talk_named_in_quotes_keeps_its_day():
    assert D(2027, 5, 14) in _dates('Quý II/2027 | Cao điểm truyền thông; tọa đàm trực tuyến "Hỏi bác sĩ '
                                    'trước khi làm đẹp" lúc 20 giờ ngày 14/5/2027 | Trung tâm')


def test_a_deadline_outside_quotes_still_is_no_event():
    assert D(2027, 5, 14) not in _dates("Quý II/2027 | Các trạm gửi danh sách trước ngày 14/5/2027 | "
                                        "Trung tâm")


def test_a_talk_held_in_person_keeps_its_day():
    # "trực tiếp" (in person), like "trực tuyến", is how the event is held, no bent "trước"
    assert D(2027, 6, 9) in _dates("Quý II/2027 | Buổi tư vấn trực tiếp cho học viên các cơ sở thẩm mỹ "
                                   "ngày 09/6/2027 | Trung tâm")


def test_a_display_of_pictures_keeps_its_day():
    # "trực quan" (visual: banners, pictures), the same
    assert D(2027, 6, 9) in _dates("Quý II/2027 | Triển lãm tranh trực quan về làm đẹp an toàn "
                                   "ngày 09/6/2027 | Trung tâm")
