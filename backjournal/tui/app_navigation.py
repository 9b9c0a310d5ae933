"""Moving around the app: the screens as modes, the guided session, Help, quitting, and asking
first about unsaved edits."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from textual import work
from textual.screen import ModalScreen

from backjournal.service import JOURNAL_ERRORS
from backjournal.tui.app_journal import JournalEvents

if TYPE_CHECKING:
    from backjournal.domain.settings import Settings

EXIT_UNUSABLE = 4


class Navigation(JournalEvents):
    """The part of BackjournalApp that switches screens, opens dialogs and quits."""

    if TYPE_CHECKING:

        @property
        def settings(self) -> Settings: ...

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.unusable is not None:
            return action == "quit"
        # While a dialog waits for an answer, no screen switch and no Help (Help may close itself).
        return not (action in ("show", "help") and isinstance(self.screen, ModalScreen))

    @work(group="leave")
    async def action_show(self, mode: str) -> None:
        if self.screen.id == "help":
            self.pop_screen()
        if mode == "tonight":
            await self._tonight()
        elif mode != self.current_mode and await self.confirm_leave():
            await self.switch_mode(mode)

    @work(group="leave")
    async def action_session(self) -> None:
        """The guided session, over Tonight (asks first about unsaved edits elsewhere)."""
        from backjournal.tui.screens.session import SessionScreen

        if isinstance(self.screen, SessionScreen):
            return
        if self.current_mode != "tonight":
            if not await self.confirm_leave():
                return
            await self.switch_mode("tonight")
        self.push_screen(SessionScreen(self.service))

    async def _tonight(self) -> None:
        """`t` (and home) always lead to tonight, even from a past day opened on Tonight."""
        from backjournal.tui.screens.tonight import TonightScreen

        today = self.service.today()
        if self.current_mode == "tonight":
            tonight = self.screen
            if (
                isinstance(tonight, TonightScreen)
                and tonight.day != today
                and await self.confirm_leave()
            ):
                tonight.show_day(today)
            return
        if not await self.confirm_leave():
            return
        await self.switch_mode("tonight")
        tonight = self.screen
        if isinstance(tonight, TonightScreen) and tonight.day not in (None, today):
            tonight.show_day(today)

    def action_help(self) -> None:
        from backjournal.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.settings, id="help"))

    def action_rate_psfs(self) -> None:
        """The weekly function score's dialog, from any screen (the palette's command)."""
        from backjournal.tui.modals.psfs_rating import PsfsRatingModal

        try:
            today = self.service.today()
        except JOURNAL_ERRORS as error:
            self.report_error(error)
            return

        def saved(done: bool | None) -> None:
            if done:
                self.journal_changed(None)

        self.push_screen(PsfsRatingModal(self.service, today), callback=saved)

    async def action_quit(self) -> None:
        if self.unusable is not None:
            self.exit(return_code=EXIT_UNUSABLE)
        else:
            self._quit_when_saved()

    @work(group="leave")
    async def _quit_when_saved(self) -> None:
        if await self.confirm_leave():
            self.exit()

    @work(group="leave")
    async def open_day(self, day: date) -> None:
        """Show `day` on Tonight, to view or change it (asks first about unsaved edits there)."""
        from backjournal.tui.screens.tonight import TonightScreen

        await self.switch_mode("tonight")
        tonight = self.screen
        if isinstance(tonight, TonightScreen) and await self.confirm_leave():
            tonight.show_day(day)

    async def confirm_leave(self) -> bool:
        """True once unsaved changes on this mode's screens are saved or dropped (call in a worker)."""
        from backjournal.tui.modals.unsaved import UnsavedChangesModal
        from backjournal.tui.screens.base import JournalScreen

        if isinstance(self.screen, UnsavedChangesModal):
            return False
        pending = next(
            (
                s
                for s in self.screen_stack
                if isinstance(s, JournalScreen) and s.has_unsaved_changes()
            ),
            None,
        )
        if pending is None:
            return True
        choice = await self.push_screen_wait(UnsavedChangesModal(pending.unsaved_summary()))
        if choice == "save":
            return pending.save_changes()
        if choice == "discard":
            pending.discard_changes()
            return True
        return False
