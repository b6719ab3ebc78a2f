"""Unquoted slogans beside their label (#21, twentieth blind batch): inline after "Khẩu hiệu:"
between semicolons, and on indented (or starred) lines that joined the label's paragraph."""

from __future__ import annotations

from bot.domain.planimport import draft_from_text

HEAD = ("HỘI CHỮ THẬP ĐỎ\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 77/KH-HCTĐ\tngày 05 tháng 11 năm 2026\n\n"
        "KẾ HOẠCH\nTuyên truyền phòng, chống tai nạn do pháo nổ\n\n"
        "III. NỘI DUNG VÀ HOẠT ĐỘNG\n")


def _slogans(body: str) -> list[str]:
    draft, _ = draft_from_text(HEAD + body, "plan.txt")
    return [s.text for s in draft.slogans]


def test_slogans_inline_between_semicolons():
    assert _slogans("1. Khẩu hiệu: Nói không với pháo nổ, pháo tự chế; Một giây bốc đồng - Cả đời tàn "
                    "tật; Bị bỏng do pháo: xả nước mát, gọi 115.\n"
                    "Tên gọi chung của các hoạt động là \"Tết an toàn\".\n\n"
                    "2. Tập huấn: tập huấn sơ cứu cho 150 tình nguyện viên.\n") == [
        "Nói không với pháo nổ, pháo tự chế", "Một giây bốc đồng - Cả đời tàn tật",
        "Bị bỏng do pháo: xả nước mát, gọi 115"]


def test_a_label_with_a_sentence_after_it_lists_no_slogans():
    assert _slogans("1. Khẩu hiệu: treo tại nhà văn hóa; phát trên loa xã.\n\n"
                    "2. Tập huấn: tập huấn sơ cứu cho 150 tình nguyện viên.\n") == []


def test_slogans_on_indented_starred_lines_below_their_label():
    assert _slogans("1. Khẩu hiệu, thông điệp (treo tại khu bán trú, nhà vệ sinh nữ, phòng y tế):\n"
                    "   *** Kinh nguyệt là chuyện bình thường - Không có gì phải ngại ***\n"
                    "   *** Đến tháng vẫn đến trường ***\n"
                    "   *** Thay băng 4 - 6 giờ một lần, rửa tay trước và sau ***\n\n"
                    "2. Tủ \"Băng vệ sinh dự phòng\" đặt tại phòng y tế.\n") == [
        "Kinh nguyệt là chuyện bình thường - Không có gì phải ngại", "Đến tháng vẫn đến trường",
        "Thay băng 4 - 6 giờ một lần, rửa tay trước và sau"]


def test_sentences_below_a_label_are_not_slogans():
    assert _slogans("1. Khẩu hiệu, thông điệp (treo tại khu bán trú, nhà vệ sinh nữ, phòng y tế):\n"
                    "   Nhà trường in khẩu hiệu trên bảng tin.\n"
                    "   Giáo viên chủ nhiệm nhắc lại dưới cờ.\n\n"
                    "2. Tủ \"Băng vệ sinh dự phòng\" đặt tại phòng y tế.\n") == []
