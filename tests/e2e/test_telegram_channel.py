"""The Telegram adapter alone, table-driven (as the Zalo adapter's tests): Bot API payloads in
the shapes Telegram sends (the Bot API's objects as python-telegram-bot's own tests build them)
→ events out; platform answers → typed send outcomes; and, against the fake Bot API, a button
press that cannot be read is still answered, an edit that changes nothing is not sent, and a
local Bot API server's absolute file paths are read only under the configured folder."""

from __future__ import annotations

import base64
from typing import Any

import pytest
from telegram import Bot, Update
from telegram.error import BadRequest, ChatMigrated, Forbidden, NetworkError, RetryAfter, TimedOut

from bot.channels import (
    ChatMoved,
    Host,
    RecipientBlocked,
    Rejected,
    SendError,
    SendTimeout,
    Throttled,
    TooLarge,
    Transient,
)
from bot.channels.telegram import (
    TelegramChannel,
    TelegramSettings,
    _typed,
    outcome,
    read_settings,
    to_event,
    unreadable,
)
from bot.core.config import ConfigError
from bot.core.events import (
    ButtonIn,
    Choice,
    CommandIn,
    EditOut,
    Incoming,
    MembershipIn,
    OtherIn,
    PhotoIn,
    PhotoOut,
    PhotoRef,
    TextIn,
    TextOut,
    UnreadableIn,
)
from tests.fake_telegram import TOKEN

PNG = bytes.fromhex(  # a 1×1 image, uploaded as bytes (not by the outbox's light path)
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201e2a6bb"
    "7c0000000049454e44ae426082")

USER = {"id": 1234567, "is_bot": False, "first_name": "Lan", "last_name": "Nguyễn",
        "username": "lan_nguyen", "language_code": "vi"}
PRIVATE = {"id": 1234567, "first_name": "Lan", "last_name": "Nguyễn", "username": "lan_nguyen",
           "type": "private"}
GROUP = {"id": -1001234567890, "title": "Trạm Y tế", "type": "supergroup"}
BOT = {"id": 123456789, "is_bot": True, "first_name": "Loa", "username": "loa_test_bot"}
PHOTO = [{"file_id": "AgACAgUAAxkBAAIB_small", "file_unique_id": "AQADsmall", "file_size": 1391,
          "width": 90, "height": 67},
         {"file_id": "AgACAgUAAxkBAAIB_large", "file_unique_id": "AQADlarge", "file_size": 84511,
          "width": 1280, "height": 960}]


def message(**fields: Any) -> dict[str, Any]:
    return {"message_id": 52, "from": USER, "chat": PRIVATE, "date": 1763863200, **fields}


# payload in → (event type, the fields that must be read)
INCOMING: list[tuple[str, dict[str, Any], type | None, dict[str, Any]]] = [
    ("text", {"update_id": 10, "message": message(text="xin chào")},
     TextIn, {"text": "xin chào", "user_id": "1234567", "chat_id": "1234567",
              "display_name": "Lan Nguyễn", "update_id": "10"}),
    ("command with args", {"update_id": 11, "message": message(
        text="/start ABC123", entities=[{"offset": 0, "length": 6, "type": "bot_command"}])},
     CommandIn, {"name": "start", "args": ("ABC123",)}),
    ("command to the bot by name", {"update_id": 12, "message": message(
        text="/baocao@loa_test_bot", entities=[{"offset": 0, "length": 20,
                                                "type": "bot_command"}])},
     CommandIn, {"name": "baocao"}),
    ("photo: the largest size", {"update_id": 13, "message": message(
        photo=PHOTO, caption="Treo băng rôn", media_group_id="13579")},
     PhotoIn, {"photo": PhotoRef(file_id="AgACAgUAAxkBAAIB_large", unique_id="AQADlarge",
                                 size=84511),
               "caption": "Treo băng rôn", "media_group_id": "13579"}),
    ("image sent as a file", {"update_id": 14, "message": message(document={
        "file_id": "BQACAgUAAxkBdoc", "file_unique_id": "AgADdoc", "file_name": "anh.jpg",
        "mime_type": "image/jpeg", "file_size": 200000})},
     PhotoIn, {"photo": PhotoRef(file_id="BQACAgUAAxkBdoc", unique_id="AgADdoc", size=200000)}),
    ("a PDF is not a photo", {"update_id": 15, "message": message(document={
        "file_id": "BQACpdf", "file_unique_id": "AgADpdf", "file_name": "kh.pdf",
        "mime_type": "application/pdf", "file_size": 1000})},
     OtherIn, {"kind": "document"}),
    ("sticker", {"update_id": 16, "message": message(sticker={
        "file_id": "CAACstk", "file_unique_id": "AgADstk", "type": "regular", "width": 512,
        "height": 512, "is_animated": False, "is_video": False, "emoji": "👍"})},
     OtherIn, {"kind": "sticker"}),
    ("voice", {"update_id": 17, "message": message(voice={
        "file_id": "AwACvoice", "file_unique_id": "AgADvoice", "duration": 3,
        "mime_type": "audio/ogg"})},
     OtherIn, {"kind": "voice"}),
    ("button press", {"update_id": 18, "callback_query": {
        "id": "4382bfdwdsb323b2d9", "from": USER, "chat_instance": "-8891234567",
        "data": "n1|yes", "message": message(
            message_id=77, from_={}, text="Đúng đơn vị?",
            reply_markup={"inline_keyboard": [[{"text": "Đúng", "callback_data": "n1|yes"}]]})}},
     ButtonIn, {"data": "n1|yes", "message_id": "77", "message_text": "Đúng đơn vị?",
                "callback_id": "4382bfdwdsb323b2d9", "chat_id": "1234567"}),
    ("press on a message too old to see (date 0)", {"update_id": 19, "callback_query": {
        "id": "99", "from": USER, "chat_instance": "-1", "data": "n1|no",
        "message": {"message_id": 5, "chat": PRIVATE, "date": 0}}},
     ButtonIn, {"data": "n1|no", "message_id": "5", "message_text": None}),
    ("group message: its sender, the group, no reply", {"update_id": 20, "message": message(
        chat=GROUP, text="hi")},
     TextIn, {"chat_kind": "group", "chat_id": "-1001234567890", "user_id": "1234567",
              "chat_title": "Trạm Y tế", "reply_to": None, "reply_to_bot": False}),
    ("group photo answering the bot", {"update_id": 23, "message": message(
        chat=GROUP, photo=PHOTO, caption="Treo băng rôn", reply_to_message={
            "message_id": 9, "from": {"id": 123456789, "is_bot": True, "first_name": "Loa",
                                      "username": "loa_test_bot"},
            "chat": GROUP, "date": 1763863100, "text": "☀️ Chủ đề"})},
     PhotoIn, {"chat_kind": "group", "reply_to": "9", "reply_to_bot": True,
               "caption": "Treo băng rôn"}),
    ("group message answering someone else", {"update_id": 24, "message": message(
        chat=GROUP, text="đồng ý", reply_to_message={
            "message_id": 8, "from": {"id": 55, "is_bot": False, "first_name": "Nam"},
            "chat": GROUP, "date": 1763863100, "text": "họp nhé"})},
     TextIn, {"reply_to": "8", "reply_to_bot": False}),
    ("another bot's command in a group: ignored", {"update_id": 28, "message": message(
        chat=GROUP, text="/start@other_bot", entities=[{"offset": 0, "length": 16,
                                                         "type": "bot_command"}])}, None, {}),
    ("Loa's own command in a group", {"update_id": 29, "message": message(
        chat=GROUP, text="/nhom@loa_test_bot TYTBC", entities=[{"offset": 0, "length": 18,
                                                                 "type": "bot_command"}])},
     CommandIn, {"name": "nhom", "args": ("TYTBC",), "chat_kind": "group"}),
    ("bot added to a group", {"update_id": 25, "my_chat_member": {
        "chat": GROUP, "from": USER, "date": 1763863200,
        "old_chat_member": {"user": BOT, "status": "left"},
        "new_chat_member": {"user": BOT, "status": "member"}}},
     MembershipIn, {"joined": True, "chat_id": "-1001234567890", "user_id": "1234567",
                    "title": "Trạm Y tế", "chat_kind": "group"}),
    ("bot removed from a group", {"update_id": 26, "my_chat_member": {
        "chat": GROUP, "from": USER, "date": 1763863200,
        "old_chat_member": {"user": BOT, "status": "member"},
        "new_chat_member": {"user": BOT, "status": "kicked", "until_date": 0}}},
     MembershipIn, {"joined": False}),
    ("a private chat's my_chat_member (blocked): ignored", {"update_id": 27, "my_chat_member": {
        "chat": PRIVATE, "from": USER, "date": 1763863200,
        "old_chat_member": {"user": BOT, "status": "member"},
        "new_chat_member": {"user": BOT, "status": "kicked", "until_date": 0}}}, None, {}),
    ("edited message: ignored", {"update_id": 21, "edited_message": message(
        text="sửa", edit_date=1763863300)}, None, {}),
    ("channel post: ignored", {"update_id": 22, "channel_post": {
        "message_id": 1, "chat": {"id": -100987, "title": "Kênh", "type": "channel"},
        "date": 1763863200, "text": "tin"}}, None, {}),
]


@pytest.mark.parametrize(("name", "payload", "kind", "fields"), INCOMING,
                         ids=[case[0] for case in INCOMING])
def test_bot_api_payloads_become_events(name, payload, kind, fields):
    payload = _fix_from(payload)
    event = to_event(Update.de_json(payload, Bot(TOKEN)), 123456789, "loa_test_bot")
    if kind is None:
        assert event is None
        return
    assert type(event) is kind
    assert event.channel == "telegram"
    for key, value in fields.items():
        assert getattr(event, key) == value, key


@pytest.mark.parametrize(("payload", "who"), [
    ({"update_id": 30, "message": {"message_id": 1, "from": {"id": 42, "is_bot": False},
                                   "chat": {"id": 42, "type": "private"}, "date": 1}}, "42"),
    ({"update_id": 31, "callback_query": {"id": "7", "from": {"id": 43}, "data": "x"}}, "43"),
    ({"update_id": 32, "message": {"from": {"id": 44}, "chat": {"id": -5, "type": "group"}}},
     None),
    ({"update_id": 33}, None),
    ("not even an object", None),
])
def test_who_hears_about_an_update_that_cannot_be_read(payload, who):
    event = unreadable(payload, "TypeError: missing first_name")
    assert (event is None) if who is None else (isinstance(event, UnreadableIn)
                                                and event.user_id == event.chat_id == who)


@pytest.mark.parametrize(("status", "body", "expected"), [
    (429, {"ok": False, "error_code": 429, "description": "Too Many Requests: retry after 7",
           "parameters": {"retry_after": 7}}, Throttled),
    (403, {"ok": False, "error_code": 403, "description": "Forbidden: bot was blocked by the user"},
     RecipientBlocked),
    (403, {"ok": False, "error_code": 403, "description": "Forbidden: user is deactivated"},
     RecipientBlocked),
    (400, {"ok": False, "error_code": 400, "description": "Bad Request: chat not found"}, Rejected),
    (400, {"ok": False, "error_code": 400, "description": "Bad Request: group chat was upgraded "
           "to a supergroup chat", "parameters": {"migrate_to_chat_id": -1001234567890}},
     ChatMoved),
    (502, {"ok": False, "error_code": 502, "description": "Bad Gateway"}, Transient),
])
def test_bot_api_errors_become_typed_outcomes(status, body, expected):
    result = outcome(status, body)
    assert type(result) is expected
    if isinstance(result, Throttled):
        assert result.retry_after == 7
    if isinstance(result, ChatMoved):
        assert result.new_chat_id == "-1001234567890"


@pytest.mark.parametrize(("error", "expected"), [
    (RetryAfter(3), Throttled),
    (Forbidden("Forbidden: bot was blocked by the user"), RecipientBlocked),
    (ChatMigrated(-100777), ChatMoved),
    (BadRequest("Bad Request: message text is empty"), Rejected),
    (TimedOut(), SendTimeout),  # a Transient that the metrics count as a time-out
    (NetworkError("httpx.ConnectError"), Transient),
])
def test_ptb_errors_become_typed_outcomes(error, expected):
    assert type(_typed(error)) is expected


def test_local_files_dir_is_an_absolute_folder(tmp_path):
    assert read_settings({}, {}).local_files_dir is None
    assert read_settings({"local_files_dir": str(tmp_path)}, {}).local_files_dir == tmp_path
    with pytest.raises(ConfigError) as caught:
        read_settings({"local_files_dir": "relative/dir"}, {})
    assert caught.value.key == "telegram.local_files_dir"


# -- against the fake Bot API -------------------------------------------------------------------

@pytest.fixture
async def channel(fake_server, tmp_path):
    settings = TelegramSettings(token=TOKEN, api_base_url=fake_server.url,
                                local_files_dir=tmp_path / "bot-api")
    ch = TelegramChannel(settings, Host())
    got: list[Incoming] = []

    async def handler(event: Incoming) -> None:
        got.append(event)

    await ch.start(handler)
    ch.got = got  # type: ignore[attr-defined]
    yield ch
    await ch.close()


async def test_a_button_press_that_cannot_be_read_is_still_answered(channel, tg):
    await tg.user(1234567, "Lan")
    # No first_name: python-telegram-bot cannot build the User, so the update cannot be read.
    bad = {"callback_query": {"id": "cb-unreadable-1", "from": {"id": 1234567, "is_bot": False},
                              "chat_instance": "1", "data": "n1|yes"}}
    bad = await tg.call("raw", update=bad)
    await channel._dispatch_raw(bad)
    state = await tg.state()
    assert [a["id"] for a in state["callback_answers"]] == ["cb-unreadable-1"]
    assert "cb-unreadable-1" not in state["open_callbacks"]
    assert len(channel.got) == 1 and isinstance(channel.got[0], UnreadableIn)  # and an apology


async def test_an_edit_that_changes_nothing_is_not_sent(channel, tg):
    await tg.user(1234567, "Lan")
    choices = ((Choice("Đúng", "n1|yes"), Choice("Không", "n1|no")),)
    sent = await channel.send("1234567", TextOut(text="Đúng đơn vị?", choices=choices))
    before = (await tg.state())["stats"]["requests"].get("editMessageText", 0)
    same = EditOut(message_id=sent.message_id, text="Đúng đơn vị?", choices=choices)
    assert (await channel.send("1234567", same)).message_id == sent.message_id
    assert (await tg.state())["stats"]["requests"].get("editMessageText", 0) == before
    # A real change goes out, and then repeating it is again nothing to send.
    changed = EditOut(message_id=sent.message_id, text="Đúng đơn vị? — Đúng")
    await channel.send("1234567", changed)
    await channel.send("1234567", changed)
    assert (await tg.state())["stats"]["requests"].get("editMessageText", 0) == before + 1
    # Another process, which did not send it, knows the message from the press on it.
    other = TelegramChannel(channel.config, Host())
    try:
        press = await tg.call("press", user_id=1234567, message_id=int(sent.message_id),
                              data="n1|yes", forge=True)
        await other._dispatch_raw(press)
        await other.send("1234567", changed)
        assert (await tg.state())["stats"]["requests"].get("editMessageText", 0) == before + 1
    finally:
        await other.close()


async def test_a_local_bot_api_servers_absolute_paths_are_read_only_under_the_folder(
        channel, tg, tmp_path):
    folder = tmp_path / "bot-api"
    (folder / TOKEN / "photos").mkdir(parents=True)
    jpeg = b"\xff\xd8\xff\xe0" + b"\x01" * 500 + b"\xff\xd9"
    inside = folder / TOKEN / "photos" / "file_0.jpg"
    inside.write_bytes(jpeg)
    outside = tmp_path / "secret.txt"
    outside.write_bytes(b"not yours")
    (folder / "link.jpg").symlink_to(outside)

    async def file_at(path: str) -> str:
        made = await tg.call("set_file", data=base64.b64encode(jpeg).decode(), path=path)
        return made["file_id"]

    assert await channel.download(PhotoRef(file_id=await file_at(str(inside)))) == jpeg
    with pytest.raises(TooLarge):
        await channel.download(PhotoRef(file_id=await file_at(str(inside))), max_bytes=100)
    for path in (str(outside), str(folder / "link.jpg"), f"{folder}/../secret.txt",
                 str(folder / "missing.jpg")):
        with pytest.raises(Rejected) as caught:
            await channel.download(PhotoRef(file_id=await file_at(path)))
        assert TOKEN not in str(caught.value)  # the path holds the token: never in a message
    # Without the folder configured, an absolute path is refused.
    plain = TelegramChannel(TelegramSettings(token=TOKEN, api_base_url=channel.config.api_base_url),
                            Host())
    try:
        with pytest.raises(SendError):
            await plain.download(PhotoRef(file_id=await file_at(str(inside))))
    finally:
        await plain.close()


def _fix_from(payload: dict[str, Any]) -> dict[str, Any]:
    """`from_={}` in a table row: the bot's own message (a press is on what the bot sent)."""
    query = payload.get("callback_query")
    if isinstance(query, dict) and isinstance(query.get("message"), dict):
        msg = dict(query["message"])
        if "from_" in msg:
            msg.pop("from_")
            msg["from"] = {"id": 7000000001, "is_bot": True, "first_name": "Loa",
                           "username": "loa_test_bot"}
        payload = {**payload, "callback_query": {**query, "message": msg}}
    return payload


async def test_polls_answered_empty_at_once_do_not_spin(fake_server, tg):
    import asyncio
    import time

    ch = TelegramChannel(TelegramSettings(token=TOKEN, api_base_url=fake_server.url,
                                          poll_timeout=0), Host())
    stop = asyncio.Event()

    async def handler(event: Incoming) -> None:
        return None

    try:
        await ch.start(handler)
        before = (await tg.state())["stats"]["requests"].get("getUpdates", 0)
        worker = asyncio.create_task(ch.workers()["telegram-poll"](stop))
        started = time.monotonic()
        await asyncio.sleep(3)  # the window measured
        stop.set()
        await asyncio.wait_for(worker, 10)
        calls = (await tg.state())["stats"]["requests"].get("getUpdates", 0) - before
        assert 2 <= calls <= 3 + (time.monotonic() - started), calls
    finally:
        stop.set()
        await ch.close()


async def test_paid_bulk_sends_pass_the_free_limit_and_replies_do_not(fake_server, tg):
    # Free sends 1 a second, paid ones (allow_paid_broadcast) 1,000: only the sends the outbox
    # marks paid (a broadcast's) carry the flag and pay for it, a photo upload too.
    ids = list(range(810_000, 810_006))
    await tg.call("users", ids=ids)
    await tg.call("limits", global_per_sec=1, paid_per_sec=1000)
    settings = TelegramSettings(token=TOKEN, api_base_url=fake_server.url,
                                allow_paid_broadcast=True)
    paid, free = TelegramChannel(settings, Host()), TelegramChannel(
        TelegramSettings(token=TOKEN, api_base_url=fake_server.url), Host())
    try:
        for chat in ids[:5]:
            await paid.send(str(chat), TextOut(text="Thông báo"), bulk=True, paid=True)
        await paid.send(str(ids[5]), PhotoOut(photo=PNG), bulk=True,
                        paid=True)
        await paid.send(str(ids[0]), TextOut(text="Trả lời"))
        with pytest.raises(Throttled):
            await paid.send(str(ids[1]), TextOut(text="Trả lời"))
        with pytest.raises(Throttled):  # the outbox's other sends (a prompt) stay free
            await paid.send(str(ids[3]), TextOut(text="Nhắc nộp báo cáo"), bulk=True)
        with pytest.raises(Throttled):  # without the setting a paid-lane send is a free one
            await free.send(str(ids[2]), TextOut(text="Thông báo"), bulk=True, paid=True)
        stats = await tg.call("stats")
        assert (stats["paid"], stats["throttled"], stats["throttled_paid"]) == (6, 3, 0)
        assert [s["paid"] for s in await tg.sent()] == [True] * 6 + [False]
    finally:
        await paid.close()
        await free.close()
