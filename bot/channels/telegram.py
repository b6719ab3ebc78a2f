"""Telegram through python-telegram-bot 22: long polling or a webhook, inline buttons.

PTB's Updater confirms a batch (by asking for the next offset) before the batch is handled, so a
crash mid-batch would lose updates. Loa polls with PTB's `Bot` itself and confirms an offset only
after every update before it has been handled and committed; re-sent updates are deduplicated by id.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
import os
import re
import ssl
import warnings
from collections import OrderedDict
from collections.abc import Awaitable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit
from urllib.request import getproxies, proxy_bypass

import httpcore
import httpx
from starlette.requests import ClientDisconnect, Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route
from telegram import (
    Bot,
    BotCommand,
    Document,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    PhotoSize,
    Update,
)
from telegram.constants import ChatAction
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Conflict,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.request import HTTPXRequest
from telegram.warnings import PTBDeprecationWarning, PTBUserWarning

from bot.channels import (
    PLATFORM_ID,
    UPLOAD,
    URL,
    Capabilities,
    Channel,
    ChannelSpec,
    ChannelUnavailable,
    ChatMoved,
    Finding,
    Handler,
    Host,
    RateLimits,
    RecipientBlocked,
    Rejected,
    SendError,
    SendTimeout,
    Throttled,
    TooLarge,
    Transient,
    Worker,
    register,
    sockets,
    webhook_finding,
)
from bot.core.config import (
    ConfigError,
    env_base_url,
    env_secret,
    env_webhook_url,
    get_bool,
    get_float,
    get_int,
    get_str,
)
from bot.core.events import (
    GROUP,
    ButtonIn,
    CommandIn,
    DocumentOut,
    EditOut,
    Incoming,
    Keyboard,
    MembershipIn,
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
from bot.core.images import IMAGE_MIME_TYPES
from bot.runtime.supervise import Permanent

log = logging.getLogger(__name__)

NAME = "telegram"
# my_chat_member: the bot added to a group, or removed from it (or leaving it).
ALLOWED_UPDATES = ["message", "callback_query", "my_chat_member"]
GROUP_TYPES = ("group", "supergroup")
INSIDE = ("member", "administrator")  # the bot's statuses in a group it is part of
PUBLIC_API = "https://api.telegram.org"
TOKEN_ENV, BASE_URL_ENV = "TELEGRAM_BOT_TOKEN", "TELEGRAM_API_BASE_URL"
EMPTY_POLL_FLOOR = 1.0  # seconds between two getUpdates calls when the first found nothing
USERNAME_FACT = "telegram.username"  # learned from getMe, kept for invite links
TOKEN_RE = re.compile(r"^\d{3,20}:[A-Za-z0-9_-]{20,100}$")
SECRET_RE = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
# What a Bot API server's getFile answers ("photos/file_12.jpg"); anything else (an absolute
# path, "..", a scheme) is refused: it is a reference on the server, never a path on this disk.
FILE_PATH_RE = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9_.-]*(?:/[A-Za-z0-9_-][A-Za-z0-9_.-]*)*")


@dataclass(frozen=True)
class TelegramSettings:
    enabled: bool = True
    token: str | None = None  # TELEGRAM_BOT_TOKEN
    api_base_url: str = PUBLIC_API  # TELEGRAM_API_BASE_URL (a local Bot API server, a test)
    webhook_url: str | None = None  # TELEGRAM_WEBHOOK_URL; unset: long polling
    webhook_secret: str | None = None  # TELEGRAM_WEBHOOK_SECRET
    poll_timeout: int = 25
    # Paid broadcasts (enabled in @BotFather, 0.1 Star a message): broadcasts alone, up to 1,000/s.
    allow_paid_broadcast: bool = False
    paid_rate_per_second: float = 1000.0
    # A local Bot API server (`--local`) answers getFile with an absolute path on its own disk:
    # files are read only under this folder (that server's working directory, shared with Loa).
    local_files_dir: Path | None = None

    @property
    def active(self) -> bool:
        return self.enabled and self.token is not None

    @property
    def secrets(self) -> list[str]:
        return [s for s in (self.token, self.webhook_secret) if s]


class TelegramChannel(Channel):
    name = NAME
    caps = Capabilities(buttons=True, edits=True, max_text=4096, max_caption=1024, documents=True,
                        media=frozenset({UPLOAD, PLATFORM_ID, URL}), max_choice_bytes=64,
                        max_photo_bytes=10 * 1024 * 1024, groups=True, group_replies=True,
                        group_per_minute=20)

    def __init__(self, config: TelegramSettings, host: Host | None = None,
                 connections: int = 12) -> None:
        if not config.token:
            raise ValueError("TelegramChannel needs a token")
        self.config = config
        self.host = host or Host()
        self.commands = self.host.commands
        self.paid_broadcast = config.allow_paid_broadcast
        base = config.api_base_url
        self.bot = Bot(
            config.token,
            base_url=f"{base}/bot",
            base_file_url=f"{base}/file/bot",
            # httpcore scans every pooled connection on each request: a pool just large enough
            # for the outbox's senders and a few replies is several times faster than a big one.
            request=HTTPXRequest(connection_pool_size=connections, read_timeout=15,
                                 pool_timeout=30),
            get_updates_request=HTTPXRequest(read_timeout=config.poll_timeout + 10),
        )
        self._bulk = BulkSender(base, config.token, connections, config.local_files_dir)
        self.bot_id = int(config.token.split(":", 1)[0])  # a bot's id is its token's first part
        self._handler: Handler | None = None
        self._offset: int | None = None
        self._shown = Shown()  # what recent messages show, so an edit that changes nothing is skipped
        self.polling = False  # a getUpdates loop is running (tests wait for it)

    async def open(self) -> None:
        """Ready to send, without receiving (for the command line, beside a running bot)."""
        # Nothing is closed here on failure: `start` is retried by the supervisor on the same
        # clients, and a caller that gives up calls `close`.
        try:
            await self.bot.initialize()  # getMe: fails fast on a wrong token
        except InvalidToken:
            raise ChannelUnavailable("Telegram", "bad_token", token_env=TOKEN_ENV) from None
        except (NetworkError, TimedOut) as exc:
            log.info("Telegram unreachable: %s", exc)
            raise ChannelUnavailable("Telegram", "unreachable",
                                     urlsplit(self.config.api_base_url).netloc,
                                     token_env=TOKEN_ENV, address_env=BASE_URL_ENV) from None
        except TelegramError as exc:
            raise _typed(exc) from None  # Loa's typed outcome for anything else
        if self.host.remember and self.bot.username:
            await self.host.remember(USERNAME_FACT, self.bot.username)

    async def start(self, handler: Handler) -> None:
        self._handler = handler
        await self.open()
        if self.commands:
            try:
                await self._call(self.bot.set_my_commands(
                    [BotCommand(name, desc) for name, desc in self.commands]))
            except SendError as exc:  # the command menu is cosmetic: never a reason not to start
                log.warning("Telegram: could not set the command menu (%s); continuing", exc)
        if self.config.webhook_url:
            assert self.config.webhook_secret
            await self._call(self.bot.set_webhook(
                self.config.webhook_url, secret_token=self.config.webhook_secret,
                allowed_updates=ALLOWED_UPDATES, max_connections=40))
        log.info("Telegram: @%s, %s", self.bot.username,
                 "webhook" if self.config.webhook_url else "long polling")

    def _username(self) -> str | None:
        """The bot's @username once getMe answered (PTB raises before)."""
        try:
            return self.bot.username
        except RuntimeError:
            return None

    def workers(self) -> dict[str, Worker]:
        return {} if self.config.webhook_url else {"telegram-poll": self._poll}

    def is_group(self, chat_id: str) -> bool:
        return chat_id.startswith("-")  # groups and channels have negative ids on Telegram

    async def stop(self) -> None:
        await self._confirm_offset()
        await self.close()

    async def close(self) -> None:
        """Release the HTTP clients (after `open` alone, or as the last step of `stop`)."""
        await self._bulk.aclose()
        await self.bot.shutdown()

    # -- receiving ---------------------------------------------------------------------------

    async def _poll(self, stop: asyncio.Event) -> None:
        """Long polling until `stop`; errors the supervisor should see are raised."""
        await self._call(self.bot.delete_webhook(drop_pending_updates=False))
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
            getting = asyncio.ensure_future(self._get_updates())
            stopping = asyncio.ensure_future(stop.wait())
            await asyncio.wait({getting, stopping}, return_when=asyncio.FIRST_COMPLETED)
            stopping.cancel()
            if not getting.done():
                getting.cancel()  # stopping: a long poll in flight confirms nothing
                await asyncio.gather(getting, return_exceptions=True)
                return
            try:
                updates = getting.result()
                delay = 1.0
            except TimedOut:
                continue
            except RetryAfter as exc:
                await asyncio.sleep(_retry_after(exc))
                continue
            except Conflict:
                log.error("Telegram answered 409 Conflict: another program polls this bot token "
                          "(or a webhook is set), and it is not a Loa process sharing this "
                          "database. Polling stopped here; stop the other one and restart Loa.")
                raise PollingConflict() from None
            except (InvalidToken, Forbidden) as exc:
                raise Rejected(401, f"Telegram refused the bot token ({type(exc).__name__})") from None
            except Exception as exc:  # whatever it is, polling must go on
                log.warning("getUpdates failed (%s: %s); retrying in %.0fs",
                            type(exc).__name__, exc, delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 30.0)
                continue
            if not updates:
                # An empty answer that came at once (poll_timeout 0, a server that does not
                # hold long polls): never ask again sooner than a second after asking.
                rest = EMPTY_POLL_FLOOR - (loop.time() - asked)
                if rest > 0:
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(stop.wait(), rest)
                continue
            # Handled side by side (each user's in order); confirmed only when all are done.
            # An update that cannot be read or handled is confirmed too: met again after a
            # restart, it would stop Loa again.
            await asyncio.gather(*(self._dispatch_raw(u) for u in updates))
            ids = [u["update_id"] for u in updates if isinstance(u, dict)
                   and type(u.get("update_id")) is int]
            if ids:
                self._offset = max(ids) + 1
            else:  # nothing that can be confirmed: do not ask again at once
                log.warning("getUpdates answered updates without ids; retrying in %.0fs", delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 30.0)

    async def _get_updates(self, wait: int | None = None, limit: int = 100) -> list[Any]:
        """getUpdates as plain JSON: PTB's own reads the whole batch at once, so one update it
        cannot parse would fail every update with it, on every try."""
        wait = self.config.poll_timeout if wait is None else wait
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", PTBUserWarning)  # "use Bot.get_updates instead"
            result = await self.bot.do_api_request(
                "getUpdates", api_kwargs={"offset": self._offset, "timeout": wait,
                                          "limit": limit, "allowed_updates": ALLOWED_UPDATES},
                read_timeout=wait + 10)
        if not isinstance(result, list):
            raise TypeError(f"getUpdates answered {type(result).__name__}, not a list")
        return result

    async def _confirm_offset(self) -> None:
        if self._offset is None:
            return
        try:
            await self._get_updates(wait=0, limit=1)
        except Exception as exc:  # stopping anyway; Loa skips what it handled when it restarts
            log.info("could not confirm the last updates on stop: %s", type(exc).__name__)

    async def _dispatch_raw(self, data: Any) -> None:
        """One update as Telegram sent it: read, handled, and never an exception out of here."""
        uid = data.get("update_id") if isinstance(data, dict) else None
        try:
            event = to_event(Update.de_json(data, self.bot), self.bot_id, self._username())
        except Exception as exc:  # an update Loa cannot read must not stop it
            log.error("update %s cannot be read (%s: %s); skipped", uid, type(exc).__name__, exc)
            event = unreadable(data, f"{type(exc).__name__}: {exc}")
            # A button press is answered whatever it holds, or its button keeps spinning.
            await self._answer_unread_press(data)
        if isinstance(event, ButtonIn) and event.message_id and event.message_text is not None:
            self._shown.remember(event.chat_id, event.message_id, event.message_text,
                                 _markup_of(event.raw))
        await self._dispatch(event, uid)

    async def _answer_unread_press(self, data: Any) -> None:
        query = data.get("callback_query") if isinstance(data, dict) else None
        query_id = query.get("id") if isinstance(query, dict) else None
        if not isinstance(query_id, str) or not query_id or len(query_id) > 64:
            return
        try:
            await self._call(self.bot.answer_callback_query(query_id))
        except SendError as exc:
            log.info("could not answer an unreadable button press: %s", exc)

    async def _dispatch(self, event: Incoming | None, uid: object) -> None:
        if event is None or self._handler is None:
            return
        try:
            await self._handler(event)
        except Exception:
            log.exception("update %s could not be handled; skipped", uid)

    def routes(self) -> list[Route]:
        """The webhook, served by the core's HTTP server at the path of TELEGRAM_WEBHOOK_URL."""
        if not self.config.webhook_url:
            return []
        path = urlsplit(self.config.webhook_url).path or "/"
        secret = (self.config.webhook_secret or "").encode()

        async def receive(request: Request) -> Response:
            given = request.headers.get("X-Telegram-Bot-Api-Secret-Token", "").encode()
            if not secret or not hmac.compare_digest(given, secret):
                return PlainTextResponse("forbidden", status_code=403)
            try:
                data = await request.json()
            except (ValueError, RecursionError):  # RecursionError: nesting deeper than json reads
                return PlainTextResponse("bad update", status_code=400)
            except ClientDisconnect:  # gone mid-body (e.g. a proxy cut an oversize one): nothing to do
                return PlainTextResponse("incomplete", status_code=400)
            # Answered after handling (a crash means Telegram sends it again); an update Loa
            # cannot read is answered "ok" too, or Telegram would send it for a day.
            await self._dispatch_raw(data)
            return PlainTextResponse("ok")

        return [Route(path, receive, methods=["POST"])]

    # -- sending -----------------------------------------------------------------------------

    async def send(self, chat_id: str, message: Outgoing, bulk: bool = False,
                   paid: bool = False) -> Sent:
        if isinstance(message, EditOut):
            return await self._edit(chat_id, message, _keyboard(message.choices))
        # Only a send on the paid lane (a broadcast's) carries the flag, and costs 0.1 Star.
        pay = paid and self.paid_broadcast
        if bulk and isinstance(message, TextOut | PhotoOut) and not (
                isinstance(message, PhotoOut) and isinstance(message.photo, bytes)):
            return await self._bulk.send(chat_id, message, paid=pay)
        markup = _keyboard(getattr(message, "choices", ()))
        flag = True if pay else None  # None: PTB leaves the parameter out
        if isinstance(message, TextOut):
            sent = await self._call(self.bot.send_message(chat_id, message.text,
                                                          reply_markup=markup,
                                                          allow_paid_broadcast=flag))
            self._shown.remember(chat_id, str(sent.message_id), message.text, _buttons(markup))
        elif isinstance(message, PhotoOut):
            # A file id wrapped as a PhotoSize: PTB uploads any string that names a local file.
            photo = (message.photo.url if isinstance(message.photo, RemoteUrl)
                     else PhotoSize(message.photo, "", 0, 0) if isinstance(message.photo, str)
                     else message.photo)
            sent = await self._call(self.bot.send_photo(chat_id, photo,
                                                        caption=message.caption or None,
                                                        reply_markup=markup,
                                                        allow_paid_broadcast=flag))
            if isinstance(message.photo, bytes) and sent.photo:
                return Sent(str(sent.message_id), media_id=sent.photo[-1].file_id)
        elif isinstance(message, DocumentOut):
            # As for photos: a string is a file id, never a path PTB would read from this disk.
            document = (Document(message.document, "") if isinstance(message.document, str)
                        else message.document)
            sent = await self._call(self.bot.send_document(
                chat_id, document, filename=message.filename,
                caption=message.caption or None, reply_markup=markup,
                allow_paid_broadcast=flag))
        else:
            raise TypeError(f"cannot send {type(message).__name__}")
        return Sent(str(sent.message_id))

    async def _edit(self, chat_id: str, message: EditOut,
                    markup: InlineKeyboardMarkup | None) -> Sent:
        """An edit that would change nothing is not sent: Telegram refuses it (400), and its
        error text is not a promise. What a message shows is known from Loa's own sends and
        edits and from the button presses on it."""
        buttons = _buttons(markup)
        shown = self._shown.get(chat_id, message.message_id)
        text = message.text if message.text is not None else (shown[0] if shown else None)
        if shown is not None and shown[0].strip() == (text or "").strip() \
                and shown[1] == buttons:
            return Sent(message.message_id)
        try:
            if message.text is None:
                await self._call(self.bot.edit_message_reply_markup(
                    chat_id, int(message.message_id), reply_markup=markup))
            else:
                await self._call(self.bot.edit_message_text(
                    message.text, chat_id, int(message.message_id), reply_markup=markup))
        except Rejected as exc:
            # The platform's wording is only the last resort, for a message this process does
            # not know (sent before a restart or by another process) or shows differently.
            if "not modified" not in exc.reason.lower():
                raise
        if text is not None:
            self._shown.remember(chat_id, message.message_id, text, buttons)
        return Sent(message.message_id)

    async def typing(self, chat_id: str) -> None:
        try:
            await self._call(self.bot.send_chat_action(chat_id, ChatAction.TYPING))
        except SendError as exc:  # cosmetic
            log.debug("Telegram: typing not shown (%s)", exc)

    async def acknowledge(self, button: ButtonIn, text: str | None = None) -> None:
        if button.callback_id:
            await self._call(self.bot.answer_callback_query(button.callback_id, text=text))

    async def download(self, photo: PhotoRef, max_bytes: int | None = None) -> bytes:
        # Over httpx: PTB's File reads a `file_path` naming a local file from this disk.
        return await self._bulk.fetch_file(photo.file_id, max_bytes)

    async def check(self) -> list[Finding]:
        """getMe, then getWebhookInfo compared with TELEGRAM_WEBHOOK_URL (unset: none at all)."""
        try:
            await self.open()
        except ChannelUnavailable as exc:
            if exc.problem == "bad_token":
                return [Finding.fail("doctor.channel.bad_token", channel="Telegram", env=TOKEN_ENV)]
            return [Finding.fail("doctor.channel.unreachable", channel="Telegram", where=exc.where,
                                 env=BASE_URL_ENV)]
        except SendError as exc:
            return [Finding.fail("doctor.channel.refused", channel="Telegram", error=str(exc)[:200])]
        found = [Finding.ok("doctor.channel.token_ok", channel="Telegram",
                            name=f"@{self.bot.username}")]
        try:
            info = await self._call(self.bot.get_webhook_info())
        except SendError as exc:
            return [*found, Finding.fail("doctor.channel.refused", channel="Telegram",
                                         error=str(exc)[:200])]
        found.append(webhook_finding("Telegram", self.config.webhook_url, info.url or "",
                                     "TELEGRAM_WEBHOOK_URL"))
        if self.config.webhook_url and info.last_error_message:
            found.append(Finding.warn("doctor.channel.webhook_error", channel="Telegram",
                                      error=info.last_error_message[:200]))
        return found

    @staticmethod
    async def _call(coro: Awaitable[Any]) -> Any:
        """Await a Bot API call, turning PTB's errors into Loa's typed send outcomes."""
        try:
            return await coro
        except TelegramError as exc:
            raise _typed(exc) from None


def _typed(exc: TelegramError) -> SendError:
    """PTB's error as Loa's typed send outcome."""
    if isinstance(exc, RetryAfter):
        return Throttled(_retry_after(exc))
    if isinstance(exc, Forbidden):
        return RecipientBlocked(exc.message)
    if isinstance(exc, ChatMigrated):
        return ChatMoved(str(exc.new_chat_id))
    if isinstance(exc, BadRequest):  # before NetworkError: PTB derives it from NetworkError
        return Rejected(400, exc.message)
    if isinstance(exc, TimedOut):
        return SendTimeout(exc.message)
    if isinstance(exc, NetworkError):
        return Transient(exc.message)
    return SendError(exc.message)


class BulkSender:
    """sendMessage and sendPhoto for the outbox, straight over httpx.

    PTB builds a whole `Message` from every answer and prepares each request generically; at
    bulk rates that costs about as much CPU as the HTTP exchange itself, and Loa needs only the
    message id (benchmarks/RESULTS.md). Everything else still goes through PTB.
    """

    def __init__(self, base_url: str, token: str, connections: int,
                 local_files_dir: Path | None = None,
                 ssl_context: ssl.SSLContext | None = None) -> None:
        self._local = local_files_dir
        self._url = f"{base_url}/bot{token}/"
        self._file_url = f"{base_url}/file/bot{token}/"
        self._http = httpx.AsyncClient(
            limits=httpx.Limits(max_connections=connections,
                                max_keepalive_connections=connections),
            timeout=httpx.Timeout(15.0, connect=5.0))
        # Sends go straight to httpx's own connection pool on asyncio's streams: the client's
        # layer (URL merging, cookies, auth, redirects) and anyio's under the pool cost half a
        # send's CPU at 1,000 a second (bot/channels/sockets.py).
        # Through a proxy named in the environment, the client still sends, as PTB's does.
        self._pool = None if _proxied(base_url) else httpcore.AsyncConnectionPool(
            max_connections=connections, max_keepalive_connections=connections,
            keepalive_expiry=5.0,  # as httpx's: a connection idle overnight is not trusted
            network_backend=sockets.Backend(), ssl_context=ssl_context)  # None: httpx's CAs

    async def send(self, chat_id: str, message: TextOut | PhotoOut, paid: bool) -> Sent:
        if isinstance(message, TextOut):
            method, params = "sendMessage", {"chat_id": chat_id, "text": message.text}
        else:
            photo = message.photo.url if isinstance(message.photo, RemoteUrl) else message.photo
            method, params = "sendPhoto", {"chat_id": chat_id, "photo": photo}
            if message.caption:
                params["caption"] = message.caption
        if message.choices:
            params["reply_markup"] = {"inline_keyboard": [
                [{"text": c.label, "callback_data": c.data} for c in row] for row in message.choices]}
        if paid:
            params["allow_paid_broadcast"] = True  # up to 1,000/s, paid in Stars: broadcasts only
        content = json.dumps(params, ensure_ascii=False, separators=(",", ":")).encode()
        if self._pool is None:
            status, answer = await self._post_client(method, content)
        else:
            status, answer = await self._post_pool(method, content)
        try:
            body = json.loads(answer)
        except ValueError:
            raise Transient(f"HTTP {status}") from None
        if isinstance(body, dict) and body.get("ok"):
            return Sent(str(body["result"]["message_id"]))
        raise outcome(status, body if isinstance(body, dict) else {})

    async def _post_pool(self, method: str, content: bytes) -> tuple[int, bytes]:
        assert self._pool is not None
        try:
            resp = await self._pool.request(
                "POST", self._url + method, content=content, extensions=SEND_TIMEOUTS,
                headers=[(b"Content-Type", b"application/json"),
                         (b"Content-Length", str(len(content)).encode())])
        except httpcore.TimeoutException:
            raise SendTimeout("timed out") from None
        except (httpcore.NetworkError, httpcore.ProtocolError, httpcore.UnsupportedProtocol,
                OSError) as exc:
            raise Transient(type(exc).__name__) from None  # never str(exc): it may hold the URL
        return resp.status, resp.content

    async def _post_client(self, method: str, content: bytes) -> tuple[int, bytes]:
        try:
            resp = await self._http.post(self._url + method, content=content,
                                         headers={"Content-Type": "application/json"})
        except httpx.TimeoutException:
            raise SendTimeout("timed out") from None
        except httpx.HTTPError as exc:
            raise Transient(type(exc).__name__) from None  # never str(exc): it may hold the URL
        return resp.status_code, resp.content

    async def fetch_file(self, file_id: str, max_bytes: int | None) -> bytes:
        """getFile, then the file streamed with a hard cap; sizes declared too big are refused
        before any byte is read."""
        try:
            resp = await self._http.post(self._url + "getFile", json={"file_id": file_id})
            body = resp.json()
        except httpx.HTTPError as exc:
            raise Transient(type(exc).__name__) from None  # never str(exc): it may hold the URL
        except ValueError:
            raise Transient(f"getFile: HTTP {resp.status_code}") from None
        if not body.get("ok"):
            raise outcome(resp.status_code, body)
        result = body.get("result") or {}
        path, size = result.get("file_path"), result.get("file_size")
        if max_bytes is not None and isinstance(size, int) and size > max_bytes:
            raise TooLarge(size)
        if isinstance(path, str) and path.startswith("/"):
            # A local Bot API server (`--local`) names the file on its own disk; never logged
            # (the path holds the bot token).
            return await asyncio.to_thread(_read_local, self._local, path, max_bytes)
        if not isinstance(path, str) or not FILE_PATH_RE.fullmatch(path) or ".." in path:
            raise Rejected(400, f"unsafe file path {str(path)[:80]!r}")
        try:
            async with self._http.stream("GET", self._file_url + quote(path)) as resp:
                if resp.status_code != 200:
                    if resp.status_code >= 500 or resp.status_code == 429:
                        raise Transient(f"file download: HTTP {resp.status_code}")
                    raise Rejected(resp.status_code, "file download refused")
                declared = resp.headers.get("content-length", "")
                if max_bytes is not None and declared.isascii() and declared.isdigit() \
                        and int(declared) > max_bytes:
                    raise TooLarge(int(declared))
                data = bytearray()
                async for chunk in resp.aiter_bytes():
                    data += chunk
                    if max_bytes is not None and len(data) > max_bytes:
                        raise TooLarge(len(data))  # stopped here: the rest is never read
        except httpx.HTTPError as exc:
            raise Transient(type(exc).__name__) from None
        return bytes(data)

    async def aclose(self) -> None:
        if self._pool is not None:
            await self._pool.aclose()
        await self._http.aclose()


# A send's limits, as the client's: 5 s to connect, 15 s for the rest.
SEND_TIMEOUTS = {"timeout": {"connect": 5.0, "read": 15.0, "write": 15.0, "pool": 15.0}}


def _proxied(url: str) -> bool:
    """The environment names a proxy for `url` (HTTPS_PROXY, ALL_PROXY…, not bypassed by
    NO_PROXY)."""
    parts = urlsplit(url)
    proxies = getproxies()
    if not (proxies.get(parts.scheme) or proxies.get("all")):
        return False
    return not proxy_bypass(parts.hostname or "")


def _read_local(folder: Path | None, path: str, max_bytes: int | None) -> bytes:
    """A file a local Bot API server wrote, read only when it lies under the configured folder
    (after resolving links and "..")."""
    if folder is None:
        raise Rejected(400, "unsafe file path: absolute (a local Bot API server? set "
                            "[telegram] local_files_dir to read such files)")
    try:
        root = folder.resolve(strict=True)
        target = Path(path).resolve(strict=True)
    except (OSError, RuntimeError):
        raise Rejected(404, "file not found in the local Bot API folder") from None
    if not target.is_relative_to(root) or not target.is_file():
        raise Rejected(400, "unsafe file path: outside [telegram] local_files_dir")
    with target.open("rb") as f:
        size = os.fstat(f.fileno()).st_size
        if max_bytes is not None and size > max_bytes:
            raise TooLarge(size)
        data = f.read(max_bytes + 1 if max_bytes is not None else -1)
    if max_bytes is not None and len(data) > max_bytes:
        raise TooLarge(len(data))
    return data


def outcome(status: int, body: dict[str, Any]) -> SendError:
    """A Bot API error answer as Loa's typed send outcome."""
    code = int(body.get("error_code") or status)
    description = str(body.get("description", ""))
    parameters = body.get("parameters") or {}
    if code == 429 or "retry_after" in parameters:
        return Throttled(float(parameters.get("retry_after", 1)))
    if "migrate_to_chat_id" in parameters:
        return ChatMoved(str(parameters["migrate_to_chat_id"]))
    if code == 403:
        return RecipientBlocked(description)
    if code >= 500:
        return Transient(description or f"HTTP {code}", status=code)
    return Rejected(code, description)


def _retry_after(exc: RetryAfter) -> float:
    with warnings.catch_warnings():
        # PTB 22 warns that the type will become timedelta; both are handled here.
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = exc.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


Buttons = tuple[tuple[tuple[str, str], ...], ...]


class Shown:
    """What recent messages show (text, buttons), by chat and message id; bounded."""

    def __init__(self, size: int = 5000) -> None:
        self._items: OrderedDict[tuple[str, str], tuple[str, Buttons]] = OrderedDict()
        self._size = size

    def get(self, chat_id: str, message_id: str) -> tuple[str, Buttons] | None:
        return self._items.get((chat_id, message_id))

    def remember(self, chat_id: str, message_id: str, text: str, buttons: Buttons) -> None:
        key = (chat_id, message_id)
        self._items[key] = (text, buttons)
        self._items.move_to_end(key)
        while len(self._items) > self._size:
            self._items.popitem(last=False)


def _buttons(markup: InlineKeyboardMarkup | None) -> Buttons:
    if markup is None:
        return ()
    return tuple(tuple((b.text, str(b.callback_data or "")) for b in row)
                 for row in markup.inline_keyboard)


def _markup_of(update: Any) -> Buttons:
    """The buttons of the message a press came from (a ButtonIn's raw Update)."""
    query = getattr(update, "callback_query", None)
    message = getattr(query, "message", None)
    markup = getattr(message, "reply_markup", None)
    return _buttons(markup) if isinstance(markup, InlineKeyboardMarkup) else ()


def _keyboard(choices: Keyboard) -> InlineKeyboardMarkup | None:
    if not choices:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(c.label, callback_data=c.data) for c in row] for row in choices])


def to_event(update: Update, bot_id: int | None = None,
             username: str | None = None) -> Incoming | None:
    """A Telegram update as a channel-neutral event; None for what Loa ignores. `bot_id` and
    `username` (the bot's) tell a reply to the bot and a command meant for another bot."""
    uid = str(update.update_id)
    if (query := update.callback_query) is not None:
        user, msg = query.from_user, query.message
        return ButtonIn(channel=NAME, update_id=uid, user_id=str(user.id),
                        chat_id=str(msg.chat.id) if msg else str(user.id),
                        display_name=user.full_name or "", data=query.data or "",
                        message_id=str(msg.message_id) if msg else None,
                        message_text=msg.text if isinstance(msg, Message) else None,
                        callback_id=query.id, raw=update)
    if (member := update.my_chat_member) is not None:
        if member.chat.type not in GROUP_TYPES:
            return None  # a private chat's block/unblock is seen when sending
        return MembershipIn(channel=NAME, update_id=uid, user_id=str(member.from_user.id),
                            chat_id=str(member.chat.id),
                            display_name=member.from_user.full_name or "", chat_kind=GROUP,
                            joined=member.new_chat_member.status in INSIDE,
                            title=member.chat.title or "", raw=update)
    msg = update.message
    if msg is None or msg.from_user is None:
        return None  # edits, channel posts
    where: dict[str, Any] = {}
    if msg.chat.type in GROUP_TYPES:
        if _for_another_bot(msg.text or msg.caption or "", username):
            return None
        reply = msg.reply_to_message
        where = {"chat_kind": GROUP, "chat_title": msg.chat.title or "",
                 "reply_to": str(reply.message_id) if reply else None,
                 "reply_to_bot": bool(reply is not None and reply.from_user is not None
                                      and bot_id is not None and reply.from_user.id == bot_id)}
    elif msg.chat.type != "private":
        return None  # channels
    base: dict[str, Any] = {"channel": NAME, "update_id": uid, "user_id": str(msg.from_user.id),
                            "chat_id": str(msg.chat.id),
                            "display_name": msg.from_user.full_name or "",
                            "raw": update, **where}
    if msg.text is not None:
        command = parse_command(msg.text)
        if command is not None:
            return CommandIn(name=command[0], args=command[1], **base)
        return TextIn(text=msg.text, **base)
    if msg.photo:
        largest = msg.photo[-1]
        return PhotoIn(photo=PhotoRef(file_id=largest.file_id, unique_id=largest.file_unique_id,
                                      size=largest.file_size),
                       caption=msg.caption or "", media_group_id=msg.media_group_id, **base)
    if msg.document is not None and (msg.document.mime_type or "") in IMAGE_MIME_TYPES:
        doc = msg.document
        return PhotoIn(photo=PhotoRef(file_id=doc.file_id, unique_id=doc.file_unique_id,
                                      size=doc.file_size),
                       caption=msg.caption or "", media_group_id=msg.media_group_id, **base)
    kind = next((k for k in ("document", "sticker", "voice", "video", "audio", "location",
                             "contact", "animation", "video_note") if getattr(msg, k, None)),
                "other")
    return OtherIn(kind=kind, **base)


def _for_another_bot(text: str, username: str | None) -> bool:
    """"/nhom@other_bot" in a group is another bot's command."""
    match = re.match(r"^/[A-Za-z0-9_]{1,32}@([A-Za-z0-9_]{3,64})", text.strip())
    return bool(match and username and match.group(1).lower() != username.lower())


def unreadable(data: Any, reason: str) -> UnreadableIn | None:
    """Who to apologise to for an update that cannot be read: the sender of a private message
    or of a button press, found in the plain JSON; None when there is nobody to answer."""
    if not isinstance(data, dict):
        return None
    uid = str(data.get("update_id", ""))
    query, msg = data.get("callback_query"), data.get("message")
    user = query.get("from") if isinstance(query, dict) else None
    if user is None and isinstance(msg, dict):
        chat = msg.get("chat")
        if isinstance(chat, dict) and chat.get("type") == "private":
            user = msg.get("from")
    user_id = user.get("id") if isinstance(user, dict) else None
    if type(user_id) is not int:
        return None
    # In a private chat the chat id is the user's id.
    return UnreadableIn(channel=NAME, update_id=uid, user_id=str(user_id), chat_id=str(user_id),
                        reason=reason[:300], raw=data)


async def fetch_username(config: TelegramSettings) -> str | None:
    """The bot's @username from getMe, or None when Telegram cannot be asked."""
    assert config.token
    bot = Bot(config.token, base_url=f"{config.api_base_url}/bot",
              base_file_url=f"{config.api_base_url}/file/bot")
    try:
        async with bot:
            return bot.username
    except TelegramError as exc:
        log.warning("could not ask Telegram for the bot's name: %s", exc)
        return None


class PollingConflict(Permanent):
    """Another program polls this token: not retried (the log line says what to do)."""


# -- declaration -------------------------------------------------------------------------------

def read_settings(section: Mapping[str, Any], env: Mapping[str, str]) -> TelegramSettings:
    settings = TelegramSettings(
        enabled=bool(section.get("enabled", True)),
        token=_token(env),
        api_base_url=_api_base(env),
        webhook_url=_webhook_url(env),
        webhook_secret=_webhook_secret(env),
        poll_timeout=get_int(section, "poll_timeout", 25, 0, 50, "telegram.poll_timeout"),
        allow_paid_broadcast=get_bool(section, "allow_paid_broadcast", False,
                                      "telegram.allow_paid_broadcast"),
        paid_rate_per_second=get_float(section, "paid_rate_per_second", 1000.0, 1, 10_000,
                                       "telegram.paid_rate_per_second"),
        local_files_dir=_local_files_dir(section),
    )
    if settings.webhook_url and not settings.webhook_secret:
        raise ConfigError("TELEGRAM_WEBHOOK_SECRET",
                          "bắt buộc khi đặt TELEGRAM_WEBHOOK_URL (1–256 ký tự A-Z a-z 0-9 _ -)")
    return settings


def _local_files_dir(section: Mapping[str, Any]) -> Path | None:
    if "local_files_dir" not in section:
        return None
    folder = Path(get_str(section, "local_files_dir", "", "telegram.local_files_dir"))
    if not folder.is_absolute():
        raise ConfigError("telegram.local_files_dir",
                          "đường dẫn tuyệt đối tới thư mục làm việc của máy chủ Bot API cục bộ")
    return folder


def _token(env: Mapping[str, str]) -> str | None:
    return env_secret(env, "TELEGRAM_BOT_TOKEN", TOKEN_RE, "mã bot dạng <số>:<chuỗi>, lấy từ @BotFather")


def _api_base(env: Mapping[str, str]) -> str:
    return env_base_url(env, "TELEGRAM_API_BASE_URL", PUBLIC_API, "http://127.0.0.1:8081")


def _webhook_url(env: Mapping[str, str]) -> str | None:
    return env_webhook_url(env, "TELEGRAM_WEBHOOK_URL", "Telegram")


def _webhook_secret(env: Mapping[str, str]) -> str | None:
    return env_secret(env, "TELEGRAM_WEBHOOK_SECRET", SECRET_RE, "1–256 ký tự, chỉ gồm A-Z a-z 0-9 _ -")


def _limits(settings: TelegramSettings, delivery: Any) -> RateLimits:
    # A group takes 20 a minute as the capability declares, unless the settings say otherwise
    # (a local or test Bot API server).
    per_group = delivery.group_per_minute or TelegramChannel.caps.group_per_minute or 0
    # Free sends stay at the free rate; paid broadcasts, when switched on, have their own lane.
    paid = settings.paid_rate_per_second if settings.allow_paid_broadcast else 0.0
    return RateLimits(delivery.rate_per_second, delivery.per_chat_interval, per_group, paid)


def _join_hint(settings: TelegramSettings, facts: Mapping[str, str], code: str) -> str | None:
    """The deep link that opens the bot with /start <code>, once the bot's username is known."""
    username = facts.get(USERNAME_FACT)
    return f"https://t.me/{username}?start={code}" if username else None


SPEC = register(ChannelSpec(
    name=NAME, title="Telegram",
    section_keys=frozenset({"poll_timeout", "local_files_dir", "allow_paid_broadcast",
                            "paid_rate_per_second"}),
    read_settings=read_settings,
    # With paid broadcasts on, the outbox's paid lane has senders of its own beside the free ones.
    create=lambda settings, host: TelegramChannel(
        settings, host, connections=(host.delivery.concurrency
                                     * (2 if settings.allow_paid_broadcast else 1) + 2)
        if host.delivery else 12),
    caps=TelegramChannel.caps, limits=_limits, join_hint=_join_hint,
    token_env=TOKEN_ENV, user_id_pattern=r"[0-9]{1,20}", bad_user_id_key="people.bad_telegram_id",
    user_id_hint="Telegram: dãy số, hỏi @userinfobot", loggers=("telegram",)))
