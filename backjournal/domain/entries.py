"""Validating what the user typed and merging it into a day's record."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

from backjournal.domain.errors import InputError
from backjournal.domain.models import NOTES_MAX, Day, Entry, Exercise, Journal, Tick
from backjournal.domain.vocab import AREAS, RED_FLAGS, TICK_SIDES

ENTRY_FIELDS = ("pain", "worst", "areas", "sleep", "mood", "notes", "tags", "red_flags", "rest")
TAG_MAX = 40


def score(value: Any, field: str, lo: int = 0, hi: int = 10) -> int:
    """A whole number in lo..hi, from an int or the text a user typed."""
    if isinstance(value, bool):
        raise InputError(field, f"must be a whole number from {lo} to {hi}")
    if isinstance(value, str):
        text = value.strip()
        if not text.lstrip("-").isdigit() or not text.isascii():
            raise InputError(field, f"{value!r} is not a whole number from {lo} to {hi}")
        value = int(text)
    if not isinstance(value, int) or not lo <= value <= hi:
        raise InputError(field, f"{value!r} is out of range: use a whole number from {lo} to {hi}")
    return value


def choices(values: Iterable[str], allowed: tuple[str, ...], field: str) -> tuple[str, ...]:
    """Known words only, each once, in the vocabulary's order."""
    given = list(values)
    for value in given:
        if value not in allowed:
            raise InputError(field, f"unknown value {value!r}; choose from {', '.join(allowed)}")
    return tuple(v for v in allowed if v in given)


def tags(values: Iterable[str]) -> tuple[str, ...]:
    """Free words: trimmed, no spaces inside, each at most TAG_MAX characters, no repeats."""
    result: list[str] = []
    for raw in values:
        if not isinstance(
            raw, str
        ):  # argparse turns "--tag=--" into [], which must not be stored as "[]"
            raise InputError("tag", f"{raw!r} must be a single word")
        tag = raw.strip()
        if not tag or any(c.isspace() for c in tag) or not tag.isprintable():
            raise InputError("tag", f"{raw!r} must be a single word")
        if len(tag) > TAG_MAX:
            raise InputError("tag", f"is longer than {TAG_MAX} characters")
        if tag not in result:
            result.append(tag)
    return tuple(result)


def notes(value: Any) -> str:
    if not isinstance(value, str):
        raise InputError("notes", "must be text")
    if len(value) > NOTES_MAX:
        raise InputError("notes", f"is {len(value)} characters; the limit is {NOTES_MAX}")
    if "\x00" in value:
        raise InputError("notes", "contains a NUL character")
    if not _is_utf8(value):
        raise InputError("notes", "contains bytes that are not valid UTF-8 text")
    return value


def _is_utf8(value: str) -> bool:
    """False for text holding lone surrogates: what undecodable bytes in a command line become."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def clean_changes(changes: Mapping[str, Any]) -> dict[str, Any]:
    """Validate entry fields given by the user; unknown fields are an error."""
    clean: dict[str, Any] = {}
    for field, value in changes.items():
        if field not in ENTRY_FIELDS:
            raise InputError(field, "is not an entry field")
        if field in ("pain", "worst", "sleep", "mood"):
            clean[field] = None if value is None and field != "pain" else score(value, field)
        elif field == "areas":
            clean[field] = choices(value, AREAS, "area")
        elif field == "red_flags":
            clean[field] = choices(value, RED_FLAGS, "red-flag")
        elif field == "tags":
            clean[field] = tags(value)
        elif field == "notes":
            clean[field] = notes(value)
        elif field == "rest":
            if not isinstance(value, bool):
                raise InputError("rest", "must be true or false")
            clean[field] = value
    return clean


def merge_entry(existing: Entry | None, changes: Mapping[str, Any]) -> Entry:
    """Fields given replace the stored ones; the others stay. A new day needs pain."""
    clean = clean_changes(changes)
    if existing is None:
        if "pain" not in clean:
            raise InputError("pain", "is required for a day with no entry yet (0-10)")
        return Entry(**clean)
    return replace(existing, **clean)


def find_exercise(journal: Journal, exercise_id: str) -> Exercise:
    exercise = journal.exercises.get(exercise_id)
    if exercise is None:
        raise InputError(
            "exercise", f"unknown exercise {exercise_id!r}; `backjournal exercises` lists them"
        )
    return exercise


def make_tick(
    exercise: Exercise,
    *,
    sets: Any = None,
    reps: Any = None,
    hold_s: Any = None,
    side: str | None = None,
    overridden: bool = False,
    stopped: bool = False,
    pain_during: Any = None,
) -> Tick:
    """A tick as done; what is not given is taken from the exercise's dose."""
    if side is not None and side not in TICK_SIDES:
        raise InputError("side", f"unknown side {side!r}; choose from {', '.join(TICK_SIDES)}")
    return Tick(
        exercise=exercise.id,
        sets=score(sets, "sets", 1, 100) if sets is not None else exercise.sets,
        reps=score(reps, "reps", 1, 1000) if reps is not None else exercise.reps,
        hold_s=score(hold_s, "hold", 1, 3600) if hold_s is not None else exercise.hold_s,
        side=side if side is not None else ("both" if exercise.sides == "both" else None),
        overridden=overridden,
        stopped=stopped,
        pain_during=score(pain_during, "pain") if pain_during is not None else None,
    )


def with_tick(day: Day, tick: Tick) -> Day:
    return replace(day, ticks={**day.ticks, tick.exercise: tick})


def without_tick(day: Day, exercise_id: str) -> Day:
    return replace(day, ticks={k: v for k, v in day.ticks.items() if k != exercise_id})
