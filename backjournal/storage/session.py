"""One Store's write side: its kept lock, stale temps cleaned when a folder changed, and the day's backup."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, time
from pathlib import Path

from backjournal.storage import backups as backup_files
from backjournal.storage.atomic import clean_stale_temps, ensure_dir
from backjournal.storage.lock import StoreLock

DirKey = tuple[int, int, int, int, int, int]


def dir_key(directory: Path) -> DirKey | None:
    """What changes when an entry is added to or removed from a folder (None: it is missing)."""
    try:
        st = os.stat(directory)
    except OSError:
        return None
    return (st.st_dev, st.st_ino, st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_nlink)


def _real_dir(folder: Path) -> bool:
    try:
        return stat.S_ISDIR(os.lstat(folder).st_mode)
    except OSError:
        return False


class WriteSession:
    """Lock, clean-up and daily-backup state kept across one Store's writes, so a write repeats none of it."""

    def __init__(self, data_dir: Path, backups_dir: Path, lock_path: Path, timeout: float) -> None:
        self.data_dir = data_dir
        self.backups_dir = backups_dir
        self.lock = StoreLock(lock_path, timeout)
        self._left: dict[Path, DirKey | None] = {}  # each folder as the last write left it
        self._backed_up: date | None = None  # the day whose daily backup is known to exist

    @contextmanager
    def locked(self) -> Iterator[list[Path]]:
        """Hold the write lock; yields the stale temp files it cleaned up (no writer can be mid-write now)."""
        ensure_dir(self.data_dir)
        with self.lock:
            cleaned = self._clean(self.data_dir) + self._clean(self.backups_dir)
            left: dict[Path, DirKey | None] = {}
            try:
                yield cleaned
                left = {folder: dir_key(folder) for folder in (self.data_dir, self.backups_dir)}
            finally:
                self._left = left  # after a failure, the next write scans both folders again

    def _clean(self, folder: Path) -> list[Path]:
        # A temp file is only left behind by a writer that died, and it changed the folder after the
        # last write here left it: unchanged, the folder holds no new one. This saves two folder scans
        # per write. (Where timestamps are coarse, a temp made within the same tick as that last write
        # waits for a later write to be cleaned: harmless, it is never read.)
        key = self._left.get(folder)
        if key is not None and key == dir_key(folder):
            return []
        if folder != self.data_dir and not _real_dir(folder):
            return []  # backups/ missing, or a link: never delete anything through it
        return clean_stale_temps(folder)

    def daily_backup(
        self,
        verified_contents: Callable[[], tuple[dict[str, bytes], bool]],
        today: date,
        day_starts_at: time,
    ) -> None:
        """Back up before the first write of the journal day `today`: a date comparison on later
        writes, no file system call."""
        if today == self._backed_up:
            return
        made = backup_files.daily_backup(verified_contents, self.backups_dir, today, day_starts_at)
        if made is not None:
            self._backed_up = today  # made now, or earlier today by this or another process
        # None: the journal was empty, nothing to save; the next write checks again, as it may have data.
