"""The console at national size, in miniature, on SQLite and PostgreSQL (issue #23): /units in
pages of 100 officers (the officers in no unit on the last), /reports' pager by keyset showing
exactly the pages OFFSET shows, and the numbers added up by the database equal to the reports
counted one by one."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape

from sqlalchemy import insert

from bot.domain.exports import Filter, export_batches, export_rows
from bot.domain.stats import Scope, counted_reports, tally, totals
from bot.store.models import Officer, Report, Role
from tests.conftest import running_loa
from tests.e2e.test_web_security_e2e import signed_in
from tests.support.helpers import join, make_invite, seed_units
from tests.support.web_console import console_config, link_from_chat

CARD = re.compile(r'<a href="/reports/(\d+)" class="report-card">')
LINK = re.compile(r'<a href="\?([^"]*)">([^<]*)</a>')


def pager(html: str) -> dict[str, str]:
    """The pager's links by direction ("prev", "next"), as a browser follows them."""
    part = html[html.index('class="pager"'):]
    return {"prev" if "‹" in label else "next": "?" + unescape(query)
            for query, label in LINK.findall(part)}


async def test_units_and_reports_page_through_many(db_url, fake_server, tg, clock, tmp_path):
    config = console_config(db_url, fake_server, tmp_path)
    base = config.http.public_url
    async with running_loa(config, clock) as loa:
        units = await seed_units(loa)
        admin = await join(tg, 4801, await make_invite(loa, "SYT", Role.ADMIN), "Mai Quản Trị", "CV")
        now = clock.now()
        async with loa.sessions() as session, session.begin():
            # 130 officers of one ward, 40 of another unit, 3 in no unit: 174 with the admin.
            rows = [{"full_name": f"Cán bộ {i:03d}", "unit_id": units["TYTBC"].id if i < 130
                     else units["TTYTHL"].id if i < 170 else None, "role": "officer",
                     "status": "active", "created_at": now, "updated_at": now}
                    for i in range(173)]
            await session.execute(insert(Officer), rows)
            first = await session.scalar(insert(Officer).returning(Officer.id).values(
                full_name="Người báo cáo", unit_id=units["TYTBC"].id, role="officer",
                status="active", created_at=now, updated_at=now))
            day = dt.date(2026, 11, 23)
            await session.execute(insert(Report), [
                {"officer_id": first, "unit_id": units["TYTBC" if i % 3 else "TTYTHL"].id,
                 "activity": ("poster", "led", "social")[i % 3], "description": f"Số {i}",
                 "day": day - dt.timedelta(days=i % 17), "participants": i % 5 or None,
                 "state": ("submitted", "approved", "withdrawn", "needs_more")[i % 4],
                 "created_at": now, "updated_at": now} for i in range(160)])
        client = await signed_in(base, await link_from_chat(admin))
        try:
            # /units: every officer on exactly one page; those in no unit on the last.
            seen: list[str] = []
            page = (await client.get("/units")).text
            assert "Trang 1/2" in page and 'id="no-unit"' not in page
            seen += re.findall(r"Cán bộ \d{3}", page)
            assert len(seen) <= 100
            later = (await client.get("/units" + pager(page)["next"])).text
            assert "Trang 2/2" in later and 'id="no-unit"' in later
            seen += re.findall(r"Cán bộ \d{3}", later)
            assert sorted(seen) == sorted(r["full_name"] for r in rows)
            assert "Trạm Y tế phường Bãi Cháy" in page and "Trạm Y tế phường Bãi Cháy" in later

            # /reports: the pager's keyset links show what the numbered pages show.
            by_number = [CARD.findall((await client.get(f"/reports?kind=&page={n}")).text)
                         for n in (1, 2, 3, 4)]
            assert [len(p) for p in by_number] == [50, 50, 50, 10]
            page = (await client.get("/reports?kind=")).text
            assert "Trang 1/4" in page and "prev" not in pager(page)
            followed = [CARD.findall(page)]
            for _ in range(3):
                page = (await client.get("/reports" + pager(page)["next"])).text
                followed.append(CARD.findall(page))
            assert followed == by_number and "next" not in pager(page)
            back = pager(page)["prev"]
            assert "before=" in back and "kind=" in back
            assert CARD.findall((await client.get("/reports" + back)).text) == by_number[2]
        finally:
            await client.aclose()

        # An export read in batches (each after the last one's edge) is the export read whole.
        async with loa.sessions() as session:
            whole = [r.report.id for r in await export_rows(session, Filter())]
        batched = [r.report.id async for batch in export_batches(loa.sessions, Filter(), size=7)
                   for r in batch]
        assert batched == whole and len(whole) == 160

        # The database's totals are the reports counted one by one.
        async with loa.sessions() as session:
            for scope in (Scope(), Scope(day - dt.timedelta(days=5), day),
                          Scope(unit_ids=[units["TYTBC"].id])):
                summed = await totals(session, scope)
                counted = await counted_reports(session, scope)
                one_by_one = tally([u.unit for u in summed.units], counted)
                assert (summed.reports, summed.participants) == (
                    one_by_one.reports, one_by_one.participants)
                assert {k: (v.reports, v.participants) for k, v in summed.kinds.items()} == {
                    k: (v.reports, v.participants) for k, v in one_by_one.kinds.items()}
                assert [(u.unit.id, u.reports, u.participants, u.by_kind) for u in summed.units] \
                    == [(u.unit.id, u.reports, u.participants, u.by_kind)
                        for u in one_by_one.units]
