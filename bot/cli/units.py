"""`loa unit add|list`: the tree of units."""

from __future__ import annotations

import sys
from typing import Any

from bot import app as loa_app
from bot.cli.common import EXIT_CONFIG, operator_scope, with_loa
from bot.core.config import Config
from bot.domain.units import list_units
from bot.services import Refused
from bot.services.units import add_unit


async def cmd_unit_add(config: Config, args: Any) -> int:
    async def work(loa: loa_app.Loa) -> int:
        try:
            async with loa.sessions() as session, session.begin():
                unit = await add_unit(operator_scope(loa, session), args.name, args.parent, args.code)
        except Refused as exc:
            print(loa.texts(exc.key, **exc.values), file=sys.stderr)
            return EXIT_CONFIG
        print(f"Đã thêm đơn vị {unit.name}. Mã:")
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
