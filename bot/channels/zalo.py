"""Zalo through the Zalo Bot Platform's HTTP API, over httpx: long polling or a webhook.

Zalo has no buttons and no edits (choices go out as numbered lines), takes photos only by a public
URL (Loa's signed /media links), and limits text and captions to 2,000 characters. getUpdates
returns one update per call, with no offset and no update id: an update may come again, so the
message id is the update id and the dispatcher's record of handled updates drops the second one.
A 403 from Zalo is its "internal error", never a sign the user blocked the bot.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
import re
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from bot.channels import (
    URL,
    Capabilities,
    Channel,
    ChannelSpec,
    ChannelUnavailable,
    Finding,
    Handler,
    Host,
    QuotaExhausted,
    RateLimits,
    Rejected,
    SendError,
    SendTimeout,
    Throttled,
    TooLarge,
    Transient,
    Worker,
    register,
    webhook_finding,
)
from bot.core.config import (
    ConfigError,
    env_base_url,
    env_secret,
    env_webhook_url,
    get_float,
    get_int,
    get_str,
)
from bot.core.events import (
    GROUP,
    ButtonIn,
    CommandIn,
    Incoming,
    OtherIn,
    Outgoing,
    PhotoIn,
    PhotoOut,
    PhotoRef,
    RemoteUrl,
    Sent,
    TextIn,
    TextOut,
    UnreadableIn,
    parse_command,
)
from bot.core.images import NotAnImage
from bot.runtime.supervise import Permanent
from bot.store.files import read_stored, store

log = logging.getLogger(__name__)

NAME = "zalo"
PUBLIC_API = "https://bot-api.zaloplatforms.com"
ACCOUNT_FACT = "zalo.account_name"  # getMe's generated handle (bot.xxxx): for support, not invites
TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{1,40}:[A-Za-z0-9_-]{8,200}$")
SECRET_RE = re.compile(r"^[A-Za-z0-9_-]{8,256}$")
DIGEST_RE = re.compile(r"^[0-9a-f]{64}$")
SECRET_HEADER = "X-Bot-Api-Secret-Token"
MAX_TEXT = 2000
DEFAULT_THROTTLE = 5.0  # Zalo's 429 carries no wait: pause this long before trying again
QUOTA_AFTER = 3  # sends answered 429 in a row that mean the quota is spent, not a burst
MAX_PUSH_BYTES = 64 * 1024  # a pushed update is a few hundred bytes; larger is refused unread
SEEN_KEPT = 2000  # message ids remembered to skip a repeated update before any work
# Zalo answers an empty getUpdates with 408 at once, not after the long poll: never ask again
# sooner than this after an empty answer (the SDK waits 1 s), or a quiet bot spins on its quota.
EMPTY_POLL_FLOOR = 1.0


@dataclass(frozen=True)
class ZaloSettings:
    enabled: bool = True
    token: str | None = None  # ZALO_BOT_TOKEN
    api_base_url: str = PUBLIC_API  # ZALO_API_BASE_URL (a local test server)
    webhook_url: str | None = None  # ZALO_WEBHOOK_URL; unset: long polling
    webhook_secret: str | None = None  # ZALO_WEBHOOK_SECRET
    poll_timeout: int = 30
    rate_per_second: float = 3.0  # no rate is published: stay well below anything plausible
    monthly_quota: int = 0  # outgoing messages a month (free plan: 3,000); 0 = no budget
    # The bot's name as officers see it in Zalo (set in Zalo Bot Creator, starts with "Bot");
    # getMe gives only a generated handle (bot.xxxx) nobody can search for.
    bot_name: str | None = None

    @property
    def active(self) -> bool:
        return self.enabled and self.token is not None

    @property
    def secrets(self) -> list[str]:
        return [s for s in (self.token, self.webhook_secret) if s]


class ZaloChannel(Channel):
    name = NAME
    # Zalo documents text offsets in UTF-16 code units: its 2,000 are counted the same way.
    caps = Capabilities(buttons=False, edits=False, max_text=MAX_TEXT, max_caption=MAX_TEXT,
                        groups=True,  # beta: mentions and replies only, no rate published
                        media=frozenset({URL}), documents=False, utf16=True)

    def __init__(self, config: ZaloSettings, host: Host | None = None,
                 connections: int = 12) -> None:
        if not config.token:
            raise ValueError("ZaloChannel needs a token")
        self.config = config
        self.host = host or Host()
        self._url = f"{config.api_base_url}/bot{config.token}/"
        self._http = httpx.AsyncClient(
            limits=httpx.Limits(max_connections=connections,
                                max_keepalive_connections=connections),
            timeout=httpx.Timeout(15.0, connect=5.0))
        self._handler: Handler | None = None
        self._seen: deque[str] = deque(maxlen=SEEN_KEPT)
        # What tells the bot's own messages apart when a setup echoes them back: getMe's id is
        # numeric and never a sender's (user ids are hex), so the ids of messages Loa sent and
        # the sender id of any message flagged `is_bot`.
        self._sent: deque[str] = deque(maxlen=SEEN_KEPT)
        self._own_senders: set[str] = set()
        self._throttled_in_a_row = 0  # sends answered 429 since the last that went through
        self._background: set[asyncio.Task[None]] = set()
        self.polling = False  # a getUpdates loop is running (tests wait for it)
        self.account_name: str | None = None  # getMe's handle, shown by `loa doctor`

    # -- life --------------------------------------------------------------------------------

    async def open(self) -> None:
        """getMe: fails fast on a wrong token."""
        try:
            me = await self._call("getMe", {})
        except Rejected as exc:
            if exc.code == 401:
                raise ChannelUnavailable("Zalo", "bad_token", token_env="ZALO_BOT_TOKEN") from None
            raise
        except Transient:
            raise ChannelUnavailable("Zalo", "unreachable", urlsplit(self._url).netloc,
                                     token_env="ZALO_BOT_TOKEN",
                                     address_env="ZALO_API_BASE_URL") from None
        if isinstance(me, dict):
            name = me.get("account_name")  # a generated handle (bot.xxxx): kept for the log
            self.account_name = name if isinstance(name, str) and name else None
            if self.host.remember and isinstance(name, str) and name:
                await self.host.remember(ACCOUNT_FACT, name)

    async def start(self, handler: Handler) -> None:
        self._handler = handler
        await self.open()
        if self.config.webhook_url:
            await self._call("setWebhook", {"url": self.config.webhook_url,
                                            "secret_token": self.config.webhook_secret})
        log.info("Zalo: %s", "webhook" if self.config.webhook_url else "long polling")

    def workers(self) -> dict[str, Worker]:
        return {} if self.config.webhook_url else {"zalo-poll": self._poll}

    async def stop(self) -> None:
        await self.close()

    async def close(self) -> None:
        await self._http.aclose()

    # -- receiving ---------------------------------------------------------------------------

    async def _poll(self, stop: asyncio.Event) -> None:
        """Long polling until `stop`: one update per call, 408 when none came."""
        try:
            await self._call("deleteWebhook", {})  # webhook and getUpdates exclude each other
        except Rejected as exc:
            if exc.code == 401:
                raise BadToken() from None
            raise
        self.polling = True
        try:
            await self._poll_loop(stop)
        finally:
            self.polling = False

    async def _poll_loop(self, stop: asyncio.Event) -> None:
        delay = 1.0
        loop = asyncio.get_running_loop()
        while not stop.is_set():
            asked = loop.time()
            getting = asyncio.ensure_future(self._get_update())
            stopping = asyncio.ensure_future(stop.wait())
            await asyncio.wait({getting, stopping}, return_when=asyncio.FIRST_COMPLETED)
            stopping.cancel()
            if not getting.done():
                getting.cancel()  # nothing is confirmed on Zalo: a poll cut short loses nothing
                await asyncio.gather(getting, return_exceptions=True)
                return
            try:
                update = getting.result()
                delay = 1.0
            except Throttled as exc:
                # Zalo's 429 is "quota exceeded": each call costs, so wait longer every time.
                log.warning("Zalo getUpdates throttled; retrying in %.0fs",
                            max(exc.retry_after, delay))
                await asyncio.sleep(max(exc.retry_after, delay))
                delay = min(delay * 2, 300.0)
                continue
            except Rejected as exc:
                if exc.code == 401:
                    raise BadToken() from None
                log.warning("Zalo getUpdates refused (%s); retrying in %.0fs", exc, delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 30.0)
                continue
            except Exception as exc:  # whatever it is, polling must go on
                log.warning("Zalo getUpdates failed (%s: %s); retrying in %.0fs",
                            type(exc).__name__, exc, delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 30.0)
                continue
            if update is not None:
                await self._dispatch_raw(update)
                continue
            rest = EMPTY_POLL_FLOOR - (loop.time() - asked)
            if rest > 0:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), rest)

    async def _get_update(self) -> Any:
        """The next update, or None when the long poll found nothing (HTTP 408)."""
        timeout = self.config.poll_timeout
        try:
            resp = await self._http.post(self._url + "getUpdates", json={"timeout": timeout},
                                         timeout=httpx.Timeout(timeout + 10.0, connect=5.0))
        except httpx.TimeoutException:
            return None
        except httpx.HTTPError as exc:
            raise Transient(type(exc).__name__) from None  # never str(exc): it holds the token
        if resp.status_code == 408:
            return None
        body = _json(resp)
        if body.get("ok"):
            return body.get("result")
        if int(body.get("error_code") or resp.status_code) == 408:
            return None
        raise outcome(resp.status_code, body)

    async def _dispatch_raw(self, data: Any) -> None:
        """One pushed or polled update, in either body shape; handled at most once here, and
        the dispatcher drops it if another process handled it."""
        if isinstance(data, list):  # not seen from Zalo, but harmless to accept
            for item in data:
                await self._dispatch_raw(item)
            return
        try:
            event = await self._to_event(data)
        except Exception as exc:
            log.exception("Zalo update could not be read; skipped")
            event = unreadable(data, f"{type(exc).__name__}: {exc}")
        if event is None or self._handler is None:
            return
        try:
            await self._handler(event)
        except Exception:
            log.exception("Zalo update %s could not be handled; skipped", event.update_id)

    async def _to_event(self, data: Any) -> Incoming | None:
        message, event_name = _unwrap(data)
        if message is None:
            return None
        message_id = message.get("message_id")
        sender, chat = message.get("from"), message.get("chat")
        if not isinstance(message_id, str | int) or not isinstance(sender, dict):
            return None
        user_id = sender.get("id")
        if not isinstance(user_id, str | int) or str(user_id) == "":
            return None
        if sender.get("is_bot"):
            if len(self._own_senders) < 16:
                self._own_senders.add(str(user_id))
            return None  # the bot's own sends, echoed back by some setups
        if str(user_id) in self._own_senders or str(message_id) in self._sent:
            return None  # an echo of the bot's own message without the flag
        chat_type = chat.get("chat_type", "PRIVATE") if isinstance(chat, dict) else "PRIVATE"
        uid = str(message_id)
        if uid in self._seen:
            return None  # the same update again (polling may repeat one)
        self._seen.append(uid)
        chat_id = str(chat.get("id") or user_id) if isinstance(chat, dict) else str(user_id)
        name = sender.get("display_name")
        base: dict[str, Any] = {"channel": NAME, "update_id": uid, "user_id": str(user_id),
                                "chat_id": chat_id,
                                "display_name": name if isinstance(name, str) else "",
                                "raw": data}
        in_group = str(chat_type).upper() != "PRIVATE"
        if in_group:
            if not (isinstance(chat, dict) and chat.get("id")):
                return None
            # Groups (beta) show the bot only mentions and replies: whatever comes is meant for
            # it, and a command follows the mention ("@Bot Loa /nhom TYTBC").
            base.update(chat_kind=GROUP, reply_to_bot=True)
        text = message.get("text")
        if in_group and isinstance(text, str):
            text = _from_command(text)
        if event_name == "message.text.received" or (
                event_name is None and isinstance(text, str)):
            if not isinstance(text, str):
                return UnreadableIn(reason="text without text", **base)
            command = parse_command(text)
            if command is not None:
                return CommandIn(name=command[0], args=command[1], **base)
            return TextIn(text=text, **base)
        if event_name == "message.image.received":
            url = message.get("photo_url") or message.get("photo")
            caption = message.get("caption")
            caption = caption if isinstance(caption, str) else ""
            if in_group:
                caption = _from_command(caption)
            if not isinstance(url, str):
                return UnreadableIn(reason="image without URL", **base)
            return await self._photo(url, caption, base)
        kind = (event_name or "other").removeprefix("message.").removesuffix(".received")
        return OtherIn(kind=kind, **base)

    async def _photo(self, url: str, caption: str, base: dict[str, Any]) -> Incoming:
        """The image fetched now (Zalo's links expire) and kept by SHA-256; too big or not an
        image is told to the user by the usual checks."""
        limit = self.host.max_photo_bytes
        # "typing…" while the photo is fetched and kept (it may take seconds); not waited for.
        typing = asyncio.create_task(self.typing(base["chat_id"]))
        self._background.add(typing)
        typing.add_done_callback(self._background.discard)
        try:
            data = await _fetch(self._http, url, limit)
        except TooLarge as exc:
            # The report form refuses it with the usual "too big" message.
            return PhotoIn(photo=PhotoRef(file_id="", size=exc.size), caption=caption, **base)
        except SendError as exc:
            log.warning("Zalo image could not be fetched: %s", exc)
            return UnreadableIn(reason=f"image download: {exc}"[:300], **base)
        if self.host.storage_dir is None:
            return UnreadableIn(reason="no storage for photos", **base)
        try:
            digest, _ = await asyncio.to_thread(store, self.host.storage_dir, data)
        except NotAnImage:
            return OtherIn(kind="not_an_image", **base)
        return PhotoIn(photo=PhotoRef(file_id=digest, unique_id=digest, size=len(data)),
                       caption=caption, **base)

    def routes(self) -> list[Route]:
        """The webhook, served by the core's HTTP server at the path of ZALO_WEBHOOK_URL.

        A push is stored durably and answered at once, then handled by the core's worker
        (`handle_kept`): Zalo publishes no time-out for pushes and pushes again what it thinks
        failed, so the answer never waits for a photo download or a rate-limited reply."""
        if not self.config.webhook_url:
            return []
        path = urlsplit(self.config.webhook_url).path or "/"
        secret = (self.config.webhook_secret or "").encode()

        async def receive(request: Request) -> Response:
            if request.method != "POST":
                return JSONResponse({"message": "Success"})  # a check that the URL answers
            try:
                raw = await request.body()
            except ClientDisconnect:  # gone mid-body (e.g. a proxy cut an oversize one): nothing to do
                return PlainTextResponse("incomplete", status_code=400)
            if len(raw) > MAX_PUSH_BYTES:
                return PlainTextResponse("too large", status_code=413)
            try:
                data = json.loads(raw) if raw else None
            except RecursionError:  # nesting deeper than json reads: no platform sends that
                return PlainTextResponse("bad update", status_code=400)
            except ValueError:
                data = None
            message, _ = _unwrap(data)
            if message is None:
                # setWebhook's verification request (its body is not documented) or anything
                # else without a message: nothing is done, and the platform's check passes.
                log.info("Zalo webhook: a push without a message answered (%d bytes)", len(raw))
                return JSONResponse({"message": "Success"})
            given = request.headers.get(SECRET_HEADER, "").encode()
            if not secret or not hmac.compare_digest(given, secret):
                return PlainTextResponse("forbidden", status_code=403)
            sender = message.get("from")
            user_id = sender.get("id") if isinstance(sender, dict) else None
            message_id = message.get("message_id")
            if self.host.keep_update is None or not isinstance(message_id, str | int) \
                    or not isinstance(user_id, str | int):
                await self._dispatch_raw(data)  # nothing to store it by: read (or refused) now
            else:
                await self.host.keep_update(NAME, str(message_id), str(user_id), data)
            return JSONResponse({"message": "Success"})

        return [Route(path, receive, methods=["POST", "GET"])]

    async def handle_kept(self, body: Any) -> bool:
        if self._handler is None:
            return False  # not started yet (Zalo unreachable at start): it waits for us
        await self._dispatch_raw(body)
        return True

    # -- sending -----------------------------------------------------------------------------

    async def send(self, chat_id: str, message: Outgoing, bulk: bool = False,
                   paid: bool = False) -> Sent:
        try:
            sent = await self._send(chat_id, message)
        except Throttled:
            # Zalo's 429 means "quota exceeded"; a few in a row, and it is the month's quota
            # rather than a burst: say so, and the delivery engine stops spending calls on it.
            self._throttled_in_a_row += 1
            if self._throttled_in_a_row >= QUOTA_AFTER:
                raise QuotaExhausted(f"{self._throttled_in_a_row} Zalo 429s in a row") from None
            raise
        self._throttled_in_a_row = 0
        return sent

    async def _send(self, chat_id: str, message: Outgoing) -> Sent:
        if isinstance(message, TextOut):
            result = await self._call("sendMessage", {"chat_id": chat_id, "text": message.text})
        elif isinstance(message, PhotoOut):
            if not isinstance(message.photo, RemoteUrl):
                raise Rejected(400, "Zalo takes photos by URL only")
            params = {"chat_id": chat_id, "photo": message.photo.url}
            if message.caption:
                params["caption"] = message.caption
            result = await self._call("sendPhoto", params)
        else:  # rendering turns edits and documents into text for a channel without them
            raise TypeError(f"Zalo cannot send {type(message).__name__}")
        message_id = result.get("message_id") if isinstance(result, dict) else None
        if message_id:
            self._sent.append(str(message_id))
        return Sent(str(message_id or ""))

    async def acknowledge(self, button: ButtonIn, text: str | None = None) -> None:
        return None  # no buttons on Zalo

    async def typing(self, chat_id: str) -> None:
        try:
            await self._call("sendChatAction", {"chat_id": chat_id, "action": "typing"})
        except SendError as exc:  # cosmetic
            log.debug("Zalo: typing not shown (%s)", exc)

    async def download(self, photo: PhotoRef, max_bytes: int | None = None) -> bytes:
        """A photo a user sent: fetched when it arrived and kept under its SHA-256."""
        if not DIGEST_RE.fullmatch(photo.file_id) or self.host.storage_dir is None:
            raise Rejected(404, "not a photo Loa keeps")
        data = await asyncio.to_thread(read_stored, self.host.storage_dir, photo.file_id)
        if data is None:
            raise Rejected(404, "photo not stored")
        if max_bytes is not None and len(data) > max_bytes:
            raise TooLarge(len(data))
        return data

    async def check(self) -> list[Finding]:
        """getMe, then getWebhookInfo compared with ZALO_WEBHOOK_URL (unset: none at all)."""
        try:
            await self.open()
        except ChannelUnavailable as exc:
            if exc.problem == "bad_token":
                return [Finding.fail("doctor.channel.bad_token", channel="Zalo",
                                     env="ZALO_BOT_TOKEN")]
            return [Finding.fail("doctor.channel.unreachable", channel="Zalo", where=exc.where,
                                 env="ZALO_API_BASE_URL")]
        except SendError as exc:
            return [Finding.fail("doctor.channel.refused", channel="Zalo", error=str(exc)[:200])]
        found = [Finding.ok("doctor.channel.token_ok", channel="Zalo", name=self.account_name or "?")]
        try:
            info = await self._call("getWebhookInfo", {})
        except SendError as exc:
            return [*found, Finding.fail("doctor.channel.refused", channel="Zalo",
                                         error=str(exc)[:200])]
        actual = info.get("url") if isinstance(info, dict) else None
        found.append(webhook_finding("Zalo", self.config.webhook_url,
                                     actual if isinstance(actual, str) else "", "ZALO_WEBHOOK_URL"))
        return found

    async def _call(self, method: str, params: dict[str, Any]) -> Any:
        try:
            resp = await self._http.post(self._url + method, json=params)
        except httpx.TimeoutException:
            raise SendTimeout("timed out") from None
        except httpx.HTTPError as exc:
            raise Transient(type(exc).__name__) from None  # never str(exc): it holds the token
        body = _json(resp)
        if body.get("ok"):
            return body.get("result")
        raise outcome(resp.status_code, body)


class BadToken(Permanent):
    """Zalo refused the token (401): not retried (the log line says what to do)."""


def outcome(status: int, body: Mapping[str, Any]) -> SendError:
    """A Zalo error answer as Loa's typed send outcome."""
    try:
        code = int(body.get("error_code") or status)
    except (TypeError, ValueError):
        code = status
    description = str(body.get("description", ""))[:300]
    if code == 429:
        parameters = body.get("parameters")
        wait = parameters.get("retry_after") if isinstance(parameters, dict) else None
        return Throttled(float(wait) if isinstance(wait, int | float) else DEFAULT_THROTTLE)
    if code == 403:  # not "blocked" on Zalo
        return Transient(f"Zalo 403 (internal error): {description}", status=403)
    if code == 408 or code >= 500:
        return Transient(description or f"HTTP {code}", status=code)
    return Rejected(code, description)


def _json(resp: httpx.Response) -> dict[str, Any]:
    try:
        body = resp.json()
    except ValueError:
        raise Transient(f"HTTP {resp.status_code}") from None
    if not isinstance(body, dict):
        raise Transient(f"HTTP {resp.status_code}: not an object")
    return body


def _from_command(text: str) -> str:
    """A group message from its first command on ("@Bot Loa /nhom TYTBC" → "/nhom TYTBC"): the
    mention that made the platform show it to the bot comes first."""
    match = re.search(r"(?:^|\s)(/[A-Za-z0-9_]{1,32}(?:\s.*)?)$", text, re.DOTALL)
    return match.group(1) if match else text


def _unwrap(data: Any) -> tuple[dict[str, Any] | None, str | None]:
    """The message and event name of `{ok, result: {event_name, message}}` or of the bare
    `{event_name, message}`: sources disagree, so both are read."""
    if not isinstance(data, dict):
        return None, None
    if isinstance(data.get("result"), dict):
        data = data["result"]
    message, name = data.get("message"), data.get("event_name")
    return (message if isinstance(message, dict) else None,
            name if isinstance(name, str) else None)


def unreadable(data: Any, reason: str) -> UnreadableIn | None:
    """Who to apologise to for an update that cannot be read, or None."""
    message, _ = _unwrap(data)
    sender = message.get("from") if message else None
    user_id = sender.get("id") if isinstance(sender, dict) else None
    if not isinstance(user_id, str | int) or not message:
        return None
    return UnreadableIn(channel=NAME, update_id=str(message.get("message_id", "")),
                        user_id=str(user_id), chat_id=str(user_id), reason=reason[:300], raw=data)


async def _fetch(http: httpx.AsyncClient, url: str, limit: int) -> bytes:
    """An incoming image's bytes, streamed with a hard cap."""
    if urlsplit(url).scheme not in ("http", "https"):
        raise Rejected(400, "not an http(s) image link")
    try:
        async with http.stream("GET", url) as resp:
            if resp.status_code != 200:
                if resp.status_code >= 500 or resp.status_code == 429:
                    raise Transient(f"image download: HTTP {resp.status_code}")
                raise Rejected(resp.status_code, "image download refused")
            declared = resp.headers.get("content-length", "")
            if declared.isascii() and declared.isdigit() and int(declared) > limit:
                raise TooLarge(int(declared))
            data = bytearray()
            async for chunk in resp.aiter_bytes():
                data += chunk
                if len(data) > limit:
                    raise TooLarge(len(data))  # stopped here: the rest is never read
    except httpx.HTTPError as exc:
        raise Transient(type(exc).__name__) from None
    return bytes(data)


# -- declaration -------------------------------------------------------------------------------

def read_settings(section: Mapping[str, Any], env: Mapping[str, str]) -> ZaloSettings:
    settings = ZaloSettings(
        enabled=bool(section.get("enabled", True)),
        token=_token(env),
        api_base_url=_api_base(env),
        webhook_url=_webhook_url(env),
        webhook_secret=_webhook_secret(env),
        poll_timeout=get_int(section, "poll_timeout", 30, 1, 60, "zalo.poll_timeout"),
        rate_per_second=get_float(section, "rate_per_second", 3.0, 0.1, 100, "zalo.rate_per_second"),
        monthly_quota=get_int(section, "monthly_quota", 0, 0, 10_000_000, "zalo.monthly_quota"),
        bot_name=_bot_name(section),
    )
    if settings.webhook_url and not settings.webhook_secret:
        raise ConfigError("ZALO_WEBHOOK_SECRET",
                          "bắt buộc khi đặt ZALO_WEBHOOK_URL (8–256 ký tự A-Z a-z 0-9 _ -)")
    return settings


def _bot_name(section: Mapping[str, Any]) -> str | None:
    if "bot_name" not in section:
        return None
    name = get_str(section, "bot_name", "", "zalo.bot_name")
    if len(name) > 100 or any(not ch.isprintable() for ch in name):
        raise ConfigError("zalo.bot_name", "tên bot như trong Zalo, tối đa 100 ký tự")
    return name


def _token(env: Mapping[str, str]) -> str | None:
    return env_secret(env, "ZALO_BOT_TOKEN", TOKEN_RE,
                      "mã bot dạng <mã_bot>:<chuỗi>, lấy từ Zalo Bot Creator")


def _api_base(env: Mapping[str, str]) -> str:
    return env_base_url(env, "ZALO_API_BASE_URL", PUBLIC_API, "http://127.0.0.1:8082")


def _webhook_url(env: Mapping[str, str]) -> str | None:
    return env_webhook_url(env, "ZALO_WEBHOOK_URL", "Zalo")


def _webhook_secret(env: Mapping[str, str]) -> str | None:
    return env_secret(env, "ZALO_WEBHOOK_SECRET", SECRET_RE, "8–256 ký tự, chỉ gồm A-Z a-z 0-9 _ -")


def _limits(settings: ZaloSettings, delivery: Any) -> RateLimits:
    return RateLimits(settings.rate_per_second, delivery.per_chat_interval)


def _join_hint(settings: ZaloSettings, facts: Mapping[str, str], code: str) -> str | None:
    """Zalo has no deep link that carries a code: open the bot, then send the code. The bot is
    named as the admin set it (`[zalo] bot_name`), never by getMe's generated handle; without
    a name, officers open it with its QR code (shown in Zalo Bot Creator)."""
    if not settings.active:
        return None  # Zalo not set up here: no way to join on it
    where = (f"tìm “{settings.bot_name}” trên Zalo" if settings.bot_name
             else "quét mã QR của bot Loa (quản trị lấy trong Zalo Bot Creator)")
    return f"{where}, gửi: /start {code}"


SPEC = register(ChannelSpec(
    name=NAME, title="Zalo",
    section_keys=frozenset({"poll_timeout", "rate_per_second", "monthly_quota", "bot_name"}),
    read_settings=read_settings,
    create=lambda settings, host: ZaloChannel(
        settings, host, connections=(host.delivery.concurrency + 2) if host.delivery else 12),
    caps=ZaloChannel.caps, limits=_limits, join_hint=_join_hint,
    token_env="ZALO_BOT_TOKEN", monthly_budget=lambda settings: settings.monthly_quota))
