"""The one clock of the program: local time, or BACKJOURNAL_NOW when a test sets it."""

from __future__ import annotations

import os
from datetime import datetime
from functools import lru_cache

from backjournal.domain.errors import InputError

# For tests only: the CLI suites run the real console script in a subprocess, and this is how they
# put it at 02:00 or across the 04:00 journal-day boundary. Every clock of the program reads it here.
NOW_ENV = "BACKJOURNAL_NOW"


@lru_cache(maxsize=4)
def _fixed(text: str) -> datetime:
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        raise InputError(
            NOW_ENV, f"{text!r} is not a date and time like 2026-11-30T02:30"
        ) from None
    if when.tzinfo is not None:
        raise InputError(NOW_ENV, f"{text!r} has a time zone; give local time without one")
    return when


def system_clock() -> datetime:
    """Local time now (naive), or the fixed time in BACKJOURNAL_NOW."""
    fixed = os.environ.get(NOW_ENV, "").strip()  # blank: not set
    return _fixed(fixed) if fixed else datetime.now()
