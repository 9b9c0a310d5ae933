"""Tonight's session: one ordered list of the exercises due on a day, each exercise once.

Pure domain code: the day and the phase's allowed kinds are parameters. The rules:

* **Routines in the session**: the journal's routines that are *due* on the day and whose kind
  (`Journal.routine_kind`, its most demanding exercise) the phase allows. A daily routine is
  always due. A weekly routine is due while its ISO week (Monday..Sunday, as the streaks count
  it) holds fewer done days before the day than its target, and always on a day where one of
  its exercises is already ticked (a session never hides a tick).
* **Items**: every exercise of those routines, once, in session order: warm-up, then the body
  from the top down (neck to legs, by the exercise's region), then cool-down. This is the
  source material's order: warm up first, "start at the top and work your way down", cool down
  after. Ties keep the routines' own order. Each item carries the ids of the session's routines
  it counts for; one tick counts for all of them.
* **Extras**: exercises ticked on the day but in no routine of the session (ticked from the
  command line, or against the advisor) are listed too, in the same order, marked ``extra``.
* **Progress** of a routine counts its own exercises ticked on the day, nothing else.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from backjournal.domain.exercises import ordered
from backjournal.domain.models import Journal, Routine, Tick

NOT_ALLOWED, WEEK_MET = "not allowed", "week met"


@dataclass(frozen=True, slots=True)
class SessionItem:
    """One exercise of tonight's session and the routines (ids) its tick counts for."""

    exercise_id: str
    routines: tuple[str, ...]
    ticked: bool
    extra: bool = False  # ticked on the day, but in no routine of the session


@dataclass(frozen=True, slots=True)
class RoutineProgress:
    """A routine in tonight's session: how many of its own exercises are ticked."""

    routine: Routine
    done: int
    total: int

    @property
    def complete(self) -> bool:
        return self.total > 0 and self.done == self.total


@dataclass(frozen=True, slots=True)
class LeftOut:
    """A routine not in tonight's session, and why: "not allowed" (phase) or "week met"."""

    routine: Routine
    reason: str


@dataclass(frozen=True, slots=True)
class TonightSession:
    """The session for one day: its items in order, its routines' progress, what was left out."""

    day: date
    items: tuple[SessionItem, ...]
    routines: tuple[RoutineProgress, ...]
    left_out: tuple[LeftOut, ...]

    def progress(self, routine_id: str) -> RoutineProgress | None:
        return next((p for p in self.routines if p.routine.id == routine_id), None)

    def index_of(self, exercise_id: str) -> int | None:
        return next((i for i, it in enumerate(self.items) if it.exercise_id == exercise_id), None)

    def first_unticked(self) -> int | None:
        """The index of the first item not ticked yet (None when all are)."""
        return self.next_unticked(-1)

    def next_unticked(self, after: int) -> int | None:
        """The index of the first unticked item after `after`, wrapping round; None when all are."""
        count = len(self.items)
        start = max(after + 1, 0)
        order: list[int] = [*range(start, count), *range(0, min(start, count))]
        return next((i for i in order if not self.items[i].ticked), None)

    def unticked_of(self, routine_id: str) -> tuple[str, ...]:
        """The routine's exercises in the session still to tick, in session order."""
        return tuple(
            it.exercise_id for it in self.items if routine_id in it.routines and not it.ticked
        )

    @property
    def done(self) -> int:
        return sum(1 for it in self.items if it.ticked and not it.extra)

    @property
    def total(self) -> int:
        return sum(1 for it in self.items if not it.extra)


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _done_on(routine: Routine, ticks: Mapping[str, Tick]) -> bool:
    return bool(routine.exercises) and all(e in ticks for e in routine.exercises)


def routine_due(journal: Journal, routine: Routine, day: date) -> bool:
    """Daily routines always; weekly ones until the week's target is met before `day`,
    and on any day where one of their exercises is ticked."""
    if routine.times_per_week is None:
        return True
    if any(e in journal.ticks_on(day) for e in routine.exercises):
        return True
    monday = _monday(day)
    done = sum(
        1
        for n in range((day - monday).days)
        if _done_on(routine, journal.ticks_on(monday + timedelta(days=n)))
    )
    return done < routine.times_per_week


def tonight_session(journal: Journal, day: date, allowed: Collection[str]) -> TonightSession:
    """The session for `day`, given the exercise kinds the day's phase allows (`Advice.allowed`)."""
    ticks = journal.ticks_on(day)
    chosen: list[Routine] = []
    left_out: list[LeftOut] = []
    for routine in journal.routines:
        if not routine_due(journal, routine, day):
            left_out.append(LeftOut(routine, WEEK_MET))
        elif journal.routine_kind(routine) not in allowed:
            left_out.append(LeftOut(routine, NOT_ALLOWED))
        else:
            chosen.append(routine)
    counts_for: dict[str, list[str]] = {}
    for routine in chosen:
        for exercise_id in routine.exercises:
            counts_for.setdefault(exercise_id, []).append(routine.id)
    extras = [e for e in ticks if e not in counts_for]
    items = [
        SessionItem(e, tuple(counts_for.get(e, ())), e in ticks, extra=e not in counts_for)
        for e in ordered([*counts_for, *extras], journal.exercises)
    ]
    progress = tuple(
        RoutineProgress(r, sum(1 for e in set(r.exercises) if e in ticks), len(set(r.exercises)))
        for r in chosen
    )
    return TonightSession(day, tuple(items), progress, tuple(left_out))
