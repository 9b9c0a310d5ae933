"""Shared fixtures: every test gets its own data and config folders."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path, monkeypatch):
    """Point the journal and the config at temporary folders, never the user's own."""
    data = tmp_path / "data"
    config = tmp_path / "config"
    monkeypatch.setenv("BACKJOURNAL_DATA_DIR", str(data))
    monkeypatch.setenv("BACKJOURNAL_CONFIG_DIR", str(config))
    return data, config
