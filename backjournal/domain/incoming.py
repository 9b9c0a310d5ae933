"""Journals from outside (an import, a backup to restore) checked by the rules typed input obeys."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date

from backjournal.domain.dates import check_in_range
from backjournal.domain.entries import check_entry, make_tick
from backjournal.domain.errors import InputError
from backjournal.domain.journal import add_exercise, save_routine
from backjournal.domain.models import Day, Exercise, JournalMeta, Tick


def check_day(day: Day, library: Mapping[str, Exercise], where: str) -> Day:
    """Refuse a day input could not have written (the error names the day and the field); else
    the day as input would store it."""
    where = f"{where} {day.date.isoformat()}"
    try:
        check_in_range(day.date, "date")
    except InputError as error:
        raise InputError(f"{where}.date", error.problem) from None
    entry = day.entry
    if entry is not None:
        try:
            entry = check_entry(entry)
        except InputError as error:
            raise InputError(f"{where}.{error.field}", error.problem) from None
    for exercise_id, tick in day.ticks.items():
        exercise = library.get(exercise_id)
        if exercise is None:
            raise InputError(
                f"{where}.ticks.exercise",
                f"{exercise_id!r} is neither a built-in exercise nor one of the journal's exercises",
            )
        _check_tick(tick, exercise, f"{where}.ticks.{exercise_id}")
    # replace, not Day(date, entry, ticks): the day's other fields (guided sessions) are kept.
    return day if entry is day.entry else replace(day, entry=entry)


def _check_tick(tick: Tick, exercise: Exercise, where: str) -> None:
    try:
        make_tick(exercise, sets=tick.sets, reps=tick.reps, hold_s=tick.hold_s, side=tick.side)
    except InputError as error:
        raise InputError(f"{where}.{error.field}", error.problem) from None


def check_meta(meta: JournalMeta, library: Mapping[str, Exercise], where: str) -> None:
    """Episodes, custom exercises and routines: the rules of adding them by hand."""
    for i, episode in enumerate(meta.episodes):
        for field, day in (("start", episode.start), ("end", episode.end)):
            if day is not None:
                try:
                    check_in_range(day, field)
                except InputError as error:
                    raise InputError(f"{where} episodes[{i}].{field}", error.problem) from None
    for exercise in meta.exercises:
        try:
            add_exercise(JournalMeta(), exercise)
        except InputError as error:
            raise InputError(
                f"{where} exercise {exercise.id!r}.{error.field}", error.problem
            ) from None
    for routine in meta.routines or ():
        try:
            save_routine(JournalMeta(routines=[]), routine, library)
        except InputError as error:
            raise InputError(
                f"{where} routine {routine.id!r}.{error.field}", error.problem
            ) from None


def check_journal(days: Mapping[date, Day], meta: JournalMeta, where: str) -> None:
    """The whole of a journal from outside; raises InputError at the first thing input refuses."""
    from backjournal.domain.exercises import BUILTIN_BY_ID

    library: dict[str, Exercise] = {**BUILTIN_BY_ID, **{e.id: e for e in meta.exercises}}
    check_meta(meta, library, where)
    for day in sorted(days):
        check_day(days[day], library, where)
