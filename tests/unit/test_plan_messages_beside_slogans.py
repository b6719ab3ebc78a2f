"""A content section with "1. Thông điệp chính" (whole sentences) beside "2. Khẩu hiệu tuyên
truyền" (short quoted lines) (#21, sixteenth batch): the slogans are the latter; the messages are
content. With no slogan list beside them, the messages stay the plan's slogans."""

from __future__ import annotations

from bot.domain.planimport import draft_from_text

HEAD = ("SỞ Y TẾ TỈNH AN GIANG\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 88/KH-SYT\tngày 05 tháng 01 năm 2027\n\n"
        "KẾ HOẠCH\nTruyền thông phòng, chống bệnh đái tháo đường năm 2027\n\n"
        "II. NỘI DUNG TRUYỀN THÔNG\n"
        "1. Thông điệp chính\n"
        "- Thừa cân, ít vận động và ăn nhiều đồ ngọt là nguy cơ hàng đầu gây đái tháo đường typ 2.\n"
        "- Người trên 40 tuổi nên xét nghiệm đường huyết ít nhất mỗi năm một lần tại trạm y tế.\n\n")
SLOGANS = ("2. Khẩu hiệu tuyên truyền\n"
           "- \"Ăn ít ngọt - Sống khỏe hơn\"\n"
           "- \"Đo đường huyết - Biết sớm, sống vui\"\n\n")


def _slogans(body: str) -> list[str]:
    draft, _ = draft_from_text(HEAD + body + "III. HOẠT ĐỘNG\n- Phát tờ rơi.\n", "plan.txt")
    return [s.text for s in draft.slogans]


def test_message_sentences_beside_a_slogan_list_are_content():
    assert _slogans(SLOGANS) == ["Ăn ít ngọt - Sống khỏe hơn", "Đo đường huyết - Biết sớm, sống vui"]


def test_message_sentences_alone_stay_the_slogans():
    assert len(_slogans("")) == 2
