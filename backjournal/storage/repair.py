"""`check --repair`: set aside what cannot be read (never deleting), bring journal-meta.json back
from the newest good backup, fix modes. A year file that parses is never moved."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from backjournal.domain.models import JournalMeta
from backjournal.storage import backups as backup_files
from backjournal.storage.atomic import DIR_MODE, FILE_MODE, fsync_dir, write_atomic
from backjournal.storage.doctor import _mode, _own_children, analyse, newest_good_backup
from backjournal.storage.errors import JournalUnusable
from backjournal.storage.paths import META_FILE
from backjournal.storage.replace import aside_name
from backjournal.storage.schema import BUILTIN_IDS, decode_year, encode_meta
from backjournal.storage.tinyfile import is_symlink, parse_tables, read_bytes
from backjournal.storage.verify import file_problem

if TYPE_CHECKING:
    from backjournal.storage.store import Store


def newest_good_meta(store: Store) -> tuple[Path, bytes] | None:
    """The newest backup copy of journal-meta.json that verifies by itself, and its bytes."""
    try:
        folders = backup_files.backup_dirs(store.backups_dir, store.day_starts_at)
    except JournalUnusable:
        return None
    for _, folder in folders:
        path = folder / META_FILE
        try:
            raw = read_bytes(path)
        except JournalUnusable:
            continue
        if raw is not None and file_problem(path, raw) is None:
            return path, raw
    return None


def _restore_meta(store: Store) -> list[str]:
    """journal-meta.json is missing beside year files: bring back the newest good backup copy."""
    found = newest_good_meta(store)
    if found is not None:
        source, raw = found
        write_atomic(store.meta_path, raw)
        return [f"restored {store.meta_path} from the backup {source}"]
    custom = _custom_ticks(store)
    if custom:
        return [
            f"{store.meta_path}: no good copy in any backup, and ticks name custom exercises "
            f"({', '.join(sorted(custom)[:5])}) that only it defined; left missing, so the year "
            "files are kept as they are"
        ]
    write_atomic(store.meta_path, _orjson_dumps(encode_meta(JournalMeta())))
    return [
        f"wrote a new {store.meta_path}: no backup holds a good copy, so its episodes, custom "
        "exercises and routines start empty (every tick names a built-in exercise)"
    ]


def _custom_ticks(store: Store) -> set[str]:
    """Exercise ids ticked in the year files that are not built in."""
    found: set[str] = set()
    for year, path in store.year_files().items():
        try:
            days, _ = decode_year(parse_tables(path, read_bytes(path)), year, path)
        except JournalUnusable:
            continue
        found |= {ex for day in days.values() for ex in day.ticks if ex not in BUILTIN_IDS}
    return found


def _orjson_dumps(data: Any) -> bytes:
    import orjson

    return orjson.dumps(data)


def repair(store: Store) -> list[str]:
    """Take the write lock and repair; returns what it did, [] when nothing (or no journal yet)."""
    try:
        os.stat(store.data_dir)
    except FileNotFoundError:
        return []  # no journal yet: nothing to repair
    except OSError as error:
        raise JournalUnusable(
            store.data_dir, f"cannot be read ({error.strerror or error})", "Check the folder"
        ) from error
    with store.locked() as cleaned:
        lines = [
            f"removed stale temp file {path} (left by an interrupted write)" for path in cleaned
        ]
        lines += repair_locked(store)
        store.forget()
    return lines


def repair_locked(store: Store) -> list[str]:
    """Set aside what cannot be read (never deleting), bring journal-meta.json back, fix modes.

    A year file that parses is never moved: its data is all there, whatever is wrong with it (a tick
    of an exercise journal-meta.json no longer defines, a value out of range). Call under the lock."""
    lines: list[str] = []
    found = analyse(store)
    stamp = store.clock().strftime("%Y%m%d-%H%M%S")
    moved = False
    for path, problem in found.problems.items():
        if found.newer or not os.path.lexists(path):
            continue  # journal-meta.json missing: brought back below
        if path not in found.unparsed and path != store.meta_path:
            continue  # a year file that parses: reported below, after the meta file is back
        aside = aside_name(path, stamp)
        try:
            os.rename(path, aside)  # a link is renamed itself; what it points to is not touched
        except OSError as error:
            lines.append(
                f"could not move {path} aside ({error.strerror or error}); it is unchanged"
            )
            continue
        moved = True
        lines.append(f"moved {path} aside to {aside.name} ({problem}); nothing was deleted")
    if moved:
        fsync_dir(store.data_dir)
    if not found.newer and not os.path.lexists(store.meta_path) and store.year_files():
        lines += _restore_meta(store)
        store.forget()
    if not found.newer:
        after = analyse(store)
        for path, problem in after.problems.items():
            if path != store.meta_path and path not in after.unparsed:
                lines.append(
                    f"left {path} in place ({problem}): it parses, so repair never moves it; "
                    "fix it by hand, or restore a backup"
                )
    if found.whole:
        what = (
            "it is not damaged, only newer"
            if found.newer
            else "no single file is to blame, so nothing was moved"
        )
        lines.append(f"{found.whole}; left as it is: {what}")
    for path in store.journal_files():
        if not is_symlink(path) and _mode(path) != FILE_MODE:  # never chmod a link's target
            os.chmod(path, FILE_MODE)
            lines.append(f"set {path} to mode 0600 (private health data)")
    for folder in (store.data_dir, store.backups_dir):
        if folder.is_dir() and not is_symlink(folder) and _mode(folder) != DIR_MODE:
            os.chmod(folder, DIR_MODE)
            lines.append(f"set the folder {folder} to mode 0700 (private health data)")
    for line in _own_children(store):
        lines.append(f"left {line}; repair does not touch it")
    if found.problems or (found.whole and not found.newer):
        lines.append(newest_good_backup(store))
    return lines
