"""The child process that reads one plan file (see isolated.py): it limits its own CPU time and
address space and lowers its CPU priority first, reads a JSON request on stdin, and writes one
JSON answer on stdout.

Run as `python -m bot.domain.planimport.child CPU_SECONDS MEMORY_BYTES`.
"""

from __future__ import annotations

import ctypes
import json
import os
import resource
import signal
import sys
from pathlib import Path
from typing import Any


def _limit(cpu_seconds: int, memory_bytes: int) -> None:
    from bot.domain.planimport.files import OCR_CPU_SECONDS

    # SIGXCPU at the soft limit ends the process (no core file); the hard limit leaves room to
    # give each Tesseract page its own budget (files._page_budget).
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_CPU,
                       (cpu_seconds, max(cpu_seconds, OCR_CPU_SECONDS) + 5))
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    # Second to Loa's own process for the CPU: chats and /healthz stay quick while plans are read
    os.nice(10)
    try:  # die with the parent (killed, crashed) instead of reading on for nobody
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def web(path: Path, name: str) -> dict[str, Any]:
    """What the console's import page keeps: the cleaned text its line numbers refer to, the
    draft as the form shows it."""
    from bot.core.normalize import clean_text
    from bot.domain.planimport import draft_from_text, read_plan
    from bot.domain.planimport.form import to_form
    from bot.domain.planimport.text import split

    text = read_plan(path)
    # Cleaned first, as the database will keep it, so the draft's line numbers stay true.
    text = clean_text("\n".join(split(text).lines))
    if not text.strip():
        return {"text": "", "form": {}}
    draft, plan = draft_from_text(text, name)
    return {"text": "\n".join(plan.lines), "form": to_form(draft)}


def cli(path: Path, name: str) -> dict[str, Any]:
    """What `loa campaign import` prints: the campaign file, its problems, what to fill in."""
    from bot.domain.planimport import import_plan

    imported = import_plan(path)
    draft = imported.draft
    return {"toml": imported.toml, "problems": imported.problems, "unread": list(draft.unread),
            "counts": {"phases": len(draft.phases), "slogans": len(draft.slogans),
                       "key_dates": len(draft.key_dates), "deadlines": len(draft.deadlines),
                       "quotas": len(draft.quotas)}}


JOBS = {"web": web, "cli": cli}


def _peak_bytes() -> int:
    """The most address space this process has had (what RLIMIT_AS bounds)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmPeak:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def main() -> None:
    _limit(int(sys.argv[1]), int(sys.argv[2]))
    request = json.loads(sys.stdin.read())
    from bot.domain.planimport.files import PlanUnreadable

    try:
        answer: dict[str, Any] = {"ok": JOBS[request["job"]](Path(request["path"]),
                                                            request["name"])}
    except PlanUnreadable as exc:
        answer = {"refused": str(exc)}
    except MemoryError:
        answer = {"limit": "memory"}
    except RecursionError:  # deeply nested XML or PDF objects
        answer = {"limit": "cpu"}
    except Exception:
        # Out of memory inside a C library shows as its own error (lxml: "unknown error").
        if _peak_bytes() < int(sys.argv[2]) - 64 * 1024 * 1024:
            raise
        answer = {"limit": "memory"}
    sys.stdout.write(json.dumps(answer, ensure_ascii=False))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
