"""Tonight's one-key actions: back to the form, the warnings in view, red flags cleared, an
episode started, an earlier or later day. A part of TonightScreen, kept apart to keep the
screen's module readable."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from textual import work

from backjournal.service import JOURNAL_ERRORS
from backjournal.tui.screens.tonight_ticks import TickHandling

if TYPE_CHECKING:
    from backjournal.tui.widgets.tonight_body import TonightBody


class TonightActions(TickHandling):
    """The actions of TonightScreen that stand on their own."""

    _body: TonightBody | None
    today: date | None

    def action_focus_form(self) -> None:
        """From anywhere on Tonight, back to the form's first score."""
        if self._body is not None:
            self._body.form.focus_pain()
            self._body.form.scroll_visible(animate=False)

    def action_show_warnings(self) -> None:
        """The summary's "1 warning", one key away: the advisor panel scrolled into view."""
        if self._body is not None:
            self._body.advisor.scroll_visible(top=True, animate=False)

    @work
    async def action_rate_psfs(self) -> None:
        """The weekly function score: one digit per activity (names first, if there are none)."""
        from backjournal.tui.modals.psfs_rating import PsfsRatingModal

        if self.today is None:
            return
        if await self.app.push_screen_wait(PsfsRatingModal(self.service, self.today)):
            self.announce_change()

    @work
    async def action_clear_red_flags(self) -> None:
        """Record that a doctor has seen the user about the red flags logged up to this day."""
        from backjournal.tui.modals.confirm import ConfirmModal

        day = self.day
        if day is None:
            return
        body = (
            f"Record that a doctor has seen you about the warning signs logged up to "
            f"{day:%A} {day.day} {day:%B}. From that day on they no longer hold your phase; "
            "the days before keep their history. Log any new sign as soon as you notice it."
        )
        dialog = ConfirmModal("Seen by a doctor?", body, "Yes, record it", "Not yet")
        if not await self.app.push_screen_wait(dialog):
            return
        try:
            self.service.clear_red_flags(day)
        except JOURNAL_ERRORS as error:
            self.report_error(error)
            return
        self.notify("Recorded. The advisor goes on from this day.", title="Warning signs")
        self.announce_change()

    @work
    async def action_start_episode(self) -> None:
        from backjournal.tui.modals.confirm import ConfirmModal

        if self.day is None or (self._advice is not None and self._advice.episode is not None):
            return
        day = self.day
        body = (
            f"An episode marks a flare-up, starting {day:%A} {day.day} {day:%B}. The advisor begins with "
            "gentle mobility, and opens stretching and then strengthening as your pain settles. "
            "You can end it on the Episodes screen (e)."
        )
        dialog = ConfirmModal(
            "Start an episode?", body, "Start episode", "Not now", default_confirm=True
        )
        if not await self.app.push_screen_wait(dialog):
            return
        try:
            self.service.start_episode(day)
        except JOURNAL_ERRORS as error:
            self.report_error(error)
            return
        self.notify("Episode started. Gentle mobility for now.", title="Episode")
        self.announce_change()

    def action_previous_day(self) -> None:
        if self.day is not None:
            self._go_to(self.day - timedelta(days=1))

    def action_next_day(self) -> None:
        if self.day is not None and self.today is not None and self.day < self.today:
            self._go_to(self.day + timedelta(days=1))

    @work(group="leave")
    async def _go_to(self, day: date) -> None:
        if await self.journal_app.confirm_leave():
            self.show_day(day)

    def show_day(self, day: date) -> None:
        """Show `day` (unsaved edits must be saved or dropped first: see the app's confirm_leave)."""
        self.day = day
        self.reload()

    def action_leave_text(self) -> None:
        self.focus_next()

    def action_focus_checklist(self) -> None:
        self.save_before_tick()
        if self._body is not None:
            checklist = self._body.checklist
            # At once, not after a refresh: the spaces typed right behind "c" are ticks.
            self.set_focus(checklist)
            checklist.scroll_visible()
