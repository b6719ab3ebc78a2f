"""What an officer or an admin trips over in the chat (issue 14), on a channel without buttons
(the demo chat, Zalo): a number answers the question that is open, a count is read as people
write it, a refusal is never silent, and nothing happens without being said."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select, update

from bot.core.validate import http_url, whole_number
from bot.domain.officers import make_admin
from bot.engine.flows import Invalid
from bot.store.models import Broadcast, BroadcastState, Identity, Report
from tests.support.helpers import buttonless_loa, make_invite, seed_units
from tests.support.texts import T, head
from tests.unit.test_dispatch import command, last_text, text


@pytest.fixture
async def plain(db_url, clock):
    async with buttonless_loa(db_url, clock) as got:
        yield got


async def joined(loa, user: str = "u1", name: str = "Lê Thị Hoa") -> None:
    await loa.dispatcher.handle(command("start", await make_invite(loa, "TYTBC"), user=user))
    for answer in ("1", name, "Y sĩ"):
        await loa.dispatcher.handle(text(answer, user=user))


async def to_participants(loa, ch) -> None:
    """/baocao, answered up to the participants question."""
    await loa.dispatcher.handle(command("baocao"))
    for answer in ("2", "Treo băng rôn ở cổng trạm", "hôm nay"):
        await loa.dispatcher.handle(text(answer))
    assert last_text(ch).startswith(T("report.ask_participants"))


async def test_participants_one_means_one_person_not_skip(plain):
    loa, ch = plain
    await seed_units(loa)
    await joined(loa)
    await to_participants(loa, ch)
    # The question shows no number for "Bỏ qua": a number typed is the count.
    assert "1. Bỏ qua" not in last_text(ch)
    await loa.dispatcher.handle(text("1"))
    assert last_text(ch).startswith(T("newcomer.ask_link_other"))
    await loa.dispatcher.handle(text("bỏ qua"))
    await loa.dispatcher.handle(text("Xong"))
    assert T("report.line_participants", value=1) + "\n" in last_text(ch)
    assert T("report.line_link", value="—") in last_text(ch)


async def test_about_fifty_people_is_fifty_and_a_link_gets_https(plain):
    loa, ch = plain
    await seed_units(loa)
    await joined(loa)
    await to_participants(loa, ch)
    await loa.dispatcher.handle(text("-5"))
    assert "phải là số dương" in ch.sent[-2][1].text
    assert "không phải" not in ch.sent[-2][1].text
    await loa.dispatcher.handle(text("khoảng 50 người"))
    await loa.dispatcher.handle(text("syt.quangninh.gov.vn/tin-tuc/bai-1"))
    await loa.dispatcher.handle(text("1"))  # Xong
    await loa.dispatcher.handle(text("1"))  # Gửi
    async with loa.sessions() as session:
        report = await session.scalar(select(Report))
    assert report.participants == 50
    assert report.link == "https://syt.quangninh.gov.vn/tin-tuc/bai-1"


@pytest.mark.parametrize(("typed", "count"), [("120", 120), ("1.200", 1200), ("khoảng 50", 50),
                                               ("tầm 30 người", 30), (" 7 ", 7)])
def test_counts_as_people_write_them(typed, count):
    assert whole_number(typed, lo=1, hi=100_000) == count


@pytest.mark.parametrize(("typed", "key"), [("50-60", "report.number_bad"),
                                             ("nhiều", "report.number_bad"),
                                             ("-5", "report.number_negative"),
                                             ("0", "report.number_range")])
def test_unclear_counts_are_explained(typed, key):
    with pytest.raises(Invalid) as refused:
        whole_number(typed, lo=1, hi=100_000)
    assert refused.value.key == key


def test_links_without_scheme_get_https_and_nonsense_is_refused():
    assert http_url("www.moh.gov.vn") == "https://www.moh.gov.vn"
    assert http_url("http://a.vn/x") == "http://a.vn/x"
    for bad in ("không có", "ftp://a.vn", "abc", "a .vn"):
        with pytest.raises(Invalid):
            http_url(bad)


async def test_typed_number_for_an_approval_one_may_not_give_gets_the_refusal(plain):
    """An admin is not an approver: "1" for "Duyệt #1" answers as the button would."""
    loa, ch = plain
    await seed_units(loa)
    async with loa.sessions() as session, session.begin():
        await make_admin(session, loa.clock, "zalo", "boss")
        session.add(Broadcast(content={"text": "Tiêm chủng đầy đủ"}, audience={},
                              state=BroadcastState.AWAITING_APPROVAL.value,
                              created_at=loa.clock.now()))
    await loa.dispatcher.handle(command("choduyet", user="boss"))
    assert "1. Duyệt #1" in last_text(ch)
    await loa.dispatcher.handle(text("1", user="boss"))
    assert last_text(ch) == T("approval.not_allowed")
    async with loa.sessions() as session:
        assert (await session.scalar(select(Broadcast))).state == "awaiting_approval"


async def test_a_daily_prompt_arriving_mid_form_does_not_steal_the_numbers(plain):
    import asyncio

    from bot.domain.campaigns import check_file, load
    from bot.domain.prompts import queue_due
    from bot.store.models import Delivery
    from tests.conftest import ROOT

    loa, ch = plain
    await seed_units(loa)
    await joined(loa)
    async with loa.sessions() as session, session.begin():
        await load(session, loa.clock, check_file(
            ROOT / "messages" / "campaigns" / "mau-ba-dot-2026.toml"), "test")
    await loa.dispatcher.handle(command("baocao"))
    assert "2. Pano" in last_text(ch)
    assert (await queue_due(loa.sessions, loa.clock, loa.config, loa.texts)).counts["prompt"] == 1
    stop = asyncio.Event()
    runner = asyncio.create_task(loa.outbox.run(stop))
    for _ in range(500):  # until the send is written down (with the menu it showed)
        async with loa.sessions() as session:
            if await session.scalar(select(Delivery.sent_at)) is not None:
                break
        await asyncio.sleep(0.01)
    stop.set()
    await runner
    assert f"3. {T('prompt.later')}" in last_text(ch)
    await loa.dispatcher.handle(text("2"))
    # "2" answered the form: the second kind of activity
    assert last_text(ch).startswith(T("report.ask_description"))


async def test_a_form_question_whose_numbers_were_replaced_is_asked_again(plain):
    loa, ch = plain
    await seed_units(loa)
    await joined(loa)
    await loa.dispatcher.handle(command("baocao"))
    async with loa.sessions() as session, session.begin():
        await session.execute(update(Identity).where(Identity.external_id == "u1").values(
            menu=[["pr:1:done", "✅ Đã thực hiện"], ["pr:1:later", "⏰ Nhắc lại sau"]]))
    await loa.dispatcher.handle(text("2"))
    assert last_text(ch).startswith(T("report.ask_activity")) and "2. Pano" in last_text(ch)
    assert "trả lời bằng số từ 1 đến 9" in ch.sent[-2][1].text
    await loa.dispatcher.handle(text("2"))
    assert last_text(ch).startswith(T("report.ask_description"))


async def joined_as(loa, user: str, role, name: str, unit: str = "TYTBC") -> None:
    from bot.store.models import Role  # noqa: F401 - role is a Role

    await loa.dispatcher.handle(command("start", await make_invite(loa, unit, role), user=user))
    for answer in ("1", name, "Chuyên viên"):
        await loa.dispatcher.handle(text(answer, user=user))


async def add_report(loa, user: str, state: str = "submitted") -> None:
    from sqlalchemy import insert

    async with loa.sessions() as session, session.begin():
        identity = await session.scalar(select(Identity).where(Identity.external_id == user))
        now = loa.clock.now()
        await session.execute(insert(Report).values(
            officer_id=identity.officer_id, unit_id=identity.officer.unit_id, activity="poster",
            day=now.date(), description="Treo băng rôn", state=state, created_at=now,
            updated_at=now))


async def test_review_says_ones_own_reports_wait_for_someone_else(plain):
    from bot.store.models import Role

    loa, ch = plain
    await seed_units(loa)
    await joined_as(loa, "rv", Role.APPROVER, "Vũ Duyệt")
    await add_report(loa, "rv")
    await add_report(loa, "rv")
    await loa.dispatcher.handle(command("xetduyet", user="rv"))
    assert "2 báo cáo của chính anh/chị đang chờ" in last_text(ch)
    assert "người duyệt khác" in last_text(ch)


async def test_a_broadcast_to_nobody_cannot_be_sent(plain):
    from bot.store.models import Role

    loa, ch = plain
    await seed_units(loa)
    await joined_as(loa, "ap", Role.APPROVER, "Vũ Duyệt")
    await loa.dispatcher.handle(command("phatthanh", user="ap"))
    for answer in ("Tiêm chủng đầy đủ", "2", "TTYTHL", "2", "1"):  # TTYTHL alone: nobody there
        await loa.dispatcher.handle(text(answer, user="ap"))
    assert "Số người nhận: 0" in last_text(ch)
    assert "Gửi" not in last_text(ch).split("Số người nhận")[1]
    assert f"1. {T('broadcast.change_audience')}" in last_text(ch)
    await loa.dispatcher.handle(text("1", user="ap"))
    assert last_text(ch).startswith(T("broadcast.ask_audience"))
    await loa.dispatcher.handle(text("1", user="ap"))  # everyone
    await loa.dispatcher.handle(text("1", user="ap"))  # every role
    assert "Người nhận: 1 người." in last_text(ch) and "1. Gửi" in last_text(ch)


async def test_slogan_list_has_running_campaigns_only_each_once_with_more_pages(plain):
    from bot.domain.campaigns import check_file, load
    from bot.store.models import Role, Slogan
    from tests.conftest import ROOT

    loa, ch = plain
    await seed_units(loa)
    await joined_as(loa, "ap", Role.APPROVER, "Vũ Duyệt")
    async with loa.sessions() as session, session.begin():
        for path in sorted((ROOT / "messages" / "campaigns").glob("*.toml")):
            await load(session, loa.clock, check_file(path), path.name)
        usable = (await session.scalars(select(Slogan).where(Slogan.state == "approved"))).all()
        now = loa.clock.now()
        for i in range(12):  # proposed in chat and approved: no campaign, always offered
            session.add(Slogan(text=f"Khẩu hiệu thử số {i}", state="approved", source="thử",
                               created_at=now))
        session.add(Slogan(text="Khẩu hiệu thử số 3", state="approved", source="thử",
                           created_at=now))
    await loa.dispatcher.handle(command("phatthanh", user="ap"))
    await loa.dispatcher.handle(text("1", user="ap"))
    first = last_text(ch)
    assert "khẩu hiệu 1–8 trong" in first and "9. Xem thêm khẩu hiệu" in first
    seen = [line for line in first.splitlines() if line.startswith("  ")][:-1]
    pages = [first]
    while "Xem thêm khẩu hiệu" in pages[-1]:
        await loa.dispatcher.handle(text("9", user="ap"))
        pages.append(last_text(ch))
        seen += [line.split(". ", 1)[1] for line in pages[-1].splitlines()
                 if line.startswith("  ") and "Xem thêm" not in line]
    labels = [s.split(". ", 1)[-1] for s in seen]
    assert len(labels) == len(set(labels))  # each slogan once
    assert labels.count("Khẩu hiệu thử số 3") == 1
    assert len(labels) > 12 and len(labels) < len(usable) + 13  # campaigns not running: left out


async def test_me_shows_own_time_and_pause_and_gio_says_when_it_starts(plain):
    from bot.store.models import Delivery, Job

    loa, ch = plain
    await seed_units(loa)
    await joined(loa)
    await loa.dispatcher.handle(command("me"))
    assert T("common.prompt_default", time="07:30") in last_text(ch)
    assert "• Mã cán bộ: 1" in last_text(ch)
    await loa.dispatcher.handle(command("tatnhac", "3"))
    await loa.dispatcher.handle(command("me"))
    assert T("common.prompt_muted", until="26/11/2026") in last_text(ch)  # 3 working days: 23, 25, 26
    await loa.dispatcher.handle(command("batnhac"))

    # 15:05 on Monday, today's prompt already sent at 07:30: 15:10 starts on the next working
    # day (Tuesday 24/11/2026 is a day off in the sample calendar).
    loa.clock.set(dt.datetime(2026, 11, 23, 8, 5, tzinfo=dt.UTC))
    async with loa.sessions() as session, session.begin():
        job = Job(kind="prompt", key="prompt:2026-11-23", priority=10, created_at=loa.clock.now())
        session.add(job)
        await session.flush()
        session.add(Delivery(job_id=job.id, officer_id=1, channel="zalo", chat_id="u1",
                             payload={"text": "x"}, state="sent", priority=10,
                             not_before=loa.clock.now(), created_at=loa.clock.now()))
    await loa.dispatcher.handle(command("gio", "15:10"))
    assert last_text(ch).endswith("bắt đầu từ Thứ Tư, 25/11.")
    await loa.dispatcher.handle(command("me"))
    assert T("common.prompt_own", time="15:10") in last_text(ch)


async def test_an_admin_joining_with_a_focal_invite_is_told_the_role_stays(plain):
    from bot.store.models import Role

    loa, ch = plain
    await seed_units(loa)
    async with loa.sessions() as session, session.begin():
        await make_admin(session, loa.clock, "zalo", "boss")
    await loa.dispatcher.handle(command("start", await make_invite(loa, "TYTBC", Role.FOCAL),
                                        user="boss"))
    assert T("onboarding.role_kept", current=T("role.admin"), invited=T("role.focal")) \
        in last_text(ch)
    for answer in ("1", "Mai Quản Trị", "Chuyên viên"):
        await loa.dispatcher.handle(text(answer, user="boss"))
    assert T("onboarding.role_kept_note", current=T("role.admin"), invited=T("role.focal")) \
        in last_text(ch)


@pytest.mark.parametrize(("caption", "why"), [("🎉🎉🎉", "cần có chữ cái"),
                                               ("Treo băng rôn " * 400, "quá dài")])
async def test_a_photo_whose_caption_cannot_be_used_says_why(plain, caption, why):
    from bot.core.events import PhotoIn, PhotoRef

    loa, ch = plain
    await seed_units(loa)
    await joined(loa)
    await loa.dispatcher.handle(PhotoIn(channel="zalo", update_id="p1", user_id="u1", chat_id="u1",
                                        photo=PhotoRef(file_id="f1"), caption=caption))
    note, question = ch.sent[-2][1].text, last_text(ch)
    assert note.startswith(head("report.caption_not_used")) and why in note
    assert question.startswith(T("report.ask_description"))


async def test_the_welcome_after_changing_unit_gives_the_officers_own_time(plain):
    loa, ch = plain
    await seed_units(loa)
    await joined(loa)
    await loa.dispatcher.handle(command("gio", "15:10"))
    await loa.dispatcher.handle(command("start", await make_invite(loa, "TTYTHL")))
    await loa.dispatcher.handle(text("1"))
    assert "Mỗi ngày làm việc, khoảng 15:10" in last_text(ch)
