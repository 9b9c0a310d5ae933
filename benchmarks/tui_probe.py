"""Start a terminal app under a pseudo-terminal and time how long some text takes to appear.

The app gets a real pty of a fixed size (so Textual uses its normal Linux driver), its output
stream is read as it arrives, escape sequences are stripped, and the clock stops when every
marker string has been seen. The app then runs on for `settle` seconds (so deferred start-up
work is included), is asked to quit with ctrl+q, and its peak RSS is read from wait4().
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import re
import select
import signal
import struct
import termios
import time
from dataclasses import dataclass

# CSI ... final byte; OSC ... BEL or ST; DCS/APC/PM/SOS ... ST; two-byte escapes.
_ANSI = re.compile(
    rb"\x1b\[[0-?]*[ -/]*[@-~]"
    rb"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"
    rb"|\x1b[PX^_][^\x1b]*\x1b\\"
    rb"|\x1b[@-Z\\-_]"
    rb"|\x1b[()][0-9A-Za-z]"
)


def visible_text(raw: bytes) -> str:
    """The printable text of a terminal output stream, escape sequences removed."""
    return _ANSI.sub(b"", raw).decode("utf-8", "replace")


@dataclass
class ProbeResult:
    seconds: float | None  # spawn to every marker visible; None if they never appeared
    peak_rss_kib: int  # ru_maxrss of the child (KiB on Linux)
    exit_status: int
    tail: str  # the last visible text, for error messages


def probe(
    argv: list[str],
    env: dict[str, str],
    markers: list[str],
    *,
    cols: int = 120,
    rows: int = 40,
    timeout: float = 20.0,
    settle: float = 1.0,
) -> ProbeResult:
    """Run argv in a cols x rows pty until all markers show, then `settle` s more, then quit it."""
    winsize = struct.pack("HHHH", rows, cols, 0, 0)
    start = time.perf_counter()
    pid, master = pty.fork()
    if pid == 0:  # the child: size the terminal before the app can read it, then become the app
        try:
            fcntl.ioctl(pty.STDIN_FILENO, termios.TIOCSWINSZ, winsize)
            os.execve(argv[0], argv, env)
        finally:
            os._exit(127)
    wanted = [m.encode() for m in markers]
    raw = bytearray()
    seen_at: float | None = None
    deadline = start + timeout
    quit_at: float | None = None
    status = -1
    rusage = None
    try:
        while True:
            now = time.perf_counter()
            if seen_at is None and now >= deadline and quit_at is None:
                quit_at = now  # give up waiting for the markers, but still reap the app
            if seen_at is not None and quit_at is None and now >= seen_at + settle:
                quit_at = now
            if quit_at is not None:
                _send(master, b"\x11")  # ctrl+q
                quit_at = float("inf")
                kill_at = now + 5.0
            ready, _, _ = select.select([master], [], [], 0.002 if seen_at is None else 0.02)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:
                    chunk = b""
                if not chunk:
                    break  # the app closed the terminal: it exited
                raw += chunk
                if seen_at is None:
                    text = _ANSI.sub(b"", bytes(raw))
                    if all(m in text for m in wanted):
                        seen_at = time.perf_counter()
            if quit_at == float("inf") and time.perf_counter() > kill_at:
                os.kill(pid, signal.SIGKILL)
                kill_at = float("inf")
            done, st, ru = os.wait4(pid, os.WNOHANG)
            if done:
                status, rusage = st, ru
                break
    finally:
        if rusage is None:
            with contextlib.suppress(ChildProcessError):
                _, status, rusage = os.wait4(pid, 0)
        os.close(master)
    return ProbeResult(
        seconds=None if seen_at is None else seen_at - start,
        peak_rss_kib=rusage.ru_maxrss if rusage else 0,
        exit_status=status,
        tail=visible_text(bytes(raw[-4000:]))[-600:],
    )


def _send(fd: int, data: bytes) -> None:
    with contextlib.suppress(OSError):
        os.write(fd, data)
