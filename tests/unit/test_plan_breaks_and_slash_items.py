"""Two ways of writing of the twenty-fourth and twenty-third blind batches (#21), with variants made
up beside them: a break ("Nghỉ Tết Nguyên đán từ … đến …") in a paragraph of its own below the
phases, as OCR sets it apart by a blank line, is no span of the plan (its events then fall inside
the span the phases give); and slogans numbered with a slash, '1/ "A"', '2/ "B"', run into the
paragraph of the label above them."""

from __future__ import annotations

import datetime as dt

from bot.domain.planimport import draft_from_text

D = dt.date
SCHOOL = ("UBND PHƯỜNG AN HÒA\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
          "TRƯỜNG MẦM NON HOA SEN\n"
          "Số: 12/KH-MNHS\tAn Hòa, ngày 25 tháng 8 năm 2026\n\n"
          "KẾ HOẠCH\nPhòng, chống đuối nước cho trẻ năm học 2026 - 2027\n\n")
OCR_SCHOOL = ("UBND PHUONG AN HOA CONG HOA XA HOI CHU NGHIA VIET NAM\n"
              "TRUONG MAM NON HOA SEN\n"
              "S6: 12/KH-MNHS An Hoa, ngay 25 thang 8 nam 2026\n\n"
              "KE HOACH\nPhong, chong duéi nudc cho tré nam hoc 2026 - 2027\n\n")


def _span_and_events(text: str) -> tuple[tuple[dt.date | None, dt.date | None], list[dt.date]]:
    draft, _ = draft_from_text(text, "plan.txt")
    span = (draft.start.value if draft.start else None, draft.end.value if draft.end else None)
    return span, sorted(k.date for k in draft.key_dates if k.date)


def test_a_break_in_its_own_paragraph_below_the_phases_is_no_span():
    span, events = _span_and_events(SCHOOL + (
        "II. THỜI GIAN THỰC HIỆN\n"
        "Trong năm học 2026 - 2027, chia làm hai giai đoạn:\n"
        "- Giai đoạn 1 (học kỳ I): từ ngày 07/9/2026 đến ngày 16/01/2027 - tập huấn, dạy kỹ năng.\n"
        "- Giai đoạn 2 (học kỳ II): từ ngày 18/01/2027 đến ngày 29/5/2027 - duy trì, diễn tập.\n\n"
        "Nghỉ Tết Nguyên đán từ ngày 01/02/2027 đến hết ngày 14/02/2027 theo lịch của tỉnh.\n\n"
        "III. NỘI DUNG\n"
        "- Tập huấn sơ cứu đuối nước cho giáo viên: ngày 12/9/2026 tại phòng đa năng.\n"
        "- Diễn tập: lần 1 vào ngày 26/9/2026, lần 2 vào ngày 20/3/2027.\n\n"
        "IV. KINH PHÍ\n"))
    assert span == (D(2026, 9, 7), D(2027, 5, 29))
    assert events == [D(2026, 9, 12), D(2026, 9, 26), D(2027, 3, 20)]


def test_a_break_set_apart_as_ocr_reads_it_is_no_span():
    span, events = _span_and_events(OCR_SCHOOL + (
        "Il. THO! GIAN THUC HIEN\n\n"
        "Trong nam hoc 2026 - 2027, chia lam hai giai doan:\n\n"
        "- Giai doan 1 (hoc ky 1): tir ngay 07/9/2026 dén ngay 16/01/2027 - tap huan, day ky nang.\n\n"
        "- Giai doan 2 (hoc ky II): tir ngay 18/01/2027 dén ngay 29/5/2027 - duy tri, dién tap.\n\n"
        "Nghi Tét Nguyén dan tir ngay 01/02/2027 dén hét ngay 14/02/2027 theo lich cia tinh.\n\n"
        "Ill. NOI DUNG\n\n"
        "- Dién tap thoat hiém: lan 1 vao ngay 26/9/2026, lan 2 vao ngay 20/3/2027.\n\n"
        "IV. KINH PHI\n"))
    assert span == (D(2026, 9, 7), D(2027, 5, 29))
    assert events == [D(2026, 9, 26), D(2027, 3, 20)]


def test_a_summer_break_is_no_span_either():
    span, _ = _span_and_events(SCHOOL + (
        "II. THỜI GIAN THỰC HIỆN\n"
        "Trong năm học 2026 - 2027, chia làm hai giai đoạn:\n"
        "- Giai đoạn 1: từ ngày 07/9/2026 đến ngày 16/01/2027.\n"
        "- Giai đoạn 2: từ ngày 18/01/2027 đến ngày 29/5/2027.\n\n"
        "Nghỉ hè từ ngày 01/6/2027 đến ngày 31/8/2027.\n\n"
        "III. NỘI DUNG\n"))
    assert span == (D(2026, 9, 7), D(2027, 5, 29))


COMMUNE = ("ỦY BAN NHÂN DÂN XÃ AN HÒA\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
           "Số: 40/KH-UBND\tAn Hòa, ngày 28 tháng 4 năm 2027\n\n"
           "KẾ HOẠCH\nTuyên truyền phòng, chống tai nạn do máy nông nghiệp năm 2027\n\n")


def _slogans(body: str) -> list[str]:
    draft, _ = draft_from_text(COMMUNE + body, "plan.txt")
    return [s.text for s in draft.slogans]


def test_slogans_numbered_with_a_slash_under_their_label_are_each_read():
    # the third is more than a sentence's reach from the label: the list it goes on reads it
    assert _slogans(
        "I. Khẩu hiệu\n"
        "Các xóm kẻ, treo khẩu hiệu tại nhà văn hóa, sân phơi, điểm đặt máy tuốt lúa:\n"
        "1/ \"Tắt máy rồi mới gỡ lúa kẹt\"\n"
        "2/ \"Buộc gọn tóc, mặc áo gọn khi làm việc gần máy\"\n"
        "3/ \"Trẻ em tránh xa máy tuốt, máy cày!\"\n"
        "Mô hình \"Xóm nông dân an toàn\" do Hội Nông dân xã xây dựng (tên mô hình, không phải\n"
        "khẩu hiệu).\n\n"
        "II. Hình thức\n") == ["Tắt máy rồi mới gỡ lúa kẹt", "Buộc gọn tóc, mặc áo gọn khi làm việc gần máy",
                               "Trẻ em tránh xa máy tuốt, máy cày!"]

