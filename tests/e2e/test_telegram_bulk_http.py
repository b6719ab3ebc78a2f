"""The outbox's light send path (BulkSender) over real HTTP on loopback: each answer a Bot API
server can give becomes the same typed outcome as on PTB's path, a server that never answers is
a time-out, and a proxy named in the environment is used as PTB's client would use it."""

from __future__ import annotations

import asyncio
import json
import ssl
from collections.abc import AsyncIterator, Callable

import pytest
import trustme

from bot.channels import RecipientBlocked, Rejected, SendTimeout, Sent, Throttled, Transient
from bot.channels import telegram as tg_module
from bot.channels.telegram import BulkSender
from bot.core.events import TextOut

Answer = Callable[[bytes], bytes | None]  # request body → raw response (None: never answer)


def http(status: int, body: bytes, reason: str = "X") -> bytes:
    return (f"HTTP/1.1 {status} {reason}\r\ncontent-type: application/json\r\n"
            f"content-length: {len(body)}\r\n\r\n").encode() + body


def bot_api(status: int, **fields: object) -> bytes:
    return http(status, json.dumps(fields).encode())


class Server:
    """A loopback HTTP/1.1 server that answers each request as `answer` says and keeps the
    request lines it read."""

    def __init__(self, answer: Answer) -> None:
        self.answer = answer
        self.lines: list[str] = []
        self.bodies: list[dict[str, object]] = []
        self.port = 0
        self.connections = 0

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                lines = head.decode("latin-1").split("\r\n")
                self.lines.append(lines[0])
                length = next(int(v) for k, _, v in (x.partition(":") for x in lines[1:])
                              if k.lower() == "content-length")
                body = await reader.readexactly(length)
                self.bodies.append(json.loads(body))
                raw = self.answer(body)
                if raw is None:
                    await asyncio.sleep(30)
                    return
                writer.write(raw)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()


@pytest.fixture
async def serve() -> AsyncIterator[Callable[[Answer], asyncio.Future[Server]]]:
    servers: list[asyncio.Server] = []

    async def start(answer: Answer, tls: ssl.SSLContext | None = None) -> Server:
        state = Server(answer)
        server = await asyncio.start_server(state.handle, "127.0.0.1", 0, ssl=tls)
        state.port = server.sockets[0].getsockname()[1]
        servers.append(server)
        return state

    yield start  # type: ignore[misc]
    for server in servers:
        server.close()


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)


OUTCOMES = [
    ("sent", bot_api(200, ok=True, result={"message_id": 77}), Sent),
    ("flood", bot_api(429, ok=False, error_code=429, description="Too Many Requests: retry after 3",
                      parameters={"retry_after": 3}), Throttled),
    ("blocked", bot_api(403, ok=False, error_code=403,
                        description="Forbidden: bot was blocked by the user"), RecipientBlocked),
    ("bad request", bot_api(400, ok=False, error_code=400,
                            description="Bad Request: chat not found"), Rejected),
    ("gateway page", http(502, b"<html>Bad Gateway</html>"), Transient),
    ("not an object", http(200, b"[1, 2]"), Rejected),
]


@pytest.mark.parametrize(("answer", "expected"), [o[1:] for o in OUTCOMES],
                         ids=[o[0] for o in OUTCOMES])
async def test_each_answer_is_its_typed_outcome(serve, answer: bytes, expected: type) -> None:
    server = await serve(lambda body: answer)
    bulk = BulkSender(f"http://127.0.0.1:{server.port}", "1:T", 2)
    try:
        if expected is Sent:
            sent = await bulk.send("42", TextOut(text="Khẩu hiệu «Sức khỏe là vàng»"), paid=True)
            assert sent.message_id == "77"
        else:
            with pytest.raises(expected):
                await bulk.send("42", TextOut(text="x"), paid=False)
    finally:
        await bulk.aclose()
    assert server.lines == ["POST /bot1:T/sendMessage HTTP/1.1"]
    sent_body = server.bodies[0]
    assert sent_body["chat_id"] == "42"
    assert ("allow_paid_broadcast" in sent_body) == (expected is Sent)
    if expected is Sent:  # Vietnamese goes as UTF-8, read back intact
        assert sent_body["text"] == "Khẩu hiệu «Sức khỏe là vàng»"


async def test_a_server_that_never_answers_is_a_time_out(serve, monkeypatch) -> None:
    monkeypatch.setattr(tg_module, "SEND_TIMEOUTS", {"timeout": {
        "connect": 1.0, "read": 0.3, "write": 1.0, "pool": 1.0}})
    server = await serve(lambda body: None)
    bulk = BulkSender(f"http://127.0.0.1:{server.port}", "1:T", 2)
    try:
        with pytest.raises(SendTimeout):
            await bulk.send("42", TextOut(text="x"), paid=False)
    finally:
        await bulk.aclose()


async def test_a_closed_port_is_transient(serve) -> None:
    server = await serve(lambda body: None)
    bulk = BulkSender("http://127.0.0.1:9", "1:T", 2)  # discard port: nothing listens
    try:
        with pytest.raises(Transient):
            await bulk.send("42", TextOut(text="x"), paid=False)
    finally:
        await bulk.aclose()
    assert server.lines == []


async def test_a_proxy_in_the_environment_carries_the_sends(serve, monkeypatch) -> None:
    proxy = await serve(lambda body: bot_api(200, ok=True, result={"message_id": 5}))
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{proxy.port}")
    # The API's own address has nothing listening: only the proxy can answer.
    bulk = BulkSender("http://127.0.0.1:9", "1:T", 2)
    try:
        assert (await bulk.send("42", TextOut(text="x"), paid=False)).message_id == "5"
    finally:
        await bulk.aclose()
    assert proxy.lines == ["POST http://127.0.0.1:9/bot1:T/sendMessage HTTP/1.1"]


async def test_over_tls_a_connection_is_kept_for_the_next_sends(serve) -> None:
    # The real Bot API is https: each connection's TLS handshake, then sends on it in turn.
    ca = trustme.CA()
    served = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("localhost").configure_cert(served)
    trusting = ssl.create_default_context()
    ca.configure_trust(trusting)
    ids = iter(range(1, 100))
    server = await serve(lambda body: bot_api(200, ok=True, result={"message_id": next(ids)}),
                         served)
    bulk = BulkSender(f"https://localhost:{server.port}", "1:T", 1, ssl_context=trusting)
    try:
        got = [(await bulk.send(str(n), TextOut(text="Tin «mới»"), paid=False)).message_id
               for n in range(5)]
    finally:
        await bulk.aclose()
    assert got == ["1", "2", "3", "4", "5"]
    assert [b["chat_id"] for b in server.bodies] == ["0", "1", "2", "3", "4"]
    assert server.connections == 1  # one handshake, five sends
    untrusting = BulkSender(f"https://localhost:{server.port}", "1:T", 1)  # httpx's CAs only
    try:
        with pytest.raises(Transient):
            await untrusting.send("9", TextOut(text="x"), paid=False)
    finally:
        await untrusting.aclose()
    assert len(server.bodies) == 5


async def test_a_connection_the_server_spoke_on_while_idle_is_not_reused() -> None:
    # A server that times out an idle keep-alive connection may answer 408 before closing it:
    # that answer must not be read as the next send's.
    connections = 0

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        nonlocal connections
        connections += 1
        head = await reader.readuntil(b"\r\n\r\n")
        length = next(int(line.split(b":")[1]) for line in head.split(b"\r\n")
                      if line.lower().startswith(b"content-length"))
        await reader.readexactly(length)
        writer.write(bot_api(200, ok=True, result={"message_id": connections}))
        await writer.drain()
        await asyncio.sleep(0.1)  # idle, then the server gives up on it
        writer.write(http(408, b'{"ok":false}', "Request Timeout"))
        await writer.drain()
        await asyncio.sleep(1)
        writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    bulk = BulkSender(f"http://127.0.0.1:{port}", "1:T", 1)
    try:
        assert (await bulk.send("1", TextOut(text="x"), paid=False)).message_id == "1"
        await asyncio.sleep(0.3)  # the 408 has arrived; the server has not closed yet
        assert (await bulk.send("2", TextOut(text="x"), paid=False)).message_id == "2"
    finally:
        await bulk.aclose()
        server.close()
    assert connections == 2
