"""A longer fuzz run than the suite's: random hostile updates against Loa over the fake Bot API.

    python -m benchmarks.fuzz [--db sqlite|postgresql] [--examples 500] [--seed N]

The same examples and checks as tests/e2e/test_fuzz_e2e.py (tests/support/fuzzing.py), but many more and,
with --seed, different ones each run: every user who wrote is answered, nobody gets the
apology, every readable update is handled once, Loa still answers /help and the database
passes its checks. Prints the count of updates tried and appends it, dated, to RESULTS.md.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from benchmarks.delivery import database_url, record  # noqa: E402
from bot.app import load_config  # noqa: E402
from bot.core.clock import FrozenClock  # noqa: E402
from tests.fake_telegram import TOKEN, FakeTelegramServer  # noqa: E402
from tests.support.fuzzing import LoaThread, updates  # noqa: E402


class Crashes(logging.Handler):
    """Loa's own records of an update it failed on (the unreadable ones are expected)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.seen: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.name.startswith("bot.") and (record.exc_info or (
                record.levelno >= logging.ERROR and "cannot be read" not in record.getMessage())):
            self.seen.append(record.getMessage())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default="sqlite", choices=["sqlite", "postgresql"])
    parser.add_argument("--examples", type=int, default=500)
    parser.add_argument("--seed", type=int, default=None, help="a fixed seed (default: random)")
    args = parser.parse_args()
    crashes = Crashes()
    logging.getLogger().addHandler(crashes)
    logging.getLogger().setLevel(logging.WARNING)

    server = FakeTelegramServer().start()
    tmp = Path(tempfile.mkdtemp(prefix="loa-fuzz-"))
    cfg = tmp / "config.toml"
    cfg.write_text(f'messages_dir = "{ROOT / "messages"}"\nstorage_dir = "photos"\n')
    env = {"DATABASE_URL": asyncio.run(database_url(args.db, tmp)), "TELEGRAM_BOT_TOKEN": TOKEN,
           "TELEGRAM_API_BASE_URL": server.url}
    clock = FrozenClock(datetime(2026, 11, 23, 2, 0, tzinfo=UTC))
    loa = LoaThread(load_config(cfg, env), clock, server.url).start()
    fuzzer = loa.fuzzer
    assert fuzzer is not None
    started = time.perf_counter()
    failure = ""
    try:
        @settings(max_examples=args.examples, deadline=None, database=None,
                  phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
        @given(st.lists(updates(), min_size=1, max_size=8))
        def play(specs: list[dict[str, object]]) -> None:
            loa.run(fuzzer.play(specs))

        if args.seed is not None:
            play = seed(args.seed)(play)
        play()
        loa.run(fuzzer.finish())
    except Exception as exc:  # reported with the count, then re-raised for the exit code
        failure = f"{type(exc).__name__}: {str(exc)[:300]}"
    finally:
        seconds = time.perf_counter() - started
        loa.stop()
        server.stop()
    kinds = ", ".join(f"{k} {n}" for k, n in fuzzer.kinds.most_common())
    verdict = (f"**failed**: {failure}" if failure else
               "**no failure**" if not crashes.seen else f"**{len(crashes.seen)} crash(es)**")
    record([f"- fuzz ({args.db}): **{fuzzer.tried} updates tried** in {args.examples} examples, "
            f"{seconds:.0f} s ({kinds}); {verdict}"], script="fuzz")
    for line in crashes.seen[:10]:
        print("  crash:", line)
    if failure or crashes.seen:
        sys.exit(1)


if __name__ == "__main__":
    main()
