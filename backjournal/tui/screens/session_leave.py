"""Leaving a guided session: escape, a screen key or ctrl+q asks whether to keep what was done.

The base of SessionScreen (screens/session.py): keeping finishes the session with what it has
recorded (what was never reached counts as skipped); keeping nothing undoes its ticks.
"""

from __future__ import annotations

from textual.timer import Timer

from backjournal.domain.session_engine import SessionEngine
from backjournal.service import JOURNAL_ERRORS, SessionHandle
from backjournal.tui.modals.leave_session import DISCARD, KEEP, LeaveSessionModal
from backjournal.tui.screens.base import JournalScreen


class SessionLeaving(JournalScreen):
    """What SessionScreen does when the user leaves it, whichever way."""

    engine: SessionEngine | None = None
    handle: SessionHandle | None = None
    view_name = "plan"
    _timer: Timer | None = None
    _asking = False  # a dialog is open: no other one opens over it

    def _draw(self) -> None:
        """Redraw the player (SessionScreen)."""

    # -- leaving ---------------------------------------------------------------------------
    def action_leave(self) -> None:
        if self.view_name != "play":
            self.action_close()
            return
        engine, handle = self.engine, self.handle
        assert engine is not None and handle is not None
        if self._asking:
            return
        was_running = engine.paused_at is None
        if was_running:
            engine.toggle_pause()
        self._asking = True

        def chosen(answer: str | None) -> None:
            self._asking = False
            if answer == KEEP:
                self.save_changes()
            elif answer == DISCARD:
                self.discard_changes()
            else:
                if was_running:
                    engine.toggle_pause()
                self._draw()
                return
            self.action_close()

        self.app.push_screen(LeaveSessionModal(len(handle.ticked)), chosen)

    # -- the app's leave check (ctrl+q): save keeps what was done, discard keeps nothing -----
    def has_unsaved_changes(self) -> bool:
        return self.view_name == "play" and self.handle is not None

    def unsaved_summary(self) -> str:
        done = len(self.handle.ticked) if self.handle else 0
        return (
            f"A guided session is under way ({done} exercise{'' if done == 1 else 's'} ticked). "
            "Save keeps what you did; discard keeps nothing of this session."
        )

    def save_changes(self) -> bool:
        assert self.engine is not None and self.handle is not None
        try:
            self.service.finish_session(self.handle, None, skipped=self.engine.finish())
        except JOURNAL_ERRORS as error:
            self.report_error(error)
            return False
        self._ended()
        return True

    def discard_changes(self) -> None:
        assert self.handle is not None
        try:
            self.service.discard_session(self.handle)
        except JOURNAL_ERRORS as error:
            self.report_error(error)
        self._ended()

    def _ended(self) -> None:
        self._stop_timer()
        self.view_name = "ended"
        self.journal_app.journal_changed(self)

    def _stop_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def action_close(self) -> None:
        self._stop_timer()
        self.app.pop_screen()

    def action_switch(self, mode: str) -> None:
        """The app's screen key: leave the session (asking first while it plays), then go."""
        if self.view_name == "play":
            self.action_leave()
        else:
            self.action_close()
            self.journal_app.action_show(mode)
