"""Plan files are read in a child process with limits, one or two at a time.

A plan file comes from outside and its readers (python-docx, pypdf, Tesseract) can be made to
spend minutes of CPU and hundreds of MB on a file of a few KB; inside Loa's own process that
starved the event loop, the chat and /healthz. The child (child.py) limits its own CPU time and
address space; the parent bounds its wall time and how much it may answer, kills it (and the
Tesseract it started) when the caller goes away — a browser that disconnects, Ctrl-C — and
refuses what exceeds a limit with a Vietnamese message. Callers wait in line for a free slot.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import signal
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.domain.planimport.files import PlanUnreadable

log = logging.getLogger(__name__)

Say = Callable[..., str]  # bot.core.texts.Texts: a key and values to a Vietnamese text


@dataclass(frozen=True)
class Limits:
    """What reading one plan may cost. A real plan (tens of pages) reads in about a second and
    under 200 MB; a scan's OCR runs in Tesseract, a process of its own under the same limits."""

    cpu_seconds: int = 30
    memory_mb: int = 1024  # address space, which is more than the memory actually used
    wall_seconds: float = 600.0  # OCR of a long scan, on a busy machine
    answer_bytes: int = 16 * 1024 * 1024  # the text (≤ 2,000,000 characters) and its draft


class PlanReader:
    """Reads plans in child processes, at most `at_once` at a time; others wait their turn."""

    def __init__(self, texts: Say, at_once: int = 2, limits: Limits | None = None) -> None:
        self.texts, self.at_once, self.limits = texts, at_once, limits or Limits()
        self.reading = 0
        self.waiting = 0
        self.children: set[int] = set()  # pids of the reading processes
        self.closed = False
        self._turns: asyncio.Condition | None = None

    async def close(self) -> None:
        """Loa stops: reads in progress are killed, waiting ones refused, each with a message."""
        self.closed = True
        for pid in list(self.children):
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(pid, signal.SIGKILL)
        if self._turns is not None:
            async with self._turns:
                self._turns.notify_all()

    def has_room(self) -> bool:
        """A read asked for now starts at once."""
        return self.reading < self.at_once and not self.waiting

    async def read(self, job: str, name: str, *, data: bytes | None = None,
                   path: Path | None = None, started: asyncio.Event | None = None
                   ) -> dict[str, Any]:
        """The child's answer for `job` ("web": text and form; "cli": the draft file) on the
        file `path`, or on `data` saved under `name`; `started` is set when its turn comes.
        PlanUnreadable says why not."""
        if self.closed:
            raise PlanUnreadable(self.texts("plan_reader.stopping"))
        async with self._turn():
            if started is not None:
                started.set()
            with tempfile.TemporaryDirectory(prefix="loa-plan-") as folder:
                if data is not None:
                    path = Path(folder) / name
                    await asyncio.to_thread(path.write_bytes, data)
                assert path is not None
                return await self._run(job, path, name)

    @contextlib.asynccontextmanager
    async def _turn(self) -> Any:
        if self._turns is None:
            self._turns = asyncio.Condition()
        turns = self._turns
        async with turns:
            self.waiting += 1
            try:
                await turns.wait_for(lambda: self.reading < self.at_once or self.closed)
            finally:
                self.waiting -= 1
            if self.closed:
                raise PlanUnreadable(self.texts("plan_reader.stopping"))
            self.reading += 1
        try:
            yield
        finally:
            async with turns:
                self.reading -= 1
                turns.notify()

    async def _run(self, job: str, path: Path, name: str) -> dict[str, Any]:
        limits = self.limits
        child = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot.domain.planimport.child", str(limits.cpu_seconds),
            str(limits.memory_mb * 1024 * 1024),
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            start_new_session=True,  # a group of its own: its Tesseract is killed with it
            env={**os.environ, "OMP_THREAD_LIMIT": "1"})  # Tesseract: one core, not all
        assert child.stdin and child.stdout and child.stderr
        self.children.add(child.pid)
        try:
            child.stdin.write(json.dumps({"job": job, "path": str(path), "name": name}).encode())
            await child.stdin.drain()
            child.stdin.close()
            async with asyncio.timeout(limits.wall_seconds):
                answer, errors = await asyncio.gather(
                    _capped(child.stdout, limits.answer_bytes), _tail(child.stderr))
                await child.wait()
        except TimeoutError:
            raise PlanUnreadable(self.texts("plan_reader.too_slow", name=name)) from None
        except _TooLong:
            raise PlanUnreadable(self.texts("plan_reader.too_long", name=name)) from None
        finally:
            _kill(child)
            if child.returncode is None:
                await child.wait()
            self.children.discard(child.pid)
        return self._answer(name, child.returncode, answer, errors)

    def _answer(self, name: str, code: int, answer: bytes, errors: bytes) -> dict[str, Any]:
        if self.closed:
            raise PlanUnreadable(self.texts("plan_reader.stopping"))
        if code in (-signal.SIGXCPU, -signal.SIGKILL):
            raise PlanUnreadable(self.texts("plan_reader.too_slow", name=name))
        try:
            said = json.loads(answer) if code == 0 else {}
        except ValueError:
            said = {}
        if "ok" in said:
            return dict(said["ok"])
        if "refused" in said:
            raise PlanUnreadable(str(said["refused"]))
        if said.get("limit") == "memory" or b"MemoryError" in errors:
            raise PlanUnreadable(self.texts("plan_reader.too_big", name=name,
                                            mb=self.limits.memory_mb))
        if said.get("limit") == "cpu":
            raise PlanUnreadable(self.texts("plan_reader.too_slow", name=name))
        log.error("reading the plan %r failed (exit %s): %s", name, code,
                  errors.decode(errors="replace")[-2000:])
        raise PlanUnreadable(self.texts("plan_reader.failed", name=name))


class _TooLong(Exception):
    pass


async def _capped(stream: asyncio.StreamReader, limit: int) -> bytes:
    out = bytearray()
    while chunk := await stream.read(65536):
        out += chunk
        if len(out) > limit:
            raise _TooLong
    return bytes(out)


async def _tail(stream: asyncio.StreamReader, keep: int = 8192) -> bytes:
    out = b""
    while chunk := await stream.read(65536):
        out = (out + chunk)[-keep:]
    return out


def _kill(child: asyncio.subprocess.Process) -> None:
    """The child and whatever it started (its own process group)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(child.pid, signal.SIGKILL)
