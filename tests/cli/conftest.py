"""Running the real `backjournal` entry point in a subprocess, and fingerprinting the journal."""

from __future__ import annotations

import hashlib
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
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


def _fingerprint(folder: Path) -> dict[str, str]:
    """A hash of every file under folder (backups included), to prove nothing changed."""
    if not folder.exists():
        return {}
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name not in (".lock", ".verified")  # not journal data
    }


@pytest.fixture
def fingerprint():
    """Hash every file under a folder (backups included), to prove a command changed nothing."""
    return _fingerprint
