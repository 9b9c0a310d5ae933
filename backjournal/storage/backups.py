"""Backups: whole-journal copies under backups/, one per day plus snapshots before restore or migration."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from backjournal.storage.atomic import (
    FILE_MODE,
    discard,
    ensure_dir,
    fsync_dir,
    temp_name,
    write_all,
)
from backjournal.storage.errors import BackupNotFound, JournalUnusable, StoreWriteError
from backjournal.storage.paths import year_of
from backjournal.storage.schema import DAYS
from backjournal.storage.tinyfile import parse_tables, read_bytes

KEEP_DAYS = 14
# "2026-05-03" is the daily backup; "2026-05-03T142205-before-restore[-2]" a snapshot.
_NAME = re.compile(
    r"(?P<day>\d{4}-\d{2}-\d{2})(?:T(?P<time>\d{6})-(?P<kind>[a-z]+(?:-[a-z]+)*?)(?:-(?P<n>\d+))?)?"
)


@dataclass(frozen=True)
class BackupInfo:
    """One backup folder: its day, size in bytes, and number of diary entries."""

    day: date
    path: Path
    size: int
    entries: int
    kind: str = "daily"  # or "before-restore", "before-migration", "before-import"
    problem: str | None = None  # set when a file in it cannot be read


def _parse_name(name: str) -> tuple[date, str, str, int] | None:
    match = _NAME.fullmatch(name)
    if not match:
        return None
    try:
        day = date.fromisoformat(match["day"])
    except ValueError:
        return None
    return day, match["time"] or "", match["kind"] or "daily", int(match["n"] or 0)


def backup_dirs(backups_dir: Path) -> list[tuple[tuple[date, str, str, int], Path]]:
    """Backup folders with their parsed names, newest first."""
    try:
        with os.scandir(backups_dir) as entries:
            found = [
                (_parse_name(e.name), Path(e.path))
                for e in entries
                if e.is_dir(follow_symlinks=False)
            ]
    except OSError:
        return []
    named = [(key, path) for key, path in found if key is not None]
    return sorted(named, key=lambda item: (item[0][0], item[0][1], item[0][3]), reverse=True)


def copy_files(files: list[Path], backups_dir: Path, name: str) -> Path:
    """Copy files into backups/<name>/ via a temp folder renamed at the end, so no half backup is seen."""
    ensure_dir(backups_dir)
    final = backups_dir / name
    temp = backups_dir / temp_name(name)
    try:
        os.mkdir(temp, 0o700)
        for source in files:
            data = read_bytes(source)  # refuses a FIFO or a device rather than hang on it
            if data is None:
                continue  # removed since it was listed
            fd = os.open(temp / source.name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
            try:
                write_all(fd, data)
            finally:
                os.close(fd)
        fsync_dir(temp)
        os.rename(temp, final)
        fsync_dir(backups_dir)
    except OSError as error:
        discard(temp)
        raise StoreWriteError(
            final, error, "the backup was not made and the journal was not changed"
        ) from error
    except JournalUnusable:
        discard(temp)
        raise
    return final


def find_backup(backups_dir: Path, which: date | Path) -> Path:
    """A backup folder given as a path, or the one of a day (its daily backup first)."""
    if isinstance(which, Path):
        if not which.is_dir():
            raise BackupNotFound(f"{which}: no such backup folder")
        return which
    found = [(key, path) for key, path in backup_dirs(backups_dir) if key[0] == which]
    if not found:
        raise BackupNotFound(f"no backup from {which} in {backups_dir}")
    daily = [path for key, path in found if key[2] == "daily"]
    return daily[0] if daily else found[0][1]


def snapshot(files: list[Path], backups_dir: Path, now: datetime, kind: str) -> Path:
    """An extra backup taken before a risky change (restore, migration, import)."""
    base = f"{now:%Y-%m-%dT%H%M%S}-{kind}"
    name, n = base, 1
    while (backups_dir / name).exists():
        n += 1
        name = f"{base}-{n}"
    return copy_files(files, backups_dir, name)


def daily_backup(
    list_files: Callable[[], list[Path]], backups_dir: Path, today: date
) -> Path | None:
    """Make today's backup unless it exists; keeps the last KEEP_DAYS days. None: an empty journal, none made."""
    name = today.isoformat()
    if (backups_dir / name).exists():
        return backups_dir / name
    files = list_files()
    if not files:
        return None  # an empty journal has nothing to lose
    made = copy_files(files, backups_dir, name)
    prune(backups_dir)
    return made


def prune(backups_dir: Path, keep: int = KEEP_DAYS) -> list[Path]:
    """Delete backup folders from all but the newest `keep` days."""
    found = backup_dirs(backups_dir)
    kept_days = sorted({key[0] for key, _ in found}, reverse=True)[:keep]
    removed = [path for key, path in found if key[0] not in kept_days]
    for path in removed:
        shutil.rmtree(path, ignore_errors=True)
    return removed


def describe(key: tuple[date, str, str, int], path: Path) -> BackupInfo:
    """Size and diary-entry count of one backup folder."""
    size = entries = 0
    problem = None
    for file in sorted(path.iterdir()):
        try:
            size += file.stat().st_size
            if year_of(file.name) is None:
                continue
            tables = parse_tables(file, read_bytes(file)) or {}
            docs = (tables.get(DAYS) or {}).values()
            entries += sum(
                1 for doc in docs if isinstance(doc, dict) and doc.get("entry") is not None
            )
        except JournalUnusable as error:
            problem = problem or str(error)
        except OSError as error:
            problem = problem or f"{file}: {error.strerror or error}"
    return BackupInfo(
        day=key[0], path=path, size=size, entries=entries, kind=key[2], problem=problem
    )


def list_backups(backups_dir: Path) -> list[BackupInfo]:
    return [describe(key, path) for key, path in backup_dirs(backups_dir)]
