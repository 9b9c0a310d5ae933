"""The app's side of the journal: news of writes, the watcher, the damaged-file banner's lines,
and journal errors routed to a notice or the unusable-journal screen."""

from __future__ import annotations

from textual.dom import DOMNode
from textual.signal import Signal

from backjournal.service import (
    JOURNAL_ERRORS,
    InputError,
    JournalService,
    JournalStamp,
    JournalUnusable,
    StoreWriteError,
    year_of,
)
from backjournal.tui import themes


class JournalEvents(themes.ThemeGuard):
    """The part of BackjournalApp that hears of journal changes and reports journal errors."""

    service: JournalService
    unusable: JournalUnusable | None
    journal_changed_signal: Signal[DOMNode | None]
    _stamp: JournalStamp
    _problems: list[str] | None

    def journal_changed(self, writer: DOMNode | None = None) -> None:
        """After a write: every screen showing the journal hears of it and reloads."""
        self._stamp = self.service.journal_stamp()  # our own write is not news to the watcher
        self._problems = None
        self.journal_changed_signal.publish(writer)

    def check_for_changes(self) -> bool:
        """Whether another process changed the journal's files since they were last read; if so,
        every screen hears of it (a form with unsaved edits keeps them). A stat of each file only."""
        if self.unusable is not None or self.service.journal_stamp() == self._stamp:
            return False
        self.journal_changed(None)
        return True

    def journal_problems(self) -> list[str]:
        """The damaged, missing or foreign journal files, each a sentence naming the repair command."""
        if self._problems is None:
            try:
                self._problems = [str(p) for p in self.service.journal_problems()]
            except JOURNAL_ERRORS as error:  # said by the screens' own reads too
                self._problems = [f"{self.service.paths.data_dir}: {error}"]
            except OSError as error:
                self._problems = [f"{self.service.paths.data_dir}: {error}"]
        return self._problems

    def report_error(self, error: Exception) -> None:
        """Show a journal error the way the user needs it: a notice, or the unusable-journal screen."""
        if isinstance(error, JournalUnusable) and "locked" in error.problem:
            # Another backjournal is busy writing: nothing was written, and trying again may work.
            self.notify(
                f"{error.problem}. {error.hint}", title="Journal busy", severity="error", timeout=15
            )
        elif isinstance(error, JournalUnusable) and self._only_an_old_year(error):
            # The banner names it; tonight's year still works, so only this view is cut short.
            self.notify(
                f"{error.path.name} is damaged, and this view needs every year of the journal. "
                "Tonight's year is fine. Run `backjournal check --repair`.",
                title="Part of the journal is unreadable",
                severity="error",
                timeout=15,
            )
        elif isinstance(error, JournalUnusable):
            self.show_unusable(error)
        elif isinstance(error, StoreWriteError):
            self.notify(str(error), title="Not saved", severity="error", timeout=15)
        elif isinstance(error, InputError):
            self.notify(
                error.problem, title=error.field.replace("_", " ").capitalize(), severity="warning"
            )
        else:
            raise error

    def _only_an_old_year(self, error: JournalUnusable) -> bool:
        """A damaged year file other than tonight's: the journal stays usable around it."""
        year = year_of(error.path.name)  # None: the meta file, the lock, the folder
        return year is not None and year != self.service.today().year

    def show_unusable(self, error: JournalUnusable) -> None:
        """Replace everything with the explanation; any key quits with exit code 4."""
        if self.unusable is not None:
            return
        self.unusable = error
        from backjournal.tui.screens.unusable import UnusableJournalScreen

        self.push_screen(UnusableJournalScreen(error, self.service.paths.data_dir))
