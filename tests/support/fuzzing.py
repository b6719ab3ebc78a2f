"""Random hostile updates against Loa over the fake Bot API, for tests/e2e/test_fuzz_e2e.py and the
longer benchmarks/fuzz.py.

Every example is a short list of updates from onboarded officers of each role and from
strangers: texts, commands with random arguments, photos with captions, documents, stickers,
forged button presses, updates python-telegram-bot cannot read and group messages, written with
random Unicode (digits of every script, NUL, lone surrogates, bidi overrides, zero-width
characters, emoji). After each example every user who wrote must have had an answer and no one
the apology; at the end Loa must still answer /help and the database must pass its checks.
"""

from __future__ import annotations

import asyncio
import base64
import threading
from collections import Counter
from collections.abc import Coroutine
from dataclasses import dataclass, field
from typing import Any

from hypothesis import strategies as st
from sqlalchemy import func, select, text

from bot.app import Loa
from bot.core.clock import FrozenClock
from bot.core.config import HHMM_RE, Config
from bot.core.normalize import clean_text
from bot.store.models import (
    Conversation,
    Identity,
    Officer,
    ProcessedUpdate,
    Report,
    Role,
    Slogan,
)
from handlers import build_router
from tests.conftest import running_loa
from tests.fake_telegram import FakeTelegramControl, TelegramUser
from tests.support.helpers import make_officers, seed_units

APOLOGY = "Xin lỗi, Loa gặp sự cố"
JPEG = bytes.fromhex("ffd8ffe000104a464946") + b"\x05" * 600 + bytes.fromhex("ffd9")
ROLES = (Role.OFFICER, Role.FOCAL, Role.APPROVER, Role.ADMIN)
STRANGERS = 3  # the last one has an empty first name

# What hostile or careless clients put in text.
ODD = [
    "\x00", "\x07", "\x1b", "\x7f", "\u0085", "\r", "\n", "\t",  # controls
    "\ud800", "\udfff", "\ud83d",  # lone surrogates (JSON can carry them as escapes)
    "\u202a", "\u202b", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069",  # bidi
    "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad",  # zero-width
    "٠", "٩", "۵", "०", "৯", "๓", "０", "９", "²", "³", "¹", "①", "Ⅻ", "𝟗", "߃",  # other digits
    "👍", "👍🏽", "👨\u200d👩\u200d👧", "🇻🇳",
    "🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f",  # a tag sequence
    "ă", "ơ", "ư", "đ", "ệ", "ừ", "e\u0301", "Ä", "ﬁ", "ß", "İ",
    "/", ":", "|", "h", ".", "-", " ", "0", "1", "7", "9",
]
COMMANDS = sorted({n for c in build_router().commands for n in (c.name, *c.aliases)})
PREFIXES = ["rp", "rv", "bc", "sl", "sr", "pr", "x", ""]
WORDS = ["macdinh", "mặc định", "canbo", "duyet", "quantri", "TYTBC", "SYT", "edit", "del",
         "fix", "ok", "no", "more", "yes", "skip", "send", "all", "r", "d", "l", "hôm nay"]


def texts(max_size: int = 40) -> st.SearchStrategy[str]:
    pieces = st.one_of(st.characters(codec="utf-8"), st.sampled_from(ODD))
    return st.lists(pieces, max_size=max_size).map("".join)


def numerals() -> st.SearchStrategy[str]:
    return st.one_of(
        st.integers(-5, 2**70).map(str),
        st.sampled_from(["3000000000", "2147483647", "2147483648", "99999999999999999999", "0"]),
        st.text(st.sampled_from("0123456789٠١٢٣٤٥٦٧٨٩²³０９①"), min_size=1, max_size=12))


def args() -> st.SearchStrategy[str]:
    return st.lists(st.one_of(texts(12), numerals(), st.sampled_from(WORDS)), max_size=3).map(
        " ".join)


def callback_data() -> st.SearchStrategy[str]:
    structured = st.tuples(st.sampled_from(PREFIXES), numerals(), st.sampled_from(WORDS)).map(
        lambda t: ":".join(t))
    nonce = st.tuples(st.text("0123456789abcdef", max_size=12), st.one_of(
        numerals(), st.sampled_from(WORDS))).map("|".join)
    return st.one_of(structured, nonce, texts(80))


def updates() -> st.SearchStrategy[dict[str, Any]]:
    """One update: who sends it (an index into the users) and what."""
    who = st.integers(0, len(ROLES) + STRANGERS - 1)
    return st.one_of(
        st.fixed_dictionaries({"who": who, "kind": st.just("text"), "text": st.one_of(
            texts(), numerals(), st.sampled_from(WORDS))}),
        st.fixed_dictionaries({"who": who, "kind": st.just("command"), "text": st.tuples(
            st.one_of(st.sampled_from(COMMANDS), st.from_regex(r"[a-z0-9_]{1,33}", fullmatch=True)),
            args()).map(lambda t: f"/{t[0]} {t[1]}".rstrip())}),
        st.fixed_dictionaries({"who": who, "kind": st.just("photo"), "caption": texts(60)}),
        st.fixed_dictionaries({"who": who, "kind": st.just("document"), "mime": st.sampled_from(
            ["image/jpeg", "application/pdf", "image/x-\u202e"])}),
        st.fixed_dictionaries({"who": who, "kind": st.just("sticker")}),
        st.fixed_dictionaries({"who": who, "kind": st.just("press"), "data": callback_data()}),
        st.fixed_dictionaries({"who": who, "kind": st.just("unreadable"), "what": st.sampled_from(
            ["poll", "no_first_name", "no_user", "group"])}),
    )


@dataclass
class Fuzzer:
    """Plays examples against a running Loa and checks what every user got."""

    loa: Loa
    tg: FakeTelegramControl
    users: list[TelegramUser] = field(default_factory=list)
    tried: int = 0
    kinds: Counter[str] = field(default_factory=Counter)

    @classmethod
    async def setup(cls, loa: Loa, tg: FakeTelegramControl) -> Fuzzer:
        fuzzer = cls(loa, tg)
        await seed_units(loa)
        for i, role in enumerate(ROLES):
            chat = (await make_officers(loa, tg, 1, first_id=880_000 + i, role=role))[0]
            fuzzer.users.append(TelegramUser(tg, chat))
        for i in range(STRANGERS):
            name = "" if i == STRANGERS - 1 else f"Khách {i}"
            fuzzer.users.append(await tg.user(890_000 + i, name))
        for user in fuzzer.users:  # a first message in every chat, for presses to land on
            await user.send("/help")
            await user.receive_one()
        return fuzzer

    async def play(self, specs: list[dict[str, Any]]) -> None:
        answers_before = len(await self.tg.call("callback_answers"))
        processed_before = await self._processed()
        baseline = {u.id: await self._last_seq(u) for u in self.users}
        expect_reply: Counter[int] = Counter()
        expect_apology: set[int] = set()
        presses: list[str] = []
        handled = 0
        last = None
        for spec in specs:
            user = self.users[spec["who"]]
            kind = spec["kind"]
            self.kinds[kind] += 1
            if kind == "text" or kind == "command":
                last = await user.send(spec["text"])
            elif kind == "photo":
                last = await user.send_photo(JPEG, caption=spec["caption"])
            elif kind == "document":
                last = await self.tg.call("document", user_id=user.id, mime_type=spec["mime"],
                                          data=base64.b64encode(JPEG).decode())
            elif kind == "sticker":
                last = await user.send_sticker()
            elif kind == "press":
                message_id = await self._last_message_id(user)
                last = await user.press(message_id, spec["data"], forge=True)
                presses.append(last["callback_query"]["id"])
                handled += 1
                continue
            else:
                last = await self._unreadable(user, spec["what"])
                if spec["what"] in ("poll", "no_first_name"):
                    expect_apology.add(user.id)
                if spec["what"] == "group":  # a command in a group is Loa's to answer there
                    handled += 1
                continue
            expect_reply[user.id] += 1
            handled += 1
        self.tried += len(specs)
        assert last is not None
        assert await self.tg.wait_confirmed(last["update_id"], timeout=60), "updates not confirmed"

        for user in self.users:
            got = [m for m in await self.tg.sent(user.id, after=baseline[user.id])]
            user.seen = max([user.seen, *(m["seq"] for m in got)])
            apologies = [m for m in got if APOLOGY in (m.get("text") or "")]
            if user.id in expect_apology:
                assert apologies, f"no apology to {user.id} for an unreadable update"
            else:
                assert not apologies, f"{user.id} got the apology: {specs}"
            assert len(got) >= expect_reply[user.id], (
                f"user {user.id} wrote {expect_reply[user.id]} time(s), got {len(got)}: {specs}")
        answered = {a["id"] for a in (await self.tg.call("callback_answers"))[answers_before:]}
        assert set(presses) <= answered, f"presses not answered: {set(presses) - answered}"
        # Every readable private update was handled once and committed (none rolled back).
        assert await self._processed() - processed_before == handled, specs

    async def finish(self) -> None:
        """Loa still answers /help, and the database passes its checks."""
        for user in (self.users[0], self.users[-1]):
            await user.send("/help")
            assert "/help" in (await user.receive_one(timeout=30))["text"]
        await check_database(self.loa)

    async def _unreadable(self, user: TelegramUser, what: str) -> dict[str, Any]:
        if what == "poll":  # an older Bot API server's poll: python-telegram-bot cannot read it
            return await user.send_raw({"poll": {"id": "1", "question": "?"}})
        if what == "no_first_name":
            return await user.send_raw(sender={"first_name": None})
        if what == "group":
            return await user.send_raw({"chat": {"id": -100_123, "type": "group", "title": "Nhóm"},
                                        "text": "/help"})
        return await self.tg.call("raw", update={"message": {"message_id": 1, "text": "x"}})

    async def _last_seq(self, user: TelegramUser) -> int:
        sent = await self.tg.sent(user.id)
        return sent[-1]["seq"] if sent else 0

    async def _last_message_id(self, user: TelegramUser) -> int:
        sent = await self.tg.sent(user.id)
        return sent[-1]["message_id"]

    async def _processed(self) -> int:
        async with self.loa.sessions() as session:
            return await session.scalar(select(func.count()).select_from(ProcessedUpdate)) or 0


async def check_database(loa: Loa) -> None:
    """The database's own integrity check (SQLite), and Loa's invariants on both databases."""
    router = build_router()
    async with loa.sessions() as session:
        if session.bind.dialect.name == "sqlite":
            assert (await session.execute(text("PRAGMA integrity_check"))).scalar() == "ok"
            assert (await session.execute(text("PRAGMA foreign_key_check"))).all() == []
        for conv in await session.scalars(select(Conversation)):
            assert conv.state in router.flows[conv.flow].steps, (conv.flow, conv.state)
        for identity in (await session.scalars(select(Identity))).unique():
            assert all(len(entry) == 2 for entry in identity.menu), identity.menu
            assert identity.display_name is None or clean_text(identity.display_name) == (
                identity.display_name)
        stored = [*(await session.execute(select(Officer.full_name, Officer.position))).all(),
                  *(await session.execute(select(Slogan.text, Slogan.source))).all(),
                  *(await session.execute(select(Report.description, Report.review_comment))).all()]
        for row in stored:
            for value in row:
                assert value is None or clean_text(value) == value, repr(value)
        for prompt_time in await session.scalars(select(Officer.prompt_time)):
            assert prompt_time is None or HHMM_RE.fullmatch(prompt_time), prompt_time


class LoaThread:
    """Loa running as in production in a thread of its own, so a synchronous driver (such as
    Hypothesis's @given) can play examples against it one after another."""

    def __init__(self, config: Config, clock: FrozenClock, url: str) -> None:
        self.config, self.clock, self.url = config, clock, url
        self.loop = asyncio.new_event_loop()
        self.fuzzer: Fuzzer | None = None
        self._ready = threading.Event()
        self._stop: asyncio.Event | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._main, daemon=True, name="loa-fuzz")

    def start(self) -> LoaThread:
        self._thread.start()
        if not self._ready.wait(60) or self.fuzzer is None:
            raise RuntimeError(f"Loa did not start: {self._error!r}")
        return self

    def run(self, coro: Coroutine[Any, Any, Any], timeout: float = 300) -> Any:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def stop(self) -> None:
        if self._stop is not None:
            self.loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(60)

    def _main(self) -> None:
        try:
            self.loop.run_until_complete(self._serve())
        except BaseException as exc:  # seen by start() or the test's own failure
            self._error = exc
            self._ready.set()

    async def _serve(self) -> None:
        self._stop = asyncio.Event()
        tg = FakeTelegramControl(self.url)
        try:
            async with running_loa(self.config, self.clock) as loa:
                self.fuzzer = await Fuzzer.setup(loa, tg)
                self._ready.set()
                await self._stop.wait()
        finally:
            await tg.aclose()
