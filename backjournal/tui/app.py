"""The backjournal terminal app: the screens as modes, app-wide keys, themes and settings."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date
from functools import partial
from importlib import import_module
from typing import TYPE_CHECKING, Protocol

from textual import work
from textual.app import SystemCommand
from textual.binding import Binding
from textual.dom import DOMNode
from textual.notifications import SeverityLevel
from textual.screen import ModalScreen, Screen
from textual.signal import Signal
from textual.theme import Theme

from backjournal.domain.settings import Settings
from backjournal.domain.text import visible
from backjournal.service import (
    JOURNAL_ERRORS,
    InputError,
    JournalService,
    JournalUnusable,
    StoreWriteError,
)
from backjournal.tui import themes

if TYPE_CHECKING:
    from backjournal.tui.screens.base import JournalScreen

EXIT_OK, EXIT_UNUSABLE = 0, 4
WATCH_INTERVAL = 1.0  # seconds between two looks at the journal's files (a stat each)

# mode -> (module in backjournal.tui.screens, screen class, title, what the palette says about it)
SCREENS: dict[str, tuple[str, str, str, str]] = {
    "tonight": (
        "tonight",
        "TonightScreen",
        "Tonight",
        "Tonight's check-in, checklist and phase advice",
    ),
    "diary": ("diary", "DiaryScreen", "Diary", "Every entry, newest first; filter and edit"),
    "progress": ("progress", "ProgressScreen", "Progress", "Streaks, calendar and pain trend"),
    "routines": (
        "routines",
        "RoutinesScreen",
        "Routines",
        "The exercise library and your routines",
    ),
    "episodes": (
        "episodes",
        "EpisodesScreen",
        "Episodes",
        "Flare-ups and the phases they went through",
    ),
    "settings": (
        "settings",
        "SettingsScreen",
        "Settings",
        "Theme, day boundary and advisor thresholds",
    ),
}


def screen_class(mode: str) -> type[JournalScreen]:
    """The screen class for a mode, imported on first use to keep start-up light."""
    module, name, _, _ = SCREENS[mode]
    cls: type[JournalScreen] = getattr(import_module(f"backjournal.tui.screens.{module}"), name)
    return cls


def _make_screen(mode: str, service: JournalService) -> Screen[None]:
    return screen_class(mode)(service)


class LaunchContext(Protocol):
    """What `run_app` needs to start: the CLI's Context has it."""

    service: JournalService


class BackjournalApp(themes.ThemeGuard):
    """The nightly journal: Tonight, Diary, Progress, Routines, Episodes and Settings."""

    TITLE = "backjournal"
    CSS_PATH = "app.tcss"
    ENABLE_COMMAND_PALETTE = True
    DEFAULT_MODE = "tonight"
    BINDINGS = [
        Binding(
            "t", "show('tonight')", "Tonight", tooltip="Tonight: check-in, checklist, phase advice"
        ),
        Binding("d", "show('diary')", "Diary", tooltip="Diary: every entry, newest first"),
        Binding(
            "p", "show('progress')", "Progress", tooltip="Progress: streaks, calendar, pain trend"
        ),
        Binding("r", "show('routines')", "Routines", tooltip="Routines and the exercise library"),
        Binding(
            "e", "show('episodes')", "Episodes", tooltip="Episodes: flare-ups and their phases"
        ),
        Binding(
            "s", "show('settings')", "Settings", tooltip="Settings: theme, day boundary, advisor"
        ),
        Binding("home", "show('tonight')", "Tonight", show=False, tooltip="Back to tonight"),
        Binding("question_mark", "help", "Help", key_display="?", tooltip="This help"),
        Binding(
            "ctrl+q",
            "quit",
            "Quit",
            priority=True,
            show=False,
            tooltip="Quit (asks first if something is not saved)",
        ),
    ]

    def __init__(
        self,
        service: JournalService,
        *,
        watch_css: bool = False,
        watch_interval: float | None = WATCH_INTERVAL,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(watch_css=watch_css)
        self.service = service
        self.monotonic = monotonic
        """The clock seam of every timer (the guided session): monotonic seconds, faked in tests."""
        self.watch_interval = watch_interval
        self._stamp = service.journal_stamp()  # what the journal's files were when last read
        self._problems: list[str] | None = None  # the damaged-file banner's lines, once asked
        self.unusable: JournalUnusable | None = None
        self.journal_changed_signal: Signal[DOMNode | None] = Signal(self, "journal-changed")
        """Published after every write, with the screen that wrote: the others reload."""
        self._first_frame_shown = False
        self._after_first_frame: list[Callable[[], object]] = []
        for mode in SCREENS:
            self.add_mode(mode, partial(_make_screen, mode, service))
        # Themes are registered and chosen before the first frame: switching the theme once the
        # screen is mounted re-parses and re-applies every style.
        self._theme_problems = themes.install_themes(self, service.paths.user_themes_dir)
        self._startup_theme: str | None = themes.choose_theme(self, self.settings.theme)
        self.theme = self._startup_theme

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notice shows its text literally (no markup, control characters escaped): notices
        quote journal text, file names and error messages."""
        super().notify(
            visible(message),
            title=visible(title, newlines=False),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    # -- the shared state screens use ------------------------------------------------
    @property
    def settings(self) -> Settings:
        return self.service.settings

    def save_settings(self, settings: Settings) -> bool:
        """Store the settings in the config dir and apply them; False (and a notice) if that failed."""
        previous = self.service.settings
        try:
            self.service.save_settings(settings)
        except (OSError, StoreWriteError, InputError) as error:
            self.notify(
                f"Settings were not saved: {error}", title="Settings", severity="error", timeout=10
            )
            return False
        if settings.theme != self.theme and settings.theme in self.available_themes:
            self.set_theme_safely(settings.theme)
        if (previous.day_starts_at, previous.advisor) != (settings.day_starts_at, settings.advisor):
            self.journal_changed()
        return True

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
        name = error.path.name
        if not (name.startswith("journal-") and name.endswith(".json") and name[8:12].isdigit()):
            return False  # the meta file, the lock, the folder: nothing works without them
        return len(name) == 17 and int(name[8:12]) != self.service.today().year

    def show_unusable(self, error: JournalUnusable) -> None:
        """Replace everything with the explanation; any key quits with exit code 4."""
        if self.unusable is not None:
            return
        self.unusable = error
        from backjournal.tui.screens.unusable import UnusableJournalScreen

        self.push_screen(UnusableJournalScreen(error, self.service.paths.data_dir))

    # -- start-up ----------------------------------------------------------------------
    def on_mount(self) -> None:
        if self.watch_interval is not None:
            # Other processes (the CLI, another window) write too: a stat a second notices them.
            self.set_interval(self.watch_interval, self.check_for_changes)
        problems = self._theme_problems
        wanted = self.settings.theme
        chosen = self._startup_theme or themes.choose_theme(self, wanted)
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        for problem in problems:
            fallback = f" Using {chosen} instead." if problem.path.stem == wanted != chosen else ""
            self.notify(problem.message() + fallback, title="Theme", severity="warning", timeout=12)
        if chosen != wanted and not any(p.path.stem == wanted for p in problems):
            self.notify(
                f"The theme {wanted!r} was not found. Using {chosen}.",
                title="Theme",
                severity="warning",
                timeout=12,
            )
        if self.service.settings_problem:
            self.notify(
                self.service.settings_problem, title="Settings", severity="warning", timeout=12
            )

    def after_first_frame(self, callback: Callable[[], object]) -> None:
        """Run `callback` once the first frame is on screen (soon, if it already is).

        For what a screen can show a moment later (Tonight's second stage), so that it does not
        hold back the first frame: during start-up, "after refresh" comes before any frame.
        """
        if self._first_frame_shown:
            self.call_after_refresh(callback)
        else:
            self._after_first_frame.append(callback)

    def on_ready(self) -> None:
        # Ready comes with the first layout; the frame itself is written on the refresh after it.
        self._first_frame_shown = True
        waiting, self._after_first_frame = self._after_first_frame, []
        for callback in waiting:
            self.call_after_refresh(callback)

    def _remember_theme(self, theme: Theme) -> None:
        """Keep the user's choice, wherever it was made (palette, Settings)."""
        if theme.name != self.theme:
            return  # not applied after all (a theme that failed, replaced by the last good one)
        if self._startup_theme is not None and theme.name == self._startup_theme:
            # The theme applied at start-up is not a choice: a fallback must not overwrite settings.
            self._startup_theme = None
            return
        self._startup_theme = None
        if theme.name != self.settings.theme:
            self.save_settings(replace(self.settings, theme=theme.name))

    # -- moving around -----------------------------------------------------------------
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

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        for mode, (_, _, title, help_text) in SCREENS.items():
            yield SystemCommand(f"Go to {title}", help_text, partial(self.action_show, mode))
        yield SystemCommand(
            "Guided session",
            "Play tonight's routine with hold timers, sides and a 'this hurts' stop",
            self.action_session,
        )
        yield SystemCommand(
            "Help", "Every key, and how the phase advisor decides", self.action_help
        )
        yield SystemCommand(
            "Rate the weekly function score",
            "PSFS: one digit per activity, under 30 seconds (a on Tonight)",
            self.action_rate_psfs,
        )
        yield from super().get_system_commands(screen)


def run_app(context: LaunchContext, when_drawn: Callable[[], object] | None = None) -> int:
    """Run the app until the user quits; 0, or 4 when the journal could not be used.

    `when_drawn` runs once the first frame is on screen (the console script turns the cycle
    collector back on then)."""
    app = BackjournalApp(context.service)
    if when_drawn is not None:
        app.after_first_frame(when_drawn)
    app.run()
    return app.return_code or EXIT_OK
