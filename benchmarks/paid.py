"""Sending at the paid limit: Telegram's `allow_paid_broadcast` (1,000 messages a second).

    python -m benchmarks.paid [--n 20000] [--bots 3] [--big 400000] [--big-seconds 60]

The fake Bot API runs in its own process and enforces the paid limit (1,000/s for sends that
carry `allow_paid_broadcast`, counting every send; 30/s for the others; 1/s per chat), and counts
its 429s. Loa runs as `loa run` processes on one PostgreSQL database and one bot token, with
`[telegram] allow_paid_broadcast = true`. Only broadcast jobs pay and go by the paid lane, so
(a), (b) and (c) queue broadcast jobs (`benchmarks.delivery.queue`, `start_sending`); anything
else would go at the free 30/s. One run prints, each beside a baseline from the run:

(0) ceiling  — a bare httpx loop (no database, same concurrency, paid flag) against the same
               fake: what this machine can push through the fake at all right now.
(a) one      — one `loa run` process, `--n` messages: first to last arrival ÷ the least
               possible, ⌊(n−1) ÷ 1000⌋ s.
(b) three    — `--bots` processes, the same: ratio, 429s, and senders per token — which
               processes' connections the fake's accepted sends came from (each process's
               sockets are read from /proc while it runs) and how many sent at once.
(c) big      — a `--big`-recipient broadcast (a real broadcast row, its audience resolved by
               `start_sending`, its progress message edited by the process holding the
               schedules lease) sent by `--bots` processes; for `--big-seconds` while it sends,
               `loa broadcast status <id>` (the whole command, a new process each time, as an
               operator runs it) and the console's /broadcasts page (from the process that is
               sending) are timed one after another: p50 and p95. Then the processes stop.

Results are printed and appended, with the date and the machine's load, to
benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import select

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.delivery import (  # noqa: E402
    TEXT,
    Control,
    channel_holder,
    database_url,
    fake_server,
    queue,
    record,
)
from bot import app as loa_app  # noqa: E402
from bot.app import load_config  # noqa: E402
from bot.delivery.outbox import job_counts  # noqa: E402
from bot.domain.audit import Actor  # noqa: E402
from bot.domain.broadcasts import start_sending  # noqa: E402
from bot.services import Scope  # noqa: E402
from bot.services.web import issue_link, sign_in  # noqa: E402
from bot.store.models import Broadcast, BroadcastState, Officer, Role  # noqa: E402
from bot.web.console.auth import COOKIE, cookie_value  # noqa: E402
from tests.fake_telegram import TOKEN  # noqa: E402
from tests.support.helpers import make_officers, seed_units  # noqa: E402

PAID = 1000
FREE = 30
CONCURRENCY = 8
CONCURRENCY_NOTE = "with `concurrency` sends in flight the rate is at most concurrency ÷ that"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def cpu_seconds(pid: int) -> float:
    """User and system CPU time a process has used so far (from /proc)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def ports_of(pid: int, remote_port: int) -> set[int]:
    """Local ports of `pid`'s TCP connections to 127.0.0.1:`remote_port` (read from /proc)."""
    try:
        inodes = {os.readlink(f"/proc/{pid}/fd/{fd}")[8:-1] for fd in os.listdir(f"/proc/{pid}/fd")
                  if os.readlink(f"/proc/{pid}/fd/{fd}").startswith("socket:[")}
        lines = Path(f"/proc/{pid}/net/tcp").read_text().splitlines()[1:]
    except OSError:
        return set()
    ports = set()
    for line in lines:
        cols = line.split()
        local, remote, inode = cols[1], cols[2], cols[9]
        if inode in inodes and int(remote.split(":")[1], 16) == remote_port:
            ports.add(int(local.split(":")[1], 16))
    return ports


@dataclass
class Bots:
    """`loa run` processes, their HTTP ports, and which of their sockets talk to the fake."""

    procs: list[subprocess.Popen[bytes]]
    http_ports: list[int]
    fake_port: int
    owner: dict[int, int] = field(default_factory=dict)  # local port → pid

    def sample(self) -> None:
        for p in self.procs:
            for port in ports_of(p.pid, self.fake_port):
                self.owner[port] = p.pid

    async def watch(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            self.sample()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), 0.25)


@contextlib.asynccontextmanager
async def setup(tmp: Path, url: str, n: int, bots: int, concurrency: int
                ) -> AsyncIterator[tuple[loa_app.Loa, Control, list[int], Bots]]:
    """n officers in a fresh PostgreSQL database, the fake enforcing the paid limit, and `bots`
    `loa run` processes with paid broadcasts on, one of them holding the channel's lease."""
    db = await database_url("postgresql", tmp)
    cfg = tmp / "config.toml"
    cfg.write_text(f'messages_dir = "{ROOT / "messages"}"\n[delivery]\nrate_per_second = {FREE}\n'
                   f"concurrency = {concurrency}\n[telegram]\nallow_paid_broadcast = true\n"
                   f"paid_rate_per_second = {PAID}\n")
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("TELEGRAM_", "DATABASE_URL", "LOA_"))}
    env.update({"DATABASE_URL": db, "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": url,
                "LOA_CONFIG": str(cfg), "LOA_STORAGE_DIR": str(tmp / "data")})
    loa = await loa_app.build(load_config(cfg, {**env, "LOA_HTTP_PORT": "0"}))
    control = Control(url)
    procs: list[subprocess.Popen[bytes]] = []
    try:
        await seed_units(loa)
        chats = await make_officers(loa, control, n)
        await control.call("limits", global_per_sec=FREE, paid_per_sec=PAID, per_chat_per_sec=1)
        ports = [free_port() for _ in range(bots)]
        log = (tmp / "bots.log").open("ab")
        procs = [subprocess.Popen([sys.executable, "-m", "bot", "run"],  # noqa: ASYNC220
                                  env={**env, "LOA_HTTP_PORT": str(port)}, cwd=ROOT, stdout=log,
                                  stderr=subprocess.STDOUT) for port in ports]
        deadline = time.monotonic() + 120
        while await channel_holder(loa) is None:
            if time.monotonic() > deadline:
                raise RuntimeError("no process took the channel's lease")
            await asyncio.sleep(0.1)
        await asyncio.sleep(2)  # the new leader's pause after taking the lease
        yield loa, control, chats, Bots(procs, ports, int(url.rsplit(":", 1)[1]))
    finally:
        for p in procs:
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
        for p in procs:
            try:
                p.wait(timeout=60)
            except subprocess.TimeoutExpired:
                p.kill()
        await control.close()
        await loa.close()


async def send_latency(port: int) -> float:
    """A process's mean time for the platform to answer a send (its /metrics; 0 if it sent
    nothing)."""
    async with httpx.AsyncClient(timeout=30) as http:
        text = (await http.get(f"http://127.0.0.1:{port}/metrics")).text
    found = dict(re.findall(r'^loa_send_seconds_(sum|count)\{channel="telegram"\} (\S+)$', text,
                            re.MULTILINE))
    count = float(found.get("count", 0))
    return float(found["sum"]) / count if count else 0.0


def senders(sent: list[dict[str, Any]], bots: Bots) -> tuple[int, int, int]:
    """(processes whose connections sent, the most that sent within one second, sends from
    connections never seen in any process)."""
    by_pid: dict[int, list[float]] = {}
    unknown = 0
    for s in sent:
        pid = bots.owner.get(s["port"])
        if pid is None:
            unknown += 1
        else:
            by_pid.setdefault(pid, []).append(s["at"])
    seconds: dict[int, set[int]] = {}
    for pid, times in by_pid.items():
        for t in times:
            seconds.setdefault(int(t), set()).add(pid)
    return len(by_pid), max((len(p) for p in seconds.values()), default=0), unknown


async def sending(n: int, bots: int, concurrency: int) -> dict[str, Any]:
    """n paid messages sent by `bots` processes: arrival span, 429s, senders per token."""
    with fake_server() as url, tempfile.TemporaryDirectory() as tmp:
        async with setup(Path(tmp), url, n, bots, concurrency) as (loa, control, chats, procs):
            stop = asyncio.Event()
            watcher = asyncio.create_task(procs.watch(stop))
            cpu_before = [cpu_seconds(p.pid) for p in procs.procs]
            job = await queue(loa, chats)
            arrived = await control.call("wait", count=n, timeout=900)
            cpu = sorted((cpu_seconds(p.pid) - c for p, c in zip(procs.procs, cpu_before,
                                                                  strict=True)), reverse=True)
            procs.sample()
            stop.set()
            await watcher
            while True:
                async with loa.sessions() as session:
                    counts = await job_counts(session, job)
                if counts["pending"] == counts["sending"] == 0:
                    break
                await asyncio.sleep(0.2)
            stats = await control.call("stats")
            sent = [s for s in await control.call("sent") if s["method"] == "sendMessage"]
            latency = max([await send_latency(port) for port in procs.http_ports])
    if not arrived["ok"]:
        raise RuntimeError(f"only {len(sent)} of {n} messages arrived")
    arrivals = sorted(s["at"] for s in sent)
    got: dict[int, int] = {}
    for s in sent:
        got[s["chat_id"]] = got.get(s["chat_id"], 0) + 1
    span = arrivals[-1] - arrivals[0]
    ideal = (n - 1) // PAID
    who, at_once, unknown = senders(sent, procs)
    return {"n": n, "bots": bots, "span": span, "ideal": ideal, "ratio": span / ideal,
            "rate": (n - 1) / span, "throttled": stats["throttled"], "paid": stats["paid"],
            "duplicates": sum(1 for c in chats if got.get(c, 0) > 1),
            "missing": sum(1 for c in chats if c not in got), "senders": who,
            "at_once": at_once, "unknown": unknown, "cpu": cpu, "latency": latency}


async def ceiling(n: int, concurrency: int) -> dict[str, Any]:
    """The bare loop: sendMessage with the paid flag as fast as `concurrency` tasks can."""
    with fake_server() as url:
        control = Control(url)
        chats = list(range(700_000, 700_000 + n))
        await control.call("users", ids=chats)
        await control.call("limits", global_per_sec=FREE, paid_per_sec=PAID, per_chat_per_sec=1)
        todo = list(reversed(chats))
        limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
        async with httpx.AsyncClient(base_url=f"{url}/bot{TOKEN}", limits=limits,
                                     timeout=30) as http:
            async def worker() -> None:
                while todo:
                    chat = todo.pop()
                    try:
                        resp = await http.post("/sendMessage", json={
                            "chat_id": chat, "text": TEXT, "allow_paid_broadcast": True})
                    except httpx.TransportError:  # a kept-alive connection the fake closed
                        todo.append(chat)
                        continue
                    if resp.status_code == 429:
                        todo.append(chat)
                        await asyncio.sleep(float(resp.json()["parameters"]["retry_after"]))

            started = time.monotonic()
            await asyncio.gather(*(worker() for _ in range(concurrency)))
            took = time.monotonic() - started
        stats = await control.call("stats")
        await control.close()
    return {"n": n, "seconds": took, "rate": n / took, "throttled": stats["throttled"]}


# -- (c) the big broadcast and its status while it sends ---------------------------------------

async def status_once(env: dict[str, str], *command: str) -> tuple[float, str]:
    """`loa <command>` as an operator runs it: a new process; (seconds, what it printed)."""
    started = time.perf_counter()
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", *command, env=env, cwd=ROOT,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.DEVNULL)
    out, _ = await proc.communicate()
    took = time.perf_counter() - started
    if proc.returncode != 0:
        raise RuntimeError(f"loa {' '.join(command)} failed ({proc.returncode})")
    return took, out.decode()


async def big(n: int, bots: int, concurrency: int, seconds: float) -> dict[str, Any]:
    with fake_server() as url, tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        async with setup(tmp, url, n, bots, concurrency) as (loa, control, _, procs):
            # The author follows the progress in a chat of their own, outside the audience (a
            # recipient's chat also edited would meet the 1/s per-chat limit).
            (admin_chat,) = await make_officers(loa, control, 1, first_id=600_000,
                                                unit_code="SYT", role=Role.ADMIN)
            async with loa.sessions() as session, session.begin():
                admin = await session.scalar(select(Officer).where(
                    Officer.role == Role.ADMIN.value))
                assert admin is not None
                scope = Scope(session, loa.clock, loa.config, loa.texts, Actor.of(admin))
                signed = await sign_in(scope, await issue_link(scope, admin))
                b = Broadcast(author_id=admin.id, content={"text": TEXT},
                              audience={"units": ["SYT"], "subunits": True,
                                        "role": Role.OFFICER.value},
                              state=BroadcastState.SENDING.value, decided_by=admin.id,
                              progress_channel="telegram", progress_chat=str(admin_chat),
                              created_at=loa.clock.now(), decided_at=loa.clock.now())
                session.add(b)
                await session.flush()
                queued_at = time.monotonic()
                recipients = (await start_sending(session, loa.clock, b)).total
                broadcast_id, job_id = b.id, b.job_id
            queued = time.monotonic() - queued_at
            cookie = {COOKIE: await cookie_value(loa_app.console_deps(loa), signed.token)}
            env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "LOA_"))}
            env.update({"DATABASE_URL": loa.config.database_url, "TELEGRAM_BOT_TOKEN": TOKEN,
                        "TELEGRAM_API_BASE_URL": url, "LOA_CONFIG": str(tmp / "config.toml"),
                        "LOA_HTTP_PORT": "0", "LOA_STORAGE_DIR": str(tmp / "data")})
            await control.call("wait", count=min(n, 2 * PAID), timeout=300)  # sending has begun
            holder = await channel_holder(loa)
            assert holder is not None
            leader = next(i for i, p in enumerate(procs.procs)
                          if p.pid == int(holder[0].split("/")[2]))
            clis: list[float] = []
            pages: list[float] = []
            queries: list[float] = []
            lists: list[float] = []
            shown = ""
            before = len(await control.call("counts"))
            started = time.monotonic()
            async with httpx.AsyncClient(
                    base_url=f"http://127.0.0.1:{procs.http_ports[leader]}", cookies=cookie,
                    timeout=60) as web:
                while time.monotonic() - started < seconds:
                    took, shown = await status_once(env, "broadcast", "status", str(broadcast_id))
                    clis.append(took)
                    # The baseline: a command that still builds the whole bot, as status did.
                    lists.append((await status_once(env, "broadcast", "list"))[0])
                    t0 = time.perf_counter()
                    page = await web.get("/broadcasts")
                    page.raise_for_status()
                    pages.append(time.perf_counter() - t0)
                    t0 = time.perf_counter()  # the status's own query, without a new process
                    async with loa.sessions() as session:
                        await job_counts(session, job_id)
                    queries.append(time.perf_counter() - t0)
            elapsed = time.monotonic() - started
            after = len(await control.call("counts"))
            stats = await control.call("stats")
            async with loa.sessions() as session:
                b = await session.get(Broadcast, broadcast_id)
                assert b is not None
                counts = await job_counts(session, b.job_id or 0)
            # The processes stop here, mid-broadcast: what is left is not this question.
    return {"n": n, "recipients": recipients, "queued": queued, "elapsed": elapsed,
            "rate": (after - before) / elapsed, "throttled": stats["throttled"],
            "cli": _quantiles(clis), "page": _quantiles(pages), "query": _quantiles(queries),
            "list": _quantiles(lists),
            "throttled_paid": stats["throttled_paid"], "calls": len(clis),
            "shown": shown.strip().splitlines()[-1] if shown.strip() else "", "counts": counts,
            "edits": stats["requests"].get("editMessageText", 0)}


def _quantiles(values: list[float]) -> tuple[float, float]:
    if len(values) < 2:
        return (values[0], values[0]) if values else (float("nan"), float("nan"))
    cuts = statistics.quantiles(values, n=20, method="inclusive")
    return statistics.median(values), cuts[18]


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=20_000, help="messages for (0), (a) and (b)")
    parser.add_argument("--bots", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=CONCURRENCY)
    parser.add_argument("--big", type=int, default=400_000, help="recipients of (c); 0: skip")
    parser.add_argument("--big-seconds", type=float, default=60.0)
    parser.add_argument("--skip", default="", help="comma-separated parts to skip: 0,a,b")
    args = parser.parse_args()
    skip = set(args.skip.split(","))
    lines: list[str] = []
    c = args.concurrency
    if "0" not in skip:
        z = await ceiling(args.n, c)
        lines.append(f"- (0) ceiling: a bare httpx loop, {z['n']:,} paid sends, {c} at once, no "
                     f"database: {z['seconds']:.2f} s, **{z['rate']:.0f}/s** (the limit is "
                     f"{PAID}/s); 429s {z['throttled']}")
    one = None
    if "a" not in skip:
        one = await sending(args.n, 1, c)
        lines.append(_line("(a) baseline, one process", one))
    if "b" not in skip:
        three = await sending(args.n, args.bots, c)
        lines.append(_line(f"(b) {args.bots} processes", three))
        if one is not None:
            lines.append(f"- (b) ÷ (a): **{three['span'] / one['span']:.3f}** "
                         f"({args.bots} processes' time ÷ one process's, same run)")
    if args.big:
        try:
            g = await big(args.big, args.bots, c, args.big_seconds)
        except Exception as exc:  # what was measured before it is still recorded
            lines.append(f"- (c) failed: {exc!r}")
            record(lines, "paid")
            raise
        lines.append(
            f"- (c) a broadcast to {g['recipients']:,} officers (postgresql, {args.bots} "
            f"processes): audience resolved and rows queued in {g['queued']:.1f} s; while it sent "
            f"({g['elapsed']:.0f} s at {g['rate']:.0f}/s, 429s {g['throttled']} (paid sends among them "
            f"{g['throttled_paid']}), "
            f"{g['edits']} progress edits), `loa broadcast status` (a new process each call) "
            f"**p50 {g['cli'][0] * 1000:.0f} ms, p95 {g['cli'][1] * 1000:.0f} ms**; the console's "
            f"/broadcasts from the sending process **p50 {g['page'][0] * 1000:.0f} ms, p95 "
            f"{g['page'][1] * 1000:.0f} ms**; baseline in the same run, `loa broadcast list` "
            f"(still imports and builds the whole bot, as status did before) p50 "
            f"{g['list'][0] * 1000:.0f} ms, p95 {g['list'][1] * 1000:.0f} ms; the status's "
            f"counting query alone (job_counts, "
            f"in the benchmark's process) p50 {g['query'][0] * 1000:.0f} ms, p95 "
            f"{g['query'][1] * 1000:.0f} ms ({g['calls']} calls each, one after another); last "
            f"status: «{g['shown']}»")
    record(lines, "paid")


def _line(label: str, r: dict[str, Any]) -> str:
    return (f"- {label}, {r['n']:,} paid messages at {PAID}/s (postgresql): first to last arrival "
            f"{r['span']:.2f} s ({r['rate']:.0f}/s), least possible {r['ideal']} s, **ratio "
            f"{r['ratio']:.3f}** (target ≤ 1.10); **429s {r['throttled']}**; paid sends "
            f"{r['paid']:,}; duplicates {r['duplicates']}, missing {r['missing']}; **senders per "
            f"token {r['senders']}** (at once, within a second: {r['at_once']}; sends from "
            f"unmatched connections {r['unknown']}); CPU seconds of the processes while it sent "
            f"{', '.join(f'{c:.1f}' for c in r['cpu'])} ({r['cpu'][0] / r['n'] * 1000:.2f} ms "
            f"a message in the sender); a send's mean answer time {r['latency'] * 1000:.0f} ms "
            f"(Loa's /metrics: {CONCURRENCY_NOTE})")


if __name__ == "__main__":
    asyncio.run(main())
