"""Key dates and quotas of the eighteenth blind batch (#21): a named day set off by commas after
its date, a day Loa knows as OCR misread a letter of its name (its date agrees), a long date cut
before its month by a blank line; a newspaper's articles, a flattened row's period set on its
wrapped line, OCR's bar for a quota noun's l and a noun whose slash ends its line."""

from __future__ import annotations

import datetime as dt

from bot.domain.planimport import draft_from_text
from bot.domain.planimport.names import known_day
from bot.domain.planimport.ocrfix import repair

HEAD = ("TRUNG TÂM Y TẾ KHU VỰC\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 31/KH-TTYT\tngày 14 tháng 12 năm 2026\n\n"
        "KẾ HOẠCH\nTruyền thông về nước sạch và vệ sinh năm 2027\n\n"
        "I. THỜI GIAN\nTừ ngày 01/01/2027 đến ngày 31/12/2027.\n\nII. HOẠT ĐỘNG\n")


def _draft(body: str):
    return draft_from_text(HEAD + body, "plan.txt")[0]


def test_a_named_day_set_off_by_commas_after_its_date_is_yearly():
    draft = _draft("- Truyền thông tại các thôn; ngày 22/3/2027, Ngày Nước thế giới, tổ chức mít tinh "
                   "tại xã.\n")
    assert [(k.name, k.day) for k in draft.key_dates] == [("Ngày Nước thế giới", "22/03")]


def test_a_known_day_ocr_misread_is_that_day_when_its_date_agrees():
    assert known_day("Mai trường thế giới", "05/06") == ("Ngày Môi trường thế giới", "05/06")
    assert known_day("Mai trường thế giới", "06/06") is None
    assert known_day("Hội Làng nghề", "05/06") is None


def test_a_long_date_cut_before_its_month_by_a_blank_line():
    draft = _draft("- Hội nghị cho các cơ sở sản xuất nước đóng bình: ngày 18 tháng\n\n"
                   "4 năm 2027 tại Hội trường Trung tâm.\n")
    assert [k.date for k in draft.key_dates] == [dt.date(2027, 4, 18)]


def _quotas(body: str) -> list[tuple[str, int, str]]:
    return [(q.activity, q.count, q.per) for q in _draft(body).quotas]


def test_a_newspapers_articles_are_other_a_reports_words_no_newspaper():
    assert _quotas("Cả năm: Trang thông tin điện tử 02 tin, bài/tháng; Báo Lai Châu 01 bài/quý.\n") == [
        ("website", 2, "month"), ("other", 1, "quarter")]
    assert _quotas("- Gửi báo cáo và đăng 01 bài/quý trên Trang thông tin điện tử.\n") == [
        ("website", 1, "quarter")]


def test_a_flattened_rows_period_ocr_set_on_its_wrapped_line():
    rows = ("TT Hoạt động Thời gian Chỉ tiêu\n\n"
            "1 Nói chuyện tại nhà văn hóa, lồng ghép họp Cả năm Mỗi thôn 02 buổi/\n\n"
            "thôn tháng\n\n2 Phát thanh trên loa xã Cả năm 03 lần/tuần\n")
    assert _quotas(rows) == [("conference", 2, "month"), ("loudspeaker", 3, "week")]
    assert _quotas(rows.replace("/\n\nthôn", "/\nthôn")) == [("conference", 2, "month"),
                                                            ("loudspeaker", 3, "week")]


def test_ocrs_bar_for_a_quota_nouns_l_and_a_noun_whose_slash_ends_its_line():
    assert "01 lan/tuan" in repair("Phat thanh tren loa xa: 03 lan/tuan trong dot, 01 |an/tuan ngoai dot.")
    text = repair("- Tu van tai buoi tiem chung (02 budi tu\nvan nhom/\n\nthang, moi buoi 15 nguoi).")
    assert "02 buoi tu" in text
    assert "02 buoi/" in repair("Moi xa 02 budi/\n\nban thang")


def test_words_folded_like_a_newspaper_name_no_newspaper():
    assert _quotas("- Bảo đảm cập nhật 02 tin, bài/tháng.\n") == [("website", 2, "month")]
