"""Backups: whole-journal copies under backups/, one per journal day plus snapshots before restore,
import or migration. Only files that verify are copied, and pruning keeps a good copy of every file."""

from __future__ import annotations

import os
import re
import shutil
import stat
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from backjournal.domain.dates import journal_today
from backjournal.storage.atomic import (
    CLOEXEC,
    FILE_MODE,
    NOFOLLOW,
    discard,
    ensure_own_dir,
    fsync_dir,
    own_dir,
    temp_name,
    write_all,
)
from backjournal.storage.errors import BackupNotFound, JournalUnusable, StoreWriteError
from backjournal.storage.paths import is_journal_file, year_of
from backjournal.storage.schema import DAYS
from backjournal.storage.tinyfile import parse_tables, read_bytes
from backjournal.storage.verify import stored_file_problem

# An empty file in a backup this version wrote from a sound journal: every file verified, the ticks
# all known. A journal file with the very bytes of its copy there, beside the same meta, is sound too.
WHOLE_MARK = ".verified"
KEEP_DAYS = 14  # daily backups kept; a snapshot is kept until this many newer backups exist
DAY_STARTS_AT = time(4, 0)
# "2026-05-03" is the daily backup of that journal day; "2026-05-03T142205-before-restore[-2]" a
# snapshot, named by the local time it was taken (its journal day follows from that time).
_NAME = re.compile(
    r"(?P<day>\d{4}-\d{2}-\d{2})(?:T(?P<time>\d{6})-(?P<kind>[a-z]+(?:-[a-z]+)*?)(?:-(?P<n>\d+))?)?"
)
Key = tuple[date, str, str, int]  # journal day, time stamp (daily: ""), kind, repeat number


@dataclass(frozen=True)
class BackupInfo:
    """One backup folder: its journal day, size in bytes, and number of diary entries."""

    day: date
    path: Path
    size: int
    entries: int
    kind: str = "daily"  # or "before-restore", "before-migration", "before-import"
    problem: str | None = None  # set when a file in it cannot be read


def parse_name(name: str, day_starts_at: time = DAY_STARTS_AT) -> Key | None:
    match = _NAME.fullmatch(name)
    if not match:
        return None
    try:
        day = date.fromisoformat(match["day"])
        if match["time"]:
            taken = datetime.strptime(f"{match['day']}T{match['time']}", "%Y-%m-%dT%H%M%S")
            day = journal_today(taken, day_starts_at)
    except ValueError:
        return None
    stamp = f"{match['day']}T{match['time']}" if match["time"] else ""
    return day, stamp, match["kind"] or "daily", int(match["n"] or 0)


def backup_dirs(backups_dir: Path, day_starts_at: time = DAY_STARTS_AT) -> list[tuple[Key, Path]]:
    """Backup folders with their parsed names, newest first; only real folders, never links.

    Raises JournalUnusable when backups/ is a symlink or cannot be read."""
    if not own_dir(backups_dir):
        return []
    try:
        with os.scandir(backups_dir) as entries:
            found = [
                (parse_name(e.name, day_starts_at), Path(e.path))
                for e in entries
                if e.is_dir(follow_symlinks=False)
            ]
    except OSError as error:
        raise JournalUnusable(
            backups_dir, f"cannot be read ({error.strerror or error})", "Check its permissions"
        ) from error
    named = [(key, path) for key, path in found if key is not None]
    return sorted(named, key=lambda item: (item[0][0], item[0][1], item[0][3]), reverse=True)


def backup_files(folder: Path) -> dict[str, Path]:
    """The journal files in one backup folder by name (OSError when it cannot be listed)."""
    with os.scandir(folder) as entries:
        return {e.name: Path(e.path) for e in entries if is_journal_file(e.name)}


def write_backup(
    contents: Mapping[str, bytes], backups_dir: Path, name: str, *, whole: bool = False
) -> Path:
    """Write files (name -> bytes) into backups/<name>/ via a temp folder renamed at the end, so no
    half backup is ever seen. `whole`: the files are a sound journal, marked so by WHOLE_MARK."""
    ensure_own_dir(backups_dir)
    final = backups_dir / name
    temp = backups_dir / temp_name(name)
    try:
        os.mkdir(temp, 0o700)
        for file_name, data in {**contents, **({WHOLE_MARK: b""} if whole else {})}.items():
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW | CLOEXEC
            fd = os.open(temp / file_name, flags, FILE_MODE)
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
    return final


def find_backup(backups_dir: Path, which: date | Path, day_starts_at: time = DAY_STARTS_AT) -> Path:
    """A backup folder given as a path, or the one of a journal day (its daily backup first)."""
    if isinstance(which, Path):
        if not which.is_dir():
            raise BackupNotFound(f"{which}: no such backup folder")
        return which
    found = [
        (key, path) for key, path in backup_dirs(backups_dir, day_starts_at) if key[0] == which
    ]
    if not found:
        raise BackupNotFound(f"no backup from {which} in {backups_dir}")
    daily = [path for key, path in found if key[2] == "daily"]
    return daily[0] if daily else found[0][1]


def snapshot(
    contents: Mapping[str, bytes], backups_dir: Path, now: datetime, kind: str, whole: bool = False
) -> Path:
    """An extra backup taken before a risky change (restore, migration, import)."""
    base = f"{now:%Y-%m-%dT%H%M%S}-{kind}"
    name, n = base, 1
    while os.path.lexists(backups_dir / name):
        n += 1
        name = f"{base}-{n}"
    return write_backup(contents, backups_dir, name, whole=whole)


def daily_backup(
    verified_contents: Callable[[], tuple[dict[str, bytes], bool]],
    backups_dir: Path,
    today: date,
    day_starts_at: time = DAY_STARTS_AT,
) -> Path | None:
    """Make the backup of the journal day `today` unless it exists, then prune.

    None: nothing verified (an empty journal, or every file damaged), so none was made."""
    own_dir(backups_dir)  # backups/ a link: refused before anything is read or written through it
    name = today.isoformat()
    if os.path.lexists(backups_dir / name):
        own_dir(backups_dir / name)  # a link in its place is refused, never taken as the backup
        return backups_dir / name
    contents, whole = verified_contents()
    if not contents:
        return None
    made = write_backup(contents, backups_dir, name, whole=whole)
    prune(backups_dir, today, {file_name: made for file_name in contents}, day_starts_at)
    return made


def prune(
    backups_dir: Path,
    today: date,
    fresh: Mapping[str, Path] | None = None,
    day_starts_at: time = DAY_STARTS_AT,
    keep: int = KEEP_DAYS,
) -> list[Path]:
    """Delete the backups no rule keeps; returns them. `fresh`: files known good in a new backup.

    Kept: the newest `keep` daily backups; a snapshot until `keep` newer backups exist; the newest
    backup holding a good copy of each journal file ever backed up. A clock set back (a backup
    dated after `today`) deletes nothing."""
    found = backup_dirs(backups_dir, day_starts_at)
    if not found or found[0][0][0] > today:
        return []
    kept = {path for _, path in [item for item in found if item[0][2] == "daily"][:keep]}
    kept |= {path for i, (key, path) in enumerate(found) if key[2] != "daily" and i < keep}
    kept |= _good_copies(found, fresh or {})
    removed = []
    for _, path in found:
        if path in kept:
            continue
        try:
            if not stat.S_ISDIR(os.lstat(path).st_mode):
                continue  # replaced by something else since it was listed: not ours to delete
        except OSError:
            continue
        shutil.rmtree(path, ignore_errors=True)  # rmtree never follows links inside the folder
        removed.append(path)
    return removed


def _good_copies(found: list[tuple[Key, Path]], fresh: Mapping[str, Path]) -> set[Path]:
    """For each journal file name in any backup, the newest backup where that file verifies."""
    listed: dict[Path, dict[str, Path]] = {}
    for _, folder in found:
        try:
            listed[folder] = backup_files(folder)
        except OSError:
            listed[folder] = {}  # unreadable: it holds no copy anyone could restore
    names = {name for files in listed.values() for name in files}
    keep = {fresh[name] for name in names if name in fresh}
    for name in names - fresh.keys():
        for _, folder in found:
            path = listed[folder].get(name)
            if path is not None and stored_file_problem(path) is None:
                keep.add(folder)
                break
    return keep


def newest_sound(backups_dir: Path, day_starts_at: time = DAY_STARTS_AT) -> Path | None:
    """The newest backup marked sound (WHOLE_MARK), among the newest few; None if none."""
    try:
        found = backup_dirs(backups_dir, day_starts_at)
    except JournalUnusable:
        return None
    for _, folder in found[:3]:
        if stat.S_ISREG(_lstat_mode(folder / WHOLE_MARK)):
            return folder
    return None


def _lstat_mode(path: Path) -> int:
    try:
        return os.lstat(path).st_mode
    except OSError:
        return 0


def describe(key: Key, path: Path) -> BackupInfo:
    """Size and diary-entry count of one backup folder."""
    size = entries = 0
    problem = None
    try:
        files = sorted(os.scandir(path), key=lambda e: e.name)
    except OSError as error:
        files = []
        problem = f"{path}: cannot be read ({error.strerror or error})"
    for file in files:
        try:
            size += file.stat(follow_symlinks=False).st_size
            if year_of(file.name) is None:
                continue
            tables = parse_tables(Path(file.path), read_bytes(Path(file.path))) or {}
            docs = (tables.get(DAYS) or {}).values()
            entries += sum(
                1 for doc in docs if isinstance(doc, dict) and doc.get("entry") is not None
            )
        except JournalUnusable as error:
            problem = problem or str(error)
        except OSError as error:
            problem = problem or f"{file.path}: {error.strerror or error}"
    return BackupInfo(
        day=key[0], path=path, size=size, entries=entries, kind=key[2], problem=problem
    )


def list_backups(backups_dir: Path, day_starts_at: time = DAY_STARTS_AT) -> list[BackupInfo]:
    return [describe(key, path) for key, path in backup_dirs(backups_dir, day_starts_at)]
