"""Key dates and slogans of the thirtieth round (#21): the days of a profession's or a movement's own
calling that plans mark with a talk held that day (Ngày Dược sĩ thế giới, Ngày Chữ thập đỏ và Trăng
lưỡi liềm đỏ thế giới, Ngày Quyền của người tiêu dùng Việt Nam), and a quote right after "vận động"
that names a model, unless a message's own word comes first ("thông điệp vận động "…"")."""

from __future__ import annotations

from bot.domain.planimport import draft_from_text

HEAD = ("TRUNG TÂM Y TẾ HUYỆN PHÚ LƯƠNG\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 12/KH-TTYT\tPhú Lương, ngày 06 tháng 01 năm 2027\n\n"
        "KẾ HOẠCH\nTruyền thông sử dụng thuốc an toàn năm 2027\n\n"
        "II. THỜI GIAN\nKế hoạch thực hiện từ ngày 15/01/2027 đến ngày 31/12/2027.\n\n")


def _draft(body: str):
    return draft_from_text(HEAD + body, "plan.txt")[0]


def _keys(body: str) -> list[tuple[str | None, str | None]]:
    return [(k.day, str(k.date) if k.date else None) for k in _draft(body).key_dates]


def _slogans(body: str) -> list[str]:
    return [s.text for s in _draft(body).slogans]


def test_a_professions_and_a_movements_days_are_kept_yearly():
    got = _keys("III. HOẠT ĐỘNG\n"
                "- Hưởng ứng Ngày Dược sĩ thế giới, tổ chức tư vấn dùng thuốc tại nhà thuốc bệnh viện.\n"
                "- Nhân Ngày Chữ thập đỏ và Trăng lưỡi liềm đỏ thế giới, trình diễn sơ cứu tại chợ.\n"
                "- Hưởng ứng Ngày Quyền của người tiêu dùng Việt Nam, tư vấn chọn thuốc thật.\n")
    assert ("25/09", None) in got and ("08/05", None) in got and ("15/03", None) in got


def test_a_talk_held_on_such_a_day_is_the_day_not_an_event():
    got = _keys("III. HOẠT ĐỘNG\n"
                "Hoạt động 2: Hưởng ứng Ngày Quyền của người tiêu dùng Việt Nam\n"
                "Tư vấn trực tiếp tại chợ trung tâm vào ngày 15 tháng 3 năm 2027.\n")
    assert ("15/03", None) in got and (None, "2027-03-15") not in got


def test_a_red_cross_branch_named_in_passing_marks_no_day():
    got = _keys("III. HOẠT ĐỘNG\n- Phối hợp Hội Chữ thập đỏ thế giới và trong nước tiếp nhận hàng "
                "cứu trợ cho người dân.\n")
    assert ("08/05", None) not in got


def test_a_model_called_for_by_its_name_is_no_slogan():
    got = _slogans("III. HOẠT ĐỘNG\n"
                   "- Cao điểm truyền thông, hưởng ứng Ngày Thế giới không thuốc lá, vận động "
                   "\"Bếp nhà không khói thuốc\".\n")
    assert "Bếp nhà không khói thuốc" not in got


def test_a_message_after_the_call_and_its_colon_is_still_a_slogan():
    got = _slogans("III. HOẠT ĐỘNG\n"
                   "- Hưởng ứng Ngày Thế giới không thuốc lá, vận động: \"Bỏ thuốc hôm nay - Khỏe mạnh ngày "
                   "mai\".\n")
    assert "Bỏ thuốc hôm nay - Khỏe mạnh ngày mai" in got


def test_a_message_called_for_after_its_own_word_is_still_a_slogan():
    got = _slogans("III. HOẠT ĐỘNG\n"
                   "1. Thông điệp vận động \"Uống đủ nước mỗi ngày cho thận khỏe\"\n"
                   "2. Các thông điệp vận động \"Ít muối, ít đường\" và \"Rau xanh mỗi bữa\"\n"
                   "- Phát khẩu hiệu vận động \"Cả nhà cùng lật úp dụng cụ chứa nước\" trên loa xã.\n")
    assert {"Uống đủ nước mỗi ngày cho thận khỏe", "Ít muối, ít đường", "Rau xanh mỗi bữa",
            "Cả nhà cùng lật úp dụng cụ chứa nước"} <= set(got)
