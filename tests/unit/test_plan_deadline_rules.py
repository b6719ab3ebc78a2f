"""Reports by a rule (#21, fifteenth blind batch): "trước ngày 05 của tháng sau" (each month's,
in the month after it), a quarter's or a month's report folded into the final one ("báo cáo Quý
IV thay bằng báo cáo tổng kết", "kết quả tháng 11 gửi cùng báo cáo tổng kết"), and a span whose
"từ" OCR bent ("tir 01/9/2026 dén …")."""

from __future__ import annotations

import datetime as dt

from bot.domain.planimport import draft_from_text

D = dt.date
HEAD = ("TRUNG TÂM Y TẾ\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 17/KH-TTYT\tngày 10 tháng 12 năm 2026\n\n"
        "KẾ HOẠCH\nTruyền thông phòng, chống bệnh năm 2027\n\n"
        "I. MỤC ĐÍCH\nNâng cao nhận thức.\n\n")
OCR_HEAD = ("TRUNG TAM Y TE CONG HOA XA HOI CHU NGHIA VIET NAM\n"
            "S6: 17/KH-TTYT ngay 10 thang 12 nam 2026\n\n"
            "KE HOACH\nTruyén thong phong, chong bénh nam 2027\n\n"
            "I. MUC DICH\nNang cao nhan thtrc.\n\n")


def _dues(text: str) -> list[dt.date]:
    draft, _ = draft_from_text(text, "plan.txt")
    return [d.due for d in draft.deadlines]


def test_each_months_report_in_the_month_after_it_the_last_in_the_final_report():
    text = HEAD + (
        "II. THỜI GIAN\nTừ 04-01-2027 đến 30-6-2027.\n\n"
        "III. TỔ CHỨC THỰC HIỆN\n"
        "1. Trạm Y tế: báo cáo kết quả hằng tháng về Trung tâm trước ngày 05 của tháng sau; số liệu "
        "tháng 6 tổng hợp vào báo cáo tổng kết, gửi trước ngày 10-7-2027.\n")
    assert _dues(text) == [D(2027, 2, 5), D(2027, 3, 5), D(2027, 4, 5), D(2027, 5, 5),
                           D(2027, 6, 5), D(2027, 7, 10)]


def test_the_same_as_ocr_reads_it_and_a_year_across():
    text = OCR_HEAD.replace("nam 2027", "2026 - 2027") + (
        "II. THOI GIAN\nTir 01/11/2026 dén 28/02/2027.\n\n"
        "III. TO CHUC THUC HIEN\n"
        "1. Tram Y té: bao cdo két qua hang thang vé Trung tam trudc ngay 05 cla thang sau; bao cao "
        "tong két trudc ngay 10/3/2027.\n")
    # February's report would fall due after the span: only those due within it, as for quarters
    assert _dues(text) == [D(2026, 12, 5), D(2027, 1, 5), D(2027, 2, 5), D(2027, 3, 10)]


def test_a_quarters_report_replaced_by_the_final_one():
    text = HEAD + (
        "II. THỜI GIAN\nNăm 2027.\n\n"
        "III. TỔ CHỨC THỰC HIỆN\n"
        "1. Trung tâm Y tế: gửi báo cáo quý về Sở trước ngày 15 của tháng cuối quý (báo cáo Quý IV "
        "thay bằng báo cáo tổng kết); báo cáo tổng kết trước ngày 15/12/2027.\n")
    assert _dues(text) == [D(2027, 3, 15), D(2027, 6, 15), D(2027, 9, 15), D(2027, 12, 15)]
    ocr = OCR_HEAD + (
        "II. THOI GIAN\nNam 2027.\n\n"
        "III. TO CHUC THUC HIEN\n"
        "1. Trung tam Y té: bao cao két qua theo quy vé Sd trudc ngay 10 cla thang dau quy sau "
        "(quy III/2027 duoc thay bang bao cao tong két); bao cao tong két trudc ngay 20/12/2027.\n")
    assert _dues(ocr) == [D(2027, 4, 10), D(2027, 7, 10), D(2027, 12, 20)]


def test_a_months_results_sent_with_the_final_report():
    text = HEAD.replace("năm 2027", "2026") + (
        "II. THỜI GIAN\nTừ 15/6/2026 đến 30/11/2026.\n\n"
        "III. TỔ CHỨC THỰC HIỆN\n"
        "1. Trạm Y tế: báo cáo kết quả tháng về Khoa trước ngày 25 hằng tháng; kết quả tháng 11 "
        "gửi cùng báo cáo tổng kết trước ngày 05/12/2026.\n")
    assert _dues(text)[-2:] == [D(2026, 10, 25), D(2026, 12, 5)]
    ocr = text.replace("gửi cùng", "gui cling")
    assert _dues(ocr)[-2:] == [D(2026, 10, 25), D(2026, 12, 5)]


def test_a_span_whose_tu_ocr_bent_before_a_bare_date():
    text = OCR_HEAD + (
        "V. THOI GIAN, CAC DOT TRIEN KHAI\n\n"
        "Thoi gian: tir 01/9/2026 dén 28/02/2027, gém ba dot:\n\n"
        "VI. TO CHUC THUC HIEN\n")
    draft, _ = draft_from_text(text, "plan.txt")
    assert (draft.start.value, draft.end.value) == (D(2026, 9, 1), D(2027, 2, 28))


def test_a_list_of_what_the_plan_is_about_sent_by_its_dates():
    text = HEAD + (
        "II. THỜI GIAN\nNăm 2027.\n\n"
        "III. TỔ CHỨC THỰC HIỆN\n"
        "1. Đề nghị Sở Giáo dục chỉ đạo các trường tham gia tập huấn; gửi danh sách bếp ăn đang hoạt "
        "động về Chi cục trước ngày 15/01/2027 và trước ngày 15/9/2027.\n"
        "2. Các khoa, phòng bố trí nhân sự làm đầu mối, gửi danh sách về Phòng Công tác xã hội "
        "trước ngày 25/01/2027.\n"
        "3. Trạm Y tế: nộp danh sách hộ gia đình có người cao tuổi về Trung tâm trước ngày 10/3, "
        "10/9/2027.\n")
    assert _dues(text) == [D(2027, 1, 15), D(2027, 3, 10), D(2027, 9, 10), D(2027, 9, 15)]
    ocr = OCR_HEAD + (
        "II. THOI GIAN\nNam 2027.\n\n"
        "III. TO CHUC THUC HIEN\n"
        "1. Dé nghi So Giao duc chi dao cac truong tham gia tap huan; tu danh sach bép an dang hoat "
        "dong vé Chi cuc trudc ngay 15/01/2027 va trudc ngay 15/9/2027.\n")
    assert _dues(ocr) == [D(2027, 1, 15), D(2027, 9, 15)]


def test_the_same_rules_said_with_other_words():
    text = HEAD + (
        "II. THỜI GIAN\nTừ 01/3/2027 đến 30/6/2027.\n\n"
        "III. TỔ CHỨC THỰC HIỆN\n"
        "1. Các Trạm Y tế báo cáo kết quả hằng tháng chậm nhất ngày 03 tháng kế tiếp; kết quả tháng "
        "6 được tổng hợp trong báo cáo tổng kết, gửi trước ngày 08/7/2027.\n")
    assert _dues(text) == [D(2027, 4, 3), D(2027, 5, 3), D(2027, 6, 3), D(2027, 7, 8)]
    text = HEAD + (
        "II. THỜI GIAN\nNăm 2027.\n\n"
        "III. TỔ CHỨC THỰC HIỆN\n"
        "1. Các đơn vị báo cáo quý trước ngày 20 của tháng cuối quý; báo cáo quý IV gộp vào báo cáo "
        "năm, gửi trước ngày 10/12/2027.\n")
    assert _dues(text) == [D(2027, 3, 20), D(2027, 6, 20), D(2027, 9, 20), D(2027, 12, 10)]


def test_of_the_month_after_as_ocr_bends_cua():
    text = OCR_HEAD + (
        "II. THOI GIAN\nTir 01/3/2027 dén 31/5/2027.\n\n"
        "III. TO CHUC THUC HIEN\n"
        "1. Tram Y té bao cao hang thang trudc ngay 05 ctia thang tiép theo; bao cao tong két trudc "
        "ngay 10/6/2027.\n")
    assert _dues(text) == [D(2027, 4, 5), D(2027, 5, 5), D(2027, 6, 10)]


def test_of_the_month_after_a_round_is_not_a_monthly_rule():
    text = HEAD + (
        "II. THỜI GIAN\nTừ 01/3/2027 đến 31/10/2027.\n\n"
        "III. TỔ CHỨC THỰC HIỆN\n"
        "1. Trạm Y tế báo cáo kết quả mỗi đợt trước ngày 05 của tháng sau khi kết thúc đợt; báo "
        "cáo tổng kết trước ngày 10/11/2027.\n")
    assert _dues(text) == [D(2027, 11, 10)]


def test_a_rule_whose_truoc_or_cua_ocr_bent_still_dates_each_report():
    # "trước" read "true"/"trude", "của" read "cha"/"ciia" (a syllable the mending keeps)
    monthly = OCR_HEAD.replace("nam 2027", "2026") + (
        "II. THOI GIAN\nTir 04/5/2026 dén 31/8/2026.\n\n"
        "III. TO CHUC THUC HIEN\n"
        "1. Cac Tram Y té: bao cao két qua vé Khoa Kiém soat bénh tat {} ngay 25 hang thang.\n")
    for before in ("true", "trude"):
        assert _dues(monthly.format(before)) == [D(2026, 5, 25), D(2026, 6, 25), D(2026, 7, 25),
                                                 D(2026, 8, 25)]
    quarterly = OCR_HEAD + (
        "II. THOI GIAN\nNam 2027.\n\n"
        "III. TO CHUC THUC HIEN\n"
        "2. Trung tam Kiém soat bénh tat: bao cao két\nqua vé S@Y té theo quy, trudc ngay 15 {} "
        "thang cudi quy.\n")
    for of in ("cha", "ciia", "cua"):
        assert _dues(quarterly.format(of)) == [D(2027, 3, 15), D(2027, 6, 15), D(2027, 9, 15),
                                               D(2027, 12, 15)]


def test_each_date_of_a_list_with_its_report_named_in_brackets():
    body = ("II. THỜI GIAN\nTừ 04-01-2027 đến 31-12-2027.\n\n"
            "III. TỔ CHỨC THỰC HIỆN\n"
            "4. Trung tâm tổng hợp, báo cáo Sở Y tế trước ngày {}.\n")
    for dates in ("31-7-2027 (kết quả Chiến dịch) và ngày 15-12-2027 (cả năm)",
                  "31/7/2027 (đợt 1), 15/12/2027 (tổng kết năm)",
                  "31/7/2027 (sơ kết) và 15/12/2027"):
        assert _dues(HEAD + body.format(dates)) == [D(2027, 7, 31), D(2027, 12, 15)], dates
    ocr = OCR_HEAD + body.format("31-7-2027 (két qua Chién dich) va ngay 15-12-2027 (ca nam)")
    assert _dues(ocr) == [D(2027, 7, 31), D(2027, 12, 15)]


def test_a_span_said_only_by_an_appendixs_phases_bounds_the_monthly_reports():
    head = ("BỆNH VIỆN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "Số: 689/KH-BV\tngày 22 tháng 12 năm 2026\n\n"
            "KẾ HOẠCH\nTruyền thông chăm sóc giảm nhẹ năm 2027\n\n"
            "I. MỤC ĐÍCH\nNâng cao nhận thức.\n\n"
            "II. TỔ CHỨC THỰC HIỆN\n"
            "1. Phòng Công tác xã hội tổng hợp báo cáo Ban Giám đốc trước ngày 28 hằng tháng.\n\n"
            "PHỤ LỤC\nTIẾN ĐỘ THỰC HIỆN\n")
    want = [D(2027, m, 28) for m in range(2, 11)]
    bordered = ("| Giai đoạn | Thời gian | Nội dung |\n"
                "| Giai đoạn 1 | Từ 01/02/2027 | Chuẩn bị |\n|  | đến 31/3/2027 |  |\n"
                "| Giai đoạn 2 | Từ 01/4/2027 | Triển khai |\n|  | đến 31/10/2027 | tổng kết |\n")
    tabbed = ("Giai đoạn\tThời gian\tNội dung\n"
              "Giai đoạn 1\tTừ 01/02/2027 đến 31/3/2027\tChuẩn bị\n"
              "Giai đoạn 2\tTừ 01/4/2027 đến 31/10/2027\tTriển khai, tổng kết\n")
    for table in (bordered, tabbed):
        assert _dues(head + table) == want


def test_a_truoc_whose_u_ocr_read_as_iv_still_dates_its_report():
    # ư read "iv" ("trivéc", "tiv 15/9"), as "ir", "it" or "w" elsewhere
    text = OCR_HEAD.replace("nam 2027", "nam hoc 2026 - 2027") + (
        "II. THOI GIAN\nTiv 15/9/2026 dén 25/5/2027.\n\n"
        "III. TO CHUC THUC HIEN\n"
        "1. Nhan vién y té: gtti bdo cdo két qua tay giun vé Tram Y té phuong truéc ngay\n"
        "30/10/2026 (lan 1) va trivéc ngay 23/4/2027 (lan 2).\n")
    assert _dues(text) == [D(2026, 10, 30), D(2027, 4, 23)]
