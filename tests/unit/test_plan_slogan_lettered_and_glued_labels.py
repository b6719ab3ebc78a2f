"""Slogans under an unnumbered label line (#21): items lettered 'a) "A"', 'b) "B"'; and a label
typed right under a bullet of content ("- …" / "Khẩu hiệu:"), joined to it, over "1) A", "2) B"."""

from __future__ import annotations

from bot.domain.planimport import draft_from_text
from bot.domain.planimport.text import key

HEAD = ("TRẠM Y TẾ PHƯỜNG AN BÌNH\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 11/KH-TYT\tngày 02 tháng 2 năm 2027\n\n"
        "KẾ HOẠCH\nTruyền thông phòng, chống say nắng cho người lao động ngoài trời năm 2027\n\n"
        "I. MỤC ĐÍCH\nNgười lao động biết phòng say nắng.\n\n")
TAIL = "\nIII. TỔ CHỨC THỰC HIỆN\n1. Trạm Y tế chủ trì.\n2. Các tổ dân phố phối hợp.\n"


def _slogans(body: str) -> list[str]:
    draft, _ = draft_from_text(HEAD + body + TAIL, "plan.txt", diacritics=False)
    return [key(s.text) for s in draft.slogans]


def test_lettered_quoted_items_under_a_label():
    body = ("II. NỘI DUNG\n1. Dấu hiệu say nắng.\n2. Sơ cứu tại chỗ.\n\n"
            "Khẩu hiệu tuyên truyền:\n"
            "a) \"Uống nước đủ - Nghỉ trong bóng râm\"\n"
            "b) \"Chóng mặt giữa trưa, dừng việc ngay\"\n")
    assert _slogans(body) == ["uong nuoc du - nghi trong bong ram", "chong mat giua trua, dung viec ngay"]


def test_a_label_joined_to_the_bullet_above_over_a_numbered_list():
    body = ("II. NỘI DUNG\n- Dấu hiệu say nắng, sơ cứu tại chỗ.\n"
            "- Bố trí giờ làm tránh nắng gắt.\nKhẩu hiệu:\n"
            "1) Uống nước đủ - Nghỉ trong bóng râm\n"
            "2) Chóng mặt giữa trưa, dừng việc ngay\n")
    assert _slogans(body) == ["uong nuoc du - nghi trong bong ram", "chong mat giua trua, dung viec ngay"]


def test_a_bullets_wrapped_end_naming_slogans_is_no_label_over_the_list_below():
    # "… treo" / "khẩu hiệu": the bullet's own words wrapped, the numbered list below the next part's
    body = ("II. NỘI DUNG\n- Phát trên loa truyền thanh, in tờ rơi, treo\nkhẩu hiệu\n"
            "1. Tổ chức mít tinh tại Hội trường phường.\n2. Nói chuyện tại các tổ dân phố.\n")
    assert _slogans(body) == []
