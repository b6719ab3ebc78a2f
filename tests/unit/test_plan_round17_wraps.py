"""Sentences and cells a word processor or an OCR wrapped (#21, round 17): a report clause cut
at a blank line far from its end, a date's year hyphenated onto the next line, a table's time
cell wrapped over two rows, rates for each channel named and a rate cut after its slash."""

from __future__ import annotations

import datetime as dt
import time

from bot.domain.planimport import draft_from_text
from bot.domain.planimport.content import quotas
from bot.domain.planimport.draft import Draft
from bot.domain.planimport.text import split

D = dt.date
HEAD = ("PHÒNG KHÁM ĐA KHOA AN BÌNH\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 12/KH-PK\tngày 10 tháng 3 năm 2027\n\n"
        "KẾ HOẠCH\nTruyền thông phòng, chống bệnh gan năm 2027\n\n"
        "I. MỤC ĐÍCH\nNâng cao nhận thức.\n\n"
        "II. THỜI GIAN\nTừ ngày 01/4/2027 đến ngày 30/9/2027.\n\n")
OCR_HEAD = ("PHONG KHAM DA KHOA AN BINH\tCONG HOA XA HOI CHU NGHIA VIET NAM\n"
            "S6: 12/KH-PK\tngay 10 thang 3 nam 2027\n\n"
            "KE HOACH\nTruyén théng phdng, chéng bénh gan nam 2027\n\n"
            "I. MUC DICH\nNang cao nhan thirc.\n\n"
            "II. THOI GIAN\nTir ngay 01/4/2027 dén ngay 30/9/2027.\n\n")


def _dues(text: str) -> list[dt.date]:
    draft, _ = draft_from_text(text, "plan.txt")
    return sorted(d.due for d in draft.deadlines)


MONTHLY = [D(2027, m + 1, 5) for m in range(4, 10)]


def test_a_report_clause_cut_far_from_the_paragraph_end_goes_on():
    text = HEAD + (
        "III. TỔ CHỨC THỰC HIỆN\n"
        "Giám đốc các phòng khám: bố trí bác sĩ nói chuyện tại doanh nghiệp; gửi báo cáo kết quả "
        "tháng (số buổi nói chuyện, số người được tư vấn, khám) về Phòng\n\n"
        "Truyền thông trước ngày 05 của tháng liền sau, từ tháng 4 đến tháng 9/2027.\n")
    assert _dues(text) == MONTHLY


def test_a_report_clause_cut_far_from_the_paragraph_end_goes_on_ocr():
    text = OCR_HEAD + (
        "III. TO CHU'C THU'C HIEN\n"
        "Giam déc cac phdng kham: bé tri bac si ndi chuyén tai doanh nghiép; gtti bao cdo két qua "
        "thang (sé budi néi chuyén, s6 ngudi dugc tu van, kham) vé Phong\n\n"
        "Truyén théng trudéc ngay 05 cla thang lién sau, tir thang 4 dén thang 9/2027.\n")
    assert _dues(text) == MONTHLY


def test_a_finished_sentence_carries_nothing_over():
    text = HEAD + (
        "III. TỔ CHỨC THỰC HIỆN\n"
        "Các phòng khám gửi báo cáo kết quả tháng về Phòng Truyền thông.\n\n"
        "Phòng Truyền thông in tờ rơi trước ngày 05 của tháng liền sau.\n")
    assert _dues(text) == []


def _events(text: str) -> list[dt.date | None]:
    draft, _ = draft_from_text(text, "plan.txt")
    return [k.date for k in draft.key_dates]


def test_a_date_whose_year_ocr_hyphenated_onto_the_next_line():
    text = OCR_HEAD + (
        "III. NOI DUNG\n"
        "- L€é ra mat chuong trinh tai Phong kham An Binh vao sang tht Bay, ngay 03/4/-\n"
        "2027.\n")
    assert _events(text) == [D(2027, 4, 3)]
    clean = HEAD + ("III. NỘI DUNG\n"
                    "- Lễ ra mắt chương trình tại Phòng khám An Bình vào sáng thứ Bảy, ngày 03/4/2027.\n")
    assert _events(clean) == [D(2027, 4, 3)]


STAGE_TABLE = (
    "| Giai đoạn | Thời gian | Nội dung trọng tâm | Đơn vị thực hiện |\n"
    "| Chuẩn bị | Từ 01/8/2026 | Biên soạn tờ rơi; tập huấn cho | Phòng Công tác xã hội, |\n"
    "|  | đến 31/8/2026 | điều dưỡng Khoa Nhi | Khoa Nhi |\n"
    "| Cao điểm mùa mưa | Từ 01/9/2026 | Dấu hiệu nặng, chăm sóc trẻ tại nhà | Khoa Nhi |\n"
    "|  | đến 31/12/2026 | phòng lây trong gia đình |  |\n"
    "| Duy trì, tổng kết | Từ 01/01/2027 | Duy trì tư vấn tại khoa | Phòng Công tác xã hội |\n"
    "|  | đến 31/01/2027 | đánh giá kết quả |  |\n\n")
STAGE_TABLE_OCR = (
    "| Giai doan | Thoi gian | Ndi dung trong tam | Don vi thuc hién |\n\n"
    "| Chuan bi | Tir 01/8/2026 | Bién soan td roi; tap huan cho | Phong Céng tac xa hdi, |\n"
    "| | dén 31/8/2026 | diéu duéng Khoa Nhi | Khoa Nhi |\n\n"
    "| Cao diém muta mua | Tir 01/9/2026 | Dau hiéu nang, cham séc tré tai nha | Khoa Nhi, Khoa\n"
    "Kham |\n\n"
    "| | dén 31/12/2026 | phong lay trong gia dinh | |\n\n"
    "| Duy tri, tong két | Ter 01/01/2027 | Duy tn tu van tai khoa | Phong Céng tac\n"
    "xa hdi |\n\n"
    "| | dén 31/01/2027 | danh gid két qua | |\n\n")
STAGES = [(D(2026, 8, 1), D(2026, 8, 31)), (D(2026, 9, 1), D(2026, 12, 31)), (D(2027, 1, 1), D(2027, 1, 31))]
SPAN = "II. THỜI GIAN\nTừ ngày 01/8/2026 đến ngày 31/01/2027.\n\n"


def _phases(text: str) -> list[tuple[dt.date | None, dt.date | None]]:
    draft, _ = draft_from_text(text, "plan.txt")
    return [(p.start, p.end) for p in draft.phases]


def test_a_stage_table_whose_time_cell_wraps_over_two_rows():
    head = HEAD.split("II. THỜI GIAN")[0] + SPAN + "III. NỘI DUNG\n"
    assert _phases(head + STAGE_TABLE) == STAGES
    ocr_head = (OCR_HEAD.split("II. THOI GIAN")[0]
                + "II. THOI GIAN\nTir ngay 01/8/2026 dén ngay 31/01/2027.\n\n")
    assert _phases(ocr_head + "III. NOI DUNG\n" + STAGE_TABLE_OCR) == STAGES


def test_an_activity_table_with_dates_beside_its_rows_is_no_stage_table():
    table = STAGE_TABLE.replace("| Giai đoạn |", "| Hoạt động |", 1)
    head = HEAD.split("II. THỜI GIAN")[0] + SPAN + "III. NỘI DUNG\n"
    assert _phases(head + table) == [(D(2026, 8, 1), D(2027, 1, 31))]


RATE_TABLE = (
    "TT | Nội dung hoạt động | Thời gian | Đơn vị chủ trì\n"
    "1 | Đăng tin, bài trên Trang thông tin điện tử và Fanpage | 02 tin, bài/tháng | Khoa Truyền thông\n"
    " | \"CDC Đà Nẵng\" | mỗi kênh | - GDSK\n"
    "2 | Phát thanh trên hệ thống loa phường, xã | 02 lần/tuần trong | Trạm Y tế các\n"
    " |  | Giai đoạn 1; 01 lần/ |  phường, xã\n"
    " |  | tuần trong Giai đoạn 2 | \n\n")
RATE_TABLE_OCR = (
    "TT | Ndi dung hoat déng | Thdi gian | Don vi chu tri\n\n"
    "Dang tin, bai trén Trang thdng tin dién tu va Fanpage | 02 tin, bai/thang | Khoa Truyén théng\n"
    "\"CDC Da Nang\" | mdi kénh | - GDSK |\n\n"
    "Phat thanh trén hé théng loa phudng, xa | 02 lan/tuan trong | Tram Y té cac\n\n"
    "| Giai doan 1; 01 lan/ | phudng, xa |\n\n"
    "| tuan trong Giai doan 2 | |\n\n")
RATES = [("loudspeaker", 1, "week"), ("loudspeaker", 2, "week"), ("social", 2, "month"),
         ("website", 2, "month")]


def _quotas(text: str) -> list[tuple[str, int, str]]:
    draft, _ = draft_from_text(text, "plan.txt")
    return sorted((q.activity, q.count, q.per) for q in draft.quotas)


def test_a_rate_for_each_channel_and_a_rate_wrapped_after_its_slash():
    assert _quotas(HEAD + "III. NỘI DUNG\n" + RATE_TABLE) == RATES
    assert _quotas(OCR_HEAD + "III. NOI DUNG\n" + RATE_TABLE_OCR) == RATES


def test_a_rate_for_one_channel_stays_one():
    text = HEAD + "III. NỘI DUNG\n" + RATE_TABLE.replace("mỗi kênh", "")
    assert [q for q in _quotas(text) if q[1:] == (2, "month")] == [("website", 2, "month")]


def test_a_cell_wrapped_over_thousands_of_lines_is_read_in_linear_time():
    plan = split("Phát thanh trên loa | 02 lần/tuần trong | Trạm\n" + "| | tuần 01 lần/ | x |\n" * 2200)
    started = time.process_time()
    quotas(plan, Draft("plan.txt"))
    assert time.process_time() - started < 1.0
