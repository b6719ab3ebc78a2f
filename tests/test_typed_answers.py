"""Typed answers on a channel without buttons (the demo chat, Zalo): a number answers the
question that is open, a count is read as people write it, a refusal is never silent."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update

from bot import app as loa_app
from bot.channels import Capabilities
from bot.channels.memory import MemoryChannel
from bot.core.flows import Invalid
from bot.core.validate import http_url, whole_number
from bot.domain.officers import make_admin
from bot.store.models import Broadcast, BroadcastState, Identity, Report
from tests.conftest import make_config
from tests.helpers import make_invite, seed_units
from tests.test_dispatch import command, last_text, text


@pytest.fixture
async def plain(db_url, clock):
    """Loa with one channel without buttons (like the demo chat and Zalo), driven directly."""
    loa = await loa_app.build(make_config(db_url), clock=clock)
    loa.add_channel(MemoryChannel(name="zalo", caps=Capabilities(
        buttons=False, edits=False, max_text=2000, max_caption=2000)))
    yield loa, loa.channels["zalo"]
    await loa.close()


async def joined(loa, user: str = "u1", name: str = "Lê Thị Hoa") -> None:
    await loa.dispatcher.handle(command("start", await make_invite(loa, "TYTBC"), user=user))
    for answer in ("1", name, "Y sĩ"):
        await loa.dispatcher.handle(text(answer, user=user))


async def to_participants(loa, ch) -> None:
    """/baocao, answered up to the participants question."""
    await loa.dispatcher.handle(command("baocao"))
    for answer in ("2", "Treo băng rôn ở cổng trạm", "hôm nay"):
        await loa.dispatcher.handle(text(answer))
    assert "bao nhiêu người" in last_text(ch)


async def test_participants_one_means_one_person_not_skip(plain):
    loa, ch = plain
    await seed_units(loa)
    await joined(loa)
    await to_participants(loa, ch)
    # The question shows no number for "Bỏ qua": a number typed is the count.
    assert "1. Bỏ qua" not in last_text(ch)
    await loa.dispatcher.handle(text("1"))
    assert "đường dẫn" in last_text(ch)
    await loa.dispatcher.handle(text("bỏ qua"))
    await loa.dispatcher.handle(text("Xong"))
    assert "• Số người tham gia: 1\n" in last_text(ch)
    assert "• Liên kết: —" in last_text(ch)


async def test_about_fifty_people_is_fifty_and_a_link_gets_https(plain):
    loa, ch = plain
    await seed_units(loa)
    await joined(loa)
    await to_participants(loa, ch)
    await loa.dispatcher.handle(text("-5"))
    assert "phải là số dương" in ch.sent[-2][1].text
    assert "không phải" not in ch.sent[-2][1].text
    await loa.dispatcher.handle(text("khoảng 50 người"))
    await loa.dispatcher.handle(text("syt.quangninh.gov.vn/tin-tuc/bai-1"))
    await loa.dispatcher.handle(text("1"))  # Xong
    await loa.dispatcher.handle(text("1"))  # Gửi
    async with loa.sessions() as session:
        report = await session.scalar(select(Report))
    assert report.participants == 50
    assert report.link == "https://syt.quangninh.gov.vn/tin-tuc/bai-1"


@pytest.mark.parametrize(("typed", "count"), [("120", 120), ("1.200", 1200), ("khoảng 50", 50),
                                               ("tầm 30 người", 30), (" 7 ", 7)])
def test_counts_as_people_write_them(typed, count):
    assert whole_number(typed, lo=1, hi=100_000) == count


@pytest.mark.parametrize(("typed", "key"), [("50-60", "report.number_bad"),
                                             ("nhiều", "report.number_bad"),
                                             ("-5", "report.number_negative"),
                                             ("0", "report.number_range")])
def test_unclear_counts_are_explained(typed, key):
    with pytest.raises(Invalid) as refused:
        whole_number(typed, lo=1, hi=100_000)
    assert refused.value.key == key


def test_links_without_scheme_get_https_and_nonsense_is_refused():
    assert http_url("www.moh.gov.vn") == "https://www.moh.gov.vn"
    assert http_url("http://a.vn/x") == "http://a.vn/x"
    for bad in ("không có", "ftp://a.vn", "abc", "a .vn"):
        with pytest.raises(Invalid):
            http_url(bad)


async def test_typed_number_for_an_approval_one_may_not_give_gets_the_refusal(plain):
    """An admin is not an approver: "1" for "Duyệt #1" answers as the button would."""
    loa, ch = plain
    await seed_units(loa)
    async with loa.sessions() as session, session.begin():
        await make_admin(session, loa.clock, "zalo", "boss")
        session.add(Broadcast(content={"text": "Tiêm chủng đầy đủ"}, audience={},
                              state=BroadcastState.AWAITING_APPROVAL.value,
                              created_at=loa.clock.now()))
    await loa.dispatcher.handle(command("choduyet", user="boss"))
    assert "1. Duyệt #1" in last_text(ch)
    await loa.dispatcher.handle(text("1", user="boss"))
    assert last_text(ch) == "Chỉ người duyệt mới được duyệt nội dung."
    async with loa.sessions() as session:
        assert (await session.scalar(select(Broadcast))).state == "awaiting_approval"


async def test_a_daily_prompt_arriving_mid_form_does_not_steal_the_numbers(plain):
    import asyncio

    from bot.domain.campaigns import check_file, load
    from bot.domain.prompts import queue_due
    from bot.store.models import Delivery
    from tests.conftest import ROOT

    loa, ch = plain
    await seed_units(loa)
    await joined(loa)
    async with loa.sessions() as session, session.begin():
        await load(session, loa.clock, check_file(
            ROOT / "messages" / "campaigns" / "mau-ba-dot-2026.toml"), "test")
    await loa.dispatcher.handle(command("baocao"))
    assert "2. Pano" in last_text(ch)
    assert (await queue_due(loa.sessions, loa.clock, loa.config, loa.texts)).counts["prompt"] == 1
    stop = asyncio.Event()
    runner = asyncio.create_task(loa.outbox.run(stop))
    for _ in range(500):  # until the send is written down (with the menu it showed)
        async with loa.sessions() as session:
            if await session.scalar(select(Delivery.sent_at)) is not None:
                break
        await asyncio.sleep(0.01)
    stop.set()
    await runner
    assert "3. ⏰ Nhắc lại sau" in last_text(ch)
    await loa.dispatcher.handle(text("2"))
    assert "Mô tả ngắn" in last_text(ch)  # "2" answered the form: the second kind of activity


async def test_a_form_question_whose_numbers_were_replaced_is_asked_again(plain):
    loa, ch = plain
    await seed_units(loa)
    await joined(loa)
    await loa.dispatcher.handle(command("baocao"))
    async with loa.sessions() as session, session.begin():
        await session.execute(update(Identity).where(Identity.external_id == "u1").values(
            menu=[["pr:1:done", "✅ Đã thực hiện"], ["pr:1:later", "⏰ Nhắc lại sau"]]))
    await loa.dispatcher.handle(text("2"))
    assert "Đây là hoạt động gì?" in last_text(ch) and "2. Pano" in last_text(ch)
    await loa.dispatcher.handle(text("2"))
    assert "Mô tả ngắn" in last_text(ch)
