"""The import contract (pyproject's [tool.importlinter]) holds on the tree, and breaks when a module
imports from a layer above its own."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LINT = Path(sys.executable).with_name("lint-imports")


def _lint(tree: Path) -> subprocess.CompletedProcess[str]:
    # The copy first on the path: its packages, not the installed checkout's, are analysed.
    env = {**os.environ, "PYTHONPATH": str(tree)}
    return subprocess.run([str(LINT), "--no-cache"], cwd=tree, env=env, capture_output=True,
                          text=True, timeout=120)


def _copy(tmp_path: Path) -> Path:
    tree = tmp_path / "tree"
    for name in ("bot", "handlers", "schedules"):
        shutil.copytree(ROOT / name, tree / name, ignore=shutil.ignore_patterns("__pycache__", "*.json"))
    shutil.copy(ROOT / "pyproject.toml", tree / "pyproject.toml")
    return tree


def test_layers_hold_and_an_upward_import_breaks_them(tmp_path: Path) -> None:
    tree = _copy(tmp_path)
    kept = _lint(tree)
    assert kept.returncode == 0, kept.stdout + kept.stderr
    assert "1 kept, 0 broken" in kept.stdout

    # The domain reaching up into the conversation engine, as core/dispatch once reached into it.
    with (tree / "bot" / "domain" / "stats.py").open("a") as f:
        f.write("\nfrom bot.engine import flows  # noqa: E402,F401\n")
    broken = _lint(tree)
    assert broken.returncode != 0
    assert "bot.domain is not allowed to import bot.engine" in broken.stdout
    assert "bot.domain.stats -> bot.engine.flows" in broken.stdout


def test_platform_facts_live_only_in_channels() -> None:
    """Outside bot/channels/ no code names a platform (plans may name Zalo as a place to post:
    that is the plan's content, read by the importer) and no module states a platform's limit."""
    import re

    platform = re.compile(r"telegram|zalo|botfather|userinfobot", re.I)
    found = []
    for folder in ("bot", "handlers", "schedules"):
        for path in (ROOT / folder).rglob("*.py"):
            rel = path.relative_to(ROOT).as_posix()
            if rel.startswith(("bot/channels/", "bot/store/migrations/", "bot/domain/planimport/")):
                continue
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if platform.search(line):
                    found.append(f"{rel}:{n}: {line.strip()}")
    assert found == []


def test_every_channel_with_buttons_carries_loas_choices() -> None:
    from bot.channels import specs
    from bot.core.events import CALLBACK_DATA_MAX_BYTES

    for spec in specs().values():
        if spec.caps.buttons:
            assert spec.caps.max_choice_bytes is not None
            assert CALLBACK_DATA_MAX_BYTES <= spec.caps.max_choice_bytes, spec.name
