"""GET /metrics: who may scrape it, and that its numbers follow what Loa does (a broadcast to
officers on the fake Telegram, with a 429, a 5xx and a blocked officer on the way); JSON logs."""

from __future__ import annotations

import io
import json
import logging
import re
import subprocess
import sys
from datetime import UTC, datetime

import httpx
import pytest
import yaml
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import select

from bot.channels import (
    ChatMoved,
    RecipientBlocked,
    Rejected,
    SendError,
    SendTimeout,
    Throttled,
    TooLarge,
    Transient,
)
from bot.core.events import TextOut, to_payload
from bot.core.logs import setup_logging
from bot.delivery.outbox import Recipient, create_job, enqueue
from bot.delivery.sending import outcome
from bot.store.models import ChannelUsage
from bot.web.metrics import loopback_client, may_scrape
from tests.conftest import ROOT, running_loa, telegram_env
from tests.e2e.test_outbox_e2e import queue_broadcast, wait_done
from tests.support.helpers import make_officers, seed_units

TOKEN = "metrics-token-0123456789abcdef"


def scope(host: str, *headers: tuple[bytes, bytes]) -> dict:
    return {"type": "http", "client": (host, 40000), "headers": list(headers)}


def test_only_loopback_without_a_proxy_or_the_token_may_scrape():
    assert loopback_client(scope("127.0.0.1"))
    assert loopback_client(scope("::1"))
    assert loopback_client(scope("127.0.0.2"))
    assert not loopback_client(scope("203.0.113.5"))
    assert not loopback_client(scope("testclient"))  # not an address at all
    assert not loopback_client({"type": "http", "headers": []})  # no client known
    # Through a proxy on this machine the peer is loopback, the client is not: never trusted,
    # whatever the forwarding header claims.
    for header in (b"x-forwarded-for", b"forwarded", b"x-real-ip"):
        assert not loopback_client(scope("127.0.0.1", (header, b"127.0.0.1")))
    bearer = (b"authorization", f"Bearer {TOKEN}".encode())
    assert may_scrape(scope("203.0.113.5", bearer), TOKEN)
    assert may_scrape(scope("127.0.0.1", (b"x-forwarded-for", b"203.0.113.5"), bearer), TOKEN)
    assert not may_scrape(scope("203.0.113.5", (b"authorization", b"Bearer wrong")), TOKEN)
    assert not may_scrape(scope("203.0.113.5", (b"authorization", TOKEN.encode())), TOKEN)
    assert not may_scrape(scope("203.0.113.5", bearer), None)  # no token set: loopback only


def test_each_send_outcome_has_one_name():
    cases = [(None, "ok"), (Throttled(3), "429"), (RecipientBlocked("blocked"), "403"),
             (Transient("Zalo 403", status=403), "403"), (Transient("bad gateway", status=502), "5xx"),
             (Transient("Request timeout", status=408), "timeout"), (SendTimeout("timed out"), "timeout"),
             (Transient("ConnectError"), "network"), (Rejected(400, "chat not found"), "rejected"),
             (TooLarge(10), "rejected"), (ChatMoved("-100"), "moved"), (SendError("?"), "error")]
    assert [(type(exc).__name__, outcome(exc)) for exc, _ in cases] == \
           [(type(exc).__name__, name) for exc, name in cases]


def values(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Every sample of an exposition, by name and labels (parsed by prometheus_client itself)."""
    out = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            out[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return out


def sample(found: dict, name: str, **labels: str) -> float:
    return found.get((name, tuple(sorted(labels.items()))), 0.0)


async def test_metrics_follow_a_broadcast_and_refuse_strangers(db_url, fake_server, tg, clock,
                                                               tmp_path):
    cfg = tmp_path / "config.toml"
    cfg.write_text(f'messages_dir = "{ROOT / "messages"}"\n[delivery]\nrate_per_second = 200\n'
                   "[zalo]\nmonthly_quota = 100\n")
    from bot.app import load_config

    config = load_config(cfg, {"DATABASE_URL": db_url, "LOA_METRICS_TOKEN": TOKEN,
                               **telegram_env(fake_server)})
    async with running_loa(config, clock) as loa:
        url = f"http://127.0.0.1:{loa.http.port}/metrics"
        async with loa.sessions() as session, session.begin():
            session.add(ChannelUsage(channel="zalo", month=clock.now().strftime("%Y-%m"), sent=85,
                                     warned=True))
        async with httpx.AsyncClient() as http:
            before = await http.get(url)
            assert before.status_code == 200, before.text
            assert before.headers["content-type"].startswith("text/plain")
            # From a proxy on this machine (X-Forwarded-For): the token is needed.
            proxied = await http.get(url, headers={"X-Forwarded-For": "127.0.0.1"})
            assert proxied.status_code == 401
            assert proxied.headers["www-authenticate"].startswith("Bearer")
            wrong = await http.get(url, headers={"X-Forwarded-For": "203.0.113.5",
                                                 "Authorization": "Bearer not-the-token-at-all"})
            assert wrong.status_code == 401
            right = await http.get(url, headers={"X-Forwarded-For": "203.0.113.5",
                                                 "Authorization": f"Bearer {TOKEN}"})
            assert right.status_code == 200 and "loa_sends_total" in right.text
        # A client that is not on this machine, at the HTTP level (the ASGI app as uvicorn runs it).
        stranger = httpx.ASGITransport(app=loa.http.app, client=("203.0.113.5", 5000))
        async with httpx.AsyncClient(transport=stranger, base_url="http://loa") as http:
            assert (await http.get("/metrics")).status_code == 401
            ok = await http.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
            assert ok.status_code == 200

        first = values(before.text)
        assert sample(first, "loa_sends_total", channel="telegram", outcome="429") == 0
        assert sample(first, "loa_worker_up", worker="outbox") == 1
        assert sample(first, "loa_reports_received_today") == 0
        assert sample(first, "loa_budget_used_ratio", channel="zalo") == pytest.approx(0.85)
        leases = [dict(k[1]) for k in first if k[0] == "loa_lease_holder"]
        assert {lease["holder"] for lease in leases} == {loa.leases.worker_id}
        assert any(lease["lease"].startswith("channel:telegram:") for lease in leases)
        assert sample(first, "loa_processes", role="run") == 1

        await seed_units(loa)
        chats = await make_officers(loa, tg, 12)
        await tg.call("block", user_id=chats[0])
        await tg.call("fail", failures=[{"code": 429, "retry_after": 1}, {"code": 502}])
        job = await queue_broadcast(loa, "Tuần lễ dinh dưỡng: treo băng rôn tại trạm")
        counts = await wait_done(loa, job)
        assert counts["sent"] == 11 and counts["blocked"] == 1

        async with httpx.AsyncClient() as http:
            after = values((await http.get(url)).text)
        sent_ok = sample(after, "loa_sends_total", channel="telegram", outcome="ok") - \
            sample(first, "loa_sends_total", channel="telegram", outcome="ok")
        assert sent_ok == 11
        assert sample(after, "loa_sends_total", channel="telegram", outcome="429") == 1
        assert sample(after, "loa_sends_total", channel="telegram", outcome="5xx") == 1
        assert sample(after, "loa_sends_total", channel="telegram", outcome="403") == 1
        assert sample(after, "loa_send_seconds_count", channel="telegram") == \
            sample(first, "loa_send_seconds_count", channel="telegram") + 14
        assert sample(after, "loa_deliveries", channel="telegram", state="sent") == \
            sample(first, "loa_deliveries", channel="telegram", state="sent") + 11
        assert sample(after, "loa_deliveries", channel="telegram", state="blocked") == 1
        assert sample(after, "loa_delivery_oldest_waiting_seconds", channel="telegram") == 0
        # Web requests are timed by their route's pattern.
        assert sample(after, "loa_http_request_seconds_count", method="GET", route="/metrics",
                      status="200") >= 2
        assert sample(after, "loa_http_request_seconds_count", method="GET", route="/metrics",
                      status="401") >= 2
        # Every metric the example alerts use is one Loa exposes.
        rules = yaml.safe_load((ROOT / "deploy" / "alerts.yml").read_text())["groups"][0]["rules"]
        used = {name for rule in rules for name in re.findall(r"\bloa_[a-z_]+", rule["expr"])}
        assert len(used) >= 5 and used <= {name for name, _ in after}


async def test_a_waiting_delivery_shows_its_age(db_url, fake_server, tg, clock):
    from datetime import timedelta

    from bot.app import load_config

    config = load_config(ROOT / "config.toml", {"DATABASE_URL": db_url, **telegram_env(fake_server)})
    async with running_loa(config, clock) as loa:
        await seed_units(loa)
        officer = (await make_officers(loa, tg, 1))[0]
        # A row for a channel no process here sends on (Zalo is not set up): it waits.
        async with loa.sessions() as session, session.begin():
            from bot.store.models import Identity

            officer_id = await session.scalar(select(Identity.officer_id).where(
                Identity.chat_id == str(officer)))
            job = await create_job(session, loa.clock, "broadcast")
            await enqueue(session, loa.clock, job.id, [
                (Recipient(officer_id, "zalo", "u1"), to_payload(TextOut(text="Chờ gửi")))])
        clock.advance(timedelta(minutes=11))
        async with httpx.AsyncClient() as http:
            found = values((await http.get(f"http://127.0.0.1:{loa.http.port}/metrics")).text)
        assert sample(found, "loa_delivery_oldest_waiting_seconds", channel="zalo") == 660
        assert sample(found, "loa_deliveries", channel="zalo", state="pending") == 1
        assert sample(found, "loa_delivery_oldest_waiting_seconds", channel="telegram") == 0


def test_json_log_lines_parse(monkeypatch):
    stream = io.StringIO()
    monkeypatch.setattr(sys, "stderr", stream)
    from zoneinfo import ZoneInfo

    setup_logging(ZoneInfo("Asia/Ho_Chi_Minh"), ["SECRET-TOKEN-123"], logging.INFO, json_lines=True)
    try:
        log = logging.getLogger("bot.test")
        log.info("Đã gửi %d tin\ntới cán bộ", 3)
        try:
            raise ValueError("hỏng SECRET-TOKEN-123")
        except ValueError:
            log.exception("không gửi được")
    finally:
        setup_logging(ZoneInfo("Asia/Ho_Chi_Minh"), [], logging.WARNING)
    lines = stream.getvalue().splitlines()
    entries = [json.loads(line) for line in lines]
    assert len(entries) == 2
    first, second = entries
    assert first["message"] == "Đã gửi 3 tin\ntới cán bộ" and first["level"] == "INFO"
    assert first["logger"] == "bot.test" and "exception" not in first
    assert datetime.fromisoformat(first["time"]).utcoffset().total_seconds() == 7 * 3600
    assert second["level"] == "ERROR" and "ValueError: hỏng ***" in second["exception"]
    assert "SECRET-TOKEN-123" not in stream.getvalue()
    assert datetime.fromisoformat(second["time"]) <= datetime.now(UTC)


def test_loa_command_logs_json_with_loa_log_format(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "LOA_LOG_FORMAT": "json", "LOA_CONFIG": str(ROOT / "config.toml"),
           "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'loa.sqlite3'}",
           "LOA_STORAGE_DIR": str(tmp_path / "photos")}
    out = subprocess.run([sys.executable, "-m", "bot", "db", "upgrade", "-v"], env=env, cwd=ROOT,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    logged = [line for line in out.stderr.splitlines() if not line.startswith("CSDL: ")]
    assert logged, out.stderr
    entries = [json.loads(line) for line in logged]
    assert all({"time", "level", "logger", "message"} <= set(e) for e in entries)
    bad = subprocess.run([sys.executable, "-m", "bot", "db", "upgrade"], cwd=ROOT,
                         env={**env, "LOA_LOG_FORMAT": "xml"}, capture_output=True, text=True,
                         timeout=60)
    assert bad.returncode == 2 and "LOA_LOG_FORMAT" in bad.stderr
