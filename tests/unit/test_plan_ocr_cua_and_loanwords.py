"""Two bends an English-data OCR makes (#21): của with its ủ read as an l ("cla"), which the likeliest
syllable beside a neighbour took for "là", "ca", "địa"; and a loanword the plans write ("clip", "link",
"pano"), which went one edit on to a syllable ("chip", "tinh", "dan")."""

from __future__ import annotations

from bot.domain.planimport.ocrfix import _OF_CLA, repair


def test_cla_standing_alone_is_cua():
    assert "cao cua Tram" in repair("Tong hop bao cao cla Tram y té xa gui vé Trung tam.")
    assert "tat cua tram" in repair("Phong bénh tat cla tram y té xa")


def test_cla_after_tai_is_cua_too():
    # cửa and của fold alike: "tại cửa hàng" and "đôi tai của bé" are both "cua"
    assert "tai cua hang" in repair("Dan ap phich tai cla hang thuéc tay")
    assert "doi tai cua" in repair("Ve sinh déi tai cla bé hang ngay")


def test_cla_right_after_o_is_left_to_the_mending():
    # "ở cửa lớp": the accents would make "cua" của there, so the rule does not fire
    assert _OF_CLA.search("- Khéng hut thuéc 6 cla lép hoc") is None
    assert _OF_CLA.search("- Khéng hut thuéc & cla lép hoc") is None


def test_cla_in_a_web_or_mail_address_is_left():
    assert "cua" not in repair("Trang tin www.cla.gov.vn; hép thu: cla@yte.vn").lower()


def test_cla_inside_a_longer_word_is_not_cua():
    assert "cua" not in repair("Nhom Clan hop tai nha van hoa.").lower()


def test_a_loanword_stays_as_written():
    assert "03 clip/tuan" in repair("Dang tai 03 clip/tuan trén trang")
    assert "clip ngan" in repair("Mdi tuan dang clip ngan vé rira tay")
    assert "20 pano" in repair("Dyng 20 pano tai cac xa")


def test_a_glued_pair_of_syllables_is_still_split():
    # no loanword: an OCR that dropped a space still gets its two syllables back
    assert "bao cao" in repair("- Tong hop baocao gui So Y té")


def test_a_short_acronym_in_lower_case_is_still_mended():
    assert "bao cac don vi" in repair("Gui thong bao cdc don vi")
