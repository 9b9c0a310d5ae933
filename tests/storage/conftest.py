"""Storage test fixtures: a store on a temp folder with a clock the test moves by hand."""

from __future__ import annotations

from pathlib import Path

import pytest
from storage_helpers import Clock

from backjournal.storage import Store


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "journal"


@pytest.fixture
def store(data: Path, clock: Clock) -> Store:
    return Store(data, clock=clock, lock_timeout=2.0)
