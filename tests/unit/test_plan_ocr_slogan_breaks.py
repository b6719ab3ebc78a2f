"""Slogans in plans OCR'd without Vietnamese data (#21), where OCR's short lines and stray blank
lines cut the sentence that quotes them: a quotation running over two of a paragraph's lines is
no "slogan a line", and a quoted name that a blank line set apart from the sentence it sits in is
no list item."""

from __future__ import annotations

from bot.domain.planimport import draft_from_text

HEAD = ("TRUNG TÂM Y TẾ KHU VỰC\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 12/KH-TTYT\tngày 02 tháng 3 năm 2027\n\n"
        "KẾ HOẠCH\nTruyền thông phòng, chống sâu răng trẻ em năm 2027\n\n"
        "I. MỤC ĐÍCH\nNâng cao hiểu biết của cha mẹ về chăm sóc răng miệng cho trẻ.\n\n")


def _slogans(body: str) -> list[str]:
    draft, _ = draft_from_text(HEAD + body, "plan.txt")
    return [s.text for s in draft.slogans]


def test_a_quotation_over_two_short_lines_is_one_slogan_not_two_lines():
    assert _slogans("II. NỘI DUNG\n1. Thông điệp\n\n"
                    "Các trường dùng chung hai thông điệp \"Đánh răng sáng tối -\n"
                    "Nụ cười khỏe mãi\",\n\n"
                    "\"Ít đồ ngọt, răng chắc khỏe\" trên bảng tin.\n\n"
                    "2. Hình thức\n- Nói chuyện tại lớp.\n") == [
        "Đánh răng sáng tối - Nụ cười khỏe mãi", "Ít đồ ngọt, răng chắc khỏe"]


def test_a_name_quoted_below_a_sentence_cut_by_a_blank_line_is_no_slogan():
    assert _slogans("II. NỘI DUNG\n1. Thông điệp\n\n"
                    "Các trường dùng thông điệp \"Đánh răng sáng tối - Nụ cười khỏe mãi\" trên bảng tin"
                    " và góc truyền thông\n\n"
                    "\"Răng xinh bé cười\" tại lớp mẫu giáo là tên ấn phẩm, không phải thông điệp.\n\n"
                    "2. Hình thức\n- Nói chuyện tại lớp.\n") == ["Đánh răng sáng tối - Nụ cười khỏe mãi"]
