"""A slogan item whose last clause quotes what people say ('đừng "cố thêm một chút"') is the
whole item, and a note on the line below it that names things in quotes is no part of it (#21,
twenty-first batch)."""

from __future__ import annotations

from bot.domain.planimport import draft_from_text

HEAD = ("LIÊN ĐOÀN LAO ĐỘNG TỈNH ĐỒNG NAI\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 41/KH-LĐLĐ\tngày 30 tháng 12 năm 2026\n\n"
        "KẾ HOẠCH\nTruyền thông sức khỏe công nhân làm ca đêm\n\n"
        "III. NỘI DUNG\n"
        "1. Giấc ngủ sau ca đêm; bữa ăn ca đủ chất.\n")


def _slogans(body: str) -> list[str]:
    draft, _ = draft_from_text(HEAD + body, "plan.txt")
    return [s.text for s in draft.slogans]


def test_a_slogan_ending_in_a_quoted_phrase_is_kept_whole_without_the_note_below():
    assert _slogans("2. Khẩu hiệu tuyên truyền:\n"
                    "- Ngủ đủ sau ca đêm - Về nhà bình an\n"
                    "- Buồn ngủ thì dừng xe, đừng \"cố thêm một chút\"\n"
                    "Tên chuyên mục \"Ca đêm khỏe\" trên Zalo OA không phải khẩu hiệu.\n\n"
                    "IV. HOẠT ĐỘNG\n") == ["Ngủ đủ sau ca đêm - Về nhà bình an",
                                           "Buồn ngủ thì dừng xe, đừng \"cố thêm một chút\""]


def test_the_same_set_apart_by_blank_lines_as_ocr_reads_it():
    assert _slogans("2. Khẩu hiệu tuyên truyền:\n\n"
                    "- Ngủ đủ sau ca đêm - Về nhà bình an\n\n"
                    "- Buồn ngủ thì dừng xe, đừng \"cố thêm một chút\"\n\n"
                    "IV. HOẠT ĐỘNG\n") == ["Ngủ đủ sau ca đêm - Về nhà bình an",
                                           "Buồn ngủ thì dừng xe, đừng \"cố thêm một chút\""]


def test_a_quoted_slogan_after_a_label_is_still_the_quote_alone():
    assert _slogans("2. Khẩu hiệu tuyên truyền:\n\n"
                    "- Khẩu hiệu chính, in trên áp phích \"Ngủ đủ sau ca đêm - Về nhà bình an\"\n\n"
                    "IV. HOẠT ĐỘNG\n") == ["Ngủ đủ sau ca đêm - Về nhà bình an"]
