"""What one request may cost: its body is counted as it arrives (chunked too, without
Content-Length) and stopped at a limit, and a form's CSRF token is read from the first small
part of the body before the rest of it is read at all."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import parse_qsl

from python_multipart.multipart import parse_options_header

Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]

FIRST_FIELD_MAX = 4096  # the csrf field comes first in every console form: a few hundred bytes


class BodyTooBig(Exception):
    """More body than the limit arrived; nothing past the limit was read."""


def capped(receive: Receive, limit: int, already: int = 0) -> Receive:
    """`receive` that counts body bytes and raises BodyTooBig past `limit` (`already` read)."""
    seen = already

    async def counted() -> Message:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                raise BodyTooBig()
        return message

    return counted


def replay(head: bytes, more: bool, receive: Receive) -> Receive:
    """`receive` that gives `head` (body already read) first, then the rest as it comes."""
    pending = [{"type": "http.request", "body": head, "more_body": more}]

    async def again() -> Message:
        return pending.pop() if pending else await receive()

    return again


async def read_head(receive: Receive, limit: int = FIRST_FIELD_MAX) -> tuple[bytes, bool]:
    """The body's first bytes, at least `limit` of them unless the body is shorter (then all of
    it), and whether more follows. A client that sends nothing waits on the server's timeouts."""
    head = bytearray()
    more = True
    while more and len(head) < limit:
        message = await receive()
        if message["type"] != "http.request":
            return bytes(head), False
        head += message.get("body", b"")
        more = bool(message.get("more_body", False))
    return bytes(head), more


def first_field(content_type: str, head: bytes, complete: bool) -> tuple[str, str] | None:
    """The name and value of a form body's first field, read from its first bytes (`head`;
    `complete`: that is the whole body); None when they do not hold a whole small field."""
    kind, options = parse_options_header(content_type)
    if kind == b"application/x-www-form-urlencoded":
        first, amp, _ = head.partition(b"&")
        if not amp and not complete:
            return None
        pairs = parse_qsl(first.decode("latin-1"), keep_blank_values=True)
        return pairs[0] if len(pairs) == 1 else None
    if kind == b"multipart/form-data" and options.get(b"boundary"):
        delimiter = b"--" + options[b"boundary"]
        if not head.startswith(delimiter + b"\r\n"):
            return None
        headers, sep, rest = head[len(delimiter) + 2:].partition(b"\r\n\r\n")
        value, end, _ = rest.partition(b"\r\n" + delimiter)
        if not sep or not end:
            return None
        name = None
        for line in headers.split(b"\r\n"):
            key, _, header_value = line.partition(b":")
            if key.strip().lower() == b"content-disposition":
                disposition, params = parse_options_header(header_value.strip())
                if disposition == b"form-data" and b"filename" not in params:
                    name = params.get(b"name", b"").decode("latin-1")
        return (name, value.decode("latin-1")) if name else None
    return None
