"""Rates written in words (#21, twenty-first batch): "ba buổi mỗi tuần", "ít nhất một buổi họp
dân mỗi tháng", "hai tin mỗi tuần" are quotas as their digits would be, also as OCR reads them
("ba buéi m6i tuan"); a rate raised "từ 01 lần/tuần lên 02 lần/tuần" is the new one;
home visits "01 lần/tháng" are a quota of their own beside a website's "01 bài/tháng"."""

from __future__ import annotations

from bot.domain.planimport import draft_from_text

HEAD = ("ỦY BAN NHÂN DÂN XÃ HÀM YÊN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 58/KH-UBND\tngày 14 tháng 4 năm 2027\n\n"
        "KẾ HOẠCH\nTuyên truyền phòng, chống tai nạn điện giật năm 2027\n\n"
        "IV. HOẠT ĐỘNG\n")


def _quotas(body: str) -> list[tuple[str, int, str]]:
    draft, _ = draft_from_text(HEAD + body, "plan.txt")
    return [(q.activity, q.count, q.per) for q in draft.quotas]


def test_rates_in_words_are_quotas():
    assert _quotas("- Đài truyền thanh xã phát bài tuyên truyền ba buổi mỗi tuần vào sáng thứ Hai.\n"
                   "- Mỗi thôn tổ chức ít nhất một buổi họp dân mỗi tháng để phổ biến nội dung.\n"
                   "- Nhóm Zalo của các thôn đăng tin nhắc nhở hai tin mỗi tuần.\n") == [
        ("loudspeaker", 3, "week"), ("conference", 1, "month"), ("social", 2, "week")]


def test_a_rate_in_words_as_ocr_reads_it():
    draft, _ = draft_from_text(
        "UY BAN NHAN DAN XA HAM YEN\tCONG HOA XA HOI CHU NGHIA VIET NAM\n"
        "S6: 58/KH-UBND\tngay 14 thang 4 nam 2027\n\nKE HOACH\nTuyén truyén phong chong dién giat\n\n"
        "IV. HOAT DONG\n"
        "- Dai truyén thanh xa phat bai tuyén truyén ba buéi m6i tuan vao sang thu Hai.\n", "plan.txt")
    assert [(q.activity, q.count, q.per) for q in draft.quotas] == [("loudspeaker", 3, "week")]


def test_a_number_word_before_another_noun_is_no_rate():
    assert _quotas("- Hai bên cùng ký cam kết; kiểm tra ba hộ mỗi tháng không phải là chỉ tiêu.\n"
                   "- Tổ chức họp dân mỗi tháng.\n") == []


def test_a_rate_raised_from_an_old_one_is_the_new_one():
    assert _quotas("- Đài truyền thanh các xã: tăng thời lượng phát từ 01 lần/tuần lên 02 lần/tuần "
                   "trong các đợt cao điểm.\n") == [("loudspeaker", 2, "week")]


def test_home_visits_at_a_rate_a_website_shares_are_a_quota_of_their_own():
    assert _quotas("- Thăm hộ gia đình có người đã mắc bệnh, 01 lần/tháng.\n"
                   "- Trạm Y tế tổ chức nói chuyện 01 buổi/quý.\n"
                   "- Trang tin điện tử của Trung tâm đăng ít nhất 01 bài/tháng.\n") == [
        ("other", 1, "month"), ("conference", 1, "quarter"), ("website", 1, "month")]


def test_a_rate_in_words_whose_noun_lists_what_a_page_posts():
    # the twenty-second batch: "một tin, ảnh hoặc video mỗi tuần" on a Zalo group
    assert _quotas("- Nhóm Zalo \"Bà con xã Hàm Yên\" (trưởng thôn quản lý): đăng một tin, ảnh hoặc video "
                   "mỗi tuần.\n") == [("social", 1, "week")]
