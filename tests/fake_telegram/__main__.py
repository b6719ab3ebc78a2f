"""Run the fake Bot API on its own: `python -m tests.fake_telegram [--port N] [--quiet]`.

Prints one line, the base URL, once it is listening (benchmarks run it in a separate process so
that its work does not share an interpreter with the code being measured, and read that line);
then, on stderr, how to point `loa run` at it and talk to the bot as a user (README: "Trying the
real bot against the fakes").
"""

from __future__ import annotations

from tests.fake_server import run_main
from tests.fake_telegram import TOKEN
from tests.fake_telegram.server import FakeTelegram

USAGE = """Telegram giả (Bot API) đang chạy tại {url}

Chạy Loa thật với nó, trong cửa sổ khác:
  TELEGRAM_BOT_TOKEN='{token}' TELEGRAM_API_BASE_URL={url} \\
  DATABASE_URL=sqlite+aiosqlite:///data/thu-fake.sqlite3 .venv/bin/loa run
Nhắn tin như một người dùng (tạo người dùng 1001 trước, một lần):
  curl -s {url}/_fake/user -d '{{"id": 1001, "first_name": "Hoa"}}'
  curl -s {url}/_fake/text -d '{{"user_id": 1001, "text": "/start MÃ_MỜI"}}'
Đọc tin Loa đã gửi cho người đó:
  curl -s {url}/_fake/sent -d '{{"chat_id": 1001}}'
Bấm nút (message_id và data lấy từ tin đã gửi):
  curl -s {url}/_fake/press -d '{{"user_id": 1001, "message_id": 5, "data": "..."}}'
Dừng: Ctrl+C."""


def main() -> None:
    run_main("telegram", TOKEN, lambda token, url: FakeTelegram(token), USAGE)


if __name__ == "__main__":
    main()
