"""Dated one-off events of the fifteenth blind batch's families (#21): an activity item that
ends on its full date ("vào ngày 10/9/2026 tại …", ": ngày 18/6/2027", "thứ Bảy, ngày 15 tháng 5
năm 2027"), two places each with its date, a table row whose time cell is one date (wrapped, or
flattened by OCR), a campaign month in quotes over dated days; and what is not one."""

from __future__ import annotations

import datetime as dt

from bot.domain.planimport import draft_from_text

D = dt.date
HEAD = ("ỦY BAN NHÂN DÂN XÃ AN PHÚ\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 41/KH-UBND\tAn Phú, ngày 10 tháng 12 năm 2026\n\n"
        "KẾ HOẠCH\nTruyền thông phòng, chống bệnh dại năm 2027\n\n"
        "I. THỜI GIAN THỰC HIỆN\nTừ ngày 01/01/2027 đến ngày 31/12/2027.\n\n"
        "II. HOẠT ĐỘNG\n")
OCR_HEAD = ("UY BAN NHAN DAN XA AN PHU CONG HOA XA HOI CHU NGHIA VIET NAM\n"
            "S6: 41/KH-UBND An Phu, ngay 10 thang 12 nam 2026\n\n"
            "KE HOACH\nTruyén théng phong, chéng bénh dai nam 2027\n\n"
            "I. THOI GIAN THUC HIEN\nTir ngay 01/01/2027 dén ngay 31/12/2027.\n\n"
            "II. HOAT DONG\n")


def _dates(text: str) -> list[dt.date]:
    draft, _ = draft_from_text(text, "plan.txt")
    return sorted(k.date for k in draft.key_dates if k.date)


def test_numbered_items_each_ending_on_their_date_with_a_place_after_it():
    text = HEAD + (
        "1. Hội nghị triển khai cho trưởng thôn vào ngày 12/01/2027 tại Hội trường xã.\n"
        "2. Tập huấn: 01 lớp cho cộng tác viên vào sáng ngày 20-3-2027, tại Trạm Y tế.\n"
        "3. Tiêm vắc xin cho chó, mèo tại thôn Đông ngày 10/4/2027 và thôn Tây ngày 17/4/2027.\n"
        "- Hội thảo chuyên đề \"Dại và phơi nhiễm\" cho y tế thôn: ngày 05/6/2027.\n")
    assert _dates(text) == [D(2027, 1, 12), D(2027, 3, 20), D(2027, 4, 10), D(2027, 4, 17),
                            D(2027, 6, 5)]


def test_a_day_of_a_round_said_long_with_its_weekday_and_its_number_in_the_name():
    text = HEAD + ("+ Ngày tiêm tập trung lần 1: Chủ nhật, ngày 16 tháng 5 năm 2027;\n"
                   "+ Ngày tiêm tập trung lần 2: Chủ nhật, ngày 14 tháng 11 năm 2027.\n")
    assert _dates(text) == [D(2027, 5, 16), D(2027, 11, 14)]


def test_deadlines_spans_and_dates_outside_the_plan_are_not_events():
    text = HEAD + (
        "1. Báo cáo: các thôn báo cáo kết quả trước ngày 10/6/2027; tổng hợp gửi Huyện ngày 15/6/2027.\n"
        "2. Giai đoạn 1: từ ngày 01/02/2027 đến ngày 30/4/2027.\n"
        "3. Rà soát đàn chó từ ngày 05/01/2027 đến hết ngày 20/01/2027.\n"
        "4. Hội nghị tổng kết năm 2026 đã tổ chức vào ngày 20/11/2026 tại xã.\n")
    assert _dates(text) == []


def test_a_table_row_whose_time_cell_is_one_date_wrapped_below_its_word():
    text = HEAD + (
        "TT\tHoạt động\tĐơn vị\tThời gian\tChỉ tiêu\n"
        "1\tHội thi \"Chủ nuôi có trách nhiệm\"\tTrạm Y tế, Hội Nông dân\tNgày\t01 hội thi\n"
        "\tcho các hộ nuôi chó\txã\t22/8/2027\n"
        "2\tRà soát đàn chó, mèo\tTrưởng thôn\t01/3 - 31/3/2027\t100% hộ\n"
        "3\tBáo cáo kết quả\tTrạm Y tế\t15/12/2027\n")
    assert _dates(text) == [D(2027, 8, 22)]


def test_the_same_rows_as_ocr_flattens_them():
    text = OCR_HEAD + (
        "TT Hoat déng Don vi Thdi gian Chi tiéu\n\n"
        "1 H6i thi \"Chu nuéi cé trach nhiém\" Tram Y té, Héi Néng dan Ngay 01 hi thi\n"
        "cho cac hé nudi cho xa 22/8/2027\n\n"
        "2 Bao cao két qua Tram Y té Truéc ngay\n"
        "15/12/2027\n")
    assert _dates(text) == [D(2027, 8, 22)]


def test_a_campaign_month_in_quotes_over_dated_days_is_an_event_on_its_first_day():
    text = HEAD + ("Giai đoạn 2 (Quý III/2027): chiến dịch \"Tháng tiêm phòng dại\" từ 01/8 đến "
                   "31/8/2027 tại các thôn.\n")
    assert D(2027, 8, 1) in _dates(text)


def test_many_dated_items_read_in_linear_time():
    item = "- Khám sàng lọc tại thôn Đông vào ngày 12/4/2027 và thôn Tây ngày 13/4/2027 "
    draft, _ = draft_from_text(HEAD + item * 3000 + ".\n", "plan.txt")
    assert {k.date for k in draft.key_dates} == {D(2027, 4, 12), D(2027, 4, 13)}


def test_an_item_ocr_cut_at_a_blank_line_keeps_its_date_below():
    text = OCR_HEAD + ("6. Hi thi \"Chu nuoi gidi\" cap xa cé phan thi kién thitc phdng chéng\n\n"
                       "bénh dai, t6 chtte ngay 23/9/2027 tai nha van héa thén Déng.\n")
    assert _dates(text) == [D(2027, 9, 23)]


def test_without_a_span_read_events_of_the_year_after_the_plans_date_are_kept():
    text = ("UY BAN NHAN DAN XA AN PHU\nS6: 41/KH-UBND An Phu, ngay 10 thang 12 nam 2026\n\n"
            "KE HOACH\nTruyén théng phong chéng bénh dai\n\n"
            "1. Hi nghi trién khai cho trudng thon vao ngay 12/01/2027 tai Hoi truong xa.\n"
            "2. Hoi thao vao ngay 12/5/2029 tai tinh.\n")
    assert _dates(text) == [D(2027, 1, 12)]


def test_an_items_date_after_its_colon_or_in_brackets_without_the_word_ngay():
    text = HEAD + ("- Hội thảo chuyên đề cho bác sĩ thú y: 18/6/2027.\n"
                   "- Diễn tập xử trí chó cắn (25/7/2027) tại thôn Bắc.\n")
    assert _dates(text) == [D(2027, 6, 18), D(2027, 7, 25)]


def test_an_items_date_without_its_year_takes_the_spans_year():
    text = HEAD + ("1. Hội nghị triển khai cho trưởng thôn vào ngày 12/01 tại Hội trường xã.\n"
                   "2. Ra quân tiêm phòng vào ngày 22/12 (2026) tại xã.\n")
    assert _dates(text) == [D(2027, 1, 12)]


def test_ocr_bent_deadlines_and_spans_are_not_events():
    text = OCR_HEAD + ("1. Cac thon gtri danh sach vé Tram Y té ngay 15/02/2027.\n"
                       "2. Tram Y té n6p két qua cho Huyén vao ngay 20/6/2027.\n"
                       "3. Ra soat dan ché tir ngay 05/01/2027 dén ngay 20/01/2027.\n"
                       "4. Bdo cdo so két vao ngay 10/7/2027.\n"
                       "5. Hi nghi trién khai vao ngay 12/01/2027 tai Hoi truong xa.\n")
    assert _dates(text) == [D(2027, 1, 12)]


def test_a_phase_lines_event_after_its_head_and_not_its_span():
    text = HEAD + ("- Giai đoạn 2 (từ ngày 01/3/2027 đến hết ngày 31/5/2027): tuyên truyền tại trường; "
                   "lễ ra quân tiêm phòng dại tại thôn Bắc ngày 20/3/2027.\n"
                   "- Đợt 3 (Quý IV/2027): chung kết Hội thi \"Chủ nuôi giỏi\" ngày 24/10/2027; tổng kết.\n")
    assert _dates(text) == [D(2027, 3, 20), D(2027, 10, 24)]


def test_a_date_after_its_weekday_without_the_word_ngay():
    text = HEAD + ("- Ngày hội tiêm phòng tại Trạm Y tế vào sáng Chủ nhật, 19/9/2027.\n"
                   "- Tập huấn cộng tác viên vào thứ Bảy 09/10/2027 tại xã.\n")
    assert _dates(text) == [D(2027, 9, 19), D(2027, 10, 9)]


def test_an_activity_written_as_hoat_dong_n_with_its_date():
    text = HEAD + ("Hoạt động 3: Ngày hội tiêm phòng dại tại thôn Bắc vào ngày 19/9/2027.\n"
                   "Hoạt động 4: Rà soát đàn chó từ ngày 01/10/2027 đến ngày 15/10/2027.\n")
    assert _dates(text) == [D(2027, 9, 19)]


def test_an_items_field_label_leaves_the_event_its_own_words():
    draft, _ = draft_from_text(HEAD + "- Thời gian: 01 lớp tập huấn toàn xã vào ngày 13-01-2027 tại Trạm.\n",
                               "plan.txt")
    assert [(k.name, k.date) for k in draft.key_dates] == [("Lớp tập huấn toàn xã", D(2027, 1, 13))]


def test_two_places_of_one_item_each_named_with_its_place():
    draft, _ = draft_from_text(HEAD + "7. Tiêm phòng lưu động: phối hợp Trạm Thú y tiêm miễn phí tại thôn "
                               "Đông ngày 10/4/2027 và thôn Tây ngày 17/4/2027.\n", "plan.txt")
    assert [k.name for k in draft.key_dates] == ["Tiêm phòng lưu động tại thôn Đông",
                                                 "Tiêm phòng lưu động tại thôn Tây"]


def test_an_activity_set_apart_by_a_label_and_dated_is_an_event():
    body = ("TT\tHình thức\tSố lượng\tThời gian\n"
            "1\tPhát thanh trên loa của xã\t02 lần/tuần\tSáng thứ Hai\n"
            "2\tPa nô tại đầu bản\t12 pa nô\tQuý I/2027\n\n"
            "{} phối hợp Trung tâm Y tế tổ chức khám, tư vấn miễn phí cho học sinh Trường "
            "THCS An Phú vào ngày 23/3/2027.\n\nIII. TỔ CHỨC\n")
    for label in ("Đặc biệt:", "Ngoài ra,", "Ngoài ra:"):
        assert _dates(HEAD + body.format(label)) == [D(2027, 3, 23)], label
    ocr = OCR_HEAD + ("TT Hinh thtrc S6 luong Thoi gian\n\n2 Pa nd tai dau ban 12 pa nd Quy 1/2027\n\n"
                      "Dac biét: phdi hop Trung tam Y té t6 chirc kham, tu van mién phi cho hoc sinh "
                      "Truong THCS An Phu\nvao ngay 23/3/2027.\n\nIII. TO CHUC\n")
    assert _dates(ocr) == [D(2027, 3, 23)]
    # a report set apart so is no event
    assert _dates(HEAD + body.format("Đặc biệt:").replace("vào ngày", "báo cáo trước ngày")) == []


def test_a_phase_rows_period_named_as_a_national_month_is_its_yearly_day_not_an_event():
    def days(text: str) -> list[tuple[str | None, dt.date | None]]:
        draft, _ = draft_from_text(text, "plan.txt")
        return [(k.day, k.date) for k in draft.key_dates]
    rows = ("Đợt\tThời gian\tNội dung trọng tâm\tĐơn vị\n"
            "Đợt 1\t15/4 - 15/5/2027\tTháng hành động vì an toàn thực phẩm:\tPhòng Truyền thông\n"
            "\t\tlễ phát động ngày 15/4/2027 tại Công viên\t\n\nIII. TỔ CHỨC\n")
    assert days(HEAD + rows) == [("15/04", None)]
    bordered = ("| Đợt | Thời gian | Nội dung |\n"
                "| Đợt 1 | 15/4 - 15/5/2027 | Tháng hành động vì an toàn thực phẩm: lễ phát động |\n\n"
                "III. TỔ CHỨC\n")
    assert days(HEAD + bordered) == [("15/04", None)]
    ocr = OCR_HEAD + ("Dot 1 15/4 - 15/5/2027 Thang hanh déng vi an toan thuc pham: Phong Thong tin -\n"
                      "lé phat déng ngay 15/4/2027 tai Cong vién\n\nIII. TO CHUC\n")
    assert days(ocr) == [("15/04", None)]


def test_a_moving_days_date_after_its_weekday_whose_thu_ocr_cut_short():
    for weekday in ("th Nam", "tht Nam", "thir Nam", "th Bay"):
        text = OCR_HEAD + ("Thang 10: Duy tri tuyén truyén; hudng tng Ngay Thi giac thé gidi ("
                           + weekday + ",\nngay 08/10/2027); dénh gia, tong két.\n\nIII. TO CHUC\n")
        draft, _ = draft_from_text(text, "plan.txt")
        assert [k.date for k in draft.key_dates] == [D(2027, 10, 8)], weekday


def test_a_day_or_event_handed_to_a_plan_of_its_own_is_not_marked():
    text = HEAD + (
        "1. Hội nghị triển khai cho trưởng thôn vào ngày 12/01/2027 tại Hội trường xã.\n"
        "2. Ngày Thế giới phòng, chống bệnh dại (28/9) sẽ có kế hoạch riêng, không lồng ghép vào "
        "Kế hoạch này.\n"
        "3. Lễ ra quân tiêm phòng dại ngày 15/3/2027 do Ủy ban tổ chức theo kế hoạch riêng; Trạm Y tế "
        "tham gia.\n")
    draft, _ = draft_from_text(text, "plan.txt")
    assert [(k.day, k.date) for k in draft.key_dates] == [(None, D(2027, 1, 12))]


def test_a_day_handed_to_its_own_plan_as_ocr_reads_it_is_not_marked():
    text = OCR_HEAD + ("- Ngay Thé gidi phong, chéng bénh dai (28/9) sé cd ké hoach riéng, khéng thudc\n"
                       "Ké hoach nay.\n")
    draft, _ = draft_from_text(text, "plan.txt")
    assert [k.day for k in draft.key_dates] == []


def test_an_event_of_the_days_it_counts_is_marked_on_its_first_day():
    text = HEAD + (
        "- Lớp tập huấn tiêm phòng dại cho thú y viên do Chi cục hướng dẫn: 03 ngày, 07 - 09/4/2027.\n"
        "Hoạt động 2: Tập huấn xử trí vết cắn cho y tế thôn, 02 ngày 21 - 22/9/2027, tại Trạm Y tế.\n"
        # a span of work longer than the days it counts is no one event
        "- Tiêm vắc xin cho chó, mèo mỗi thôn 02 ngày, 01 - 30/6/2027.\n")
    assert _dates(text) == [D(2027, 4, 7), D(2027, 9, 21)]


def test_a_topics_after_in_an_events_name_is_no_bound_of_its_date():
    text = HEAD + (
        "- Tập huấn cho y tế thôn về chăm sóc vết thương do chó cắn và theo dõi người sau tiêm tại "
        "nhà: ngày 18/3/2027 tại Trạm Y tế.\n"
        "- Nói chuyện với hội chăn nuôi về tiêm phòng cho chó sau Tết: ngày 20/02/2027.\n"
        # a bound's "sau" still is one
        "- Báo cáo kết quả sau khi kết thúc đợt tiêm, chậm nhất ngày 30/6/2027.\n")
    assert _dates(text) == [D(2027, 2, 20), D(2027, 3, 18)]


def test_a_fixed_international_day_written_with_its_year_is_the_yearly_day():
    text = HEAD + ("- Ngày Lương thực thế giới (16/10/2027): trưng bày thực phẩm an toàn tại chợ xã.\n"
                   "- Mít tinh hưởng ứng Ngày Thính giác thế giới ngày 03/3/2027 tại Trạm Y tế.\n")
    draft, _ = draft_from_text(text, "plan.txt")
    assert sorted((k.day, k.date) for k in draft.key_dates) == [("03/03", None), ("16/10", None)]


def test_a_date_of_the_plans_own_sentence_before_another_subjects_own_plan_is_marked():
    # the comma turns to the hamlets' own rally; the date after "kế hoạch riêng" is no part of it
    text = HEAD + (
        "- Ngày 15/3/2027 tổ chức Lễ ra quân tiêm phòng dại tại Hội trường xã, các thôn tổ chức ra "
        "quân theo kế hoạch riêng.\n"
        "- Các thôn xây dựng kế hoạch riêng và tham dự mít tinh ngày 28/9/2027 tại Hội trường xã.\n")
    assert _dates(text) == [D(2027, 3, 15), D(2027, 9, 28)]
