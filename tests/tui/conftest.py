"""Shared fixtures for the TUI tests: temp journal/config dirs, a fixed clock, demo data, the app."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time
from pathlib import Path

import pytest

from backjournal.domain.settings import Settings
from backjournal.service import JournalService

DEMO_TODAY = date(2026, 11, 20)
# 21:00 on the demo's "today": a normal evening check-in, after the 04:00 day boundary.
DEMO_NOW = datetime(2026, 11, 20, 21, 0)


@pytest.fixture(autouse=True)
def config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private config dir (settings, user themes) so no test touches the real user's files."""
    directory = tmp_path / "config"
    directory.mkdir()
    monkeypatch.setenv("BACKJOURNAL_CONFIG_DIR", str(directory))
    monkeypatch.delenv("BACKJOURNAL_DATA_DIR", raising=False)
    return directory


@pytest.fixture
def journal_dir(tmp_path: Path) -> Path:
    """The data directory for the journal (created by the store on the first write)."""
    return tmp_path / "data"


@pytest.fixture
def clock() -> Callable[[], datetime]:
    return lambda: DEMO_NOW


@pytest.fixture
def make_service(journal_dir: Path, clock: Callable[[], datetime]) -> Callable[..., JournalService]:
    """Build a service on the test's data dir (a second call gives an independent one)."""
    from backjournal.storage import Store

    def build(
        data_dir: Path | None = None, settings: Settings | None = None, now: datetime | None = None
    ) -> JournalService:
        when = clock if now is None else (lambda: now)
        return JournalService(Store(data_dir or journal_dir), settings or Settings(), when)

    return build


@pytest.fixture
def empty_service(make_service: Callable[..., JournalService]) -> JournalService:
    """A service on an empty journal, at 21:00 on the demo's today."""
    return make_service()


@pytest.fixture
def demo_service(make_service: Callable[..., JournalService]) -> Callable[..., JournalService]:
    """Factory: a service on a seeded demo journal ending on `today`, with a fixed clock at 21:00."""

    def build(days: int = 120, seed: int = 7, today: date = DEMO_TODAY) -> JournalService:
        service = make_service(now=datetime.combine(today, time(21, 0)))
        service.demo(days, seed)
        return service

    return build


@pytest.fixture
def make_app() -> Callable[..., object]:
    """Factory: the real BackjournalApp on a service (or a Context)."""

    def build(service_or_context, **kwargs):
        from backjournal.tui.app import BackjournalApp

        return BackjournalApp(service_or_context, **kwargs)

    return build
