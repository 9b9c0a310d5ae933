"""Tonight's ticks: ticking and unticking from the checklist, and the too-soon dialog."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from textual import work

from backjournal.domain.advisor import Advice, earliest_for
from backjournal.domain.models import Journal
from backjournal.domain.vocab import phase_needed_for
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

    def on_checklist_toggled(self, event: Checklist.Toggled) -> None:
        assert self.day is not None
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
                self.notify(
                    warning.message, title="A note on that exercise", severity="warning", timeout=10
                )

    @work
    async def _ask_too_soon(self, exercise_id: str, reason: str) -> None:
        from backjournal.tui.modals.too_soon import TooSoonModal

        day, journal, advice = self.day, self._journal, self._advice
        assert day is not None and journal is not None and advice is not None
        exercise = journal.exercises[exercise_id]
        needed = phase_needed_for(exercise.kind)
        when = None
        if (
            advice.episode is not None
            and advice.phase_start is not None
            and needed
            and not advice.has("red_flag")
        ):
            when = earliest_for(
                advice.episode,
                advice.phase,
                advice.phase_start,
                day,
                needed,
                self.service.settings.advisor,
            )
        if not await self.app.push_screen_wait(TooSoonModal(exercise, reason, when)):
            return
        try:
            outcome = self.service.tick(day, exercise_id, anyway=True)
        except JOURNAL_ERRORS as error:
            self.report_error(error)
            return
        self.notify(
            f"Recorded {exercise.name}, noted as done before its phase.", title="Ticked early"
        )
        self._after_tick(outcome.advice)
