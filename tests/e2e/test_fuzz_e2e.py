"""Property-based fuzzing: random hostile updates from officers and strangers never stop Loa,
never go unanswered, never earn the apology, and never leave the database inconsistent
(benchmarks/fuzz.py runs the same for longer)."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tests.conftest import make_config, telegram_env
from tests.support.fuzzing import LoaThread, updates

EXAMPLES = 60


@pytest.fixture
def loa_thread(db_url, fake_server, clock) -> Iterator[LoaThread]:
    config = make_config(db_url, **telegram_env(fake_server))
    running = LoaThread(config, clock, fake_server.url).start()
    try:
        yield running
    finally:
        running.stop()


@pytest.mark.timeout(300)
def test_random_hostile_updates_are_all_answered_and_loa_still_answers_help(loa_thread, log_records):
    fuzzer = loa_thread.fuzzer
    assert fuzzer is not None

    # Loa keeps its state between examples (as it would in production): derandomized so a
    # failure is met again on the next run, and not shrunk against a state that has moved on.
    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
              phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
    @given(st.lists(updates(), min_size=1, max_size=8))
    def play(specs):
        loa_thread.run(fuzzer.play(specs))

    play()
    loa_thread.run(fuzzer.finish())
    assert fuzzer.tried >= EXAMPLES and len(fuzzer.kinds) >= 6, fuzzer.kinds
    crashes = [r.getMessage() for r in log_records.records if r.name.startswith("bot.") and (
        r.exc_info or (r.levelno >= logging.ERROR and "cannot be read" not in r.getMessage()))]
    assert crashes == []
