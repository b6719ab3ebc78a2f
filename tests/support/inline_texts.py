"""Finding user-facing Vietnamese written inline in code (the guards of messages/ as the one
home of texts): tests/unit/test_cli_texts.py and tests/unit/test_planimport_texts.py."""

from __future__ import annotations

import ast
import re
from pathlib import Path

VIETNAMESE = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]",
                        re.IGNORECASE)


def inline_sentences(folder: Path, exempt: set[str], docstrings: bool = False) -> list[str]:
    """Strings with a space and a Vietnamese letter in `folder`'s modules, outside the functions
    and assignments named in `exempt`, argparse's `metavar`s and (with `docstrings`) docstrings."""
    found = []
    for path in sorted(folder.glob("*.py")):
        tree = ast.parse(path.read_text())
        skip: set[int] = set()
        for node in ast.walk(tree):
            if docstrings and isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
                skip.add(id(node.value))
            named = (node.name if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
                     else next((t.id for t in getattr(node, "targets", [])
                                if isinstance(t, ast.Name)), None))
            if named in exempt or (isinstance(node, ast.keyword) and node.arg == "metavar"):
                skip |= {id(n) for n in ast.walk(node)}
        for node in ast.walk(tree):
            if (isinstance(node, ast.Constant) and isinstance(node.value, str)
                    and id(node) not in skip and " " in node.value.strip()
                    and VIETNAMESE.search(node.value)):
                found.append(f"{path.name}:{node.lineno}: {node.value[:60]}")
    return found
