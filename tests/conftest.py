"""Shared fixtures: every test gets its own data and config folders."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """Point the journal and the config at temporary folders, never the user's own.

    Every test, CLI or app, gets the same two: `tmp_path/data` (the journal, made on the first
    write) and `tmp_path/config`; `journal_dir` and `config_dir` name them.
    """
    data = tmp_path / "data"
    config = tmp_path / "config"
    monkeypatch.setenv("BACKJOURNAL_DATA_DIR", str(data))
    monkeypatch.setenv("BACKJOURNAL_CONFIG_DIR", str(config))
    return data, config


@pytest.fixture
def journal_dir(isolated_dirs: tuple[Path, Path]) -> Path:
    """The data folder for the journal (created by the store on the first write)."""
    return isolated_dirs[0]


@pytest.fixture
def config_dir(isolated_dirs: tuple[Path, Path]) -> Path:
    """The config folder (settings, user themes), created so a test can put files in it."""
    config = isolated_dirs[1]
    config.mkdir(exist_ok=True)
    return config
