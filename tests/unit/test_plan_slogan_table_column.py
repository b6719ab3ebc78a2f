"""Slogans of the twenty-second batch (#21): only in a table's "Thông điệp chính" column, a Word
table exported with tabs, two slogans a cell each wrapped over the row's lines (a new one opens
with a capital at the column's edge); and a duty item whose later task "phát thông điệp" is no
slogan heading, so the addressees and the signature below are no slogans."""

from __future__ import annotations

from bot.domain.planimport import draft_from_text

HEAD = ("BỆNH VIỆN NHI TỈNH NINH BÌNH\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 31/KH-BVN\tngày 12 tháng 3 năm 2027\n\n"
        "KẾ HOẠCH\nTruyền thông phòng ngừa bỏng ở trẻ em năm 2027\n\n"
        "III. NỘI DUNG\n"
        "1. Bảng phân đợt truyền thông\n")


def _slogans(body: str) -> list[str]:
    draft, _ = draft_from_text(HEAD + body, "plan.txt")
    return [s.text for s in draft.slogans]


TABLE = ("Đợt\tThời gian\tNội dung\tThông điệp chính\tHình thức\n"
         "Đợt 1\tTừ 01/6/2027\tNghỉ hè: nước sôi,\tĐể phích nước, nồi canh\tTư vấn tại khoa;\n"
         "\tđến 31/7/2027\tbàn là, bếp gas\txa tầm tay trẻ\tNgày hội \"Bé vui -\n"
         "\t\t\tBỏng: xả nước mát -\tMẹ yên tâm\"\n"
         "\t\t\tKhông bôi kem đánh răng\n"
         "Đợt 2\tTừ 01/11/2027\tMùa lạnh: máy sưởi\tKhông để trẻ ngủ sát\tFanpage\n"
         "\tđến 31/12/2027\t\tmáy sưởi, lò than\n\n"
         "IV. KINH PHÍ\nNguồn thu sự nghiệp.\n")


def test_a_table_column_of_slogans_is_read_each_joined_over_its_wrapped_lines():
    assert _slogans(TABLE) == ["Để phích nước, nồi canh xa tầm tay trẻ",
                               "Bỏng: xả nước mát - Không bôi kem đánh răng",
                               "Không để trẻ ngủ sát máy sưởi, lò than"]


def test_a_table_without_a_slogan_column_gives_none():
    assert _slogans(TABLE.replace("Thông điệp chính", "Đơn vị thực hiện")) == []


def test_a_duty_item_naming_messages_in_a_later_task_opens_no_slogan_list():
    assert _slogans("2. Khẩu hiệu: \"Nước sôi xa tầm tay trẻ\"\n\n"
                    "IV. TỔ CHỨC THỰC HIỆN\n"
                    "1. Bệnh viện: đầu mối thực hiện Kế hoạch.\n"
                    "2. Đề nghị Hội Liên hiệp Phụ nữ phối hợp vận động; Đài truyền thanh phát thông điệp "
                    "theo lịch.\n\n"
                    "Nơi nhận:\n- Sở Y tế (b/c);\n- Lưu: VT.\n\nGIÁM ĐỐC\n\nNguyễn Văn An\n") == [
        "Nước sôi xa tầm tay trẻ"]
