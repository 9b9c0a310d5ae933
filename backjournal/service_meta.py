"""The journal meta's use cases (part of the service): episodes, routines, exercises, red flags, PSFS."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from backjournal.domain import journal as rules
from backjournal.domain import psfs as psfs_rules
from backjournal.domain.errors import InputError
from backjournal.domain.models import (
    Clearance,
    Episode,
    Exercise,
    Journal,
    JournalMeta,
    Psfs,
    PsfsActivity,
    PsfsRating,
    Routine,
)

if TYPE_CHECKING:
    from backjournal.domain.red_flags import FlaggedDay
    from backjournal.storage import Store


class MetaUseCases:
    """Mixed into JournalService: changes to the journal's meta file (everything but the days)."""

    if TYPE_CHECKING:
        store: Store

        def journal(self) -> Journal: ...
        def library(self) -> Journal: ...
        def _check_not_future(self, day: date) -> None: ...
        def _update_meta(self, change: Callable[[JournalMeta], JournalMeta]) -> JournalMeta: ...

    # -- episodes, routines, exercises --------------------------------------------------
    def start_episode(self, day: date) -> Episode:
        self._check_not_future(day)
        meta = self._update_meta(lambda m: rules.start_episode(m, day))
        return meta.episodes[-1]

    def end_episode(self, day: date) -> Episode:
        self._check_not_future(day)
        meta = self._update_meta(lambda m: rules.end_episode(m, day))
        return meta.episodes[-1]

    def save_routine(self, routine: Routine) -> None:
        library = self.library().exercises
        self._update_meta(lambda m: rules.save_routine(m, routine, library))

    def delete_routine(self, routine_id: str) -> None:
        self._update_meta(lambda m: rules.delete_routine(m, routine_id))

    def move_routine(self, routine_id: str, offset: int) -> None:
        self._update_meta(lambda m: rules.move_routine(m, routine_id, offset))

    def add_exercise(self, exercise: Exercise) -> None:
        self._update_meta(lambda m: rules.add_exercise(m, exercise))

    # -- red flags -------------------------------------------------------------------------
    def red_flags(self) -> tuple[list[FlaggedDay], list[Clearance]]:
        """Every day with red flags (and what cleared them), and every clearance, oldest first."""
        from backjournal.domain.red_flags import flagged_days

        journal = self.journal()
        return flagged_days(journal), list(journal.clearances)

    def clear_red_flags(self, day: date, note: str = "") -> tuple[Clearance, list[date]]:
        """Record that the user was seen about the red flags logged on or before `day`.

        Returns the clearance and the flagged days it releases; refused when there is nothing
        to clear (no flag on or before `day` that an earlier clearance has not released).
        """
        from backjournal.domain.red_flags import add_clearance, check_note, flagged_days

        self._check_not_future(day)
        clearance = Clearance(day, check_note(note))
        released = [
            f.date
            for f in flagged_days(self.journal())
            if f.date <= day and (f.cleared_on is None or f.cleared_on >= day)
        ]
        if not released:
            raise InputError(
                "red-flags",
                f"nothing to clear: no warning signs are logged on or before {day} "
                "that an earlier clearance has not already cleared",
            )
        self._update_meta(lambda m: add_clearance(m, clearance))
        return clearance, released

    # -- PSFS: the weekly function score -------------------------------------------------
    def psfs(self) -> Psfs:
        return self.store.load_meta().psfs

    def psfs_add(self, name: Any) -> PsfsActivity:
        meta = self._update_meta(lambda m: replace(m, psfs=psfs_rules.add_activity(m.psfs, name)))
        return meta.psfs.activities[-1]

    def psfs_rename(self, activity_id: str, name: Any) -> PsfsActivity:
        meta = self._update_meta(
            lambda m: replace(m, psfs=psfs_rules.rename_activity(m.psfs, activity_id, name))
        )
        return psfs_rules.find(meta.psfs, activity_id)

    def psfs_retire(self, activity_id: str) -> PsfsActivity:
        meta = self._update_meta(
            lambda m: replace(m, psfs=psfs_rules.retire_activity(m.psfs, activity_id))
        )
        return psfs_rules.find(meta.psfs, activity_id)

    def psfs_rate(self, day: date, values: Sequence[Any]) -> PsfsRating:
        """Rate every active activity on `day` (replacing a rating already given that day)."""
        self._check_not_future(day)
        meta = self._update_meta(lambda m: replace(m, psfs=psfs_rules.rate(m.psfs, day, values)))
        return next(r for r in meta.psfs.ratings if r.date == day)
