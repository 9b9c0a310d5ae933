"""Robustness suites: a ten-year demo journal made once per session, and the counts printed at the end."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from robustness_support import ENTRY, TALLY, copy_journal

DEMO_DAYS = 3650  # ten years of nightly entries and ticks, one file per year


@pytest.fixture(scope="session")
def ten_year_journal(tmp_path_factory) -> Path:
    """A journal made by `backjournal demo --days 3650`; tests copy it, never write to it."""
    root = tmp_path_factory.mktemp("ten-year-journal")
    data = root / "data"
    env = {
        **os.environ,
        "BACKJOURNAL_DATA_DIR": str(data),
        "BACKJOURNAL_CONFIG_DIR": str(root / "config"),
    }
    proc = subprocess.run(
        [*ENTRY, "demo", "--days", str(DEMO_DAYS), "--seed", "11"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    return data


@pytest.fixture
def journal_copy(ten_year_journal, tmp_path) -> Path:
    """A private copy of the ten-year journal for one test."""
    return copy_journal(ten_year_journal, tmp_path / "journal")


def pytest_terminal_summary(terminalreporter) -> None:
    """The counts each suite exercised (kills, writes, inputs), shown in every run's output."""
    if not TALLY:
        return
    terminalreporter.write_sep("=", "robustness suites: what they exercised")
    for suite, lines in TALLY.items():
        for line in lines:
            terminalreporter.write_line(f"{suite}: {line}")
