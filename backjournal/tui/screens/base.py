"""The base of the screens that show the journal: the service, reloading, and errors, once."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding, BindingType
from textual.dom import DOMNode
from textual.screen import Screen

from backjournal.service import JournalService

if TYPE_CHECKING:
    from backjournal.tui.app import BackjournalApp


def journal_app(node: DOMNode) -> BackjournalApp:
    """The app a screen or dialog runs in, typed: its journal signal and error routing."""
    from backjournal.tui.app import BackjournalApp

    app = node.app
    assert isinstance(app, BackjournalApp)
    return app


class JournalScreen(Screen[None]):
    """Reloads when shown and when the journal changes; hands journal errors to the app."""

    # Help first in the footer (a base class's keys come before the screen's own): a narrow
    # terminal cuts the footer's last keys, and Help lists every key that was cut.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "app.help", "Help", key_display="?", tooltip="Every key")
    ]

    HELP_KEYS: ClassVar[list[tuple[str, str]]] = []
    """Keys handled by the screen's widgets, for the Help screen: (keys, what they do)."""

    def __init__(self, service: JournalService, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.service = service

    @property
    def journal_app(self) -> BackjournalApp:
        """The app, typed: its journal signal, error routing and leave-confirmation."""
        return journal_app(self)

    def on_mount(self) -> None:
        self.journal_app.journal_changed_signal.subscribe(self, self._journal_changed)
        from backjournal.tui.widgets.problem_banner import ProblemBanner

        self.mount(ProblemBanner())
        # The problems need every year file read and checked (tens of ms on ten years): after
        # the first frame at start-up, so that the phase shows first; later, on the next refresh.
        self.journal_app.after_first_frame(self._show_problems)

    def on_screen_resume(self) -> None:
        # Each time the screen is shown (changes written elsewhere show up), after its first frame.
        # (Textual calls this for the start-up screen too, whatever a subclass overrides: there,
        # after the app's first frame, or the problems' read of every year holds the phase back.)
        self.journal_app.after_first_frame(self.reload)
        self.journal_app.after_first_frame(self._show_problems)

    def _journal_changed(self, writer: DOMNode | None) -> None:
        # The writer has reloaded already; screens of other modes reload when shown again.
        if self in self.app.screen_stack:
            self._show_problems()
            if writer is not self:
                self.reload()

    def _show_problems(self) -> None:
        from backjournal.tui.widgets.problem_banner import ProblemBanner

        for banner in self.query(ProblemBanner):
            banner.show_problems(self.journal_app.journal_problems())

    def reload(self) -> None:
        """Read the journal again and show it (screens override this)."""

    def action_reload(self) -> None:
        self.reload()
        self.notify("Reloaded the journal.", timeout=2)

    def report_error(self, error: Exception) -> None:
        """A notice, or the unusable-journal screen (the app decides which)."""
        self.journal_app.report_error(error)

    def announce_change(self) -> None:
        """After a write: this screen reloads at once, and every other one showing the journal."""
        self.reload()
        self.journal_app.journal_changed(self)

    # -- unsaved changes: the app asks before leaving a screen that has some --------------
    def has_unsaved_changes(self) -> bool:
        return False

    def unsaved_summary(self) -> str:
        return "You have changes that are not saved."

    def save_changes(self) -> bool:
        """Write the unsaved changes; True when the journal now holds them."""
        return True

    def discard_changes(self) -> None:
        """Drop the unsaved changes."""
