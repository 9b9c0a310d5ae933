"""One routine's status on a day (done, paused, missed) and in an ISO week (met, running, ...)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from backjournal.domain.advisor_phase import phases_by_day
from backjournal.domain.models import Journal, Routine
from backjournal.domain.settings import AdvisorSettings
from backjournal.domain.vocab import MAINTENANCE, PHASES, allowed_kinds

DONE, PAUSED, MISSED, PENDING = "done", "paused", "missed", "pending"
MET, RUNNING = "met", "running"

# The routine kinds each episode phase allows.
ALLOWED_BY_PHASE: dict[str, frozenset[str]] = {
    phase: frozenset(allowed_kinds(phase)) for phase in PHASES
}


def routine_done_on(journal: Journal, routine: Routine, day: date) -> bool:
    """Every exercise of the routine was ticked on `day` (an empty routine is never done)."""
    ticks = journal.ticks_on(day)
    return bool(routine.exercises) and all(e in ticks for e in routine.exercises)


def _blocked(
    journal: Journal,
    routine: Routine,
    day: date,
    s: AdvisorSettings,
    phases: Mapping[int, str] | None = None,
) -> bool:
    """The routine's kind is not allowed on `day` by the phase of the episode open then."""
    if phases is None:
        phases = phases_by_day(journal, day, day, s)
    phase = phases.get(day.toordinal(), MAINTENANCE)
    return journal.routine_kind(routine) not in ALLOWED_BY_PHASE[phase]


def day_status(
    journal: Journal,
    routine: Routine,
    day: date,
    s: AdvisorSettings,
    phases: Mapping[int, str] | None = None,
) -> str:
    """'done', 'paused' (rest day, or a phase that does not allow the routine) or 'missed'.

    `phases` is `phases_by_day` over a span holding `day`, for callers that ask about many days.
    """
    if routine_done_on(journal, routine, day):
        return DONE
    entry = journal.entry_on(day)
    if (entry is not None and entry.rest) or _blocked(journal, routine, day, s, phases):
        return PAUSED
    return MISSED


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def week_status(
    journal: Journal,
    routine: Routine,
    monday: date,
    s: AdvisorSettings,
    today: date,
    phases: Mapping[int, str] | None = None,
) -> str:
    """The ISO week starting `monday` (any day of it is accepted) as seen on `today`.

    'met' once done on >= N days up to today; 'running' while the week is not over (it
    contains today or is later) and not met; else 'paused' if the routine was not allowed on
    at least one of its days, else 'missed'. `phases` is `phases_by_day` over a span holding
    the week, for callers that ask about many weeks.
    """
    monday = monday_of(monday)
    sunday = monday + timedelta(days=6)
    last = min(sunday, today)
    target = routine.times_per_week or 1
    done = sum(
        1
        for n in range((last - monday).days + 1)
        if routine_done_on(journal, routine, monday + timedelta(days=n))
    )
    if done >= target:
        return MET
    if sunday >= today:
        return RUNNING
    if phases is None:
        phases = phases_by_day(journal, monday, sunday, s)
    kind = journal.routine_kind(routine)
    week = (monday + timedelta(days=n) for n in range(7))
    if any(kind not in ALLOWED_BY_PHASE[phases.get(d.toordinal(), MAINTENANCE)] for d in week):
        return PAUSED
    return MISSED
