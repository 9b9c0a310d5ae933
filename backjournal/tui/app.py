"""The backjournal terminal app: the screens as modes, app-wide keys, themes and settings."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from importlib import import_module
from typing import TYPE_CHECKING

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import ModalScreen, Screen
from textual.theme import Theme

from backjournal.domain.errors import InputError
from backjournal.domain.settings import Settings
from backjournal.service import JournalService
from backjournal.storage import JournalUnusable, StoreWriteError
from backjournal.tui import themes
from backjournal.tui.stylesheet import SteadyStylesheet

if TYPE_CHECKING:
    from textual.widget import AwaitMount

    from backjournal.cli.context import Context

EXIT_OK, EXIT_UNUSABLE = 0, 4

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

# The errors a screen reports through `report_error` instead of crashing.
JOURNAL_ERRORS = (InputError, JournalUnusable, StoreWriteError)


def screen_class(mode: str) -> type[Screen]:
    """The screen class for a mode, imported on first use to keep start-up light."""
    module, name, _, _ = SCREENS[mode]
    return getattr(import_module(f"backjournal.tui.screens.{module}"), name)


def _mode_factory(mode: str) -> Callable[[], Screen]:
    return lambda: screen_class(mode)()


class BackjournalApp(App[int]):
    """The nightly journal: Tonight, Diary, Progress, Routines, Episodes and Settings."""

    TITLE = "backjournal"
    CSS_PATH = "app.tcss"
    ENABLE_COMMAND_PALETTE = True
    MODES = {mode: _mode_factory(mode) for mode in SCREENS}
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

    def __init__(self, source: Context | JournalService, *, watch_css: bool = False) -> None:
        super().__init__(watch_css=watch_css)
        self.context = _as_context(source)
        self.service: JournalService = self.context.service
        self.unusable: JournalUnusable | None = None
        # Themes are registered and chosen before the first frame: switching the theme once the
        # screen is mounted re-parses and re-applies every style (about a third of start-up).
        self._theme_problems = themes.install_themes(self, self.context.paths.user_themes_dir)
        self._first_frame_shown = False
        # Set at the end of on_mount: from then on Textual's start-up (which holds back every
        # frame) ends without waiting for anything else. The first screen waits for it.
        self.mounted = False
        self._after_first_frame: list[Callable[[], object]] = []
        self._startup_theme: str | None = themes.choose_theme(self, self.settings.theme)
        self.theme = self._startup_theme
        # Made for the chosen theme, so that start-up parses app.tcss once, not four times.
        self.stylesheet = SteadyStylesheet(variables=self.get_css_variables())

    # -- the shared state screens use ------------------------------------------------
    @property
    def settings(self) -> Settings:
        return self.service.settings

    def save_settings(self, settings: Settings) -> bool:
        """Store the settings in the config dir and apply them; False (and a notice) if that failed."""
        from backjournal.storage import save_settings

        try:
            save_settings(self.context.paths.config_file, settings)
        except (OSError, StoreWriteError, InputError) as error:
            self.notify(
                f"Settings were not saved: {error}", title="Settings", severity="error", timeout=10
            )
            return False
        previous = self.service.settings
        self.service.settings = settings
        if settings.theme != self.theme and settings.theme in self.available_themes:
            self.theme = settings.theme
        if (previous.day_starts_at, previous.advisor) != (settings.day_starts_at, settings.advisor):
            self.journal_changed()
        return True

    def journal_changed(self) -> None:
        """After a write: every screen on the current stack reloads what it shows."""
        for screen in self.screen_stack:
            refresh = getattr(screen, "refresh_data", None)
            if callable(refresh):
                refresh()

    def report_error(self, error: Exception) -> None:
        """Show a journal error the way the user needs it: a notice, or the unusable-journal screen."""
        if isinstance(error, JournalUnusable) and "locked" in error.problem:
            # Another backjournal is busy writing: nothing was written, and trying again may work.
            self.notify(
                f"{error.problem}. {error.hint}", title="Journal busy", severity="error", timeout=15
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

    def show_unusable(self, error: JournalUnusable) -> None:
        """Replace everything with the explanation; any key quits with exit code 4."""
        if self.unusable is not None:
            return
        self.unusable = error
        from backjournal.tui.screens.unusable import UnusableJournalScreen

        self.push_screen(UnusableJournalScreen(error))

    # -- start-up ----------------------------------------------------------------------
    def on_mount(self) -> None:
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
        if self.context.settings_problem:
            self.notify(
                self.context.settings_problem, title="Settings", severity="warning", timeout=12
            )
        self.set_timer(1.0, self._load_all_css)  # the other screens' styles, while nobody waits
        self.mounted = True

    def after_first_frame(self, callback: Callable[[], object]) -> None:
        """Run `callback` once the first frame is on screen (soon, if it already is).

        For work a screen can show a moment later, such as streaks over the whole journal, so
        that it does not hold back the first frame.
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
        if self._startup_theme is not None and theme.name == self._startup_theme:
            # The theme applied at start-up is not a choice: a fallback must not overwrite settings.
            self._startup_theme = None
            return
        self._startup_theme = None
        if theme.name != self.settings.theme:
            from dataclasses import replace

            self.save_settings(replace(self.settings, theme=theme.name))

    def _load_all_css(self) -> None:
        if isinstance(self.stylesheet, SteadyStylesheet):
            self.stylesheet.add_later_part()
            self.stylesheet.rules  # noqa: B018 (parses it now)

    # -- moving around -----------------------------------------------------------------
    def switch_mode(self, mode: str) -> AwaitMount:
        self._load_all_css()  # before the screen's widgets are styled
        return super().switch_mode(mode)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.unusable is not None:
            return action == "quit"
        if action in ("show", "help") and isinstance(self.screen, ModalScreen):
            # A dialog is waiting for an answer; Help may still close itself.
            return False
        return True

    def action_show(self, mode: str) -> None:
        if getattr(self.screen, "id", None) == "help":
            self.pop_screen()
        if mode != self.current_mode:
            self.confirm_leave(lambda: self.switch_mode(mode))

    def action_help(self) -> None:
        from backjournal.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(id="help"))

    async def action_quit(self) -> None:
        if self.unusable is not None:
            self.exit(return_code=EXIT_UNUSABLE)
            return
        self.confirm_leave(self.exit)

    def confirm_leave(self, proceed: Callable[[], object]) -> None:
        """Run `proceed` once unsaved changes on this mode's screens are saved or dropped."""
        from backjournal.tui.modals.unsaved import UnsavedChangesModal

        if isinstance(self.screen, UnsavedChangesModal):
            return
        pending = next((s for s in self.screen_stack if _has_unsaved_changes(s)), None)
        if pending is None:
            proceed()
            return

        def answered(choice: str | None) -> None:
            if choice == "save" and pending.save_changes():  # type: ignore[attr-defined]
                proceed()
            elif choice == "discard":
                pending.discard_changes()  # type: ignore[attr-defined]
                proceed()

        summary = getattr(
            pending, "unsaved_summary", lambda: "You have changes that are not saved."
        )()
        self.push_screen(UnsavedChangesModal(summary), answered)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        for mode, (_, _, title, help_text) in SCREENS.items():
            yield SystemCommand(f"Go to {title}", help_text, lambda m=mode: self.action_show(m))
        yield SystemCommand(
            "Help", "Every key, and how the phase advisor decides", self.action_help
        )
        yield from super().get_system_commands(screen)


def _has_unsaved_changes(screen: Screen) -> bool:
    check = getattr(screen, "has_unsaved_changes", None)
    return bool(callable(check) and check())


def _as_context(source: Context | JournalService) -> Context:
    from backjournal.cli.context import Context

    if isinstance(source, JournalService):
        from backjournal.storage import resolve_paths

        paths = resolve_paths(str(source.store.data_dir))
        return Context(paths=paths, service=source)
    return source


def run_app(context: Context) -> int:
    """Run the app until the user quits; 0, or 4 when the journal could not be used."""
    app = BackjournalApp(context)
    app.run()
    return app.return_code or EXIT_OK
