"""`loa reports`: the spreadsheet, the photo archive and the official report's Word draft."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import Any

from bot import app as loa_app
from bot.cli.common import EXIT_CONFIG, os_problem, with_loa
from bot.core.config import Config
from bot.services import Refused


async def _filters(session: Any, args: Any) -> tuple[Any, Any, Any]:
    """(exports.Filter, the campaign or None, the unit or None) from the common options."""
    from bot.domain.broadcasts import unit_ids_with_subunits
    from bot.domain.campaigns import find_campaign
    from bot.domain.exports import Filter
    from bot.domain.units import get_unit

    if args.start and args.end and args.end < args.start:
        raise Refused("export_cli.bad_range")
    unit = unit_ids = campaign = None
    if args.unit:
        unit = await get_unit(session, args.unit)
        if unit is None:
            raise Refused("export_cli.no_unit", code=args.unit)
        unit_ids = await unit_ids_with_subunits(session, [args.unit], True)
    if getattr(args, "campaign", None):
        campaign = await find_campaign(session, args.campaign)
        if campaign is None:
            raise Refused("export_cli.no_campaign", campaign=args.campaign)
    which = Filter(start=args.start, end=args.end, unit_ids=unit_ids,
                   campaign_ids=[campaign.id] if campaign else None)
    return which, campaign, unit


def _today(loa: loa_app.Loa) -> Any:
    return loa.clock.now().astimezone(loa.config.timezone).date()


async def _run(config: Config, args: Any, work: Any) -> int:
    async def guarded(loa: loa_app.Loa) -> int:
        try:
            return await work(loa)  # a refusal (bad filter) is printed by with_loa
        except OSError as exc:  # the output file: a folder that does not exist, no right
            print(loa.texts("export_cli.cannot_write", path=exc.filename or args.out or "",
                            why=os_problem(exc)), file=sys.stderr)
            return EXIT_CONFIG

    return await with_loa(config, guarded)


async def cmd_reports_export(config: Config, args: Any) -> int:
    from bot.domain import exports
    from bot.domain.stats import Scope, totals

    async def work(loa: loa_app.Loa) -> int:
        async with loa.sessions() as session:
            which, campaign, _ = await _filters(session, args)
            photos = await exports.photo_columns(session, which)
            numbers = await totals(session, Scope(which.start, which.end, which.campaign_ids,
                                                  which.unit_ids), campaign)
        out = args.out or Path(f"bao-cao-{_today(loa):%Y%m%d}.{args.format}")
        tz = loa.config.timezone
        # Rows read in batches while the file is written: a million fit in flat memory.
        rows, stop = exports.threaded_rows(loa.sessions, which, asyncio.get_running_loop())
        try:
            if args.format == "xlsx":
                count = await asyncio.to_thread(exports.write_xlsx, out, rows, numbers,
                                                loa.texts, tz,
                                                exports.shown_kinds(numbers, campaign), photos)
            else:
                count = await asyncio.to_thread(exports.write_csv, out, rows, loa.texts, tz,
                                                photos)
        finally:
            await stop()
        print(loa.texts("export_cli.exported", count=count, path=out))
        return 0

    return await _run(config, args, work)


async def cmd_reports_photos(config: Config, args: Any) -> int:
    from bot.domain import exports

    async def work(loa: loa_app.Loa) -> int:
        async with loa.sessions() as session:
            which, _, _ = await _filters(session, args)
        out = args.out or Path(f"anh-bao-cao-{_today(loa):%Y%m%d}.zip")
        rows, stop = exports.threaded_rows(loa.sessions, which, asyncio.get_running_loop())
        try:
            zipped = await asyncio.to_thread(exports.write_photo_zip, out, rows,
                                             loa.config.storage_dir, loa.texts)
        finally:
            await stop()
        print(loa.texts("export_cli.photos", photos=zipped.photos, reports=zipped.reports,
                        path=out))
        return 0

    return await _run(config, args, work)


async def cmd_reports_docx(config: Config, args: Any) -> int:
    from bot.domain import officialreport

    async def work(loa: loa_app.Loa) -> int:
        async with loa.sessions() as session:
            which, campaign, unit = await _filters(session, args)
            data = await officialreport.gather(session, campaign, _today(loa), which.start,
                                               which.end, unit, which.unit_ids)
        if data.end < data.start:
            raise Refused("export_cli.empty_period")
        out = args.out or Path(officialreport.file_name(campaign, _today(loa)))
        body = await asyncio.to_thread(officialreport.build, data, loa.texts,
                                       loa.config.storage_dir)
        out.write_bytes(body)
        print(loa.texts("export_cli.drafted", plan=campaign.plan_number,
                        reports=data.totals.reports, units=len(data.totals.units),
                        photos=len(data.photos), path=out))
        return 0

    return await _run(config, args, work)
