"""Plain-dict shapes of the journal's records, with strict validation of stored data (days here).

Storage turns these dicts into files; exports and `--json` output reuse them. Every
decode checks the shape and raises ShapeError naming the field, so a wrongly shaped
journal is reported, never half-loaded.
"""

from __future__ import annotations

from typing import Any

from backjournal.domain.codec_fast import TicksKey, day_fast, entry_fast, tick_fast
from backjournal.domain.codec_fields import ShapeError as ShapeError
from backjournal.domain.codec_fields import read_date, read_int, read_whole, read_words

# The meta records' shapes live in codec_meta; callers keep reaching them as codec.<name>.
from backjournal.domain.codec_meta import CLEARANCE_NOTE_MAX as CLEARANCE_NOTE_MAX
from backjournal.domain.codec_meta import EXERCISE_FIELDS as EXERCISE_FIELDS
from backjournal.domain.codec_meta import check_clearances as check_clearances
from backjournal.domain.codec_meta import check_episodes as check_episodes
from backjournal.domain.codec_meta import clearance_from_dict as clearance_from_dict
from backjournal.domain.codec_meta import clearance_to_dict as clearance_to_dict
from backjournal.domain.codec_meta import demo_from_dict as demo_from_dict
from backjournal.domain.codec_meta import demo_to_dict as demo_to_dict
from backjournal.domain.codec_meta import episode_from_dict as episode_from_dict
from backjournal.domain.codec_meta import episode_to_dict as episode_to_dict
from backjournal.domain.codec_meta import exercise_from_dict as exercise_from_dict
from backjournal.domain.codec_meta import exercise_to_dict as exercise_to_dict
from backjournal.domain.codec_meta import routine_from_dict as routine_from_dict
from backjournal.domain.codec_meta import routine_to_dict as routine_to_dict
from backjournal.domain.models import (
    NOTES_MAX,
    Day,
    Entry,
    Tick,
)
from backjournal.domain.vocab import AREAS, RED_FLAGS, TICK_SIDES

# 2: journal-meta.json may hold the PSFS tables and a "clearances" table (red flags cleared);
#    a tick may hold "stopped" (false if absent) and "pain_during" (null if absent); a day may
#    hold "sessions" (guided sessions, [] if absent). All optional: version 1 files read as is.
SCHEMA_VERSION = 2


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
        pain=read_whole(doc.get("pain"), f"{where}.pain", 0, 10),
        worst=read_int(doc.get("worst"), f"{where}.worst", 0, 10),
        areas=read_words(doc.get("areas", []), f"{where}.areas", AREAS),
        sleep=read_int(doc.get("sleep"), f"{where}.sleep", 0, 10),
        mood=read_int(doc.get("mood"), f"{where}.mood", 0, 10),
        notes=notes,
        tags=read_words(doc.get("tags", []), f"{where}.tags"),
        red_flags=read_words(doc.get("red_flags", []), f"{where}.red_flags", RED_FLAGS),
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
        sets=read_int(doc.get("sets"), f"{where}.sets", 1, 100),
        reps=read_int(doc.get("reps"), f"{where}.reps", 1, 1000),
        hold_s=read_int(doc.get("hold_s"), f"{where}.hold_s", 1, 3600),
        side=side,
        overridden=overridden,
        stopped=stopped,
        pain_during=read_int(doc.get("pain_during"), f"{where}.pain_during", 0, 10),
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
    day = read_date(doc.get("date"), f"{where}.date")
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
