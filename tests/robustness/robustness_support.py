"""Helpers shared by the robustness suites: the counts they print, running the CLI, reading pipes."""

from __future__ import annotations

import contextlib
import io
import os
import select
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from backjournal.storage.atomic import is_temp_name

HERE = Path(__file__).resolve().parent
WRITER = HERE / "journal_writer.py"

# suite name -> lines; printed at the end of the run by tests/robustness/conftest.py, even without -s.
TALLY: dict[str, list[str]] = {}


def report(suite: str, line: str) -> None:
    """Record a count for the end-of-run summary (and print it, for runs with -s)."""
    TALLY.setdefault(suite, []).append(line)
    print(f"{suite}: {line}")


from bj_entry import ENTRY  # noqa: E402 (tests/ is on sys.path: it holds the root conftest)
from support import fingerprint  # noqa: E402,F401 (re-exported for the robustness suites)


@dataclass
class Result:
    code: int
    out: str
    err: str


def run_cli(
    *args: str, env: dict[str, str] | None = None, timeout: float = 60, user: int | None = None
) -> Result:
    """The real console script in a subprocess."""
    proc = subprocess.run(
        [*ENTRY, *args],
        capture_output=True,
        text=True,
        env=env or os.environ.copy(),
        timeout=timeout,
        user=user,
        stdin=subprocess.DEVNULL,
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)


def run_main(*args: str) -> Result:
    """backjournal.cli.main in this process (the function the console script calls), output captured.
    argparse's own errors (SystemExit 2) are turned into a Result like any other exit."""
    from backjournal.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else 1
    return Result(code, out.getvalue(), err.getvalue())


def temp_files(folder: Path) -> list[Path]:
    """Temp files and folders left by writes, in the data folder and its backups folder."""
    found: list[Path] = []
    for where in (folder, folder / "backups"):
        if where.is_dir():
            found += [p for p in where.iterdir() if is_temp_name(p.name)]
    return sorted(found)


def temp_pid(path: Path) -> int:
    """The pid of the process that made a temp file (".name.tmp-<pid>-<hex>")."""
    return int(path.name.rsplit(".tmp-", 1)[1].split("-")[0])


def copy_journal(source: Path, target: Path) -> Path:
    shutil.copytree(source, target, symlinks=True)
    return target


class Lines:
    """Lines from a child's stdout pipe, with timeouts (select on the raw descriptor)."""

    def __init__(self, stream) -> None:
        self.fd = stream.fileno()
        self.buffer = b""
        self.eof = False

    def next(self, timeout: float | None) -> str | None:
        """The next line; None when none came within timeout (None: wait for ever); raises EOFError at end."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while b"\n" not in self.buffer:
            if self.eof:
                raise EOFError(self.buffer.decode(errors="replace"))
            remaining = None if deadline is None else max(0.0, deadline - time.monotonic())
            ready, _, _ = select.select([self.fd], [], [], remaining)
            if not ready:
                return None
            chunk = os.read(self.fd, 65536)
            if not chunk:
                self.eof = True
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        return line.decode()

    def expect(self, prefix: str, timeout: float = 60) -> str:
        line = self.next(timeout)
        assert line is not None, f"nothing from the writer within {timeout} s (wanted {prefix!r})"
        assert line.startswith(prefix), f"wanted {prefix!r}, got {line!r}"
        return line


def writer_command(*args: str) -> list[str]:
    return [sys.executable, str(WRITER), *args]


def n(value: int) -> str:
    """1,234"""
    return f"{value:,}"
