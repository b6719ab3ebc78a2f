"""`loa unit add|list`: the tree of units."""

from __future__ import annotations

from typing import Any

from bot import app as loa_app
from bot.cli.common import operator_scope, with_loa
from bot.core.config import Config
from bot.domain.units import list_units
from bot.services.units import add_unit


async def cmd_unit_add(config: Config, args: Any) -> int:
    async def work(loa: loa_app.Loa) -> int:  # a refusal: with_loa says it and exits 2
        async with loa.sessions() as session, session.begin():
            unit = await add_unit(operator_scope(loa, session), args.name, args.parent, args.code)
        print(loa.texts("cli.units.added", name=unit.name))
        print(unit.code)
        return 0

    return await with_loa(config, work)


async def cmd_unit_list(config: Config, args: Any) -> int:
    async def work(loa: loa_app.Loa) -> int:
        async with loa.sessions() as session:
            for unit, depth in await list_units(session):
                print(f"{'  ' * depth}{unit.code}\t{unit.name}")
        return 0

    return await with_loa(config, work)
