"""Webhook mode behind the ASGI route, and updates that arrive twice."""

from __future__ import annotations

import httpx

from bot.app import load_config
from tests.conftest import ROOT, running_loa, telegram_env
from tests.support.helpers import make_invite, seed_units, snapshot

SECRET = "loa-webhook_S3cret"



async def test_webhook_mode_checks_the_secret_and_handles_updates(db_url, fake_server, tg, clock,
                                                                   tmp_path):
    cfg = tmp_path / "config.toml"
    cfg.write_text(f'messages_dir = "{ROOT / "messages"}"\n[http]\nlisten = "127.0.0.1"\n')
    config = load_config(cfg, {"DATABASE_URL": db_url, **telegram_env(
        fake_server, TELEGRAM_WEBHOOK_URL="https://loa.example.vn/telegram/hook",
        TELEGRAM_WEBHOOK_SECRET=SECRET)})
    async with running_loa(config, clock) as loa, httpx.AsyncClient() as http:
        # The webhook is a route of the core's one HTTP server, next to /healthz.
        local = f"http://127.0.0.1:{loa.http.port}/telegram/hook"
        health = await http.get(f"http://127.0.0.1:{loa.http.port}/healthz")
        assert health.status_code == 200 and health.json()["ok"] is True
        state = await tg.state()
        assert state["webhook"]["url"] == "https://loa.example.vn/telegram/hook"
        assert state["webhook"]["secret_token"] == SECRET
        await seed_units(loa)
        code = await make_invite(loa, "TYTBC")
        before = await snapshot(loa)
        update = {"update_id": 1, "message": {
            "message_id": 1, "date": 0, "chat": {"id": 5001, "type": "private"},
            "from": {"id": 5001, "is_bot": False, "first_name": "Kẻ giả"}, "text": "/start X"}}
        assert (await http.post(local, json=update)).status_code == 403
        wrong = {"X-Telegram-Bot-Api-Secret-Token": "wrong"}
        assert (await http.post(local, json=update, headers=wrong)).status_code == 403
        assert await snapshot(loa) == before

        await tg.call("webhook_target", url=local)
        lan = await tg.user(5002, "Lan")
        sent = await lan.send(f"/start {code}")
        confirm = await lan.receive_one()
        assert "Đây có đúng" in confirm["text"]
        await lan.press_label(confirm, "Đúng")
        assert "họ và tên" in (await lan.receive(2))[1]["text"]

        # Telegram re-sends an update it thinks was not answered: handled once only.
        ok = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
        resp = await http.post(local, json=sent, headers=ok)
        assert resp.status_code == 200
        assert await tg.sent(5002, after=lan.seen) == []
        garbage = await http.post(local, content=b"{not json", headers=ok)
        assert garbage.status_code == 400
        # Answered after handling (Telegram re-sends until answered, one chat at a time): how
        # long a push waits for its answer, printed for the record.
        took = [d["seconds"] for d in (await tg.state())["webhook_deliveries"]]
        print(f"Telegram webhook answers: {', '.join(f'{t:.3f}s' for t in took)}")


async def test_duplicate_update_is_handled_once(loa, tg):
    await seed_units(loa)
    code = await make_invite(loa, "TYTBC", uses=5)
    lan = await tg.user(5101, "Lan")
    await lan.send(f"/start {code}")
    confirm = await lan.receive_one()
    press = await lan.press_label(confirm, "Đúng")
    await lan.receive(2)
    name = await lan.send("Nguyễn Thị Lan")
    await lan.receive_one()
    before = await snapshot(loa)
    for update in (name, press):
        await tg.call("resend", update_id=update["update_id"])
        assert await lan.nothing_more(update) == []
    assert await snapshot(loa) == before
    await lan.send("Dược sĩ")
    assert "Chào mừng Nguyễn Thị Lan" in (await lan.receive_one())["text"]
