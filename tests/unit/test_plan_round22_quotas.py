"""Quota families of round 22 (#21): a raised rate keeps the channel of the rate it raises."""

from __future__ import annotations

from bot.domain.planimport import draft_from_text

HEAD = ("ỦY BAN NHÂN DÂN XÃ TÂN LẬP\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 41/KH-UBND\tngày 10 tháng 3 năm 2027\n\n"
        "KẾ HOẠCH\nTuyên truyền phòng, chống đuối nước năm 2027\n\n"
        "IV. HÌNH THỨC\n")


def _quotas(body: str) -> list[tuple[str, int, str]]:
    draft, _ = draft_from_text(HEAD + body, "plan.txt")
    return [(q.activity, q.count, q.per) for q in draft.quotas]


def test_a_rate_raised_in_the_next_clause_keeps_the_channel_before_it():
    # no label before a colon names the channel: the clause before the raise does
    assert _quotas("- Đài truyền thanh các thôn phát bài về đuối nước 02 lần/tuần; tăng lên 04 lần/tuần "
                   "trong tháng 6 và tháng 7.\n"
                   "- Tổ chức nói chuyện tại nhà văn hóa 01 buổi/quý.\n") == [
        ("loudspeaker", 2, "week"), ("loudspeaker", 4, "week"), ("conference", 1, "quarter")]


OCR_PLAN = ("UY BAN NHAN DAN XA AN PHU CONG HOA XA HOI CHU NGHIA VIET NAM\n"
            "S6: 41/KH-UBND An Phu, ngay 10 thang 12 nam 2026\n\n"
            "KE HOACH\nTruyén théng phong, chéng bénh dai nam 2027\n\n"
            "V. CAC HOAT DONG CU THE\n\n"
            "TT Noi dung hoat déng Thdi gian thuc hién Don vi thuc hién\n\n"
            "1 Phat thanh trén loa truyén thanh xa 02 lan/tuan Tram Y té xa\n\n")


def test_a_flattened_rows_rate_cell_cut_after_its_count_and_first_noun_is_one_quota():
    # OCR read the table without its columns: "04 tin," on the row's line, "bài/tháng" on the next
    draft, _ = draft_from_text(OCR_PLAN + "2 Dang tin, bai trén Trang thong tin cua 04 tin, Tram Y té xa\n"
                               "Uy ban nhan dan xa va nhom Zalo thén bai/thang\n\n"
                               "3 Tap huan cho cong tac vién Thang 3/2027 Tram Y té xa\n", "plan.txt")
    assert [(q.activity, q.count, q.per) for q in draft.quotas] == [
        ("loudspeaker", 2, "week"), ("website", 4, "month")]


def test_a_talks_rate_whose_buoi_ocr_mended_to_duoi_is_a_conference_quota():
    # "buổi" read "budi", mended to the syllable "dưới": after a count, still the talk's session
    draft, _ = draft_from_text(OCR_PLAN + "- Moi ap té chic it nhat 02 budi tuyén truyén, huéng dan cho hé "
                               "chan nuoi/thang.\n", "plan.txt")
    assert [(q.activity, q.count, q.per) for q in draft.quotas] == [
        ("loudspeaker", 2, "week"), ("conference", 2, "month")]


def test_a_raised_rate_takes_no_channel_from_the_sentence_before_its_own():
    # the talk's rate raised keeps the talk's kind, not the loudspeakers' of the sentence before
    assert _quotas("- Phát thanh trên loa truyền thanh xã 02 lần/tuần. Nói chuyện tại nhà văn hóa "
                   "01 lần/quý; tăng lên 01 lần/tháng khi có dịch.\n") == [
        ("loudspeaker", 2, "week"), ("conference", 1, "quarter"), ("conference", 1, "month")]


def test_a_numbered_paragraphs_news_said_whole_is_no_cut_rate_cell():
    # "02 tin, bài" said whole, "tin/tháng" a word of the next line: no rate of the row's
    draft, _ = draft_from_text(OCR_PLAN + "25 thon to chic hop dan, dang 02 tin, bai 1én nhom Zalo\n"
                               "cua thon; cap nhat s6 tin/thang vao s6 theo déi.\n", "plan.txt")
    assert [(q.activity, q.count, q.per) for q in draft.quotas] == [("loudspeaker", 2, "week")]
