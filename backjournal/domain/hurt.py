"""Exercises that hurt: ticks stopped with "this hurts", recently and in the last sessions.

Pure domain code. A tick *hurt* when it was stopped because of pain (`Tick.stopped`); its
`pain_during` is the pain the user gave then.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from backjournal.domain.dates import short_day
from backjournal.domain.models import STOPPED, GuidedSession, Journal
from backjournal.domain.text import markdown_text


@dataclass(frozen=True, slots=True)
class Hurt:
    """An exercise that hurt: the last day it did, and the pain then (None if not given)."""

    exercise: str
    day: date
    pain: int | None


def hurt_recently(journal: Journal, day: date, window_days: int = 7) -> tuple[Hurt, ...]:
    """Exercises stopped because they hurt in the `window_days` days ending `day` (D-6..D).

    One per exercise, its latest day; most recent first, then by exercise id.
    """
    found: dict[str, Hurt] = {}
    for back in range(max(window_days, 0)):
        when = day - timedelta(days=back)
        for tick in journal.ticks_on(when).values():
            if tick.stopped and tick.exercise not in found:
                found[tick.exercise] = Hurt(tick.exercise, when, tick.pain_during)
    return tuple(sorted(found.values(), key=lambda h: (-h.day.toordinal(), h.exercise)))


def last_sessions(journal: Journal, day: date, count: int) -> list[GuidedSession]:
    """The `count` latest guided sessions played on or before `day`, latest first."""
    found: list[GuidedSession] = []
    for when in sorted((d for d in journal.days if d <= day), reverse=True):
        found += sorted(journal.days[when].sessions, key=lambda s: s.start, reverse=True)
        if len(found) >= count:
            break
    return found[:count]


def hurt_in_last_sessions(journal: Journal, day: date, count: int = 2) -> frozenset[str]:
    """Exercises stopped because they hurt in any of the last `count` sessions up to `day`."""
    return frozenset(
        item.exercise
        for session in last_sessions(journal, day, count)
        for item in session.items
        if item.outcome == STOPPED
    )


def hurt_message(hurts: tuple[Hurt, ...], journal: Journal, day: date) -> str:
    """The advisor's words for exercises that hurt lately, naming each and when."""
    parts = []
    for h in hurts:
        name = journal.exercises[h.exercise].name if h.exercise in journal.exercises else h.exercise
        pain = f", pain {h.pain}/10" if h.pain is not None else ""
        parts.append(f"{name} on {short_day(h.day, day)}{pain}")
    return (
        f"You stopped because it hurt: {'; '.join(parts)}. Go gently with "
        f"{'it' if len(hurts) == 1 else 'them'} for now: fewer repetitions, a shorter or softer "
        "hold, or an easier exercise instead. If it hurts again, leave it out and ask your "
        "physiotherapist."
    )


def markdown_section(journal: Journal, start: date, last: date) -> list[str]:
    """The Markdown export's lines on guided sessions and on exercises stopped because they hurt."""
    days = [journal.days[d] for d in sorted(journal.days) if start <= d <= last]
    sessions = [s for day in days for s in day.sessions]
    timed = [s.minutes for s in sessions if s.minutes is not None]
    lines: list[str] = []
    if sessions:
        average = f", {sum(timed) / len(timed):.0f} min on average" if timed else ""
        lines += [
            "## Guided sessions",
            "",
            f"- {len(sessions)} session{'' if len(sessions) == 1 else 's'}{average}",
            "",
        ]
    stopped = [(day.date, tick) for day in days for tick in day.ticks.values() if tick.stopped]
    if stopped:
        lines += ["## Exercises stopped because they hurt", ""]
        for when, tick in stopped:
            name = (
                journal.exercises[tick.exercise].name
                if tick.exercise in journal.exercises
                else tick.exercise
            )
            pain = f" (pain {tick.pain_during}/10)" if tick.pain_during is not None else ""
            lines.append(f"- {when.isoformat()}: {markdown_text(name)}{pain}")
        lines.append("")
    return lines
