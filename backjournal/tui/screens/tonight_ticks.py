"""Tonight's ticks: ticking and unticking from the checklist, and the too-soon dialog."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from backjournal.domain.advisor import Advice
from backjournal.domain.models import Journal
from backjournal.service import JOURNAL_ERRORS, AdvisorRefusal
from backjournal.tui.screens.base import JournalScreen

if TYPE_CHECKING:
    from backjournal.tui.widgets.checklist import Checklist

# Tick warnings worth a notice; day-level ones are already in the advisor panel.
TICK_NOTICES = ("strengthening_overdone", "stretch_first")


class TickHandling(JournalScreen):
    """The part of TonightScreen that ticks: at once, or after asking when it is too soon."""

    day: date | None
    _journal: Journal | None
    _advice: Advice | None

    def save_before_tick(self) -> None:
        """Ticking saves what was typed in the form first (when it can be saved: pain is set)."""

    def on_checklist_tick_routine(self, event: Checklist.TickRoutine) -> None:
        assert self.day is not None
        self.save_before_tick()
        try:
            batch = self.service.tick_many(self.day, [], event.routine_id)
        except AdvisorRefusal as refusal:
            self.notify(str(refusal), title="Not yet", severity="warning", timeout=10)
            return
        except JOURNAL_ERRORS as error:
            self.report_error(error)
            return
        self.announce_change()
        for warning in batch.warnings:
            if warning.code in TICK_NOTICES:
                self.notify(warning.message, title=warning.title, severity="warning", timeout=10)

    def on_checklist_toggled(self, event: Checklist.Toggled) -> None:
        assert self.day is not None
        if not event.ticked:
            self.save_before_tick()
        try:
            if event.ticked:
                self.service.untick(self.day, event.exercise_id)
                self.announce_change()
                return
            outcome = self.service.tick(self.day, event.exercise_id)
        except AdvisorRefusal as refusal:
            self._ask_too_soon(event.exercise_id, str(refusal))
            return
        except JOURNAL_ERRORS as error:
            self.report_error(error)
            return
        self._after_tick(outcome.advice)

    def _after_tick(self, advice: Advice) -> None:
        self.announce_change()
        for warning in advice.warnings:
            if warning.code in TICK_NOTICES:
                self.notify(warning.message, title=warning.title, severity="warning", timeout=10)

    def _ask_too_soon(self, exercise_id: str, reason: str) -> None:
        """The dialog is pushed at once, not from a worker: keys typed from now on are its own."""
        from backjournal.tui.modals.too_soon import TooSoonModal

        day, journal = self.day, self._journal
        assert day is not None and journal is not None
        exercise = journal.exercises[exercise_id]

        def answered(anyway: bool | None) -> None:
            if anyway:
                self._tick_anyway(day, exercise_id)

        self.app.push_screen(TooSoonModal(exercise, reason, None), answered)

    def _tick_anyway(self, day: date, exercise_id: str) -> None:
        assert self._journal is not None
        name = self._journal.exercises[exercise_id].name
        try:
            outcome = self.service.tick(day, exercise_id, anyway=True)
        except JOURNAL_ERRORS as error:
            self.report_error(error)
            return
        self.notify(f"Recorded {name}, noted as done before its phase.", title="Ticked early")
        self._after_tick(outcome.advice)
