"""Ways offices write a plan's reports, steps, events and rates (#21): a monthly report whose period
is said before its day ("hằng tháng, trước ngày 25, từ tháng 3 đến tháng 10/2027"); results sent each
quarter ("gửi kết quả thực hiện … hằng quý, trước ngày 20 của tháng cuối quý"); a step named by two
words a comma joins ("Bước 3 - Đánh giá, duy trì (tháng 11 - 12/2027)"); an online talk named in
quotes in a list item; a station's "01 tin, phóng sự/tháng"; "6 tháng đầu năm 2027" with its "năm"
bent by OCR ("ném"). Clean text, and as OCR reads it."""

from __future__ import annotations

import datetime as dt
import time

from bot.domain.planimport import draft_from_text

D = dt.date
HEAD = ("SỞ Y TẾ TỈNH SƠN LA\nTRUNG TÂM KIỂM SOÁT BỆNH TẬT\n\nSố: 41/KH-KSBT\n\n"
        "Sơn La, ngày 21 tháng 12 năm 2026\n\n"
        "KẾ HOẠCH\nTruyền thông phòng, chống dịch bệnh năm 2027\n\n"
        "I. THỜI GIAN\nKế hoạch thực hiện từ ngày 01/01/2027 đến ngày 31/12/2027.\n\n")
OCR_HEAD = ("SO Y TE TINH SON LA\nTRUNG TAM KIEM SOAT BENH TAT\n\nSé: 41/KH-KSBT\n\n"
            "Son La, ngay 21 thang 12 nam 2026\n\n"
            "KE HOACH\nTruyén théng phong, chéng dich bénh nam 2027\n\n"
            "I. THOI GIAN\nKé hoach thuc hién tir ngay 01/01/2027 dén ngay 31/12/2027.\n\n")


def _draft(body: str, head: str = HEAD):
    draft, _ = draft_from_text(head + body + "\n\nV. KINH PHÍ\nNguồn chi thường xuyên.\n", "plan.txt")
    return draft


def _dues(body: str, head: str = HEAD) -> list[dt.date]:
    return sorted(d.due for d in _draft(body, head).deadlines)


MONTHS_3_TO_10 = [D(2027, m, 25) for m in range(3, 11)]


def test_a_monthly_report_said_before_its_day_and_months():
    body = ("IV. TỔ CHỨC THỰC HIỆN\n3. Trung tâm Y tế khu vực: báo cáo kết quả về Trung tâm hằng tháng, "
            "trước ngày 25, từ tháng 3 đến tháng 10/2027; báo cáo tổng kết trước ngày 05/12/2027.")
    assert _dues(body) == [*MONTHS_3_TO_10, D(2027, 12, 5)]


def test_a_monthly_report_its_months_in_brackets_after_its_day():
    body = ("IV. TỔ CHỨC THỰC HIỆN\n- Báo cáo kết quả hằng tháng về Trung tâm Y tế khu vực trước ngày 20 "
            "(từ tháng 3 đến tháng 8/2027); báo cáo kết thúc kế hoạch trước ngày 25 tháng 9 năm 2027.")
    assert _dues(body) == [*(D(2027, m, 20) for m in range(3, 9)), D(2027, 9, 25)]


def test_a_monthly_report_said_first_as_ocr_reads_it():
    body = ("IV. TO CHUC THUC HIEN\n3. Trung tam Y té khu vue: bao cdo két qua vé Trung tam hang thang, "
            "truéc ngay 25, tir thang 3 dén thang 10/2027; bdo cdo tong két truéc ngay 05/12/2027.")
    assert _dues(body, OCR_HEAD) == [*MONTHS_3_TO_10, D(2027, 12, 5)]


def test_a_dated_report_after_the_monthly_words_is_no_monthly_rule():
    body = ("IV. TỔ CHỨC THỰC HIỆN\n- Báo cáo kết quả hằng tháng (từ tháng 4 đến tháng 10/2027), và báo cáo "
            "kết thúc kế hoạch trước ngày 05-12-2027.\n- Gửi kết quả hằng tháng (riêng tháng 01/2027 gửi "
            "trước ngày 22/01/2027).")
    dues = _dues(body)
    assert D(2027, 12, 5) in dues and set(dues) <= {D(2027, 1, 22), D(2027, 12, 5)}


def test_results_sent_each_quarter_are_a_report():
    body = ("IV. TỔ CHỨC THỰC HIỆN\n3. Các khoa, phòng gửi kết quả thực hiện về Phòng Kế hoạch - Tổng hợp "
            "hằng quý, trước ngày 20 của tháng cuối quý; riêng quý IV gửi trước ngày 20/11/2027 để tổng "
            "hợp báo cáo năm.")
    assert _dues(body) == [D(2027, 3, 20), D(2027, 6, 20), D(2027, 9, 20), D(2027, 11, 20)]


STEPS = ("II. TIẾN ĐỘ\n"
         "- Bước 1 - Chuẩn bị (từ ngày 04/01 đến ngày 28/02/2027): xây dựng tài liệu.\n"
         "- Bước 2 - Triển khai tại cộng đồng (từ ngày 01/3 đến ngày 31/10/2027): tập huấn.\n"
         "- Bước 3 - Đánh giá, duy trì (tháng 11 - 12/2027): đánh giá kết quả; duy trì truyền thông.\n")
OCR_STEPS = ("II. TIEN DO\n"
             "- Budc 1 - Chuan bi (tir ngay 04/01 dén ngay 28/02/2027): xay dung tai liéu.\n"
             "- Budc 2 - Trién khai tai céng déng (tir ngay 01/3 dén ngay 31/10/2027): tap huan.\n"
             "- Budc 3 - Danh gia, duy tri (thang 11 - 12/2027): danh gia két qua; duy tri truyén théng.\n")


def test_a_step_named_by_words_a_comma_joins():
    for head, steps in ((HEAD, STEPS), (OCR_HEAD, OCR_STEPS)):
        phases = _draft(steps, head).phases
        assert [(p.start, p.end) for p in phases] == [
            (D(2027, 1, 4), D(2027, 2, 28)), (D(2027, 3, 1), D(2027, 10, 31)),
            (D(2027, 11, 1), D(2027, 12, 31))]
        assert phases[2].name.startswith("Bước 3 - ")


def test_an_online_talk_named_in_quotes_in_a_list_item_keeps_its_day():
    body = ('IV. HOẠT ĐỘNG\n6. Tọa đàm trực tuyến "Giám định y khoa - Những điều người lao động cần biết" '
            "trên Fanpage và Trang thông tin điện tử: ngày 16/9/2027.\n"
            "7. Các khoa gửi danh sách trước ngày 14/5/2027.\n")
    days = {k.date for k in _draft(body).key_dates if k.date}
    assert D(2027, 9, 16) in days
    assert D(2027, 5, 14) not in days


def test_a_stations_news_and_reports_per_month_are_other():
    for body in ("IV. HOẠT ĐỘNG\n7. Phối hợp Đài Phát thanh và Truyền hình tỉnh thực hiện tin, phóng sự "
                 "trong 6 tháng cuối năm: 01 tin, phóng sự/tháng.\n",
                 "IV. HOAT DONG\n7. Phéi hgp Dai Phat thanh va Truyén hinh tinh thuc hién tin, phéng su "
                 "trong 6 thang cuéi nam: 01 tin, phong su/thang.\n"):
        quotas = {(q.activity, q.count, q.per) for q in _draft(body).quotas}
        assert ("other", 1, "month") in quotas
        assert ("website", 1, "month") not in quotas


def test_monthly_words_over_odd_input_stay_fast():
    body = "IV. TỔ CHỨC THỰC HIỆN\n" + "báo cáo hằng tháng, gửi kết quả hằng quý, trước ngày 2 " * 800
    began = time.process_time()
    _draft(body)
    assert time.process_time() - began < 5


def test_results_sent_each_quarter_as_ocr_reads_them():
    body = ("IV. TO CHUC THUC HIEN\n3. Cac khoa, phong gti két qua thuc hién vé Phong Ké hoach - Téng hop "
            "hang quy, truéc ngay 20 cua thang cudi quy; riéng quy IV gti truéc ngay 20/11/2027 dé téng "
            "hop bao cdo nam.")
    assert _dues(body, OCR_HEAD) == [D(2027, 3, 20), D(2027, 6, 20), D(2027, 9, 20), D(2027, 11, 20)]


def test_half_years_as_ocr_bends_their_nam():
    body = ("II. THOI GIAN\nTir ngay 01/01/2027 dén ngay 31/12/2027, gém:\n"
            "1. 6 thang dau ném 2027: phé bién quy trinh giam dinh, hé so truc tuyén.\n"
            "2. 6 thang cuoi nam 2027: truyén théng vé giam dinh cho ngudi cé céng.\n")
    assert [(p.start, p.end) for p in _draft(body, OCR_HEAD).phases] == [
        (D(2027, 1, 1), D(2027, 6, 30)), (D(2027, 7, 1), D(2027, 12, 31))]
