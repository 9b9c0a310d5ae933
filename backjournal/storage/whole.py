"""The Store's whole-journal side: backups, restore, check, repair, and the problems every command reports."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, cast

from backjournal.storage import backups as backup_files
from backjournal.storage import doctor, replace
from backjournal.storage.verify import JournalProblem

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
        return doctor.repair(_store(self))
