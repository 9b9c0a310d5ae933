"""The backjournal terminal app: the screens as modes, app-wide keys, themes and settings."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import replace
from functools import partial
from importlib import import_module
from typing import TYPE_CHECKING, Protocol

from textual.app import SystemCommand
from textual.binding import Binding
from textual.dom import DOMNode
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.signal import Signal
from textual.theme import Theme

from backjournal.domain.settings import Settings
from backjournal.domain.text import visible
from backjournal.service import (
    InputError,
    JournalService,
    JournalUnusable,
    StoreWriteError,
)
from backjournal.tui import themes
from backjournal.tui.app_navigation import Navigation

if TYPE_CHECKING:
    from backjournal.tui.screens.base import JournalScreen

EXIT_OK = 0
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


class BackjournalApp(Navigation):
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
