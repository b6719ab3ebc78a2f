"""A school plan's activity table (#21, round 17): a training dated in a time cell wrapped after
its weekday ("Thứ Sáu," / "14/5/2027"), and talks in the flag-salute hour at a weekly rate."""

from __future__ import annotations

import datetime as dt

from bot.domain.planimport import draft_from_text

HEAD = ("SỞ GIÁO DỤC VÀ ĐÀO TẠO\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 1032/KH-SGDĐT\tngày 20 tháng 4 năm 2027\n\n"
        "KẾ HOẠCH\nBảo đảm y tế, phòng dịch trong Kỳ thi tốt nghiệp THPT năm 2027\n\n"
        "I. MỤC ĐÍCH\nBảo đảm sức khỏe thí sinh.\n\n"
        "II. THỜI GIAN\nTừ ngày 03/5/2027 đến ngày 30/6/2027.\n\n"
        "III. CÁC HOẠT ĐỘNG\n")
TABLE = (
    "| TT | Nội dung hoạt động | Thời gian | Chủ trì | Phối hợp |\n"
    "|---|---|---|---|---|\n"
    "| 1 | Tập huấn cho nhân viên y tế trường học về sơ cứu, | Thứ Sáu, | Sở GDĐT | Trung tâm Kiểm |\n"
    "|  | phát hiện, xử lý ca bệnh truyền nhiễm tại điểm thi | 14/5/2027 |  | soát bệnh tật |\n"
    "| 2 | Tuyên truyền trong giờ chào cờ, sinh hoạt lớp cho học | 01 lần/tuần, | Các trường THPT, | "
    "Trạm Y tế xã, |\n"
    "|  | sinh lớp 12 | từ 03/5 đến 04/6 | Trung tâm GDNN - GDTX | phường |\n\n")
HEAD_OCR = ("SO GIAO DUC VA DAO TAO\tCONG HOA XA HOI CHU NGHIA VIET NAM\n"
            "S6: 1032/KH-SGDDT\tngay 20 thang 4 nam 2027\n\n"
            "KE HOACH\nBao dam y té, phdng dich trong Ky thi tét nghiép THPT nam 2027\n\n"
            "I. MUC DICH\nBao dam stre khée thi sinh.\n\n"
            "II. THOI GIAN\nTir ngay 03/5/2027 dén ngay 30/6/2027.\n\n"
            "III. CAC HOAT DONG\n")
TABLE_OCR = (
    "TT | Ndi dung hoat déng | Théi gian | Chu tri | Phéi hop |\n\n"
    "1 | Tap huan cho nhan vién y té trudng hoc vé so citu, | Tht Sau, | Sé GDDT | Trung\n"
    "tam Kiém |\n\n"
    "| | phat hién, xt ly ca bénh truyén nhiém tai diém thi | 14/5/2027 | | sodt bénh tat |\n\n"
    "2 | Tuyén truyén trong gié chao cd, sinh hoat lép cho hoc | 01 lén/tuan, | Cac truong\n"
    "THPT, | Tram Y té xa, |\n\n"
    "| sinh lép 12 | tir 03/5 dén 04/6 | Trung tam GDNN - GDTX | phudng |\n\n")


def _read(text: str) -> tuple[list[dt.date | None], list[tuple[str, int, str]]]:
    draft, _ = draft_from_text(text, "plan.txt")
    return [k.date for k in draft.key_dates], [(q.activity, q.count, q.per) for q in draft.quotas]


def test_a_training_dated_below_its_weekday_and_assembly_talks_weekly():
    assert _read(HEAD + TABLE) == ([dt.date(2027, 5, 14)], [("conference", 1, "week")])
    assert _read(HEAD_OCR + TABLE_OCR) == ([dt.date(2027, 5, 14)], [("conference", 1, "week")])


def test_a_date_after_the_period_is_still_no_event():
    text = HEAD + TABLE.replace("Thứ Sáu, |", "Sau |")
    assert _read(text)[0] == []


def test_the_school_radio_in_the_flag_salute_hour_stays_a_loudspeaker():
    text = HEAD + "1. Phát thanh học đường vào giờ chào cờ sáng thứ Hai: 01 lần/tuần.\n"
    assert _read(text)[1] == [("loudspeaker", 1, "week")]
