"""The Zalo adapter alone, table-driven: payload in → event out; platform answer → send outcome;
settings refused with a clear message."""

from __future__ import annotations

import pytest

from bot.channels import Host, Rejected, Throttled, Transient
from bot.channels.zalo import ZaloChannel, ZaloSettings, _unwrap, outcome, read_settings
from bot.core.config import ConfigError
from bot.core.events import CommandIn, OtherIn, TextIn
from bot.delivery.sending import outcome as send_outcome

TOKEN = "1234567890:zalo-TEST_secret_abcdefgh"


@pytest.mark.parametrize(("status", "body", "expected"), [
    (429, {"ok": False, "error_code": 429, "description": "Quota exceeded"}, Throttled),
    (403, {"ok": False, "error_code": 403, "description": "Internal error"}, Transient),
    (401, {"ok": False, "error_code": 401, "description": "Unauthorized"}, Rejected),
    (400, {"ok": False, "error_code": 400, "description": "Bad request"}, Rejected),
    (404, {"ok": False, "error_code": 404, "description": "Not found"}, Rejected),
    (408, {"ok": False, "error_code": 408, "description": "Request timeout"}, Transient),
    (502, {"ok": False}, Transient),
])
def test_zalo_errors_become_loas_send_outcomes_and_403_is_never_blocked(status, body, expected):
    result = outcome(status, body)
    assert type(result) is expected
    if isinstance(result, Rejected):
        assert result.code == status
    # The metrics name it by the platform's code all the same (bot.delivery.sending.outcome).
    metric = {429: "429", 403: "403", 408: "timeout", 502: "5xx"}.get(status, "rejected")
    assert send_outcome(result) == metric


def test_a_zalo_429_without_a_wait_pauses_a_few_seconds():
    assert outcome(429, {"ok": False, "error_code": 429}).retry_after == 5.0
    assert outcome(429, {"error_code": 429, "parameters": {"retry_after": 2}}).retry_after == 2.0


MESSAGE = {"message_id": "m1", "date": 1763863200000, "text": "/start ABC",
           "from": {"id": "u1", "display_name": "Lan", "is_bot": False},
           "chat": {"id": "u1", "chat_type": "PRIVATE"}}


@pytest.mark.parametrize("body", [
    {"ok": True, "result": {"event_name": "message.text.received", "message": MESSAGE}},
    {"event_name": "message.text.received", "message": MESSAGE},
])
async def test_both_webhook_body_shapes_read_the_same(body):
    message, name = _unwrap(body)
    assert name == "message.text.received" and message["message_id"] == "m1"
    channel = ZaloChannel(ZaloSettings(token=TOKEN), Host())
    try:
        event = await channel._to_event(body)
        assert isinstance(event, CommandIn) and event.args == ("ABC",)
        assert (event.update_id, event.user_id, event.chat_id) == ("m1", "u1", "u1")
        assert await channel._to_event(body) is None  # the same message id again
    finally:
        await channel.close()


@pytest.mark.parametrize(("change", "expected"), [
    ({"from": {"id": "bot", "display_name": "Loa", "is_bot": True}}, None),
    ({"chat": {"id": "g1", "chat_type": "GROUP"}}, CommandIn),  # a group event, read as any
    ({"text": "xin chào"}, TextIn),
])
async def test_own_messages_are_ignored_and_groups_told_apart(change, expected):
    channel = ZaloChannel(ZaloSettings(token=TOKEN), Host())
    try:
        event = await channel._to_event({"event_name": "message.text.received",
                                         "message": {**MESSAGE, **change}})
        assert (event is None) if expected is None else isinstance(event, expected)
        sticker = await channel._to_event({"event_name": "message.sticker.received",
                                           "message": {**MESSAGE, "message_id": "m9"}})
        assert isinstance(sticker, OtherIn) and sticker.kind == "sticker"
    finally:
        await channel.close()


@pytest.mark.parametrize(("env", "key"), [
    ({"ZALO_BOT_TOKEN": "not a token"}, "ZALO_BOT_TOKEN"),
    ({"ZALO_BOT_TOKEN": TOKEN, "ZALO_WEBHOOK_URL": "https://x.vn/h"}, "ZALO_WEBHOOK_SECRET"),
    ({"ZALO_BOT_TOKEN": TOKEN, "ZALO_WEBHOOK_URL": "https://x.vn/h",
      "ZALO_WEBHOOK_SECRET": "short"}, "ZALO_WEBHOOK_SECRET"),
    ({"ZALO_BOT_TOKEN": TOKEN, "ZALO_WEBHOOK_URL": "http://x.vn/h",
      "ZALO_WEBHOOK_SECRET": "long-enough"}, "ZALO_WEBHOOK_URL"),
    ({"ZALO_API_BASE_URL": "ftp://x"}, "ZALO_API_BASE_URL"),
])
def test_bad_zalo_settings_are_refused_naming_the_variable(env, key):
    with pytest.raises(ConfigError) as caught:
        read_settings({}, env)
    assert caught.value.key == key
    assert "not a token" not in str(caught.value)  # a mistyped token is never echoed


def test_zalo_settings_from_the_section_and_environment():
    settings = read_settings({"rate_per_second": 2, "monthly_quota": 3000},
                             {"ZALO_BOT_TOKEN": TOKEN})
    assert settings.active and settings.rate_per_second == 2.0 and settings.monthly_quota == 3000
    assert settings.secrets == [TOKEN]
    with pytest.raises(ConfigError):
        read_settings({"monthly_quota": -1}, {})
    assert read_settings({}, {}).bot_name is None
    assert read_settings({"bot_name": " Bot Loa "}, {}).bot_name == "Bot Loa"
    for bad in ("", "Bot\nLoa", "B" * 101, 7):
        with pytest.raises(ConfigError) as caught:
            read_settings({"bot_name": bad}, {})
        assert caught.value.key == "zalo.bot_name"


@pytest.mark.parametrize(("text", "name", "args"), [
    ("@Bot Loa /nhom TYTBC", "nhom", ("TYTBC",)),
    ("/nhom huy", "nhom", ("huy",)),
])
async def test_a_command_after_the_mention_in_a_group(text, name, args):
    """Groups (beta) show the bot only mentions: the command follows the mention."""
    channel = ZaloChannel(ZaloSettings(token=TOKEN), Host())
    try:
        event = await channel._to_event({"event_name": "message.text.received", "message": {
            **MESSAGE, "text": text, "chat": {"id": "g1", "chat_type": "GROUP"}}})
        assert isinstance(event, CommandIn)
        assert (event.name, event.args, event.chat_kind, event.chat_id, event.user_id) == (
            name, args, "group", "g1", MESSAGE["from"]["id"])
        assert event.reply_to_bot  # whatever the bot is shown in a group was meant for it
    finally:
        await channel.close()
