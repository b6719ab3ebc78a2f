"""The `loa` command's sentences live in messages/vi.toml, as the chat's do: none is in bot/cli."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from tests.conftest import ROOT

VIETNAMESE = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]",
                        re.IGNORECASE)
# Not sentences: the demo's sample people and units (data it stores), the words `forget` accepts.
DATA = {"seed_demo", "DEMO_PEOPLE", "ADMIN", "CONFIRM_WORDS"}


def inline_sentences(folder: Path) -> list[str]:
    found = []
    for path in sorted(folder.glob("*.py")):
        tree = ast.parse(path.read_text())
        skip: set[int] = set()
        for node in ast.walk(tree):
            named = (node.name if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
                     else next((t.id for t in getattr(node, "targets", [])
                                if isinstance(t, ast.Name)), None))
            if named in DATA or (isinstance(node, ast.keyword) and node.arg == "metavar"):
                skip |= {id(n) for n in ast.walk(node)}
        for node in ast.walk(tree):
            if (isinstance(node, ast.Constant) and isinstance(node.value, str)
                    and id(node) not in skip and " " in node.value.strip()
                    and VIETNAMESE.search(node.value)):
                found.append(f"{path.name}:{node.lineno}: {node.value[:60]}")
    return found


def test_no_vietnamese_sentence_is_written_in_the_cli_code():
    assert inline_sentences(ROOT / "bot" / "cli") == []
