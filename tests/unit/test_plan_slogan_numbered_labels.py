"""Slogans of the twenty-first batch (#21): each on a line of its own behind a numbered label
("Thông điệp 1: …"), the label not part of the slogan; a note below the list that names posters
in quotes is no slogan."""

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
