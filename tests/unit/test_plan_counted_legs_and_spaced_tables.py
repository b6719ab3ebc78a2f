"""Phase layouts of the twenty-third blind batch (#21), each with a variant made up beside it:
phases counted then dated in one paragraph of any section ("qua ba chặng: chặng đầu từ …; chặng
giữa …; chặng cuối trong tháng 3/2027"), also as OCR reads it; a table laid out with spaces under
a dashed rule (pdftotext -layout, pandoc's simple table), its rows led by their months."""

from __future__ import annotations

from bot.domain.planimport.text import split

SPACED = (
    "III. KẾ HOẠCH HOẠT ĐỘNG\n\n"
    " Thời gian          Nội dung hoạt động                   Thực hiện\n"
    " ------------------ ------------------------------------ ---------------\n"
    " Tháng 3 - 4/2027   Chuẩn bị: in tờ rơi, tập huấn cho    Phòng Chỉ đạo\n"
    " (chuẩn bị)         cán bộ y tế xã                       tuyến\n\n"
    " Tháng 5 - 7/2027   Cao điểm: khám lưu động tại bến      Khoa Khám bệnh\n"
    " (cao điểm)         cá, chợ\n\n"
    " Tháng 8 - 9/2027   Đánh giá kết quả                     Phòng Kế hoạch\n\n\n"
    "IV. KINH PHÍ\n   Nguồn thu sự nghiệp.\n")


def test_a_space_aligned_table_reads_as_rows_of_cells():
    plan = split(SPACED)
    rows = [p.text for p in plan.paras if p.text.startswith("|")]
    assert rows[1].startswith("| Tháng 3 - 4/2027 | Chuẩn bị: in tờ rơi, tập huấn cho | Phòng Chỉ đạo |")
    assert rows[2] == "| (chuẩn bị) | cán bộ y tế xã | tuyến |"

