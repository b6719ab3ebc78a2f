"""Slogans of the twenty-first batch (#21): each on a line of its own behind a numbered label
("Thông điệp 1: …"), the label not part of the slogan, and a note below them that names a poster
in quotes no slogan; or numbered in brackets on one line ('(1) "A"; (2) "B"')."""

from __future__ import annotations

from bot.domain.planimport import draft_from_text

HEAD = ("SỞ Y TẾ TỈNH ĐIỆN BIÊN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 12/KH-SYT\tngày 22 tháng 12 năm 2026\n\n"
        "KẾ HOẠCH\nTruyền thông phòng ngừa phản vệ\n\n"
        "III. NỘI DUNG\n"
        "1. Phản vệ có thể gây tử vong nếu không xử trí kịp thời.\n")


def _slogans(body: str) -> list[str]:
    draft, _ = draft_from_text(HEAD + body, "plan.txt")
    return [s.text for s in draft.slogans]


def test_numbered_labels_in_one_paragraph_give_one_slogan_a_line():
    assert _slogans("2. Thông điệp truyền thông (in trên áp phích, phát trên loa):\n"
                    "Thông điệp 1: Không tự ý tiêm thuốc tại nhà.\n"
                    "Thông điệp 2: Cần tiêm thuốc - hãy đến cơ sở y tế.\n"
                    "Áp phích \"Hộp chống phản vệ\" là tài liệu chuyên môn.\n\n"
                    "IV. HOẠT ĐỘNG\n") == ["Không tự ý tiêm thuốc tại nhà.",
                                           "Cần tiêm thuốc - hãy đến cơ sở y tế."]


def test_numbered_labels_set_apart_by_blank_lines_as_ocr_reads_them():
    assert _slogans("2. Thông điệp truyền thông:\n\n"
                    "Thông điệp 1: Không tự ý tiêm thuốc tại nhà.\n\n"
                    "Khẩu hiệu số 2: \"Cần tiêm thuốc - hãy đến cơ sở y tế\"\n\n"
                    "IV. HOẠT ĐỘNG\n") == ["Không tự ý tiêm thuốc tại nhà.",
                                           "Cần tiêm thuốc - hãy đến cơ sở y tế"]


def test_slogans_numbered_in_brackets_on_one_line_are_each_read():
    # a line longer than a heading: read as a sentence that quotes its slogans
    assert _slogans("2. Thông điệp gửi cha mẹ học sinh: (1) \"Đủ mũi vắc xin - Vững bước đến trường\"; "
                    "(2) \"Kiểm tra sổ tiêm chủng cùng con ngày nhập học\"; "
                    "(3) \"Thiếu mũi nào, tiêm bù ngay mũi đó\".\n\n"
                    "IV. HOẠT ĐỘNG\n") == ["Đủ mũi vắc xin - Vững bước đến trường",
                                           "Kiểm tra sổ tiêm chủng cùng con ngày nhập học",
                                           "Thiếu mũi nào, tiêm bù ngay mũi đó"]
