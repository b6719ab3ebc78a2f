"""Key dates of the twenty-sixth round (#21): national weeks whose dates never move, kept by their
first day whether a plan dates them or only names them."""

from __future__ import annotations

from bot.domain.planimport import draft_from_text

HEAD = ("TRẠM Y TẾ XÃ TÂN HÒA\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 05/KH-TYT\tTân Hòa, ngày 10 tháng 01 năm 2027\n\n"
        "KẾ HOẠCH\nTruyền thông chăm sóc bà mẹ và trẻ nhỏ năm 2027\n\n"
        "II. THỜI GIAN\nKế hoạch thực hiện từ ngày 15/01/2027 đến ngày 15/12/2027.\n\n")


def _days(body: str) -> list[str | None]:
    return [k.day for k in draft_from_text(HEAD + body, "plan.txt")[0].key_dates]


def test_a_known_week_only_named_is_kept_by_its_first_day():
    got = _days("III. HOẠT ĐỘNG\n- Quý III: nói chuyện tại các thôn, gắn với Tuần lễ Nuôi con bằng "
                "sữa mẹ và công tác của chi hội phụ nữ.\n")
    assert "01/08" in got


def test_a_known_week_dated_after_its_activity_is_kept_by_its_first_day():
    got = _days("III. HOẠT ĐỘNG\n3\tHưởng ứng Tuần lễ Tiêm chủng thế giới: tư vấn cho cha mẹ\t"
                "24 - 30/4/2027\tTrạm Y tế\n")
    assert "24/04" in got


def test_a_week_loa_does_not_know_and_the_words_alone_mark_nothing():
    got = _days("III. HOẠT ĐỘNG\n- Hưởng ứng Tuần lễ Gia đình khỏe mạnh; tư vấn nuôi con bằng sữa mẹ "
                "và dinh dưỡng và phát triển của trẻ tại các thôn.\n")
    assert got == []
