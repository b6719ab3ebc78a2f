"""A TCP proxy on loopback that can be cut, for database outages in tests; with an SSL context
it ends TLS in front of a plain server, as Caddy does in production."""

from __future__ import annotations

import asyncio
import contextlib
import ssl


class TcpProxy:
    """Forwards 127.0.0.1:<port> to `target`; `cut()` drops every connection and refuses new
    ones until `restore()`, as a network failure would."""

    def __init__(self, target_host: str, target_port: int, tls: ssl.SSLContext | None = None) -> None:
        self.target = (target_host, target_port)
        self.tls = tls
        self.port = 0
        self.cut_off = False
        self._server: asyncio.Server | None = None
        self._pipes: set[asyncio.StreamWriter] = set()

    async def start(self) -> TcpProxy:
        self._server = await asyncio.start_server(self._accept, "127.0.0.1", 0, ssl=self.tls)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def stop(self) -> None:
        self.cut()
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()

    def cut(self) -> None:
        self.cut_off = True
        for writer in list(self._pipes):
            writer.transport.abort()
        self._pipes.clear()

    def restore(self) -> None:
        self.cut_off = False

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if self.cut_off:
            writer.transport.abort()
            return
        try:
            up_reader, up_writer = await asyncio.open_connection(*self.target)
        except OSError:
            writer.transport.abort()
            return
        self._pipes.update({writer, up_writer})
        await asyncio.gather(self._pump(reader, up_writer), self._pump(up_reader, writer))

    async def _pump(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError, OSError):
            pass
        finally:
            self._pipes.discard(writer)
            with contextlib.suppress(Exception):
                writer.transport.abort()
