"""httpcore's network layer on plain asyncio streams, for the outbox's sends at a platform's
paid rate.

httpcore reaches asyncio through anyio, and at 1,000 sends a second that layer was a fifth of
the sending process's CPU (a task-group check on every read, a dict of socket attributes built
each time a pooled connection is looked at). httpcore takes any `AsyncNetworkBackend`; this one
is asyncio's own streams, with the same time-outs and error types, and a request's head and
body go out in one write.
"""

from __future__ import annotations

import asyncio
import socket
import ssl
from collections.abc import Iterable
from typing import Any

import httpcore


class Stream(httpcore.AsyncNetworkStream):
    """One connection. Writes are held until the next read (HTTP/1.1 writes a whole request,
    then reads), so a request leaves in one send, not one for its head and one for its body."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._reader, self._writer = reader, writer
        self._held: list[bytes] = []

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        await self._send_held(timeout)
        try:
            async with asyncio.timeout(timeout):
                return await self._reader.read(max_bytes)
        except TimeoutError:
            raise httpcore.ReadTimeout("read timed out") from None
        except OSError as exc:
            raise httpcore.ReadError(type(exc).__name__) from None

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:
        if buffer:
            self._held.append(buffer)

    async def _send_held(self, timeout: float | None) -> None:
        if not self._held:
            return
        data = b"".join(self._held)
        self._held.clear()
        try:
            self._writer.write(data)
            if self._writer.transport.get_write_buffer_size() > 0:  # only then is there a wait
                async with asyncio.timeout(timeout):
                    await self._writer.drain()
        except TimeoutError:
            raise httpcore.WriteTimeout("write timed out") from None
        except (OSError, RuntimeError) as exc:  # RuntimeError: the transport already closed
            raise httpcore.WriteError(type(exc).__name__) from None

    async def aclose(self) -> None:
        self._held.clear()
        self._writer.close()
        await asyncio.sleep(0)  # the transport's close runs (as anyio's does)

    async def start_tls(self, ssl_context: ssl.SSLContext, server_hostname: str | None = None,
                        timeout: float | None = None) -> httpcore.AsyncNetworkStream:
        await self._send_held(timeout)
        try:
            async with asyncio.timeout(timeout):
                await self._writer.start_tls(ssl_context, server_hostname=server_hostname)
        except TimeoutError:
            self._writer.close()
            raise httpcore.ConnectTimeout("TLS handshake timed out") from None
        except (OSError, ssl.SSLError) as exc:
            self._writer.close()
            raise httpcore.ConnectError(type(exc).__name__) from None
        return self

    def get_extra_info(self, info: str) -> Any:
        if info == "is_readable":  # an idle pooled connection the server wrote to or closed
            # asyncio reads eagerly: what a server said on an idle connection (a 408 before
            # closing) waits in the reader's buffer, not in the socket anyio looked at.
            return bool(getattr(self._reader, "_buffer", b"")) or self._reader.at_eof() \
                or self._writer.is_closing()
        names = {"ssl_object": "ssl_object", "client_addr": "sockname",
                 "server_addr": "peername", "socket": "socket"}
        return self._writer.get_extra_info(names[info]) if info in names else None


class Backend(httpcore.AsyncNetworkBackend):
    """Plain asyncio connections for httpcore's pool (`network_backend=Backend()`)."""

    async def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                          local_address: str | None = None,
                          socket_options: Iterable[Any] | None = None
                          ) -> httpcore.AsyncNetworkStream:
        try:
            async with asyncio.timeout(timeout):
                # Happy Eyeballs as anyio: a host whose IPv6 route is dead still connects.
                reader, writer = await asyncio.open_connection(
                    host, port, local_addr=(local_address, 0) if local_address else None,
                    happy_eyeballs_delay=0.25)
        except TimeoutError:
            raise httpcore.ConnectTimeout("connect timed out") from None
        except OSError as exc:
            raise httpcore.ConnectError(type(exc).__name__) from None
        sock: socket.socket | None = writer.get_extra_info("socket")
        for option in socket_options or ():
            if sock is not None:
                sock.setsockopt(*option)
        return Stream(reader, writer)

    async def connect_unix_socket(self, path: str, timeout: float | None = None,
                                  socket_options: Iterable[Any] | None = None
                                  ) -> httpcore.AsyncNetworkStream:
        try:
            async with asyncio.timeout(timeout):
                reader, writer = await asyncio.open_unix_connection(path)
        except TimeoutError:
            raise httpcore.ConnectTimeout("connect timed out") from None
        except OSError as exc:
            raise httpcore.ConnectError(type(exc).__name__) from None
        return Stream(reader, writer)

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)
