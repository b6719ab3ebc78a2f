"""The `loa` command's sentences live in messages/vi.toml, as the chat's do: none is in bot/cli."""

from __future__ import annotations

from tests.conftest import ROOT
from tests.support.inline_texts import inline_sentences

# Not sentences: the demo's sample people and units (data it stores), the words `forget` accepts.
DATA = {"seed_demo", "DEMO_PEOPLE", "ADMIN", "CONFIRM_WORDS"}


def test_no_vietnamese_sentence_is_written_in_the_cli_code():
    assert inline_sentences(ROOT / "bot" / "cli", DATA) == []
