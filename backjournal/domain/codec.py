"""Plain-dict shapes of the journal's records, with strict validation of stored data.

Storage turns these dicts into files; exports and `--json` output reuse them. Every
decode checks the shape and raises ShapeError naming the field, so a wrongly shaped
journal is reported, never half-loaded.
"""

from __future__ import annotations

from datetime import date
from itertools import pairwise
from typing import Any

from backjournal.domain.codec_fast import TicksKey, day_fast, entry_fast, tick_fast
from backjournal.domain.dates import EARLIEST, LATEST
from backjournal.domain.models import (
    NOTES_MAX,
    Clearance,
    Day,
    DemoOrigin,
    Entry,
    Episode,
    Exercise,
    Routine,
    Tick,
)
from backjournal.domain.vocab import AREAS, KINDS, RED_FLAGS, REGIONS, SIDES, TICK_SIDES

# 2: journal-meta.json may hold the PSFS tables and a "clearances" table (red flags cleared);
#    a tick may hold "stopped" (false if absent) and "pain_during" (null if absent); a day may
#    hold "sessions" (guided sessions, [] if absent). All optional: version 1 files read as is.
SCHEMA_VERSION = 2


class ShapeError(ValueError):
    """Stored data does not have the expected shape; `where` says which record."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem}")
        self.where = where
        self.problem = problem


def _date(value: Any, where: str) -> date:
    if not isinstance(value, str):
        raise ShapeError(where, f"date must be a string, got {type(value).__name__}")
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise ShapeError(where, f"{value[:40]!r} is not a valid date") from None
    if not EARLIEST <= day <= LATEST:
        # Later arithmetic (weeks, "the day after") overflows near year 1 and year 9999.
        raise ShapeError(where, f"{day} is outside {EARLIEST.year} to {LATEST.year}")
    return day


def _int(value: Any, where: str, lo: int, hi: int) -> int | None:
    return None if value is None else _whole(value, where, lo, hi)


def _whole(value: Any, where: str, lo: int, hi: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
        raise ShapeError(where, f"must be a whole number from {lo} to {hi}, got {value!r}")
    return value


def _words(value: Any, where: str, allowed: tuple[str, ...] | None = None) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ShapeError(where, "must be a list of strings")
    if allowed is not None:
        bad = [v for v in value if v not in allowed]
        if bad:
            raise ShapeError(where, f"unknown value {bad[0]!r}")
    return tuple(value)


def entry_to_dict(entry: Entry) -> dict[str, Any]:
    return {
        "pain": entry.pain,
        "worst": entry.worst,
        "areas": list(entry.areas),
        "sleep": entry.sleep,
        "mood": entry.mood,
        "notes": entry.notes,
        "tags": list(entry.tags),
        "red_flags": list(entry.red_flags),
        "rest": entry.rest,
    }


def entry_from_dict(doc: Any, where: str = "entry") -> Entry:
    entry = entry_fast(doc)
    return entry if entry is not None else _entry_checked(doc, where)


def _entry_checked(doc: Any, where: str) -> Entry:
    if not isinstance(doc, dict):
        raise ShapeError(where, "must be an object")
    notes = doc.get("notes", "")
    if not isinstance(notes, str) or len(notes) > NOTES_MAX:
        raise ShapeError(f"{where}.notes", f"must be text of at most {NOTES_MAX:,} characters")
    rest = doc.get("rest", False)
    if not isinstance(rest, bool):
        raise ShapeError(f"{where}.rest", "must be true or false")
    return Entry(
        pain=_whole(doc.get("pain"), f"{where}.pain", 0, 10),
        worst=_int(doc.get("worst"), f"{where}.worst", 0, 10),
        areas=_words(doc.get("areas", []), f"{where}.areas", AREAS),
        sleep=_int(doc.get("sleep"), f"{where}.sleep", 0, 10),
        mood=_int(doc.get("mood"), f"{where}.mood", 0, 10),
        notes=notes,
        tags=_words(doc.get("tags", []), f"{where}.tags"),
        red_flags=_words(doc.get("red_flags", []), f"{where}.red_flags", RED_FLAGS),
        rest=rest,
    )


def tick_to_dict(tick: Tick) -> dict[str, Any]:
    return {
        "exercise": tick.exercise,
        "sets": tick.sets,
        "reps": tick.reps,
        "hold_s": tick.hold_s,
        "side": tick.side,
        "overridden": tick.overridden,
        "stopped": tick.stopped,
        "pain_during": tick.pain_during,
    }


def tick_from_dict(doc: Any, where: str = "tick") -> Tick:
    tick = tick_fast(doc)
    return tick if tick is not None else _tick_checked(doc, where)


def _tick_checked(doc: Any, where: str) -> Tick:
    if not isinstance(doc, dict) or not isinstance(doc.get("exercise"), str):
        raise ShapeError(where, "must be an object with an exercise id")
    side = doc.get("side")
    if side is not None and side not in TICK_SIDES:
        raise ShapeError(f"{where}.side", f"unknown side {side!r}")
    overridden = doc.get("overridden", False)
    if not isinstance(overridden, bool):
        raise ShapeError(f"{where}.overridden", "must be true or false")
    stopped = doc.get("stopped", False)
    if not isinstance(stopped, bool):
        raise ShapeError(f"{where}.stopped", "must be true or false")
    return Tick(
        exercise=doc["exercise"],
        sets=_int(doc.get("sets"), f"{where}.sets", 1, 100),
        reps=_int(doc.get("reps"), f"{where}.reps", 1, 1000),
        hold_s=_int(doc.get("hold_s"), f"{where}.hold_s", 1, 3600),
        side=side,
        overridden=overridden,
        stopped=stopped,
        pain_during=_int(doc.get("pain_during"), f"{where}.pain_during", 0, 10),
    )


def day_to_dict(day: Day) -> dict[str, Any]:
    """The stored document for one day: its entry, its ticks keyed by exercise, its sessions."""
    doc = {
        "date": day.date.isoformat(),
        "entry": entry_to_dict(day.entry) if day.entry else None,
        "ticks": [tick_to_dict(t) for t in day.ticks.values()],
    }
    if day.sessions:
        from backjournal.domain.session_codec import session_to_dict

        doc["sessions"] = [session_to_dict(s) for s in day.sessions]
    return doc


def day_to_doc(day: Day) -> dict[str, Any]:
    """The compact stored document for one day: what `day_to_dict` holds, minus empty and default fields.

    Storage writes this form (about half the bytes of `day_to_dict`, so half the serialising
    and syncing on every write); `day_from_dict` reads both, as every field it omits decodes to
    its default. Exports keep the full `day_to_dict` form. The three top-level keys are always
    there: TinyDB's update merges a new document into the stored one, so a key left out would
    keep its old value.
    """
    doc: dict[str, Any] = {"date": day.date.isoformat(), "entry": None, "ticks": []}
    entry = day.entry
    if entry is not None:
        out: dict[str, Any] = {"pain": entry.pain}
        if entry.worst is not None:
            out["worst"] = entry.worst
        if entry.areas:
            out["areas"] = list(entry.areas)
        if entry.sleep is not None:
            out["sleep"] = entry.sleep
        if entry.mood is not None:
            out["mood"] = entry.mood
        if entry.notes:
            out["notes"] = entry.notes
        if entry.tags:
            out["tags"] = list(entry.tags)
        if entry.red_flags:
            out["red_flags"] = list(entry.red_flags)
        if entry.rest:
            out["rest"] = True
        doc["entry"] = out
    doc["ticks"] = [_tick_doc(t) for t in day.ticks.values()]
    if day.sessions:  # absent when none: most days, and every day of a schema 1 file
        from backjournal.domain.session_codec import session_to_dict

        doc["sessions"] = [session_to_dict(s) for s in day.sessions]
    return doc


def _tick_doc(tick: Tick) -> dict[str, Any]:
    doc: dict[str, Any] = {"exercise": tick.exercise}
    if tick.sets is not None:
        doc["sets"] = tick.sets
    if tick.reps is not None:
        doc["reps"] = tick.reps
    if tick.hold_s is not None:
        doc["hold_s"] = tick.hold_s
    if tick.side is not None:
        doc["side"] = tick.side
    if tick.overridden:
        doc["overridden"] = True
    if tick.stopped:
        doc["stopped"] = True
    if tick.pain_during is not None:
        doc["pain_during"] = tick.pain_during
    return doc


def day_from_dict(doc: Any, where: str = "day", ticks_key: TicksKey | None = None) -> Day:
    """A stored day; `ticks_key` (see codec_fast) lets days with equal tick lists share them."""
    day = day_fast(doc, ticks_key)
    return day if day is not None else _day_checked(doc, where)


def _day_checked(doc: Any, where: str) -> Day:
    if not isinstance(doc, dict):
        raise ShapeError(where, "must be an object")
    day = _date(doc.get("date"), f"{where}.date")
    where = f"{where} {day.isoformat()}"
    raw_entry = doc.get("entry")
    entry = None if raw_entry is None else entry_from_dict(raw_entry, f"{where} entry")
    raw_ticks = doc.get("ticks", [])
    if not isinstance(raw_ticks, list):
        raise ShapeError(f"{where} ticks", "must be a list")
    ticks: dict[str, Tick] = {}
    for raw in raw_ticks:
        tick = tick_from_dict(raw, f"{where} tick")
        if tick.exercise in ticks:
            raise ShapeError(f"{where} ticks", f"{tick.exercise!r} is ticked twice")
        ticks[tick.exercise] = tick
    sessions: tuple[Any, ...] = ()
    if doc.get("sessions") is not None:
        from backjournal.domain.session_codec import sessions_from_list

        sessions = sessions_from_list(doc["sessions"], f"{where} sessions")
    return Day(date=day, entry=entry, ticks=ticks, sessions=sessions)


def episode_to_dict(episode: Episode) -> dict[str, Any]:
    return {
        "start": episode.start.isoformat(),
        "end": episode.end.isoformat() if episode.end else None,
    }


def episode_from_dict(doc: Any, where: str = "episode") -> Episode:
    if not isinstance(doc, dict):
        raise ShapeError(where, "must be an object")
    start = _date(doc.get("start"), f"{where}.start")
    end = None if doc.get("end") is None else _date(doc.get("end"), f"{where}.end")
    if end is not None and end <= start:
        raise ShapeError(where, f"ends {end} on or before it starts {start}")
    return Episode(start=start, end=end)


def check_episodes(episodes: list[Episode], where: str = "episodes") -> list[Episode]:
    """Sort episodes and refuse overlaps or more than one open episode."""
    episodes = sorted(episodes, key=lambda e: e.start)
    for before, after in pairwise(episodes):
        if before.end is None or after.start < before.end:
            raise ShapeError(
                where, f"episode starting {after.start} overlaps the one starting {before.start}"
            )
    return episodes


EXERCISE_FIELDS = ("id", "name", "kind", "region", "sets", "reps", "hold_s", "sides")


def exercise_to_dict(exercise: Exercise, full: bool = True) -> dict[str, Any]:
    doc = {
        "id": exercise.id,
        "name": exercise.name,
        "kind": exercise.kind,
        "region": exercise.region,
        "sets": exercise.sets,
        "reps": exercise.reps,
        "hold_s": exercise.hold_s,
        "sides": exercise.sides,
    }
    if full:
        doc.update(
            hold_max_s=exercise.hold_max_s,
            how_to=exercise.how_to,
            caution=exercise.caution,
            builtin=exercise.builtin,
        )
    return doc


def exercise_from_dict(doc: Any, where: str = "exercise") -> Exercise:
    if not isinstance(doc, dict):
        raise ShapeError(where, "must be an object")
    for key in ("id", "name", "how_to", "caution"):
        if not isinstance(doc.get(key, ""), str):
            raise ShapeError(f"{where}.{key}", "must be text")
    if not isinstance(doc.get("id"), str) or not doc["id"]:
        raise ShapeError(f"{where}.id", "is missing")
    where = f"{where} {doc['id']}"
    if doc.get("kind") not in KINDS:
        raise ShapeError(f"{where}.kind", f"unknown kind {doc.get('kind')!r}")
    if doc.get("region") not in REGIONS:
        raise ShapeError(f"{where}.region", f"unknown region {doc.get('region')!r}")
    if doc.get("sides") not in SIDES:
        raise ShapeError(f"{where}.sides", "must be 'one' or 'both'")
    return Exercise(
        id=doc["id"],
        name=doc.get("name") or doc["id"],
        kind=doc["kind"],
        region=doc["region"],
        sets=_int(doc.get("sets"), f"{where}.sets", 1, 100),
        reps=_int(doc.get("reps"), f"{where}.reps", 1, 1000),
        hold_s=_int(doc.get("hold_s"), f"{where}.hold_s", 1, 3600),
        hold_max_s=_int(doc.get("hold_max_s"), f"{where}.hold_max_s", 1, 3600),
        sides=doc["sides"],
        how_to=doc.get("how_to", ""),
        caution=doc.get("caution", ""),
        builtin=False,
    )


def routine_to_dict(routine: Routine) -> dict[str, Any]:
    return {
        "id": routine.id,
        "name": routine.name,
        "frequency": routine.frequency,
        "times_per_week": routine.times_per_week,
        "max_per_week": routine.max_per_week,
        "exercises": list(routine.exercises),
    }


def routine_from_dict(doc: Any, where: str = "routine") -> Routine:
    if not isinstance(doc, dict) or not isinstance(doc.get("id"), str) or not doc["id"]:
        raise ShapeError(where, "must be an object with an id")
    where = f"{where} {doc['id']}"
    name = doc.get("name", doc["id"])
    if not isinstance(name, str):
        raise ShapeError(f"{where}.name", "must be text")
    times = _int(doc.get("times_per_week"), f"{where}.times_per_week", 1, 7)
    most = _int(doc.get("max_per_week"), f"{where}.max_per_week", 1, 7)
    return Routine(
        id=doc["id"],
        name=name,
        exercises=_words(doc.get("exercises", []), f"{where}.exercises"),
        times_per_week=times,
        max_per_week=most,
    )


CLEARANCE_NOTE_MAX = 1000


def clearance_to_dict(clearance: Clearance) -> dict[str, Any]:
    return {"date": clearance.date.isoformat(), "note": clearance.note}


def clearance_from_dict(doc: Any, where: str = "clearance") -> Clearance:
    if not isinstance(doc, dict):
        raise ShapeError(where, "must be an object")
    day = _date(doc.get("date"), f"{where}.date")
    note = doc.get("note", "")
    if not isinstance(note, str) or len(note) > CLEARANCE_NOTE_MAX:
        raise ShapeError(
            f"{where}.note", f"must be text of at most {CLEARANCE_NOTE_MAX} characters"
        )
    return Clearance(date=day, note=note)


def check_clearances(clearances: list[Clearance], where: str = "clearances") -> list[Clearance]:
    """Sort clearances by date and refuse two on the same date."""
    ordered = sorted(clearances, key=lambda c: c.date)
    for before, after in zip(ordered, ordered[1:], strict=False):
        if before.date == after.date:
            raise ShapeError(where, f"two clearances are dated {after.date}")
    return ordered


def demo_to_dict(origin: DemoOrigin) -> dict[str, Any]:
    return {"days": origin.days, "seed": origin.seed, "today": origin.today.isoformat()}


def demo_from_dict(doc: Any, where: str = "meta.demo") -> DemoOrigin:
    if not isinstance(doc, dict):
        raise ShapeError(where, "must be an object")
    days = _whole(doc.get("days"), f"{where}.days", 1, 36_500)
    seed = _whole(doc.get("seed"), f"{where}.seed", 0, 2**31)
    return DemoOrigin(days=days, seed=seed, today=_date(doc.get("today"), f"{where}.today"))
