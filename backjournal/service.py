"""The journal's use cases, shared by the CLI and the TUI: domain rules over one store."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from backjournal.domain import advisor, entries, merge
from backjournal.domain import journal as rules
from backjournal.domain.dates import parse_date
from backjournal.domain.errors import AdvisorRefusal, InputError
from backjournal.domain.merge import SaveConflict
from backjournal.domain.models import (
    Day,
    Entry,
    Journal,
    JournalMeta,
)
from backjournal.domain.settings import AdvisorSettings, Settings
from backjournal.service_meta import MetaUseCases
from backjournal.service_session import GuidedSessions, SessionHandle
from backjournal.service_ticks import TickBatch, TickOutcome, TickUseCases
from backjournal.service_transfer import Transfers
from backjournal.storage import (
    BackupInfo,
    BackupNotFound,
    JournalNotEmpty,
    JournalProblem,
    JournalUnusable,
    Paths,
    SettingsError,
    Store,
    StoreWriteError,
    load_settings,
    read_settings,
    resolve_paths,
    save_settings,
    system_clock,
)
from backjournal.storage.paths import year_of
from backjournal.storage.stamp import JournalStamp, journal_stamp

if TYPE_CHECKING:  # imported where used: `log` and `tick` start faster without them
    from backjournal.domain import streaks


class JournalService(TickUseCases, GuidedSessions, MetaUseCases, Transfers):
    """One journal: reads snapshots from the store, applies domain rules, writes through the store."""

    def __init__(
        self,
        store: Store,
        settings: Settings | None = None,
        clock: Callable[[], datetime] | None = None,
        *,
        paths: Paths | None = None,
        settings_problem: str | None = None,
    ) -> None:
        self.store = store
        self.settings = settings or Settings()
        if clock is not None:  # else the store's: by default system_clock, the one seam
            self.clock = clock
        self._paths = paths
        self.settings_problem = settings_problem  # why the saved settings were not used, if so
        self._streak_memo: streaks.StreakMemo | None = None
        self._recent_memo: (
            tuple[date, AdvisorSettings, JournalMeta, range, list[Mapping[date, Day]], Journal]
            | None
        ) = None
        self._streak_lock = threading.Lock()

    # One clock and one journal day for everything: the store names and finds backups by the very
    # day `today` means here, so both read the store's clock and day_starts_at.
    @property
    def clock(self) -> Callable[[], datetime]:
        """The journal's clock (the store's; by default system_clock, the program's one seam)."""
        return self.store.clock

    @clock.setter
    def clock(self, clock: Callable[[], datetime]) -> None:
        self.store.clock = clock

    @property
    def settings(self) -> Settings:
        return self._settings

    @settings.setter
    def settings(self, settings: Settings) -> None:
        self._settings = settings
        self.store.day_starts_at = settings.day_starts_at

    # -- reading -------------------------------------------------------------------------
    def today(self) -> date:
        """The journal day now: before day_starts_at (04:00) it is still the previous night."""
        return self.store.today()

    def journal_problems(self) -> list[JournalProblem]:
        """Damaged, missing or foreign journal files, [] when all is well: for a warning or banner.
        Each item has .path and .problem; str() of it is one sentence ending with the repair hint."""
        return self.store.journal_problems()

    def parse_date(self, text: str | None, field: str = "date") -> date:
        """A user's date, or the journal's today when none is given."""
        return self.today() if text is None else parse_date(text, self.today(), field)

    def journal(self) -> Journal:
        days, meta = self.store.load()
        return rules.build_journal(days, meta)

    def library(self) -> Journal:
        """The journal without its days: episodes, the exercise library and the routines (no year file read)."""
        return rules.build_journal({}, self.store.load_meta())

    def recent_journal(self, day: date) -> Journal:
        """The journal with only the days the advisor reads for `day`: the open episode and short windows.

        Advice computed on it equals advice on the whole journal; only the year files it spans
        are read, so a ten-year journal costs what a one-year one does.
        """
        journal = self.library()
        first = advisor.history_start(journal, day, self.settings.advisor)
        for year in range(first.year, day.year + 1):
            journal.days.update(self.store.load_year(year))
        return journal

    def _recent(self, day: date) -> Journal:
        """recent_journal(day), to read only: rebuilt only when a file it came from changed (a tick's advice)."""
        s = self.settings.advisor
        memo = self._recent_memo
        if memo is not None and memo[0] == day and memo[1] is s:
            meta, parts = self.store.views(memo[3])
            # The store hands out new objects for files that changed: the same objects, the same journal.
            if meta is memo[2] and all(new is old for new, old in zip(parts, memo[4], strict=True)):
                return memo[5]
        meta, _ = self.store.views(())
        journal = rules.build_journal({}, meta)
        years = range(advisor.history_start(journal, day, s).year, day.year + 1)
        _, parts = self.store.views(years)
        for part in parts:
            journal.days.update(part)
        self._recent_memo = (day, s, meta, years, parts, journal)
        return journal

    def day(self, day: date) -> Day:
        return self.store.load_year(day.year).get(day) or Day(date=day)

    def advise(
        self, day: date, exercise_id: str | None = None, journal: Journal | None = None
    ) -> advisor.Advice:
        journal = journal or self._recent(day)
        exercise = entries.find_exercise(journal, exercise_id) if exercise_id is not None else None
        return advisor.advise(journal, day, self.settings.advisor, exercise)

    def streaks(self, day: date, journal: Journal | None = None) -> streaks.Streaks:
        """Streaks as of `day`; repeated calls re-walk only the last weeks when older days are unchanged."""
        journal = journal or self.journal()
        with (
            self._streak_lock
        ):  # the memo is shared state; the TUI may compute from a worker thread
            from backjournal.domain import streaks as rules_of_streaks

            if self._streak_memo is None:
                self._streak_memo = rules_of_streaks.StreakMemo()
            return rules_of_streaks.compute_streaks(
                journal, day, self.settings.advisor, self._streak_memo
            )

    # -- the nightly entry ---------------------------------------------------------------
    def log(self, day: date, changes: Mapping[str, Any], *, append_note: bool = False) -> Entry:
        """Write the day's entry: given fields replace stored ones; a new day needs pain.

        With `append_note`, the note given is added under the stored one instead of replacing it.
        """
        self._check_not_future(day)
        if append_note:
            if "notes" not in changes:
                raise InputError("append", "adds to the note: give the text with --note")
            note = changes["notes"]

            def merged(d: Day) -> Entry:
                return entries.merge_entry(d.entry, entries.with_note_added(d.entry, changes, note))
        else:

            def merged(d: Day) -> Entry:
                return entries.merge_entry(d.entry, changes)

        # Refuse bad input before touching the disk; the merge is redone under the lock.
        merged(self.day(day))
        # The advice shown after saving reads these years: a damaged one must stop us before
        # the write, not after it (they stay cached, so the advice costs nothing extra).
        self._recent(day)
        stored = self.store.update_day(day, lambda d: replace(d, entry=merged(d)))
        assert stored.entry is not None
        return stored.entry

    def save_day(
        self, day: date, changes: Mapping[str, Any], base: Mapping[str, Any]
    ) -> Entry | None:
        """Write the fields the user changed from `base` (their values when loaded), merged with
        what was stored meanwhile; a field changed both here and elsewhere raises SaveConflict."""
        self._check_not_future(day)
        merge.changes_to_write(self.day(day), changes, base)  # bad input or a conflict: no lock
        self._recent(day)  # as in log: a damaged year stops us before the write
        # Under the write lock the stored day is read again: a change from another process since
        # is merged, or is a conflict, and nothing is written over it.
        return self.store.update_day(day, lambda d: merge.save_onto(d, changes, base)).entry

    def journal_stamp(self) -> JournalStamp:
        """A fingerprint of the journal's files from a stat of each (no read): it changes with any write."""
        return journal_stamp(self.store.data_dir)

    def delete_entry(self, day: date) -> bool:
        """Remove the day's entry (its ticks stay); False when there was none."""
        had = self.day(day).entry is not None
        if had:
            self.store.update_day(day, lambda d: replace(d, entry=None))
        return had

    def _update_meta(self, change: Callable[[JournalMeta], JournalMeta]) -> JournalMeta:
        """Apply a rule to the stored meta; it runs once unlocked so bad input never touches the disk."""
        change(self.store.load_meta())
        return self.store.update_meta(change)

    def _check_not_future(self, day: date) -> None:
        if day > self.today():
            raise InputError("date", f"{day} is in the future; the journal only records past days")

    # -- where the journal lives: paths, settings, themes, backup folders ----------------
    @property
    def paths(self) -> Paths:
        """Where this journal, its settings and the user's themes live."""
        if self._paths is None:  # a service made by hand (tests, benchmarks): the environment's
            self._paths = resolve_paths(str(self.store.data_dir))
        return self._paths

    def save_settings(self, settings: Settings) -> None:
        """Write the settings to the config folder, then use them; raises StoreWriteError or OSError."""
        from backjournal.storage import save_settings

        save_settings(self.paths.config_file, settings)
        self.settings = settings

    def backup_folder(self, folder: Path) -> BackupInfo:
        """A folder the user named as a backup (not one of ours); InputError when it holds no journal."""
        from backjournal.storage.backups import describe
        from backjournal.storage.paths import is_journal_file

        if not any(is_journal_file(p.name) for p in folder.iterdir()):
            raise InputError(
                "backup",
                f"{folder} holds no journal files (journal-meta.json, journal-YYYY.json)",
            )
        return describe((date.fromtimestamp(folder.stat().st_mtime), "", "folder", 0), folder)


# -- opening a journal: the CLI's and the TUI's one door to storage ---------------------
# The errors and types they need are re-exported here: each keeps its one home in storage or
# the domain, and no caller above the service imports storage.
# Errors of the store alone: nothing was written, and the caller explains why (exit 4).
STORE_ERRORS: tuple[type[Exception], ...] = (JournalUnusable, StoreWriteError)
# Errors a screen or command reports instead of crashing: bad input, or a journal it can't use.
JOURNAL_ERRORS: tuple[type[Exception], ...] = (InputError, *STORE_ERRORS)

__all__ = [
    "JOURNAL_ERRORS",
    "STORE_ERRORS",
    "AdvisorRefusal",
    "BackupInfo",
    "BackupNotFound",
    "InputError",
    "JournalNotEmpty",
    "JournalProblem",
    "JournalService",
    "JournalStamp",
    "JournalUnusable",
    "Paths",
    "SaveConflict",
    "SessionHandle",
    "SettingsError",
    "StoreWriteError",
    "TickBatch",
    "TickOutcome",
    "load_settings",
    "open_journal",
    "read_theme_files",
    "resolve_paths",
    "save_settings",
    "shipped_themes_dir",
    "system_clock",
    "year_of",
]


def open_journal(
    data_dir: str | None = None,
    *,
    env: Mapping[str, str] = os.environ,
    clock: Callable[[], datetime] = system_clock,
) -> JournalService:
    """The journal the options and environment name, with its saved settings.

    A broken settings file must not stop the nightly entry: it is left untouched, the defaults
    are used, and `settings_problem` says why (the caller shows it).
    """
    if data_dir is not None and not data_dir.strip():
        raise InputError("data-dir", "is empty; give the journal's folder, or leave the option out")
    paths = resolve_paths(data_dir, env)
    problem = None
    # Whatever the file holds, each bad value falls back to its own default.
    settings, problems = read_settings(paths.config_file)
    if problems:
        problem = (
            f"{paths.config_file}: {'; '.join(p.problem for p in problems)}. "
            "Fix or remove the file; until then the default is used for each value named"
        )
    store = Store(paths.data_dir, clock=clock)
    return JournalService(store, settings, clock, paths=paths, settings_problem=problem)


def shipped_themes_dir() -> Path:
    """The folder holding the themes that ship with backjournal."""
    from backjournal.storage.shipped_themes import shipped_themes_dir as where

    return where()


def read_theme_files(
    dirs: Iterable[Path],
) -> list[tuple[Path, dict[str, Any] | None, str | None]]:
    """Every theme file in the folders: (path, its data or None, the problem or None)."""
    from backjournal.storage.themes import read_theme_files as read  # tomllib: on first use

    return read(dirs)
