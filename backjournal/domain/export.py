"""Exports of the journal (JSON, CSV; Markdown is in markdown_export) and reading a JSON export back."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from typing import Any

from backjournal.domain import codec, psfs_codec
from backjournal.domain.codec import SCHEMA_VERSION, ShapeError
from backjournal.domain.errors import InputError
from backjournal.domain.exercises import BUILTIN_BY_ID, ordered
from backjournal.domain.incoming import check_day
from backjournal.domain.journal import add_exercise, save_routine
from backjournal.domain.models import (
    Clearance,
    Day,
    Episode,
    Exercise,
    JournalMeta,
    Psfs,
    Routine,
)
from backjournal.domain.psfs import ratings_between
from backjournal.domain.text import csv_cell, json_safe, visible

FORMAT = "backjournal-export"
CSV_COLUMNS = (
    "date",
    "pain",
    "worst",
    "areas",
    "sleep",
    "mood",
    "rest",
    "red_flags",
    "tags",
    "notes",
    "ticks",
)


def check_range(start: date | None, end: date | None) -> None:
    if start is not None and end is not None and end < start:
        raise InputError("to", f"{end} is before the start of the period, {start}")


def _in_range(days: Mapping[date, Day], start: date | None, end: date | None) -> list[Day]:
    """The non-empty days from start to end (both inclusive, None: open), by date."""
    check_range(start, end)
    return [
        days[d]
        for d in sorted(days)
        if (start is None or d >= start) and (end is None or d <= end) and not days[d].is_empty
    ]


# --- JSON ----------------------------------------------------------------------------------


def _day_doc(day: Day) -> dict[str, Any]:
    doc = codec.day_to_dict(day)
    # Ticks sorted by id: the order a store hands them back in must not change the bytes.
    doc["ticks"].sort(key=lambda t: t["exercise"])
    return doc


def export_json(
    days: Mapping[date, Day], meta: JournalMeta, start: date | None = None, end: date | None = None
) -> str:
    """Everything in the journal as stable JSON: same journal, same bytes."""
    doc = {
        "format": FORMAT,
        "schema": SCHEMA_VERSION,
        "days": [_day_doc(day) for day in _in_range(days, start, end)],
        "episodes": [
            codec.episode_to_dict(e) for e in sorted(meta.episodes, key=lambda e: e.start)
        ],
        "exercises": [
            codec.exercise_to_dict(e) for e in sorted(meta.exercises, key=lambda e: e.id)
        ],
        "routines": None
        if meta.routines is None
        else [codec.routine_to_dict(r) for r in meta.routines],
        "psfs": psfs_codec.psfs_to_dict(
            replace(meta.psfs, ratings=tuple(ratings_between(meta.psfs, start, end)))
        ),
        "clearances": [
            codec.clearance_to_dict(c) for c in sorted(meta.clearances, key=lambda c: c.date)
        ],
    }
    return json_safe(json.dumps(doc, indent=2, ensure_ascii=False)) + "\n"


def _list_or_none(doc: dict[str, Any], key: str) -> list[Any] | None:
    if key not in doc:
        raise InputError(f"import {key}", "is missing; the file is not a complete export")
    return None if doc[key] is None else _list(doc, key)


def _list(doc: dict[str, Any], key: str) -> list[Any]:
    if key not in doc:
        raise InputError(f"import {key}", "is missing; the file is not a complete export")
    value = doc[key]
    if not isinstance(value, list):
        raise InputError(f"import {key}", "must be a list")
    return value


def parse_export(
    text: str, *, today: date | None = None, source: str = "import"
) -> tuple[dict[date, Day], JournalMeta]:
    """Read a JSON export, checking all of it first; any problem raises InputError naming where.

    With `today`, days and episodes after it are refused as well. `source` names the file in
    errors about the whole of it.
    """
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            source, f"is not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})"
        ) from None
    except (RecursionError, ValueError) as exc:
        raise InputError(source, f"is not valid JSON ({exc})") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise InputError(source, f'is not a backjournal export (expected "format": "{FORMAT}")')
    schema = doc.get("schema")
    if isinstance(schema, bool) or not isinstance(schema, int) or schema < 1:
        raise InputError("import schema", f"must be a schema version number, got {schema!r}")
    if schema > SCHEMA_VERSION:
        raise InputError(
            "import schema",
            f"the file is from a newer backjournal (schema {schema}; this one reads up to "
            f"{SCHEMA_VERSION}); update backjournal to import it",
        )
    raw_days = _list(doc, "days")
    raw_episodes = _list(doc, "episodes")
    raw_exercises = _list(doc, "exercises")
    raw_routines = _list_or_none(doc, "routines")
    try:
        meta = JournalMeta()
        for i, raw in enumerate(raw_exercises):
            meta = _read_exercise(meta, raw, f"import exercises[{i}]")
        library: dict[str, Exercise] = {**BUILTIN_BY_ID, **{e.id: e for e in meta.exercises}}
        if raw_routines is not None:
            meta.routines = _read_routines(raw_routines, library)
        meta.episodes = _read_episodes(raw_episodes, today)
        days = _read_days(raw_days, library, today)
        meta.psfs = _read_psfs(doc.get("psfs"), today)
        meta.clearances = _read_clearances(doc.get("clearances", []), today)
    except ShapeError as exc:
        raise InputError(exc.where, exc.problem) from None
    return days, meta


def _read_psfs(raw: Any, today: date | None) -> Psfs:
    """The optional PSFS part (exports before schema 2 have none)."""
    if raw is None:
        return Psfs()
    psfs = psfs_codec.psfs_from_dict(raw, "import psfs")
    for i, rating in enumerate(psfs.ratings):
        if today is not None and rating.date > today:
            raise InputError(f"import psfs ratings[{i}].date", f"{rating.date} is in the future")
    return psfs


def _read_exercise(meta: JournalMeta, raw: Any, where: str) -> JournalMeta:
    exercise = codec.exercise_from_dict(raw, where)
    if any(e.id == exercise.id for e in meta.exercises):
        raise InputError(f"{where}.id", f"the exercise {exercise.id!r} appears twice")
    try:
        # The same rules as adding an exercise by hand: kebab-case id, doses, built-ins reserved.
        return add_exercise(meta, exercise)
    except InputError as exc:
        raise InputError(f"{where}.{exc.field}", exc.problem) from None


# save_routine names fields as the routine editor shows them; an import names the file's keys.
_ROUTINE_FIELDS = {"routine": "id", "exercise": "exercises", "target": "times_per_week"}


def _read_routines(raw_routines: list[Any], library: Mapping[str, Exercise]) -> list[Routine]:
    meta = JournalMeta(routines=[])
    for i, raw in enumerate(raw_routines):
        where = f"import routines[{i}]"
        routine = codec.routine_from_dict(raw, where)
        if any(r.id == routine.id for r in meta.routines or ()):
            raise InputError(f"{where}.id", f"the routine {routine.id!r} appears twice")
        try:
            meta = save_routine(meta, routine, library)
        except InputError as exc:
            field = _ROUTINE_FIELDS.get(exc.field, exc.field)
            raise InputError(f"{where}.{field}", exc.problem) from None
    return list(meta.routines or ())


def _read_episodes(raw_episodes: list[Any], today: date | None) -> list[Episode]:
    episodes = [
        codec.episode_from_dict(raw, f"import episodes[{i}]") for i, raw in enumerate(raw_episodes)
    ]
    if today is not None:
        for i, episode in enumerate(episodes):
            if episode.start > today:
                raise InputError(f"import episodes[{i}].start", f"{episode.start} is in the future")
    return codec.check_episodes(episodes, "import episodes")


def _read_clearances(raw: Any, today: date | None) -> list[Clearance]:
    """Red-flag clearances (schema 2; absent from older exports, which have none)."""
    if not isinstance(raw, list):
        raise InputError("import clearances", "must be a list")
    found = []
    for i, item in enumerate(raw):
        clearance = codec.clearance_from_dict(item, f"import clearances[{i}]")
        if today is not None and clearance.date > today:
            raise InputError(f"import clearances[{i}].date", f"{clearance.date} is in the future")
        found.append(clearance)
    return codec.check_clearances(found, "import clearances")


def _read_days(
    raw_days: list[Any], library: Mapping[str, Exercise], today: date | None
) -> dict[date, Day]:
    days: dict[date, Day] = {}
    seen: set[date] = set()
    for i, raw in enumerate(raw_days):
        where = f"import days[{i}]"
        day = codec.day_from_dict(raw, where)
        if day.date in seen:
            raise InputError(f"{where}.date", f"{day.date} appears more than once")
        seen.add(day.date)
        if today is not None and day.date > today:
            raise InputError(f"{where}.date", f"{day.date} is in the future")
        for j, exercise in enumerate(day.ticks):
            if exercise not in library:
                raise InputError(
                    f"{where}.ticks[{j}].exercise",
                    f"{exercise!r} is neither a built-in exercise nor one of the file's exercises",
                )
        day = check_day(day, library, where)  # the rules of typed input, naming day and field
        if not day.is_empty:  # an empty day carries nothing; the store would not keep it either
            days[day.date] = day
    return days


# --- CSV -----------------------------------------------------------------------------------


def _cell(value: int | None) -> str:
    return "" if value is None else str(value)


def export_csv(
    days: Mapping[date, Day],
    journal_exercises: Mapping[str, Exercise],
    start: date | None = None,
    end: date | None = None,
) -> str:
    """One row per recorded day: the entry's fields and the ticked exercise ids, in routine order.

    Text cells that a spreadsheet would read as a formula get a leading ' (the usual guard)."""
    out = io.StringIO()
    # "\n" rather than csv's "\r\n": the caller writes text, and newline translation would double it.
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for day in _in_range(days, start, end):
        ticks = ";".join(ordered(day.ticks, journal_exercises))
        e = day.entry
        if e is None:
            writer.writerow([day.date.isoformat(), *[""] * 9, csv_cell(visible(ticks))])
            continue
        writer.writerow(
            [
                day.date.isoformat(),
                e.pain,
                _cell(e.worst),
                ";".join(e.areas),
                _cell(e.sleep),
                _cell(e.mood),
                "yes" if e.rest else "no",
                ";".join(e.red_flags),
                csv_cell(visible(";".join(e.tags))),
                csv_cell(visible(e.notes)),
                csv_cell(visible(ticks)),
            ]
        )
    return out.getvalue()
