"""A part's heading in capitals below a slogan list is no banner slogan (#21, review of round 16):
one line alone, or a heading with its subtitle ("KINH PHÍ THỰC HIỆN" / "NGUỒN NGÂN SÁCH")."""

from __future__ import annotations

from bot.domain.planimport import draft_from_text
from bot.domain.planimport.text import key

HEAD = ("SỞ Y TẾ TỈNH A\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 08/KH-SYT\tA, ngày 05 tháng 3 năm 2027\n\n"
        "KẾ HOẠCH\nTruyền thông phòng, chống sốt xuất huyết năm 2027\n\n"
        "I. MỤC ĐÍCH\nGiảm số ca mắc.\n\n"
        "II. NỘI DUNG\n4. Khẩu hiệu\n1. \"Diệt lăng quăng, phòng sốt xuất huyết\"\n\n")


def _slogans(body: str) -> list[str]:
    draft, _ = draft_from_text(HEAD + body, "plan.txt", diacritics=False)
    return [key(s.text) for s in draft.slogans]


def test_an_unnumbered_heading_in_capitals_is_no_slogan():
    assert _slogans("TỔ CHỨC THỰC HIỆN\n\nTrung tâm Y tế chủ trì.\n") == [
        "diet lang quang, phong sot xuat huyet"]


def test_a_heading_and_its_subtitle_in_capitals_are_no_slogans():
    assert _slogans("KINH PHÍ THỰC HIỆN\nNGUỒN NGÂN SÁCH NHÀ NƯỚC\n\nChi theo quy định.\n") == [
        "diet lang quang, phong sot xuat huyet"]


def test_a_date_spaced_after_its_slash_is_no_numbered_item():
    assert _slogans("15/ 6/2027 tổ chức lễ phát động tại xã A.\n\nIII. KINH PHÍ\nNgân sách.\n") == [
        "diet lang quang, phong sot xuat huyet"]
