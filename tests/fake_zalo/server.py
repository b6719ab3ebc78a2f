"""A fake Zalo Bot API over real HTTP, for Loa's tests.

Behaves as the real platform was seen to (the published SDK `python-zalo-bot` 0.1.9 and the
official docs): an empty getUpdates is answered 408 at once, not after the long poll; getMe's
`account_name` is a generated handle (`bot.xxxx`) and its `id` numeric, while user ids are hex
strings; lengths are counted in UTF-16 code units; requests may be JSON or form-encoded (the
SDK's); a push that is not answered in time is given up and pushed again.

Bot side (`/bot<token>/<method>`): getMe, getUpdates (one update per call, no offset),
setWebhook, deleteWebhook, getWebhookInfo, sendMessage (text 1–2,000 UTF-16 units), sendPhoto
(fetches the URL it is given and refuses what is not an image; caption ≤ 2,000), sendSticker,
sendChatAction (`typing`; answers `{ok: true}` without a result). Answers `{ok, result}` or
`{ok: false, error_code, description}`.

Control side (`/_fake/...`): act as users (text, image served from `/_files/…`, optionally
slowly), read what the bot sent, deliver each polled update twice, a rate and a monthly quota,
storms of 403 or 429, webhook pushes in either body shape, pushed again after a time-out or
always.
"""

from __future__ import annotations

import asyncio
import base64
import itertools
import re
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from tests.fake_server import verify

MAX_TEXT = 2000
HEX_ID = re.compile(r"[0-9a-f]{1,40}")  # what user ids look like on the platform
SEND_METHODS = {"sendMessage", "sendPhoto"}
IMAGE_MAGIC = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF8")


class ApiError(Exception):
    def __init__(self, code: int, description: str) -> None:
        super().__init__(description)
        self.code, self.description = code, description


@dataclass
class Options:
    twice: bool = False  # every polled update is delivered a second time
    per_second: float | None = None  # sends over this in a second are answered 429
    monthly_quota: int | None = None  # sends past this are answered 429
    image_field: str = "photo_url"  # or "photo" (the docs' name)
    max_wait: float = 0.0  # an empty long poll waits this long: the real platform does not wait
    file_delay: float = 0.0  # seconds before an image link starts to answer
    push_timeout: float = 5.0  # a push not answered within this is given up and pushed again
    push_retries: int = 2  # pushes again after a time-out
    push_twice: bool = False  # every push is pushed a second time once answered
    verify_webhook: bool = False  # setWebhook first checks the URL answers (the newer docs)
    ca_file: str | None = None  # the CA that Loa's https address (webhook, photo links) is checked with


@dataclass
class Storm:
    code: int
    left: int  # sends still to be refused


@dataclass
class Stats:
    requests: dict[str, int] = field(default_factory=dict)
    refused: dict[int, int] = field(default_factory=dict)
    photo_fetches: int = 0
    content_types: list[str] = field(default_factory=list)
    push_timeouts: int = 0


class FakeZalo:
    def __init__(self, token: str, account_name: str = "bot.VDKyGxQvc") -> None:
        self.token = token
        self.bot_id = token.split(":", 1)[0]  # getMe's id: numeric, unlike any user's id
        self.account_name = account_name  # a generated handle, not the name users see
        self.bot_user_id = "b07a1c0ffee0d15ea5e5"  # how the bot appears as a sender (hex)
        self.users: dict[str, str] = {}  # id → display name
        self.groups: set[str] = set()  # group chats the bot was added to
        self.queue: deque[dict[str, Any]] = deque()  # updates waiting for getUpdates
        self.delivered: list[str] = []  # message ids handed to getUpdates, in order
        # len(delivered) when a getUpdates last arrived to an empty queue: Loa polls again only
        # after handling what it got, so equal counts mean every update handed out is handled.
        self.idle_mark = -1
        self.sent: list[dict[str, Any]] = []
        self.files: dict[str, bytes] = {}
        self.webhook: dict[str, Any] | None = None
        self.webhook_target: str | None = None
        self.pushes: list[dict[str, Any]] = []
        self.actions: list[dict[str, Any]] = []  # sendChatAction calls
        self.verifications: list[int] = []  # statuses of setWebhook's checks
        self.options = Options()
        self.storm: Storm | None = None
        self.stats = Stats()
        self.sends_total = 0
        self._ids = itertools.count(1)
        self._window: deque[float] = deque()
        self._changed = asyncio.Condition()
        self.closing = False

    def app(self) -> Starlette:
        return Starlette(routes=[
            Route("/bot{token}/{method}", self._bot_endpoint, methods=["GET", "POST"]),
            Route("/_files/{name}", self._file_endpoint, methods=["GET"]),
            Route("/_fake/{action}", self._control_endpoint, methods=["POST"]),
        ])

    async def close(self) -> None:
        self.closing = True
        async with self._changed:
            self._changed.notify_all()

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    # -- bot side ------------------------------------------------------------------------------

    async def _bot_endpoint(self, request: Request) -> Response:
        method = request.path_params["method"]
        self.stats.requests[method] = self.stats.requests.get(method, 0) + 1
        if request.path_params["token"] != self.token:
            return _error(401, "Unauthorized")
        params: dict[str, Any] = dict(request.query_params)
        self.stats.content_types.append(request.headers.get("content-type", ""))
        if request.method == "POST":
            body = await request.body()
            if body:
                if request.headers.get("content-type", "").startswith("application/json"):
                    params.update(await request.json())
                else:
                    params.update(dict(await request.form()))
        handler = getattr(self, f"_m_{method}", None)
        if handler is None:
            return _error(404, "Not Found")
        try:
            result = await handler(params)
        except ApiError as exc:
            self.stats.refused[exc.code] = self.stats.refused.get(exc.code, 0) + 1
            return _error(exc.code, exc.description)
        if isinstance(result, Response):
            return result
        return JSONResponse({"ok": True, "result": result})

    async def _m_getMe(self, params: dict[str, Any]) -> Any:
        return {"id": self.bot_id, "account_name": self.account_name, "account_type": "BASIC",
                "can_join_groups": False}

    async def _m_getUpdates(self, params: dict[str, Any]) -> Any:
        if self.webhook is not None:
            raise ApiError(400, "Webhook is set; getUpdates is not available")
        wait = min(float(params.get("timeout", 30) or 0), self.options.max_wait)
        deadline = time.monotonic() + wait
        async with self._changed:
            if not self.queue:
                self.idle_mark = len(self.delivered)
                self._changed.notify_all()
            while not self.queue and not self.closing:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                try:
                    await asyncio.wait_for(self._changed.wait(), left)
                except TimeoutError:
                    break
            if not self.queue:
                return _error(408, "Request timeout")
            update = self.queue.popleft()
        self.delivered.append(update["message"]["message_id"])
        if self.options.twice and not update.get("_again"):
            self.queue.appendleft({**update, "_again": True})
        return {k: v for k, v in update.items() if k != "_again"}

    async def _m_setWebhook(self, params: dict[str, Any]) -> Any:
        url, secret = str(params.get("url", "")), str(params.get("secret_token", ""))
        if not url.startswith("https://"):
            raise ApiError(400, "url must be https")
        if not 8 <= len(secret) <= 256:
            raise ApiError(400, "secret_token must be 8-256 characters")
        if self.options.verify_webhook:
            # The newer docs: setWebhook sends a request to check the URL. Its body is not
            # documented: here the secret header and a body without a message.
            target = self.webhook_target or url
            try:
                async with httpx.AsyncClient(timeout=5) as http:
                    resp = await http.post(target, json={"ok": True, "result": {}},
                                           headers={"X-Bot-Api-Secret-Token": secret})
            except httpx.HTTPError:
                raise ApiError(400, "webhook url cannot be reached") from None
            self.verifications.append(resp.status_code)
            if resp.status_code != 200:
                raise ApiError(400, f"webhook url answered {resp.status_code}")
        self.webhook = {"url": url, "secret_token": secret}
        return {"url": url, "updated_at": int(time.time() * 1000)}

    async def _m_deleteWebhook(self, params: dict[str, Any]) -> Any:
        self.webhook = None
        return {"url": "", "updated_at": int(time.time() * 1000)}

    async def _m_getWebhookInfo(self, params: dict[str, Any]) -> Any:
        return {"url": (self.webhook or {}).get("url", ""), "updated_at": 0}

    async def _m_sendChatAction(self, params: dict[str, Any]) -> Any:
        chat = self._check_chat(params)
        if params.get("action") != "typing":
            raise ApiError(400, "action must be typing")
        self.actions.append({"chat_id": chat, "action": "typing"})
        return JSONResponse({"ok": True})  # no `result`, as the platform answers

    async def _m_sendSticker(self, params: dict[str, Any]) -> Any:
        chat = self._check_chat(params)
        sticker = params.get("sticker")
        if not isinstance(sticker, str) or not sticker:
            raise ApiError(400, "sticker is required")
        self._admit()
        return await self._record(chat, {"method": "sendSticker", "sticker": sticker})

    async def _m_sendMessage(self, params: dict[str, Any]) -> Any:
        chat = self._check_chat(params)
        text = params.get("text")
        if not isinstance(text, str) or not 1 <= utf16(text) <= MAX_TEXT:
            raise ApiError(400, f"text must be 1-{MAX_TEXT} characters")
        self._admit()
        return await self._record(chat, {"method": "sendMessage", "text": text})

    async def _m_sendPhoto(self, params: dict[str, Any]) -> Any:
        chat = self._check_chat(params)
        url, caption = params.get("photo"), params.get("caption") or ""
        if not isinstance(url, str) or not url.startswith(("http://", "https://")):
            raise ApiError(400, "photo must be a URL")
        if utf16(caption) > MAX_TEXT:
            raise ApiError(400, f"caption must be at most {MAX_TEXT} characters")
        self._admit()
        # Zalo fetches the photo itself: the URL must serve an image.
        self.stats.photo_fetches += 1
        try:
            async with httpx.AsyncClient(timeout=10, verify=verify(self.options.ca_file)) as http:
                resp = await http.get(url)
        except httpx.HTTPError:
            raise ApiError(400, "photo URL cannot be fetched") from None
        if resp.status_code != 200 or not resp.content.startswith(IMAGE_MAGIC):
            raise ApiError(400, "photo URL is not an image")
        return await self._record(chat, {"method": "sendPhoto", "photo": url, "caption": caption,
                                         "bytes": base64.b64encode(resp.content).decode()})

    def _check_chat(self, params: dict[str, Any]) -> str:
        chat = str(params.get("chat_id", ""))
        if chat not in self.users and chat not in self.groups:
            raise ApiError(400, "chat not found")
        return chat

    def _admit(self) -> None:
        """Storms, the monthly quota and the rate, in that order."""
        if self.storm is not None and self.storm.left > 0:
            self.storm.left -= 1
            code = self.storm.code
            raise ApiError(code, "Internal error" if code == 403 else "Quota exceeded")
        if self.options.monthly_quota is not None and self.sends_total >= self.options.monthly_quota:
            raise ApiError(429, "Quota exceeded")
        if self.options.per_second:
            now = time.monotonic()
            while self._window and now - self._window[0] >= 1.0:
                self._window.popleft()
            if len(self._window) >= self.options.per_second:
                raise ApiError(429, "Too many requests")
            self._window.append(now)
        self.sends_total += 1

    async def _record(self, chat: str, entry: dict[str, Any]) -> dict[str, Any]:
        message_id = f"bot-{next(self._ids)}"
        date = int(time.time() * 1000)
        self.sent.append({"seq": len(self.sent) + 1, "chat_id": chat, "message_id": message_id,
                          **entry})
        await self._notify()
        return {"message_id": message_id, "date": date}

    async def _file_endpoint(self, request: Request) -> Response:
        if self.options.file_delay:
            await asyncio.sleep(self.options.file_delay)
        data = self.files.get(request.path_params["name"])
        if data is None:
            return Response(status_code=404)
        return Response(data, media_type="application/octet-stream")

    # -- users -----------------------------------------------------------------------------------

    def _message(self, user_id: str, **fields: Any) -> dict[str, Any]:
        return {"message_id": f"m-{next(self._ids)}", "date": int(time.time() * 1000),
                "from": {"id": user_id, "display_name": self.users.get(user_id, ""),
                         "is_bot": False},
                "chat": {"id": user_id, "chat_type": "PRIVATE"}, **fields}

    async def _arrive(self, event_name: str, message: dict[str, Any], shape: str
                      ) -> dict[str, Any]:
        update = {"event_name": event_name, "message": message}
        if self.webhook is None:
            self.queue.append(update)
            await self._notify()
            return update
        body = {"ok": True, "result": update} if shape == "wrapped" else update
        status = await self._push(body)
        if self.options.push_twice:
            await self._push(body)
        return {**update, "status": status}

    async def _push(self, body: dict[str, Any]) -> int:
        """One webhook push: given up after `push_timeout` and pushed again, as a platform that
        cannot tell a slow answer from a lost one does."""
        assert self.webhook is not None
        url = self.webhook_target or self.webhook["url"]
        headers = {"X-Bot-Api-Secret-Token": self.webhook["secret_token"]}
        status = 0
        for _ in range(1 + self.options.push_retries):
            started = time.monotonic()
            try:
                async with httpx.AsyncClient(timeout=self.options.push_timeout,
                                             verify=verify(self.options.ca_file)) as http:
                    resp = await http.post(url, json=body, headers=headers)
                status = resp.status_code
            except httpx.TimeoutException:
                status = 0
                self.stats.push_timeouts += 1
            self.pushes.append({"status": status, "body": body,
                                "seconds": time.monotonic() - started})
            if status == 200:
                break
        return status

    # -- control side ----------------------------------------------------------------------------

    async def _control_endpoint(self, request: Request) -> Response:
        action = request.path_params["action"]
        params = await request.json() if await request.body() else {}
        handler = getattr(self, f"_c_{action}", None)
        if handler is None:
            return JSONResponse({"error": f"no control action {action}"}, status_code=404)
        result = await handler(**params)
        return result if isinstance(result, Response) else JSONResponse(result)

    async def _c_user(self, id: str, display_name: str = "") -> Any:
        if not HEX_ID.fullmatch(id):
            return JSONResponse({"error": f"Zalo user ids are hex strings, not {id!r}"},
                                status_code=400)
        self.users[id] = display_name
        return {"id": id}

    async def _c_text(self, user_id: str, text: str, shape: str = "wrapped") -> Any:
        return await self._arrive("message.text.received", self._message(user_id, text=text),
                                  shape)

    async def _c_image(self, user_id: str, data: str, caption: str = "", shape: str = "wrapped"
                       ) -> Any:
        name = f"img{next(self._ids)}.jpg"
        self.files[name] = base64.b64decode(data)
        url = f"{self.base_url}/_files/{name}"
        fields = {self.options.image_field: url}
        if caption:
            fields["caption"] = caption
        return await self._arrive("message.image.received", self._message(user_id, **fields),
                                  shape)

    async def _c_group_text(self, user_id: str, group_id: str, text: str) -> Any:
        """A user mentions the bot in a group it was added to (groups are beta: the bot sees
        only mentions and replies)."""
        self.groups.add(group_id)
        message = self._message(user_id, text=text)
        message["chat"] = {"id": group_id, "chat_type": "GROUP"}
        return await self._arrive("message.text.received", message, "wrapped")

    async def _c_group_image(self, user_id: str, group_id: str, data: str, caption: str = ""
                             ) -> Any:
        """A user sends an image in a group, mentioning the bot in its caption."""
        self.groups.add(group_id)
        name = f"img{next(self._ids)}.jpg"
        self.files[name] = base64.b64decode(data)
        fields = {self.options.image_field: f"{self.base_url}/_files/{name}"}
        if caption:
            fields["caption"] = caption
        message = self._message(user_id, **fields)
        message["chat"] = {"id": group_id, "chat_type": "GROUP"}
        return await self._arrive("message.image.received", message, "wrapped")

    async def _c_file(self, name: str, data: str) -> Any:
        """A file served at `/_files/<name>` (an image link to send by URL)."""
        self.files[name] = base64.b64decode(data)
        return {"url": f"{self.base_url}/_files/{name}"}

    async def _c_sticker(self, user_id: str) -> Any:
        return await self._arrive("message.sticker.received",
                                  self._message(user_id, sticker="abc", url="https://x/s.png"),
                                  "wrapped")

    async def _c_echo(self, user_id: str, text: str) -> Any:
        """The bot's own message coming back as an event (seen with some setups)."""
        message = self._message(user_id, text=text)
        message["from"] = {"id": self.bot_user_id, "display_name": "Bot Loa", "is_bot": True}
        return await self._arrive("message.text.received", message, "wrapped")

    async def _c_sent(self, chat_id: str | None = None, after: int = 0) -> Any:
        return [m for m in self.sent if m["seq"] > after and (chat_id is None
                                                               or m["chat_id"] == chat_id)]

    async def _c_wait(self, chat_id: str, after: int = 0, count: int = 1, timeout: float = 15
                      ) -> Any:
        deadline = time.monotonic() + timeout
        async with self._changed:
            while True:
                got = await self._c_sent(chat_id, after)
                left = deadline - time.monotonic()
                if len(got) >= count or left <= 0:
                    return {"sent": got}
                try:
                    await asyncio.wait_for(self._changed.wait(), left)
                except TimeoutError:
                    pass

    async def _c_settled(self, timeout: float = 15) -> Any:
        """Until the bot, polling, has handled every update that arrived before this call (it
        asked again with nothing waiting). In webhook mode the fake cannot tell: ok is False."""
        if self.webhook is not None:
            return {"ok": False}
        deadline = time.monotonic() + timeout
        async with self._changed:
            while self.queue or self.idle_mark != len(self.delivered):
                left = deadline - time.monotonic()
                if left <= 0:
                    return {"ok": False}
                try:
                    await asyncio.wait_for(self._changed.wait(), left)
                except TimeoutError:
                    pass
            return {"ok": True}

    async def _c_options(self, **values: Any) -> Any:
        for key, value in values.items():
            setattr(self.options, key, value)
        return vars(self.options)

    async def _c_storm(self, code: int, count: int) -> Any:
        self.storm = Storm(code, count)
        return {"code": code, "count": count}

    async def _c_webhook_target(self, url: str) -> Any:
        self.webhook_target = url
        return {"url": url}

    async def _c_state(self) -> Any:
        return {"webhook": self.webhook, "delivered": self.delivered, "queue": len(self.queue),
                "requests": self.stats.requests, "refused": self.stats.refused,
                "photo_fetches": self.stats.photo_fetches, "sends_total": self.sends_total,
                "storm_left": self.storm.left if self.storm else 0, "pushes": self.pushes,
                "actions": self.actions, "push_timeouts": self.stats.push_timeouts,
                "verifications": self.verifications,
                "content_types": self.stats.content_types[-50:]}

    base_url = ""  # set by the runner once the port is known


def utf16(text: str) -> int:
    """Length in UTF-16 code units, as the platform counts text."""
    return len(text.encode("utf-16-le")) // 2


def _error(code: int, description: str) -> JSONResponse:
    return JSONResponse({"ok": False, "error_code": code, "description": description},
                        status_code=code)
