"""`loa web login`: a one-time sign-in link to the web console for an admin or approver (the
first admin has no console yet to ask from)."""

from __future__ import annotations

import sys
from typing import Any

from bot import app as loa_app
from bot.cli.common import EXIT_CONFIG, operator_scope, texts, with_loa
from bot.core.config import Config
from bot.domain.officers import get_identity
from bot.services import Refused
from bot.services.people import check_user_id
from bot.services.web import issue_link, login_url


async def cmd_web_login(config: Config, args: Any) -> int:
    if not config.http.public_url:
        print(texts("cli.web.no_public_url"), file=sys.stderr)
        return EXIT_CONFIG

    async def work(loa: loa_app.Loa) -> int:
        async with loa.sessions() as session, session.begin():
            scope = operator_scope(loa, session)
            try:
                user_id = check_user_id(args.channel, args.user_id)
                identity = await get_identity(session, args.channel, user_id)
                token = await issue_link(scope, identity.officer if identity else None)
            except Refused as exc:
                print(loa.texts(exc.key, **exc.values), file=sys.stderr)
                print(loa.texts("cli.web.grant_first", channel=args.channel,
                                user_id=args.user_id), file=sys.stderr)
                return EXIT_CONFIG
        assert config.http.public_url is not None
        print(loa.texts("cli.web.login_link"))
        print(login_url(config.http.public_url, token))
        return 0

    return await with_loa(config, work)
