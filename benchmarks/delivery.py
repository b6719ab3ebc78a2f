"""Delivery benchmarks: Loa's real delivery path against the fake Bot API on loopback.

    python -m benchmarks.delivery [limit|peer|overhead|crash|all] [--db sqlite|postgresql]
    python -m benchmarks.delivery processes [--lease 60]

Every figure is a ratio measured in the same run (absolute speeds on a shared 2-core machine
mean little). Results are printed and appended, with the date, to benchmarks/RESULTS.md.

(a) limit    — broadcasts with the fake enforcing 30/s (1,000 officers) and 300/s (5,000):
               time ÷ ideal (recipients ÷ limit), 429s received, duplicates and missing.
(b) peer     — a plain python-telegram-bot loop with AIORateLimiter, same messages, same fake and
               limit: Loa's time ÷ the peer's, and the peer's 429s.
(c) overhead — fake unlimited: Loa's deliveries per second ÷ a bare httpx loop's (no database,
               same concurrency), on SQLite and PostgreSQL.
(d) crash    — SIGKILL at 50% of a 2,000-officer broadcast, restart: duplicates outside
               "uncertain", missing.

processes    — (a)–(d) again with three `loa run` processes on one PostgreSQL database and one
               bot token (the leases let only the leader send; the fake counts 429s from all of
               them), timed by the fake's arrival timestamps: first to last arrival ÷ the least a
               sender can take under the limit, ⌊(n−1) ÷ limit⌋ s. (d) kills the leader with
               SIGKILL at 50% and lets a standby take over (`lease_seconds` as given; on one
               machine a standby sees the dead pid at its next heartbeat, every lease_seconds ÷ 3):
               the gap between the last arrival before the kill and the first after it.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import asyncpg
import httpx
from sqlalchemy import select

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot import app as loa_app  # noqa: E402
from bot.app import load_config  # noqa: E402
from bot.core.events import TextOut, to_payload  # noqa: E402
from bot.delivery.outbox import Recipient, create_job, enqueue, job_counts  # noqa: E402
from bot.store.models import Identity, Lease  # noqa: E402
from tests.fake_telegram import TOKEN  # noqa: E402
from tests.support.helpers import make_officers, seed_units  # noqa: E402

RESULTS = ROOT / "benchmarks" / "RESULTS.md"
PG_ADMIN = os.environ.get("LOA_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")
PG_BENCH_DB = "loa_bench"
TEXT = "Thông điệp: Y tế dự phòng là then chốt - Y tế cơ sở là nền tảng - Nhân dân là trung tâm!"
CONCURRENCY = 8


# -- fixtures ------------------------------------------------------------------------------------

@contextlib.contextmanager
def fake_server() -> Iterator[str]:
    proc = subprocess.Popen([sys.executable, "-m", "tests.fake_telegram", "--quiet"], cwd=ROOT,
                            stdout=subprocess.PIPE, text=True)
    try:
        url = proc.stdout.readline().strip() if proc.stdout else ""
        if not url.startswith("http"):
            raise RuntimeError("the fake Bot API did not start")
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


class Control:
    def __init__(self, url: str) -> None:
        self.http = httpx.AsyncClient(base_url=url, timeout=120)

    async def call(self, action: str, **params: Any) -> Any:
        resp = await self.http.post(f"/_fake/{action}", json=params)
        resp.raise_for_status()
        return resp.json()

    async def close(self) -> None:
        await self.http.aclose()


async def database_url(kind: str, tmp: Path) -> str:
    if kind == "sqlite":
        return f"sqlite+aiosqlite:///{tmp / 'bench.sqlite3'}"
    conn = await asyncpg.connect(PG_ADMIN)
    try:
        if not await conn.fetchval("SELECT 1 FROM pg_database WHERE datname=$1", PG_BENCH_DB):
            await conn.execute(f'CREATE DATABASE "{PG_BENCH_DB}"')
    finally:
        await conn.close()
    base = PG_ADMIN.rsplit("/", 1)[0]
    conn = await asyncpg.connect(f"{base}/{PG_BENCH_DB}")
    try:
        await conn.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    finally:
        await conn.close()
    return "postgresql+asyncpg://" + f"{base}/{PG_BENCH_DB}".split("://", 1)[1]


def write_config(tmp: Path, rate: float, concurrency: int = CONCURRENCY,
                 lease_seconds: int | None = None) -> Path:
    cfg = tmp / "config.toml"
    cfg.write_text(f'messages_dir = "{ROOT / "messages"}"\n[delivery]\nrate_per_second = {rate}\n'
                   f"concurrency = {concurrency}\n"
                   + (f"lease_seconds = {lease_seconds}\n" if lease_seconds else ""))
    return cfg


@contextlib.asynccontextmanager
async def loa_with_officers(kind: str, url: str, n: int, rate: float, tmp: Path
                            ) -> AsyncIterator[tuple[loa_app.Loa, Control, list[int], int]]:
    """Loa (no receiving) with n officers and one queued broadcast job; nothing sent yet."""
    env = {"DATABASE_URL": await database_url(kind, tmp), "TELEGRAM_BOT_TOKEN": TOKEN,
           "TELEGRAM_API_BASE_URL": url, "LOA_HTTP_PORT": "0"}
    config = load_config(write_config(tmp, rate), env)
    loa = await loa_app.build(config)
    control = Control(url)
    try:
        await seed_units(loa)
        chats = await make_officers(loa, control, n)
        job_id = await queue(loa, chats)
        channel = loa_app.create_channel(loa, "telegram")
        await channel.open()
        loa.add_channel(channel)
        yield loa, control, chats, job_id
        await channel.close()
    finally:
        await control.close()
        await loa.close()


async def queue(loa: loa_app.Loa, chats: list[int]) -> int:
    async with loa.sessions() as session, session.begin():
        job = await create_job(session, loa.clock, "broadcast")
        rows = (await session.execute(select(Identity.officer_id, Identity.chat_id))).all()
        payload = to_payload(TextOut(text=TEXT))
        await enqueue(session, loa.clock, job.id,
                      [(Recipient(oid, "telegram", chat), payload) for oid, chat in rows])
        return job.id


async def run_outbox_until_done(loa: loa_app.Loa, job_id: int, control: Control, n: int
                                ) -> float:
    """Seconds until the platform accepted the n-th message (timed by waiting inside the fake,
    so no polling competes with the engine), then until the bookkeeping is written."""
    stop = asyncio.Event()
    started = time.monotonic()
    runner = asyncio.create_task(loa.outbox.run(stop))
    try:
        arrived = await control.call("wait", count=n, timeout=900)
        took = time.monotonic() - started
        if not arrived["ok"]:
            raise RuntimeError(f"not all {n} messages arrived")
        while True:
            async with loa.sessions() as session:
                counts = await job_counts(session, job_id)
            if counts["pending"] == counts["sending"] == 0:
                return took
            await asyncio.sleep(0.1)
    finally:
        stop.set()
        await runner


async def received(control: Control, chats: list[int]) -> tuple[int, int]:
    counts = await control.call("counts")
    duplicates = sum(1 for c in chats if counts.get(str(c), 0) > 1)
    missing = sum(1 for c in chats if counts.get(str(c), 0) == 0)
    return duplicates, missing


# -- (a) at the platform's limit -------------------------------------------------------------

async def at_limit(kind: str, n: int, limit: int) -> dict[str, Any]:
    with fake_server() as url, tempfile.TemporaryDirectory() as tmp:
        async with loa_with_officers(kind, url, n, limit, Path(tmp)) as (loa, control, chats, job):
            await control.call("limits", global_per_sec=limit, per_chat_per_sec=1)
            took = await run_outbox_until_done(loa, job, control, n)
            stats = (await control.call("state"))["stats"]
            duplicates, missing = await received(control, chats)
            arrivals = [s["at"] for s in await control.call("sent")]
    ideal = n / limit
    return {"n": n, "limit": limit, "seconds": took, "ideal": ideal, "ratio": took / ideal,
            "span": max(arrivals) - min(arrivals),
            "throttled": stats["throttled"], "duplicates": duplicates, "missing": missing}


# -- (b) the peer: python-telegram-bot with AIORateLimiter ------------------------------------

async def peer(n: int, limit: int) -> dict[str, Any]:
    from telegram.error import RetryAfter, TelegramError
    from telegram.ext import AIORateLimiter, ExtBot

    with fake_server() as url:
        control = Control(url)
        chats = list(range(700_000, 700_000 + n))
        await control.call("users", ids=chats)
        await control.call("limits", global_per_sec=limit, per_chat_per_sec=1)
        bot = ExtBot(TOKEN, base_url=f"{url}/bot", base_file_url=f"{url}/file/bot",
                     rate_limiter=AIORateLimiter(overall_max_rate=limit, overall_time_period=1,
                                                 max_retries=5))
        failed = 0

        async def one(chat: int) -> None:
            nonlocal failed
            try:
                await bot.send_message(chat, TEXT)
            except (RetryAfter, TelegramError):
                failed += 1

        async with bot:
            started = time.monotonic()
            await asyncio.gather(*(one(c) for c in chats))
            took = time.monotonic() - started
        stats = (await control.call("state"))["stats"]
        duplicates, missing = await received(control, chats)
        await control.close()
    return {"n": n, "limit": limit, "seconds": took, "ratio": took / (n / limit),
            "throttled": stats["throttled"], "failed": failed, "duplicates": duplicates,
            "missing": missing}


# -- (c) the cost of durability ---------------------------------------------------------------

async def bare_httpx(url: str, chats: list[int]) -> float:
    """The floor: sendMessage as fast as `CONCURRENCY` tasks can, no database, no bookkeeping."""
    queue_: asyncio.Queue[int] = asyncio.Queue()
    for c in chats:
        queue_.put_nowait(c)
    limits = httpx.Limits(max_connections=CONCURRENCY, max_keepalive_connections=CONCURRENCY)
    async with httpx.AsyncClient(base_url=f"{url}/bot{TOKEN}", limits=limits, timeout=30) as http:
        async def worker() -> None:
            while not queue_.empty():
                chat = queue_.get_nowait()
                resp = await http.post("/sendMessage", data={"chat_id": chat, "text": TEXT})
                resp.raise_for_status()

        started = time.monotonic()
        await asyncio.gather(*(worker() for _ in range(CONCURRENCY)))
        return time.monotonic() - started


async def overhead(kind: str, n: int) -> dict[str, Any]:
    with fake_server() as url, tempfile.TemporaryDirectory() as tmp:
        async with loa_with_officers(kind, url, n, 10_000, Path(tmp)) as (loa, control, chats, job):
            # The bare loop runs before and after Loa, so neither gains from going first.
            before = await bare_httpx(url, chats)
            await control.call("reset_sent")
            loa.limiters["telegram"].per_chat_interval = 0  # the bare loop just sent to them
            took = await run_outbox_until_done(loa, job, control, n)
            after = await bare_httpx(url, chats)
            async with loa.sessions() as session:
                counts = await job_counts(session, job)
    bare = (before + after) / 2
    return {"n": n, "db": kind, "loa_per_s": n / took, "bare_per_s": n / bare,
            "ratio": bare / took, "sent": counts["sent"]}


# -- (d) SIGKILL at 50% ------------------------------------------------------------------------

async def crash(kind: str, n: int, limit: int) -> dict[str, Any]:
    with fake_server() as url, tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        async with loa_with_officers(kind, url, n, limit, tmp) as (loa, control, chats, job):
            await control.call("limits", global_per_sec=limit)
            env = {**os.environ, "DATABASE_URL": loa.config.database_url,
                   "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": url,
                   "LOA_CONFIG": str(tmp / "config.toml"), "LOA_HTTP_PORT": "0"}
            log = (tmp / "bot.log").open("ab")

            def start() -> subprocess.Popen[bytes]:
                return subprocess.Popen([sys.executable, "-m", "bot", "run"], env=env, cwd=ROOT,
                                        stdout=log, stderr=subprocess.STDOUT)

            bot = start()
            await control.call("wait", count=n // 2, timeout=300)
            bot.send_signal(signal.SIGKILL)
            bot.wait()
            at_kill = len(await control.call("counts"))
            bot = start()
            while True:
                async with loa.sessions() as session:
                    counts = await job_counts(session, job)
                if counts["pending"] == counts["sending"] == 0:
                    break
                await asyncio.sleep(0.1)
            bot.send_signal(signal.SIGTERM)
            bot.wait()
            got = await control.call("counts")
    duplicates = sum(1 for c in chats if got.get(str(c), 0) > 1)
    missing = [c for c in chats if str(c) not in got]
    return {"n": n, "db": kind, "at_kill": at_kill, "uncertain": counts["uncertain"],
            "duplicates": duplicates, "missing": len(missing),
            "missing_outside_uncertain": max(0, len(missing) - counts["uncertain"])}


# -- three `loa run` processes on PostgreSQL ----------------------------------------------------

BOTS = 3


async def channel_holder(loa: loa_app.Loa) -> tuple[str, datetime] | None:
    async with loa.sessions() as session:
        lease = await session.scalar(select(Lease).where(Lease.name.like("channel:telegram:%")))
    if lease is None or lease.expires_at <= datetime.now(UTC):
        return None
    return lease.holder, lease.acquired_at


async def processes_run(n: int, limit: int | None, lease: int = 60, kill_at: float | None = None,
                        bare: bool = False, delay: float = 0.0) -> dict[str, Any]:
    """A broadcast to n officers sent by whichever of three `loa run` processes leads."""
    with fake_server() as url, tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        db = await database_url("postgresql", tmp)
        cfg = write_config(tmp, limit or 10_000, lease_seconds=lease)
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("TELEGRAM_", "DATABASE_URL", "LOA_"))}
        env.update({"DATABASE_URL": db, "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": url,
                    "LOA_CONFIG": str(cfg), "LOA_HTTP_PORT": "0",
                    "LOA_STORAGE_DIR": str(tmp / "data")})
        loa = await loa_app.build(load_config(cfg, env))
        control = Control(url)
        bots: list[subprocess.Popen[bytes]] = []
        try:
            await seed_units(loa)
            chats = await make_officers(loa, control, n)
            if limit:
                await control.call("limits", global_per_sec=limit, per_chat_per_sec=1)
            before = await bare_httpx(url, chats) if bare else None
            if bare:
                await control.call("reset_sent")
            log = (tmp / "bots.log").open("ab")
            bots = [subprocess.Popen([sys.executable, "-m", "bot", "run"],  # noqa: ASYNC220
                                     env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
                    for _ in range(BOTS)]
            deadline = time.monotonic() + 60
            while (held := await channel_holder(loa)) is None:
                if time.monotonic() > deadline:
                    raise RuntimeError("no process took the channel's lease")
                await asyncio.sleep(0.1)
            await asyncio.sleep(2 + delay)  # the new leader's pause after taking the lease
            job = await queue(loa, chats)
            killed_at = successor = taken_at = None
            if kill_at is not None:
                await control.call("wait", count=int(n * kill_at), timeout=300)
                victim = next(b for b in bots if b.pid == int(held[0].split("/")[2]))
                victim.send_signal(signal.SIGKILL)
                killed_at = time.time()
                victim.wait()
                while True:  # another process's row: polled
                    now = await channel_holder(loa)
                    if now is not None and now[0] != held[0]:
                        break
                    await asyncio.sleep(0.05)
                taken_at = now[1].timestamp()
                successor = taken_at - killed_at
            while True:
                async with loa.sessions() as session:
                    counts = await job_counts(session, job)
                if counts["pending"] == counts["sending"] == 0:
                    break
                await asyncio.sleep(0.2)
            after = await bare_httpx(url, chats) if bare else None
            stats = await control.call("stats")
            sent = [s for s in await control.call("sent") if s["method"] == "sendMessage"]
        finally:
            for bot in bots:
                if bot.poll() is None:
                    bot.send_signal(signal.SIGTERM)
            for bot in bots:
                bot.wait(timeout=60)
            await control.close()
            await loa.close()
    if bare:
        sent = sent[:n]  # Loa's, before the bare loop's second round
    got: dict[int, int] = {}
    for s in sent:
        got[s["chat_id"]] = got.get(s["chat_id"], 0) + 1
    arrivals = sorted(s["at"] for s in sent)
    out: dict[str, Any] = {
        "n": n, "limit": limit, "lease": lease, "span": arrivals[-1] - arrivals[0],
        "throttled": stats["throttled"], "conflicts": stats["conflicts"],
        "max_pollers": stats["max_pollers"],
        "duplicates": sum(1 for c in chats if got.get(c, 0) > 1),
        "missing": sum(1 for c in chats if c not in got), "uncertain": counts["uncertain"]}
    if limit:
        out["ideal"] = (n - 1) // limit
        out["ratio"] = out["span"] / out["ideal"]
    if bare:
        out["bare_per_s"] = n / ((before + after) / 2)
        out["loa_per_s"] = n / out["span"]
    if killed_at is not None:
        # Sends the killed leader had on the wire may arrive just after the kill: the successor's
        # are those after it took the lease.
        first_after = min(a for a in arrivals if a > taken_at)
        last_before = max(a for a in arrivals if a < first_after)
        out.update(gap=first_after - last_before, resumed=first_after - killed_at,
                   successor=successor,
                   missing_outside_uncertain=max(0, out["missing"] - counts["uncertain"]))
    return out


async def processes(lease: int) -> list[str]:
    lines = []
    for n, limit, target in ((1000, 30, 1.03), (5000, 300, 1.10)):
        a = await processes_run(n, limit, lease)
        lines.append(f"- (a) {BOTS} processes, {n:,} at {limit}/s (postgresql): first to last "
                     f"arrival {a['span']:.2f} s, least possible {a['ideal']} s, **ratio "
                     f"{a['ratio']:.3f}** (target ≤ {target}); **429s {a['throttled']}**, "
                     f"duplicates {a['duplicates']}, missing {a['missing']}; 409s "
                     f"{a['conflicts']}, most pollers at once {a['max_pollers']}")
        if limit == 300:
            one = await at_limit("postgresql", n, limit)
            lines.append(f"- (a) the same in one process, same run: first to last arrival "
                         f"{one['span']:.2f} s, ratio {one['span'] / a['ideal']:.3f}; **{BOTS} "
                         f"processes ÷ one {a['span'] / one['span']:.3f}**; 429s "
                         f"{one['throttled']}")
        if limit == 30:
            p = await peer(1000, 30)
            lines.append(f"- (b) peer, PTB + AIORateLimiter in one process, 1,000 at 30/s: "
                         f"{p['seconds']:.2f} s, 429s {p['throttled']}; **{BOTS} Loa processes ÷ "
                         f"peer {a['span'] / p['seconds']:.3f}**")
    c = await processes_run(3000, None, lease, bare=True)
    lines.append(f"- (c) {BOTS} processes, 3,000 unlimited (postgresql): Loa {c['loa_per_s']:.0f}/s "
                 f"(first to last arrival), bare httpx {c['bare_per_s']:.0f}/s: **ratio "
                 f"{c['loa_per_s'] / c['bare_per_s']:.2f}** (target ≥ 0.8); duplicates "
                 f"{c['duplicates']}, missing {c['missing']}")
    o = await overhead("postgresql", 3000)
    lines.append(f"- (c) the same in one process, same run: Loa {o['loa_per_s']:.0f}/s, bare httpx "
                 f"{o['bare_per_s']:.0f}/s: ratio {o['ratio']:.2f}")
    d = await processes_run(2000, 300, lease, kill_at=0.5)
    lines.append(f"- (d) {BOTS} processes, SIGKILL of the leader at 50% of 2,000 (postgresql, "
                 f"300/s, lease_seconds {lease}): a standby took the lease {d['successor']:.2f} s "
                 f"after the kill; **sending resumed {d['resumed']:.2f} s after the kill**, gap "
                 f"between arrivals {d['gap']:.2f} s (bound: lease_seconds ÷ 3 = {lease / 3:.1f} s "
                 f"to notice + {loa_app.TAKEOVER_PAUSE:g} s pause); uncertain {d['uncertain']}, **duplicates "
                 f"{d['duplicates']}**, missing {d['missing']} (outside uncertain "
                 f"**{d['missing_outside_uncertain']}**); 429s {d['throttled']}")
    return lines


async def takeover(lease: int, rounds: int) -> list[str]:
    # The processes start together and beat in step, so the kill's place between two beats
    # would be the same each round: a random wait before the broadcast spreads it.
    runs = [await processes_run(2000, 300, lease, kill_at=0.5, delay=random.uniform(0, lease / 3))
            for _ in range(rounds)]
    resumed = sorted(r["resumed"] for r in runs)
    return [f"- takeover after SIGKILL of the leader, {BOTS} processes (postgresql, 300/s, "
            f"lease_seconds {lease}), {rounds} rounds: sending resumed after "
            f"{', '.join(f'{x:.2f}' for x in resumed)} s (bound lease_seconds ÷ 3 + "
            f"{loa_app.TAKEOVER_PAUSE:g} s = "
            f"{lease / 3 + loa_app.TAKEOVER_PAUSE:.1f} s; the kill falls at a random point between two "
            "heartbeats); "
            f"duplicates {sum(r['duplicates'] for r in runs)}, "
            f"missing outside uncertain {sum(r['missing_outside_uncertain'] for r in runs)}, "
            f"429s {sum(r['throttled'] for r in runs)}"]


# -- reporting ----------------------------------------------------------------------------------

def record(lines: list[str], script: str = "delivery") -> None:
    stamp = datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).strftime("%Y-%m-%d %H:%M %z")
    block = [f"## {stamp} — `python -m benchmarks.{script} {' '.join(sys.argv[1:])}`", "",
             f"Machine: {os.cpu_count()} cores; Python {sys.version.split()[0]}; load average "
             f"{os.getloadavg()[0]:.1f} at the end (other work shares the machine).", "", *lines,
             ""]
    print("\n".join(lines))
    if not RESULTS.exists():
        RESULTS.write_text("# Benchmark results\n\nAppended by the scripts in this folder.\n\n")
    with RESULTS.open("a") as f:
        f.write("\n".join(block) + "\n")


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("which", nargs="?", default="all",
                        choices=["limit", "peer", "overhead", "crash", "all", "processes",
                                 "takeover"])
    parser.add_argument("--db", default="sqlite", choices=["sqlite", "postgresql"])
    parser.add_argument("--lease", type=int, default=60,
                        help="lease_seconds for processes/takeover (config.toml's is 60)")
    parser.add_argument("--rounds", type=int, default=3, help="takeover rounds")
    args = parser.parse_args()
    lines: list[str] = []
    if args.which == "processes":
        record(await processes(args.lease))
        return
    if args.which == "takeover":
        record(await takeover(args.lease, args.rounds))
        return
    if args.which in ("limit", "peer", "all"):
        a30 = await at_limit(args.db, 1000, 30)
        lines.append(f"- (a) 1,000 at 30/s ({args.db}): {a30['seconds']:.2f} s, ideal "
                     f"{a30['ideal']:.2f} s, **ratio {a30['ratio']:.3f}** (target ≤ 1.03); "
                     f"429s {a30['throttled']}, duplicates {a30['duplicates']}, "
                     f"missing {a30['missing']}")
        if args.which != "peer":
            a300 = await at_limit(args.db, 5000, 300)
            lines.append(f"- (a) 5,000 at 300/s ({args.db}): {a300['seconds']:.2f} s, ideal "
                         f"{a300['ideal']:.2f} s, **ratio {a300['ratio']:.3f}** (target ≤ 1.10); "
                         f"429s {a300['throttled']}, duplicates {a300['duplicates']}, "
                         f"missing {a300['missing']}")
        if args.which in ("peer", "all"):
            p = await peer(1000, 30)
            lines.append(f"- (b) peer, PTB + AIORateLimiter, 1,000 at 30/s: {p['seconds']:.2f} s, "
                         f"ratio to ideal {p['ratio']:.3f}, 429s {p['throttled']} "
                         f"({p['throttled'] / p['n']:.1%} of sends), failed {p['failed']}; "
                         f"**Loa ÷ peer {a30['seconds'] / p['seconds']:.3f}**")
    if args.which in ("overhead", "all"):
        for kind in ("sqlite", "postgresql"):
            # Three rounds, each in a fresh fake: run-to-run noise on a shared machine is large.
            rounds = [await overhead(kind, 3000) for _ in range(3)]
            rounds.sort(key=lambda o: o["ratio"])
            o = rounds[1]
            lines.append(f"- (c) durability, 3,000 unlimited ({kind}), median of 3: "
                         f"Loa {o['loa_per_s']:.0f}/s, bare httpx {o['bare_per_s']:.0f}/s, "
                         f"**ratio {o['ratio']:.2f}** (range {rounds[0]['ratio']:.2f}–"
                         f"{rounds[2]['ratio']:.2f}; target ≥ 0.8); sent {o['sent']} each round")
    if args.which in ("crash", "all"):
        c = await crash(args.db, 2000, 300)
        lines.append(f"- (d) SIGKILL at 50% of 2,000 ({args.db}, 300/s): killed at {c['at_kill']} "
                     f"received; uncertain {c['uncertain']}, **duplicates {c['duplicates']}**, "
                     f"missing {c['missing']} (outside uncertain "
                     f"**{c['missing_outside_uncertain']}**)")
    record(lines)


if __name__ == "__main__":
    asyncio.run(main())
