"""Layouts of the thirteenth blind batch (#21), each with variants made up beside it: steps
"Bước 1 - Khảo sát (từ … đến …): …" (in running text, in a table, as OCR reads "Budc": Bước before
its number, not Được), month tables whose range end wrapped onto the next line or whose months carry
no year ("Tháng 9", "Tháng 12 - 01"), dated peaks amid year-round work, named days and events as OCR
bends or splits them, quotas whose noun or channel went to another line or cell, the content part
of a section on content and slogans."""

from __future__ import annotations

import datetime as dt

from bot.domain.planimport import draft_from_text
from bot.domain.planimport.ocrfix import repair

D = dt.date
HEAD = ("CÔNG TY TNHH MAY AN BÌNH\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 12/2026/KH-AB\tngày 15 tháng 12 năm 2026\n\n"
        "KẾ HOẠCH\nTruyền thông an toàn lao động năm 2027\n\n")
OCR_HEAD = ("CONG TY TNHH MAY AN BINH CONG HOA XA HOI CHU NGHIA VIET NAM\n"
            "S6: 12/2026/KH-AB ngay 15 thang 12 nam 2026\n\n"
            "KE HOACH\nTruyén thong an toan lao déng nam 2027\n\n")
STEPS = [(D(2027, 1, 4), D(2027, 1, 31)), (D(2027, 3, 1), D(2027, 5, 31)), (D(2027, 6, 1), D(2027, 6, 30))]


def test_steps_typed_line_by_line_below_an_arabic_heading():
    draft, _ = draft_from_text(HEAD + (
        "3. THỜI GIAN VÀ CÁC BƯỚC THỰC HIỆN\n"
        "Thời gian thực hiện từ ngày 04/01/2027 đến ngày 30/6/2027; nghỉ Tết (tháng 02/2027).\n"
        "Bước 1 - Khảo sát và chuẩn bị (từ ngày 04/01 đến ngày 31/01/2027): khảo sát tư thế.\n"
        "Bước 2 - Triển khai (từ ngày 01/3 đến ngày 31/5/2027): tập thể dục giữa ca.\n"
        "Bước 3 - Đánh giá (từ ngày 01/6 đến ngày 30/6/2027): tổng kết.\n\n"
        "4. KINH PHÍ\n"), "plan.txt")
    assert [(p.start, p.end) for p in draft.phases] == STEPS
    assert draft.phases[1].name.startswith("Bước 2 - Triển khai")


def test_steps_with_an_en_dash_and_wrapped_text():
    draft, _ = draft_from_text(HEAD + (
        "3. TIẾN ĐỘ THỰC HIỆN\n"
        "Bước 1 – Chuẩn bị (từ 04/01 đến 31/01/2027): khảo sát tư thế làm việc tại\n"
        "từng chuyền; in tài liệu.\n"
        "Bước 2 – Triển khai (từ 01/3 đến 31/5/2027): tập thể dục giữa ca.\n"
        "Bước 3 – Đánh giá (từ 01/6 đến 30/6/2027): tổng kết.\n\n"
        "4. KINH PHÍ\n"), "plan.txt")
    assert [(p.start, p.end) for p in draft.phases] == STEPS


def test_steps_as_ocr_read_them_bude_buvc_budc():
    draft, _ = draft_from_text(OCR_HEAD + (
        "3. THOI GIAN VA CAC BUOC THUC HIEN\n\n"
        "Bude 1 - Khao sat va chuan bi (tir ngay 04/01 dén ngay 31/01/2027): khao sat tw thé lam viéc\n\n"
        "Buvc 2 - Trién khai (tir ngay 01/3 dén ngay 31/5/2027): to chic thé duc gitta ca\n\n"
        "Budc 3 - Danh gia (tir ngay 01/6 dén ngay 30/6/2027): tong két.\n\n"
        "4. KINH PHI\n"), "ocr.txt")
    assert [(p.start, p.end) for p in draft.phases] == STEPS
    assert all(p.name.startswith("Bước") for p in draft.phases)


def test_bước_is_mended_only_before_its_number():
    assert repair("Budc 3 - Danh gia").startswith("Buoc 3")
    assert repair("- BUGC 2: TRIEN KHAI").startswith("- BUOC 2")
    assert repair("Budc 1 (tir 04/01").startswith("Buoc 1")
    assert not repair("Budc tiép theo").startswith("Buoc")  # no number: the model decides


def test_a_span_whose_từ_ocr_read_with_an_apostrophe():
    for said in ("tt’ ngay 01/11/2026 dén ngay 31/5/2027.", "tir' ngay 01/11/2026 dén ngay 31/5/2027."):
        draft, _ = draft_from_text(OCR_HEAD + "5. THOI GIAN\nThoi gian thuc hién: " + said + "\n", "ocr.txt")
        assert (draft.start.value, draft.end.value) == (D(2026, 11, 1), D(2027, 5, 31))


def test_a_days_date_in_brackets_ocr_set_apart_by_a_blank_line():
    for cut in ("(thtr Tu,\n\n18/11/2026)", "(thir Tu, ngay\n\n18/11/2026) va"):
        draft, _ = draft_from_text(OCR_HEAD.replace("15 thang 12", "20 thang 10") + (
            "5. THOI GIAN VA NOI DUNG\n"
            "Thoi gian thuc hién: tir ngay 01/11/2026 dén ngay 31/5/2027.\n\n"
            "Thang 11/2026 Do chirc nang hé hap hudng ting Ngay Thé gidi phong chéng COPD " + cut + "\n\n"
            "6. KINH PHI\n"), "ocr.txt")
        assert [kd.date for kd in draft.key_dates] == [D(2026, 11, 18)]


MONTHS = [(D(2026, 11, 1), D(2026, 11, 30)), (D(2026, 12, 1), D(2027, 1, 31)),
          (D(2027, 2, 1), D(2027, 3, 31))]
SPAN = "5. THỜI GIAN VÀ NỘI DUNG TRỌNG TÂM\nThời gian thực hiện: từ ngày 01/11/2026 đến ngày 31/3/2027.\n\n"


def test_a_month_rows_range_wrapped_onto_its_next_line_tabs():
    draft, _ = draft_from_text(HEAD.replace("15 tháng 12", "20 tháng 10") + SPAN + (
        "Thời gian\tNội dung trọng tâm\tHoạt động chính\n"
        "Tháng 11/2026\tPhát hiện sớm; đo\tĐo chức năng hô hấp\n"
        "\tchức năng hô hấp\tmiễn phí\n"
        "Tháng 12/2026 -\tGiữ ấm, phòng đợt cấp mùa\tTư vấn tiêm vắc xin cúm,\n"
        "01/2027\tlạnh; tiêm vắc xin\tphế cầu\n"
        "Tháng 02 - 3/2027\tBỏ thuốc lá dịp Tết\tTư vấn cai thuốc lá\n\n"
        "6. KINH PHÍ\n"), "plan.txt")
    assert [(p.start, p.end) for p in draft.phases] == MONTHS


def test_a_month_rows_range_wrapped_onto_its_next_line_pipes_with_an_en_dash():
    draft, _ = draft_from_text(HEAD.replace("15 tháng 12", "20 tháng 10") + SPAN + (
        "Thời gian | Nội dung trọng tâm | Hoạt động chính\n"
        "Tháng 11/2026 | Phát hiện sớm | Đo chức năng hô hấp\n"
        "Tháng 12/2026 – | Giữ ấm, phòng đợt cấp | Tư vấn tiêm vắc xin\n"
        "01/2027 | mùa lạnh | phế cầu\n"
        "Tháng 02 - 3/2027 | Bỏ thuốc lá dịp Tết | Tư vấn cai thuốc lá\n\n"
        "6. KINH PHÍ\n"), "plan.txt")
    assert [(p.start, p.end) for p in draft.phases] == MONTHS


def test_the_same_month_table_as_ocr_reads_it_without_its_column_lines():
    draft, _ = draft_from_text(OCR_HEAD.replace("15 thang 12", "20 thang 10") + (
        "5. THOI GIAN VA NOI DUNG TRONG TAM\n"
        "Thoi gian thuc hién: tir ngay 01/11/2026 dén ngay 31/3/2027.\n\n"
        "Thang 11/2026 Phat hién sém; do Do chttc nang hé hap\n\n"
        "Thang 12/2026 - Git 4m, phdng dot cap mia Tu van tiém vac xin cm,\n\n"
        "01/2027 lanh; tiém vac xin phé cau\n\n"
        "Thang 02 - 3/2027 Bé thuéc la dip Tét Tu van cai thuéc la\n\n"
        "6. KINH PHI\n"), "ocr.txt")
    assert [(p.start, p.end) for p in draft.phases] == MONTHS
    assert draft.phases[1].name.startswith("Tháng 12/2026 - 01/2027: ")


def test_bare_month_rows_below_each_other_stay_rows():
    draft, _ = draft_from_text(OCR_HEAD.replace("15 thang 12", "20 thang 10") + (
        "5. THOI GIAN VA NOI DUNG TRONG TAM\n"
        "Thoi gian thuc hién: tir ngay 01/11/2026 dén ngay 31/01/2027.\n\n"
        "11/2026 - Phat hién sém; do chttc nang hé hap\n\n"
        "12/2026 - Git 4m, phdng dot cap mia\n\n"
        "01/2027 - Bé thuéc la dip Tét\n\n"
        "6. KINH PHI\n"), "ocr.txt")
    assert [(p.start, p.end) for p in draft.phases] == [
        (D(2026, 11, 1), D(2026, 11, 30)), (D(2026, 12, 1), D(2026, 12, 31)), (D(2027, 1, 1), D(2027, 1, 31))]


SCHOOL = [(D(2026, 9, 7), D(2026, 9, 30)), (D(2026, 10, 1), D(2026, 11, 30)),
          (D(2026, 12, 1), D(2027, 1, 31)), (D(2027, 2, 1), D(2027, 5, 22))]
SCHOOL_SPAN = ("IV. THỜI GIAN VÀ NỘI DUNG THEO THÁNG\n"
               "Thời gian thực hiện: từ ngày 07/9/2026 đến ngày 22/5/2027.\n\n")


def test_months_without_a_year_over_a_school_year_bordered():
    draft, _ = draft_from_text(HEAD.replace("15 tháng 12", "28 tháng 8") + SCHOOL_SPAN + (
        "| Thời gian | Chủ đề | Hoạt động chính |\n"
        "| Tháng 9 | Thời gian biểu hợp lý, | Khảo sát thói quen |\n"
        "| | ngủ đủ giấc | đầu năm |\n"
        "| Tháng 10 - 11 | Sức khỏe tinh thần | Diễn đàn |\n"
        "| Tháng 12 - 01 | Trò chơi trực tuyến, | Chuyên đề dưới cờ |\n"
        "| Tháng 02 - 5 | Giấc ngủ và học tập | Tổng kết |\n\n"
        "V. KINH PHÍ\n"), "plan.txt")
    assert [(p.start, p.end) for p in draft.phases] == SCHOOL


def test_months_without_a_year_tabs_and_the_years_end_written_once():
    draft, _ = draft_from_text(HEAD.replace("15 tháng 12", "28 tháng 8") + SCHOOL_SPAN + (
        "Thời gian\tChủ đề\tHoạt động chính\n"
        "Tháng 9\tThời gian biểu hợp lý\tKhảo sát thói quen\n"
        "Tháng 10 - 11\tSức khỏe tinh thần\tDiễn đàn\n"
        "Tháng 12 - 01/2027\tTrò chơi trực tuyến\tChuyên đề dưới cờ\n"
        "Tháng 02 - 5/2027\tGiấc ngủ và học tập\tTổng kết\n\n"
        "V. KINH PHÍ\n"), "plan.txt")
    assert [(p.start, p.end) for p in draft.phases] == SCHOOL


def test_a_lone_month_in_running_text_is_no_phase():
    draft, _ = draft_from_text(HEAD + (
        "III. THỜI GIAN\nThời gian thực hiện: từ ngày 04/01/2027 đến ngày 30/6/2027.\n"
        "Tổ chức khám sức khỏe trong tháng 3, nghỉ Tết tháng 02.\n\n"
        "IV. KINH PHÍ\n"), "plan.txt")
    assert [(p.start, p.end) for p in draft.phases] == [(D(2027, 1, 4), D(2027, 6, 30))]


def test_a_notice_boards_issues_per_month_are_a_poster_quota():
    for head, said in ((HEAD, "- Bảng tin Đoàn - Y tế trường học: 01 số/tháng.\n"),
                       (HEAD, "- Bảng tin tại nhà văn hóa các tổ dân phố: cập nhật 01 số/tháng.\n"),
                       (OCR_HEAD, "- Bang tin Doan - Y té truéng hoc: 01 s6/thang.\n")):
        draft, _ = draft_from_text(head + "V. HÌNH THỨC, CHỈ TIÊU\n" + said, "plan.txt")
        assert [(q.activity, q.count, q.per) for q in draft.quotas] == [("poster", 1, "month")], said


def test_results_sent_to_a_board_by_a_date_are_a_deadline():
    for head, said in ((HEAD, "2. Tổ tư vấn: khảo sát, tư vấn; tổng hợp kết quả khảo sát gửi Ban Giám hiệu "
                              "trước ngày 30/01/2027.\n"),
                       (HEAD, "2. Các xưởng: gửi kết quả tự kiểm tra về Phòng Nhân sự "
                              "trước ngày 30/01/2027.\n"),
                       (OCR_HEAD, "2. T6 tu van: khao sat, tu van; téng hop két qua khao sat giti Ban "
                                  "Gidm hiéu\ntrudc ngay 30/01/2027.\n")):
        draft, _ = draft_from_text(head + "VI. TỔ CHỨC THỰC HIỆN\n" + said, "plan.txt")
        assert [d.due for d in draft.deadlines] == [D(2027, 1, 30)], said


def test_a_bordered_rows_last_cell_ocr_put_on_a_line_of_its_own():
    row = "| Thang 10 - 11 | Sttc khée tinh than | Hudng tng Ngay Sitc khée tam than |"
    for first in (row + "\nDoan truong; |", row + " Doan\ntruong; |"):
        draft, _ = draft_from_text(OCR_HEAD.replace("15 thang 12", "28 thang 8") + (
            "IV. THOI GIAN VA NOI DUNG THEO THANG\n"
            "Thoi gian thuc hién: tir ngay 07/9/2026 dén ngay 22/5/2027.\n\n"
            "| Thoi gian | Chu dé | Hoat dong chinh | Phu trach |\n\n" + first + "\n\n"
            "| | va mang xa hdi | thé gidi (10/10); dién dan | Té tu van |\n\n"
            "| Thang 12 - 01 | Tro choi truc tuyén | Chuyén dé dudi cd | Doan truong |\n\n"
            "V. KINH PHI\n"), "ocr.txt")
        assert [kd.day for kd in draft.key_dates] == ["10/10"], first


def test_a_content_and_slogans_section_whose_content_part_is_no_slogan():
    for content in ("1. Nội dung\na) Đường lây qua giọt bắn, tiếp xúc gần.\n"
                    "b) Dấu hiệu nguy hiểm và xử trí.\n",
                    "1. Nội dung truyền thông:\n- Đường lây qua giọt bắn, tiếp xúc gần.\n"
                    "- Dấu hiệu nguy hiểm và xử trí.\n"):
        draft, _ = draft_from_text(HEAD + "III. NỘI DUNG VÀ THÔNG ĐIỆP\n" + content + (
            "2. Thông điệp\n"
            "- \"Sốt cao, cứng cổ, nổi ban - Đến ngay cơ sở y tế\"\n"
            "- \"Phòng trọ thông thoáng - Sức khỏe công nhân\"\n\n"
            "IV. THỜI GIAN\n"), "plan.txt")
        assert [s.text for s in draft.slogans] == ["Sốt cao, cứng cổ, nổi ban - Đến ngay cơ sở y tế",
                                                   "Phòng trọ thông thoáng - Sức khỏe công nhân"], content


def test_slogans_numbered_under_their_section_stay_slogans():
    draft, _ = draft_from_text(HEAD + (
        "III. KHẨU HIỆU\n"
        "1. Nội quy an toàn - Sức khỏe của bạn\n"
        "2. Nói không với thuốc lá\n\n"
        "IV. THỜI GIAN\n"), "plan.txt")
    assert len(draft.slogans) == 2


PEAKS = [(D(2027, 3, 1), D(2027, 3, 31)), (D(2027, 11, 1), D(2027, 11, 30))]


def test_two_peaks_named_by_ordinal_amid_year_round_work():
    for first, second in (("1. Đợt cao điểm thứ nhất, từ ngày 01 tháng 3 đến ngày 31 tháng 3 năm 2027: "
                           "khám.", "2. Đợt cao điểm thứ hai, từ ngày 01 tháng 11 đến ngày 30 tháng 11 "
                           "năm 2027: tầm soát."),
                          ("- Đợt cao điểm thứ nhất (từ 01/3 đến 31/3/2027): khám.",
                           "- Đợt cao điểm thứ hai (từ 01/11 đến 30/11/2027): tầm soát.")):
        draft, _ = draft_from_text(HEAD + (
            "II. THỜI GIAN THỰC HIỆN\n"
            "Từ ngày 01/01/2027 đến ngày 31/12/2027. Truyền thông thường xuyên trong suốt năm; tập trung vào "
            "hai đợt cao điểm:\n" + first + "\n" + second + "\n\nIII. KINH PHÍ\n"), "plan.txt")
        assert [(p.start, p.end) for p in draft.phases] == PEAKS, first


def test_the_same_peaks_as_ocr_reads_them_thir_nhat():
    draft, _ = draft_from_text(OCR_HEAD + (
        "II. THOI GIAN THUC HIEN\n\n"
        "Tir ngay 01/01/2027 dén ngay 31/12/2027. Truyén thong thudng xuyén trong sudt nam; tap trung vao\n"
        "hai dot cao diém:\n\n"
        "1. Dot cao diém thir nhat, tir ngay 01 thang 3 dén ngay 31 thang 3 nam 2027: kham.\n\n"
        "2. Dot cao diém thir hai, tir ngay 01 thang 11 dén ngay 30 thang 11 nam 2027: tam soat.\n\n"
        "III. KINH PHI\n"), "ocr.txt")
    assert [(p.start, p.end) for p in draft.phases] == PEAKS


def test_a_moving_days_weekday_as_ocr_bends_its_thứ_and_a_long_event_on_a_weekday():
    clean = ("1. Đợt cao điểm thứ nhất, từ ngày 01/3 đến ngày 31/3/2027: hưởng ứng Ngày Thận thế giới "
             "(thứ Năm, ngày 11 tháng 3 năm 2027); khám, xét nghiệm sàng lọc bệnh thận mạn miễn phí cho "
             "người từ 40 tuổi trở lên tại Trung tâm vào thứ Bảy, ngày 13 tháng 3 năm 2027.\n")
    ocr = ("1. Dot cao diém thir nhat, tir ngay 01/3 dén ngay 31/3/2027: huéng tng Ngay Than thé gidi "
           "(thi Nam, ngay 11 thang 3 nam 2027); kham, xét nghiém sang loc bénh than man mién phi cho "
           "nguoi tir 40 tudi tro 1én tai Trung tam vao thir Bay, ngay 13 thang 3 nam 2027.\n")
    for head, said in ((HEAD, clean), (OCR_HEAD, ocr)):
        draft, _ = draft_from_text(head + "II. THỜI GIAN THỰC HIỆN\n" + said, "plan.txt")
        assert sorted(kd.date for kd in draft.key_dates) == [D(2027, 3, 11), D(2027, 3, 13)], head


def test_an_event_dated_inside_a_phases_item_after_its_span():
    for said in ("2. Đợt 2 (từ ngày 15/3/2027 đến hết ngày 31/5/2027): truyền thông tại trường học; "
                 "lễ ra quân tiêm vắc xin cho người lao động tại Khu công nghiệp ngày 20/3/2027.\n",
                 "- Giai đoạn 2: từ 15/3 đến 31/5/2027, lễ phát động tại xã An Bình vào ngày 20/3/2027.\n"):
        draft, _ = draft_from_text(HEAD + "IV. THỜI GIAN\n" + said, "plan.txt")
        assert [kd.date for kd in draft.key_dates] == [D(2027, 3, 20)], said
    draft, _ = draft_from_text(HEAD + "IV. THỜI GIAN\n- Giai đoạn 1 (chuẩn bị, phát động): từ ngày 16/3 "
                               "đến ngày 31/3/2027.\n- Giai đoạn 2: từ 01/4 đến 30/6/2027.\n", "plan.txt")
    assert draft.key_dates == []


def test_a_day_with_its_other_name_in_brackets_and_days_of_the_calendar():
    for said in ("- Hưởng ứng Ngày Nhận thức về bệnh hiếm (Ngày Màu tím, 26/3) và tổng kết.\n",
                 "- Huéng ting Ngay Nhan thitc vé bénh hiém (Ngay Mau tim, 26/3) va tong két.\n"):
        draft, _ = draft_from_text((OCR_HEAD if "Ngay" in said else HEAD) + "IV. NỘI DUNG\n" + said, "p.txt")
        assert [kd.day for kd in draft.key_dates] == ["26/03"], said
    draft, _ = draft_from_text(HEAD + "IV. NỘI DUNG\n- Kỷ niệm Ngày truyền thống Hội Nông dân Việt Nam; "
                               "hưởng ứng Ngày Thế giới về an toàn, sức khỏe tại nơi làm việc.\n", "p.txt")
    assert sorted(kd.day for kd in draft.key_dates) == ["14/10", "28/04"]


def test_a_days_date_in_brackets_ocr_set_on_a_line_of_its_own():
    draft, _ = draft_from_text(OCR_HEAD.replace("15 thang 12", "20 thang 10") + (
        "IV. THOI GIAN\n\n"
        "Dot 3 Tir 01/9/2027 Thu hoach: thoi gian cach ly; so Toan tinh\n\n"
        "dén 30/11/2027 citu ngé déc; huéng tng Ngay Hen\n\n"
        "toan cau\n\n"
        "(04/5/2027); tong két\n\n"
        "V. KINH PHI\n"), "ocr.txt")
    assert [kd.date for kd in draft.key_dates] == [D(2027, 5, 4)]


def test_a_rows_channel_split_over_its_wrapped_line_names_its_rate():
    for first, rest in (("Phát thông điệp trên hệ thống truyền", "thanh xã, phường"),
                        ("Phát thông điệp qua loa", "truyền thanh các xã")):
        draft, _ = draft_from_text(HEAD + (
            "V. HOẠT ĐỘNG VÀ CHỈ TIÊU\n\n"
            "TT | Hoạt động | Chỉ tiêu, tần suất | Đơn vị chủ trì\n"
            f"4 | {first} | 02 lần/tuần | Trung tâm Y tế\n"
            f"  | {rest} |  | khu vực; UBND cấp xã\n"
            "6 | Phối hợp Đài Phát thanh, Truyền hình | 01 phóng sự/tháng | Văn phòng Sở\n"
            "  | thực hiện phóng sự, tọa đàm |  | \n\n"
            "VI. TỔ CHỨC THỰC HIỆN\n"), "plan.txt")
        assert sorted((q.activity, q.count, q.per) for q in draft.quotas) == [
            ("loudspeaker", 2, "week"), ("other", 1, "month")], first


def test_a_count_and_its_noun_split_over_a_rows_two_lines_as_ocr_bends_the_noun():
    assert "buoi/quy" in repair("| xom, khoi; sinh hoat chi héi phu nt | budi/quy |")
    assert "buoi/thang" in repair("budi/thang | Tram Y té")
    draft, _ = draft_from_text(OCR_HEAD + (
        "V. HOAT DONG VA CHi TIEU\n\n"
        "TT | Hoat dong | Chi tiéu, tan suat | Don vi chu tri\n\n"
        "5 | Noi chuyén chuyén dé tai nha van héa | Méi x4, phuong 01 | Tram Y té\n"
        "| xom, khoi; sinh hoat chi héi phu nt | budi/quy |\n\n"
        "VI. TO CHUC THUC HIEN\n"), "ocr.txt")
    assert [(q.activity, q.count, q.per) for q in draft.quotas] == [("conference", 1, "quarter")]


def test_a_contests_final_on_a_date_is_a_key_date_even_when_ocr_bent_its_name():
    for head, said in ((HEAD, "- Giai đoạn 3 (Quý IV/2027): chung kết cuộc thi viết ngày 24/10/2027; "
                              "tổng kết.\n"),
                       (OCR_HEAD, "- Giai doan 3 (Quy IV/2027): chung két Hi thi \"Btra com\" ngay "
                                  "24/10/2027;\ndanh gia, tong két.\n")):
        draft, _ = draft_from_text(head + "IV. THỜI GIAN\n" + said, "plan.txt")
        assert [kd.date for kd in draft.key_dates] == [D(2027, 10, 24)], said


def test_a_quota_noun_with_one_letter_misread_as_is():
    assert "buoi/thang" in repair("hen: 01 buGi/thang, sang thir Nam")
    assert "buoi/thang" in repair("mdi khu cong nghiép 02 budi/thang trong Dot 1")
    assert "lan/tuan" in repair("Loa phat thanh: 03 1an/tuan")


def test_months_without_a_year_as_ocr_reads_the_table_without_its_lines():
    draft, _ = draft_from_text(OCR_HEAD.replace("15 thang 12", "28 thang 8") + (
        "IV. THOI GIAN VA NOI DUNG THEO THANG\n"
        "Thoi gian thuc hién: tir ngay 07/9/2026 dén ngay 22/5/2027.\n\n"
        "Thoi gian Chu dé Hoat dong chinh Phu trach\n\n"
        "Thang 9 Thoi gian biéu hop ly, Khao sat théi quen Té tu van\n\n"
        "ngu du giac dau nam GVCN\n\n"
        "Thang 10 - 11 Sttc khée tinh than Hudng tng Ngay Doan truong\n\n"
        "Thang 12 - 01 Tro choi truc tuyén, Chuyén dé dudi cd Doan truong\n\n"
        "Thang 02 - 5 Gide ngu va hoc tap Tong két Nhan vién y\n\n"
        "V. KINH PHI\n"), "ocr.txt")
    assert [(p.start, p.end) for p in draft.phases] == SCHOOL


def test_steps_said_with_a_colon_or_brackets_only():
    for body in ("Bước 1 (từ ngày 04/01 đến ngày 31/01/2027): khảo sát.\n"
                 "Bước 2 (từ ngày 01/3 đến ngày 31/5/2027): triển khai.\n"
                 "Bước 3 (từ ngày 01/6 đến ngày 30/6/2027): tổng kết.\n",
                 "Bước 1: Khảo sát (từ ngày 04/01 đến ngày 31/01/2027); in tài liệu.\n"
                 "Bước 2: Triển khai (từ ngày 01/3 đến ngày 31/5/2027).\n"
                 "Bước 3: Đánh giá (từ ngày 01/6 đến ngày 30/6/2027).\n",
                 "Bước 1 - Khảo sát: từ ngày 04/01 đến ngày 31/01/2027.\n"
                 "Bước 2 - Triển khai: từ ngày 01/3 đến ngày 31/5/2027.\n"
                 "Bước 3 - Đánh giá: từ ngày 01/6 đến ngày 30/6/2027.\n"):
        draft, _ = draft_from_text(HEAD + "3. THỜI GIAN VÀ CÁC BƯỚC THỰC HIỆN\nThời gian thực hiện từ ngày "
                                   "04/01/2027 đến ngày 30/6/2027.\n" + body + "\n4. KINH PHÍ\n", "plan.txt")
        assert [(p.start, p.end) for p in draft.phases] == STEPS, body


def test_a_month_rows_range_wrapped_after_đến():
    draft, _ = draft_from_text(HEAD.replace("15 tháng 12", "20 tháng 10") + SPAN + (
        "Thời gian\tNội dung trọng tâm\tHoạt động chính\n"
        "Tháng 11/2026\tPhát hiện sớm; đo\tĐo chức năng hô hấp\n"
        "Tháng 12/2026 đến\tGiữ ấm, phòng đợt cấp mùa\tTư vấn tiêm vắc xin cúm,\n"
        "01/2027\tlạnh; tiêm vắc xin\tphế cầu\n"
        "Tháng 02 - 3/2027\tBỏ thuốc lá dịp Tết\tTư vấn cai thuốc lá\n\n"
        "6. KINH PHÍ\n"), "plan.txt")
    assert [(p.start, p.end) for p in draft.phases] == MONTHS
    draft, _ = draft_from_text(OCR_HEAD.replace("15 thang 12", "20 thang 10") + (
        "5. THOI GIAN VA NOI DUNG TRONG TAM\n"
        "Thoi gian thuc hién: tir ngay 01/11/2026 dén ngay 31/3/2027.\n\n"
        "Thang 11/2026 Phat hién sém; do Do chttc nang hé hap\n\n"
        "Thang 12/2026 dén Git 4m, phdng dot cap mia Tu van tiém vac xin cm,\n\n"
        "01/2027 lanh; tiém vac xin phé cau\n\n"
        "Thang 02 - 3/2027 Bé thuéc la dip Tét Tu van cai thuéc la\n\n"
        "6. KINH PHI\n"), "ocr.txt")
    assert [(p.start, p.end) for p in draft.phases] == MONTHS


def test_a_month_rows_range_end_wrapped_in_lower_case_or_inside_its_paragraph():
    for cut in ("Thang 12/2026 - Git 4m, phdng dot cap mia Tu van\n\nthang 01/2027 lanh, tiém vac xin\n\n",
                "Thang 12/2026 - Git 4m, phdng dot cap mia Tu van\nthang 01/2027 lanh, tiém vac xin\n\n",
                "Thang 12/2026 - Git 4m, phdng dot cap mia Tu van\n01/2027 lanh, tiém vac xin phé cau\n\n"):
        draft, _ = draft_from_text(OCR_HEAD.replace("15 thang 12", "20 thang 10") + (
            "5. THOI GIAN VA NOI DUNG TRONG TAM\n"
            "Thoi gian thuc hién: tir ngay 01/11/2026 dén ngay 31/3/2027.\n\n"
            "Thang 11/2026 Phat hién sém, do Do chttc nang hé hap\n\n" + cut +
            "Thang 02 - 3/2027 Bé thuéc la dip Tét Tu van cai thuéc la\n\n"
            "6. KINH PHI\n"), "ocr.txt")
        assert [(p.start, p.end) for p in draft.phases] == MONTHS, cut
        assert draft.phases[1].name.startswith("Tháng 12/2026 - 01/2027: "), cut


def test_an_items_event_on_a_weekday_and_one_said_with_the_morning():
    item = ("5. Ra quân diệt chuột đồng loạt trên toàn khu vực vào Chủ nhật, ngày 06 tháng 9 năm 2026, "
            "phối hợp Hội Nông dân.\n")
    phase = ("- Đợt 2 (từ ngày 14/9/2026 đến ngày 26/9/2026): ngày hội tư vấn, khám phụ khoa miễn phí "
             "tại Trạm Y tế vào sáng Chủ nhật, 20/9/2026.\n")
    for said, day in ((item, D(2026, 9, 6)), (phase, D(2026, 9, 20))):
        head = HEAD.replace("15 tháng 12", "20 tháng 8")
        draft, _ = draft_from_text(head + "IV. HOẠT ĐỘNG\n" + said, "p.txt")
        assert [kd.date for kd in draft.key_dates] == [day], said


def test_rates_of_a_numbered_table_row_ocr_read_without_its_column_lines():
    draft, _ = draft_from_text(OCR_HEAD + (
        "V. CHI TIEU HOAT DONG\n\n"
        "TT Hoat déng Don vi tinh Chi tigu Don vi thuc hién\n\n"
        "1 Tin, bai trén Trang théng tin dién ti S6 Y té Tin, bai\n02/thang Chi cuc DS-KHHGD\n\n"
        "2 Phat thanh trén dai truyén thanh xa, phuséng Lan 04/thang Tram Y té\nxa\n\n"
        "3 Nói chuyện tại hội trường xã Buổi 01/xa/quy Tram Y té xa\n\n"
        "VI. TO CHUC THUC HIEN\n"), "ocr.txt")
    assert sorted((q.activity, q.count, q.per) for q in draft.quotas) == [
        ("conference", 1, "quarter"), ("loudspeaker", 4, "month"), ("website", 2, "month")]


def test_a_count_of_days_or_a_date_in_a_numbered_row_is_no_rate():
    draft, _ = draft_from_text(HEAD + (
        "V. CHỈ TIÊU\n\n"
        "1 Khám sàng lọc 02/2027 tại Trạm Y tế, 100% người dân\n\n"
        "VI. TỔ CHỨC THỰC HIỆN\n"), "plan.txt")
    assert draft.quotas == []


def test_a_quota_noun_ocr_bent_a_few_words_before_its_rates_slash():
    assert "01 buoi noi" in repair("it nhat 01 buéi néi chuyén chuyén dé/quy tai nha van")
    assert "02 lan phat" in repair("Loa: 02 1an phat thanh/tuan")
    assert "05 ngay" in repair("trong 05 ngay, tu 01/10")  # no rate's slash: left as read


def test_a_roman_heading_in_sentence_case_with_its_text_right_below():
    from bot.domain.planimport.text import split
    plan = split("II. Thời gian thực hiện\nTừ ngày 01/01/2027 đến ngày 31/12/2027.\n"
                 "III. Tuyên truyền trên loa truyền thanh\ncủa các xã, phường.\n")
    assert [(p.level, p.heading) for p in plan.paras][:2] == [(1, "Thời gian thực hiện"), (0, "")]
    assert plan.paras[1].section == "thoi gian thuc hien"
    assert plan.paras[2].text == "III. Tuyên truyền trên loa truyền thanh của các xã, phường."


def test_an_arabic_heading_in_sentence_case_with_its_text_right_below():
    from bot.domain.planimport.text import split
    plan = split("3. Thời gian và các bước thực hiện\nThời gian thực hiện từ ngày 04/01/2027.\n"
                 "4. Nói chuyện tại tổ sản xuất, khám\nsức khỏe định kỳ.\n")
    assert [(p.level, p.heading) for p in plan.paras][:2] == [(2, "Thời gian và các bước thực hiện"), (0, "")]
    assert plan.paras[1].parent == "Thời gian và các bước thực hiện"
    assert plan.paras[2].text == "4. Nói chuyện tại tổ sản xuất, khám sức khỏe định kỳ."


def test_a_table_of_steps_their_periods_in_the_next_cell_as_typed_and_as_ocr_reads_it():
    clean = ("| Bước | Thời gian | Nội dung |\n| Bước 1 | Từ 04/01 đến 31/01/2027 | Khảo sát |\n"
             "| Bước 2 | Từ 01/3 đến 31/5/2027 | Triển khai |\n"
             "| Bước 3 | Từ 01/6 đến 30/6/2027 | Đánh giá |\n\n")
    ocr = ("| Budc | Thoi gian | Noi dung |\n\n| Budc 1 | Tir 04/01 dén 31/01/2027 | Khao sat |\n\n"
           "| Budc 2 | Tir 01/3 dén 31/5/2027 | Trién khai |\n\n"
           "| Buvc 3 | Tir 01/6 dén 30/6/2027 | Danh gia |\n\n")
    for head, body in ((HEAD, clean), (OCR_HEAD, ocr)):
        draft, _ = draft_from_text(head + "3. THỜI GIAN VÀ CÁC BƯỚC THỰC HIỆN\n\n" + body + "4. KINH PHÍ\n",
                                   "p.txt")
        assert [(p.start, p.end) for p in draft.phases] == STEPS, head
        assert [p.name for p in draft.phases] == ["Bước 1", "Bước 2", "Bước 3"]


def test_a_report_tables_lone_months_are_no_phases():
    draft, _ = draft_from_text(HEAD + (
        "III. THỜI GIAN\nTừ ngày 01/01/2027 đến ngày 31/12/2027.\n\n"
        "IV. TỔ CHỨC THỰC HIỆN\n| Kỳ báo cáo | Thời hạn |\n| Tháng 6 | trước ngày 20/6/2027 |\n"
        "| Tháng 12 | trước ngày 15/12/2027 |\n"), "plan.txt")
    assert [(p.start, p.end) for p in draft.phases] == [(D(2027, 1, 1), D(2027, 12, 31))]
