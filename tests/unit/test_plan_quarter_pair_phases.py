"""Quarter phases where one item spans two quarters and writes "Quý" once (#21): "Quý II - III/2027:"
is one phase from April to September, its own line (not joined to the line above); a quarter, a
dash and words ("Quý II - Vận động …:") is no pair of quarters."""

from __future__ import annotations

import datetime as dt

from bot.domain.planimport import draft_from_text
from bot.domain.planimport.text import split

D = dt.date
HEAD = ("HỘI NÔNG DÂN XÃ TÂN LẬP\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 03/KH-HND\tngày 06 tháng 01 năm 2027\n\n"
        "KẾ HOẠCH\nTuyên truyền sử dụng thuốc bảo vệ thực vật an toàn năm 2027\n\n"
        "I. MỤC ĐÍCH\nHội viên phun thuốc đúng cách.\n\n")


def _phases(body: str) -> list[tuple[dt.date | None, dt.date | None]]:
    draft, _ = draft_from_text(HEAD + body, "plan.txt", diacritics=False)
    return [(p.start, p.end) for p in draft.phases]


def test_two_quarters_written_with_one_quy_are_one_phase():
    body = ("II. TIẾN ĐỘ\nQuý I/2027: In tờ rơi, tập huấn tổ trưởng.\n"
            "Quý II - III/2027: Ra quân tại các cánh đồng; sơ kết mùa vụ.\n"
            "Quý IV/2027: Tổng kết, khen thưởng.\n\n"
            "III. KINH PHÍ\nNguồn hội phí.\n")
    assert _phases(body) == [(D(2027, 1, 1), D(2027, 3, 31)), (D(2027, 4, 1), D(2027, 9, 30)),
                             (D(2027, 10, 1), D(2027, 12, 31))]


def test_a_pair_of_quarters_opens_its_own_line_below_a_finished_one():
    text = "- Rà soát hộ dùng thuốc;\nQuý II - III/2027: ra quân.\n"
    assert [p.text for p in split(text).paras] == ["- Rà soát hộ dùng thuốc;",
                                                   "Quý II - III/2027: ra quân."]


def test_a_period_below_a_line_left_open_on_a_preposition_goes_on_it():
    # "… trong" / "Quý II - III/2027: …", "… vào" / "Quý II/2027: …": the sentence above goes on
    for text in ("- Rà soát hộ dùng thuốc trong\nQuý II - III/2027: ra quân.\n",
                 "- Cấp kinh phí vào\nQuý II/2027: theo dự toán.\n",
                 "- Phun thuốc từ\nTháng 5/2027: hết vụ.\n"):
        assert len(split(text).paras) == 1, text


def test_a_quarter_then_a_dash_and_words_goes_on_the_wrapped_line():
    # "Quý II - Vận động …:": the dash leads words, no second quarter; the line goes on the one above
    text = "- Rà soát hộ dùng thuốc;\nQuý II - Vận động hội viên: ký cam kết.\n"
    assert len(split(text).paras) == 1


def test_a_period_below_a_word_that_folds_to_a_preposition_opens_its_own_line():
    # "thứ Tư", "đầu tư", "tự", "tủ", "đèn", "đen" fold to "tu"/"den" but leave no sentence open
    for last in ("Tổ họp giao ban vào sáng thứ Tư", "Huy động nguồn kinh phí đầu tư",
                 "Hội viên tự", "Kiểm tra kho thuốc, tủ", "Thay bóng đèn", "Sơn lại biển chữ đen"):
        assert len(split(f"{last}\nQuý II/2027: Tập huấn cán bộ.\n").paras) == 2, last
    # as OCR leaves them, with no marks: "thu Tu", "dau tu" are no "từ"
    for last in ("To hop giao ban vao sang thu Tu", "Huy dong nguon kinh phi dau tu"):
        assert len(split(f"{last}\nQuy II/2027: Tap huan can bo.\n").paras) == 2, last
    assert len(split("Phun thuoc tu\nQuy II/2027: het vu.\n").paras) == 1


def test_quarter_lines_below_a_weekday_or_an_investment_stay_phases():
    for last in ("Tổ họp giao ban vào sáng thứ Tư", "Huy động nguồn kinh phí đầu tư"):
        body = (f"II. TIẾN ĐỘ\n{last}\nQuý II/2027: Tập huấn cán bộ.\nQuý III/2027: Kiểm tra.\n\n"
                "III. KINH PHÍ\nNguồn hội phí.\n")
        draft, _ = draft_from_text(HEAD + body, "plan.txt")
        assert [(p.start, p.end) for p in draft.phases] == [(D(2027, 4, 1), D(2027, 6, 30)),
                                                            (D(2027, 7, 1), D(2027, 9, 30))], last
