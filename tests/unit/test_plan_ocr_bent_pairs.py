"""Two words in a row OCR bent past its confusions (#21): "bdo cdo" is báo cáo, read as the pair
the plans have, not each word alone ("va bdo" would go to "và đào", "ban; bdo" to "bộ")."""

from __future__ import annotations

from bot.domain.planimport.ocrfix import repair


def test_a_report_both_words_bent_after_a_common_word():
    assert "va bao cao ket qua" in repair("- Cac truong hoc thuc hién va bdo cdo ket qua cho Phong Y té.")
    assert "va bao cao nhanh" in repair("cap nhat sé liéu va bdo cdo nhanh")


def test_one_bent_word_beside_a_syllable_is_read_as_before():
    assert "bao cao" in repair("tong hop bdo cao gui So Y té")
    assert "bao cao" in repair("tong hop bao cdo gui So Y té")


def test_the_office_glued_to_the_y_of_y_te_is_so_or_bo_y_te():
    # "S&Y té", "S6Y té", "SOY té", "BOY té": OCR glues Sở (Bộ) to the Y; read whole, "S&Y" was "SAU"
    for glued, office in (("S&Y", "So"), ("S6Y", "So"), ("SOY", "So"), ("SéY", "So"), ("BOY", "Bo")):
        assert f"voi {office} Y té tinh" in repair(f"Phoi hop voi {glued} té tinh bao cao.")
    assert "SAYY te" in repair("ma SAYY te")  # not a glued office
