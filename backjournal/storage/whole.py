"""The Store's whole-journal side: backups, restore, check, repair, import, clearing, and the problems every command reports."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, cast

from backjournal.domain.models import Day, JournalMeta
from backjournal.storage import backups as backup_files
from backjournal.storage import doctor, replace
from backjournal.storage import repair as repairs
from backjournal.storage.errors import JournalNotEmpty, JournalUnusable
from backjournal.storage.filecache import read_with_key
from backjournal.storage.schema import known_exercises
from backjournal.storage.verify import JournalProblem, read_meta, year_problem

if TYPE_CHECKING:
    from backjournal.storage.store import Store


def _store(journal: WholeJournal) -> Store:
    return cast("Store", journal)  # the only subclass: Store


class WholeJournal:
    """Methods of Store that treat the journal as a whole; each hands the store to its module."""

    def backups(self) -> list[backup_files.BackupInfo]:
        """Backup folders, newest first."""
        return backup_files.list_backups(_store(self).backups_dir, _store(self).day_starts_at)

    def restore(self, which: date | Path) -> Path:
        """Save the current journal as a backup, then put a backup in its place; returns the saved one."""
        return replace.restore(_store(self), which)[0]

    def restore_report(self, which: date | Path) -> tuple[Path, list[tuple[Path, Path]]]:
        """restore(), and each damaged file it set aside (never deleted): (its path, where it went)."""
        return replace.restore(_store(self), which)

    def journal_problems(self) -> list[JournalProblem]:
        """Every file that is damaged, missing or not the journal's own, [] when all is well."""
        return doctor.journal_problems(_store(self))

    def check(self) -> list[str]:
        """Problems and notes found, [] when the journal is fine. Changes nothing."""
        return doctor.check(_store(self))

    def check_report(self) -> tuple[list[str], list[str]]:
        """(problems, notes): problems make the journal unusable or unsafe; notes are harmless."""
        return doctor.check_report(_store(self))

    def newest_good_backup(self) -> Path | None:
        """The newest backup folder that reads cleanly, if any."""
        found = doctor.newest_good(_store(self))
        return found[0] if found else None

    def repair(self) -> list[str]:
        """Move unreadable files aside (never deleting them); returns what it did, [] when nothing."""
        return repairs.repair(_store(self))

    def verified_contents(self) -> tuple[dict[str, bytes], list[Path], bool]:
        """Under the lock: the bytes of every journal file that verifies by itself (name -> bytes),
        the paths that do not (damaged, or a link, pipe or folder in a journal file's place), and
        whether the whole set is sound (meta there, every tick naming one of its exercises)."""
        store = _store(self)
        contents: dict[str, bytes] = {}
        damaged: list[Path] = []
        files = store.journal_files()
        whole = not files or files[0] == store.meta_path
        known: frozenset[str] | None = None
        found: list[dict[str, Path]] = []

        def twins() -> dict[str, Path]:
            if not found:
                found.append(doctor.sound_twin(store))  # looked up once, and only if needed
            return found[0]

        for path in files:
            try:
                raw, key = read_with_key(path)
            except JournalUnusable:
                damaged.append(path)
                continue
            if raw is None:
                continue  # removed since it was listed
            cached = store._cache.get(path)
            fresh = cached is not None and cached.key == key  # validated, ticks and all
            if path == store.meta_path:
                meta = cached.value if cached is not None and fresh else read_meta(path, raw)
                good = meta is not None
                known = known_exercises(meta) if meta is not None else None
            elif fresh:
                good = True
            elif doctor.same_bytes(path, twins().get(path.name)):
                good = True  # byte for byte its copy in a sound backup, beside the same meta
            else:
                problem, ticks_known = year_problem(path, raw, known)
                good, whole = problem is None, whole and ticks_known
            if good:
                contents[path.name] = raw
            else:
                damaged.append(path)
        return contents, damaged, whole and not damaged

    def replace_all(
        self, days: dict[date, Day], meta: JournalMeta, *, require_empty: bool = False
    ) -> None:
        """Make the journal exactly this (import): validates everything before writing anything.

        With require_empty, a journal holding anything is refused (JournalNotEmpty), decided under the
        write lock so that a write from another process just before cannot be replaced."""
        store = _store(self)
        files = replace.encode_journal(days, meta)
        with store._writing() as txn:
            held = False
            for year, path in store._year_paths().items():
                # a damaged journal is refused, not replaced
                held = bool(store._locked_year(path, year, txn.meta)[1]) or held
            if require_empty and (
                held
                or txn.meta.episodes
                or txn.meta.exercises
                or txn.meta.routines is not None
                or not txn.meta.psfs.is_empty
                or txn.meta.clearances
            ):
                raise JournalNotEmpty(store.data_dir)
            txn.before_write()
            current, _, whole = self.verified_contents()  # every file was validated just above
            saved = (
                backup_files.snapshot(
                    current, store.backups_dir, store.clock(), "before-import", whole=whole
                )
                if current
                else None
            )
            replace.commit_files(store, files, saved)

    def clear_if(self, check: Callable[[dict[date, Day], JournalMeta], None]) -> Path | None:
        """Remove every journal file, after a backup, if `check` (which raises to refuse) passes
        on the journal as read under the write lock; returns the backup (None: it was empty)."""
        store = _store(self)
        with store._writing() as txn:
            store.forget()
            days, meta = store.load()
            check(days, meta)
            if not store.journal_files():
                return None
            txn.before_write()
            current, _, whole = self.verified_contents()  # every file was loaded just above
            saved = backup_files.snapshot(
                current, store.backups_dir, store.clock(), "before-clear", whole=whole
            )
            replace.commit_files(store, {}, saved)
            store._merged = None
            return saved

    def _backup_contents(self) -> tuple[dict[str, bytes], bool]:
        contents, _, whole = self.verified_contents()
        return contents, whole
