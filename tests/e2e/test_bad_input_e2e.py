"""Bad input at every step gets a clear Vietnamese answer, the same question again, and no change."""

from __future__ import annotations

import logging

import pytest

from tests.fake_telegram import TelegramUser
from tests.support.helpers import make_invite, seed_units, snapshot
from tests.support.texts import T, head

LONG = "Nguyễn " * 715  # 5,005 characters
JPEG = bytes.fromhex("ffd8ffe000104a464946") + b"\x00" * 2000 + bytes.fromhex("ffd9")


async def _expect_refusal(loa, user: TelegramUser, expected: str, question: str) -> None:
    error, again = await user.receive(2)
    assert expected in error["text"], error["text"]
    assert question in again["text"], again["text"]


async def _bad_inputs(loa, tg, user: TelegramUser, question: str, expected: dict[str, str],
                      last_question: dict) -> None:
    """Each bad input in turn; the database must not change for any of them."""
    before = await snapshot(loa)
    for text, key in [("   ", "blank"), (LONG, "long"), ("🎉🎉🎉", "emoji")]:
        await user.send(text)
        await _expect_refusal(loa, user, expected[key], question)
        assert await snapshot(loa) == before, f"refused input {key!r} changed the database"

    await user.send_photo(JPEG)
    await _expect_refusal(loa, user, expected["photo"], question)
    await user.send("/khonglenh abc")
    await _expect_refusal(loa, user, "Loa không có lệnh /khonglenh", question)
    await user.send_sticker()
    await _expect_refusal(loa, user, expected["photo"], question)

    answers_before = len(await tg.call("callback_answers"))
    update = await user.press(last_question["message_id"], "deadbeef|yes", forge=True)
    assert await user.nothing_more(update) == []
    answers = await tg.call("callback_answers")
    assert len(answers) == answers_before + 1
    assert answers[-1]["text"] == T("errors.button_expired")
    assert await snapshot(loa) == before


@pytest.mark.usefixtures("log_records")
async def test_bad_input_at_every_step(loa, tg, log_records):
    await seed_units(loa)
    code = await make_invite(loa, "TYTBC")
    lan = await tg.user(2001, "Lan")

    await lan.send(f"/start {code}")
    confirm = await lan.receive_one()
    choice_errors = {"blank": "trả lời bằng số từ 1 đến 2", "long": "trả lời bằng số từ 1 đến 2",
                     "emoji": "trả lời bằng số từ 1 đến 2", "photo": "chọn một trong các lựa chọn"}
    await _bad_inputs(loa, tg, lan, "Đây có đúng là đơn vị của anh/chị không?", choice_errors, confirm)

    # A typed label works like the button, and a number too.
    await lan.send("đúng")
    ask_name = await lan.receive_one()
    assert ask_name["text"] == T("onboarding.ask_name")

    text_errors = {"blank": "đang để trống", "long": "quá dài (5004 ký tự)",
                   "emoji": "cần có chữ cái", "photo": "cần câu trả lời bằng chữ"}
    await _bad_inputs(loa, tg, lan, "họ và tên đầy đủ", text_errors, confirm)
    for bad, why in [("Lan", "ít nhất hai chữ"), ("Nguyễn Lan 123", "không có số"),
                     ("Nguyễn <b>Lan</b>", "không có số hay biểu tượng")]:
        await lan.send(bad)
        await _expect_refusal(loa, lan, why, "họ và tên đầy đủ")

    await lan.send("Nguyễn Thị Lan")
    assert (await lan.receive_one())["text"] == T("onboarding.ask_position", name="Nguyễn Thị Lan")
    await _bad_inputs(loa, tg, lan, "Chức vụ", text_errors, confirm)

    # The answers already given survived all of that.
    await lan.send("Điều dưỡng")
    assert (await lan.receive_one())["text"].startswith(head("onboarding.welcome") + "Nguyễn Thị Lan")

    assert not [r for r in log_records.records if r.exc_info or r.levelno >= logging.ERROR]
    assert "Traceback" not in log_records.text


async def test_old_button_after_moving_on_is_no_longer_valid(loa, tg):
    await seed_units(loa)
    code = await make_invite(loa, "TYTBC")
    minh = await tg.user(2002, "Minh")
    await minh.send(f"/start {code}")
    confirm = await minh.receive_one()
    yes = confirm["buttons"][0][0]["data"]
    await minh.press(confirm["message_id"], yes)
    await minh.receive(2)
    before = await snapshot(loa)
    # The same button again (a double tap, or a stale client): refused politely, nothing changes.
    update = await minh.press(confirm["message_id"], yes, forge=True)
    assert await minh.nothing_more(update) == []
    assert (await tg.call("callback_answers"))[-1]["text"] == T("errors.button_expired")
    assert await snapshot(loa) == before


async def test_messages_outside_a_form(loa, tg):
    await seed_units(loa)
    stranger = await tg.user(2003, "Khách")
    for action in (stranger.send("xin chào"), stranger.send_photo(JPEG), stranger.send_sticker()):
        await action
        reply = await stranger.receive_one()
        assert reply["text"] == T("common.unregistered_hint")
    update = await stranger.press(reply["message_id"], "x:1", forge=True)
    assert await stranger.nothing_more(update) == []
    assert (await tg.call("callback_answers"))[-1]["text"] == T("errors.button_expired")
