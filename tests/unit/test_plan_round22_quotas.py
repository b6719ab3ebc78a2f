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
