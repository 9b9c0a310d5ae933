"""Replacing the journal's files as a whole: restore, import and migration, each after a snapshot."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from backjournal.domain.codec import SCHEMA_VERSION, ShapeError
from backjournal.domain.models import Day, JournalMeta
from backjournal.storage import backups as backup_files
from backjournal.storage.atomic import commit_temp, discard, fsync_dir, write_temp
from backjournal.storage.errors import JournalUnusable, StoreWriteError
from backjournal.storage.paths import META_FILE, year_file_name
from backjournal.storage.schema import (
    DAYS,
    decode_journal,
    encode_meta,
    meta_version,
    migrate,
    normalize_day,
    normalize_meta,
    table_of,
)
from backjournal.storage.tinyfile import parse_tables, read_bytes

if TYPE_CHECKING:
    from backjournal.storage.store import Store


def encode_journal(days: dict[date, Day], meta: JournalMeta) -> dict[str, bytes]:
    """The files of a whole journal (import), every day and the meta validated; raises ShapeError."""
    by_year: dict[int, list[dict[str, Any]]] = {}
    for key, day in sorted(days.items()):
        if key != day.date:
            raise ShapeError(f"day {key}", f"holds a day dated {day.date}")
        if not day.is_empty:
            by_year.setdefault(key.year, []).append(normalize_day(day)[0])
    files = {META_FILE: orjson.dumps(encode_meta(normalize_meta(meta)))}
    for year, docs in by_year.items():
        files[year_file_name(year)] = orjson.dumps({DAYS: table_of(docs)})
    return files


def commit_files(store: Store, files: dict[str, bytes], saved: Path | None) -> None:
    """Replace the journal's files with `files`: all are written durably before any is renamed."""
    stale = [path for path in store.journal_files() if path.name not in files]
    staged: list[tuple[Path, Path]] = []
    store.forget()
    try:
        # journal-meta.json first: a reader never sees year files without it (that is unusable)
        for name in sorted(files, key=lambda name: name != META_FILE):
            staged.append((write_temp(store.data_dir / name, files[name]), store.data_dir / name))
    except StoreWriteError:
        for temp, _ in staged:
            discard(temp)
        raise
    try:
        for temp, target in staged:
            commit_temp(temp, target, sync_dir=False)
        for path in stale:
            path.unlink()  # a link is removed itself, never what it points to
        fsync_dir(store.data_dir)
    except (OSError, StoreWriteError) as error:
        for temp, _ in staged:
            discard(temp)
        where = (
            f"the previous journal is saved in {saved}" if saved else "the journal was empty before"
        )
        cause = error.error if isinstance(error, StoreWriteError) else error
        raise StoreWriteError(
            store.data_dir, cause, f"it may be partly replaced; {where}"
        ) from error


def migrate_locked(store: Store) -> None:
    """Back up, then migrate every file to SCHEMA_VERSION; called under the lock."""
    current = store.journal_files()
    raw = {path.name: read_bytes(path) for path in current}
    parsed = {path.name: parse_tables(path, raw[path.name]) for path in current}
    version = meta_version(parsed.get(META_FILE), store.meta_path)
    if version >= SCHEMA_VERSION:
        return  # another process migrated it while we waited for the lock
    migrated = migrate(parsed, version, store.meta_path)
    try:
        decode_journal(migrated, store.data_dir)
    except JournalUnusable as error:
        raise JournalUnusable(
            error.path,
            f"migrating from schema {version} gives wrongly shaped data: {error.problem}",
            "The journal was not changed",
        ) from None
    # The files as they were: they parse, and decode as schema `version` (just proven above).
    before = {name: data for name, data in raw.items() if data is not None}
    saved = backup_files.snapshot(before, store.backups_dir, store.clock(), "before-migration")
    commit_files(store, {name: orjson.dumps(tables) for name, tables in migrated.items()}, saved)


def restore(store: Store, which: date | Path) -> tuple[Path, list[tuple[Path, Path]]]:
    """Save the current journal as a backup, then put a backup in its place; returns the saved one,
    and each file set aside (its path, where it went).

    Files of the current journal that do not verify (or are links, pipes, folders) are not put in
    that backup: each is moved aside in the data folder instead, so nothing is lost and the saved
    backup can itself be restored."""
    source = backup_files.find_backup(store.backups_dir, which, store.day_starts_at)
    try:
        found = backup_files.backup_files(source)
    except OSError as error:
        raise JournalUnusable(
            source, f"cannot be read ({error.strerror or error})", "Nothing was changed"
        ) from error
    raw = {name: read_bytes(path) or b"" for name, path in sorted(found.items())}
    days, meta = decode_journal(
        {name: parse_tables(found[name], data) for name, data in raw.items()}, source
    )
    # What input would refuse is refused here too (InputError, exit 2): one set of rules.
    from backjournal.domain.incoming import check_journal

    check_journal(days, meta, f"backup {source.name}")
    with store.locked():
        contents, damaged, whole = store.verified_contents()
        saved = backup_files.snapshot(
            contents, store.backups_dir, store.clock(), "before-restore", whole=whole
        )
        stamp = store.clock().strftime("%Y%m%d-%H%M%S")
        set_aside = []
        for path in damaged:
            set_aside.append((path, aside_name(path, stamp)))
            try:
                os.rename(path, set_aside[-1][1])
            except OSError as error:
                raise StoreWriteError(
                    path, error, f"nothing was restored; {saved} holds the rest"
                ) from error
        commit_files(store, raw, saved)
    return saved, set_aside


def aside_name(path: Path, stamp: str) -> Path:
    """<name>.corrupt-<stamp>[-n]: a free name next to path for a file set aside."""
    aside = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while os.path.lexists(aside):
        n += 1
        aside = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    return aside
