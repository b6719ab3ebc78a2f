"""The dispatcher on a channel without buttons (like the demo chat and Zalo), driven directly."""

from __future__ import annotations

import itertools

import pytest

from bot import app as loa_app
from bot.channels import Capabilities
from bot.channels.memory import MemoryChannel
from bot.core.events import CommandIn, TextIn
from bot.engine.flows import Command
from tests.conftest import make_config
from tests.support.helpers import make_invite, seed_units, snapshot
from tests.support.texts import T

_ids = itertools.count(1)


@pytest.fixture
async def plain(db_url, clock):
    loa = await loa_app.build(make_config(db_url), clock=clock)
    channel = MemoryChannel(name="zalo", caps=Capabilities(buttons=False, edits=False,
                                                           max_text=2000, max_caption=2000))
    loa.add_channel(channel)
    yield loa, channel
    await loa.close()


def text(body: str, user: str = "u1") -> TextIn:
    return TextIn(channel="zalo", update_id=str(next(_ids)), user_id=user, chat_id=user, text=body)


def command(name: str, *args: str, user: str = "u1") -> CommandIn:
    return CommandIn(channel="zalo", update_id=str(next(_ids)), user_id=user, chat_id=user,
                     name=name, args=args)


def last_text(channel: MemoryChannel) -> str:
    return channel.sent[-1][1].text


async def test_numbered_replies_drive_a_form(plain):
    loa, ch = plain
    await seed_units(loa)
    code = await make_invite(loa, "TYTBC")
    await loa.dispatcher.handle(command("start", code))
    assert "1. Đúng" in last_text(ch) and "2. Không phải" in last_text(ch)
    assert ch.sent[-1][1].choices == ()
    await loa.dispatcher.handle(text("3"))
    assert "từ 1 đến 2" in ch.sent[-2][1].text and "1. Đúng" in last_text(ch)
    await loa.dispatcher.handle(text("1"))
    assert last_text(ch) == T("onboarding.ask_name")
    # A number is an ordinary answer where the question wants text.
    await loa.dispatcher.handle(text("1"))
    assert ch.sent[-2][1].text == T("errors.need_letters", what=T("fields.full_name"), min=2)


async def test_an_unexpected_failure_rolls_back_and_apologises(plain, monkeypatch, caplog):
    loa, ch = plain
    await seed_units(loa)

    async def broken(ctx):
        ctx.identity.display_name = "changed"
        raise RuntimeError("bug")

    loa.dispatcher.router.add(Command("hong", broken))
    before = await snapshot(loa)
    event = command("hong")
    await loa.dispatcher.handle(event)
    assert last_text(ch) == T("errors.internal")
    assert await snapshot(loa) == before
    # A real bug is logged with its traceback (formatted already, scrubbed, once secrets are known).
    assert any(r.exc_info or (r.exc_text and "RuntimeError: bug" in r.exc_text) for r in caplog.records)
    # Nothing was recorded as handled: the same update can be tried again.
    loa.dispatcher.router.remove("hong")
    await loa.dispatcher.handle(event)
    assert last_text(ch) == T("errors.unknown_command", name="hong")


async def test_users_are_kept_apart(plain):
    loa, ch = plain
    await seed_units(loa)
    code = await make_invite(loa, "TYTBC", uses=2)
    await loa.dispatcher.handle(command("start", code, user="a"))
    await loa.dispatcher.handle(command("start", code, user="b"))
    await loa.dispatcher.handle(text("2", user="a"))
    await loa.dispatcher.handle(text("1", user="b"))
    assert [c for c, m in ch.sent[-2:]] == ["a", "b"]
    assert ch.sent[-2][1].text == T("onboarding.declined") and last_text(ch) == T("onboarding.ask_name")


async def test_a_queued_prompt_can_be_answered_by_number(plain):
    """The outbox remembers the numbered choices it sent, so "3" means "Nhắc lại sau"."""
    import asyncio
    import datetime as dt

    from bot.domain.campaigns import check_file, load
    from bot.domain.prompts import queue_due
    from tests.conftest import ROOT

    loa, ch = plain
    await seed_units(loa)
    await loa.dispatcher.handle(command("start", await make_invite(loa, "TYTBC")))
    for answer in ("1", "Lê Thị Hoa", "Y sĩ"):
        await loa.dispatcher.handle(text(answer))
    async with loa.sessions() as session, session.begin():
        await load(session, loa.clock, check_file(
            ROOT / "messages" / "campaigns" / "mau-ba-dot-2026.toml"), "test")
    assert (await queue_due(loa.sessions, loa.clock, loa.config, loa.texts)).counts["prompt"] == 1
    before = len(ch.sent)
    stop = asyncio.Event()
    runner = asyncio.create_task(loa.outbox.run(stop))
    await asyncio.wait_for(loa.outbox.settled(), 30)  # sent, and written down with its menu
    assert len(ch.sent) > before
    stop.set()
    await runner
    assert f"  3. {T('prompt.later')}" in last_text(ch)
    await loa.dispatcher.handle(text("3"))
    due = (loa.clock.now() + dt.timedelta(hours=2)).astimezone(loa.config.timezone)
    assert last_text(ch) == T("prompt.snoozed", time=f"{due:%H:%M}")
