"""The Store's cache of validated files, keyed by what a stat shows, so unchanged files are not read again."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from backjournal.domain.models import JournalMeta
from backjournal.storage.tinyfile import read_with_stat

StatKey = tuple[int, int, int]


@dataclass
class Cached:
    """A validated file: its stat key and bytes, so neither reads nor writes re-validate unchanged files."""

    key: StatKey | None
    raw: bytes | None  # None: not kept (an older year); a write to it validates the file again
    value: Any  # dict[date, Day] for a year file, JournalMeta for the meta file
    ids: dict[date, int] | None = None
    tables: dict[str, Any] | None = (
        None  # parsed TinyDB tables, kept after a write to skip re-parsing
    )
    segments: dict[str, dict[str, bytes]] | None = (
        None  # the tables' documents as JSON, matching `tables`
    )


@dataclass
class Txn:
    """The meta file as read under the write lock, and the day's backup, taken only once a write is certain."""

    raw: bytes | None
    meta: JournalMeta
    take_backup: Callable[[], object]

    def before_write(self) -> None:
        self.take_backup()


def stat_key(st: os.stat_result) -> StatKey:
    return (st.st_ino, st.st_mtime_ns, st.st_size)


def read_with_key(path: Path) -> tuple[bytes | None, StatKey | None]:
    """The file's bytes and the stat key of that very file (fstat on the descriptor read)."""
    raw, st = read_with_stat(path)  # refuses a FIFO or a device instead of blocking on it
    return raw, None if st is None else stat_key(st)
