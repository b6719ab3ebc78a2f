"""Quota families of round 23 (#21): a posting rate takes the channel its item named before it."""

from __future__ import annotations

from bot.domain.planimport import draft_from_text

HEAD = ("ỦY BAN NHÂN DÂN XÃ HÒA BÌNH\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 17/KH-UBND\tngày 02 tháng 2 năm 2027\n\n"
        "KẾ HOẠCH\nTuyên truyền phòng, chống sốt xuất huyết năm 2027\n\n"
        "IV. HÌNH THỨC\n")


def _quotas(body: str) -> list[tuple[str, int, str]]:
    draft, _ = draft_from_text(HEAD + body, "plan.txt")
    return [(q.activity, q.count, q.per) for q in draft.quotas]


def test_a_posting_rate_takes_the_channel_its_items_first_clause_set_up():
    # the group is made in one clause, its posts counted in the next: the group's channel
    assert _quotas("- Thành lập nhóm Facebook của các tổ trưởng dân phố; chia sẻ 03 bài/tuần "
                   "về diệt lăng quăng.\n"
                   "- Tổ chức nói chuyện tại nhà văn hóa 01 buổi/quý.\n") == [
        ("social", 3, "week"), ("conference", 1, "quarter")]


def test_a_bulletin_rate_takes_the_channel_its_item_named_before():
    # "bản tin" names no kind of its own: unread before, now the page's
    assert _quotas("- Mở trang Fanpage của Trạm Y tế; gửi bản tin dịch bệnh 01 bản tin/tuần.\n") == [
        ("social", 1, "week")]


def test_a_posting_rate_takes_no_channel_from_a_sentence_before_or_a_clause_with_its_own_rate():
    assert _quotas("- Phát thanh trên loa xã 02 lần/tuần; viết 01 bài/tháng cho cộng tác viên.\n"
                   "- Lập nhóm Zalo của thôn. Đăng 02 tin/tuần về vệ sinh môi trường.\n") == [
        ("loudspeaker", 2, "week"), ("website", 1, "month"), ("website", 2, "week")]
