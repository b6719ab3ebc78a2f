"""The daily prompt on a frozen calendar: which days, what it says, reminders, nudges, exactly once."""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from dataclasses import replace

import pytest
from sqlalchemy import insert, select

from bot import app as loa_app
from bot.core.events import from_payload
from bot.domain.campaigns import check_data, check_file, load
from bot.domain.prompts import _waiting, job_for, not_before, plan_day, preview, queue_due, reminder_days
from bot.domain.units import add_unit
from bot.store.models import (
    CampaignDay,
    Delivery,
    Job,
    Officer,
    Report,
    Role,
    Slogan,
    SloganState,
    Unit,
)
from tests.conftest import ROOT, make_config
from tests.support.helpers import make_officers, seed_units

D = dt.date
VN = dt.timezone(dt.timedelta(hours=7))
CAMPAIGNS = ROOT / "messages" / "campaigns"


@pytest.fixture
async def app(db_url, clock):
    loa = await loa_app.build(make_config(db_url), clock=clock)
    units = await seed_units(loa)
    async with loa.sessions() as session, session.begin():
        await add_unit(session, clock, "Trung tâm Y tế mẫu", "SYT", code="TTYTMAU")
    loa.units = units  # type: ignore[attr-defined]
    yield loa
    await loa.close()


async def load_campaign(loa, campaign):
    if not hasattr(campaign, "phases"):
        campaign = check_file(CAMPAIGNS / campaign)
    async with loa.sessions() as session, session.begin():
        row, _ = await load(session, loa.clock, campaign, "test")
    return row


def at(loa, day: dt.date, hh: int = 7, mm: int = 30) -> None:
    loa.clock.set(dt.datetime.combine(day, dt.time(hh, mm), tzinfo=VN))


async def run_day(loa, day: dt.date, hh: int = 7, mm: int = 30):
    at(loa, day, hh, mm)
    return await queue_due(loa.sessions, loa.clock, loa.config, loa.texts)


async def rows(loa, key: str) -> list[Delivery]:
    async with loa.sessions() as session:
        return list(await session.scalars(select(Delivery).join(Job, Job.id == Delivery.job_id)
                                          .where(Job.key == key).order_by(Delivery.officer_id)))


def text_of(delivery: Delivery) -> str:
    return from_payload(delivery.payload).text


def raw(**changes):
    base = {
        "plan_number": "99/KH-TEST", "issuer": "Sở Y tế (thử)", "title": "Chiến dịch thử",
        "start": D(2026, 3, 2), "end": D(2026, 3, 27),
        "phases": [{"name": "Đợt 1", "start": D(2026, 3, 2), "end": D(2026, 3, 27),
                    "themes": [{"title": f"Chủ đề {i}"} for i in range(1, 7)]}],
    }
    base.update(changes)
    return check_data(base, "thử.toml")


# -- which days ------------------------------------------------------------------------------


@pytest.mark.parametrize("day", [
    *[D(2026, 2, d) for d in range(16, 21)],  # Tết 2026
    D(2026, 4, 27), D(2026, 4, 30), D(2026, 5, 1), D(2026, 8, 31), D(2026, 9, 1),
    D(2026, 9, 2),  # public holidays and the substituted day off
    D(2026, 11, 28), D(2026, 11, 29),  # a weekend
])
async def test_no_prompt_on_days_off(app, day):
    await load_campaign(app, "mau-ba-dot-2026.toml")
    await make_officers(app, None, 3, register=False)
    queued = await run_day(app, day, 9, 0)
    assert queued.total == 0
    assert await rows(app, f"prompt:{day}") == []


async def test_a_made_up_saturday_is_a_working_day(app):
    await load_campaign(app, "mau-ba-dot-2026.toml")
    await make_officers(app, None, 2, register=False)
    assert (await run_day(app, D(2026, 8, 22))).counts["prompt"] == 2


async def test_phase_boundaries_open_phases_and_campaigns_not_running(app):
    await load_campaign(app, "mau-ba-dot-2026.toml")
    await make_officers(app, None, 1, register=False)

    async def prompt_on(day):
        async with app.sessions() as session:
            (_, messages), = await preview(session, app.clock, app.config, app.texts, day)
        return from_payload(messages["prompt"]).text if "prompt" in messages else None

    last_of_first = await prompt_on(D(2026, 4, 29))  # 30/04 is a holiday: the last working day
    assert "Đợt 1: Phát động — còn 1 ngày" in last_of_first
    assert "Đợt 2: Cao điểm — còn 119 ngày" in await prompt_on(D(2026, 5, 4))
    assert "Đợt 2" in await prompt_on(D(2026, 8, 31 - 3))  # 28/08, the last working day of it
    assert await prompt_on(D(2026, 1, 2)) is None  # before the campaign
    assert await prompt_on(D(2027, 1, 4)) is None  # after it
    await load_campaign(app, "langson-72-nqtw-2025.toml")
    text = await prompt_on(D(2025, 12, 1))  # an open-ended first phase, closed by the next one
    assert "Đợt học tập, quán triệt Nghị quyết — còn 34 ngày" in text
    assert "Chiến dịch" not in text and "KH-MAU" not in text  # the sample has not started yet


async def test_two_campaigns_make_one_message(app):
    await load_campaign(app, "mau-ba-dot-2026.toml")
    await load_campaign(app, "langson-72-nqtw-2025.toml")
    await make_officers(app, None, 2, register=False)
    await run_day(app, D(2026, 11, 23))
    (first, second) = await rows(app, "prompt:2026-11-23")
    text = text_of(first)
    assert "01/KH-MAU" in text and "72" in text
    assert text.count("Chủ đề hôm nay") == 2 and text.count("Khẩu hiệu:") == 2
    assert [c.label for row in from_payload(first.payload).choices for c in row] == [
        "📷 Báo cáo hoạt động", "✅ Đã thực hiện", "⏰ Nhắc lại sau"]
    assert text_of(second) == text


# -- what it says ---------------------------------------------------------------------------


async def test_key_date_in_its_lead_window_and_leading_on_the_day(app):
    await load_campaign(app, "mau-ba-dot-2026.toml")
    await make_officers(app, None, 1, register=False)
    await run_day(app, D(2026, 2, 23))  # Monday: four days ahead
    (before,) = await rows(app, "prompt:2026-02-23")
    assert "• 27/02 (còn 4 ngày): Ngày Thầy thuốc Việt Nam" in text_of(before)
    assert text_of(before).startswith("☀️")
    await run_day(app, D(2026, 2, 27))
    (on_the_day,) = await rows(app, "prompt:2026-02-27")
    assert text_of(on_the_day).startswith("🎗 Hôm nay là Ngày Thầy thuốc Việt Nam!")
    await run_day(app, D(2026, 2, 12))  # 15 days ahead: outside the 7-day lead
    (early,) = await rows(app, "prompt:2026-02-12")
    assert "Thầy thuốc" not in text_of(early)
    await run_day(app, D(2026, 4, 8))  # the day after 07/04, inside its one-day peak after
    (peak,) = await rows(app, "prompt:2026-04-08")
    assert "Ngày Sức khỏe toàn dân — đang cao điểm truyền thông" in text_of(peak)


async def test_deadline_on_a_sunday_is_reminded_on_the_friday(app):
    """'Báo cáo tổng kết năm' is due Sunday 06/12/2026 and owed by TTYTMAU only."""
    assert reminder_days(D(2026, 12, 6)) == {D(2026, 11, 27), D(2026, 12, 3), D(2026, 12, 4)}
    await load_campaign(app, "mau-ba-dot-2026.toml")
    (focal,) = await make_officers(app, None, 1, unit_code="TTYTMAU", role=Role.FOCAL,
                                   register=False)
    await make_officers(app, None, 1, first_id=800_000, unit_code="TTYTHL",  # owes nothing
                                       role=Role.FOCAL, register=False)
    await run_day(app, D(2026, 12, 4))
    (reminder,) = await rows(app, "reminder:2026-12-04")
    assert reminder.chat_id == str(focal)
    assert "Báo cáo tổng kết năm" in text_of(reminder) and "Hạn 06/12 (còn 2 ngày)" in text_of(
        reminder)
    for day in (D(2026, 12, 1), D(2026, 12, 2)):
        await run_day(app, day)
        assert await rows(app, f"reminder:{day}") == []
    await run_day(app, D(2026, 12, 3))
    assert len(await rows(app, "reminder:2026-12-03")) == 1


async def test_reminders_go_to_focal_points_only(app):
    await load_campaign(app, "mau-ba-dot-2026.toml")
    await make_officers(app, None, 2, unit_code="TYTBC", register=False)
    (focal,) = await make_officers(app, None, 1, first_id=710_000, unit_code="TYTBC",
                                   role=Role.FOCAL, register=False)
    await run_day(app, D(2026, 3, 3))  # T-7 of 10/03
    (reminder,) = await rows(app, "reminder:2026-03-03")
    assert reminder.chat_id == str(focal) and "Báo cáo quý I" in text_of(reminder)
    assert len(await rows(app, "prompt:2026-03-03")) == 3


async def test_after_a_deadline_units_without_reports_are_nudged_and_admins_get_the_list(app):
    await load_campaign(app, "mau-ba-dot-2026.toml")
    (late,) = await make_officers(app, None, 1, unit_code="TYTBC", role=Role.FOCAL,
                                  register=False)
    (on_time,) = await make_officers(app, None, 1, first_id=710_000, unit_code="TTYTHL",
                                     register=False)
    (admin,) = await make_officers(app, None, 1, first_id=720_000, unit_code="SYT",
                                   role=Role.ADMIN, register=False)
    async with app.sessions() as session, session.begin():
        officer = await session.scalar(select(Officer).where(Officer.full_name == f"Cán bộ {on_time}"))
        now = app.clock.now()
        await session.execute(insert(Report).values(
            officer_id=officer.id, unit_id=officer.unit_id, activity="poster", day=D(2026, 3, 5),
            description="Treo băng rôn", state="submitted", created_at=now, updated_at=now))
    await run_day(app, D(2026, 3, 11))  # the working day after 10/03
    (nudge,) = await rows(app, "overdue:2026-03-11")
    assert nudge.chat_id == str(late)
    assert "Báo cáo quý I (hạn 10/03)" in text_of(nudge)
    (listing,) = await rows(app, "overdue_list:2026-03-11")
    assert listing.chat_id == str(admin)
    assert "Trạm Y tế phường Bãi Cháy" in text_of(listing)
    assert "Hạ Long" not in text_of(listing)


async def test_units_behind_their_quota_are_nudged_in_the_last_week(app):
    await load_campaign(app, "mau-ba-dot-2026.toml")
    (behind,) = await make_officers(app, None, 1, unit_code="TYTBC", register=False)
    await run_day(app, D(2026, 11, 23))  # not the last week of November
    assert await rows(app, "quota:2026-11-23") == []
    await run_day(app, D(2026, 11, 25))  # 25/11: the first working day of 24–30/11
    (nudge,) = await rows(app, "quota:2026-11-25")
    assert nudge.chat_id == str(behind)
    assert "Bài viết trên cổng/trang thông tin điện tử: mới có 0/1, còn thiếu 1 — tháng 11/2026" \
        in text_of(nudge)


# -- rotation --------------------------------------------------------------------------------


async def test_themes_take_turns_over_a_twenty_day_phase(app):
    await load_campaign(app, raw())
    await make_officers(app, None, 1, register=False)
    themes = []
    day = D(2026, 3, 2)
    while day <= D(2026, 3, 27):
        if (await run_day(app, day)).counts["prompt"]:
            (row,) = await rows(app, f"prompt:{day}")
            themes.append(next(line for line in text_of(row).splitlines()
                               if line.startswith("Chủ đề hôm nay")))
        day += dt.timedelta(days=1)
    assert len(themes) == 20
    assert all(n >= 3 for n in Counter(themes).values()) and len(Counter(themes)) == 6
    for start in range(0, 20 - 5):  # any six days in a row show six different themes
        assert len(set(themes[start:start + 6])) == 6


@pytest.mark.parametrize("slogans, window", [(4, 4), (12, 10)])
async def test_slogans_do_not_repeat_inside_the_window(app, slogans, window):
    app.config = replace(app.config, prompts=replace(app.config.prompts,
                                                     slogan_window_days=window))
    campaign = raw(slogans=[{"text": f"Khẩu hiệu số {i}"} for i in range(slogans)] + [
        {"text": "Chờ duyệt", "state": "proposed"}, {"text": "Bỏ rồi", "state": "retired"}])
    row = await load_campaign(app, campaign)
    await make_officers(app, None, 1, register=False)
    day = D(2026, 3, 2)
    while day <= D(2026, 3, 27):
        await run_day(app, day)
        day += dt.timedelta(days=1)
    async with app.sessions() as session:
        used = (await session.execute(select(CampaignDay.day, Slogan.text, Slogan.state).join(
            Slogan, Slogan.id == CampaignDay.slogan_id).where(CampaignDay.campaign_id == row.id)
            .order_by(CampaignDay.day))).all()
    assert len(used) == 20 and {state for _, _, state in used} == {"approved"}
    last: dict[str, dt.date] = {}
    for day, text, _ in used:
        if text in last:
            assert (day - last[text]).days >= window, (text, last[text], day)
        last[text] = day
    assert len(last) == slogans  # every approved one had its turn


# -- exactly once ---------------------------------------------------------------------------


async def test_each_officer_once_a_day_whatever_the_ticks(app):
    await load_campaign(app, "mau-ba-dot-2026.toml")
    officers = await make_officers(app, None, 5, register=False)
    async with app.sessions() as session, session.begin():
        late_riser = await session.scalar(select(Officer).where(
            Officer.full_name == f"Cán bộ {officers[0]}"))
        late_riser.prompt_time = "09:15"
    day = D(2026, 11, 23)
    assert (await run_day(app, day, 7, 29)).total == 0
    assert (await run_day(app, day, 7, 30)).counts["prompt"] == 4
    for minute in (31, 45, 59):
        assert (await run_day(app, day, 8, minute)).total == 0
    assert (await run_day(app, day, 9, 15)).counts["prompt"] == 1
    assert (await run_day(app, day, 9, 16)).total == 0
    assert sorted(int(r.chat_id) for r in await rows(app, f"prompt:{day}")) == officers


async def test_before_the_morning_a_tick_reads_only_those_who_may_be_due(app, caplog):
    # 400,000 officers read every 30 s to find nobody due was most of a sending process's CPU:
    # times surely still to come are left out in SQL; unreadable ones never are.
    await load_campaign(app, "mau-ba-dot-2026.toml")
    officers = await make_officers(app, None, 5, register=False)
    times = ["06:15", "07:10", "9:00", "25:61", None]  # the last: the default 07:30
    async with app.sessions() as session, session.begin():
        for chat, time in zip(officers, times, strict=True):
            officer = await session.scalar(select(Officer).where(
                Officer.full_name == f"Cán bộ {chat}"))
            officer.prompt_time = time
    day = D(2026, 11, 23)
    at(app, day, 6, 20)
    pending = not_before(app.clock.now(), day, app.config)
    assert pending is not None and (pending.cut, pending.default_due) == ("07:20", False)
    async with app.sessions() as session, session.begin():
        job = await job_for(session, app.clock, "prompt", f"prompt:{day}", 10)
        read = await _waiting(session, job.id, None, pending=pending)
    # 07:10 is read (within the hour's margin) but not due; 07:30 (the default) is not read.
    assert sorted(r.chat_id for _, r in read) == sorted(str(officers[i]) for i in (0, 1, 2, 3))
    caplog.set_level(logging.WARNING)
    queued = await run_day(app, day, 6, 20)
    assert queued.counts["prompt"] == 1  # 06:15
    got = {int(r.chat_id): (r.state, r.last_error) for r in await rows(app, f"prompt:{day}")}
    assert got[officers[0]][0] == "pending"
    assert got[officers[2]][0] == got[officers[3]][0] == "skipped"  # unreadable: skipped, logged
    assert sum("is not HH:MM" in r.getMessage() for r in caplog.records) == 2
    assert (await run_day(app, day, 7, 30)).counts["prompt"] == 2  # 07:10 and the default
    # Another day, the demo, or late in the evening (the margin crosses midnight): no filter.
    assert not_before(app.clock.now(), D(2026, 11, 24), app.config) is None
    at(app, day, 23, 10)
    assert not_before(app.clock.now(), day, app.config) is None
    at(app, day, 8, 0)
    assert not_before(app.clock.now(), day, app.config) == type(pending)("09:00", True)


async def test_down_past_the_grace_window_skips_and_logs(app, caplog):
    await load_campaign(app, "mau-ba-dot-2026.toml")
    officers = await make_officers(app, None, 3, register=False)
    async with app.sessions() as session, session.begin():
        later = await session.scalar(select(Officer).where(
            Officer.full_name == f"Cán bộ {officers[0]}"))
        later.prompt_time = "09:00"
    caplog.set_level(logging.WARNING)
    queued = await run_day(app, D(2026, 11, 23), 10, 31)  # 3 h 1 min after 07:30
    assert queued.counts["prompt"] == 1 and queued.late == 2
    got = {int(r.chat_id): r.state for r in await rows(app, "prompt:2026-11-23")}
    assert got == {officers[0]: "pending", officers[1]: "skipped", officers[2]: "skipped"}
    assert any("grace window" in r.getMessage() for r in caplog.records)
    # An admin can still send the day by hand: the skipped ones get it, nobody twice.
    forced = await queue_due(app.sessions, app.clock, app.config, app.texts,
                             day=D(2026, 11, 23), force=True)
    assert forced.counts["prompt"] == 2
    assert {r.state for r in await rows(app, "prompt:2026-11-23")} == {"pending"}


async def test_muted_officers_get_nothing_until_the_day_after(app):
    await load_campaign(app, "mau-ba-dot-2026.toml")
    (muted, other) = await make_officers(app, None, 2, register=False)
    async with app.sessions() as session, session.begin():
        officer = await session.scalar(select(Officer).where(Officer.full_name == f"Cán bộ {muted}"))
        officer.muted_until = D(2026, 11, 25)
    await run_day(app, D(2026, 11, 23))
    states = {int(r.chat_id): r.state for r in await rows(app, "prompt:2026-11-23")}
    assert states == {muted: "skipped", other: "pending"}
    await run_day(app, D(2026, 11, 26))
    assert len([r for r in await rows(app, "prompt:2026-11-26") if r.state == "pending"]) == 2


# -- slogans --------------------------------------------------------------------------------


async def test_only_approved_slogans_are_used(app):
    await load_campaign(app, "mau-ba-dot-2026.toml")
    await make_officers(app, None, 1, register=False)
    texts = set()
    day = D(2026, 11, 2)
    while day < D(2026, 11, 28):
        await run_day(app, day)
        for r in await rows(app, f"prompt:{day}"):
            texts |= {line for line in text_of(r).splitlines() if line.startswith("Khẩu hiệu")}
        day += dt.timedelta(days=1)
    assert texts == {"Khẩu hiệu: “Sống xanh - sống lành - sống khỏe!”",
                     "Khẩu hiệu: “Tập thể dục mỗi ngày - Khỏe thân, bền trí!”"}


async def test_plan_records_the_day_once(app):
    await load_campaign(app, "mau-ba-dot-2026.toml")
    async with app.sessions() as session, session.begin():
        first = await plan_day(session, app.clock, app.config, D(2026, 11, 23), record=True)
    async with app.sessions() as session, session.begin():
        slogan = await session.get(Slogan, first.campaigns[0].slogan[0])
        # Another slogan approved since: the day keeps what it started with.
        session.add(Slogan(campaign_id=slogan.campaign_id, text="Mới duyệt", source="thử",
                           state=SloganState.APPROVED.value, created_at=app.clock.now()))
    async with app.sessions() as session, session.begin():
        again = await plan_day(session, app.clock, app.config, D(2026, 11, 23), record=True)
        assert again.campaigns[0].slogan == first.campaigns[0].slogan
        assert await session.scalar(select(Unit.id).where(Unit.code == "TTYTMAU")) is not None
