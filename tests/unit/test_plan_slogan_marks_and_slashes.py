"""Unquoted slogans the splitter kept in one paragraph (#21, twenty-third blind batch): lines
opening with a mark it does not know ("❖", an en dash) below their label, and a run after the
label set apart by " / "."""

from __future__ import annotations

from bot.domain.planimport import draft_from_text

HEAD = ("TRUNG TÂM Y TẾ\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 12/KH-TTYT\tngày 05 tháng 3 năm 2027\n\n"
        "KẾ HOẠCH\nTruyền thông phòng, chống giun sán\n\n"
        "III. NỘI DUNG, HÌNH THỨC\n")


def _slogans(body: str) -> list[str]:
    draft, _ = draft_from_text(HEAD + body, "plan.txt")
    return [s.text for s in draft.slogans]


def test_slogans_on_lines_marked_with_a_box_below_their_label_a_note_after_them():
    assert _slogans("2. Thông điệp truyền thông\n"
                    "Các cơ quan sử dụng thống nhất các thông điệp sau:\n"
                    "    ❖ Rửa tay trước khi ăn - Sạch tay khỏe người\n"
                    "    ❖ Tẩy giun định kỳ 6 tháng một lần\n"
                    "Lưu ý: tên tờ gấp \"Biết để phòng\" không in thành khẩu hiệu.\n\n"
                    "3. Hình thức\n- Phát thanh trên loa xã.\n") == [
        "Rửa tay trước khi ăn - Sạch tay khỏe người", "Tẩy giun định kỳ 6 tháng một lần"]


def test_slogans_on_en_dash_lines_below_a_heading():
    assert _slogans("1. Thông điệp chính\n"
                    "– Tẩy giun cho chó mèo, bảo vệ con em mình\n"
                    "– Không thả rông chó, mèo - Thu gom phân đúng nơi\n"
                    "2. Hình thức\n- Phát thanh trên loa xã.\n") == [
        "Tẩy giun cho chó mèo, bảo vệ con em mình", "Không thả rông chó, mèo - Thu gom phân đúng nơi"]


def test_en_dash_lines_below_another_heading_are_no_slogans():
    assert _slogans("1. Đối tượng\n"
                    "– Học sinh tiểu học\n"
                    "– Phụ huynh học sinh\n") == []


def test_slogans_run_together_after_their_label_split_at_slashes():
    assert _slogans("1. Thông điệp\n"
                    "Trạm thống nhất sử dụng các thông điệp: Nắng sớm mỗi ngày -\n"
                    "Xương con chắc khỏe / Tắm nắng trước 9 giờ sáng, 15 - 20 phút mỗi ngày / Trẻ ra\n"
                    "mồ hôi trộm - Đưa trẻ đến Trạm Y tế\n\n"
                    "2. Hoạt động cụ thể\n") == [
        "Nắng sớm mỗi ngày - Xương con chắc khỏe", "Tắm nắng trước 9 giờ sáng, 15 - 20 phút mỗi ngày",
        "Trẻ ra mồ hôi trộm - Đưa trẻ đến Trạm Y tế"]


def test_a_slash_run_goes_on_below_a_blank_line_when_left_on_a_dash():
    assert _slogans("1. Thông điệp\n"
                    "Trạm sử dụng các thông điệp: Nắng sớm mỗi ngày -\n\n"
                    "Xương con chắc khỏe / Tắm nắng trước 9 giờ sáng\n\n"
                    "2. Hoạt động cụ thể\n") == [
        "Nắng sớm mỗi ngày - Xương con chắc khỏe", "Tắm nắng trước 9 giờ sáng"]


def test_a_label_followed_by_a_sentence_with_a_slash_is_no_run():
    assert _slogans("1. Thông điệp: phát trên loa 02 lần/tuần, in tờ rơi cho hộ gia đình.\n") == []
