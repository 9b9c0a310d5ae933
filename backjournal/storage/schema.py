"""The on-disk shape of the journal: decoding and encoding TinyDB tables, schema version, migrations."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from orjson import dumps as _json_bytes

from backjournal.domain import codec, psfs_codec
from backjournal.domain.codec import SCHEMA_VERSION, ShapeError
from backjournal.domain.exercises import BUILTIN_BY_ID
from backjournal.domain.models import Day, JournalMeta
from backjournal.storage.errors import JournalUnusable
from backjournal.storage.paths import META_FILE, year_of
from backjournal.storage.tinyfile import HINT_CORRUPT

DAYS = "days"
META, EPISODES, EXERCISES, ROUTINES = "meta", "episodes", "exercises", "routines"
PSFS_ACTIVITIES, PSFS_RATINGS = "psfs_activities", "psfs_ratings"  # schema 2, optional
CLEARANCES = "clearances"  # schema 2: red-flag clearances (absent or empty: none)

# version -> function taking {file name: TinyDB tables} at that version and returning them at version + 1.
# A file name missing from the result is deleted; a new one is created.
Migration = Callable[[dict[str, Any]], dict[str, Any]]


def _v1_to_v2(files: dict[str, Any]) -> dict[str, Any]:
    """Schema 2 only adds optional tables to journal-meta.json: add them empty, change nothing else."""
    meta = files[META_FILE]
    for table in (PSFS_ACTIVITIES, PSFS_RATINGS, CLEARANCES):
        meta.setdefault(table, {})
    return files


MIGRATIONS: dict[int, Migration] = {1: _v1_to_v2}

BUILTIN_IDS = frozenset(BUILTIN_BY_ID)

HINT_NEWER = (
    "It was written by a newer backjournal; upgrade backjournal to use it. The file was not changed"
)


def _doc_id(key: Any, path: Path, table: str) -> int:
    # TinyDB turns ids into ints; "01" and "1" would silently become the same document.
    if (
        not isinstance(key, str)
        or not (key.isascii() and key.isdigit())
        or str(int(key)) != key
        or int(key) < 1
    ):
        raise JournalUnusable(
            path, f"table {table!r} has an invalid document id {key!r}", HINT_CORRUPT
        )
    return int(key)


def _docs(tables: dict[str, Any] | None, name: str, path: Path) -> list[tuple[int, Any]]:
    """A table's documents in document-id order."""
    table = (tables or {}).get(name) or {}
    return sorted(
        ((_doc_id(key, path, name), doc) for key, doc in table.items()), key=lambda item: item[0]
    )


def read_version(tables: dict[str, Any] | None, path: Path) -> int:
    """The schema version recorded in journal-meta.json's tables (a missing file is the current one)."""
    if tables is None:
        return SCHEMA_VERSION
    docs = _docs(tables, META, path)
    if len(docs) != 1 or not isinstance(docs[0][1], dict):
        raise JournalUnusable(
            path, f"table 'meta' must hold exactly one document, it holds {len(docs)}", HINT_CORRUPT
        )
    version = docs[0][1].get("schema")
    if isinstance(version, bool) or not isinstance(version, int) or version < 0:
        raise JournalUnusable(
            path, f"the schema version {version!r} is not a version number", HINT_CORRUPT
        )
    return version


def newer_problem(version: int) -> str:
    return (
        f"uses journal schema {version}, but this backjournal reads schema {SCHEMA_VERSION} at most"
    )


def meta_version(tables: dict[str, Any] | None, path: Path) -> int:
    """The schema version, refusing versions newer than this program."""
    version = read_version(tables, path)
    if version > SCHEMA_VERSION:
        raise JournalUnusable(path, newer_problem(version), HINT_NEWER)
    return version


def decode_meta(tables: dict[str, Any] | None, path: Path) -> JournalMeta:
    """JournalMeta from the current-schema tables of journal-meta.json."""
    if tables is None:
        return JournalMeta()
    try:
        flags = _docs(tables, META, path)[0][1]
        episodes = [
            codec.episode_from_dict(doc, f"episode {i}") for i, doc in _docs(tables, EPISODES, path)
        ]
        episodes = codec.check_episodes(episodes)
        exercises = [
            codec.exercise_from_dict(doc, f"exercise {i}")
            for i, doc in _docs(tables, EXERCISES, path)
        ]
        routines = [
            codec.routine_from_dict(doc, f"routine {i}") for i, doc in _docs(tables, ROUTINES, path)
        ]
        clearances = codec.check_clearances(
            [
                codec.clearance_from_dict(doc, f"clearance {i}")
                for i, doc in _docs(tables, CLEARANCES, path)
            ]
        )
        custom = flags.get("routines_custom", False)
        if not isinstance(custom, bool):
            raise ShapeError("meta.routines_custom", "must be true or false")
        psfs = psfs_codec.psfs_from_parts(
            [doc for _, doc in _docs(tables, PSFS_ACTIVITIES, path)],
            [doc for _, doc in _docs(tables, PSFS_RATINGS, path)],
        )
        demo = None if flags.get("demo") is None else codec.demo_from_dict(flags["demo"])
        meta = JournalMeta(
            episodes=episodes,
            exercises=exercises,
            routines=routines if custom else None,
            psfs=psfs,
            clearances=clearances,
            demo=demo,
        )
        _unique_ids(meta)
    except ShapeError as error:
        raise JournalUnusable(path, f"wrongly shaped data: {error}", HINT_CORRUPT) from None
    return meta


def _unique_ids(meta: JournalMeta) -> None:
    for kind, items in (("exercise", meta.exercises), ("routine", meta.routines or [])):
        seen: set[str] = set()
        for item in items:
            if item.id in seen:
                raise ShapeError(f"{kind} {item.id}", "appears twice")
            seen.add(item.id)


def normalize_meta(meta: JournalMeta) -> JournalMeta:
    """Validate a meta about to be written by round-tripping it through the codec; raises ShapeError."""
    episodes = codec.check_episodes(
        [codec.episode_from_dict(codec.episode_to_dict(e)) for e in meta.episodes]
    )
    exercises = [codec.exercise_from_dict(codec.exercise_to_dict(e)) for e in meta.exercises]
    routines = None
    if meta.routines is not None:
        routines = [codec.routine_from_dict(codec.routine_to_dict(r)) for r in meta.routines]
    stored = psfs_codec.psfs_to_dict(meta.psfs)
    psfs = psfs_codec.psfs_from_parts(stored["activities"], stored["ratings"])
    clearances = codec.check_clearances(
        [codec.clearance_from_dict(codec.clearance_to_dict(c)) for c in meta.clearances]
    )
    normal = JournalMeta(
        episodes=episodes,
        exercises=exercises,
        routines=routines,
        psfs=psfs,
        clearances=clearances,
        demo=meta.demo,
    )
    _unique_ids(normal)
    return normal


def table_of(docs: list[dict[str, Any]]) -> dict[str, Any]:
    return {str(i): doc for i, doc in enumerate(docs, start=1)}


def encode_meta(meta: JournalMeta, base: dict[str, Any] | None = None) -> dict[str, Any]:
    """TinyDB tables for journal-meta.json; tables this version does not know are kept from `base`."""
    tables = dict(base or {})
    flags = dict(_docs(base, META, Path(META_FILE))[0][1]) if base and base.get(META) else {}
    flags.update(schema=SCHEMA_VERSION, routines_custom=meta.routines is not None)
    flags.pop("demo", None)
    if meta.demo is not None:
        flags["demo"] = codec.demo_to_dict(meta.demo)
    tables[META] = table_of([flags])
    tables[EPISODES] = table_of([codec.episode_to_dict(e) for e in meta.episodes])
    tables[EXERCISES] = table_of([codec.exercise_to_dict(e) for e in meta.exercises])
    tables[ROUTINES] = table_of([codec.routine_to_dict(r) for r in meta.routines or []])
    psfs = psfs_codec.psfs_to_dict(meta.psfs)
    tables[PSFS_ACTIVITIES] = table_of(psfs["activities"])
    tables[PSFS_RATINGS] = table_of(psfs["ratings"])
    tables[CLEARANCES] = table_of([codec.clearance_to_dict(c) for c in meta.clearances])
    return tables


def decode_year(
    tables: dict[str, Any] | None, year: int, path: Path
) -> tuple[dict[date, Day], dict[date, int]]:
    """The days of one year file and each day's document id; wrong shapes are JournalUnusable."""
    days: dict[date, Day] = {}
    ids: dict[date, int] = {}
    for doc_id, doc in _docs(tables, DAYS, path):
        try:
            day = codec.day_from_dict(doc, f"document {doc_id}", _json_bytes)
        except ShapeError as error:
            raise JournalUnusable(path, f"wrongly shaped data: {error}", HINT_CORRUPT) from None
        if day.date.year != year:
            raise JournalUnusable(
                path,
                f"document {doc_id} is dated {day.date} but this file holds {year}",
                HINT_CORRUPT,
            )
        if day.date in ids:
            raise JournalUnusable(
                path,
                f"{day.date} appears twice (documents {ids[day.date]} and {doc_id})",
                HINT_CORRUPT,
            )
        days[day.date] = day
        ids[day.date] = doc_id
    return days, ids


def known_exercises(meta: JournalMeta) -> frozenset[str]:
    """The exercise ids a tick may name: the built-ins and the journal's own."""
    return BUILTIN_IDS | {exercise.id for exercise in meta.exercises}


def unknown_tick(days: Mapping[date, Day], known: Collection[str]) -> tuple[date, str] | None:
    """The first tick (day, exercise id) naming an exercise that is not in `known`, if any."""
    for day in days.values():
        for exercise in day.ticks:
            if exercise not in known:
                return day.date, exercise
    return None


def check_ticks(days: Mapping[date, Day], known: Collection[str], path: Path) -> None:
    """Refuse a file holding a tick for an exercise that is neither built in nor in journal-meta.json."""
    found = unknown_tick(days, known)
    if found is not None:
        raise JournalUnusable(
            path,
            f"wrongly shaped data: {found[0]} has a tick for an unknown exercise {found[1]!r} "
            f"(not built in, not among the exercises in {META_FILE})",
            HINT_CORRUPT,
        )


def keep_sessions(old: Day, new: Day) -> Day:
    """`new`, holding every session of `old` too: sessions are only ever added or updated.

    Code that rebuilds a day from its entry and ticks (``Day(d.date, entry, d.ticks)``) would
    otherwise drop them silently; a session of `new` replaces the one of `old` with its start.
    """
    if not old.sessions:
        return new
    starts = {s.start for s in new.sessions}
    kept = [s for s in old.sessions if s.start not in starts]
    if not kept:
        return new
    return replace(new, sessions=tuple(sorted([*kept, *new.sessions], key=lambda s: s.start)))


def normalize_day(day: Day) -> tuple[dict[str, Any], Day]:
    """The document for a day about to be written and the day as it will read back; raises ShapeError.

    The document is the compact form (no empty or default fields), which every schema-1 reader
    decodes to the same day: half the bytes to serialise and sync on each write.
    """
    doc = codec.day_to_doc(day)
    stored = codec.day_from_dict(doc, ticks_key=_json_bytes)
    if stored.entry is not None and stored.entry == day.entry and stored.entry is not day.entry:
        # Keep the caller's (equal, immutable, just validated) Entry: memos keyed on entry identity,
        # such as the advisor's walk, then survive a tick, which replaces the Day but not its entry.
        stored = replace(stored, entry=day.entry)
    return doc, stored


def migrate(files: dict[str, Any], version: int, path: Path) -> dict[str, Any]:
    """Run the registered migrations on {file name: tables} from `version` up to SCHEMA_VERSION."""
    while version < SCHEMA_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise JournalUnusable(
                path,
                f"uses journal schema {version}, which this backjournal cannot migrate",
                "The file was not changed",
            )
        try:
            files = step(files)
            meta_doc = next(iter(files[META_FILE][META].values()))
            meta_doc["schema"] = version + 1  # the runner, not each step, keeps the version honest
        except (KeyError, TypeError, ValueError, AttributeError, StopIteration) as error:
            raise JournalUnusable(
                path,
                f"migrating from schema {version} failed ({error!r})",
                "The journal was not changed",
            ) from None
        version += 1
    return files


def decode_journal(files: dict[str, Any], directory: Path) -> tuple[dict[date, Day], JournalMeta]:
    """Decode a whole set of parsed files {name: tables}, migrating older schemas in memory."""
    meta_path = directory / META_FILE
    if META_FILE not in files and any(year_of(name) is not None for name in files):
        raise JournalUnusable(
            meta_path,
            "is missing, but there are year files: the episodes, custom exercises and routines "
            "would be lost",
            "A journal is used only with its journal-meta.json",
        )
    version = meta_version(files.get(META_FILE), meta_path)
    if version < SCHEMA_VERSION:
        files = migrate(dict(files), version, meta_path)
    meta = decode_meta(files.get(META_FILE), meta_path)
    known = known_exercises(meta)
    days: dict[date, Day] = {}
    for name, tables in files.items():
        year = year_of(name)
        if year is not None:
            decoded = decode_year(tables, year, directory / name)[0]
            check_ticks(decoded, known, directory / name)
            days.update(decoded)
    return days, meta
