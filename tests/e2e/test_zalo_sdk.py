"""The fake Zalo kept honest: driven by the platform's own published SDK (`python-zalo-bot`
0.1.9, form-encoded requests) it answers as the SDK expects of the real platform — getMe's
generated handle and numeric id, hex user ids, an empty poll answered 408 at once, lengths in
UTF-16, sendChatAction without a result, sendSticker, and updates the SDK's models read."""

from __future__ import annotations

import base64
import re
import time

import pytest
import zalo_bot
from zalo_bot.error import BadRequest, InvalidToken, NetworkError

from tests.fake_zalo import TOKEN

HEX_ID = "6ede9afa66b88fe6d6a9"
JPEG = bytes.fromhex("ffd8ffe000104a464946") + b"\x07\x01" * 100 + bytes.fromhex("ffd9")


@pytest.fixture
async def bot(zalo_server, zl):
    await zl.call("options", twice=False)
    async with zalo_bot.Bot(TOKEN, base_url=zalo_server.url) as sdk:
        yield sdk


async def test_get_me_is_a_generated_handle_and_a_numeric_id(bot, zl):
    me = await bot.get_me()
    assert re.fullmatch(r"bot\.[A-Za-z0-9]+", me.account_name)
    assert me.id.isdigit()


async def test_a_wrong_token_is_refused(zalo_server):
    sdk = zalo_bot.Bot("1234567890:zalo-WRONG_secret_abcdefgh", base_url=zalo_server.url)
    with pytest.raises(InvalidToken):
        await sdk.initialize()


async def test_sends_as_the_sdk_makes_them(bot, zl, zalo_server):
    user = await zl.user(HEX_ID, "Lan")
    sent = await bot.send_message(user.id, "Chào chị 😀")
    assert sent.message_id
    name = "sdk.jpg"
    await zl.call("file", name=name, data=base64.b64encode(JPEG).decode())
    photo = await bot.send_photo(user.id, "Ảnh minh hoạ", f"{zalo_server.url}/_files/{name}")
    assert photo.message_id
    sticker = await bot.send_sticker(user.id, "stk-1234")
    assert sticker.message_id
    assert await bot.send_chat_action(user.id, "typing") is None  # `{ok: true}`, no result
    got = await zl.sent(user.id)
    assert [m["method"] for m in got] == ["sendMessage", "sendPhoto", "sendSticker"]
    assert got[0]["text"] == "Chào chị 😀" and got[1]["caption"] == "Ảnh minh hoạ"
    state = await zl.state()
    assert state["actions"] == [{"chat_id": user.id, "action": "typing"}]
    # The SDK sends form-encoded POSTs, and the fake reads them.
    assert any(t.startswith("application/x-www-form-urlencoded") for t in state["content_types"])


async def test_text_is_counted_in_utf16_units(bot, zl):
    user = await zl.user(HEX_ID, "Lan")
    await bot.send_message(user.id, "😀" * 1000)  # 1,000 characters, 2,000 units: the limit
    with pytest.raises(BadRequest):
        await bot.send_message(user.id, "😀" * 1000 + "a")  # 1,001 characters, 2,001 units


async def test_an_empty_poll_is_answered_408_at_once(bot):
    started = time.monotonic()
    with pytest.raises(NetworkError) as caught:
        await bot.get_update(timeout=30)
    assert "408" in str(caught.value)
    assert time.monotonic() - started < 5  # not after the 30 s long poll


async def test_updates_read_by_the_sdks_models(bot, zl):
    user = await zl.user(HEX_ID, "Lan")
    await user.send("xin chào")
    update = await bot.get_update(timeout=30)
    assert update.message.text == "xin chào"
    assert update.message.from_user.id == HEX_ID and re.fullmatch(r"[0-9a-f]+", HEX_ID)
    assert update.message.from_user.display_name == "Lan"
    assert update.message.chat.id == HEX_ID
    await user.send_photo(JPEG, caption="Băng rôn")
    update = await bot.get_update(timeout=30)
    assert update.message.photo_url.endswith(".jpg")
    assert update.api_kwargs["event_name"] == "message.image.received"


class SlowHook:
    """A webhook that answers its first push only after `delay` seconds."""

    def __init__(self, delay: float) -> None:
        self.delay, self.calls = delay, 0

    def app(self):
        from starlette.applications import Starlette
        from starlette.responses import JSONResponse
        from starlette.routing import Route

        async def hook(request):
            import asyncio

            self.calls += 1
            if self.calls == 1:
                await asyncio.sleep(self.delay)
            return JSONResponse({"message": "Success"})

        return Starlette(routes=[Route("/hook", hook, methods=["POST"])])

    async def close(self) -> None:
        return None


async def test_a_push_answered_too_late_is_given_up_and_pushed_again(zalo_server, zl):
    import httpx

    from tests.fake_server import LoopbackServer

    hook = SlowHook(delay=3.0)
    server = LoopbackServer(hook).start()
    try:
        async with httpx.AsyncClient() as http:
            answer = await http.post(f"{zalo_server.url}/bot{TOKEN}/setWebhook",
                                     data={"url": "https://loa.example.vn/hook",
                                           "secret_token": "abcdefgh12"})
            assert answer.json()["ok"] is True
        await zl.call("webhook_target", url=f"{server.url}/hook")
        await zl.call("options", push_timeout=1.0)
        user = await zl.user(HEX_ID, "Lan")
        await user.send("xin chào")
        state = await zl.state()
        assert [p["status"] for p in state["pushes"]] == [0, 200]  # timed out, then again
        assert state["push_timeouts"] == 1 and hook.calls == 2
    finally:
        server.stop()
