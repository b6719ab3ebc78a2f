"""A slogan list ends where the plan labels another part (#21, unseen41/42): "Nội dung cần
truyền tải:" on a line alone, below the slogans and a blank line, opens the content list, not more
slogans. It ends at the next numbered heading even when the splitter joined its first items to it;
a game named in quotes is no slogan. A list that goes on after a blank
line, or under a slogan label, is still read."""

from __future__ import annotations

from bot.domain.planimport import draft_from_text

HEAD = ("UBND XÃ TÂN PHÚ\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 12/KH-UBND\tTân Phú, ngày 04 tháng 01 năm 2027\n\n"
        "KẾ HOẠCH\nTuyên truyền phòng, chống sốt xuất huyết năm 2027\n\n")
TAIL = "\nIII. KINH PHÍ\nNgân sách xã.\n"


def _slogans(body: str) -> list[str]:
    draft, _ = draft_from_text(HEAD + body + TAIL, "plan.txt")
    return [s.text for s in draft.slogans]


DASHED = ("II. THÔNG ĐIỆP TRUYỀN THÔNG\n"
          "- Không lăng quăng - Không sốt xuất huyết\n"
          "- Úp ngược dụng cụ chứa nước mỗi tuần\n\n")
CONTENT = ("- Muỗi vằn đẻ trứng ở nước đọng quanh nhà, trong chum vại, lốp xe cũ và chậu hoa.\n"
           "- Sốt cao liên tục, xuất huyết dưới da cần đưa ngay đến trạm y tế xã để khám.\n")


def test_content_label_below_dashed_slogans_ends_them():
    body = DASHED + "Nội dung cần truyền tải:\n" + CONTENT
    assert _slogans(body) == ["Không lăng quăng - Không sốt xuất huyết",
                              "Úp ngược dụng cụ chứa nước mỗi tuần"]


def test_audience_label_below_bare_slogans_ends_them():
    body = ("II. NỘI DUNG\n1. Khẩu hiệu\n"
            "Nhà sạch, vườn sạch - Muỗi không còn chỗ\n"
            "Sốt cao hai ngày - Đến ngay trạm y tế\n\n"
            "Đối tượng tuyên truyền chủ yếu:\n" + CONTENT)
    assert _slogans(body) == ["Nhà sạch, vườn sạch - Muỗi không còn chỗ",
                              "Sốt cao hai ngày - Đến ngay trạm y tế"]


def test_dashed_slogans_after_a_blank_line_go_on():
    body = DASHED + "- Diệt muỗi, diệt lăng quăng - Bảo vệ cả nhà\n"
    assert len(_slogans(body)) == 3


def test_a_slogan_label_between_groups_keeps_the_list():
    body = DASHED + "Thông điệp cho trường học:\n- Lớp sạch không muỗi - Học trò khỏe mạnh\n"
    assert len(_slogans(body)) == 3


def test_heading_with_joined_items_ends_the_slogans():
    body = ("II. NỘI DUNG\n1. Thông điệp gửi người dân\n"
            "- Ngủ màn cả khi ngủ trưa\n- Thả cá diệt lăng quăng trong bể nước\n\n"
            "2. Các hoạt động\n"
            "(1) Họp dân các thôn vào Chủ nhật, ngày 10-01-2027: cán bộ y tế nói chuyện về dấu hiệu "
            "sốt xuất huyết, cách diệt lăng quăng và phát phiếu theo dõi tại nhà.\n"
            "(2) Phát tờ rơi tại chợ xã hằng tháng.\n")
    assert _slogans(body) == ["Ngủ màn cả khi ngủ trưa", "Thả cá diệt lăng quăng trong bể nước"]


def test_a_game_named_in_quotes_is_no_slogan():
    body = ("II. HOẠT ĐỘNG\n"
            "1. Hưởng ứng Ngày ASEAN phòng, chống sốt xuất huyết (15-6): trò chơi \"Bắt muỗi tí hon\" "
            "tại trường mầm non.\n"
            "2. Hưởng ứng Ngày ASEAN phòng, chống sốt xuất huyết với khẩu hiệu "
            "\"Cả xã chung tay diệt muỗi\".\n")
    assert _slogans(body) == ["Cả xã chung tay diệt muỗi"]


def test_an_audience_group_label_keeps_the_list():
    # "Đối tượng học sinh:" names a group of slogans, not the plan's part on audiences
    body = DASHED + "Đối tượng học sinh:\n- Lớp sạch không muỗi - Học trò khỏe mạnh\n"
    assert _slogans(body)[-1] == "Lớp sạch không muỗi - Học trò khỏe mạnh"


def test_heading_with_a_colon_and_joined_items_ends_the_slogans():
    body = ("II. NỘI DUNG\n1. Thông điệp gửi người dân\n"
            "- Ngủ màn cả khi ngủ trưa\n- Thả cá diệt lăng quăng trong bể nước\n\n"
            "2. Các hoạt động:\n"
            "(1) Họp dân các thôn vào Chủ nhật, ngày 10-01-2027: cán bộ y tế nói chuyện về dấu hiệu "
            "sốt xuất huyết, cách diệt lăng quăng và phát phiếu theo dõi tại nhà.\n"
            "(2) Phát tờ rơi tại chợ xã hằng tháng.\n")
    assert _slogans(body) == ["Ngủ màn cả khi ngủ trưa", "Thả cá diệt lăng quăng trong bể nước"]
