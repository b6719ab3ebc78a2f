"""Fitting messages to a channel: numbered choices, splitting, captions, edits."""

from __future__ import annotations

import pytest

from bot.channels import Capabilities
from bot.core.events import Choice, EditOut, PhotoOut, TextOut
from bot.core.textfit import split_text
from bot.delivery.render import render

BUTTONS = Capabilities(buttons=True, edits=True, max_text=4096, max_caption=1024)
PLAIN = Capabilities(buttons=False, edits=False, max_text=2000, max_caption=2000)
HINT = "(Trả lời bằng số thứ tự.)"
YES_NO = ((Choice("Đúng", "n|yes"), Choice("Không phải", "n|no")),)


@pytest.mark.parametrize("text", [
    "a" * 10_000,
    ("Đoạn văn tiếng Việt có dấu. " * 40 + "\n\n") * 12,
    "\n".join(f"Dòng {i}: nội dung" for i in range(900)),
])
def test_split_keeps_every_character_and_the_limit(text):
    parts = split_text(text, 4096)
    assert all(0 < len(p) <= 4096 for p in parts)
    assert "".join(parts).replace(" ", "").replace("\n", "") == text.replace(" ", "").replace("\n", "")


def test_split_prefers_paragraphs():
    text = "A" * 3000 + "\n\n" + "B" * 3000
    assert split_text(text, 4096) == ["A" * 3000, "B" * 3000]


def test_a_long_paragraph_splits_after_a_sentence_and_never_mid_word():
    sentence = "Tiêm chủng đầy đủ giúp trẻ phòng bệnh sởi. "
    text = (sentence * 60).strip()  # one paragraph of ~2,600 characters, no line breaks
    parts = split_text(text, 2000)
    assert len(parts) == 2 and all(len(p) <= 2000 for p in parts)
    assert parts[0].endswith("bệnh sởi.") and parts[1].startswith("Tiêm chủng")
    assert " ".join(parts) == text
    words = ("Truyền thông " * 300).strip()  # no sentence end at all: cut between words
    first, *_ = split_text(words, 2000)
    assert first.endswith(("Truyền", "thông")) and words.startswith(first)


def test_choices_become_numbered_lines_without_buttons():
    (out,) = render(TextOut(text="Đơn vị của bạn?", choices=YES_NO), PLAIN, HINT)
    assert out.choices == ()
    assert out.text == "Đơn vị của bạn?\n\n  1. Đúng\n  2. Không phải\n" + HINT
    (kept,) = render(TextOut(text="Đơn vị của bạn?", choices=YES_NO), BUTTONS, HINT)
    assert kept.choices == YES_NO


def test_long_text_with_buttons_keeps_buttons_on_the_last_part():
    parts = render(TextOut(text="x " * 5000, choices=YES_NO), BUTTONS, HINT)
    assert len(parts) == 3
    assert [p.choices for p in parts] == [(), (), YES_NO]


def test_long_caption_goes_after_the_photo():
    caption = "Chú thích dài. " * 100
    photo, *rest = render(PhotoOut(photo=b"jpeg", caption=caption, choices=YES_NO), BUTTONS, HINT)
    assert photo == PhotoOut(photo=b"jpeg")
    assert "".join(r.text for r in rest).replace(" ", "") == caption.replace(" ", "")
    assert rest[-1].choices == YES_NO


def test_edit_on_a_channel_without_edits():
    assert render(EditOut(message_id="1", text="Mới"), PLAIN, HINT) == [TextOut(text="Mới")]
    assert render(EditOut(message_id="1"), PLAIN, HINT) == []


def test_callback_data_limit():
    Choice("ok", "x" * 64)
    with pytest.raises(ValueError):
        Choice("quá dài", "x" * 65)
    with pytest.raises(ValueError):
        Choice("tiếng Việt", "đ" * 33)  # 66 bytes in UTF-8


def test_shortened_text_ends_at_a_word_with_an_ellipsis():
    from bot.core.textfit import shorten

    title = "Kế hoạch truyền thông phòng chống tăng huyết áp năm 2026"
    assert shorten(title, 100) == title
    cut = shorten(title, 30)
    assert cut == "Kế hoạch truyền thông phòng…" and len(cut) <= 30
    assert shorten("Một\ndòng  mới", 50) == "Một dòng mới"  # a preview in a list is one line
    assert shorten("a" * 40, 10) == "a" * 9 + "…"


def test_nothing_a_user_sees_is_cut_by_slicing():
    """Every shortened text goes through `shorten` (cut at a word, marked "…")."""
    import re

    from tests.conftest import ROOT

    sliced = []
    for folder in ("handlers", "bot/cli", "bot/domain"):
        for path in (ROOT / folder).rglob("*.py"):
            for n, line in enumerate(path.read_text().splitlines(), 1):
                if re.search(r"(text|title|description|caption).*\[:\d+\]", line):
                    sliced.append(f"{path.name}:{n}: {line.strip()}")
    assert sliced == []


def test_a_document_goes_as_a_file_or_as_the_text_saying_where_it_is():
    from bot.core.events import DocumentOut

    files = Capabilities(buttons=True, edits=True, max_text=4096, max_caption=1024, documents=True)
    doc = DocumentOut(document=b"PK", filename="bao-cao.docx", caption="Dự thảo",
                      fallback="Dự thảo\n\nTệp đã soạn xong, lưu tại: /srv/loa/exports/bao-cao.docx")
    assert render(doc, files, "") == [doc]
    assert render(doc, PLAIN, "") == [TextOut(text=doc.fallback)]
    long = DocumentOut(document=b"PK", filename="a.docx", caption="x" * 1500)
    assert render(long, files, "") == [DocumentOut(document=b"PK", filename="a.docx"),
                                       TextOut(text="x" * 1500)]
