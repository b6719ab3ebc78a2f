"""Slogan labels glued below the last item of a content list (#21, fifteenth batch): inline
('Thông điệp: "A" và "B".') or as a list's heading ('Khẩu hiệu tuyên truyền:' then "+ …")."""

from __future__ import annotations

from bot.domain.planimport import draft_from_text

HEAD = ("BAN QUẢN LÝ CÁC KHU CÔNG NGHIỆP\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 77/KH-BQL\tngày 05 tháng 8 năm 2026\n\n"
        "KẾ HOẠCH\nTruyền thông phòng, chống tiếng ồn ở công nhân\n\n"
        "IV. NỘI DUNG TUYÊN TRUYỀN\n"
        "1. Tác hại của tiếng ồn: ù tai, nghe kém; điếc nghề nghiệp.\n")


def _slogans(body: str) -> list[str]:
    draft, _ = draft_from_text(HEAD + body, "plan.txt")
    return [s.text for s in draft.slogans]


def test_an_inline_label_glued_below_a_short_item_gives_its_quoted_slogans():
    assert _slogans("2. Đeo nút tai đúng cách; nghỉ giữa ca.\n"
                    "Thông điệp: \"Tai khỏe - Việc bền\" và \"Đeo nút tai - Giữ thính lực\".\n\n"
                    "V. THỜI GIAN\n") == ["Tai khỏe - Việc bền", "Đeo nút tai - Giữ thính lực"]


def test_the_same_with_curly_quotes_and_a_semicolon():
    assert _slogans("2. Đeo nút tai đúng cách.\n"
                    "Khẩu hiệu: “Tai khỏe - Việc bền”; “Đeo nút tai - Giữ thính lực”.\n\n"
                    "V. THỜI GIAN\n") == ["Tai khỏe - Việc bền", "Đeo nút tai - Giữ thính lực"]


def test_a_list_label_glued_below_an_item_heads_the_list_below_it():
    assert _slogans("2. Đeo nút tai đúng cách; nghỉ giữa ca.\n"
                    "Khẩu hiệu tuyên truyền:\n"
                    "+ Tai khỏe - Việc bền\n"
                    "+ Đeo nút tai - Giữ thính lực\n\n"
                    "V. THỜI GIAN\n") == ["Tai khỏe - Việc bền", "Đeo nút tai - Giữ thính lực"]


def test_a_numbered_slogan_item_with_its_slogans_inline_and_a_list_of_other_things_below():
    assert _slogans("2. Các thông điệp chính: “Tai khỏe - Việc bền”, “Đeo nút tai - Giữ thính lực”\n"
                    "- Treo băng rôn tại cổng các nhà máy.\n\n"
                    "V. THỜI GIAN\n") == ["Tai khỏe - Việc bền", "Đeo nút tai - Giữ thính lực"]


def test_an_item_using_slogans_in_quotes_beside_a_programmes_name():
    assert _slogans("2. Sử dụng các khẩu hiệu \"Tai khỏe - Việc bền\" và \"Đeo nút tai - Giữ thính lực\" "
                    "trong chương trình \"Nhà máy an toàn\".\n\n"
                    "V. THỜI GIAN\n") == ["Tai khỏe - Việc bền", "Đeo nút tai - Giữ thính lực"]


def test_a_brand_or_a_workshop_named_in_quotes_beside_the_messages_is_no_slogan():
    assert _slogans("2. Sản phẩm truyền thông dùng bộ nhận diện \"Tai khỏe\", với thông điệp "
                    "\"Đeo nút tai - Giữ thính lực\", \"Nghỉ tai giữa ca\", "
                    "hội thảo \"Tiếng ồn và sức khỏe\".\n"
                    "3. Phát video thông điệp \"Tai khỏe - Việc bền\" trên màn hình nhà ăn.\n\n"
                    "V. THỜI GIAN\n") == ["Đeo nút tai - Giữ thính lực", "Nghỉ tai giữa ca",
                                          "Tai khỏe - Việc bền"]


def test_a_bulleted_label_whose_slogans_are_sub_items_ends_at_its_next_sibling():
    # "- Khẩu hiệu …:" then "+" lines: a "-" item after them is the label's sibling, no slogan
    body = ("- Khẩu hiệu trên băng rôn, áp phích:\n"
            "+ \"Tai khỏe - Việc bền\"\n"
            "+ \"Đeo nút tai - Giữ thính lực\"\n"
            "- Ngày Quốc tế Thính giác (03/3): mít tinh tại khu công nghiệp.\n"
            "- Tháng hành động (01 - 31/7): đăng bài, tọa đàm trực tuyến.\n\n"
            "V. THỜI GIAN\n")
    slogans = ["Tai khỏe - Việc bền", "Đeo nút tai - Giữ thính lực"]
    assert _slogans(body) == slogans
    assert _slogans(body.replace("+ ", "• ")) == slogans
    # one bullet for the label and its items: the list goes on
    assert _slogans("- Khẩu hiệu:\n- Tai khỏe - Việc bền\n- Đeo nút tai - Giữ thính lực\n\n"
                    "V. THỜI GIAN\n") == slogans


def test_a_parts_label_and_number_ends_a_listing_of_slogans_as_ocr_spaces_it():
    body = ("- Khau hiéu trén bang ron, ap phich:\n\n"
            "+ \"Tai khoe - Viéc bén\"\n\n"
            "+ \"Deo nut tai - Giit thinh luc\"\n\n"
            "{} 6: Huéng tng cac ngay su kién\n\n"
            "- Ngay Quéc té Thinh giac (03/3): mit tinh.\n\n"
            "V. THOI GIAN\n")
    for label in ("Hoat dong", "Nhiém vu", "Hoạt động"):
        assert len(_slogans(body.format(label))) == 2
