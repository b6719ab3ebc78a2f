"""Run the fake Bot API on its own: `python -m tests.fake_telegram [--port N]`.

Prints one line, the base URL, once it is listening; benchmarks run it in a separate process so
that its work does not share an interpreter with the code being measured.
"""

from __future__ import annotations

import argparse
import asyncio
import socket

import uvicorn

from tests.fake_telegram import TOKEN
from tests.fake_telegram.server import FakeTelegram


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--token", default=TOKEN)
    args = parser.parse_args()
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # Accepted connections inherit it: without, Nagle and delayed ACKs add ~40 ms per answer.
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind(("127.0.0.1", args.port))
    fake = FakeTelegram(args.token)
    server = uvicorn.Server(uvicorn.Config(fake.app(), log_level="critical", lifespan="off",
                                           access_log=False, timeout_graceful_shutdown=1,
                                           backlog=2048))

    async def serve() -> None:
        task = asyncio.create_task(server.serve(sockets=[sock]))
        while not server.started:  # noqa: ASYNC110 - uvicorn offers no event for it
            await asyncio.sleep(0.01)
        print(f"http://127.0.0.1:{sock.getsockname()[1]}", flush=True)
        await task

    asyncio.run(serve())


if __name__ == "__main__":
    main()
