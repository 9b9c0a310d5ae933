"""Shared fixtures for the TUI tests: a fixed clock, demo data, the app (folders: the root conftest)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time
from pathlib import Path

import pytest
from support import DEMO_NOW, DEMO_TODAY

from backjournal.domain.settings import Settings
from backjournal.service import JournalService


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
