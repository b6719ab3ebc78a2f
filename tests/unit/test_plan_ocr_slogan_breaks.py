"""Slogans in plans OCR'd without Vietnamese data (#21), where OCR's short lines and stray blank
lines cut the sentence that quotes them: a quotation running over two of a paragraph's lines is
no "slogan a line", and a quoted name that a blank line set apart from the sentence it sits in is
no list item."""

from __future__ import annotations

from bot.domain.planimport import draft_from_text

HEAD = ("TRUNG TÂM Y TẾ KHU VỰC\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 12/KH-TTYT\tngày 02 tháng 3 năm 2027\n\n"
        "KẾ HOẠCH\nTruyền thông phòng, chống sâu răng trẻ em năm 2027\n\n"
        "I. MỤC ĐÍCH\nNâng cao hiểu biết của cha mẹ về chăm sóc răng miệng cho trẻ.\n\n")


def _slogans(body: str) -> list[str]:
    draft, _ = draft_from_text(HEAD + body, "plan.txt")
    return [s.text for s in draft.slogans]


def test_a_quotation_over_two_short_lines_is_one_slogan_not_two_lines():
    assert _slogans("II. NỘI DUNG\n1. Thông điệp\n\n"
                    "Các trường dùng chung hai thông điệp \"Đánh răng sáng tối -\n"
                    "Nụ cười khỏe mãi\",\n\n"
                    "\"Ít đồ ngọt, răng chắc khỏe\" trên bảng tin.\n\n"
                    "2. Hình thức\n- Nói chuyện tại lớp.\n") == [
        "Đánh răng sáng tối - Nụ cười khỏe mãi", "Ít đồ ngọt, răng chắc khỏe"]


def test_a_name_quoted_below_a_sentence_cut_by_a_blank_line_is_no_slogan():
    assert _slogans("II. NỘI DUNG\n1. Thông điệp\n\n"
                    "Các trường dùng thông điệp \"Đánh răng sáng tối - Nụ cười khỏe mãi\" trên bảng tin"
                    " và góc truyền thông\n\n"
                    "\"Răng xinh bé cười\" tại lớp mẫu giáo là tên ấn phẩm, không phải thông điệp.\n\n"
                    "2. Hình thức\n- Nói chuyện tại lớp.\n") == ["Đánh răng sáng tối - Nụ cười khỏe mãi"]


def test_a_note_in_brackets_that_a_lost_blank_line_joined_to_the_slogans_is_left_out():
    assert _slogans("II. THÔNG ĐIỆP\n\n"
                    "Không ăn kẹo trước khi ngủ\n"
                    "Đau răng - Báo cô giáo, báo cô y tế\n"
                    "(Câu \"Răng xinh\" là tên ngày hội của trường, không đưa vào bảng thông điệp.)\n\n"
                    "III. KINH PHÍ\nNgân sách sự nghiệp.\n") == [
        "Không ăn kẹo trước khi ngủ", "Đau răng - Báo cô giáo, báo cô y tế"]


def test_a_gloss_in_brackets_still_says_the_line_above_is_no_slogan():
    assert _slogans("II. THÔNG ĐIỆP\n\n"
                    "Không ăn kẹo trước khi ngủ\n\n"
                    "Mô hình \"Răng xinh\" do Hội Phụ nữ xã xây dựng\n"
                    "(tên mô hình, không phải khẩu hiệu).\n\n"
                    "III. KINH PHÍ\nNgân sách sự nghiệp.\n") == ["Không ăn kẹo trước khi ngủ"]


def test_a_quote_opened_after_one_closed_on_the_same_line_goes_on_past_a_dash():
    assert _slogans("II. NỘI DUNG\n1. Thông điệp\n"
                    "Các trường dùng các thông điệp: \"Đánh răng sáng tối\", \"Ít đồ\n"
                    "ngọt\" và \"Khám răng định kỳ\". Tờ rơi \"Răng xinh\n"
                    "- Bé cười\" đã in năm 2026 tiếp tục dùng.\n\n"
                    "2. Hình thức\n- Nói chuyện tại lớp.\n") == [
        "Đánh răng sáng tối", "Ít đồ ngọt", "Khám răng định kỳ"]


def test_a_numbered_slogan_whose_wrapped_line_a_blank_line_set_apart_is_read_whole():
    assert _slogans("II. NỘI DUNG\n5. Khẩu hiệu tuyên truyền:\n\n"
                    "1. Đánh răng sáng tối - Nói không với bánh kẹo, nước ngọt\n\n"
                    "trước giờ đi ngủ!\n\n"
                    "2. Khám răng định kỳ sáu tháng một lần!\n\n"
                    "III. KINH PHÍ\nNgân sách sự nghiệp.\n") == [
        "Đánh răng sáng tối - Nói không với bánh kẹo, nước ngọt trước giờ đi ngủ!",
        "Khám răng định kỳ sáu tháng một lần!"]


def test_a_theme_named_with_its_chu_bent_by_ocr_is_no_extra_slogan():
    plan = ("TRUNG TAM Y TE KHU VUC\nSo: 12/KH-TTYT ngay 02 thang 3 nam 2027\n\n"
            "KE HOACH\nTo chuc Thang truyén thong huong ung Ngay Suc khoe rang mieng 20/3/2027\n"
            "véi cha dé \"Rang khoe - Nu cuoi tuoi\"\n\n"
            "I. MUC DICH\nNang cao hiéu biét cua cha me vé cham soc rang mieng cho tré.\n\n"
            "II. THONG DIEP\n1. Danh rang sang toi\n2. Kham rang dinh ky\n\n"
            "III. KINH PHI\nNgan sach su nghiép.\n")
    draft, _ = draft_from_text(plan, "plan.txt", diacritics=False)
    assert [s.text for s in draft.slogans] == ["Danh rang sang toi", "Kham rang dinh ky"]


def test_a_quote_below_a_short_label_line_is_read():
    # a label of a few words alone on its line ("Các khẩu hiệu", no colon) is no sentence cut in half
    assert "Bàn chải riêng cho mỗi bé" in _slogans(
        "II. NỘI DUNG\n1. Thông điệp, khẩu hiệu\n\nCác khẩu hiệu truyền thông\n\n"
        "\"Bàn chải riêng cho mỗi bé\" là khẩu hiệu chính của đợt truyền thông.\n\n"
        "2. Hình thức\n- Nói chuyện tại lớp.\n")


def test_a_label_line_without_a_colon_is_no_slogan():
    assert _slogans("II. NỘI DUNG\n1. Thông điệp, khẩu hiệu\n\nCác khẩu hiệu truyền thông\n\n"
                    "Răng sạch mỗi ngày, bé cười tươi\n\n"
                    "2. Hình thức\n- Nói chuyện tại lớp.\n") == ["Răng sạch mỗi ngày, bé cười tươi"]


def test_a_chain_of_quoted_slogans_cut_by_blank_lines_reads_on_into_the_paragraphs_below():
    # the second quote opens before a blank line and closes after it; the leaflet's name after the
    # chain's full stop is no slogan
    assert _slogans("II. NỘI DUNG\n"
                    "Các trường treo ba thông điệp: \"Đánh răng sáng tối\",\n\n"
                    "\"Ít đồ ngọt, răng chắc\" và \"Đau răng gọi\n\n"
                    "1800 1234 để được tư vấn\". Tờ rơi \"Răng xinh bé cười\" phát cho phụ huynh.\n\n"
                    "III. KINH PHÍ\nNgân sách sự nghiệp.\n") == [
        "Đánh răng sáng tối", "Ít đồ ngọt, răng chắc", "Đau răng gọi 1800 1234 để được tư vấn"]


def test_a_chain_ended_by_its_full_stop_takes_no_quote_of_the_paragraph_below():
    assert _slogans("II. NỘI DUNG\n"
                    "Các trường treo hai thông điệp \"Đánh răng sáng tối\", \"Ít đồ ngọt\".\n\n"
                    "\"Răng xinh bé cười\" là tên tờ rơi phát cho phụ huynh.\n\n"
                    "III. KINH PHÍ\nNgân sách sự nghiệp.\n") == ["Đánh răng sáng tối", "Ít đồ ngọt"]
