"""`loa …` as an operator runs it, without paying Python's start-up for every command.

A command is a process of its own, as on a server: its environment, its working directory, its
stdout and stderr, its exit code. What it does not redo is importing Loa (about a second of CPU
a command, most of a CLI test's time): each command is forked from a server process that
imported Loa once (multiprocessing's forkserver, single-threaded, so forking it is safe).
`start_loa` forks a long-running one (`loa run`, killed and restarted by the crash tests) the
same way. Other tests still run `python -m bot` and the installed `loa` script themselves, so
the real entry point stays covered (tests/e2e/test_deploy_e2e.py, test_doctor.py,
test_processes_e2e.py, test_hostile_plans_e2e.py, test_metrics.py).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import tempfile
import traceback
from collections.abc import Mapping
from pathlib import Path

_PRELOAD = ["bot.app", "bot.cli", "bot.cli.common", "tests.support.commands"]
_context: multiprocessing.context.ForkServerContext | None = None


def _forks() -> multiprocessing.context.ForkServerContext:
    global _context
    if _context is None:
        _context = multiprocessing.get_context("forkserver")
        _context.set_forkserver_preload(_PRELOAD)
    return _context


def _command(argv: list[str], env: dict[str, str], cwd: str, out: str, err: str,
             append: bool = False) -> None:
    """In the forked child: become `loa argv` in `env` and `cwd`, then exit with its code."""
    os.environ.clear()
    os.environ.update(env)
    os.chdir(cwd)
    mode = os.O_WRONLY | (os.O_APPEND | os.O_CREAT if append else os.O_TRUNC)
    for fd, path in ((1, out), (2, err)):  # the file descriptors themselves, as a shell does
        target = os.open(path, mode, 0o644)
        os.dup2(target, fd)
        os.close(target)
    for stream in (sys.stdout, sys.stderr):  # a SIGKILL must not lose what was printed
        stream.reconfigure(write_through=True)  # type: ignore[attr-defined]
    sys.stdin = open(os.devnull)  # nobody types into these commands
    code = 1
    try:
        from bot.cli import main

        code = main(argv)
    except SystemExit as exc:  # argparse's refusals, and any command that exits
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except BaseException:
        traceback.print_exc()
        code = 1
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except Exception:  # a closed pipe: nothing more to say
                pass
        os._exit(code)


def run_loa(argv: list[str], env: Mapping[str, str], cwd: Path,
            timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Runs `loa argv` and returns what `subprocess.run(..., capture_output=True, text=True)`
    would."""
    with tempfile.TemporaryDirectory(prefix="loa-cli-") as tmp:
        out, err = Path(tmp, "out"), Path(tmp, "err")
        out.touch()
        err.touch()
        child = _forks().Process(target=_command,
                                 args=(list(argv), dict(env), str(cwd), str(out), str(err)))
        child.start()
        child.join(timeout)
        if child.exitcode is None:
            child.kill()
            child.join()
            raise subprocess.TimeoutExpired(["loa", *argv], timeout,
                                            out.read_bytes(), err.read_bytes())
        return subprocess.CompletedProcess(["loa", *argv], child.exitcode,
                                           out.read_text(errors="replace"),
                                           err.read_text(errors="replace"))


class LoaProcess:
    """A long-running `loa …` (say `loa run`) forked like run_loa's commands, with the parts of
    subprocess.Popen that tests use: pid, send_signal, kill, poll, wait, returncode."""

    def __init__(self, argv: list[str], env: Mapping[str, str], cwd: Path, log: Path) -> None:
        self.args = ["loa", *argv]
        self._child = _forks().Process(target=_command, args=(
            list(argv), dict(env), str(cwd), str(log), str(log), True))
        self._child.start()
        self.pid: int = self._child.pid  # type: ignore[assignment]

    @property
    def returncode(self) -> int | None:
        return self._child.exitcode

    def poll(self) -> int | None:
        return self._child.exitcode

    def send_signal(self, sig: int) -> None:
        if self._child.exitcode is None:
            os.kill(self.pid, sig)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def wait(self, timeout: float | None = None) -> int:
        self._child.join(timeout)
        if self._child.exitcode is None:
            raise subprocess.TimeoutExpired(self.args, timeout or 0)
        return self._child.exitcode


def start_loa(argv: list[str], env: Mapping[str, str], cwd: Path, log: Path) -> LoaProcess:
    """`loa argv` running in the background, its stdout and stderr appended to `log`."""
    return LoaProcess(argv, env, cwd, log)
