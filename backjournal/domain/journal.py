"""Assembling the in-memory journal, and the rules for episodes, routines and custom exercises."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from datetime import date

from backjournal.domain.errors import InputError
from backjournal.domain.exercises import BUILTIN_BY_ID, BUILTIN_EXERCISES, DEFAULT_ROUTINES
from backjournal.domain.models import (
    NOTES_MAX,
    Day,
    Episode,
    Exercise,
    Journal,
    JournalMeta,
    Routine,
)
from backjournal.domain.text import check_text
from backjournal.domain.vocab import KINDS, REGIONS, SIDES

_KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
NAME_MAX = 60


def build_journal(days: Mapping[date, Day], meta: JournalMeta) -> Journal:
    """The journal the domain computes on: stored days plus built-in and custom exercises."""
    exercises = {e.id: e for e in BUILTIN_EXERCISES}
    exercises.update((e.id, e) for e in meta.exercises)
    routines = list(DEFAULT_ROUTINES) if meta.routines is None else list(meta.routines)
    episodes = sorted(meta.episodes, key=lambda e: e.start)
    clearances = sorted(meta.clearances, key=lambda c: c.date)
    return Journal(
        days=dict(days),
        episodes=episodes,
        exercises=exercises,
        routines=routines,
        psfs=meta.psfs,
        clearances=clearances,
    )


def start_episode(meta: JournalMeta, start: date) -> JournalMeta:
    """Open an episode on `start`; refused while one is open or if it would overlap."""
    episodes = sorted(meta.episodes, key=lambda e: e.start)
    if episodes:
        last = episodes[-1]
        if last.end is None:
            raise InputError(
                "episode", f"an episode is already open since {last.start}; end it first"
            )
        if start < last.end:
            raise InputError("date", f"{start} falls inside the episode that ended {last.end}")
    return replace(meta, episodes=[*episodes, Episode(start=start)])


def end_episode(meta: JournalMeta, end: date) -> JournalMeta:
    """Close the open episode on `end` (the first day no longer in it)."""
    episodes = sorted(meta.episodes, key=lambda e: e.start)
    if not episodes or episodes[-1].end is not None:
        raise InputError(
            "episode", "no episode is open; start one with `backjournal episode start`"
        )
    current = episodes[-1]
    if end <= current.start:
        raise InputError("date", f"the episode started {current.start}; it must end after that day")
    return replace(meta, episodes=[*episodes[:-1], Episode(start=current.start, end=end)])


def check_id(value: str, field: str) -> str:
    if not isinstance(value, str) or len(value) > NAME_MAX or not _KEBAB.fullmatch(value):
        shown = repr(
            value[:NAME_MAX] + "..." if isinstance(value, str) and len(value) > NAME_MAX else value
        )
        raise InputError(field, f"{shown} must be kebab-case, like 'wall-slide'")
    return value


def check_name(value: str, field: str = "name") -> str:
    name = " ".join(str(value).split())
    if not name or len(name) > NAME_MAX or not name.isprintable():
        raise InputError(field, f"must be 1 to {NAME_MAX} printable characters")
    return name


def add_exercise(meta: JournalMeta, exercise: Exercise) -> JournalMeta:
    """Add or update a custom exercise; built-in ids are reserved."""
    check_id(exercise.id, "id")
    check_name(exercise.name)
    for field, text in (("how_to", exercise.how_to), ("caution", exercise.caution)):
        if not isinstance(text, str) or len(text) > NOTES_MAX:
            raise InputError(field, f"must be text of at most {NOTES_MAX:,} characters")
        check_text(text, field)
    if exercise.id in BUILTIN_BY_ID:
        raise InputError("id", f"{exercise.id!r} is a built-in exercise")
    if exercise.kind not in KINDS:
        raise InputError("kind", f"unknown kind {exercise.kind!r}; choose from {', '.join(KINDS)}")
    if exercise.region not in REGIONS:
        raise InputError(
            "region", f"unknown region {exercise.region!r}; choose from {', '.join(REGIONS)}"
        )
    if exercise.sides not in SIDES:
        raise InputError("sides", "must be 'one' or 'both'")
    if exercise.kind == "stretching" and (exercise.hold_s or 0) < 10:
        raise InputError("hold_s", "a stretch is held at least 10 seconds")
    if (
        exercise.kind in ("mobility", "strengthening")
        and exercise.reps is not None
        and exercise.reps < 5
    ):
        raise InputError("reps", "a repeated exercise takes at least 5 reps")
    others = [e for e in meta.exercises if e.id != exercise.id]
    return replace(meta, exercises=[*others, replace(exercise, builtin=False)])


def save_routine(
    meta: JournalMeta, routine: Routine, library: Mapping[str, Exercise]
) -> JournalMeta:
    """Create or replace a routine (by id), keeping the others' order."""
    check_id(routine.id, "routine")
    check_name(routine.name)
    unknown = [e for e in routine.exercises if e not in library]
    if unknown:
        raise InputError("exercise", f"unknown exercise {unknown[0]!r}")
    if len(set(routine.exercises)) != len(routine.exercises):
        raise InputError("exercise", "an exercise appears twice in the routine")
    if routine.times_per_week is not None and not 1 <= routine.times_per_week <= 7:
        raise InputError("target", "times per week must be 1 to 7")
    routines = list(DEFAULT_ROUTINES) if meta.routines is None else list(meta.routines)
    ids = [r.id for r in routines]
    if routine.id in ids:
        routines[ids.index(routine.id)] = routine
    else:
        routines.append(routine)
    return replace(meta, routines=routines)


def delete_routine(meta: JournalMeta, routine_id: str) -> JournalMeta:
    routines = list(DEFAULT_ROUTINES) if meta.routines is None else list(meta.routines)
    if routine_id not in [r.id for r in routines]:
        raise InputError("routine", f"unknown routine {routine_id!r}")
    return replace(meta, routines=[r for r in routines if r.id != routine_id])


def move_routine(meta: JournalMeta, routine_id: str, offset: int) -> JournalMeta:
    """Move a routine up (offset -1) or down (+1) in the list."""
    routines = list(DEFAULT_ROUTINES) if meta.routines is None else list(meta.routines)
    ids = [r.id for r in routines]
    if routine_id not in ids:
        raise InputError("routine", f"unknown routine {routine_id!r}")
    i = ids.index(routine_id)
    j = max(0, min(len(routines) - 1, i + offset))
    routines.insert(j, routines.pop(i))
    return replace(meta, routines=routines)
