"""Two bends an English-data OCR makes (#21): của with its ủ read as an l ("cla"), which the likeliest
syllable beside a neighbour took for "là", "ca", "địa"; and a loanword the plans write often
("clip") after a count, which went one edit on to a syllable ("chip")."""

from __future__ import annotations

from bot.domain.planimport.ocrfix import repair


def test_cla_standing_alone_is_cua():
    assert "hoat dong cua Ké hoach" in repair(
        "Lop hoc tam dung, khong to chuc hoat dong cla Ké hoach trong thang 7.")
    assert "tat cua tram" in repair("Phong bénh tat cla tram y té xa")


def test_cla_after_a_place_word_is_left_to_the_mending():
    # "ở cửa phòng" (a door): the rule does not make it của
    assert "6 cua phong" not in repair("- Khoi bui dung 6 cla phong hop")


def test_cla_inside_a_longer_word_is_not_cua():
    assert "cua" not in repair("Nhom Clan hop tai nha van hoa.").lower()


def test_a_loanword_after_a_count_stays_as_written():
    assert "03 clip/tuan" in repair("Dang tai 03 clip/tuan trén trang")
    assert "02 clip/thang" in repair("video 02 clip/thang")


def test_a_short_acronym_in_lower_case_is_still_mended():
    assert "bao cac don vi" in repair("Gui thong bao cdc don vi")
