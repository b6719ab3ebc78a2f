"""What a newcomer, an officer and an admin tripped over in the chat and the CLI (issue 26), each
reproduced on a channel without buttons (like the demo chat and Zalo) and then fixed."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import select

from bot import app as loa_app
from bot.channels import Capabilities
from bot.channels.memory import MemoryChannel
from bot.domain.campaigns import check_file, load
from bot.domain.prompts import queue_due
from bot.store.models import Delivery, PromptAction
from tests.conftest import ROOT, make_config
from tests.helpers import seed_units
from tests.test_chat_points import joined
from tests.test_dispatch import command, last_text, text


@pytest.fixture
async def plain(db_url, clock):
    """Loa with one channel without buttons (like the demo chat and Zalo), driven directly."""
    loa = await loa_app.build(make_config(db_url), clock=clock)
    loa.add_channel(MemoryChannel(name="zalo", caps=Capabilities(
        buttons=False, edits=False, max_text=2000, max_caption=2000)))
    yield loa, loa.channels["zalo"]
    await loa.close()


async def load_sample_campaign(loa) -> None:
    async with loa.sessions() as session, session.begin():
        await load(session, loa.clock, check_file(
            ROOT / "messages" / "campaigns" / "mau-ba-dot-2026.toml"), "test")


async def send_prompts(loa) -> None:
    """Today's daily messages queued and sent through the outbox, as the scheduler would."""
    assert (await queue_due(loa.sessions, loa.clock, loa.config, loa.texts)).counts["prompt"] >= 1
    stop = asyncio.Event()
    runner = asyncio.create_task(loa.outbox.run(stop))
    for _ in range(1000):  # until every send is written down (with the menu it showed)
        async with loa.sessions() as session:
            if None not in (await session.scalars(select(Delivery.sent_at))).all():
                break
        await asyncio.sleep(0.01)
    stop.set()
    await runner


# -- point 2: the daily message's numbered choices keep working ---------------------------------

async def test_daily_message_numbers_work_again_after_one_was_used(plain):
    loa, ch = plain
    await seed_units(loa)
    await joined(loa)
    await load_sample_campaign(loa)
    await send_prompts(loa)
    assert "2. ✅ Đã thực hiện" in last_text(ch)
    await loa.dispatcher.handle(text("2"))
    assert last_text(ch) == "Đã ghi nhận. Cảm ơn anh/chị!"
    # Shown again by /homnay: its numbers answer it, once and again.
    await loa.dispatcher.handle(command("homnay"))
    assert "3. ⏰ Nhắc lại sau" in last_text(ch)
    await loa.dispatcher.handle(text("3"))
    assert "Loa sẽ nhắc lại lúc" in last_text(ch)
    await loa.dispatcher.handle(text("2"))  # the menu of /homnay is still the one shown
    assert "đã báo là đã thực hiện rồi" in last_text(ch)
    # After /huy (nothing to cancel, or a form cancelled), /homnay's numbers still work.
    await loa.dispatcher.handle(command("baocao"))
    await loa.dispatcher.handle(command("huy"))
    await loa.dispatcher.handle(command("homnay"))
    await loa.dispatcher.handle(text("1"))
    assert "Đây là hoạt động gì?" in last_text(ch) or "Mô tả" in last_text(ch) \
        or "ảnh" in last_text(ch)
    async with loa.sessions() as session:
        actions = (await session.scalars(select(PromptAction.action))).all()
    assert sorted(actions) == ["done", "snooze"]


async def test_homnay_on_a_day_off_says_so_and_shows_the_next_working_days_message(plain):
    import datetime as dt

    loa, ch = plain
    await seed_units(loa)
    await joined(loa)
    await load_sample_campaign(loa)
    loa.clock.set(dt.datetime(2026, 11, 29, 2, 0, tzinfo=dt.UTC))  # Sunday 29/11, 09:00 in Vietnam
    await loa.dispatcher.handle(command("homnay"))
    notice, preview = ch.sent[-2][1].text, last_text(ch)
    assert "Hôm nay là ngày nghỉ (cuối tuần)" in notice
    assert "Thứ Hai, 30/11" in notice
    assert "Việc truyền thông hôm nay — Thứ Hai, 30/11/2026" in preview
    assert "1." not in preview  # no choices to type: nothing was sent
    from bot.cli.run import demo_day_off_note
    assert "Gõ /homnay để xem trước tin nhắn của Thứ Hai, 30/11" in demo_day_off_note(loa)
    loa.clock.set(dt.datetime(2026, 11, 30, 2, 0, tzinfo=dt.UTC))
    assert demo_day_off_note(loa) == ""
