"""End to end over the fake Bot API: joining a unit through an invite."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update

from bot.store.models import Invite, OfficerStatus, Role
from tests.support.helpers import join, make_invite, officer_of, seed_units
from tests.support.texts import T, matches


async def test_invited_officer_joins(loa, tg):
    await seed_units(loa)
    code = await make_invite(loa, "TYTBC", Role.FOCAL)
    lan = await tg.user(1001, "Lan")

    await lan.send(f"/start {code}")
    confirm = await lan.receive_one()
    assert confirm["text"] == T(
        "onboarding.confirm_unit", unit="Trạm Y tế phường Bãi Cháy — Trung tâm Y tế Hạ Long — "
        "Sở Y tế Quảng Ninh", role=T("role.focal"))
    assert [b["text"] for b in confirm["buttons"][0]] == ["Đúng", "Không phải"]

    await lan.press_label(confirm, "Đúng")
    edited, ask_name = await lan.receive(2)
    assert edited["method"] == "editMessageText" and edited["buttons"] == []
    assert edited["text"].endswith("» Đúng")
    assert ask_name["text"] == T("onboarding.ask_name")

    await lan.send("Nguyễn Thị Lan")
    assert (await lan.receive_one())["text"] == T("onboarding.ask_position", name="Nguyễn Thị Lan")
    await lan.send("Phụ trách truyền thông")
    welcome = (await lan.receive_one())["text"]
    assert matches(welcome, "onboarding.welcome_focal")
    assert "Nguyễn Thị Lan" in welcome and "Trạm Y tế phường Bãi Cháy" in welcome
    assert "07:30" in welcome

    officer = await officer_of(loa, 1001)
    assert officer is not None
    assert (officer.full_name, officer.position, officer.role, officer.status) == (
        "Nguyễn Thị Lan", "Phụ trách truyền thông", "focal", "active")
    assert officer.unit.code == "TYTBC"

    await lan.send("/me")
    me = (await lan.receive_one())["text"]
    assert matches(me, "common.me") and "Nguyễn Thị Lan" in me
    assert T("role.focal") in me and T("status.active") in me

    # The single-use code is spent: a colleague using it is refused.
    minh = await tg.user(1002, "Minh")
    await minh.send(f"/start {code}")
    assert (await minh.receive_one())["text"] == T("onboarding.invite_used_up")


async def test_expired_code_is_refused(loa, tg, clock):
    await seed_units(loa)
    code = await make_invite(loa, "TYTBC", days=1)
    clock.advance(timedelta(days=1, seconds=1))
    hoa = await tg.user(1003, "Hoa")
    await hoa.send(f"/start {code}")
    reply = (await hoa.receive_one())["text"]
    assert reply == T("onboarding.invite_expired")
    assert await officer_of(loa, 1003) is None


async def test_code_that_expires_during_the_form_is_checked_again(loa, tg, clock):
    await seed_units(loa)
    code = await make_invite(loa, "TYTBC", days=1)
    an = await tg.user(1004, "An")
    await an.send(f"/start {code}")
    await an.press_label(await an.receive_one(), "Đúng")
    await an.receive(2)
    await an.send("Trần Văn An")
    await an.receive_one()
    clock.advance(timedelta(days=2))
    await an.send("Bác sĩ")
    assert (await an.receive_one())["text"] == T("onboarding.invite_expired")
    assert await officer_of(loa, 1004) is None


async def test_start_without_code_unknown_code_and_used_up(loa, tg):
    await seed_units(loa)
    binh = await tg.user(1005, "Bình")
    await binh.send("/start")
    assert (await binh.receive_one())["text"] == T("onboarding.need_code")
    await binh.send("/start KHONGCO123")
    assert (await binh.receive_one())["text"] == T("onboarding.invite_unknown")
    code = await make_invite(loa, "TYTBC")
    async with loa.sessions() as session, session.begin():
        await session.execute(update(Invite).where(Invite.code == code).values(used_count=1))
    await binh.send(f"/start {code}")
    assert (await binh.receive_one())["text"] == T("onboarding.invite_used_up")


async def test_decline_unit_keeps_nothing(loa, tg):
    await seed_units(loa)
    code = await make_invite(loa, "TYTBC")
    cuc = await tg.user(1006, "Cúc")
    await cuc.send(f"/start {code}")
    await cuc.press_label(await cuc.receive_one(), "Không phải")
    _, reply = await cuc.receive(2)
    assert reply["text"] == T("onboarding.declined")
    assert await officer_of(loa, 1006) is None


async def test_stop_and_start_again(loa, tg):
    await seed_units(loa)
    code = await make_invite(loa, "TYTBC")
    dung = await join(tg, 1007, code, "Lê Văn Dũng", "Y sĩ")

    await dung.send("/stop")
    assert (await dung.receive_one())["text"] == T("common.stopped")
    assert (await officer_of(loa, 1007)).status == OfficerStatus.STOPPED
    await dung.send("/start")
    assert (await dung.receive_one())["text"] == T("onboarding.resumed", name="Lê Văn Dũng")
    officer = await officer_of(loa, 1007)
    assert officer.status == OfficerStatus.ACTIVE and officer.full_name == "Lê Văn Dũng"


async def test_cancel_anywhere(loa, tg):
    await seed_units(loa)
    code = await make_invite(loa, "TYTBC")
    em = await tg.user(1008, "Em")
    await em.send("/cancel")
    assert (await em.receive_one())["text"] == T("common.nothing_to_cancel")
    await em.send(f"/start {code}")
    await em.press_label(await em.receive_one(), "Đúng")
    await em.receive(2)
    await em.send("/cancel")
    assert (await em.receive_one())["text"] == T("common.cancelled")
    await em.send("Nguyễn Văn Em")  # no form any more: treated as a stray message
    assert (await em.receive_one())["text"] == T("common.unregistered_hint")
    assert await officer_of(loa, 1008) is None


async def test_blocked_officer_becomes_inactive_and_can_come_back(loa, tg):
    await seed_units(loa)
    code = await make_invite(loa, "TYTBC")
    giang = await join(tg, 1009, code, "Hà Thu Giang", "Hộ sinh")

    await tg.call("block", user_id=1009)
    update = await giang.send("/me")
    assert await giang.nothing_more(update) == []
    assert (await officer_of(loa, 1009)).status == OfficerStatus.INACTIVE

    await tg.call("unblock", user_id=1009)
    await giang.send("/start")
    assert (await giang.receive_one())["text"] == T("onboarding.resumed", name="Hà Thu Giang")
    assert (await officer_of(loa, 1009)).status == OfficerStatus.ACTIVE
