"""A quota's noun as OCR bends it (#21, fifteenth batch): one word of what it counts before the
slash ("02 lugt nha/thang"), a noun that begins a line below its count ("… xa 02" / "budi/quy"),
and a bent noun whose own one edit is the only reading."""

from __future__ import annotations

from bot.domain.planimport.ocrfix import repair


def test_a_noun_with_one_word_of_what_it_counts_before_the_slash():
    assert "02 luot nha/thang" in repair("moi cau lac bo 02 lugt nha/thang.")
    assert "03 luot ho/thang" in repair("moi to 03 lugt ho/thang.")


def test_a_noun_beginning_the_line_below_its_count():
    text = repair("- Noi chuyen tai cac xa: mdi phudng, xa 02\nbudi/quy trong dot 3.")
    assert text.split("\n")[1].startswith("buoi/quy")


def test_a_noun_at_a_lines_start_with_no_count_above_is_left_alone():
    text = repair("- Noi chuyen tai cac xa co kham sang loc\nbudi/quy trong dot 3.")
    assert not text.split("\n")[1].startswith("buoi/quy")


def test_households_visited_as_ocr_bends_the_noun():
    assert "10 ho/thang" in repair("- Cong tac vién tham it nhat 10 hé/thang.")
    assert "01 so/thang" in repair("- Thay méi ban tin 01 s6/thang.")
