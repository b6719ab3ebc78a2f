"""Telegram through python-telegram-bot 22: long polling or a webhook, inline buttons.

PTB's Updater confirms a batch (by asking for the next offset) before the batch is handled, so a
crash mid-batch would lose updates. Loa polls with PTB's `Bot` itself and confirms an offset only
after every update before it has been handled and committed; re-sent updates are deduplicated by id.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import warnings
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

import httpx
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route
from telegram import (
    Bot,
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    Update,
)
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
from telegram.warnings import PTBDeprecationWarning

from bot.channels import (
    Capabilities,
    ChannelUnavailable,
    ChatMoved,
    Handler,
    RecipientBlocked,
    Rejected,
    SendError,
    Throttled,
    Transient,
)
from bot.core.config import TelegramConfig
from bot.core.events import (
    ButtonIn,
    CommandIn,
    EditOut,
    Incoming,
    Keyboard,
    OtherIn,
    Outgoing,
    PhotoIn,
    PhotoOut,
    PhotoRef,
    Sent,
    TextIn,
    TextOut,
    parse_command,
)
from bot.core.images import IMAGE_MIME_TYPES

log = logging.getLogger(__name__)

NAME = "telegram"
ALLOWED_UPDATES = ["message", "callback_query"]


class TelegramChannel:
    name = NAME
    caps = Capabilities(buttons=True, edits=True, max_text=4096, max_caption=1024)

    def __init__(self, config: TelegramConfig, commands: list[tuple[str, str]] | None = None,
                 on_username: Callable[[str], Awaitable[None]] | None = None,
                 paid_broadcast: bool = False, connections: int = 12) -> None:
        if not config.token:
            raise ValueError("TelegramChannel needs a token")
        self.config = config
        self.commands = commands or []
        self.on_username = on_username
        self.paid_broadcast = paid_broadcast
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
        self._bulk = BulkSender(base, config.token, connections)
        self._handler: Handler | None = None
        self._poller: asyncio.Task[None] | None = None
        self._server: uvicorn.Server | None = None
        self._server_task: asyncio.Task[None] | None = None
        self._offset: int | None = None
        self._stopping = asyncio.Event()

    async def open(self) -> None:
        """Ready to send, without receiving (for the command line, beside a running bot)."""
        try:
            await self.bot.initialize()  # getMe: fails fast on a wrong token
        except InvalidToken:
            await self.close()
            raise ChannelUnavailable("Telegram", "bad_token") from None
        except (NetworkError, TimedOut) as exc:
            log.info("Telegram unreachable: %s", exc)
            await self.close()
            raise ChannelUnavailable("Telegram", "unreachable",
                                     urlsplit(self.config.api_base_url).netloc) from None
        if self.on_username and self.bot.username:
            await self.on_username(self.bot.username)

    async def start(self, handler: Handler) -> None:
        self._handler = handler
        await self.open()
        if self.commands:
            await self._call(self.bot.set_my_commands(
                [BotCommand(name, desc) for name, desc in self.commands]))
        if self.config.webhook_url:
            await self._start_webhook()
        else:
            await self.bot.delete_webhook(drop_pending_updates=False)
            self._poller = asyncio.create_task(self._poll(), name="telegram-poll")
        log.info("Telegram: @%s, %s", self.bot.username,
                 "webhook" if self.config.webhook_url else "long polling")

    async def stop(self) -> None:
        self._stopping.set()
        if self._poller is not None:
            self._poller.cancel()
            await asyncio.gather(self._poller, return_exceptions=True)
            await self._confirm_offset()
        if self._server is not None:
            self._server.should_exit = True
            if self._server_task is not None:
                await asyncio.gather(self._server_task, return_exceptions=True)
        await self.close()

    async def close(self) -> None:
        """Release the HTTP clients (after `open` alone, or as the last step of `stop`)."""
        await self._bulk.aclose()
        await self.bot.shutdown()

    # -- receiving ---------------------------------------------------------------------------

    async def _poll(self) -> None:
        delay = 1.0
        while not self._stopping.is_set():
            try:
                updates = await self.bot.get_updates(offset=self._offset,
                                                     timeout=self.config.poll_timeout,
                                                     allowed_updates=ALLOWED_UPDATES)
                delay = 1.0
            except TimedOut:
                continue
            except RetryAfter as exc:
                await asyncio.sleep(_retry_after(exc))
                continue
            except (InvalidToken, Forbidden) as exc:
                log.error("Telegram refused the bot token (%s); polling stopped", type(exc).__name__)
                return
            except (Conflict, NetworkError, TelegramError) as exc:
                log.warning("getUpdates failed (%s: %s); retrying in %.0fs",
                            type(exc).__name__, exc, delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 30.0)
                continue
            if not updates:
                continue
            # Handled side by side (each user's in order); confirmed only when all are done.
            await asyncio.gather(*(self._dispatch(u) for u in updates))
            self._offset = updates[-1].update_id + 1

    async def _confirm_offset(self) -> None:
        if self._offset is None:
            return
        try:
            await self.bot.get_updates(offset=self._offset, timeout=0, limit=1,
                                       allowed_updates=ALLOWED_UPDATES)
        except TelegramError as exc:
            log.info("could not confirm the last updates on stop: %s", exc)

    async def _dispatch(self, update: Update) -> None:
        event = to_event(update)
        if event is None or self._handler is None:
            return
        await self._handler(event)

    async def _start_webhook(self) -> None:
        assert self.config.webhook_url and self.config.webhook_secret
        await self.bot.set_webhook(self.config.webhook_url, secret_token=self.config.webhook_secret,
                                   allowed_updates=ALLOWED_UPDATES, max_connections=40)
        server = uvicorn.Server(uvicorn.Config(
            self.asgi_app(), host=self.config.webhook_listen, port=self.config.webhook_port,
            log_level="warning", lifespan="off", access_log=False))
        self._server = server
        self._server_task = asyncio.create_task(server.serve(), name="telegram-webhook")
        while not server.started and not self._server_task.done():  # noqa: ASYNC110 - uvicorn has no event
            await asyncio.sleep(0.05)
        if self._server_task.done():
            self._server_task.result()  # re-raise why the listener could not start

    def asgi_app(self) -> Starlette:
        """The webhook as an ASGI app, for running under Loa's own uvicorn or mounting elsewhere."""
        path = urlsplit(self.config.webhook_url or "").path or "/"
        secret = (self.config.webhook_secret or "").encode()

        async def receive(request: Request) -> Response:
            given = request.headers.get("X-Telegram-Bot-Api-Secret-Token", "").encode()
            if not secret or not hmac.compare_digest(given, secret):
                return PlainTextResponse("forbidden", status_code=403)
            try:
                update = Update.de_json(await request.json(), self.bot)
            except Exception:
                return PlainTextResponse("bad update", status_code=400)
            # Answered after handling: if Loa fails, Telegram sends the update again.
            await self._dispatch(update)
            return PlainTextResponse("ok")

        async def health(_: Request) -> Response:
            return PlainTextResponse("ok")

        return Starlette(routes=[Route(path, receive, methods=["POST"]),
                                 Route("/healthz", health, methods=["GET"])])

    # -- sending -----------------------------------------------------------------------------

    async def send(self, chat_id: str, message: Outgoing, bulk: bool = False) -> Sent:
        if isinstance(message, EditOut):
            return await self._edit(chat_id, message, _keyboard(message.choices))
        if bulk and not (isinstance(message, PhotoOut) and isinstance(message.photo, bytes)):
            return await self._bulk.send(chat_id, message, paid=self.paid_broadcast)
        markup = _keyboard(message.choices)
        if isinstance(message, TextOut):
            sent = await self._call(self.bot.send_message(chat_id, message.text,
                                                          reply_markup=markup))
        elif isinstance(message, PhotoOut):
            sent = await self._call(self.bot.send_photo(chat_id, message.photo,
                                                        caption=message.caption or None,
                                                        reply_markup=markup))
        else:
            raise TypeError(f"cannot send {type(message).__name__}")
        return Sent(str(sent.message_id))

    async def _edit(self, chat_id: str, message: EditOut,
                    markup: InlineKeyboardMarkup | None) -> Sent:
        try:
            if message.text is None:
                await self._call(self.bot.edit_message_reply_markup(
                    chat_id, int(message.message_id), reply_markup=markup))
            else:
                await self._call(self.bot.edit_message_text(
                    message.text, chat_id, int(message.message_id), reply_markup=markup))
        except Rejected as exc:
            if "not modified" not in exc.reason.lower():
                raise
        return Sent(message.message_id)

    async def acknowledge(self, button: ButtonIn, text: str | None = None) -> None:
        if button.callback_id:
            await self._call(self.bot.answer_callback_query(button.callback_id, text=text))

    async def download(self, photo: PhotoRef) -> bytes:
        file = await self._call(self.bot.get_file(photo.file_id))
        return bytes(await self._call(file.download_as_bytearray()))

    @staticmethod
    async def _call(coro: Awaitable[Any]) -> Any:
        """Await a Bot API call, turning PTB's errors into Loa's typed send outcomes."""
        try:
            return await coro
        except RetryAfter as exc:
            raise Throttled(_retry_after(exc)) from None
        except Forbidden as exc:
            raise RecipientBlocked(exc.message) from None
        except ChatMigrated as exc:
            raise ChatMoved(str(exc.new_chat_id)) from None
        except BadRequest as exc:  # before NetworkError: PTB derives it from NetworkError
            raise Rejected(400, exc.message) from None
        except (TimedOut, NetworkError) as exc:
            raise Transient(exc.message) from None
        except TelegramError as exc:
            raise SendError(exc.message) from None


class BulkSender:
    """sendMessage and sendPhoto for the outbox, straight over httpx.

    PTB builds a whole `Message` from every answer and prepares each request generically; at
    bulk rates that costs about as much CPU as the HTTP exchange itself, and Loa needs only the
    message id (benchmarks/RESULTS.md). Everything else still goes through PTB.
    """

    def __init__(self, base_url: str, token: str, connections: int) -> None:
        self._url = f"{base_url}/bot{token}/"
        self._http = httpx.AsyncClient(
            limits=httpx.Limits(max_connections=connections,
                                max_keepalive_connections=connections),
            timeout=httpx.Timeout(15.0, connect=5.0))

    async def send(self, chat_id: str, message: TextOut | PhotoOut, paid: bool) -> Sent:
        if isinstance(message, TextOut):
            method, params = "sendMessage", {"chat_id": chat_id, "text": message.text}
        else:
            method, params = "sendPhoto", {"chat_id": chat_id, "photo": message.photo}
            if message.caption:
                params["caption"] = message.caption
        if message.choices:
            params["reply_markup"] = {"inline_keyboard": [
                [{"text": c.label, "callback_data": c.data} for c in row] for row in message.choices]}
        if paid:
            params["allow_paid_broadcast"] = True  # up to 1,000/s, paid in Stars: bulk only
        try:
            resp = await self._http.post(self._url + method, json=params)
        except httpx.TimeoutException:
            raise Transient("timed out") from None
        except httpx.HTTPError as exc:
            raise Transient(type(exc).__name__) from None  # never str(exc): it may hold the URL
        try:
            body = resp.json()
        except ValueError:
            raise Transient(f"HTTP {resp.status_code}") from None
        if body.get("ok"):
            return Sent(str(body["result"]["message_id"]))
        raise outcome(resp.status_code, body)

    async def aclose(self) -> None:
        await self._http.aclose()


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
        return Transient(description or f"HTTP {code}")
    return Rejected(code, description)


def _retry_after(exc: RetryAfter) -> float:
    with warnings.catch_warnings():
        # PTB 22 warns that the type will become timedelta; both are handled here.
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = exc.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def _keyboard(choices: Keyboard) -> InlineKeyboardMarkup | None:
    if not choices:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(c.label, callback_data=c.data) for c in row] for row in choices])


def to_event(update: Update) -> Incoming | None:
    """A Telegram update as a channel-neutral event; None for what Loa ignores."""
    uid = str(update.update_id)
    if (query := update.callback_query) is not None:
        user, msg = query.from_user, query.message
        return ButtonIn(channel=NAME, update_id=uid, user_id=str(user.id),
                        chat_id=str(msg.chat.id) if msg else str(user.id),
                        display_name=user.full_name, data=query.data or "",
                        message_id=str(msg.message_id) if msg else None,
                        message_text=msg.text if isinstance(msg, Message) else None,
                        callback_id=query.id, raw=update)
    msg = update.message
    if msg is None or msg.from_user is None or msg.chat.type != "private":
        return None  # Loa talks to officers one to one; group chats and edits are ignored
    base: dict[str, Any] = {"channel": NAME, "update_id": uid, "user_id": str(msg.from_user.id),
                            "chat_id": str(msg.chat.id), "display_name": msg.from_user.full_name,
                            "raw": update}
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


async def fetch_username(config: TelegramConfig) -> str | None:
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
