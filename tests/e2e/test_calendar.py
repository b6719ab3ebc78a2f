"""Working days and campaign phases on given days (a frozen calendar, no clock involved)."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.domain.campaigns import check_file, load, phase_on
from bot.domain.officers import make_admin
from bot.domain.workdays import holiday_name, is_working_day, working_day_on_or_before
from tests.conftest import ROOT
from tests.support.helpers import join, make_invite, seed_units

D = dt.date
SAMPLE = check_file(ROOT / "messages" / "campaigns" / "mau-ba-dot-2026.toml")
LANGSON = check_file(ROOT / "messages" / "campaigns" / "langson-72-nqtw-2025.toml")


def content(campaign):
    return campaign.model_dump(mode="json", exclude={"slogans"})


@pytest.mark.parametrize("day, working", [
    (D(2026, 2, 13), True),  # the Friday before Tết
    *[(D(2026, 2, d), False) for d in range(16, 21)],  # Tết 2026, Monday to Friday
    (D(2026, 2, 23), True),
    (D(2026, 4, 27), False),  # Hùng Kings' day, observed
    (D(2026, 4, 30), False), (D(2026, 5, 1), False),
    (D(2026, 8, 31), False),  # a substituted day off…
    (D(2026, 8, 22), True),  # …made up on this Saturday
    (D(2026, 9, 1), False), (D(2026, 9, 2), False),
    (D(2026, 11, 21), False), (D(2026, 11, 22), False),  # a weekend
    (D(2026, 11, 23), True),
])
def test_working_days(day, working):
    assert is_working_day(day) is working


def test_holiday_names_are_vietnamese():
    assert holiday_name(D(2026, 2, 17)) == "Tết Nguyên Đán"
    assert holiday_name(D(2026, 11, 23)) is None


def test_deadline_on_a_day_off_moves_to_the_working_day_before():
    assert working_day_on_or_before(D(2026, 3, 8)) == D(2026, 3, 6)  # Sunday → Friday
    assert working_day_on_or_before(D(2026, 2, 20)) == D(2026, 2, 13)  # Tết → the Friday before
    assert working_day_on_or_before(D(2026, 3, 10)) == D(2026, 3, 10)


def test_phase_boundaries():
    c = content(SAMPLE)
    last = phase_on(c, D(2026, 4, 30))
    assert last.name == "Đợt 1: Phát động" and last.days_left(D(2026, 4, 30)) == 0
    first = phase_on(c, D(2026, 5, 1))
    assert first.name == "Đợt 2: Cao điểm" and first.days_left(D(2026, 5, 1)) == 122
    assert phase_on(c, D(2026, 1, 4)) is None  # not started
    assert phase_on(c, D(2027, 1, 1)) is None  # ended
    assert phase_on(c, D(2026, 12, 31)).name == "Đợt 3: Duy trì và tổng kết"


def test_open_ended_phase_is_closed_by_the_next_or_the_campaign():
    c = content(LANGSON)
    study = phase_on(c, D(2026, 1, 4))
    assert study.name == "Đợt học tập, quán triệt Nghị quyết"
    assert study.end == D(2026, 1, 4) and study.days_left(D(2026, 1, 4)) == 0
    regular = phase_on(c, D(2026, 1, 5))
    assert regular.name == "Tuyên truyền thường xuyên đến hết năm 2030"
    assert regular.end == D(2030, 12, 31)


def test_a_gap_between_phases_has_no_phase():
    c = content(SAMPLE)
    c["phases"][0]["end"] = "2026-04-20"
    assert phase_on(c, D(2026, 4, 25)) is None
    assert phase_on(c, D(2026, 4, 20)).index == 0


async def test_admins_see_the_campaigns_in_chat(loa, tg):
    await seed_units(loa)
    async with loa.sessions() as session, session.begin():
        for name in ("mau-ba-dot-2026.toml", "langson-72-nqtw-2025.toml"):
            path = ROOT / "messages" / "campaigns" / name
            await load(session, loa.clock, check_file(path), name)
    admin = await join(tg, 7001, await make_invite(loa, "SYT"), "Lê Văn Quản", "Chuyên viên")
    officer = await join(tg, 7002, await make_invite(loa, "TYTBC"), "Ngô Thị Hoa", "Y sĩ")
    async with loa.sessions() as session, session.begin():
        await make_admin(session, loa.clock, "telegram", "7001")
    await officer.send("/chiendich")
    assert (await officer.receive_one())["text"] == (
        "Lệnh này chỉ dành cho người duyệt nội dung và quản trị viên.")
    await admin.send("/chiendich")
    text = (await admin.receive_one())["text"]
    # The frozen clock says Monday 23/11/2026, 09:00 in Vietnam.
    assert text.startswith("Hôm nay 23/11/2026 (ngày làm việc).")
    assert "Đợt 3: Duy trì và tổng kết — còn 38 ngày · 2 chủ đề · 2 khẩu hiệu đã duyệt" in text
    assert "Tuyên truyền thường xuyên đến hết năm 2030 — còn 1499 ngày" in text
    assert "12 khẩu hiệu đã duyệt" in text
