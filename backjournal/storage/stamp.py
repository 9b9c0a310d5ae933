"""A cheap fingerprint of the journal's files (names, inodes, times, sizes): stat only, no read."""

from __future__ import annotations

import os
from pathlib import Path

from backjournal.storage.paths import is_journal_file

JournalStamp = tuple[tuple[str, int, int, int], ...]


def journal_stamp(data_dir: Path) -> JournalStamp:
    """What a stat of every journal file shows; it changes whenever any process writes one."""
    try:
        with os.scandir(data_dir) as found:
            stats = [
                (entry.name, entry.stat(follow_symlinks=False))
                for entry in found
                if is_journal_file(entry.name)
            ]
    except OSError:  # a folder that went away or can't be read: the next read will say why
        return ()
    return tuple(sorted((name, s.st_ino, s.st_mtime_ns, s.st_size) for name, s in stats))
