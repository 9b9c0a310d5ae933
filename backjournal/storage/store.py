"""The journal on disk: journal-meta.json plus one TinyDB file per year, locked, atomic, backed up daily."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any, cast

import orjson

from backjournal.domain.codec import SCHEMA_VERSION, ShapeError
from backjournal.domain.models import Day, JournalMeta
from backjournal.storage import backups as backup_files
from backjournal.storage import doctor
from backjournal.storage.atomic import commit_temp, discard, fsync_dir, write_temp
from backjournal.storage.errors import JournalNotEmpty, JournalUnusable, StoreWriteError
from backjournal.storage.filecache import Cached, StatKey, Txn, read_with_key, stat_key
from backjournal.storage.paths import (
    BACKUPS_DIR,
    LOCK_FILE,
    META_FILE,
    is_journal_file,
    year_file_name,
    year_of,
)
from backjournal.storage.schema import (
    DAYS,
    check_ticks,
    decode_journal,
    decode_meta,
    decode_year,
    encode_meta,
    keep_sessions,
    known_exercises,
    meta_version,
    migrate,
    normalize_day,
    normalize_meta,
    table_of,
    unknown_tick,
)
from backjournal.storage.session import WriteSession
from backjournal.storage.tinyfile import AtomicJSONStorage, open_db, parse_tables, read_bytes


def _copy_meta(meta: JournalMeta) -> JournalMeta:
    routines = None if meta.routines is None else list(meta.routines)
    return JournalMeta(
        episodes=list(meta.episodes),
        exercises=list(meta.exercises),
        routines=routines,
        clearances=list(meta.clearances),
        psfs=meta.psfs,  # frozen: shared safely
    )


class Store:
    """The only code that touches the journal's files. Writes lock, re-read, and replace atomically."""

    def __init__(
        self,
        data_dir: Path,
        *,
        lock_timeout: float = 5.0,
        clock: Callable[[], datetime] = datetime.now,
    ) -> None:
        self.data_dir = Path(data_dir)
        self.lock_timeout = lock_timeout
        self.clock = clock
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

    def journal_files(self) -> list[Path]:
        """The journal files that exist: journal-meta.json first, then the years in order."""
        years = [path for _, path in sorted(self._year_paths().items())]
        return ([self.meta_path] if self.meta_path.exists() else []) + years

    def _fresh(self, path: Path) -> Cached | None:
        cached = self._cache.get(path)
        if cached is None:
            return None
        try:
            key = stat_key(os.stat(path))
        except OSError:
            return None
        return cached if cached.key == key else None

    def _meta(self, migrated: bool = False) -> JournalMeta:
        cached = self._fresh(self.meta_path)
        if cached:
            return cast(JournalMeta, cached.value)
        raw, key = read_with_key(self.meta_path)
        if raw is None:
            return JournalMeta()
        tables = parse_tables(self.meta_path, raw)
        if meta_version(tables, self.meta_path) < SCHEMA_VERSION and not migrated:
            with self._locked():
                self._migrate_locked()
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
        current = year == self.clock().year
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
            and not meta.clearances
            and meta.psfs.is_empty
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
                    self._migrate_locked()
                    raw, key = read_with_key(self.meta_path)
                    tables = parse_tables(self.meta_path, raw)
                meta = self._validated_meta(raw, key, tables)
            today = self.clock().date()
            yield Txn(raw, meta, lambda: self._session.daily_backup(self.journal_files, today))

    def _validated_meta(
        self, raw: bytes | None, key: StatKey | None, tables: dict[str, Any] | None
    ) -> JournalMeta:
        if raw is None:
            return JournalMeta()
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

    def replace_all(
        self, days: dict[date, Day], meta: JournalMeta, *, require_empty: bool = False
    ) -> None:
        """Make the journal exactly this (import): validates everything before writing anything.

        With require_empty, a journal holding anything is refused (JournalNotEmpty), decided under the
        write lock so that a write from another process just before cannot be replaced."""
        by_year: dict[int, list[dict[str, Any]]] = {}
        for key, day in sorted(days.items()):
            if key != day.date:
                raise ShapeError(f"day {key}", f"holds a day dated {day.date}")
            if not day.is_empty:
                by_year.setdefault(key.year, []).append(normalize_day(day)[0])
        files = {META_FILE: orjson.dumps(encode_meta(normalize_meta(meta)))}
        for year, docs in by_year.items():
            files[year_file_name(year)] = orjson.dumps({DAYS: table_of(docs)})
        with self._writing() as txn:
            held = False
            for year, path in self._year_paths().items():
                # a damaged journal is refused, not replaced
                held = bool(self._locked_year(path, year, txn.meta)[1]) or held
            if require_empty and (
                held
                or txn.meta.episodes
                or txn.meta.exercises
                or txn.meta.routines is not None
                or txn.meta.clearances
                or not txn.meta.psfs.is_empty
            ):
                raise JournalNotEmpty(self.data_dir)
            txn.before_write()
            current = self.journal_files()
            saved = (
                backup_files.snapshot(current, self.backups_dir, self.clock(), "before-import")
                if current
                else None
            )
            self._commit_files(files, saved)

    def _commit_files(self, files: dict[str, bytes], saved: Path | None) -> None:
        """Replace the journal's files with `files`: all are written durably before any is renamed."""
        stale = [path for path in self.journal_files() if path.name not in files]
        staged: list[tuple[Path, Path]] = []
        self._cache.clear()
        try:
            for name, data in files.items():
                staged.append((write_temp(self.data_dir / name, data), self.data_dir / name))
        except StoreWriteError:
            for temp, _ in staged:
                discard(temp)
            raise
        try:
            for temp, target in staged:
                commit_temp(temp, target, sync_dir=False)
            for path in stale:
                path.unlink()
            fsync_dir(self.data_dir)
        except (OSError, StoreWriteError) as error:
            for temp, _ in staged:
                discard(temp)
            where = (
                f"the previous journal is saved in {saved}"
                if saved
                else "the journal was empty before"
            )
            raise StoreWriteError(
                self.data_dir,
                error.error if isinstance(error, StoreWriteError) else error,
                f"it may be partly replaced; {where}",
            ) from error

    def _migrate_locked(self) -> None:
        """Back up, then migrate every file to SCHEMA_VERSION; called under the lock."""
        current = self.journal_files()
        parsed = {path.name: parse_tables(path, read_bytes(path)) for path in current}
        version = meta_version(parsed.get(META_FILE), self.meta_path)
        if version >= SCHEMA_VERSION:
            return  # another process migrated it while we waited for the lock
        migrated = migrate(parsed, version, self.meta_path)
        try:
            decode_journal(migrated, self.data_dir)
        except JournalUnusable as error:
            raise JournalUnusable(
                error.path,
                f"migrating from schema {version} gives wrongly shaped data: {error.problem}",
                "The journal was not changed",
            ) from None
        saved = backup_files.snapshot(current, self.backups_dir, self.clock(), "before-migration")
        self._commit_files({name: orjson.dumps(tables) for name, tables in migrated.items()}, saved)

    # Backups, checks and repairs.

    def backups(self) -> list[backup_files.BackupInfo]:
        """Backup folders, newest first."""
        return backup_files.list_backups(self.backups_dir)

    def restore(self, which: date | Path) -> Path:
        """Save the current journal as a backup, then put a backup in its place; returns the saved one."""
        source = backup_files.find_backup(self.backups_dir, which)
        files = {path.name: path for path in sorted(source.iterdir()) if is_journal_file(path.name)}
        raw = {name: read_bytes(path) or b"" for name, path in files.items()}
        days, meta = decode_journal(
            {name: parse_tables(files[name], data) for name, data in raw.items()}, source
        )
        # What input would refuse is refused here too (InputError, exit 2): one set of rules.
        from backjournal.domain.incoming import check_journal

        check_journal(days, meta, f"backup {source.name}")
        with self._locked():
            saved = backup_files.snapshot(
                self.journal_files(), self.backups_dir, self.clock(), "before-restore"
            )
            self._commit_files(raw, saved)
        return saved

    def check(self) -> list[str]:
        """Problems and notes found, [] when the journal is fine. Changes nothing."""
        return doctor.check(self)

    def check_report(self) -> tuple[list[str], list[str]]:
        """(problems, notes): problems make the journal unusable or unsafe; notes are harmless."""
        return doctor.check_report(self)

    def newest_good_backup(self) -> Path | None:
        """The newest backup folder that reads cleanly, if any."""
        found = doctor.newest_good(self)
        return found[0] if found else None

    def repair(self) -> list[str]:
        """Move unreadable files aside (never deleting them); returns what it did, [] when nothing."""
        if not self.data_dir.is_dir():
            return []
        with self._locked() as cleaned:
            lines = [
                f"removed stale temp file {path} (left by an interrupted write)" for path in cleaned
            ]
            lines += doctor.repair_locked(self)
            self._cache.clear()
        return lines
