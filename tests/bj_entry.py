"""Where the real `backjournal` console script is, for tests that run it in a subprocess."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path


def entry_point() -> list[str]:
    """The installed console script beside this Python, else on PATH, else `python -m`."""
    script = Path(sys.executable).with_name("backjournal")
    if script.exists():
        return [str(script)]
    found = shutil.which("backjournal")
    return [found] if found else [sys.executable, "-m", "backjournal"]


ENTRY = entry_point()
