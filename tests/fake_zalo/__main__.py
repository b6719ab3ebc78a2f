"""Run the fake Zalo Bot API on its own: `python -m tests.fake_zalo [--port N] [--quiet]`.

Prints one line, the base URL, once it is listening; then, on stderr, how to point `loa run` at
it and talk to the bot as a user (README: "Trying the real bot against the fakes").
"""

from __future__ import annotations

from tests.fake_server import run_main
from tests.fake_zalo import TOKEN
from tests.fake_zalo.server import FakeZalo

USAGE = """Zalo giả (Zalo Bot API) đang chạy tại {url}

Chạy Loa thật với nó, trong cửa sổ khác:
  ZALO_BOT_TOKEN='{token}' ZALO_API_BASE_URL={url} \\
  DATABASE_URL=sqlite+aiosqlite:///data/thu-fake.sqlite3 .venv/bin/loa run
Nhắn tin như một người dùng (tạo người dùng u1 trước, một lần):
  curl -s {url}/_fake/user -d '{{"id": "u1", "display_name": "Hoa"}}'
  curl -s {url}/_fake/text -d '{{"user_id": "u1", "text": "/start MÃ_MỜI"}}'
Đọc tin Loa đã gửi cho người đó:
  curl -s {url}/_fake/sent -d '{{"chat_id": "u1"}}'
Dừng: Ctrl+C."""


def make(token: str, url: str) -> FakeZalo:
    fake = FakeZalo(token)
    fake.base_url = url  # the file links it hands out point back at it
    return fake


def main() -> None:
    run_main("zalo", TOKEN, make, USAGE)


if __name__ == "__main__":
    main()
