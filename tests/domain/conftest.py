"""Small factories for building journals in domain tests.

Days are given as dates or as episode-style day numbers: `day(1)` is BASE (a Monday), `day(11)`
is BASE + 10 days. Every builder method returns the builder, so journals read as one line.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

import pytest

from backjournal.domain.exercises import BUILTIN_EXERCISES, DEFAULT_ROUTINES
from backjournal.domain.models import Clearance, Day, Entry, Episode, Journal, Routine, Tick
from backjournal.domain.settings import AdvisorSettings

BASE = date(2026, 3, 2)  # a Monday
assert BASE.weekday() == 0

DayRef = date | int


def day(n: DayRef) -> date:
    """Day number n counted from BASE (day 1 = BASE); dates pass through."""
    return n if isinstance(n, date) else BASE + timedelta(days=n - 1)


ROUTINES = {r.id: r for r in DEFAULT_ROUTINES}


class JournalBuilder:
    def __init__(self, routines: Iterable[Routine] = DEFAULT_ROUTINES) -> None:
        self.entries: dict[date, Entry] = {}
        self.ticks: dict[date, dict[str, Tick]] = {}
        self.episodes: list[Episode] = []
        self.routines = list(routines)
        self.clearances: list[Clearance] = []

    def entry(self, when: DayRef, pain: int, **fields) -> JournalBuilder:
        self.entries[day(when)] = Entry(pain=pain, **fields)
        return self

    def pains(self, first: DayRef, pains: Iterable[int | None]) -> JournalBuilder:
        """Entries on consecutive days from `first`; None leaves a day without an entry."""
        start = day(first)
        for offset, pain in enumerate(pains):
            if pain is not None:
                self.entry(start + timedelta(days=offset), pain)
        return self

    def rest(self, when: DayRef, pain: int = 2) -> JournalBuilder:
        return self.entry(when, pain, rest=True)

    def tick(self, when: DayRef, *exercise_ids: str) -> JournalBuilder:
        ticks = self.ticks.setdefault(day(when), {})
        for exercise_id in exercise_ids:
            ticks[exercise_id] = Tick(exercise_id)
        return self

    def do(self, when: DayRef, routine_id: str) -> JournalBuilder:
        """Tick every exercise of a default routine."""
        return self.tick(when, *ROUTINES[routine_id].exercises)

    def episode(self, start: DayRef = 1, end: DayRef | None = None) -> JournalBuilder:
        self.episodes.append(Episode(day(start), None if end is None else day(end)))
        self.episodes.sort(key=lambda e: e.start)
        return self

    def flag(self, when: DayRef, pain: int = 2, *flags: str) -> JournalBuilder:
        """An entry with red flags (bladder trouble unless others are named)."""
        return self.entry(when, pain, red_flags=flags or ("bladder-bowel",))

    def clear(self, when: DayRef, note: str = "") -> JournalBuilder:
        """A red-flag clearance dated `when`."""
        self.clearances.append(Clearance(day(when), note))
        self.clearances.sort(key=lambda c: c.date)
        return self

    def build(self) -> Journal:
        dates = set(self.entries) | set(self.ticks)
        days = {d: Day(d, self.entries.get(d), dict(self.ticks.get(d, {}))) for d in sorted(dates)}
        return Journal(
            days=days,
            episodes=list(self.episodes),
            exercises={e.id: e for e in BUILTIN_EXERCISES},
            routines=list(self.routines),
            clearances=list(self.clearances),
        )


@pytest.fixture(scope="session")
def s() -> AdvisorSettings:
    """The default advisor settings."""
    return AdvisorSettings()


@pytest.fixture(scope="session")
def day_of():
    """`day_of(11)` is the date of day 11 (BASE + 10 days)."""
    return day


@pytest.fixture(scope="session")
def new_journal():
    """The builder class: `new_journal().episode(1).pains(1, [2] * 12).build()`."""
    return JournalBuilder


@pytest.fixture
def jb() -> JournalBuilder:
    """A fresh builder with the default routines and the built-in exercises."""
    return JournalBuilder()
