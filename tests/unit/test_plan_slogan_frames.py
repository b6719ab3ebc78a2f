"""Slogan layouts of the eighteenth blind batch (#21): a box drawn around them (box characters or
as OCR reads its sides, "| … |"), a slogan a line bare under a numbered heading, an appendix after
the signature ("PHỤ LỤC" / "THÔNG ĐIỆP …" then "1. …", OCR's "3," for "3."), and a label with its
first slogan glued as OCR sets the others apart by blank lines."""

from __future__ import annotations

from bot.domain.planimport import draft_from_text

HEAD = ("TRUNG TÂM Y TẾ KHU VỰC\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 31/KH-TTYT\tngày 14 tháng 12 năm 2026\n\n"
        "KẾ HOẠCH\nTruyền thông phòng, chống sốt mò năm 2027\n\n"
        "I. MỤC ĐÍCH\nNâng cao hiểu biết của người dân về bệnh sốt mò.\n\n")


def _slogans(body: str) -> list[str]:
    draft, _ = draft_from_text(HEAD + body, "plan.txt")
    return [s.text for s in draft.slogans]


def test_slogans_in_a_box_drawn_with_box_characters():
    assert _slogans("II. THÔNG ĐIỆP\n"
                    "Các áp phích tại trạm y tế in hai thông điệp trong khung dưới đây:\n"
                    "┌────────────────────────────────┐\n"
                    "│ Đi rẫy mặc áo dài tay          │\n"
                    "│ Sốt cao, có vết loét - Khám ngay │\n"
                    "└────────────────────────────────┘\n\n"
                    "III. KINH PHÍ\nNgân sách sự nghiệp.\n") == [
        "Đi rẫy mặc áo dài tay", "Sốt cao, có vết loét - Khám ngay"]


def test_the_same_box_in_ascii_and_as_ocr_reads_its_sides():
    expected = ["Đi rẫy mặc áo dài tay", "Sốt cao, có vết loét - Khám ngay"]
    assert _slogans("Khẩu hiệu in trên pa nô đặt ở cổng các thôn, trong khung như sau:\n"
                    "+--------------------------------+\n"
                    "| Đi rẫy mặc áo dài tay |\n"
                    "| Sốt cao, có vết loét - Khám ngay |\n"
                    "+--------------------------------+\n\n"
                    "III. KINH PHÍ\nNgân sách sự nghiệp.\n") == expected
    assert _slogans("II. THÔNG ĐIỆP\nCác áp phích in hai thông điệp trong khung:\n\n"
                    "| Đi rẫy mặc áo dài tay |\n| Sốt cao, có vết loét - Khám ngay |\n\n"
                    "III. KINH PHÍ\nNgân sách sự nghiệp.\n") == expected


def test_a_one_cell_row_outside_any_slogan_part_is_no_slogan():
    assert _slogans("II. TỔ CHỨC\n| Phòng Kế hoạch - Nghiệp vụ |\n\nIII. KINH PHÍ\nNgân sách.\n") == []


def test_bare_lines_under_a_numbered_slogan_heading_and_ocrs_blank_lines_between_them():
    body = ("II. NỘI DUNG\n1. Đối tượng: người đi rẫy, học sinh.\n2. Khẩu hiệu tuyên truyền\n"
            "{}\n3. Thời gian và hoạt động\n- Nói chuyện tại thôn.\n")
    expected = ["Đi rẫy mặc áo dài tay", "Sốt cao, có vết loét - Khám ngay"]
    assert _slogans(body.format("Đi rẫy mặc áo dài tay\nSốt cao, có vết loét - Khám ngay")) == expected
    assert _slogans(body.format("\nĐi rẫy mặc áo dài tay\n\nSốt cao, có vết loét - Khám ngay\n")) == expected


def test_a_word_of_ocr_noise_under_the_heading_is_no_slogan():
    assert _slogans("II. NỘI DUNG\n2. Khẩu hiệu tuyên truyền\n\nĐi rẫy mặc áo dài tay\n\nGDaAnNAuh\n\n"
                    "3. Thời gian\n") == ["Đi rẫy mặc áo dài tay"]


def test_slogans_only_in_an_appendix_after_the_signature():
    body = ("II. TỔ CHỨC THỰC HIỆN\nKhoa Truyền thông chủ trì.\n\nGIÁM ĐỐC\n(Đã ký)\nLê Văn Bình\n\n"
            "PHỤ LỤC\nCÁC THÔNG ĐIỆP CHÍNH\n(Kèm theo Kế hoạch số 31/KH-TTYT)\n"
            "1. Đi rẫy mặc áo dài tay, đi ủng.\n2. Sốt cao, có vết loét - Khám ngay.\n{}\n")
    expected = ["Đi rẫy mặc áo dài tay, đi ủng.", "Sốt cao, có vết loét - Khám ngay.",
                "Ngủ màn, phát quang bụi rậm quanh nhà."]
    assert _slogans(body.format("3. Ngủ màn, phát quang bụi rậm quanh nhà.")) == expected
    # OCR's comma for the third item's dot
    assert _slogans(body.format("\n3, Ngủ màn, phát quang bụi rậm quanh nhà.")) == expected


def test_an_appendix_of_another_kind_ends_the_slogans():
    assert _slogans("PHỤ LỤC 1\nTHÔNG ĐIỆP TRUYỀN THÔNG\n1. Đi rẫy mặc áo dài tay.\n\n"
                    "PHỤ LỤC 2\nBẢNG PHÂN CÔNG\n1. Khoa Truyền thông: tờ rơi.\n") == [
        "Đi rẫy mặc áo dài tay."]


def test_a_label_with_its_first_slogan_glued_and_the_others_after_blank_lines():
    assert _slogans("II. THÔNG ĐIỆP\nCác thông điệp chính, in trên tờ gấp và phát trên loa:\n"
                    "\tĐi rẫy mặc áo dài tay\n\n\tSốt cao, có vết loét - Khám ngay\n\n"
                    "\tNgủ màn, phát quang bụi rậm\n\nIII. KINH PHÍ\nNgân sách.\n") == [
        "Đi rẫy mặc áo dài tay", "Sốt cao, có vết loét - Khám ngay", "Ngủ màn, phát quang bụi rậm"]


def test_bulleted_slogans_in_capitals_under_an_appendix_heading():
    assert _slogans("PHỤ LỤC\nKHẨU HIỆU TUYÊN TRUYỀN\n- ĐI RẪY MẶC ÁO DÀI TAY\n- NGỦ MÀN MỖI ĐÊM\n") == [
        "ĐI RẪY MẶC ÁO DÀI TAY", "NGỦ MÀN MỖI ĐÊM"]
