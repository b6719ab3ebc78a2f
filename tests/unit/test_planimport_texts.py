"""The plan importer's sentences (why a file cannot be read, the draft's notes and comments, Loa's
own names for what a plan implies) live in messages/vi.toml, as the chat's do: none is written
in bot/domain/planimport, whose only Vietnamese is the reader's vocabulary, exempted by name."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from bot.core.texts import Texts
from tests.conftest import ROOT
from tests.support.inline_texts import inline_sentences

FOLDER = ROOT / "bot" / "domain" / "planimport"
TEXTS = Texts.load(ROOT / "messages")
# The reader's vocabulary: names it recognises in a plan and writes as the plan spells them,
# not sentences Loa says (each a list of the country's official names, in names.py).
VOCABULARY = {
    "PROVINCES",  # the provinces, as "Bà Rịa - Vũng Tàu" is written
    "ISSUERS",  # the bodies that issue plans ("Trung tâm Kiểm soát bệnh tật")
    "OFFICE_CODES",  # a plan number's office code to its body ("KH-SYT": Sở Y tế)
    "PROVINCIAL",  # bodies named without their province, which the plan's province follows
    "NAMED_DAYS",  # the health calendar's named days ("Ngày Thế giới phòng, chống lao")
    "NAMED_WEEKS",  # its national weeks of fixed dates ("Tuần lễ Tiêm chủng thế giới")
}
KEY = re.compile(r"planimport\.[a-z_]+\.[a-z_]+")  # as tests/unit/test_texts.py finds keys in code


def _sources() -> list[tuple[Path, ast.Module]]:
    return [(path, ast.parse(path.read_text())) for path in sorted(FOLDER.glob("*.py"))]


def _say_calls() -> list[tuple[str, str, set[str]]]:
    """(where, key, the values given) of every say("planimport.…", …) with its key written out."""
    calls = []
    for path, tree in _sources():
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id == "say" and node.args):
                continue
            first = node.args[0]
            keys = [first.body, first.orelse] if isinstance(first, ast.IfExp) else [first]
            for key in keys:
                assert isinstance(key, ast.Constant), f"{path.name}:{node.lineno}: key not written out"
                calls.append((f"{path.name}:{node.lineno}", key.value,
                              {k.arg for k in node.keywords if k.arg}))
    return calls


def test_no_vietnamese_sentence_is_written_in_the_importer():
    assert inline_sentences(FOLDER, VOCABULARY, docstrings=True) == []


def test_every_key_exists_and_gets_the_values_it_expects():
    calls = _say_calls()
    assert len(calls) > 50, "the scan must find the calls to mean anything"
    wrong = [(where, key) for where, key, given in calls
             if key not in TEXTS or TEXTS.fields(key) != given]
    assert wrong == []


def test_every_importer_text_is_used():
    used = {key for _, key, _ in _say_calls()}
    unused = [k for k in TEXTS.keys() if k.startswith("planimport.") and k not in used]
    assert unused == []
    assert [k for k in used if not KEY.fullmatch(k)] == []
