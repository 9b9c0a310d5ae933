"""Test helpers with one home: the demo clock, Pilot settling, and file fingerprints.

Importable as `support` from any test (tests/ is on sys.path: it holds the root conftest).
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

DEMO_TODAY = date(2026, 11, 20)
# 21:00 on the demo's "today": a normal evening check-in, after the 04:00 day boundary.
DEMO_NOW = datetime(2026, 11, 20, 21, 0)


async def settle(pilot: Any, times: int = 3) -> None:
    """Let the app process what the last key or screen switch queued (several message rounds)."""
    for _ in range(times):
        await pilot.pause()


async def loaded(pilot: Any, group: str = "load") -> None:
    """Let the screen's journal load (a thread worker of `group`) finish, and what it shows be drawn."""
    await pilot.pause()
    workers = [w for w in pilot.app.workers if w.group == group]
    if workers:  # (an empty list would mean every worker, a dialog's too)
        await pilot.app.workers.wait_for_complete(workers)
    await pilot.pause()


def fingerprint(folder: Path) -> dict[str, bytes]:
    """Every file under folder with its bytes, backups included (the lock file is not journal data)."""
    if not folder.exists():
        return {}
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name not in (".lock", ".verified")  # not journal data
    }
