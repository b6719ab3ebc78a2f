"""Slogans under a label line with no number of its own (#21): "Khẩu hiệu" alone on its line
(or "1. Khẩu hiệu" whose "1." OCR lost) over a list numbered "1.", "2."; and a quoted name
OCR cut from its sentence ("… tên tờ gấp" / blank line / '"B" …') is no slogan."""

from __future__ import annotations

from bot.domain.planimport import draft_from_text
from bot.domain.planimport.text import fold, key

HEAD = ("TRƯỜNG MẦM NON HOA SEN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 08/KH-MN\tngày 05 tháng 9 năm 2026\n\n"
        "KẾ HOẠCH\nPhòng, chống bỏ quên trẻ trên xe đưa đón năm học 2026 - 2027\n\n"
        "I. MỤC ĐÍCH\nKhông để trẻ bị bỏ quên trên xe.\n\n")


def _slogans(body: str, ocr: bool = False) -> list[str]:
    text = HEAD + body
    draft, _ = draft_from_text(fold(text) if ocr else text, "plan.txt", diacritics=False)
    return [key(s.text) for s in draft.slogans]


LABEL = ("II. NỘI DUNG\nKhẩu hiệu\n"
         "1. \"Kiểm tra xe - Không để trẻ lại\"\n"
         "2. \"Đếm trẻ khi lên, đếm trẻ khi xuống\"\n\n"
         "III. TỔ CHỨC THỰC HIỆN\n1. Ban giám hiệu chỉ đạo.\n2. Giáo viên điểm danh trẻ.\n")


def test_a_label_line_with_no_number_over_a_numbered_list():
    assert _slogans(LABEL) == ["kiem tra xe - khong de tre lai", "dem tre khi len, dem tre khi xuong"]


def test_the_same_as_ocr_reads_it():
    assert _slogans(LABEL, ocr=True) == [
        "kiem tra xe - khong de tre lai", "dem tre khi len, dem tre khi xuong"]


def test_a_label_line_over_prose_is_no_list():
    assert _slogans("II. NỘI DUNG\nKhẩu hiệu\nĐược in trên băng rôn tại cổng trường.\n") == []


def test_a_quoted_name_cut_from_its_sentence_is_no_slogan():
    body = ("II. NỘI DUNG\n2. Thông điệp truyền thông\n\n"
            "Các cơ quan sử dụng thống nhất các thông điệp sau:\n\n"
            "- Làm đẹp đúng nơi - Tra cứu giấy phép trước khi làm đẹp\n\n"
            "Lưu ý: tên chuyên mục \"Đẹp an toàn\" trên Báo và tên tờ\ngấp\n\n"
            "\"Biết trước khi làm đẹp\" chỉ dùng làm tên sản phẩm, không in thành khẩu hiệu.\n\n"
            "III. PHÂN KỲ\n")
    assert _slogans(body, ocr=True) == ["lam dep dung noi - tra cuu giay phep truoc khi lam dep"]


def test_a_bulleted_label_among_a_parts_items_over_a_list_numbered_with_brackets():
    # "- Khẩu hiệu:" typed as one more of the content part's bulleted items, its slogans "1) …" below
    assert _slogans("II. NỘI DUNG\n- Trẻ phải được đếm khi lên và xuống xe.\n- Khẩu hiệu:\n"
                    "1) Kiểm tra xe - Không để trẻ lại\n2) Đếm trẻ khi lên, đếm trẻ khi xuống\n\n"
                    "III. TỔ CHỨC THỰC HIỆN\n1. Ban giám hiệu chỉ đạo.\n") == [
        "kiem tra xe - khong de tre lai", "dem tre khi len, dem tre khi xuong"]


def test_a_bulleted_content_item_naming_slogans_opens_no_list():
    # "- Khẩu hiệu treo tại trạm" is one item of the part, no colon: the numbered tasks below are no slogans
    assert _slogans("II. NỘI DUNG\n- Tờ rơi, áp phích.\n- Khẩu hiệu treo tại trạm\n"
                    "1. Trạm y tế treo băng rôn tại cổng.\n2. Các thôn phát loa.\n\n"
                    "III. TỔ CHỨC THỰC HIỆN\n1. Ban giám hiệu chỉ đạo.\n") == []


def test_a_label_line_saying_where_the_messages_go_in_brackets():
    # "Thông điệp (… nơi dùng …):" over "1) …": the aside in brackets is no part of the label's words
    body = ("II. NỘI DUNG\nThông điệp truyền thông (dán trên cửa xe, nhắc trong họp phụ huynh):\n"
            "1) Xuống xe đếm lại, không sót một em.\n2) Cửa xe khóa rồi - Nhìn lại hàng ghế cuối.\n\n"
            "III. TỔ CHỨC THỰC HIỆN\n1. Ban giám hiệu chỉ đạo.\n")
    assert _slogans(body) == ["xuong xe dem lai, khong sot mot em.",
                              "cua xe khoa roi - nhin lai hang ghe cuoi."]


def test_a_bracketed_label_over_prose_is_no_list():
    body = ("II. NỘI DUNG\nThông điệp truyền thông (dán trên cửa xe):\n"
            "Giáo viên tự soạn theo từng lớp, gửi Ban giám hiệu duyệt.\n\n"
            "III. TỔ CHỨC THỰC HIỆN\n1. Ban giám hiệu chỉ đạo.\n")
    assert _slogans(body) == []


def test_an_activity_labelled_with_its_number_ends_the_slogan_list():
    # "Hoạt động 2: …" and its bullets below the numbered slogans are the next part, not slogans
    body = ("II. NỘI DUNG\nKhẩu hiệu:\n1) Kiểm tra xe - Không để trẻ lại\n"
            "2) Đếm trẻ khi lên, đếm trẻ khi xuống\n\n"
            "Hoạt động 1: Tập huấn lái xe và bảo mẫu vào tháng 9/2026.\n\n"
            "Hoạt động 2: Diễn tập\n- Diễn tập thoát hiểm khỏi xe: tháng 10/2026.\n\n"
            "III. TỔ CHỨC THỰC HIỆN\n1. Ban giám hiệu chỉ đạo.\n")
    assert _slogans(body) == ["kiem tra xe - khong de tre lai", "dem tre khi len, dem tre khi xuong"]


def test_slogans_numbered_by_their_own_label_stay_under_the_list():
    # "Khẩu hiệu 2: …" is a slogan's own label, no next part
    body = ("II. NỘI DUNG\nKhẩu hiệu\n1. \"Kiểm tra xe - Không để trẻ lại\"\n\n"
            "Khẩu hiệu 2: Đếm trẻ khi lên, đếm trẻ khi xuống\n\n"
            "III. TỔ CHỨC THỰC HIỆN\n1. Ban giám hiệu chỉ đạo.\n")
    assert _slogans(body) == ["kiem tra xe - khong de tre lai", "dem tre khi len, dem tre khi xuong"]


def test_a_slogan_opening_with_a_count_and_a_dash_stays_in_the_list():
    # "Thay … 4 - 6 giờ …": a count in the slogan's words, no "Hoạt động 4:" label
    body = ("II. NỘI DUNG\n2. Khẩu hiệu\nKiểm tra xe - Không để trẻ lại\n\n"
            "Đếm trẻ 2 - 3 lần mỗi chuyến xe\n\n"
            "III. TỔ CHỨC THỰC HIỆN\n1. Ban giám hiệu chỉ đạo.\n")
    assert _slogans(body) == ["kiem tra xe - khong de tre lai", "dem tre 2 - 3 lan moi chuyen xe"]


def test_a_bracketed_label_giving_out_tasks_or_results_is_no_list():
    # "(giao cho …):", "(phân công …):", "(kết quả năm …):", or brackets with no colon: tasks or results below
    for label in ("Thông điệp (giao cho các tổ):", "Thông điệp truyền thông (phân công thực hiện):",
                  "Thông điệp (kết quả năm 2026):", "Thông điệp (năm học 2026 - 2027)"):
        body = ("II. NỘI DUNG\n" + label + "\n1) Tổ bảo mẫu in phiếu điểm danh và dán trên xe.\n"
                "2) Đã phát 40 lượt nhắc trên loa của trường.\n\n"
                "III. TỔ CHỨC THỰC HIỆN\n1. Ban giám hiệu chỉ đạo.\n")
        assert _slogans(body) == [], label


def test_messages_numbered_by_their_own_words_stay_in_the_list():
    # "Khuyến cáo 1:", "Lời nhắn 1:", "Bước 1:", "Tháng 9:": numbered messages, no next part; the bare
    # slogan after one stays too
    for label in ("Khuyến cáo 1", "Lời nhắn 1", "Bước 1", "Tháng 9"):
        body = ("II. NỘI DUNG\n2. Khẩu hiệu\nKiểm tra xe - Không để trẻ lại\n\n"
                f"{label}: Đếm trẻ khi lên, đếm trẻ khi xuống\n\n"
                "Xe dừng hẳn - Cô mới mở cửa\n\n"
                "III. TỔ CHỨC THỰC HIỆN\n1. Ban giám hiệu chỉ đạo.\n")
        assert _slogans(body) == ["kiem tra xe - khong de tre lai",
                                  f"{key(label)}: dem tre khi len, dem tre khi xuong",
                                  "xe dung han - co moi mo cua"], label
