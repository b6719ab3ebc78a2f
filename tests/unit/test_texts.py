"""Every text the code asks for exists, takes the values given, and is written with diacritics."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.core.texts import Texts, TextsError
from bot.domain.audit import Action, ActorKind
from bot.domain.invites import InviteProblem
from bot.store.models import BroadcastState, OfficerStatus, Role, SloganState
from tests.conftest import ROOT

TEXTS = Texts.load(ROOT / "messages")
KEY_CALL = re.compile(
    r"""(?:say|ask|\bt|texts|Invalid|Refused|template|Finding\.(?:ok|warn|fail))\(\s*["']"""
    r"""([a-z_]+(?:\.[a-z_]+)+)["']""")
LABEL_KEY = re.compile(r"""\(\s*["'](choice\.[a-z_]+)["']\s*,""")
DYNAMIC = {"role.": [r.value for r in Role], "status.": [s.value for s in OfficerStatus],
           "channel.": ["telegram", "console", "zalo"],
           "onboarding.invite_": [p.value for p in InviteProblem],
           "broadcast.state_": [b.value for b in BroadcastState],
           "slogan.state_": [st.value for st in SloganState],
           "report.photo_why_": ["not_image", "too_big", "download"],
           "report.export_why_": ["not_image", "too_big", "download"],
           "errors.allowed_": [r.value for r in Role],
           "audit.action.": [a.value for a in Action],
           "audit.actor_": [k.value for k in ActorKind if k != ActorKind.OFFICER],
           "audit.object_": ["broadcast", "slogan", "report", "campaign", "officer", "invite"]}


def _code_keys() -> set[str]:
    keys: set[str] = set()
    for folder in ("bot", "handlers", "schedules"):
        for path in (ROOT / folder).rglob("*.py"):
            source = path.read_text()
            keys |= set(KEY_CALL.findall(source)) | set(LABEL_KEY.findall(source))
    return keys


def test_every_key_the_code_uses_exists():
    keys = _code_keys()
    assert len(keys) > 30, "the scan must find the keys to mean anything"
    missing = sorted(k for k in keys if k not in TEXTS)
    assert missing == []
    for prefix, names in DYNAMIC.items():
        for name in names:
            assert f"{prefix}{name}" in TEXTS


def test_help_lines_exist_for_every_command():
    from handlers import build_router

    for command in build_router().commands:
        if command.help_key:
            assert TEXTS(command.help_key).startswith(f"/{command.name}")


def test_texts_are_vietnamese_with_diacritics():
    ascii_only = []
    for key in TEXTS.keys():
        text = TEXTS.template(key)
        words = re.findall(r"[^\W\d_]{2,}", re.sub(r"\{[a-z_]+\}|/[a-z_]+|[A-Z_]{3,}", "", text))
        if len(words) >= 3 and all(w.isascii() for w in words):
            ascii_only.append(key)
    assert ascii_only == []


def test_broken_messages_file_names_file_and_key(tmp_path: Path):
    (tmp_path / "vi.toml").write_text('[a]\nb = 3\n')
    with pytest.raises(TextsError, match=r"vi.toml: a.b: phải là chuỗi"):
        Texts.load(tmp_path)
    (tmp_path / "vi.toml").write_text('x = "thiếu {dấu"\n')
    with pytest.raises(TextsError, match=r"vi.toml: x: dấu"):
        Texts.load(tmp_path)
    (tmp_path / "vi.toml").write_text('x = \n')
    with pytest.raises(TextsError, match=r"TOML không hợp lệ"):
        Texts.load(tmp_path)
    with pytest.raises(TextsError, match="không tìm thấy"):
        Texts.load(tmp_path / "none")


def test_missing_key_or_value_is_a_loud_bug():
    with pytest.raises(KeyError):
        TEXTS("khong.co")
    with pytest.raises(KeyError):
        TEXTS("onboarding.welcome")  # needs {name}, {unit}, {time}


def test_the_bot_speaks_in_one_voice():
    """Officers are addressed as "anh/chị" everywhere, never "bạn"."""
    with_ban = [k for k in TEXTS.keys() if re.search(r"(?<!\w)bạn(?!\w)", TEXTS.template(k),
                                                       re.IGNORECASE)]
    assert with_ban == []


def test_every_command_a_text_mentions_exists():
    from handlers import build_router

    router = build_router()
    unknown = set()
    for key in TEXTS.keys():
        for name in re.findall(r"(?<![\w:/.])/([a-z]+)\b", TEXTS.template(key)):
            if router.command(name) is None:
                unknown.add((key, name))
    assert unknown == set()
