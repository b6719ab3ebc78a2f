"""Slogans of an amending plan (#21, twenty-first batch): the slogan it quotes as replaced ('khẩu
hiệu số 2 "A" thay bằng: "B"') is no longer one of the plan's; its replacement is."""

from __future__ import annotations

from bot.domain.planimport import draft_from_text

HEAD = ("TRUNG TÂM KIỂM SOÁT BỆNH TẬT\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 230/KH-KSBT\tngày 21 tháng 12 năm 2026\n\n"
        "KẾ HOẠCH\nĐiều chỉnh, bổ sung Kế hoạch số 212/KH-KSBT về truyền thông nước sạch\n\n"
        "II. NỘI DUNG ĐIỀU CHỈNH\n")


def _slogans(body: str) -> list[str]:
    draft, _ = draft_from_text(HEAD + body, "plan.txt")
    return [s.text for s in draft.slogans]


def test_a_replaced_slogan_is_dropped_and_its_replacement_kept():
    assert _slogans("3. Khẩu hiệu\n"
                    "- Giữ nguyên các khẩu hiệu cũ, riêng khẩu hiệu số 2 \"Nước giếng trong là nước sạch\" "
                    "thay bằng:\n"
                    "  \"Nước giếng trong chưa chắc đã an toàn - Hãy xét nghiệm!\"\n"
                    "- Bổ sung 01 khẩu hiệu:\n"
                    "  \"Dùng nước máy cho ăn uống\"\n\n"
                    "III. TỔ CHỨC THỰC HIỆN\n") == ["Nước giếng trong chưa chắc đã an toàn - Hãy xét nghiệm!",
                                                     "Dùng nước máy cho ăn uống"]


def test_the_same_said_with_doi_thanh():
    assert _slogans("3. Khẩu hiệu: \"Sống khỏe cùng nước sạch\" được đổi thành "
                    "\"Nước sạch - Sống khỏe\".\n\n"
                    "III. TỔ CHỨC THỰC HIỆN\n") == ["Nước sạch - Sống khỏe"]
