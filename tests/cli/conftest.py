"""Running the real `backjournal` entry point in a subprocess."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
import support
from bj_entry import ENTRY  # noqa: E402 (tests/ is on sys.path: it holds the root conftest)


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def data_dir(isolated_dirs) -> Path:
    return isolated_dirs[0]


@pytest.fixture
def bj(data_dir):
    """Run backjournal with arguments; returns exit code, stdout, stderr."""

    def run(*args: str, stdin: str | None = None) -> Result:
        proc = subprocess.run(
            [*ENTRY, *args],
            capture_output=True,
            text=True,
            input=stdin,
            env=os.environ.copy(),
            timeout=60,
        )
        return Result(proc.returncode, proc.stdout, proc.stderr)

    return run


@pytest.fixture
def fingerprint():
    """Every file under a folder with its bytes, to prove a command changed nothing."""
    return support.fingerprint
