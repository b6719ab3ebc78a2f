"""Slogan layouts earlier rounds held back (#21): banner lines in capitals under the heading, and
the same as OCR without Vietnamese data reads them (diacritics lost, a capital or two read small);
a lục bát couplet (six syllables, then eight) read as one slogan; quoted slogans numbered "1/ …";
OCR's reading of a box bullet ("[)", "[]", "(]") or a round one ("¢") before a slogan; quoted
slogans on the lines below their heading (not on its line)."""

from __future__ import annotations

from bot.domain.planimport import draft_from_text
from bot.domain.planimport.text import fold, key

HEAD = ("HỘI NGHỀ CÁ TỈNH CÀ MAU\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 12/KH-HNC\tngày 05 tháng 3 năm 2027\n\n"
        "KẾ HOẠCH\nTuyên truyền sơ cứu trên tàu cá năm 2027\n\n"
        "I. MỤC ĐÍCH\nNgư dân biết sơ cứu khi đi biển.\n\n")


def _slogans(body: str, ocr: bool = False) -> list[str]:
    text = HEAD + body
    draft, _ = draft_from_text(fold(text) if ocr else text, "plan.txt", diacritics=False)
    return [key(s.text) for s in draft.slogans]


CAPITALS = ("II. NỘI DUNG\n1. Khẩu hiệu tuyên truyền\n"
            "Các Chi hội in, treo tại cảng cá và dán trong cabin tàu:\n\n"
            "        TỦ THUỐC ĐỦ - CHUYẾN BIỂN AN TOÀN\n"
            "        MỖI TÀU MỘT NGƯỜI BIẾT SƠ CỨU\n\n"
            "2. Hình thức\n- Phát tờ gấp tại bến cá.\n")


def test_banner_lines_in_capitals_under_a_slogan_heading():
    assert _slogans(CAPITALS) == ["tu thuoc du - chuyen bien an toan", "moi tau mot nguoi biet so cuu"]


def test_the_same_as_ocr_reads_it_with_a_capital_read_small():
    assert _slogans(CAPITALS.replace("BIẾT", "BIẾt"), ocr=True) == [
        "tu thuoc du - chuyen bien an toan", "moi tau mot nguoi biet so cuu"]


def test_lines_in_capitals_under_another_heading_are_no_slogans():
    assert _slogans("II. NỘI DUNG\n1. Hình thức\nTẬP HUẤN SƠ CỨU\nPHÁT TỜ GẤP TẠI BẾN\n") == []


COUPLET = ("II. THÔNG ĐIỆP TUYÊN TRUYỀN\nNhà trường chọn các câu dễ nhớ để học sinh đọc:\n\n"
           "      Gội đầu mỗi tuần hai lần,\n      Chấy chí không bám, tóc mềm em ngoan.\n\n"
           "      Không dùng chung lược, mũ, khăn\n\n"
           "III. THỜI GIAN\nTừ ngày 11/01/2027 đến ngày 21/5/2027.\n")


def test_a_luc_bat_couplet_is_one_slogan():
    assert _slogans(COUPLET) == ["goi dau moi tuan hai lan, chay chi khong bam, toc mem em ngoan.",
                                 "khong dung chung luoc, mu, khan"]


def test_the_couplet_as_ocr_reads_it():
    assert _slogans(COUPLET, ocr=True)[0] == "goi dau moi tuan hai lan, chay chi khong bam, toc mem em ngoan."


def test_two_lines_of_other_lengths_are_no_couplet():
    assert _slogans(COUPLET.replace("tóc mềm em ngoan", "tóc mềm")) == ["khong dung chung luoc, mu, khan"]


SLASHED = ("II. NỘI DUNG\nI. Khẩu hiệu\n"
           "Các xóm kẻ, treo khẩu hiệu tại nhà văn hóa, sân phơi, điểm đặt máy tuốt lúa:{}"
           "1/ \"Tắt máy rồi mới gỡ lúa kẹt\"{}2/ \"Buộc gọn tóc, mặc áo gọn khi làm việc gần máy\"{}"
           "3/ \"Trẻ em tránh xa máy tuốt, máy cày!\"{}"
           "Mô hình \"Xóm nông dân an toàn\" do Hội Nông dân xã xây dựng.\n\n"
           "II. Hình thức\nĐài truyền thanh xã phát bài vào ngày 15/6 hằng năm.\n")


def test_quoted_slogans_numbered_with_a_slash_in_one_run():
    assert _slogans(SLASHED.format("\n", "\n", "\n", "\n")) == [
        "tat may roi moi go lua ket", "buoc gon toc, mac ao gon khi lam viec gan may",
        "tre em tranh xa may tuot, may cay!"]


def test_slash_numbered_slogans_set_apart_by_blank_lines_as_ocr_reads_them():
    assert _slogans(SLASHED.format("\n\n", "\n\n", "\n\n", "\n\n"), ocr=True) == [
        "tat may roi moi go lua ket", "buoc gon toc, mac ao gon khi lam viec gan may",
        "tre em tranh xa may tuot, may cay!"]


BOXED = ("II. NỘI DUNG\n2. Thông điệp truyền thông\n\nCác cơ quan sử dụng thống nhất các thông điệp sau:\n\n"
         "{} Làm đẹp đúng nơi - Tra cứu giấy phép trước khi làm đẹp\n\n"
         "{} Đừng đánh đổi sức khỏe lấy giá rẻ\n\n"
         "{} Tiêm filler phải do bác sĩ, tại cơ sở có phép!\n\n"
         "III. PHÂN KỲ\nTừ tháng 3/2027.\n")
BOXED_KEYS = ["lam dep dung noi - tra cuu giay phep truoc khi lam dep", "dung danh doi suc khoe lay gia re",
              "tiem filler phai do bac si, tai co so co phep!"]


def test_box_bullets_as_ocr_reads_them_lead_slogans():
    assert _slogans(BOXED.format("[)", "[]", "(]"), ocr=True) == BOXED_KEYS


def test_a_round_bullet_read_as_cent_leads_a_slogan():
    assert _slogans(BOXED.format("¢", "*", "*"), ocr=True) == BOXED_KEYS


QUOTED_BELOW = ("III. NỘI DUNG TRUYỀN THÔNG\n1. Giữ ấm an toàn cho mẹ và bé.\n"
                "2. Các thông điệp chính (dùng trong tranh lật, trên loa và khi thăm hộ):\n"
                "\"Sưởi ấm cho mẹ và bé - Không đốt than trong buồng kín\"{}"
                "\"Mẹ ăn đủ chất - Con đủ sữa bú\"{}"
                "\"Ra máu nhiều, sốt, bé bỏ bú - Đến ngay Trạm Y tế\"\n\n"
                "IV. HÌNH THỨC\n- Thăm hộ có sản phụ.\n")
QUOTED_KEYS = ["suoi am cho me va be - khong dot than trong buong kin", "me an du chat - con du sua bu",
               "ra mau nhieu, sot, be bo bu - den ngay tram y te"]


def test_quoted_slogans_on_the_lines_below_their_heading():
    assert _slogans(QUOTED_BELOW.format("\n", "\n")) == QUOTED_KEYS


def test_quoted_lines_below_set_apart_by_blank_lines_as_ocr_reads_them():
    assert _slogans(QUOTED_BELOW.format("\n\n", "\n\n"), ocr=True) == QUOTED_KEYS


def test_quotes_on_the_headings_own_line_are_still_its_only_slogans():
    assert _slogans("III. NỘI DUNG\n2. Khẩu hiệu: \"Mẹ ăn đủ chất - Con đủ sữa bú\"\n"
                    "\n\"Sổ tay mẹ và bé\" - tên ấn phẩm\n\nIV. HÌNH THỨC\n") == [
        "me an du chat - con du sua bu"]
