"""A marked a or o that English-data OCR read as a d inside a word (#21): "cdc" các, "trudéng"
trường, "nguédi" người. No Vietnamese syllable has a d after its first letter, so the d is read
as the vowel (the tone OCR kept as é beside it goes with it), scored by the syllable model."""

from __future__ import annotations

from bot.domain.planimport.ocrfix import bends_to, repair


def test_the_d_and_the_mark_beside_it_are_one_vowel():
    assert "Cac truong hoc" in repair("Cac trudéng hoc té chic cho hoc sinh tham gia.")
    assert "Van dong nguoi cao tuoi" in repair("Van déng nguédi cao tudi tham gia kham sitic khée.")


def test_a_d_read_past_other_confusions_is_still_mended():
    assert "cho nguoi lao" in repair("Kham sitc khée cho nguvdi lao déng tai doanh nghiép.")


def test_a_lower_case_acronym_beside_a_word_it_was_seen_with_is_weighed_as_the_vowel():
    assert "cua cac cap" in repair("- Tang cuong vai tro cua cdc cap, cdc nganh trong cong tac nay.")


def test_the_d_reading_stands_without_a_second_edit():
    assert "nong thon moi," in repair("- Gan véi phong trao xay dung néng thon mdi, tiéu chi")
    assert "nguoi moi phau thuat" in repair("ngudi cé vét thuong nhiém tring, ngudi mdi phau thuat.")


def test_a_d_that_opens_a_word_is_left_as_read():
    assert "dung" in repair("xay dung ké hoach")
    assert not bends_to("dung", "ong")
    assert bends_to("trudng", "truong")
