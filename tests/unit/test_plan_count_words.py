"""A rate said in words reads its count with numwords' one set of number words (review 6, #21):
"mười lăm tin mỗi tháng", "hai mươi tư bài mỗi tháng" (numwords.COUNT_WORDS, number_said)."""

from __future__ import annotations

from bot.domain.planimport import draft_from_text

HEAD = ("TRUNG TÂM Y TẾ\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 17/KH-TTYT\tngày 10 tháng 12 năm 2026\n\n"
        "KẾ HOẠCH\nTruyền thông phòng, chống bệnh năm 2027\n\n"
        "I. MỤC ĐÍCH\nNâng cao nhận thức.\n\n"
        "II. NỘI DUNG\n")


def _quotas(item: str) -> list[tuple[str, int | None, str]]:
    draft, _ = draft_from_text(HEAD + item + "\n", "plan.txt")
    return [(q.activity, q.count, q.per) for q in draft.quotas]


def test_a_rate_said_in_several_words() -> None:
    assert _quotas("1. Đài truyền thanh xã phát mười lăm tin mỗi tháng về phòng bệnh.") == [
        ("loudspeaker", 15, "month")]
    assert _quotas("1. Trang thông tin điện tử đăng hai mươi tư bài mỗi tháng về phòng bệnh.") == [
        ("website", 24, "month")]


def test_one_word_rates_as_before_and_a_bare_tu_is_no_count() -> None:
    assert _quotas("1. Trạm Y tế tổ chức ba buổi mỗi tuần tại các thôn.") == [("conference", 3, "week")]
    assert _quotas("1. Trạm Y tế tổ chức từ buổi mỗi tuần tại các thôn.") == []


def test_a_phase_numbered_by_an_ordinal_word() -> None:
    draft, _ = draft_from_text(HEAD.replace("II. NỘI DUNG", "II. THỜI GIAN")
                               + "- Đợt thứ tư: từ ngày 01/9/2027 đến ngày 30/9/2027.\n", "plan.txt")
    assert [p.name for p in draft.phases] == ["Đợt 4"]


def test_a_listed_month_is_read_as_a_whole_word():
    from bot.domain.planimport.numwords import words_to_digits

    # "Bảy" once came out as March, its first two letters being "Ba"
    assert words_to_digits("cac thang Bay va Tam").split() == ["cac", "thang", "7,", "8"]
    assert words_to_digits("cac thang Ba, Bay va Chin").split() == ["cac", "thang", "3,", "7,", "9"]
