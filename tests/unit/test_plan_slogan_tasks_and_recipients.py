"""What the importer took for slogans that are none (#21): a duty or activity item, a sentence
that names slogans after its verb ("… phát thông điệp theo lịch."), heads no list; the recipients'
block ("Nơi nhận:" and its "- …" lines, beside the signature) ends any list above it; the title of
a talk in quotes ('nói chuyện chuyên đề "…"') names the talk, it is no slogan."""

from __future__ import annotations

from bot.domain.planimport import draft_from_text
from bot.domain.planimport.text import key

HEAD = ("ỦY BAN NHÂN DÂN XÃ AN PHÚ\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 08/KH-UBND\tAn Phú, ngày 06 tháng 01 năm 2027\n\n"
        "KẾ HOẠCH\nTuyên truyền phòng, chống đuối nước năm 2027\n\n"
        "I. MỤC ĐÍCH\nNgười dân biết phòng, chống đuối nước.\n\n"
        "II. NỘI DUNG\n1. Nội dung tuyên truyền\n- Dạy bơi cho trẻ em.\n"
        "2. Khẩu hiệu\n- Trẻ biết bơi - Cha mẹ yên tâm\n- Không tắm sông, suối một mình\n\n")


def _slogans(body: str) -> list[str]:
    draft, _ = draft_from_text(HEAD + body, "plan.txt", diacritics=False)
    return [key(s.text) for s in draft.slogans]


OWN = ["tre biet boi - cha me yen tam", "khong tam song, suoi mot minh"]


def test_a_duty_item_that_names_slogans_heads_no_list():
    body = ("III. TỔ CHỨC THỰC HIỆN\n1. Trạm Y tế xã: hướng dẫn sơ cứu.\n"
            "2. Đề nghị Ủy ban nhân dân xã chỉ đạo đài truyền thanh phát thông điệp theo lịch.\n"
            "- Thôn Đông, thôn Tây: sáng thứ Hai;\n- Làng Kép: chiều thứ Năm.\n")
    assert _slogans(body) == OWN


def test_a_slogan_heading_ending_in_a_full_stop_still_heads_its_list():
    body = ("III. TRUYỀN THÔNG\n1. Các khẩu hiệu tuyên truyền.\n- Mặc áo phao khi đi đò\n"
            "- Biển báo nguy hiểm - Không lại gần\n\n2. Hình thức\nPhát tờ gấp.\n")
    assert _slogans(body) == [*OWN, "mac ao phao khi di do", "bien bao nguy hiem - khong lai gan"]


RECIPIENTS = ("III. KHẨU HIỆU\n- Trẻ biết bơi - Cha mẹ yên tâm\n- Không tắm sông, suối một mình\n\n"
              "Nơi nhận:                                   TM. ỦY BAN NHÂN DÂN\n"
              "- UBND Thành phố (b/c);                     CHỦ TỊCH\n"
              "- Trạm Y tế xã;\n- Lưu: VT.                                  (Đã ký)\n")


def test_the_recipients_block_ends_the_slogan_list_above_it():
    assert _slogans(RECIPIENTS.replace("III. KHẨU HIỆU\n", "III. TRUYỀN THÔNG\n1. Khẩu hiệu\n")) == OWN


def test_the_recipients_block_on_its_own_line_ends_the_list_too():
    assert _slogans(RECIPIENTS.replace("Nơi nhận:" + " " * 35 + "TM. ỦY BAN NHÂN DÂN", "Nơi nhận:")) == OWN


def test_a_talks_title_in_quotes_is_no_slogan():
    body = ("III. HOẠT ĐỘNG\n1. Hưởng ứng Tuần lễ Quốc gia phòng, chống đuối nước (01 - 07/6): nói "
            'chuyện chuyên đề "Bơi an toàn - đi cùng con suốt mùa hè" tại các thôn.\n'
            '2. Hưởng ứng Ngày Gia đình Việt Nam: talkshow "Ba mẹ là phao cứu sinh" tại nhà văn hóa.\n')
    assert _slogans(body) == OWN


def test_a_quote_that_opens_with_the_kind_of_event_it_names_is_no_slogan():
    # 'tổ chức "Ngày hội Bé bơi an toàn"': the event's name (its kind says so), not a message
    body = ("III. HOẠT ĐỘNG\n- Hưởng ứng Ngày Gia đình Việt Nam (28/6): tổ chức \"Ngày hội Bé bơi an toàn\" "
            "cho trẻ vào thứ Bảy, ngày 26/6/2027.\n- Tổ chức \"Hội thi Sơ cứu giỏi\" tại nhà văn hóa xã.\n")
    assert _slogans(body) == OWN


def test_a_numbered_sentence_ending_on_the_slogans_it_announces_heads_their_list() -> None:
    items = ("- Mặc áo phao khi đi đò\n- Biển báo nguy hiểm - Không lại gần\n\n"
             "IV. TỔ CHỨC THỰC HIỆN\nUBND xã chỉ đạo.\n")
    listed = [*OWN, "mac ao phao khi di do", "bien bao nguy hiem - khong lai gan"]
    for heading in ("Tuyên truyền các khẩu hiệu sau.", "Các câu khẩu hiệu tuyên truyền.",
                    "Sử dụng thông điệp truyền thông như sau."):
        assert _slogans(f"III. TRUYỀN THÔNG\n1. Hình thức\nPhát tờ gấp.\n2. {heading}\n" + items) == listed


def test_a_slogan_labelled_so_is_one_whatever_kind_of_event_it_opens_with() -> None:
    body = ("III. TỔ CHỨC THỰC HIỆN\nCác thôn treo khẩu hiệu \"Câu lạc bộ bơi - Nơi trẻ em an toàn\".\n"
            "Các trường tuyên truyền các khẩu hiệu: \"Chương trình bơi an toàn - Vì trẻ em\", "
            "\"Ngày hội bơi - Ngày vui của bé\".\n")
    assert _slogans(body) == [*OWN, "cau lac bo boi - noi tre em an toan",
                              "chuong trinh boi an toan - vi tre em", "ngay hoi boi - ngay vui cua be"]


def test_a_title_honoured_in_quotes_is_no_slogan():
    # 'tôn vinh các "…"', 'danh hiệu "…"': a title given to people or families, not a message
    body = ("III. HOẠT ĐỘNG\n- Hưởng ứng Ngày Gia đình Việt Nam (28/6): tôn vinh các "
            "\"Gia đình dạy con bơi giỏi\".\n"
            "- Hưởng ứng Tháng hành động vì trẻ em: xét danh hiệu \"Thôn an toàn sông nước\" cho các thôn.\n")
    assert _slogans(body) == OWN


def test_a_message_answered_by_the_honoured_still_is_one():
    # 'hưởng ứng thông điệp "…"' in a line that honours people: the message named as such stays
    body = ("III. HOẠT ĐỘNG\n- Tôn vinh các gia đình hưởng ứng thông điệp \"Mặc áo phao khi qua sông\".\n")
    assert _slogans(body) == [*OWN, "mac ao phao khi qua song"]
