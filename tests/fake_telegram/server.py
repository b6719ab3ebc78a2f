"""A fake Telegram Bot API over real HTTP, for Loa's tests and benchmarks.

Bot side (`/bot<token>/<method>`, `/file/bot<token>/<path>`): the methods Loa uses, answering with
Telegram's shapes and refusing what Telegram refuses (text over 4096 characters, caption over 1024,
callback data over 64 bytes, unknown chats, blocked users, sends over the rate limit).

Control side (`/_fake/...`): act as a user (text, command, photo with real bytes, button press),
read what the bot sent, set rate limits, block chats, inject failures.

Groups (`/_fake/group…`): a group or supergroup with several members; the bot added, removed or
leaving (`my_chat_member` updates); members writing there. With privacy mode on (the default, as
for every new bot) the bot receives only commands, replies to its own messages, messages that
mention it and service messages; at most `group_per_minute` sends to one group in a minute,
answered 429 with `retry_after` beyond it.
"""

from __future__ import annotations

import asyncio
import base64
import bisect
import hashlib
import itertools
import json
import math
import random
import re
import secrets
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from typing import Any

import httpx
from starlette.applications import Starlette
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from tests.fake_server import verify

MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_DATA = 64
SECRET_RE = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
SEND_METHODS = {"sendMessage", "sendPhoto", "sendDocument", "editMessageText",
                "editMessageReplyMarkup"}


class AsciiJSONResponse(JSONResponse):
    """JSON with non-ASCII characters escaped, as Telegram answers: a lone surrogate a user's
    client sent ("\\ud800") travels as an escape, where UTF-8 could not carry it."""

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=True, separators=(",", ":")).encode("ascii")


class ApiError(Exception):
    def __init__(self, code: int, description: str, parameters: dict[str, Any] | None = None):
        super().__init__(description)
        self.code, self.description, self.parameters = code, description, parameters


@dataclass
class User:
    id: int
    first_name: str
    last_name: str = ""
    username: str = ""
    blocked: str | None = None  # None, or the 403 description Telegram gives

    def as_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        if self.last_name:
            d["last_name"] = self.last_name
        if self.username:
            d["username"] = self.username
        return d


@dataclass
class Group:
    id: int  # negative, as Telegram's group ids are
    title: str
    type: str = "group"  # "group" | "supergroup"
    members: set[int] = field(default_factory=set)
    bot_status: str = "left"  # "member" | "administrator" | "left" | "kicked"
    privacy: bool = True  # the bot sees only commands, replies to it and mentions of it
    withheld: int = 0  # messages privacy mode kept from the bot

    def as_chat(self) -> dict[str, Any]:
        return {"id": self.id, "type": self.type, "title": self.title}

    @property
    def bot_inside(self) -> bool:
        return self.bot_status in ("member", "administrator")


@dataclass
class Limits:
    global_per_sec: float | None = None
    per_chat_per_sec: float | None = None
    # Telegram: at most 20 messages a minute to one group; `group_window` shortens the minute
    # for a test (20 in 6 s is the same rule ten times faster).
    group_per_minute: int = 20
    group_window: float = 60.0
    # Sends with allow_paid_broadcast: up to this many a second, all sends counted (Telegram:
    # 1,000/s, paid in Stars); None: the flag changes nothing. Sends without it stay under
    # global_per_sec, counted among themselves.
    paid_per_sec: float | None = None
    error_rate: float = 0.0  # share of sends answered with a 5xx
    seed: int = 1


@dataclass
class Stats:
    requests: dict[str, int] = field(default_factory=dict)
    throttled: int = 0
    throttled_paid: int = 0  # of those, sends that carried allow_paid_broadcast
    paid: int = 0  # accepted sends that carried allow_paid_broadcast (0.1 Star each)
    server_errors: int = 0
    forbidden: int = 0
    conflicts: int = 0  # getUpdates answered 409 because another poll came in
    max_pollers: int = 0  # the most getUpdates waiting at once


class FakeTelegram:
    def __init__(self, token: str, username: str = "loa_test_bot", bot_id: int | None = None):
        self.token = token
        self.bot_id = bot_id or int(token.split(":", 1)[0])
        self.username = username
        self.users: dict[int, User] = {}  # people with a private chat with the bot
        self.people: dict[int, User] = {}  # group members who never opened a private chat
        self.groups: dict[int, Group] = {}
        self.updates: list[dict[str, Any]] = []
        self.confirmed = 0  # every update with an id below this was confirmed by the bot
        self._update_ids = itertools.count(1000)
        self._message_ids: dict[int, itertools.count] = {}
        self.messages: dict[tuple[int, int], dict[str, Any]] = {}  # (chat, id) → current state
        self.sent: list[dict[str, Any]] = []  # every accepted bot call that shows something
        self._sent_by_chat: dict[int, list[dict[str, Any]]] = {}
        self.callback_answers: list[dict[str, Any]] = []
        self.chat_actions: list[dict[str, Any]] = []  # sendChatAction calls
        self.open_callbacks: dict[str, int] = {}
        self.files: dict[str, tuple[str, bytes]] = {}  # file_id → (file_path, bytes)
        # Files as a hostile or broken server describes and serves them (ctl_file).
        self.declared_sizes: dict[str, int] = {}  # file_id → the file_size getFile claims
        self.missing_paths: set[str] = set()  # answered 404 by the file server
        self.streamed_paths: set[str] = set()  # served without Content-Length, without end
        self.file_bytes_served = 0
        self.garbage_updates = 0  # the next getUpdates calls with news answer a non-list
        self.commands: list[dict[str, Any]] = []
        self.webhook: dict[str, Any] | None = None
        self.webhook_target: str | None = None  # where the fake really posts webhook updates
        self.webhook_ca: str | None = None  # a CA file the https target's certificate is checked with
        self.webhook_deliveries: list[dict[str, Any]] = []
        self.limits = Limits()
        self.stats = Stats()
        self.fail_next: deque[dict[str, Any]] = deque()
        self.throttled_chats: Counter[int] = Counter()  # 429s by chat (0: the global limit)
        # For a test's failure message: each 429 with the sends just before it (when, which
        # connection, which chat), so a rare one says who crowded the second.
        self.throttle_log: list[dict[str, Any]] = []
        self._recent: deque[tuple[float, int, int]] = deque(maxlen=1200)  # a paid second's
        self._arriving_port = 0
        # Any method failing for a while (a platform outage): method → (code, until monotonic)
        self.method_outages: dict[str, tuple[int, float]] = {}
        self.garbled: dict[str, int] = {}  # method → how many answers to send unreadable
        self._poll: dict[str, Any] | None = None  # the getUpdates waiting now
        self._pollers = 0
        self._client_port = 0
        self._rng = random.Random(1)
        self._global_window: deque[float] = deque()  # every accepted send
        self._free_window: deque[float] = deque()  # accepted sends without the paid flag
        self._chat_windows: dict[int, deque[float]] = {}
        self._group_windows: dict[int, deque[float]] = {}  # sends within a group's minute
        self._changed = asyncio.Condition()
        self._webhook_task: asyncio.Task[None] | None = None
        self.closing = False  # set at shutdown: every long poll answers at once

    # -- plumbing ---------------------------------------------------------------------------

    def app(self) -> Starlette:
        return Starlette(routes=[
            Route("/bot{token}/{method}", self._bot_endpoint, methods=["GET", "POST"]),
            Route("/file/bot{token}/{path:path}", self._file_endpoint, methods=["GET"]),
            Route("/_fake/{action}", self._control_endpoint, methods=["GET", "POST"]),
        ])

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    async def close(self) -> None:
        self.closing = True
        self.webhook = None
        await self._notify()

    async def _wait_for(self, predicate: Any, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        async with self._changed:
            while not predicate() and not self.closing:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                try:
                    await asyncio.wait_for(self._changed.wait(), left)
                except TimeoutError:
                    return predicate()
        return True

    @staticmethod
    def _ok(result: Any) -> JSONResponse:
        return AsciiJSONResponse({"ok": True, "result": result})

    @staticmethod
    def _error(err: ApiError) -> JSONResponse:
        body: dict[str, Any] = {"ok": False, "error_code": err.code, "description": err.description}
        if err.parameters:
            body["parameters"] = err.parameters
        return AsciiJSONResponse(body, status_code=err.code)

    @staticmethod
    async def _params(request: Request) -> dict[str, Any]:
        params: dict[str, Any] = dict(request.query_params)
        ctype = request.headers.get("content-type", "")
        if "application/json" in ctype:
            body = await request.body()
            if body:
                params.update(json.loads(body))
        elif "form" in ctype:
            form = await request.form()
            for key, value in form.multi_items():
                if hasattr(value, "read"):
                    params[key] = {"upload": await value.read(), "filename": value.filename}
                else:
                    params[key] = value
        # python-telegram-bot sends nested objects as JSON-encoded form fields.
        for key in ("reply_markup", "allowed_updates", "commands", "media"):
            if isinstance(params.get(key), str):
                params[key] = json.loads(params[key])
        return params

    # -- bot side ---------------------------------------------------------------------------

    async def _bot_endpoint(self, request: Request) -> Response:
        if request.path_params["token"] != self.token:
            return self._error(ApiError(401, "Unauthorized"))
        method = request.path_params["method"]
        self.stats.requests[method] = self.stats.requests.get(method, 0) + 1
        handler = getattr(self, f"api_{method}", None)
        if handler is None:
            return self._error(ApiError(404, "Not Found"))
        outage = self.method_outages.get(method)
        if outage is not None and time.monotonic() < outage[1]:
            self.stats.server_errors += 1
            return self._error(ApiError(outage[0], "Bad Gateway" if outage[0] >= 500 else "Error"))
        try:
            params = await self._params(request)
        except ClientDisconnect:  # the bot was killed mid-request: nothing to answer
            return Response(status_code=499)
        try:
            if method in SEND_METHODS:
                self._arriving_port = request.client.port if request.client else 0
                self._admit_send(params)
            # Which connection sent it (the benchmarks tell the sending processes apart by it);
            # read by _record before the handler's first await.
            self._client_port = request.client.port if request.client else 0
            result = await handler(params)
        except ApiError as err:
            return self._error(err)
        except (KeyError, ValueError, TypeError) as exc:
            return self._error(ApiError(400, f"Bad Request: {exc}"))
        await self._notify()
        if self.garbled.get(method):
            # Accepted, but answered with a body no client library can turn into a Message.
            self.garbled[method] -= 1
            return self._ok({"unexpected": True})
        return self._ok(result)

    def _admit_send(self, params: dict[str, Any]) -> None:
        """Injected failures, random 5xx, rate limits, unknown and blocked chats, in that order."""
        if self.fail_next:
            fail = self.fail_next.popleft()
            if fail["code"] == 429:
                self.stats.throttled += 1
                raise ApiError(429, f"Too Many Requests: retry after {fail.get('retry_after', 1)}",
                               {"retry_after": fail.get("retry_after", 1)})
            self.stats.server_errors += fail["code"] >= 500
            raise ApiError(fail["code"], fail.get("description", "Internal Server Error"))
        if self.limits.error_rate and self._rng.random() < self.limits.error_rate:
            self.stats.server_errors += 1
            raise ApiError(502, "Bad Gateway")
        chat_id = _int(params["chat_id"])
        now = time.monotonic()
        paid = self.limits.paid_per_sec is not None and params.get(
            "allow_paid_broadcast") in (True, "true", "True")
        try:
            if paid:
                self._check_window(self._global_window, self.limits.paid_per_sec, now)
            else:
                self._check_window(self._free_window, self.limits.global_per_sec, now)
            chat_window = self._chat_windows.setdefault(chat_id, deque())
            self._check_window(chat_window, self.limits.per_chat_per_sec, now, chat=chat_id)
        except ApiError:
            self.stats.throttled_paid += paid
            raise
        group = self.groups.get(chat_id)
        if group is not None:
            if not group.bot_inside:
                self.stats.forbidden += 1
                raise ApiError(403, "Forbidden: bot was kicked from the group chat"
                               if group.bot_status == "kicked"
                               else "Forbidden: bot is not a member of the group chat")
            group_window = self._group_windows.setdefault(chat_id, deque())
            self._check_window(group_window, self.limits.group_per_minute, now,
                               self.limits.group_window, chat_id)
            self._accepted(now, paid, chat_id)
            chat_window.append(now)
            group_window.append(now)
            return
        if chat_id in self.people:
            self.stats.forbidden += 1
            raise ApiError(403, "Forbidden: bot can't initiate conversation with a user")
        user = self.users.get(chat_id)
        if user is None:
            raise ApiError(400, "Bad Request: chat not found")
        if user.blocked:
            self.stats.forbidden += 1
            raise ApiError(403, user.blocked)
        self._accepted(now, paid, chat_id)
        chat_window.append(now)

    def _accepted(self, now: float, paid: bool, chat_id: int) -> None:
        """An accepted send counts towards the paid second (all sends) or the free one."""
        self._recent.append((now, self._arriving_port, chat_id))
        if self.limits.paid_per_sec is not None:
            self._global_window.append(now)
        if paid:
            self.stats.paid += 1
        else:
            self._free_window.append(now)

    def _check_window(self, window: deque[float], per_sec: float | None, now: float,
                      seconds: float = 1.0, chat: int = 0) -> None:
        """At most `per_sec` sends in any `seconds` (a second, or a group's minute)."""
        if not per_sec:
            return
        while window and window[0] <= now - seconds:
            window.popleft()
        if len(window) >= per_sec:
            self.stats.throttled += 1
            self.throttled_chats[chat] += 1
            if len(self.throttle_log) < 20:
                self.throttle_log.append({
                    "at": round(now, 3), "chat": chat, "port": self._arriving_port,
                    "before": [(round(at - now, 3), port, c) for at, port, c in self._recent
                               if at > now - seconds]})
            wait = max(1, math.ceil(window[0] + seconds - now))
            raise ApiError(429, f"Too Many Requests: retry after {wait}", {"retry_after": wait})

    def _bot_user(self) -> dict[str, Any]:
        return {"id": self.bot_id, "is_bot": True, "first_name": "Loa", "username": self.username}

    def _next_message_id(self, chat_id: int) -> int:
        return next(self._message_ids.setdefault(chat_id, itertools.count(1)))

    def _chat(self, chat_id: int) -> dict[str, Any]:
        if chat_id in self.groups:
            return self.groups[chat_id].as_chat()
        user = self.users[chat_id]
        return {"id": chat_id, "type": "private", "first_name": user.first_name}

    async def api_getMe(self, params: dict[str, Any]) -> dict[str, Any]:
        return {**self._bot_user(), "can_join_groups": False, "can_read_all_group_messages": False,
                "supports_inline_queries": False}

    async def api_getUpdates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        if self.webhook is not None:
            raise ApiError(409, "Conflict: can't use getUpdates method while webhook is active; "
                                "use deleteWebhook to delete the webhook first")
        offset = _int(params.get("offset", 0) or 0)
        limit = min(max(_int(params.get("limit", 100) or 100), 1), 100)
        timeout = min(float(params.get("timeout", 0) or 0), 50.0)
        if offset:
            self.confirmed = max(self.confirmed, offset)
        await self._notify()

        def pending() -> list[dict[str, Any]]:
            return [u for u in self.updates if u["update_id"] >= self.confirmed][:limit]

        # Like Telegram: a second poll while one waits ends the earlier one with 409 Conflict.
        if self._poll is not None:
            self._poll["conflict"] = True
            self.stats.conflicts += 1
            await self._notify()
        me: dict[str, Any] = {"conflict": False}
        self._poll = me
        self._pollers += 1
        self.stats.max_pollers = max(self.stats.max_pollers, self._pollers)
        try:
            if not pending() and timeout > 0:
                await self._wait_for(lambda: bool(pending()) or self.webhook is not None
                                     or me["conflict"], timeout)
        finally:
            self._pollers -= 1
            if self._poll is me:
                self._poll = None
        if me["conflict"]:
            raise ApiError(409, "Conflict: terminated by other getUpdates request; make sure that "
                                "only one bot instance is running")
        if self.garbage_updates and pending():
            self.garbage_updates -= 1
            return {"unexpected": "not a list of updates"}  # type: ignore[return-value]
        return pending()

    async def api_setWebhook(self, params: dict[str, Any]) -> bool:
        url = params.get("url", "")
        secret = params.get("secret_token")
        if secret is not None and not SECRET_RE.match(secret):
            raise ApiError(400, "Bad Request: secret token contains unallowed characters")
        if not url:
            self.webhook = None
            return True
        if not url.startswith("https://"):
            raise ApiError(400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook")
        self.webhook = {"url": url, "secret_token": secret,
                        "allowed_updates": params.get("allowed_updates"),
                        "max_connections": _int(params.get("max_connections", 40))}
        if params.get("drop_pending_updates") in (True, "true", "True"):
            self.confirmed = next(self._update_ids)
        self._start_webhook_pusher()
        return True

    async def api_deleteWebhook(self, params: dict[str, Any]) -> bool:
        self.webhook = None
        if params.get("drop_pending_updates") in (True, "true", "True"):
            self.confirmed = next(self._update_ids)
        return True

    async def api_getWebhookInfo(self, params: dict[str, Any]) -> dict[str, Any]:
        pending = sum(1 for u in self.updates if u["update_id"] >= self.confirmed)
        return {"url": self.webhook["url"] if self.webhook else "", "has_custom_certificate": False,
                "pending_update_count": pending}

    def _markup(self, params: dict[str, Any]) -> list[list[dict[str, str]]] | None:
        markup = params.get("reply_markup")
        if not markup:
            return None
        rows = markup.get("inline_keyboard")
        if rows is None:
            return None
        for row in rows:
            for button in row:
                data = button.get("callback_data")
                if data is not None and not 1 <= len(data.encode()) <= MAX_CALLBACK_DATA:
                    raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
                if not button.get("text"):
                    raise ApiError(400, "Bad Request: text buttons are unallowed in the inline keyboard")
        return rows

    def _record(self, method: str, chat_id: int, message: dict[str, Any],
                uploaded: bool = False, params: dict[str, Any] | None = None) -> None:
        entry = {"seq": len(self.sent) + 1, "method": method, "chat_id": chat_id,
                 # Whether this send carried allow_paid_broadcast (and cost 0.1 Star).
                 "paid": (params or {}).get("allow_paid_broadcast") in (True, "true", "True"),
                 "message_id": message["message_id"], "text": message.get("text"),
                 "caption": message.get("caption"), "photo": bool(message.get("photo")),
                 "file_id": message["photo"][-1]["file_id"] if message.get("photo") else None,
                 "uploaded": uploaded, "buttons": _buttons(message), "at": time.time(),
                 "port": self._client_port,
                 # Where a test downloads a sent document: /file/bot<token>/<path>.
                 "document": {**message["document"], "path": self.files[
                     message["document"]["file_id"]][0]} if "document" in message else None}
        self.sent.append(entry)
        self._sent_by_chat.setdefault(chat_id, []).append(entry)

    def _sent_after(self, chat: Any, after: int) -> list[dict[str, Any]]:
        """Sends (to `chat`, or to anyone) with seq above `after`, without scanning them all."""
        if chat is None:
            return self.sent[after:]
        entries = self._sent_by_chat.get(int(chat), [])
        return entries[bisect.bisect_right([e["seq"] for e in entries], after):] if after else entries

    async def api_sendMessage(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = _int(params["chat_id"])
        text = params.get("text", "")
        if not text.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        if _u16(text) > MAX_TEXT:
            raise ApiError(400, "Bad Request: message is too long")
        rows = self._markup(params)
        message = {"message_id": self._next_message_id(chat_id), "from": self._bot_user(),
                   "chat": self._chat(chat_id), "date": int(time.time()), "text": text}
        if rows is not None:
            message["reply_markup"] = {"inline_keyboard": rows}
        self.messages[(chat_id, message["message_id"])] = message
        self._record("sendMessage", chat_id, message, params=params)
        return message

    async def api_sendPhoto(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = _int(params["chat_id"])
        caption = params.get("caption") or ""
        if _u16(caption) > MAX_CAPTION:
            raise ApiError(400, "Bad Request: message caption is too long")
        photo = params.get("photo")
        if isinstance(photo, dict):
            data = photo["upload"]
            if len(data) > 10 * 1024 * 1024:
                raise ApiError(400, "Bad Request: PHOTO_INVALID_DIMENSIONS")
            file_id = self.add_file(data, "photos")
        elif isinstance(photo, str) and photo in self.files:
            file_id = photo
        else:
            raise ApiError(400, "Bad Request: wrong file identifier/HTTP URL specified")
        rows = self._markup(params)
        size = len(self.files[file_id][1])
        message = {"message_id": self._next_message_id(chat_id), "from": self._bot_user(),
                   "chat": self._chat(chat_id), "date": int(time.time()),
                   "photo": [{"file_id": file_id, "file_unique_id": _unique(file_id), "width": 800,
                              "height": 600, "file_size": size}]}
        if caption:
            message["caption"] = caption
        if rows is not None:
            message["reply_markup"] = {"inline_keyboard": rows}
        self.messages[(chat_id, message["message_id"])] = message
        self._record("sendPhoto", chat_id, message, uploaded=isinstance(photo, dict), params=params)
        return message

    async def api_sendDocument(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = _int(params["chat_id"])
        caption = params.get("caption") or ""
        if _u16(caption) > MAX_CAPTION:
            raise ApiError(400, "Bad Request: message caption is too long")
        document = params.get("document")
        if not isinstance(document, dict):
            raise ApiError(400, "Bad Request: wrong file identifier/HTTP URL specified")
        if len(document["upload"]) > 50 * 1024 * 1024:
            raise ApiError(413, "Request Entity Too Large")
        name = document.get("filename") or "document"
        file_id = self.add_file(document["upload"], "documents", name.rsplit(".", 1)[-1])
        message = {"message_id": self._next_message_id(chat_id), "from": self._bot_user(),
                   "chat": self._chat(chat_id), "date": int(time.time()),
                   "document": {"file_id": file_id, "file_unique_id": _unique(file_id),
                                "file_name": name, "file_size": len(document["upload"])}}
        if caption:
            message["caption"] = caption
        rows = self._markup(params)
        if rows is not None:
            message["reply_markup"] = {"inline_keyboard": rows}
        self.messages[(chat_id, message["message_id"])] = message
        self._record("sendDocument", chat_id, message, params=params)
        return message

    def _existing(self, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        chat_id = _int(params["chat_id"])
        message = self.messages.get((chat_id, _int(params["message_id"])))
        if message is None:
            raise ApiError(400, "Bad Request: message to edit not found")
        return chat_id, message

    async def api_editMessageText(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id, message = self._existing(params)
        text = params.get("text", "")
        if not text.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        if _u16(text) > MAX_TEXT:
            raise ApiError(400, "Bad Request: MESSAGE_TOO_LONG")
        rows = self._markup(params)
        new_markup = {"inline_keyboard": rows} if rows is not None else None
        if message.get("text") == text and message.get("reply_markup") == new_markup:
            raise ApiError(400, "Bad Request: message is not modified: specified new message content "
                                "and reply markup are exactly the same as a current content and reply "
                                "markup of the message")
        message["text"] = text
        # Editing the text without reply_markup removes the inline keyboard, as on Telegram.
        message.pop("reply_markup", None)
        if new_markup is not None:
            message["reply_markup"] = new_markup
        self._record("editMessageText", chat_id, message)
        return message

    async def api_editMessageReplyMarkup(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id, message = self._existing(params)
        rows = self._markup(params)
        new_markup = {"inline_keyboard": rows} if rows else None
        if message.get("reply_markup") == new_markup:
            raise ApiError(400, "Bad Request: message is not modified")
        message.pop("reply_markup", None)
        if new_markup is not None:
            message["reply_markup"] = new_markup
        self._record("editMessageReplyMarkup", chat_id, message)
        return message

    async def api_answerCallbackQuery(self, params: dict[str, Any]) -> bool:
        query_id = params["callback_query_id"]
        if query_id not in self.open_callbacks:
            raise ApiError(400, "Bad Request: query is too old and response timeout expired or "
                                "query ID is invalid")
        chat_id = self.open_callbacks.pop(query_id)
        text = params.get("text")
        if text is not None and len(text) > 200:
            raise ApiError(400, "Bad Request: MESSAGE_TOO_LONG")
        self.callback_answers.append({"id": query_id, "chat_id": chat_id, "text": text,
                                      "show_alert": params.get("show_alert") in (True, "true")})
        return True

    async def api_getFile(self, params: dict[str, Any]) -> dict[str, Any]:
        file_id = params["file_id"]
        if file_id not in self.files:
            raise ApiError(400, "Bad Request: invalid file_id")
        path, data = self.files[file_id]
        if len(data) > 20 * 1024 * 1024:
            raise ApiError(400, "Bad Request: file is too big")
        return {"file_id": file_id, "file_unique_id": _unique(file_id),
                "file_size": self.declared_sizes.get(file_id, len(data)), "file_path": path}

    async def api_setMyCommands(self, params: dict[str, Any]) -> bool:
        commands = params.get("commands") or []
        for c in commands:
            if not re.match(r"^[a-z0-9_]{1,32}$", c.get("command", "")) or not c.get("description"):
                raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
        self.commands = commands
        return True

    async def api_getMyCommands(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        return self.commands

    async def api_deleteMyCommands(self, params: dict[str, Any]) -> bool:
        self.commands = []
        return True

    async def api_sendChatAction(self, params: dict[str, Any]) -> bool:
        if _int(params["chat_id"]) not in self.users and _int(params["chat_id"]) not in self.groups:
            raise ApiError(400, "Bad Request: chat not found")
        self.chat_actions.append({"chat_id": _int(params["chat_id"]),
                                  "action": params.get("action")})
        return True

    async def api_leaveChat(self, params: dict[str, Any]) -> bool:
        group = self.groups.get(_int(params["chat_id"]))
        if group is None:
            raise ApiError(400, "Bad Request: chat not found")
        if not group.bot_inside:
            raise ApiError(403, "Forbidden: bot is not a member of the group chat")
        self._membership(group, self._bot_user(), "left")
        return True

    async def api_getChat(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = _int(params["chat_id"])
        if chat_id not in self.groups and chat_id not in self.users:
            raise ApiError(400, "Bad Request: chat not found")
        return self._chat(chat_id)

    async def _file_endpoint(self, request: Request) -> Response:
        if request.path_params["token"] != self.token:
            return Response(status_code=401)
        path = request.path_params["path"]
        if path in self.missing_paths:
            return Response(status_code=404)
        for stored_path, data in self.files.values():
            if stored_path == path:
                if path in self.streamed_paths:
                    return StreamingResponse(self._chunks(data),
                                             media_type="application/octet-stream")
                self.file_bytes_served += len(data)
                return Response(data, media_type="application/octet-stream")
        return Response(status_code=404)

    async def _chunks(self, data: bytes, size: int = 65536) -> Any:
        """The file's bytes again and again until the client hangs up (a hostile server)."""
        chunk = (data * (size // max(len(data), 1) + 1))[:size]
        while not self.closing:
            self.file_bytes_served += len(chunk)
            yield chunk
            await asyncio.sleep(0)

    def add_file(self, data: bytes, folder: str, ext: str = "jpg") -> str:
        file_id = "AgAC" + secrets.token_urlsafe(24)
        self.files[file_id] = (f"{folder}/file_{len(self.files)}.{ext}", data)
        return file_id

    # -- webhook ----------------------------------------------------------------------------

    def _start_webhook_pusher(self) -> None:
        if self._webhook_task is None or self._webhook_task.done():
            self._webhook_task = asyncio.create_task(self._push_webhook())

    async def _push_webhook(self) -> None:
        ca = self.webhook_ca
        client = httpx.AsyncClient(timeout=30, verify=verify(ca))
        try:
            while self.webhook is not None:
                if ca != self.webhook_ca:  # the target's CA was given after the pusher started
                    await client.aclose()
                    ca = self.webhook_ca
                    client = httpx.AsyncClient(timeout=30, verify=verify(ca))
                pending = [u for u in self.updates if u["update_id"] >= self.confirmed]
                if not pending or self.webhook_target is None:
                    await self._wait_for(lambda: self.webhook is None or bool(
                        self.webhook_target and any(u["update_id"] >= self.confirmed
                                                    for u in self.updates)), 1.0)
                    continue
                update = pending[0]
                headers = {}
                if self.webhook.get("secret_token"):
                    headers["X-Telegram-Bot-Api-Secret-Token"] = self.webhook["secret_token"]
                started = time.monotonic()
                try:
                    resp = await client.post(self.webhook_target, json=update, headers=headers)
                    status = resp.status_code
                except httpx.HTTPError:
                    status = 0
                self.webhook_deliveries.append({"update_id": update["update_id"], "status": status,
                                                "seconds": time.monotonic() - started})
                if 200 <= status < 300:
                    self.confirmed = update["update_id"] + 1
                    await self._notify()
                else:
                    await asyncio.sleep(0.2)  # Telegram retries an update the webhook refused
        finally:
            await client.aclose()

    # -- control side -----------------------------------------------------------------------

    async def _control_endpoint(self, request: Request) -> Response:
        action = request.path_params["action"]
        handler = getattr(self, f"ctl_{action}", None)
        if handler is None:
            return JSONResponse({"error": f"no control action {action}"}, status_code=404)
        body = await request.body()
        params = json.loads(body) if body else dict(request.query_params)
        try:
            result = await handler(params)
        except (KeyError, ValueError) as exc:
            return JSONResponse({"error": str(exc)}, status_code=400)
        await self._notify()
        return AsciiJSONResponse(result)

    def _add_update(self, update: dict[str, Any]) -> dict[str, Any]:
        update["update_id"] = next(self._update_ids)
        self.updates.append(update)
        return update

    def _user_message(self, user_id: int) -> dict[str, Any]:
        user = self.users.get(user_id)
        if user is None:
            raise KeyError(f"unknown user {user_id}; call /_fake/user first")
        return {"message_id": self._next_message_id(user_id), "from": user.as_dict(),
                "chat": self._chat(user_id), "date": int(time.time())}

    async def ctl_user(self, p: dict[str, Any]) -> dict[str, Any]:
        user = User(id=int(p["id"]), first_name=p.get("first_name", "Cán bộ"),
                    last_name=p.get("last_name", ""), username=p.get("username", ""))
        self.users.setdefault(user.id, user)
        return user.as_dict()

    async def ctl_users(self, p: dict[str, Any]) -> int:
        """Many users at once (for broadcasts), each with a private chat with the bot."""
        for uid in p["ids"]:
            self.users.setdefault(int(uid), User(id=int(uid), first_name=f"Cán bộ {uid}"))
        return len(p["ids"])

    # -- groups -------------------------------------------------------------------------------

    def _person(self, user_id: int) -> User:
        person = self.users.get(user_id) or self.people.get(user_id)
        if person is None:
            raise KeyError(f"unknown user {user_id}; add them with /_fake/user or as a member")
        return person

    def _membership(self, group: Group, actor: dict[str, Any], status: str) -> dict[str, Any]:
        """The bot's status in `group` changes: a `my_chat_member` update, as Telegram sends."""
        old = group.bot_status
        group.bot_status = status
        return self._add_update({"my_chat_member": {
            "chat": group.as_chat(), "from": actor, "date": int(time.time()),
            "old_chat_member": self._chat_member(old), "new_chat_member": self._chat_member(status)}})

    def _chat_member(self, status: str) -> dict[str, Any]:
        """The bot as a ChatMember of that status, with the fields Telegram sends for it."""
        member: dict[str, Any] = {"user": self._bot_user(), "status": status}
        if status == "kicked":
            member["until_date"] = 0  # banned for good
        elif status == "administrator":
            member.update({"can_be_edited": False, "is_anonymous": False,
                           **dict.fromkeys(("can_manage_chat", "can_delete_messages",
                                            "can_manage_video_chats", "can_restrict_members",
                                            "can_promote_members", "can_change_info",
                                            "can_invite_users", "can_post_stories",
                                            "can_edit_stories", "can_delete_stories"), False)})
        return member

    async def ctl_group(self, p: dict[str, Any]) -> dict[str, Any]:
        """A group (`type` group or supergroup) with `members`: ids of known users, or
        {"id", "first_name"} for people who never wrote to the bot privately."""
        group = Group(id=int(p["id"]), title=p.get("title", "Nhóm"), type=p.get("type", "group"),
                      privacy=bool(p.get("privacy", True)))
        if group.id >= 0:
            raise ValueError("a group's id is negative")
        for member in p.get("members", []):
            if isinstance(member, dict):
                person = User(id=int(member["id"]), first_name=member.get("first_name", "Khách"))
                if person.id not in self.users:
                    self.people.setdefault(person.id, person)
                group.members.add(person.id)
            else:
                group.members.add(int(member))
        self.groups[group.id] = group
        return group.as_chat()

    async def ctl_group_add_bot(self, p: dict[str, Any]) -> dict[str, Any]:
        """A member adds the bot (as "member" or "administrator"): the `my_chat_member` update
        and the service message about the new member."""
        group = self.groups[int(p["group_id"])]
        adder = self._person(int(p["by"]))
        update = self._membership(group, adder.as_dict(), p.get("status", "member"))
        self._add_update({"message": {
            "message_id": self._next_message_id(group.id), "from": adder.as_dict(),
            "chat": group.as_chat(), "date": int(time.time()),
            "new_chat_members": [self._bot_user()]}})
        return update

    async def ctl_group_remove_bot(self, p: dict[str, Any]) -> dict[str, Any]:
        """A member removes the bot: "kicked" (banned, as removing from a supergroup does) or
        "left"."""
        group = self.groups[int(p["group_id"])]
        if p.get("missed"):  # while the bot was away for longer than Telegram keeps updates
            group.bot_status = p.get("status", "kicked")
            return {}
        return self._membership(group, self._person(int(p["by"])).as_dict(),
                                p.get("status", "kicked"))

    async def ctl_group_privacy(self, p: dict[str, Any]) -> bool:
        self.groups[int(p["group_id"])].privacy = bool(p["on"])
        return True

    def _group_message(self, p: dict[str, Any]) -> tuple[Group, dict[str, Any]]:
        group = self.groups[int(p["group_id"])]
        sender = self._person(int(p["user_id"]))
        if sender.id not in group.members:
            raise ValueError(f"{sender.id} is not a member of group {group.id}")
        message: dict[str, Any] = {"message_id": self._next_message_id(group.id),
                                   "from": sender.as_dict(), "chat": group.as_chat(),
                                   "date": int(time.time())}
        if p.get("reply_to") is not None:
            replied = self.messages.get((group.id, int(p["reply_to"])))
            if replied is None:
                raise KeyError(f"no message {p['reply_to']} in group {group.id}")
            message["reply_to_message"] = dict(replied)
        return group, message

    def _group_deliver(self, group: Group, message: dict[str, Any], body: str,
                       entities_key: str) -> dict[str, Any]:
        """The message is kept in the group; the bot gets it when it is inside and, in privacy
        mode, only when it is a command, a reply to the bot or a mention of it."""
        entities = _entities(body, self.username)
        if entities:
            message[entities_key] = entities
        self.messages[(group.id, message["message_id"])] = message
        replied = message.get("reply_to_message") or {}
        # "/cmd@other_bot" is another bot's command: privacy mode keeps it from this one.
        addressed = re.match(r"^/[A-Za-z0-9_]+(?:@(\w+))?", body)
        command = addressed is not None and addressed.group(1) in (None, self.username)
        for_bot = (not group.privacy or command or any(e["type"] == "mention" for e in entities)
                   or (replied.get("from") or {}).get("id") == self.bot_id)
        if not group.bot_inside or not for_bot:
            group.withheld += 1
            return {"delivered": False, "message_id": message["message_id"]}
        update = self._add_update({"message": message})
        return {"delivered": True, "message_id": message["message_id"],
                "update_id": update["update_id"]}

    async def ctl_group_text(self, p: dict[str, Any]) -> dict[str, Any]:
        """A member writes in the group (`reply_to`: the id of the message answered)."""
        group, message = self._group_message(p)
        message["text"] = p["text"]
        return self._group_deliver(group, message, p["text"], "entities")

    async def ctl_group_photo(self, p: dict[str, Any]) -> dict[str, Any]:
        group, message = self._group_message(p)
        data = base64.b64decode(p["data"])
        file_id = self.add_file(data, "photos")
        message["photo"] = [{"file_id": file_id, "file_unique_id": _unique(file_id),
                             "width": 1280, "height": 960, "file_size": len(data)}]
        caption = p.get("caption") or ""
        if caption:
            message["caption"] = caption
        return self._group_deliver(group, message, caption, "caption_entities")

    async def ctl_group_state(self, p: dict[str, Any]) -> dict[str, Any]:
        group = self.groups[int(p["group_id"])]
        return {"bot_status": group.bot_status, "withheld": group.withheld,
                "throttled": self.throttled_chats[group.id]}

    async def ctl_counts(self, p: dict[str, Any]) -> dict[str, int]:
        """How many messages each chat got (sendMessage and sendPhoto only)."""
        counts: dict[str, int] = {}
        for s in self.sent:
            if s["method"] in ("sendMessage", "sendPhoto"):
                counts[str(s["chat_id"])] = counts.get(str(s["chat_id"]), 0) + 1
        return counts

    async def ctl_text(self, p: dict[str, Any]) -> dict[str, Any]:
        message = self._user_message(int(p["user_id"]))
        text = p["text"]
        message["text"] = text
        match = re.match(r"^/[A-Za-z0-9_]+(@\w+)?", text)
        if match:
            message["entities"] = [{"type": "bot_command", "offset": 0,
                                    "length": _u16(match.group(0))}]
        return self._add_update({"message": message})

    async def ctl_photo(self, p: dict[str, Any]) -> dict[str, Any]:
        data = base64.b64decode(p["data"])
        message = self._user_message(int(p["user_id"]))
        file_id = self.add_file(data, "photos")
        thumb_id = self.add_file(data[:1024], "thumbnails")
        message["photo"] = [
            {"file_id": thumb_id, "file_unique_id": _unique(thumb_id), "width": 90, "height": 67,
             "file_size": len(data[:1024])},
            {"file_id": file_id, "file_unique_id": _unique(file_id), "width": 1280,
             "height": 960, "file_size": len(data)},
        ]
        if p.get("caption"):
            message["caption"] = p["caption"]
        if p.get("media_group_id"):
            message["media_group_id"] = str(p["media_group_id"])
        return self._add_update({"message": message})

    async def ctl_document(self, p: dict[str, Any]) -> dict[str, Any]:
        data = base64.b64decode(p["data"])
        message = self._user_message(int(p["user_id"]))
        file_id = self.add_file(data, "documents", p.get("ext", "bin"))
        message["document"] = {"file_id": file_id, "file_unique_id": _unique(file_id),
                               "file_name": p.get("file_name", "file.bin"),
                               "mime_type": p.get("mime_type", "application/octet-stream"),
                               "file_size": len(data)}
        if p.get("caption"):
            message["caption"] = p["caption"]
        return self._add_update({"message": message})

    async def ctl_sticker(self, p: dict[str, Any]) -> dict[str, Any]:
        message = self._user_message(int(p["user_id"]))
        file_id = self.add_file(b"RIFF", "stickers", "webp")
        message["sticker"] = {"file_id": file_id, "file_unique_id": _unique(file_id), "width": 512,
                              "height": 512, "is_animated": False, "is_video": False,
                              "type": "regular", "emoji": p.get("emoji", "👍")}
        return self._add_update({"message": message})

    async def ctl_press(self, p: dict[str, Any]) -> dict[str, Any]:
        """A button press; with forge=true the data need not be on the message (a modified client)."""
        user_id, message_id, data = int(p["user_id"]), int(p["message_id"]), p["data"]
        message = self.messages.get((user_id, message_id))
        if message is None:
            raise KeyError(f"no bot message {message_id} in chat {user_id}")
        if not p.get("forge"):
            datas = [b.get("callback_data") for row in
                     message.get("reply_markup", {}).get("inline_keyboard", []) for b in row]
            if data not in datas:
                raise ValueError(f"message {message_id} has no button {data!r} (buttons: {datas})")
        query_id = str(next(self._update_ids)) + secrets.token_hex(4)
        self.open_callbacks[query_id] = user_id
        return self._add_update({"callback_query": {
            "id": query_id, "from": self.users[user_id].as_dict(), "message": dict(message),
            "chat_instance": str(user_id), "data": data}})

    async def ctl_raw(self, p: dict[str, Any]) -> dict[str, Any]:
        """Any update JSON, served as given (with the next update id): malformed ones too. A
        button press in it, however malformed, waits for its answer as a real one does."""
        update = dict(p["update"])
        query = update.get("callback_query")
        if isinstance(query, dict) and isinstance(query.get("id"), str):
            sender = query.get("from")
            self.open_callbacks[query["id"]] = sender.get("id") if isinstance(sender, dict) else 0
        return self._add_update(update)

    async def ctl_set_file(self, p: dict[str, Any]) -> dict[str, Any]:
        """A file on the server (`data`, base64), or an existing one (`file_id`) changed: its
        `path` as getFile tells it, a `declared_size`, `missing` (404) or `streamed` (endless)."""
        if "data" in p:
            file_id = self.add_file(base64.b64decode(p["data"]), "photos")
        else:
            file_id = p["file_id"]
        path, data = self.files[file_id]
        if p.get("path") is not None:
            path = p["path"]
            self.files[file_id] = (path, data)
        if p.get("declared_size") is not None:
            self.declared_sizes[file_id] = int(p["declared_size"])
        if p.get("missing"):
            self.missing_paths.add(path)
        if p.get("streamed"):
            self.streamed_paths.add(path)
        return {"file_id": file_id, "file_path": path, "size": len(data),
                "served": self.file_bytes_served}

    async def ctl_garbage_updates(self, p: dict[str, Any]) -> int:
        """The next `count` getUpdates answers that carry news are not a list at all."""
        self.garbage_updates = int(p.get("count", 1))
        return self.garbage_updates

    async def ctl_raw_message(self, p: dict[str, Any]) -> dict[str, Any]:
        """A private message from a known user with fields replaced or removed (None), e.g. a
        poll an older Bot API server describes differently, or a sender without first_name."""
        message = self._user_message(int(p["user_id"]))
        sender = dict(message["from"])
        for key, value in (p.get("sender") or {}).items():
            if value is None:
                sender.pop(key, None)
            else:
                sender[key] = value
        message["from"] = sender
        for key, value in (p.get("fields") or {}).items():
            if value is None:
                message.pop(key, None)
            else:
                message[key] = value
        return self._add_update({"message": message})

    async def ctl_resend(self, p: dict[str, Any]) -> dict[str, Any]:
        """Deliver an update again with the same id, as Telegram does when it got no answer."""
        update = next(u for u in self.updates if u["update_id"] == int(p["update_id"]))
        self.updates.append(update)
        self.confirmed = min(self.confirmed, update["update_id"])
        return update

    async def ctl_reset_sent(self, p: dict[str, Any]) -> int:
        """Forget what was sent so far (a benchmark's second round); returns how many."""
        count, self.sent, self._sent_by_chat = len(self.sent), [], {}
        return count

    async def ctl_sent(self, p: dict[str, Any]) -> list[dict[str, Any]]:
        return self._sent_after(p.get("chat_id"), int(p.get("after", 0)))

    async def ctl_wait(self, p: dict[str, Any]) -> dict[str, Any]:
        """Wait until `count` sends to `chat_id` after `after`, or until updates are confirmed."""
        chat, after = p.get("chat_id"), int(p.get("after", 0))
        count, timeout = int(p.get("count", 1)), float(p.get("timeout", 10))
        confirmed = p.get("confirmed")

        def arrived() -> int:  # checked on every request: counts, never copies
            if chat is None:
                return len(self.sent) - after
            entries = self._sent_by_chat.get(int(chat), [])
            return sum(1 for e in reversed(entries) if e["seq"] > after) if after else len(entries)

        if confirmed is not None:
            ok = await self._wait_for(lambda: self.confirmed > int(confirmed), timeout)
        else:
            ok = await self._wait_for(lambda: arrived() >= count, timeout)
        sent = self._sent_after(chat, after) if count <= 1000 else []  # a benchmark needs no copy
        return {"ok": ok, "sent": sent, "confirmed": self.confirmed}

    async def ctl_message(self, p: dict[str, Any]) -> dict[str, Any] | None:
        return self.messages.get((int(p["chat_id"]), int(p["message_id"])))

    async def ctl_callback_answers(self, p: dict[str, Any]) -> list[dict[str, Any]]:
        return self.callback_answers

    async def ctl_block(self, p: dict[str, Any]) -> bool:
        self.users[int(p["user_id"])].blocked = p.get("description",
                                                     "Forbidden: bot was blocked by the user")
        return True

    async def ctl_unblock(self, p: dict[str, Any]) -> bool:
        self.users[int(p["user_id"])].blocked = None
        return True

    async def ctl_limits(self, p: dict[str, Any]) -> dict[str, Any]:
        self.limits = Limits(global_per_sec=p.get("global_per_sec"),
                             per_chat_per_sec=p.get("per_chat_per_sec"),
                             group_per_minute=int(p.get("group_per_minute", 20)),
                             group_window=float(p.get("group_window", 60.0)),
                             paid_per_sec=p.get("paid_per_sec"),
                             error_rate=float(p.get("error_rate", 0.0)), seed=int(p.get("seed", 1)))
        self._rng = random.Random(self.limits.seed)
        return p

    async def ctl_fail(self, p: dict[str, Any]) -> int:
        for item in p["failures"]:
            self.fail_next.append(item)
        return len(self.fail_next)

    async def ctl_outage(self, p: dict[str, Any]) -> bool:
        """`method` answers `code` (default 502) for the next `seconds`."""
        self.method_outages[p["method"]] = (int(p.get("code", 502)),
                                            time.monotonic() + float(p["seconds"]))
        return True

    async def ctl_garble(self, p: dict[str, Any]) -> bool:
        """The next `times` answers to `method` carry a result that is not a Message."""
        self.garbled[p["method"]] = int(p.get("times", 1))
        return True

    async def ctl_stats(self, p: dict[str, Any]) -> dict[str, Any]:
        return {"throttled": self.stats.throttled, "throttled_paid": self.stats.throttled_paid,
                "paid": self.stats.paid, "conflicts": self.stats.conflicts,
                "max_pollers": self.stats.max_pollers, "server_errors": self.stats.server_errors,
                "requests": self.stats.requests, "throttle_log": self.throttle_log}

    async def ctl_webhook_target(self, p: dict[str, Any]) -> bool:
        self.webhook_target = p.get("url")
        self.webhook_ca = p.get("ca_file")
        if self.webhook is not None:
            self._start_webhook_pusher()
        return True

    async def ctl_state(self, p: dict[str, Any]) -> dict[str, Any]:
        return {"confirmed": self.confirmed, "updates": len(self.updates),
                "webhook": self.webhook, "commands": self.commands,
                "webhook_deliveries": self.webhook_deliveries,
                "callback_answers": self.callback_answers,
                "chat_actions": self.chat_actions,
                "open_callbacks": list(self.open_callbacks),
                "stats": {"requests": self.stats.requests, "throttled": self.stats.throttled,
                          "server_errors": self.stats.server_errors,
                          "forbidden": self.stats.forbidden}}

    async def ctl_file(self, p: dict[str, Any]) -> dict[str, Any]:
        path, data = self.files[p["file_id"]]
        return {"path": path, "data": base64.b64encode(data).decode()}


def _int(value: Any) -> int:
    return int(value)


def _u16(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def _entities(text: str, bot_username: str) -> list[dict[str, Any]]:
    """The entities Telegram marks that privacy mode cares about: a leading command, and
    mentions of the bot (offsets in UTF-16)."""
    found = []
    command = re.match(r"^/[A-Za-z0-9_]+(@\w+)?", text)
    if command:
        found.append({"type": "bot_command", "offset": 0, "length": _u16(command.group(0))})
    for mention in re.finditer(r"@" + re.escape(bot_username) + r"\b", text):
        found.append({"type": "mention", "offset": _u16(text[:mention.start()]),
                      "length": _u16(mention.group(0))})
    return found


def _unique(file_id: str) -> str:
    return "AQAD" + hashlib.sha1(file_id.encode()).hexdigest()[:12]


def _buttons(message: dict[str, Any]) -> list[list[dict[str, str]]]:
    rows = message.get("reply_markup", {}).get("inline_keyboard", [])
    return [[{"text": b["text"], "data": b.get("callback_data", "")} for b in row] for row in rows]
