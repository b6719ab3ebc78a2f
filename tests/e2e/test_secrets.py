"""The bot token never appears in logs or error messages."""

from __future__ import annotations

import logging

from bot.core.logs import setup_logging
from tests.conftest import make_config, running_loa, telegram_env
from tests.fake_telegram import TOKEN
from tests.support.helpers import make_invite, seed_units


async def test_token_never_logged(db_url, fake_server, tg, clock, caplog, capfd):
    config = make_config(db_url, **telegram_env(fake_server))
    setup_logging(config.timezone, config.secrets, logging.DEBUG)
    # Debug everywhere, even the libraries that print request URLs with the token in them.
    for name in ("httpx", "httpcore", "telegram"):
        logging.getLogger(name).setLevel(logging.DEBUG)
    caplog.set_level(logging.DEBUG)
    async with running_loa(config, clock) as loa:
        await seed_units(loa)
        code = await make_invite(loa, "TYTBC")
        lan = await tg.user(3001, "Lan")
        # Failures on the way: a flood wait, then a server error, then a blocked chat.
        await tg.call("fail", failures=[{"code": 429, "retry_after": 1}, {"code": 502}])
        await lan.send(f"/start {code}")
        assert "Đây có đúng" in (await lan.receive_one())["text"]
        await tg.call("block", user_id=3001)
        update = await lan.send("/help")
        await tg.wait_confirmed(update["update_id"])
    records = [r.getMessage() + (r.exc_text or "") for r in caplog.records]
    assert any("getUpdates" in m for m in records), "the test must see request logs to mean anything"
    assert not [m for m in records if TOKEN in m]
    assert any("***" in m for m in records)
    out, err = capfd.readouterr()
    assert TOKEN not in out and TOKEN not in err
    assert "getUpdates" in err
