"""Shared by the console's tests: Loa with its HTTP server on a known port (the public URL must
name it), signing in over the fake Bot API, and a headless Chromium."""

from __future__ import annotations

import contextlib
import io
import re
import socket
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw

from bot.app import load_config
from bot.core.config import Config
from bot.store.models import Role
from tests.conftest import ROOT, telegram_env
from tests.support.helpers import join, make_invite
from tests.support.texts import T

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
LINK = re.compile(r"http://127\.0\.0\.1:\d+/login/[A-Za-z0-9_-]+")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def console_config(db_url: str, fake_server: Any, tmp_path: Path, **delivery: str) -> Config:
    port = free_port()
    cfg = tmp_path / "config.toml"
    extra = "".join(f"{k} = {v}\n" for k, v in delivery.items())
    cfg.write_text(f'messages_dir = "{ROOT / "messages"}"\nstorage_dir = "photos"\n'
                   f"[delivery]\nrate_per_second = 200\nprogress_interval = 0.2\n{extra}"
                   f"[prompts]\ntick_seconds = 0.1\n")
    return load_config(cfg, {"DATABASE_URL": db_url, **telegram_env(fake_server),
                             "LOA_HTTP_PORT": str(port),
                             "LOA_PUBLIC_URL": f"http://127.0.0.1:{port}"})


def photo_jpeg(n: int, size: tuple[int, int] = (800, 600)) -> bytes:
    """A real JPEG (decodable, so thumbnails can be made), distinct per n."""
    image = Image.new("RGB", size, (200, 225, 240))
    draw = ImageDraw.Draw(image)
    w, h = size
    draw.rectangle((0, h * 2 // 3, w, h), fill=(120, 160, 100))  # ground
    draw.rectangle((w // 8, h // 5, w * 7 // 8, h * 2 // 5), fill=((60 * n) % 256, 30, 40))  # banner
    for x in (w // 8, w * 7 // 8):
        draw.rectangle((x - 6, h // 5, x + 6, h * 2 // 3), fill=(90, 90, 90))  # poles
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


async def console_people(loa: Any, tg: Any) -> tuple[Any, Any, Any]:
    """An officer (with the sample campaign, the day's prompt read), an admin and an approver of
    the Sở, each in chat over the fake Bot API with what Loa sent them so far read."""
    from tests.e2e.test_reports_e2e import officer  # its unit tree and campaign

    user = await officer(loa, tg)
    await user.receive_one()  # the day's prompt
    admin = await join(tg, 4601, await make_invite(loa, "SYT", Role.ADMIN), "Mai Quản Trị",
                       "Chuyên viên")
    await admin.receive_one()
    approver = await join(tg, 4602, await make_invite(loa, "SYT", Role.APPROVER),
                          "Trần Thị Duyệt", "Phó Giám đốc")
    await approver.receive_one()
    return user, admin, approver


async def link_from_chat(user: Any) -> str:
    """The user sends /web and gets the sign-in link back."""
    await user.send("/web")
    text = (await user.receive_one())["text"]
    found = LINK.search(text)
    assert found, text
    return found.group(0)


async def signed_in(browser: Any, link: str, base: str, **context: Any) -> Any:
    """A new page (Vietnamese locale, `context` e.g. viewport=…) signed in with the /web link,
    on the overview at `base`."""
    page = await (await browser.new_context(locale="vi-VN", **context)).new_page()
    await page.goto(link)
    await page.get_by_role("button", name=T("web.login_button")).click()
    await page.wait_for_url(f"{base}/")
    return page


@contextlib.asynccontextmanager
async def chromium() -> AsyncIterator[Any]:
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            await browser.close()
