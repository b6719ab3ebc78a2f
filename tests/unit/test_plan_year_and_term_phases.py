"""Phase layouts of the seventeenth blind batch (#21), each with variants made up beside it:
phases that are whole calendar years ("Giai đoạn 1 (năm 2027):"), and a month list written
inside two học kỳ that already fill the plan's span (activities, not more phases), also as OCR
reads "Học kỳ I" ("Hoc ky |")."""

from __future__ import annotations

import datetime as dt

from bot.domain.planimport import draft_from_text

D = dt.date
HEAD = ("CÔNG ĐOÀN NGÀNH Y TẾ\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 15/KH-CĐ\tngày 20 tháng 12 năm 2026\n\n"
        "KẾ HOẠCH\nAn toàn cho người lao động giai đoạn 2027 - 2028\n\n")
OCR_HEAD = ("CONG DOAN NGANH Y TE CONG HOA XA HOI CHU NGHIA VIET NAM\n"
            "S6: 15/KH-CD ngay 20 thang 12 nam 2026\n\n"
            "KE HOACH\nAn toan cho ngudi lao déng giai doan 2027 - 2028\n\n")
YEARS = [(D(2027, 1, 1), D(2027, 12, 31)), (D(2028, 1, 1), D(2028, 12, 31))]


def test_phases_that_are_years_in_brackets():
    draft, _ = draft_from_text(HEAD + (
        "III. NỘI DUNG VÀ THỜI GIAN\n"
        "Kế hoạch thực hiện từ ngày 01/01/2027 đến ngày 31/12/2028, gồm hai giai đoạn:\n"
        "- Giai đoạn 1 (năm 2027): phòng ngừa chuẩn; tập huấn ngày 15/3/2027.\n"
        "- Giai đoạn 2 (năm 2028): phòng, chống bạo hành; tổng kết.\n\n"
        "IV. KINH PHÍ\n"), "plan.txt")
    assert [(p.start, p.end) for p in draft.phases] == YEARS


def test_phases_that_are_years_after_a_colon_as_ocr_reads_them():
    draft, _ = draft_from_text(OCR_HEAD + (
        "III. NOI DUNG VA THOI GIAN\n"
        "Ké hoach thuc hién tir ngay 01/01/2027 dén ngay 31/12/2028:\n"
        "Giai doan I: nam 2027 - tap huan, truyén thong tai 20 don vi.\n"
        "Giai doan II: nam 2028 - duy tri, tong két.\n\n"
        "IV. KINH PHI\n"), "ocr.txt")
    assert [(p.start, p.end) for p in draft.phases] == YEARS


def test_a_range_of_years_is_not_one_year():
    draft, _ = draft_from_text(HEAD + (
        "III. THỜI GIAN\n"
        "- Giai đoạn 1 (năm 2027 - 2028): triển khai.\n\n"
        "IV. KINH PHÍ\n"), "plan.txt")
    assert (D(2027, 1, 1), D(2027, 12, 31)) not in [(p.start, p.end) for p in draft.phases]


SCHOOL = ("TRƯỜNG THCS AN HÒA\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
          "Số: 30/KH-THCS\tAn Hòa, ngày 25 tháng 8 năm 2026\n\n"
          "KẾ HOẠCH\nGiáo dục dinh dưỡng năm học 2026 - 2027\n\n")
TERMS = [(D(2026, 9, 5), D(2027, 1, 16)), (D(2027, 1, 18), D(2027, 5, 25))]


def test_month_list_inside_two_terms_is_not_phases():
    draft, _ = draft_from_text(SCHOOL + (
        "III. THỜI GIAN VÀ NỘI DUNG\n"
        "Thời gian thực hiện: từ ngày 05/9/2026 đến ngày 25/5/2027, theo hai học kỳ:\n"
        "1. Học kỳ I (từ 05/9/2026 đến 16/01/2027): đọc nhãn dinh dưỡng.\n"
        "2. Học kỳ II (từ 18/01 đến 25/5/2027): thay đổi hành vi.\n\n"
        "Nội dung theo tháng:\n"
        "- Tháng 9: khảo sát thói quen ăn uống.\n"
        "- Tháng 11 - 12: sinh hoạt lớp chủ đề.\n"
        "- Tháng 3: thi vẽ tranh.\n\n"
        "IV. HÌNH THỨC\n"), "plan.txt")
    assert [(p.start, p.end) for p in draft.phases] == TERMS
    assert draft.phases[0].name.startswith("Học kỳ I")


def test_terms_as_ocr_reads_them_with_a_bar_for_i():
    draft, _ = draft_from_text(
        "TRUONG THCS AN HOA CONG HOA XA HOI CHU NGHIA VIET NAM\n"
        "S6: 30/KH-THCS An Hoa, ngay 25 thang 8 nam 2026\n\n"
        "KE HOACH\nGido duc dinh dudng nam hoc 2026 - 2027\n\n"
        "III. THOI GIAN VA NOI DUNG\n"
        "Thi gian thuc hién: tir ngay 05/9/2026 dén ngay 25/5/2027, theo hai hoc ky:\n"
        "1. Hoc ky | (tt 05/9/2026 dén 16/01/2027): doc nhan dinh dudng.\n"
        "2. Hoc ky Il (ttr 18/01 dén 25/5/2027): thay déi hanh vi.\n\n"
        "- Thang 9: khao sat théi quen an udng.\n"
        "- Thang 01 - 02: thu ngo phu huynh.\n\n"
        "IV. HINH THUC\n", "ocr.txt")
    assert [(p.start, p.end) for p in draft.phases] == TERMS


def test_months_that_are_the_phases_stay_phases():
    draft, _ = draft_from_text(SCHOOL + (
        "III. THỜI GIAN\n"
        "Thời gian thực hiện: từ ngày 01/9/2026 đến ngày 30/11/2026.\n"
        "- Tháng 9/2026: khảo sát.\n"
        "- Tháng 10/2026: truyền thông.\n"
        "- Tháng 11/2026: tổng kết.\n\n"
        "IV. HÌNH THỨC\n"), "plan.txt")
    assert [(p.start, p.end) for p in draft.phases] == [
        (D(2026, 9, 1), D(2026, 9, 30)), (D(2026, 10, 1), D(2026, 10, 31)), (D(2026, 11, 1), D(2026, 11, 30))]


CAMPAIGN = ("TRUNG TÂM KIỂM SOÁT BỆNH TẬT\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "Số: 40/KH-KSBT\tngày 05 tháng 02 năm 2027\n\n"
            "KẾ HOẠCH\nTruyền thông chiến dịch tiêm chủng bổ sung năm 2027\n\n")
STAGED = [(D(2027, 2, 15), D(2027, 2, 28)), (D(2027, 3, 1), D(2027, 3, 21)), (D(2027, 4, 5), D(2027, 4, 18))]


def test_a_preparation_period_said_after_the_đợt_wrapped_into_their_paragraph():
    draft, _ = draft_from_text(CAMPAIGN + (
        "II. NỘI DUNG\n"
        "1. Thời gian: từ ngày 15/02/2027 đến hết ngày 30/4/2027, gồm hai đợt:\n"
        "- Đợt 1, từ 01/3 đến 21/3/2027: tiêm tại trường mầm non, nhóm trẻ (trẻ đang đi\n"
        "học).\n"
        "- Đợt 2, từ 05/4 đến 18/4/2027: tiêm vét tại trạm y tế.\n"
        "Từ 15/02 đến 28/02/2027 là thời gian chuẩn bị, truyền thông trước chiến dịch.\n\n"
        "2. Hình thức\n"), "plan.txt")
    assert [(p.start, p.end) for p in draft.phases] == STAGED
    assert draft.phases[0].name.startswith("Chuẩn bị")


def test_a_preparation_stage_named_before_its_dates_as_ocr_reads_it():
    draft, _ = draft_from_text(
        "TRUNG TAM KIEM SOAT BENH TAT CONG HOA XA HOI CHU NGHIA VIET NAM\n"
        "S6: 40/KH-KSBT ngay 05 thang 02 nam 2027\n\n"
        "KE HOACH\nTruyén thong chién dich tiém chung b6 sung nam 2027\n\n"
        "II. THOI GIAN THUC HIEN\n"
        "- Giai doan chuan bi: tir 15/02 dén 28/02/2027.\n"
        "- Dot 1: tir 01/3 dén 21/3/2027, tiém tai truong.\n"
        "- Dot 2: tir 05/4 dén 18/4/2027, tiém vét.\n\n"
        "III. HINH THUC\n", "ocr.txt")
    assert [(p.start, p.end) for p in draft.phases] == STAGED


def test_a_dated_sentence_without_a_stage_word_is_not_a_phase():
    draft, _ = draft_from_text(CAMPAIGN + (
        "II. THỜI GIAN THỰC HIỆN\n"
        "- Đợt 1: từ 01/3 đến 21/3/2027.\n"
        "- Đợt 2: từ 05/4 đến 18/4/2027.\n"
        "Từ 15/02 đến 28/02/2027 các đơn vị rà soát danh sách trẻ.\n\n"
        "III. HÌNH THỨC\n"), "plan.txt")
    assert [(p.start, p.end) for p in draft.phases] == STAGED[1:]


def test_a_bent_từ_before_dates_written_with_dashes_opens_the_span():
    from bot.domain.planimport.dates import find_range
    for low in ("dien ra tlt ngay 15-11-2026 den ngay 15-12-2026.", "dien ra tin 15-11 den 15-12-2026",
                "dien ra tir ngay 15/11/2026 den ngay 15/12/2026"):
        found = find_range(low, D(2026, 11, 1), 2026)
        assert found and (found[0], found[1]) == (D(2026, 11, 15), D(2026, 12, 15)), low
    assert find_range("tin 15-11 va 20-11", D(2026, 11, 1), 2026) is None


def test_a_range_ocr_cut_at_its_đến_by_a_blank_line_is_one_paragraph():
    from bot.domain.planimport.text import split
    for cut in ("- Thap sang mau cam tai tru so khu pho tu' ngay 25-11 dén\n\nngay 10-12-2026.\n",
                "- Treo bang ron tai tru so tu 25-11 den\n\n10-12-2026.\n",
                "- Dang tin, bai: it\n\nnhat 03 tin, bai/tuan.\n"):
        assert len(split(cut).paras) == 1, cut
    assert len(split("- Treo bang ron den.\n\nngay 10-12-2026 hop.\n").paras) == 2


def test_ocr_stars_for_bullets_keep_a_message_list_as_items():
    from bot.domain.planimport.text import split
    plan = split("II. THONG DIEP CHINH\n* Thudc nam la thuoc - Dung phai co thay\n\n"
                 "* Khong mua thuoc khong ro nguon goc\n  * Dong y - Tay y: ket hop dung\n")
    assert [p.text[:2] for p in plan.paras[1:]] == ["• ", "• ", "• "]
    assert split("Hội nghị **tổng kết** năm\n").paras[0].text == "Hội nghị tổng kết năm"


def _dues(body: str) -> list[dt.date]:
    draft, _ = draft_from_text(HEAD + "III. THỜI GIAN\nKế hoạch thực hiện từ ngày 01/01/2027 đến ngày "
                               "31/12/2028.\n\nIV. TỔ CHỨC THỰC HIỆN\n" + body, "plan.txt")
    return sorted(d.due for d in draft.deadlines)


def test_reports_due_each_year_of_the_listed_years():
    assert _dues("1. Công đoàn cơ sở: báo cáo kết quả 6 tháng trước ngày 10/6 và báo cáo năm trước "
                 "ngày 10/11 của mỗi năm (năm 2027 và năm 2028).\n") == [
        D(2027, 6, 10), D(2027, 11, 10), D(2028, 6, 10), D(2028, 11, 10)]


def test_reports_due_each_year_of_the_span_said_hằng_năm():
    assert _dues("1. Các đơn vị gửi báo cáo năm trước ngày 15/12 hằng năm.\n") == [
        D(2027, 12, 15), D(2028, 12, 15)]


def test_a_dated_report_beside_each_year_keeps_its_own_year():
    assert _dues("1. Các đơn vị báo cáo hằng năm; báo cáo tổng kết trước ngày 20/12/2028.\n") == [
        D(2028, 12, 20)]


def _rates(body: str) -> list[tuple[int, str]]:
    draft, _ = draft_from_text(SCHOOL + body, "plan.txt")
    return [(q.count, q.per) for q in draft.quotas]


def test_a_rate_inside_a_share_is_a_finding_not_a_quota():
    assert _rates("I. MỤC ĐÍCH\n2. Giảm tỷ lệ học sinh uống nước ngọt từ 04 lần/tuần trở lên xuống "
                  "dưới 45% vào cuối năm học.\n\nIV. HÌNH THỨC\n- Phát thanh: 01 lần/tuần.\n"
                  ) == [(1, "week")]
    assert _rates("Khảo sát cho thấy 63% học sinh uống trà sữa 03 lần/tuần.\n\nIV. HÌNH THỨC\n"
                  "- Sinh hoạt lớp: mỗi lớp 02 tiết/tháng.\n") == [(2, "month")]
    assert _rates("IV. HÌNH THỨC\n- Phát thanh 02 lần/tuần; phấn đấu 90% học sinh được nghe.\n"
                  ) == [(2, "week")]


def test_a_target_share_with_a_rate_it_sets_keeps_the_quota():
    assert _rates("IV. HÌNH THỨC\n- 100% lớp tổ chức ít nhất 01 buổi/tháng, 90% học sinh tham gia.\n") == [
        (1, "month")]


def test_two_full_rows_of_a_bordered_quota_table_are_not_one_wrapped_row():
    draft, _ = draft_from_text(SCHOOL + (
        "Phụ lục 2\nCHỈ TIÊU HOẠT ĐỘNG\n\n| Đơn vị | Hoạt động | Chỉ tiêu |\n"
        "| Mỗi Trạm Y tế xã | Nói chuyện tại bản | 02 buổi/tháng |\n"
        "| Mỗi Trạm Y tế xã | Phát thanh trên loa xã | 02 lần/tuần |\n"
        "| Mỗi Trạm Y tế xã | Thăm hộ gia đình có | tất cả các ca bệnh |\n"
        "|  | người bệnh | |\n"), "plan.txt")
    assert sorted((q.activity, q.count, q.per) for q in draft.quotas) == [
        ("conference", 2, "month"), ("loudspeaker", 2, "week")]


def test_results_handed_in_by_a_named_sender_are_a_deadline():
    draft, _ = draft_from_text(SCHOOL + (
        "III. NỘI DUNG\n- Tháng 9: khảo sát thói quen ăn uống (phiếu hỏi theo lớp); giáo viên chủ nhiệm nộp\n"
        "kết quả về Tổ Văn phòng trước ngày 30/9/2026.\n\nIV. HÌNH THỨC\n"), "plan.txt")
    assert [d.due for d in draft.deadlines] == [D(2026, 9, 30)]


def test_monthly_reports_named_by_month_include_the_span_s_last_month():
    draft, _ = draft_from_text(HEAD.replace("giai đoạn 2027 - 2028", "năm 2027") + (
        "III. THỜI GIAN\nKế hoạch thực hiện từ ngày 01/3/2027 đến ngày 31/5/2027.\n\n"
        "IV. TỔ CHỨC THỰC HIỆN\n1. Công đoàn các khu công nghiệp: báo cáo kết quả về Ban Quản lý "
        "trước ngày 05 của tháng sau, bắt đầu từ báo cáo tháng 3/2027.\n"), "plan.txt")
    assert [d.due for d in draft.deadlines] == [D(2027, 4, 5), D(2027, 5, 5), D(2027, 6, 5)]


def _events(body: str) -> list[dt.date | None]:
    draft, _ = draft_from_text(CAMPAIGN + "II. THỜI GIAN\nTừ ngày 15/02/2027 đến ngày 30/4/2027.\n\n"
                               "V. LỊCH TRIỂN KHAI CHI TIẾT\n\n" + body, "plan.txt")
    return [k.date for k in draft.key_dates if k.date]


def test_a_timetable_row_opening_with_a_launch_holds_a_key_date():
    assert _events("Thời gian | Nội dung hoạt động\n15/02/2027 | Họp triển khai kế hoạch\n"
                   "26/02/2027 | Lễ ra quân chiến dịch tại Trường Mầm non Hoa Sen, phường Phố\nHiến\n"
                   "24/3/2027 | Giao ban rút kinh nghiệm Đợt 1\n") == [D(2027, 2, 26)]


def test_a_tab_timetable_with_a_fair_and_a_range_row():
    assert _events("Thời gian\tNội dung\n01/3 - 21/3/2027\tNgày hội tiêm chủng tại các trường\n"
                   "ngày 20/3/2027\tNgày hội tiêm chủng tại Công viên\n") == [D(2027, 3, 20)]


def test_a_fair_held_on_a_named_day_without_its_year_is_that_day():
    for said in ('- Tháng 10: Ngày hội "Nước lọc là bạn" tổ chức ngày 16/10, hưởng ứng Ngày Lương thực '
                 'thế giới; trưng bày mô hình.\n',
                 '- Thang 10: Ngay hoi "Nuoc loc" to chuc ngay 16/10, huséng tng Ngay Luong thuc '
                 'thé gidi;\n'):
        head = SCHOOL if "Tháng" in said else (
            "TRUONG THCS AN HOA CONG HOA XA HOI CHU NGHIA VIET NAM\n"
            "S6: 30/KH-THCS An Hoa, ngay 25 thang 8 nam 2026\n\nKE HOACH\nGido duc dinh dudng\n\n")
        draft, _ = draft_from_text(head + "III. NOI DUNG\n" + said + "\nIV. HINH THUC\n", "plan.txt")
        assert [(k.day, k.date) for k in draft.key_dates] == [("16/10", None)], said


def test_a_numbered_message_ends_at_its_full_stop_and_names_in_quotes_are_not_slogans():
    draft, _ = draft_from_text(HEAD + (
        "II. THÔNG ĐIỆP TRUYỀN THÔNG\nCác đơn vị sử dụng thống nhất các thông điệp sau:\n"
        "1. Bóng cười - Không phải là trò chơi.\n"
        "2. Nói không với bóng cười, nói không với chất gây nghiện.\n"
        "Riêng chuyên mục trên Báo và Phát thanh, Truyền hình tỉnh mang tên \"Sống khỏe tuổi trẻ\";\n"
        "cuộc thi video ngắn dành cho học sinh có tên \"Tuổi trẻ tỉnh táo\".\n\n"
        "III. THỜI GIAN\n"), "plan.txt")
    assert [s.text for s in draft.slogans] == [
        "Bóng cười - Không phải là trò chơi.", "Nói không với bóng cười, nói không với chất gây nghiện."]


def test_a_short_item_whose_quote_ocr_cut_at_a_blank_line_goes_on():
    from bot.domain.planimport.text import split
    plan = split('2. Chu de va khau hieu: chu de nam 2026 la "Chung tay xay dung gia\n\n'
                 'dinh an toan, khong bao luc"; cac khau hieu: "Nam nu binh dang".\n')
    assert len(plan.paras) == 1
    assert len(split('2. Chu de: "Chung tay" va\n\n- khau hieu "A".\n').paras) == 2


def test_a_count_s_noun_or_a_day_s_date_past_ocr_s_blank_line_goes_on():
    from bot.domain.planimport.text import split
    assert len(split("- Trung tam dang tai tren Fanpage 01 video\n\nngan/tuan.\n").paras) == 1
    assert len(split("- Huong ung Ngay Quoc te phong, chong ma tuy\n\n26/6; Le phat dong.\n").paras) == 1
    assert len(split("- Hop giao ban\n\n26/6; Le phat dong.\n").paras) == 2


def test_a_rate_past_ocr_s_blank_line_after_a_comma_goes_on():
    from bot.domain.planimport.text import split
    assert len(split("- Phat thanh tren loa: 02 lan/ngay trong 05 ngay truoc moi dot\ntiem,\n\n"
                     "01 lan/tuan trong thoi gian con lai.\n").paras) == 1
    assert len(split("- Phat thanh tren loa xa.\n\n01 lan/tuan.\n").paras) == 2


def test_a_named_day_dated_in_two_years_is_kept_every_year():
    draft, _ = draft_from_text(HEAD + (
        "III. NỘI DUNG VÀ THỜI GIAN\nKế hoạch thực hiện từ ngày 01/01/2027 đến ngày 31/12/2028.\n"
        "- Tọa đàm hưởng ứng Ngày Thế giới về an toàn tại nơi làm việc 28/4/2027 và 28/4/2028.\n\n"
        "IV. KINH PHÍ\n"), "plan.txt")
    assert [(k.day, k.date) for k in draft.key_dates] == [("28/04", None)]
