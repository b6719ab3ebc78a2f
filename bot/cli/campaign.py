"""`loa campaign`: import a plan as a draft, check and load campaign files."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from bot import app as loa_app
from bot.cli.common import EXIT_CONFIG, operator_scope, os_problem, texts, with_loa
from bot.core.config import Config
from bot.core.textfit import shorten


def _check_campaigns(files: list[Path]) -> list[Any] | None:
    """Every file checked; all problems printed; None when any file has one."""
    from bot.domain.campaigns import CampaignError, check_file

    checked, problems = [], []
    for path in files:
        try:
            checked.append((path, check_file(path)))
        except CampaignError as exc:
            problems.extend(exc.problems)
    for line in problems:
        print(line, file=sys.stderr)
    return None if problems else checked


def _summary(campaign: Any) -> str:
    return texts("cli.campaign.summary", plan=campaign.plan_number,
                 title=shorten(campaign.title, 80), phases=len(campaign.phases),
                 slogans=len(campaign.slogans), key_dates=len(campaign.key_dates),
                 deadlines=len(campaign.deadlines))


async def cmd_campaign_check(config: Config, args: Any) -> int:
    checked = _check_campaigns(args.files)
    if checked is None:
        return EXIT_CONFIG
    for path, campaign in checked:
        print(texts("cli.campaign.valid", file=path.name, summary=_summary(campaign)))
    return 0


async def cmd_campaign_load(config: Config, args: Any) -> int:
    from bot.services.campaigns import load_campaign

    checked = _check_campaigns(args.files)
    if checked is None:
        print(texts("cli.campaign.not_loaded"), file=sys.stderr)
        return EXIT_CONFIG

    async def work(loa: loa_app.Loa) -> int:
        async with loa.sessions() as session, session.begin():
            for path, campaign in checked:
                loaded = await load_campaign(operator_scope(loa, session), campaign, path.name)
                print(loa.texts("cli.campaign.loaded" if loaded.new else "cli.campaign.updated",
                                file=path.name, summary=_summary(campaign)))
                for what, code in loaded.unknown_units:
                    print(loa.texts("cli.campaign.unknown_unit", what=what, code=code))
        return 0

    return await with_loa(config, work)


EXIT_INCOMPLETE = 1  # the draft was written but does not pass `loa campaign check` yet


async def cmd_campaign_import(config: Config, args: Any) -> int:
    from bot.core.texts import Texts
    from bot.domain.planimport import PlanUnreadable
    from bot.domain.planimport.isolated import PlanReader

    # Read as the console reads an upload: in a child process with limits; Ctrl-C ends it.
    reader = PlanReader(Texts.load(config.messages_dir), at_once=1)
    try:
        imported = await reader.read("cli", args.file.name, path=args.file)
    except PlanUnreadable as exc:
        print(exc, file=sys.stderr)
        return EXIT_CONFIG
    n = imported["counts"]
    counts = texts("cli.campaign.draft_counts", phases=n["phases"], slogans=n["slogans"],
                   key_dates=n["key_dates"], deadlines=n["deadlines"], quotas=n["quotas"])
    if args.out:
        try:
            if args.out.exists():  # an edited draft is never lost to a second import
                backup = args.out.with_name(args.out.name + ".bak")
                args.out.replace(backup)
                print(texts("cli.campaign.kept_old", path=backup), file=sys.stderr)
            args.out.write_text(imported["toml"], encoding="utf-8")
        except OSError as exc:
            print(texts("cli.campaign.cannot_write", path=args.out, why=os_problem(exc)),
                  file=sys.stderr)
            return EXIT_CONFIG
        print(texts("cli.campaign.draft_written", path=args.out, counts=counts))
    else:
        sys.stdout.write(imported["toml"])
        print(texts("cli.campaign.draft_printed", counts=counts), file=sys.stderr)
    for item in imported["unread"]:
        print(texts("cli.campaign.to_check", item=item), file=sys.stderr)
    if imported["problems"]:
        print(texts("cli.campaign.not_passing"), file=sys.stderr)
        for problem in imported["problems"]:
            print(texts("cli.campaign.problem", problem=problem), file=sys.stderr)
        return EXIT_INCOMPLETE
    target = args.out or texts("cli.campaign.draft_file")
    print(texts("cli.campaign.passing", target=target), file=sys.stderr)
    return 0
