"""Key dates of the twenty-sixth round (#21): national weeks whose dates never move, kept by their
first day whether a plan dates them or only names them."""

from __future__ import annotations

from bot.domain.planimport import draft_from_text

HEAD = ("TRẠM Y TẾ XÃ TÂN HÒA\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 05/KH-TYT\tTân Hòa, ngày 10 tháng 01 năm 2027\n\n"
        "KẾ HOẠCH\nTruyền thông chăm sóc bà mẹ và trẻ nhỏ năm 2027\n\n"
        "II. THỜI GIAN\nKế hoạch thực hiện từ ngày 15/01/2027 đến ngày 15/12/2027.\n\n")


def _days(body: str) -> list[str | None]:
    return [k.day for k in draft_from_text(HEAD + body, "plan.txt")[0].key_dates]


def test_a_known_week_only_named_is_kept_by_its_first_day():
    got = _days("III. HOẠT ĐỘNG\n- Quý III: nói chuyện tại các thôn, gắn với Tuần lễ Nuôi con bằng "
                "sữa mẹ và công tác của chi hội phụ nữ.\n")
    assert "01/08" in got


def test_a_known_week_dated_after_its_activity_is_kept_by_its_first_day():
    got = _days("III. HOẠT ĐỘNG\n3\tHưởng ứng Tuần lễ Tiêm chủng thế giới: tư vấn cho cha mẹ\t"
                "24 - 30/4/2027\tTrạm Y tế\n")
    assert "24/04" in got


def test_a_week_loa_does_not_know_and_the_words_alone_mark_nothing():
    got = _days("III. HOẠT ĐỘNG\n- Hưởng ứng Tuần lễ Gia đình khỏe mạnh; tư vấn nuôi con bằng sữa mẹ "
                "và dinh dưỡng và phát triển của trẻ tại các thôn.\n")
    assert got == []


def _dates(body: str) -> list[str]:
    return [str(k.date) for k in draft_from_text(HEAD + body, "plan.txt")[0].key_dates if k.date]


def test_the_paragraph_an_activitys_heading_holds_dates_its_event():
    got = _dates("III. HOẠT ĐỘNG\n2. Tập huấn\nMở 01 lớp cho cộng tác viên dân số về cách cân, đo trẻ: "
                 "ngày 16/3/2027 tại hội trường Trạm.\n\n"
                 "3. Hội thi\nTổ chức hội thi \"Mẹ khỏe, con ngoan\" giữa các chi hội vào thứ Sáu, ngày 14 "
                 "tháng 5 năm 2027 tại nhà văn hóa xã.\n")
    assert sorted(got) == ["2027-03-16", "2027-05-14"]


def test_a_heading_over_a_span_or_a_report_dates_no_event():
    got = _dates("III. TỔ CHỨC\n4. Thời gian\nCác hoạt động diễn ra từ ngày 01/3/2027 đến ngày "
                 "30/11/2027.\n\n5. Chế độ báo cáo\nCác thôn gửi kết quả về Trạm Y tế trước ngày "
                 "20/6/2027.\n")
    assert got == []


def _all(body: str) -> list[tuple[str | None, str | None]]:
    return [(k.day, str(k.date) if k.date else None)
            for k in draft_from_text(HEAD + body, "plan.txt")[0].key_dates]


def test_more_named_days_of_the_calendar_are_known():
    got = _all("III. TIẾN ĐỘ\nTT | Hoạt động | Thời gian | Đơn vị\n"
               "1 | Hưởng ứng Ngày Quốc tế Người khuyết tật: gặp mặt hội viên | 03/12/2027 | Hội\n"
               "2 | Hưởng ứng Ngày Sức khỏe răng miệng thế giới: khám răng | 17/3/2027 | Trạm\n")
    assert ("03/12", None) in got and ("20/03", None) in got
    assert (None, "2027-12-03") not in got  # the event on the day is the day


def test_words_of_a_named_day_without_its_ngay_mark_nothing():
    got = _all("III. HOẠT ĐỘNG\n- Tư vấn sức khỏe răng miệng thế giới trẻ em và người khuyết tật "
               "Việt Nam tại các thôn.\n")
    assert got == []


def test_an_age_from_which_an_event_is_open_is_no_span():
    got = _dates("III. HOẠT ĐỘNG\ne) Giải đi bộ \"Khỏe mỗi ngày\" cho người từ 50 tuổi: Chủ nhật, "
                 "ngày 19-9-2027.\n")
    assert got == ["2027-09-19"]


def test_a_span_from_a_day_still_dates_no_event():
    got = _dates("III. HOẠT ĐỘNG\ne) Giải đi bộ \"Khỏe mỗi ngày\" mở đăng ký từ 05/9 cho các thôn: "
                 "Chủ nhật, ngày 19-9-2027.\n")
    assert got == []


def test_a_known_day_held_on_another_date_is_an_event_and_the_day_stays_its_own():
    got = _all("III. HOẠT ĐỘNG\n- Nói chuyện tại hội trường xã hưởng ứng Ngày Pháp luật Việt Nam vào ngày "
               "12/11/2027.\n")
    assert ("09/11", None) in got and (None, "2027-11-12") in got
    assert ("12/11", None) not in got  # no yearly day on the event's date


def test_a_named_day_in_a_cited_document_or_a_past_years_result_marks_nothing():
    got = _days("I. CĂN CỨ\nCăn cứ Quyết định số 310/QĐ-UBND ngày 02/3/2026 về tổ chức Ngày Chuyển đổi số "
                "quốc gia;\n\nIII. HOẠT ĐỘNG\n- Năm 2026, nhân Ngày Quốc tế Người khuyết tật, Trạm đã thăm "
                "20 gia đình có trẻ khuyết tật.\n- Kết quả năm 2026: đã khám răng cho 300 trẻ trong Tuần lễ "
                "Dinh dưỡng và Phát triển.\n")
    assert got == []


def test_a_named_day_this_year_beside_a_past_year_is_still_marked():
    got = _days("III. HOẠT ĐỘNG\n- Tiếp nối kết quả năm 2026, hưởng ứng Ngày Sinh non thế giới bằng buổi "
                "gặp mặt các gia đình.\n")
    assert got == ["17/11"]
