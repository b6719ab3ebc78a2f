"""`loa officers import`: invites for a whole staff list, written back with links and QR codes."""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from bot import app as loa_app
from bot.cli.common import EXIT_CONFIG, operator_scope, os_problem, texts, with_loa
from bot.core.config import Config


async def cmd_officers_import(config: Config, args: Any) -> int:
    from bot.domain import roster
    from bot.services.people import create_invites

    if not 1 <= args.days <= 3650:
        print(texts("cli.officers.bad_days"), file=sys.stderr)
        return EXIT_CONFIG
    out = args.out or args.file.with_name(f"{args.file.stem}-moi.xlsx")
    if out.resolve() == args.file.resolve():
        print(texts("cli.officers.out_is_source"), file=sys.stderr)
        return EXIT_CONFIG

    async def work(loa: loa_app.Loa) -> int:
        created = False
        temp: Path | None = None
        try:
            async with loa.sessions() as session:
                known = await roster.unit_codes(session)
            people, book, columns = roster.read(args.file, loa.texts, known)
            await loa_app.learn_channel_facts(loa)
            # Where the copy goes is tried before any invite exists; the copy (a QR code each)
            # is built after the transaction, which on SQLite holds the write lock from BEGIN.
            fd, name = tempfile.mkstemp(dir=out.parent, prefix=".loa-", suffix=".xlsx")
            os.close(fd)
            temp = Path(name)
            mask = os.umask(0)
            os.umask(mask)
            temp.chmod(0o666 & ~mask)  # as a file written directly would be (mkstemp: 0600)
            async with loa.sessions() as session, session.begin():
                kept = await create_invites(operator_scope(loa, session), people, args.days)
            created = True
            await asyncio.to_thread(roster.write_copy, book, people, columns, temp, loa.texts)
            temp.replace(out)
        except roster.RosterError as exc:
            for line in exc.problems:
                print(line, file=sys.stderr)
            print(loa.texts("cli.officers.none_created"), file=sys.stderr)
            return EXIT_CONFIG
        except OSError as exc:
            if not created:
                print(loa.texts("cli.officers.cannot_write", path=out, why=os_problem(exc)),
                      file=sys.stderr)
                return EXIT_CONFIG
            # The invites exist: each is printed, so none is lost with the copy.
            print(loa.texts("cli.officers.created_not_written", count=len(people) - kept,
                            path=out, why=os_problem(exc)), file=sys.stderr)
            for person in people:
                print(f"{person.name}\t{person.unit}\t{person.code}")
            return EXIT_CONFIG
        finally:
            if temp is not None:
                temp.unlink(missing_ok=True)
        print(loa.texts("cli.officers.created", count=len(people) - kept, days=args.days))
        if kept:
            print(loa.texts("cli.officers.kept", kept=kept))
        print(loa.texts("cli.officers.written", path=out))
        return 0

    return await with_loa(config, work)
