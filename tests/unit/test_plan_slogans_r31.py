"""Slogans of the thirty-first round (#21), made-up text in their shape: quotes a sentence led by the
messages opens by its colon, past the channels it names ("… và nhóm Zalo: "A", "B"");
an advert's claim warned of in quotes, no slogan; "Lời nhắn gửi phụ huynh:" over short lines."""

from __future__ import annotations

from bot.domain.planimport import draft_from_text
from bot.domain.planimport.text import key

HEAD = ("TRẠM Y TẾ XÃ PHƯỚC HÒA\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 07/KH-TYT\tngày 10 tháng 3 năm 2027\n\n"
        "KẾ HOẠCH\nTruyền thông phòng, chống sốt xuất huyết năm 2027\n\n"
        "I. MỤC ĐÍCH\nNgười dân biết diệt lăng quăng.\n\n")
TAIL = "\nIII. TỔ CHỨC THỰC HIỆN\n1. Trạm Y tế chủ trì.\n2. Các thôn phối hợp.\n"


def _slogans(body: str) -> list[str]:
    draft, _ = draft_from_text(HEAD + body + TAIL, "plan.txt", diacritics=False)
    return [key(s.text) for s in draft.slogans]


def test_messages_named_past_the_channels_and_their_colon():
    # "… trên loa và nhóm Zalo: "A", "B"": the channels end in a group's name, the colon is the messages'
    body = ("II. NỘI DUNG\nCác thông điệp được dùng chung trên loa, tờ gấp và nhóm Zalo: "
            "\"Không lăng quăng, không sốt xuất huyết\", \"Úp ngược vật chứa nước\" và "
            "\"Sốt cao - đến Trạm ngay\".\n")
    assert _slogans(body) == ["khong lang quang, khong sot xuat huyet", "up nguoc vat chua nuoc",
                              "sot cao - den tram ngay"]


def test_a_groups_name_after_a_sentence_led_by_other_words_stays_a_name():
    # 'Trạm lập nhóm Zalo: "Thôn sạch"': no sentence led by the messages, the quote names the group
    body = ("II. NỘI DUNG\nTrạm lập nhóm Zalo: \"Thôn sạch lăng quăng\" để nhắc lịch diệt lăng quăng; "
            "phát các thông điệp trên loa.\n")
    assert _slogans(body) == []


def test_messages_woven_into_a_named_thing_after_their_colon_name_it():
    # 'Thông điệp được lồng ghép vào phong trào: "…"': the colon after a movement, a programme or a
    # contest, not after the channels; the quote names it
    for named in ("lồng ghép vào phong trào: \"Toàn dân đoàn kết xây dựng đời sống văn hóa\"",
                  "phát định kỳ trên chương trình: \"Sức khỏe cho mọi nhà\" của Đài truyền thanh xã",
                  "do học sinh sáng tác được chọn gửi dự cuộc thi: \"Em yêu xóm sạch\""):
        assert _slogans(f"II. NỘI DUNG\nThông điệp {named}.\n") == [], named


def test_a_slogan_on_ad_boards_stays_a_slogan():
    # 'khẩu hiệu trên các biển quảng cáo "…"': the boards carry the slogan, no advert's claim warned of
    body = ("II. NỘI DUNG\n"
            "Tuyên truyền khẩu hiệu trên các biển quảng cáo \"Diệt lăng quăng - Bảo vệ cả nhà\".\n")
    assert _slogans(body) == ["diet lang quang - bao ve ca nha"]


def test_a_message_on_a_day_stays_a_slogan():
    body = ("II. NỘI DUNG\n- Ngày 15/6/2027: Hưởng ứng Ngày Môi trường, phát thông điệp \"Thôn sạch lăng "
            "quăng\" trên loa.\n")
    assert _slogans(body) == ["thon sach lang quang"]


def test_an_adverts_claim_in_a_content_item_is_no_slogan():
    # "1. Nội dung: … cảnh báo quảng cáo "…"" under "NỘI DUNG, THÔNG ĐIỆP": the claim warned of
    body = ("II. NỘI DUNG, THÔNG ĐIỆP\n"
            "1. Nội dung: cách diệt lăng quăng, cảnh báo quảng cáo \"diệt muỗi trong 1 giờ\".\n"
            "2. Thông điệp chính: \"Không lăng quăng, không sốt xuất huyết\".\n")
    assert _slogans(body) == ["khong lang quang, khong sot xuat huyet"]


def test_a_quoted_name_alone_in_a_slogan_item_stays_its_slogan():
    # "2. Chương trình "…"" under "Khẩu hiệu": no other quote, the named one is the item's slogan
    body = ("II. KHẨU HIỆU\n"
            "1. \"Không lăng quăng, không sốt xuất huyết\"\n"
            "2. Mô hình \"Thôn sạch lăng quăng\"\n")
    assert _slogans(body) == ["khong lang quang, khong sot xuat huyet", "thon sach lang quang"]


def test_a_message_to_families_heads_its_short_lines():
    # "3. Lời nhắn gửi phụ huynh:" then bulleted short lines: the plan's slogans
    body = ("II. NỘI DUNG\n1. Muỗi vằn đẻ trứng ở nước đọng.\n2. Dấu hiệu sốt xuất huyết.\n"
            "3. Lời nhắn gửi phụ huynh:\n"
            "- Úp ngược chum vại - Muỗi không còn chỗ đẻ\n"
            "- Con sốt cao, đưa ngay đến Trạm\n")
    assert _slogans(body) == ["up nguoc chum vai - muoi khong con cho de", "con sot cao, dua ngay den tram"]


def test_a_message_to_offices_is_no_heading_of_slogans():
    # "3. Lời nhắn gửi các Trạm Y tế:" then tasks: instructions to offices, not what families hear
    body = ("II. NỘI DUNG\n1. Muỗi vằn đẻ trứng ở nước đọng.\n2. Dấu hiệu sốt xuất huyết.\n"
            "3. Lời nhắn gửi các Trạm Y tế:\n"
            "- Bố trí cán bộ trực phun thuốc\n"
            "- Gửi báo cáo trước ngày 25 hằng tháng\n")
    assert _slogans(body) == []
