"""Storage test helpers: a settable clock, sample days, update functions, byte fingerprints."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta

from support import fingerprint  # noqa: F401 (re-exported for the storage tests)

from backjournal.domain.models import Day, Entry, Tick


class Clock:
    """A clock the test moves by hand: the store's daily backups follow it."""

    def __init__(self, now: datetime = datetime(2026, 5, 4, 21, 30)) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def next_day(self, days: int = 1) -> None:
        self.now += timedelta(days=days)


def entry_day(day: date, pain: int = 3, ticks: tuple[str, ...] = (), **fields) -> Day:
    return Day(
        date=day,
        entry=Entry(pain=pain, **fields),
        ticks={t: Tick(exercise=t, sets=2, reps=10) for t in ticks},
    )


def set_pain(pain: int):
    """An update_day function that sets the entry's pain, keeping everything else."""

    def apply(day: Day) -> Day:
        entry = dataclasses.replace(day.entry, pain=pain) if day.entry else Entry(pain=pain)
        return dataclasses.replace(day, entry=entry)

    return apply


def add_tick(exercise: str, **fields):
    def apply(day: Day) -> Day:
        return dataclasses.replace(
            day, ticks={**day.ticks, exercise: Tick(exercise=exercise, **fields)}
        )

    return apply
