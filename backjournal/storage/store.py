"""The journal on disk: journal-meta.json plus one TinyDB file per year, locked, atomic, backed up daily."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, cast

from backjournal.domain.codec import SCHEMA_VERSION, ShapeError
from backjournal.domain.dates import journal_today
from backjournal.domain.models import Day, JournalMeta
from backjournal.storage import replace
from backjournal.storage.clock import system_clock
from backjournal.storage.errors import JournalUnusable
from backjournal.storage.filecache import Cached, StatKey, Txn, read_with_key, stat_key
from backjournal.storage.paths import (
    BACKUPS_DIR,
    LOCK_FILE,
    META_FILE,
    year_file_name,
    year_of,
)
from backjournal.storage.schema import (
    DAYS,
    check_ticks,
    decode_meta,
    decode_year,
    encode_meta,
    keep_sessions,
    known_exercises,
    meta_version,
    normalize_day,
    normalize_meta,
    unknown_tick,
)
from backjournal.storage.session import WriteSession
from backjournal.storage.tinyfile import AtomicJSONStorage, open_db, parse_tables
from backjournal.storage.whole import WholeJournal

META_MISSING = (
    "is missing, but the journal has year files: without it the episodes, custom exercises and "
    "routines are unknown, so the journal is not used"
)
META_MISSING_HINT = (
    "Nothing was written. `backjournal check --repair` brings it back from the newest good backup"
)


def _copy_meta(meta: JournalMeta) -> JournalMeta:
    routines = None if meta.routines is None else list(meta.routines)
    return JournalMeta(
        episodes=list(meta.episodes),
        exercises=list(meta.exercises),
        routines=routines,
        psfs=meta.psfs,  # frozen: shared safely
        clearances=list(meta.clearances),
        demo=meta.demo,
    )


class Store(WholeJournal):
    """The only code that touches the journal's files. Writes lock, re-read, and replace atomically."""

    def __init__(
        self,
        data_dir: Path,
        *,
        lock_timeout: float = 5.0,
        clock: Callable[[], datetime] = system_clock,
        day_starts_at: time = time(4, 0),
    ) -> None:
        self.data_dir = Path(data_dir)
        self.lock_timeout = lock_timeout
        self.clock = clock  # the one clock: the service reads and sets this very one
        self.day_starts_at = day_starts_at  # the service keeps it equal to its settings'
        self._cache: dict[Path, Cached] = {}
        self._merged: tuple[list[int], list[dict[date, Day]], dict[date, Day]] | None = (
            None  # see load()
        )
        self._names: dict[
            str, tuple[int, Path] | None
        ] = {}  # file name -> (year, path) for year files
        # Built once: pathlib's `/` cost more per write than all the rest of the Python work of a write.
        self.meta_path = self.data_dir / META_FILE
        self.backups_dir = self.data_dir / BACKUPS_DIR
        self.lock_path = self.data_dir / LOCK_FILE
        self._year_paths_by_year: dict[int, Path] = {}
        self._session = WriteSession(self.data_dir, self.backups_dir, self.lock_path, lock_timeout)

    def today(self) -> date:
        """The journal day now: before day_starts_at it is still the previous night."""
        return journal_today(self.clock(), self.day_starts_at)

    def year_path(self, year: int) -> Path:
        path = self._year_paths_by_year.get(year)
        if path is None:
            path = self._year_paths_by_year[year] = self.data_dir / year_file_name(year)
        return path

    # Reading: no lock. Every file is replaced atomically, so each read sees a whole file.

    def _year_paths(self) -> dict[int, Path]:
        try:
            with os.scandir(self.data_dir) as entries:
                names = [entry.name for entry in entries]
        except FileNotFoundError:
            return {}
        except OSError as error:
            raise JournalUnusable(
                self.data_dir, f"cannot be read ({error.strerror or error})", "Check the folder"
            ) from error
        known = self._names
        found: dict[int, Path] = {}
        for name in names:
            if (
                name not in known
            ):  # the same Path object each time: its str and hash are computed once
                year = year_of(name)
                known[name] = None if year is None else (year, self.data_dir / name)
            if (entry := known[name]) is not None:
                found[entry[0]] = entry[1]
        if len(known) > 4 * len(names) + 64:
            known.clear()  # temp file names come and go
        return found

    def is_validated(self, path: Path) -> bool:
        """Whether this process read and validated the file as it is now (a stat, no read)."""
        return self._fresh(path) is not None

    def year_files(self) -> dict[int, Path]:
        """The year files that exist (links and other things under a year file's name included)."""
        return dict(self._year_paths())

    def journal_files(self) -> list[Path]:
        """The journal files that exist: journal-meta.json first, then the years in order.
        (A link or anything else under a journal file's name is listed too: it is a problem.)"""
        years = [path for _, path in sorted(self._year_paths().items())]
        return ([self.meta_path] if os.path.lexists(self.meta_path) else []) + years

    def _no_meta(self) -> JournalMeta:
        """The meta of a journal without journal-meta.json: empty only when no year file exists."""
        if self._year_paths():
            raise JournalUnusable(self.meta_path, META_MISSING, META_MISSING_HINT)
        return JournalMeta()

    def _fresh(self, path: Path) -> Cached | None:
        cached = self._cache.get(path)
        if cached is None:
            return None
        try:
            key = stat_key(os.lstat(path))  # a link put in a file's place is never "unchanged"
        except OSError:
            return None
        return cached if cached.key == key else None

    def _meta(self, migrated: bool = False) -> JournalMeta:
        cached = self._fresh(self.meta_path)
        if cached:
            return cast(JournalMeta, cached.value)
        raw, key = read_with_key(self.meta_path)
        if raw is None:
            return self._no_meta()
        tables = parse_tables(self.meta_path, raw)
        if meta_version(tables, self.meta_path) < SCHEMA_VERSION and not migrated:
            with self._locked():
                replace.migrate_locked(self)
            return self._meta(migrated=True)
        meta = decode_meta(tables, self.meta_path)
        self._cache[self.meta_path] = Cached(key, raw, meta)
        return meta

    def _year(self, year: int, path: Path) -> dict[date, Day]:
        cached = self._fresh(path)
        if cached:
            return cast(dict[date, Day], cached.value)
        raw, key = read_with_key(path)
        if raw is None:
            return {}
        tables = parse_tables(path, raw)
        days, ids = decode_year(tables, year, path)
        # Meta is read again after the year: exercises are only ever added, and a writer saves a new
        # exercise before any tick of it, so this meta knows every exercise the year file can name.
        check_ticks(days, known_exercises(self._meta()), path)
        # Writes go to this year: keep its bytes and parse so the first write neither validates nor
        # parses it again. Older years keep neither: ten years of them would hold megabytes for nothing.
        current = year == self.today().year
        self._cache[path] = Cached(
            key, raw if current else None, days, ids, tables if current else None
        )
        return days

    def load_meta(self) -> JournalMeta:
        """Episodes, custom exercises and routines (None: the defaults)."""
        return _copy_meta(self._meta())

    def load_year(self, year: int) -> dict[date, Day]:
        self._meta()  # refuses a newer schema and migrates an older one first
        return dict(self._year(year, self.year_path(year)))

    def views(self, years: Iterable[int]) -> tuple[JournalMeta, list[Mapping[date, Day]]]:
        """The meta and these years' days as cached, not copied: read them, never change them.
        Each is a new object whenever its file changed, so what a caller built from them stays valid while they return."""
        meta = self._meta()  # refuses a newer schema and migrates an older one first
        return meta, [self._year(year, self.year_path(year)) for year in years]

    def load(self) -> tuple[dict[date, Day], JournalMeta]:
        """The whole journal; a missing or empty data dir is an empty journal."""
        meta = self.load_meta()
        found = sorted(self._year_paths().items())
        years = [year for year, _ in found]
        parts = [self._year(year, path) for year, path in found]
        # Cached year dicts are replaced, never changed in place, when their file changes. So the last
        # merge, redone only for the years whose dict was replaced, is this merge: after a tick a
        # refresh patches one year instead of merging ten.
        merged = self._merged
        if merged is not None and merged[0] == years:
            days = merged[2]  # never handed out (callers get copies), so patched in place
            for old, new in zip(merged[1], parts, strict=True):
                if old is not new:
                    for gone in old.keys() - new.keys():
                        del days[gone]
                    days.update(new)
        else:
            days = {}
            for part in parts:
                days.update(part)
        self._merged = (years, parts, days)
        return dict(days), meta

    def is_empty(self) -> bool:
        days, meta = self.load()
        return (
            not days
            and not meta.episodes
            and not meta.exercises
            and meta.routines is None
            and meta.psfs.is_empty
            and not meta.clearances
        )

    # Writing: lock, re-read under the lock, write atomically, release.

    def _locked(self) -> AbstractContextManager[list[Path]]:
        """Hold the write lock; yields the stale temp files it cleaned up (no writer can be mid-write now)."""
        return self._session.locked()

    @contextmanager
    def _writing(self) -> Iterator[Txn]:
        """Lock, refuse a bad or newer meta file, migrate an older one; the txn takes the day's backup."""
        with self._locked():
            raw, key = read_with_key(self.meta_path)
            cached = self._cache.get(self.meta_path)
            if raw is not None and cached is not None and cached.raw == raw:
                meta = cached.value  # the very bytes validated before, schema version included
            else:
                tables = parse_tables(self.meta_path, raw)
                if meta_version(tables, self.meta_path) < SCHEMA_VERSION:
                    replace.migrate_locked(self)
                    raw, key = read_with_key(self.meta_path)
                    tables = parse_tables(self.meta_path, raw)
                meta = self._validated_meta(raw, key, tables)
            today = self.today()
            yield Txn(
                raw,
                meta,
                lambda: self._session.daily_backup(
                    lambda: self._backup_contents(), today, self.day_starts_at
                ),
            )

    def locked(self) -> AbstractContextManager[list[Path]]:
        """Hold the write lock (for whole-journal changes: restore, repair)."""
        return self._locked()

    def forget(self) -> None:
        """Drop every cached file: the journal's files are being replaced."""
        self._cache.clear()

    def _validated_meta(
        self, raw: bytes | None, key: StatKey | None, tables: dict[str, Any] | None
    ) -> JournalMeta:
        if raw is None:
            return self._no_meta()
        meta = decode_meta(tables, self.meta_path)
        self._cache[self.meta_path] = Cached(key, raw, meta)
        return meta

    def _remember(
        self, path: Path, storage: AtomicJSONStorage, value: Any, ids: dict[date, int] | None = None
    ) -> None:
        assert storage.written is not None
        self._cache[path] = Cached(
            stat_key(os.stat(path)), storage.written, value, ids, storage.read(), storage.segments
        )

    def _locked_year(
        self, path: Path, year: int, meta: JournalMeta
    ) -> tuple[AtomicJSONStorage, dict[date, Day], dict[date, int]]:
        """A year file re-read under the lock, validated unless its bytes are exactly the ones we validated."""
        raw, _ = read_with_key(path)
        cached = self._cache.get(path)
        if cached is not None and cached.ids is not None and raw is not None and cached.raw == raw:
            if cached.tables is not None:
                # Same bytes, so the same parse: copy the containers TinyDB replaces instead of parsing again.
                storage = AtomicJSONStorage(
                    path,
                    parsed={name: dict(t) for name, t in cached.tables.items()},
                    segments=cached.segments,
                )
            else:
                storage = AtomicJSONStorage(path, raw)
            return storage, dict(cached.value), dict(cached.ids)
        storage = AtomicJSONStorage(path, raw)
        days, ids = decode_year(storage.read(), year, path)
        check_ticks(days, known_exercises(meta), path)
        return storage, days, ids

    def _write_meta(self, meta: JournalMeta, raw: bytes | None) -> None:
        storage = AtomicJSONStorage(self.meta_path, raw)
        storage.write(encode_meta(meta, storage.read()))
        self._remember(self.meta_path, storage, meta)

    def update_day(
        self, day: date, fn: Callable[[Day], Day], *, replace_sessions: bool = False
    ) -> Day:
        """Apply fn to the day as stored now (or an empty Day) under the lock; an empty result removes it.

        The day's guided sessions are kept even when fn's day leaves them out (`keep_sessions`),
        unless `replace_sessions`: the one deliberate way to remove a session."""
        if isinstance(day, datetime) or not isinstance(day, date):
            raise TypeError(f"update_day needs a date, got {day!r}")
        path = self.year_path(day.year)
        with self._writing() as txn:
            storage, days, ids = self._locked_year(path, day.year, txn.meta)
            old = days.get(day) or Day(date=day)
            new = fn(old) if replace_sessions else keep_sessions(old, fn(old))
            if new.date != day:
                raise ValueError(f"the update for {day} returned a day dated {new.date}")
            if (unknown := unknown_tick({day: new}, known_exercises(txn.meta))) is not None:
                raise ShapeError(f"day {day} ticks", f"unknown exercise {unknown[1]!r}")
            if new.is_empty:
                if day not in ids:
                    return Day(date=day)  # nothing stored, nothing to remove
                doc, result = None, Day(date=day)
            else:
                doc, result = normalize_day(new)  # a bad day is refused before anything is written
            txn.before_write()
            if txn.raw is None:
                self._write_meta(
                    txn.meta, None
                )  # the meta file, with the schema version, comes first
            table = open_db(storage).table(DAYS)
            try:
                if doc is None:
                    table.remove(doc_ids=[ids.pop(day)])
                    del days[day]
                elif day in ids:
                    # TinyDB's update merges into the stored document; every stored day document has
                    # the same top-level keys, so replacing it whole is the same, minus re-serialising the year.
                    storage.replace_document(DAYS, ids[day], doc)
                    days[day] = result
                else:
                    ids[day] = table.insert(doc)
                    days[day] = result
            except BaseException:
                self._cache.pop(
                    path, None
                )  # TinyDB updates the cached parse in place; a failed write must not keep it
                raise
            self._remember(path, storage, days, ids)
        return result

    def update_meta(self, fn: Callable[[JournalMeta], JournalMeta]) -> JournalMeta:
        """Apply fn to the stored episodes, custom exercises and routines under the lock."""
        with self._writing() as txn:
            new = normalize_meta(fn(_copy_meta(txn.meta)))
            txn.before_write()
            self._write_meta(new, txn.raw)
        return _copy_meta(new)
