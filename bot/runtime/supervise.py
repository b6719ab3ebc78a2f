"""Background workers that cannot die silently: each runs under a supervisor that logs a failure
once, retries with growing pauses, and tells /healthz how it is doing."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

log = logging.getLogger(__name__)

WorkerFn = Callable[[asyncio.Event], Awaitable[None]]


class Permanent(Exception):
    """Raised by a worker that must not be restarted (another program polls the same bot):
    the supervisor marks it failed, and /healthz shows it."""


@dataclass
class WorkerState:
    name: str
    state: str = "starting"  # running | retrying | stopped | failed
    error: str | None = None
    failures: int = 0  # in a row
    since: float = field(default_factory=time.time)

    def as_dict(self) -> dict[str, object]:
        return {"state": self.state, "error": self.error, "failures": self.failures}


class Supervisor:
    """Runs each worker until `stop`; an exception restarts it after 1, 2, 4 … `max_delay` s."""

    def __init__(self, stop: asyncio.Event, max_delay: float = 60.0,
                 healthy_after: float = 30.0) -> None:
        self.stop = stop
        self.max_delay = max_delay
        self.healthy_after = healthy_after  # a run this long resets the pause to 1 s
        self.states: dict[str, WorkerState] = {}
        self._tasks: dict[str, asyncio.Task[None]] = {}

    def spawn(self, name: str, worker: WorkerFn, permanent: tuple[type[BaseException], ...] = ()
              ) -> None:
        self.states[name] = WorkerState(name)
        self._tasks[name] = asyncio.create_task(self._keep(name, worker, permanent), name=name)

    def alive(self) -> bool:
        return all(s.state == "running" for s in self.states.values())

    def problems(self) -> dict[str, dict[str, object]]:
        return {n: s.as_dict() for n, s in self.states.items() if s.state != "running"}

    async def wait(self, within: float = 60.0) -> None:
        """After `stop` is set: let the workers finish what they are doing."""
        tasks = list(self._tasks.values())
        if not tasks:
            return
        _, pending = await asyncio.wait(tasks, timeout=within)
        for task in pending:
            log.error("worker %s did not stop in %.0fs; cancelled", task.get_name(), within)
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)

    async def _keep(self, name: str, worker: WorkerFn,
                    permanent: tuple[type[BaseException], ...]) -> None:
        state = self.states[name]
        delay = 1.0
        while not self.stop.is_set():
            state.state, started = "running", time.monotonic()
            try:
                await worker(self.stop)
            except asyncio.CancelledError:
                raise
            except (Permanent, *permanent) as exc:
                state.state, state.error = "failed", f"{type(exc).__name__}: {exc}"[:300]
                return
            except Exception as exc:
                if time.monotonic() - started > self.healthy_after:
                    delay, state.failures = 1.0, 0
                state.failures += 1
                state.state, state.error = "retrying", f"{type(exc).__name__}: {exc}"[:300]
                if state.failures == 1:
                    log.exception("worker %s failed; retrying in %.0fs", name, delay)
                else:  # once with the traceback; after that one line per try
                    log.warning("worker %s failed again (%d in a row): %s; retrying in %.0fs",
                                name, state.failures, state.error, delay)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self.stop.wait(), delay)
                delay = min(delay * 2, self.max_delay)
                continue
            if not self.stop.is_set():
                # A loop that ends by itself is a bug or a lost connection: run it again.
                state.state, state.error = "retrying", "ended unexpectedly"
                log.warning("worker %s ended by itself; restarting in %.0fs", name, delay)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self.stop.wait(), delay)
                delay = min(delay * 2, self.max_delay)
            else:
                state.failures = 0
        state.state = "stopped"
