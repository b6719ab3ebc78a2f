"""The one cleaning step for incoming text, and number parsing from ASCII digits only."""

from __future__ import annotations

import pytest

from bot.core.events import ButtonIn, CommandIn, PhotoIn, PhotoRef, TextIn
from bot.core.normalize import ID_MAX, clean_text, normalize_event, parse_id, parse_int


@pytest.mark.parametrize(("given", "kept"), [
    ("Nguyễn Thị Lan", "Nguyễn Thị Lan"),
    ("Nguye\u0302\u0303n", "Nguyễn"),  # decomposed diacritics → NFC
    ("Lan\x00", "Lan"),
    ("Rửa\u200b tay\u2060 bằng\ufeff xà phòng", "Rửa tay bằng xà phòng"),
    ("\u202eY sĩ\u202c \u2066x\u2069", "Y sĩ x"),
    ("a\r\nb\rc\u2028d", "a\nb\nc\nd"),
    ("bell\x07 esc\x1b del\x7f", "bell esc del"),
    ("\ud800lone\udfff", "lone"),
    ("gia\u200dđình", "giađình"),  # a joiner between letters is a look-alike trick
    ("👨\u200d👩\u200d👧", "👨\u200d👩\u200d👧"),  # inside an emoji sequence it stays
])
def test_clean_text_keeps_what_a_reader_sees(given, kept):
    assert clean_text(given) == kept


@pytest.mark.parametrize(("given", "lo", "hi", "number"), [
    ("7", 1, 60, 7), (" 60 ", 1, 60, 60), ("61", 1, 60, None), ("0", 1, 60, None),
    ("²", 1, 60, None), ("٣", 1, 60, None), ("０７", 1, 60, None), ("1²", 1, 9999, None),
    ("-3", -5, 5, None), ("+3", 1, 5, None), ("3.0", 1, 5, None), ("", 1, 5, None),
    ("9" * 40, 1, 10**50, None),
])
def test_parse_int_reads_ascii_digits_within_bounds(given, lo, hi, number):
    assert parse_int(given, lo, hi) == number


def test_ids_beyond_the_database_integer_are_no_ids():
    assert parse_id(str(ID_MAX)) == ID_MAX
    assert parse_id("3000000000") is None and parse_id("99999999999999999999") is None
    assert parse_id(None) is None and parse_id("0") is None


def test_every_text_field_of_an_event_is_cleaned():
    base = {"channel": "t", "update_id": "1", "user_id": "5", "chat_id": "5",
            "display_name": "Lan\x00 \u202eNguyễn"}
    assert normalize_event(TextIn(text="a\x00b", **base)).text == "ab"
    assert normalize_event(TextIn(text="x", **base)).display_name == "Lan Nguyễn"
    assert normalize_event(CommandIn(name="gio", args=("\u200b", "7h\x00"), **base)).args == ("7h",)
    photo = normalize_event(PhotoIn(photo=PhotoRef(file_id="AgAC\x00"), caption="c\u202e", **base))
    assert (photo.caption, photo.photo.file_id) == ("c", "AgAC")
    assert normalize_event(ButtonIn(data="rp:1\n:edit", **base)).data == "rp:1 :edit"
    assert normalize_event(ButtonIn(data="x" * 65, **base)).data == ""  # longer than Telegram allows
