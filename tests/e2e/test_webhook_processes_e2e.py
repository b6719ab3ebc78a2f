"""Two Loa processes answering webhooks (each its own HTTP server, one PostgreSQL database): a new
user's first two updates reach them at once, one each. Both are handled, exactly one identity is
made, the conversation is consistent; and once both wait for the user (both have reached the
database), they are handled in Telegram's order (update ids), whichever is first in the lock's
queue. An update handled before the earlier one has reached any process cannot be put after
it: no process knows of it yet (Telegram's Bot API server queues webhook updates by chat and,
as far as we know, sends a chat's next one after the answer to the last; Loa answers a webhook
only once the update is handled)."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator

import asyncpg
import httpx
import pytest
from sqlalchemy import func, select

from bot import app as loa_app
from bot.app import load_config
from bot.store.models import Conversation, Identity, ProcessedUpdate
from tests.conftest import ROOT, _empty_migrated_postgres, telegram_env
from tests.support.helpers import make_invite, seed_units

pytestmark = pytest.mark.timeout(180)

SECRET = "loa-webhook_S3cret"
HOOK = {"X-Telegram-Bot-Api-Secret-Token": SECRET}


@contextlib.asynccontextmanager
async def webhook_loa(db_url, fake_server, clock, tmp_path, name) -> AsyncIterator[loa_app.Loa]:
    """One Loa in webhook mode with its own HTTP server, as `loa run` starts it."""
    cfg = tmp_path / f"{name}.toml"
    cfg.write_text(f'messages_dir = "{ROOT / "messages"}"\n[http]\nlisten = "127.0.0.1"\n')
    config = load_config(cfg, {"DATABASE_URL": db_url, **telegram_env(
        fake_server, TELEGRAM_WEBHOOK_URL="https://loa.example.vn/telegram/hook",
        TELEGRAM_WEBHOOK_SECRET=SECRET)})
    loa = await loa_app.build(config, clock=clock)
    loa.add_configured_channels()
    stop = asyncio.Event()
    task = asyncio.create_task(loa_app.run(loa, stop))
    try:
        deadline = time.monotonic() + 30
        while not (loa.started.is_set() and loa.http is not None and loa.http.port):
            if task.done():
                task.result()
            assert time.monotonic() < deadline, "Loa did not start"
            await asyncio.sleep(0.02)
        yield loa
    finally:
        stop.set()
        await asyncio.wait_for(task, 30)
        await loa.close()


def text_update(update_id: int, user_id: int, text: str) -> dict:
    return {"update_id": update_id, "message": {
        "message_id": update_id, "date": 0, "chat": {"id": user_id, "type": "private"},
        "from": {"id": user_id, "is_bot": False, "first_name": "Lan"}, "text": text}}


async def waiting(admin: asyncpg.Connection) -> int:
    """Transactions waiting for a user's lock (the test holds it; no other user is busy)."""
    return await admin.fetchval(
        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objsubid = 1"
        " AND NOT granted AND database = (SELECT oid FROM pg_database"
        " WHERE datname = current_database())")


async def test_first_two_updates_of_a_new_user_in_two_processes(postgres_database, fake_server,
                                                               tg, clock, tmp_path):
    await _empty_migrated_postgres(postgres_database)  # migrated once per process, emptied
    db_url = "postgresql+asyncpg://" + postgres_database.split("://", 1)[1]
    admin = await asyncpg.connect(postgres_database)
    async with (webhook_loa(db_url, fake_server, clock, tmp_path, "a") as a,
                webhook_loa(db_url, fake_server, clock, tmp_path, "b") as b,
                httpx.AsyncClient(timeout=60) as http):
        urls = [f"http://127.0.0.1:{loa.http.port}/telegram/hook" for loa in (a, b)]
        await seed_units(a)
        code = await make_invite(a, "TYTBC", uses=100)
        next_id = 1000
        in_order: list[int] = []

        async def round_(user_id: int, hold: bool) -> None:
            """/start CODE (update n) to one process and a name (update n+1) to the other."""
            nonlocal next_id
            await tg.user(user_id, "Lan")
            first, second = text_update(next_id, user_id, f"/start {code}"), text_update(
                next_id + 1, user_id, "Nguyễn Thị Lan")
            next_id += 2
            if hold:
                # The user is busy (as while an earlier update is handled): both updates come
                # in and wait, the later one first in the lock's queue.
                tx = admin.transaction()
                await tx.start()
                await admin.execute("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))",
                                    f"user:telegram:{user_id}")
                later = asyncio.create_task(http.post(urls[1], json=second, headers=HOOK))
                await _until(lambda: _is(waiting(admin), 1))
                earlier = asyncio.create_task(http.post(urls[0], json=first, headers=HOOK))
                await _until(lambda: _is(waiting(admin), 2))
                await tx.commit()
                answers = await asyncio.gather(earlier, later)
            else:
                answers = await asyncio.gather(http.post(urls[0], json=first, headers=HOOK),
                                               http.post(urls[1], json=second, headers=HOOK))
            assert [r.status_code for r in answers] == [200, 200]

            texts = sorted(s["text"] for s in await tg.sent(user_id))
            confirm = [t for t in texts if "Đây có đúng" in t]
            stranger = [t for t in texts if t == a.texts("common.unregistered_hint")]
            # Replies are sent after each transaction commits, so their arrival order says little;
            # which replies there are says in which order the updates were handled.
            if not stranger:
                # In order: the confirmation question (update n), then, for update n+1, the
                # reminder to pick one of its answers and the question again.
                assert texts == sorted([confirm[0], confirm[0],
                                        a.texts("errors.pick_a_number", n=2)]), texts
                in_order.append(user_id)
            else:
                # Update n+1 first: a stranger's reply; then the question. Possible only when
                # it was handled before update n reached any process's transaction.
                assert not hold, texts
                assert texts == sorted([stranger[0], confirm[0]]), texts
            async with a.sessions() as session:
                identities = await session.scalar(select(func.count()).select_from(Identity)
                                                  .where(Identity.external_id == str(user_id)))
                conv = await session.get(Conversation, ("telegram", str(user_id)))
                handled = set((await session.scalars(select(ProcessedUpdate.update_id).where(
                    ProcessedUpdate.update_id.in_([str(first["update_id"]),
                                                   str(second["update_id"])])))).all())
            assert identities == 1
            assert conv is not None and conv.flow == "onboarding" and conv.data.get("invite_id")
            assert "full_name" not in conv.data  # a name is taken only after the unit is confirmed
            assert len(handled) == 2

        for i in range(4):
            await round_(6000 + i, hold=True)
        assert len(in_order) == 4
        # Truly at once: both handled, one identity, a consistent conversation; in order
        # unless the later update was handled before the earlier one reached the database.
        for i in range(6):
            await round_(6100 + i, hold=False)
        print(f"at once: {len(in_order) - 4} of 6 in order")
    await admin.close()


async def _is(value, expected) -> bool:
    return await value == expected


async def _until(check, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not await check():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.01)
