"""A word OCR without Vietnamese data read with é for its marked vowel, when that vowel put back
makes a syllable the plans' model never saw but the health laws have ("viém": viêm, "buén": buồn):
it is left as read, not taken one edit further to a syllable the plans have beside a neighbour
seen once ("viém tai" was "diem tai", "Con buén hay" was "Con duoc hay", #21)."""

from __future__ import annotations

from bot.domain.planimport.ocrfix import mend_word, repair


def test_a_marked_syllable_only_the_laws_have_is_left_as_read():
    assert "phong viém tai giua" in repair("Truyén thong phong viém tai giua cho tré.")
    assert "Con buén hay noi" in repair("* Con buén hay ndi, thay cé luén lang nghe")


def test_a_marked_word_the_plans_read_through_the_confusions_is_still_mended():
    assert "Ngay hoi" in repair("Ngay héi rira tay")


def test_a_marked_word_whose_vowel_put_back_is_a_common_syllable_takes_it():
    # "véi", "tuéi": với, tuổi (a syllable the plans have often), not "ve", "hai", "buoi" one
    # edit further because one neighbour was once seen beside those
    assert mend_word("véi", "", "tre") == "voi"
    assert mend_word("véi", "noi", "con") == "voi"
    assert mend_word("tuéi", "cac", "tre") == "tuoi"
