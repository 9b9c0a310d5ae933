"""The app under test and a second writer: another process's service on the same data folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from support import DEMO_NOW, fingerprint, settle

from backjournal.service import JournalService, open_journal

SIZE = (110, 40)


def other_process(journal_dir: Path) -> JournalService:
    """What `backjournal log` in another terminal would use: its own store, cache and lock."""
    return open_journal(str(journal_dir), clock=lambda: DEMO_NOW)


def make_app(journal_dir: Path) -> Any:
    """The real app on its own service; the file watcher is driven by the tests, not by time."""
    from backjournal.tui.app import BackjournalApp

    return BackjournalApp(other_process(journal_dir), watch_interval=None)


def journal_bytes(journal_dir: Path) -> dict[str, bytes]:
    """The journal's files, byte for byte (backups included)."""
    return fingerprint(journal_dir)


async def start(pilot: Any) -> Any:
    """Wait for Tonight's second stage (the form) and return the screen."""
    await settle(pilot, 5)
    return pilot.app.screen
