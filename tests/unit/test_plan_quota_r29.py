"""Quota families of the twenty-ninth round (#21): a bulletin issued to readers (quoted name, in-house,
sent out) whose issues are "other", not a poster put up."""

from __future__ import annotations

from bot.domain.planimport import draft_from_text

HEAD = ("ỦY BAN NHÂN DÂN XÃ\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 07/KH-UBND\tngày 02 tháng 2 năm 2027\n\n"
        "KẾ HOẠCH\nTruyền thông phòng, chống tăng huyết áp năm 2027\n\n"
        "I. MỤC ĐÍCH\nNâng cao nhận thức.\n\n"
        "II. THỜI GIAN\nTừ ngày 01/3/2027 đến ngày 30/11/2027.\n\n")


def _rates(text: str) -> list[tuple[str, int, str]]:
    return [(q.activity, q.count, q.per) for q in draft_from_text(text, "plan.txt")[0].quotas]


def test_a_bulletin_issued_to_readers_is_other():
    for said in ('- Phòng Điều dưỡng phát hành Bản tin "Huyết áp và bạn": 01 số/quý.\n',
                 "- Ra Bản tin nội bộ của Trung tâm 01 số/quý.\n",
                 "- Bản tin Dược lâm sàng: Khoa Dược ra 01 số/quý, gửi các phòng ban.\n"):
        assert _rates(HEAD + "III. HÌNH THỨC\n" + said) == [("other", 1, "quarter")], said


def test_a_bulletin_put_up_is_still_a_poster():
    # near miss: the sheet replaced on a board, no name quoted, nothing sent
    text = HEAD + "III. HÌNH THỨC\n- Thay mới bản tin sức khỏe ở nhà văn hóa thôn 01 số/quý.\n"
    assert _rates(text) == [("poster", 1, "quarter")]
