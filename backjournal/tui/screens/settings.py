"""Settings: theme, day boundary, week start and the advisor's thresholds, saved to the config dir."""

from __future__ import annotations

from dataclasses import fields
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, Select, Static

from backjournal.domain.errors import InputError
from backjournal.domain.settings import AdvisorSettings, Settings
from backjournal.tui.plain import plain
from backjournal.tui.screens.base import JournalScreen
from backjournal.tui.widgets.screen_footer import ScreenFooter

WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# Each advisor threshold in plain words, in the order a reader meets them.
ADVISOR_LABELS: dict[str, str] = {
    "stretching_from_day": "Stretching can begin on episode day",
    "strengthening_from_day": "Strengthening can begin on episode day",
    "min_stretching_days": "Days of stretching before strengthening",
    "settled_entries": "Entries needed to call pain settled",
    "settled_window_days": "... all within this many days",
    "settled_max_pain": "... each with pain at most",
    "pain_jump": "A jump this big counts as rising pain",
    "rising_pain": "Pain this high counts as rising",
    "rising_lookback_days": "Rising compares with the last N days",
    "rising_lookback_entries": "... using at most this many entries",
    "max_strengthening_days": "Strengthening days allowed per window",
    "strengthening_window_days": "... in a window of this many days",
    "red_flag_window_days": "Warning signs stay in view for days",
    "hurt_window_days": "An exercise that hurt is named for days",
}
# The guided session's pacing, in plain words (seconds).
SESSION_LABELS: dict[str, str] = {
    "settle_s": "Pause between holds (seconds)",
    "rest_s": "Rest between sets of repetitions (seconds)",
}
TEMPO_OPTIONS = [("I press space for each one", False), ("Count them at a steady tempo", True)]
ALERT_OPTIONS = [("The terminal bell", "bell"), ("A flash of the countdown", "flash")]
PAIN_FIELDS = ("settled_max_pain", "pain_jump", "rising_pain")

ADVISOR_NOTE = (
    "These are the program's defaults from its source material, not medical advice; "
    "follow your physiotherapist. Change them only if they advised you to."
)


def read_form(
    values: dict[str, str],
    theme: str,
    week_start: int,
    session: dict[str, Any] | None = None,
    current: Settings | None = None,
) -> Settings:
    """Settings from the form's texts; raises InputError naming the first bad value.

    What the form does not show (the report's name, any setting added later) is kept from
    `current`: saving the form must never reset it.
    """
    kept = (current or Settings()).to_dict()
    pacing: dict[str, Any] = {**kept["session"], **(session or {})}
    for name, what in SESSION_LABELS.items():
        if name in values:
            text = values[name].strip()
            if not text.isdigit():
                raise InputError(what, f"{text!r} is not a whole number")
            pacing[name] = int(text)
    advisor: dict[str, int] = dict(kept["advisor"])
    for name in ADVISOR_LABELS:
        text = values[name].strip()
        if not text.isdigit():
            raise InputError(ADVISOR_LABELS[name].lstrip(". "), f"{text!r} is not a whole number")
        advisor[name] = int(text)
        if name in PAIN_FIELDS and advisor[name] > 10:
            raise InputError(ADVISOR_LABELS[name].lstrip(". "), "is a pain score: use 0 to 10")
    data: dict[str, Any] = {
        **kept,
        "day_starts_at": values["day_starts_at"].strip(),
        "week_start": week_start,
        "theme": theme,
        "advisor": advisor,
        "session": pacing,
    }
    try:
        return Settings.from_dict(data)
    except InputError as error:
        label = ADVISOR_LABELS.get(error.field.removeprefix("advisor."))
        if error.field == "day_starts_at":
            raise InputError("The day starts at", error.problem) from None
        raise InputError(label.lstrip(". ") if label else error.field, error.problem) from None


class SettingsScreen(JournalScreen):
    """A form; nothing is saved until Save, and a bad value saves nothing."""

    DEFAULT_CSS = """
    #settings-form {
        padding: 0 1;
    }
    .settings-row {
        height: 1;
        margin-bottom: 1;
    }
    .settings-label {
        width: 45;
    }
    .settings-row Input {
        width: 10;
    }
    .settings-row Select {
        width: 30;
    }
    .settings-heading {
        margin-top: 1;
        color: $accent;
        text-style: bold;
    }
    .settings-note {
        color: $foreground-muted;
        margin-bottom: 1;
    }
    #settings-buttons {
        height: auto;
        padding: 0 1;
    }
    #settings-message {
        width: 1fr;
        height: 3;
        max-height: 3;
        padding: 0 1;
        color: $text-muted;
        content-align: left middle;
    }
    #settings-message.error {
        color: $text-error;
    }
    #settings-buttons Button {
        margin-right: 2;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+s",
            "save",
            "Save",
            priority=True,
            tooltip="Save the settings (a value that is not right saves nothing)",
        ),
    ]

    def compose(self) -> ComposeResult:
        yield Static("Settings", id="settings-title", classes="screen-title")
        with VerticalScroll(id="settings-form"):
            with Horizontal(classes="settings-row"):
                yield Label("Theme", classes="settings-label")
                yield Select(
                    self._theme_options(), id="settings-theme", allow_blank=False, compact=True
                )
            with Horizontal(classes="settings-row"):
                yield Label("Day starts at (earlier is still last night)", classes="settings-label")
                yield Input(id="settings-day_starts_at", compact=True, placeholder="04:00")
            with Horizontal(classes="settings-row"):
                yield Label("Weeks start on (calendar)", classes="settings-label")
                yield Select(
                    [(name, i) for i, name in enumerate(WEEKDAY_NAMES)],
                    id="settings-week_start",
                    allow_blank=False,
                    compact=True,
                )
            yield Static("Phase advisor", classes="settings-heading")
            yield Static(ADVISOR_NOTE, classes="settings-note")
            for name, label in ADVISOR_LABELS.items():
                with Horizontal(classes="settings-row"):
                    yield Label(label, classes="settings-label")
                    yield Input(id=f"settings-{name}", type="integer", compact=True)
            yield Static("Guided session", classes="settings-heading")
            for name, label in SESSION_LABELS.items():
                with Horizontal(classes="settings-row"):
                    yield Label(label, classes="settings-label")
                    yield Input(id=f"settings-{name}", type="integer", compact=True)
            with Horizontal(classes="settings-row"):
                yield Label("Repetitions", classes="settings-label")
                yield Select(TEMPO_OPTIONS, id="settings-tempo", allow_blank=False, compact=True)
            with Horizontal(classes="settings-row"):
                yield Label("At the end of each hold", classes="settings-label")
                yield Select(ALERT_OPTIONS, id="settings-alert", allow_blank=False, compact=True)
        with Horizontal(id="settings-buttons"):
            yield Button("Save", id="settings-save", variant="primary")
            yield Button("Advisor defaults", id="settings-reset")
            yield Static("", id="settings-message")
        yield ScreenFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self.fill_form()
        self.app.theme_changed_signal.subscribe(self, self._show_theme)

    def _theme_options(self) -> list[tuple[str, str]]:
        """Registered themes, the program's own first."""
        names = sorted(
            self.app.available_themes, key=lambda n: (not n.startswith("backjournal"), n)
        )
        return [(name, name) for name in names]

    def on_screen_resume(self) -> None:
        self.reload()
        self._say("")

    def reload(self) -> None:
        # Coming back from a dialog or the palette must not wipe what the user typed.
        if not self.has_unsaved_changes():
            self.fill_form()

    # -- unsaved changes (the app asks before leaving) ----------------------------------
    def _form_values(self) -> dict[str, object]:
        values: dict[str, object] = {
            name: self.query_one(f"#settings-{name}", Input).value.strip()
            for name in [*ADVISOR_LABELS, *SESSION_LABELS, "day_starts_at"]
        }
        values["week_start"] = self.query_one("#settings-week_start", Select).value
        values["tempo"] = self.query_one("#settings-tempo", Select).value
        values["alert"] = self.query_one("#settings-alert", Select).value
        return values

    def _saved_values(self) -> dict[str, object]:
        settings = self.service.settings
        values: dict[str, object] = {
            name: str(getattr(settings.advisor, name)) for name in ADVISOR_LABELS
        }
        values["day_starts_at"] = settings.day_starts_at.strftime("%H:%M")
        values["week_start"] = settings.week_start
        values.update({name: str(getattr(settings.session, name)) for name in SESSION_LABELS})
        values["tempo"] = settings.session.tempo
        values["alert"] = settings.session.alert
        return values

    def has_unsaved_changes(self) -> bool:
        return self.is_mounted and self._form_values() != self._saved_values()

    def unsaved_summary(self) -> str:
        return "Some settings were changed but not saved."

    def save_changes(self) -> bool:
        return self.action_save()

    def discard_changes(self) -> None:
        self.fill_form()

    def fill_form(self) -> None:
        """Fill the form from the settings in use."""
        settings = self.service.settings
        self._show_theme()
        self.query_one("#settings-day_starts_at", Input).value = settings.day_starts_at.strftime(
            "%H:%M"
        )
        self.query_one("#settings-week_start", Select).value = settings.week_start
        self._fill_advisor(settings.advisor)
        for name in SESSION_LABELS:
            self.query_one(f"#settings-{name}", Input).value = str(getattr(settings.session, name))
        self.query_one("#settings-tempo", Select).value = settings.session.tempo
        self.query_one("#settings-alert", Select).value = settings.session.alert

    def _show_theme(self, *_: object) -> None:
        """The themes there are, and the one in use (a theme that failed is gone from both)."""
        select = self.query_one("#settings-theme", Select)
        options = self._theme_options()
        with select.prevent(Select.Changed):  # showing the theme in use is not choosing one
            select.set_options(options)
            select.value = (
                self.app.theme if self.app.theme in dict(options).values() else options[0][1]
            )

    def _fill_advisor(self, advisor: AdvisorSettings) -> None:
        for field in fields(AdvisorSettings):
            self.query_one(f"#settings-{field.name}", Input).value = str(
                getattr(advisor, field.name)
            )

    @on(Select.Changed, "#settings-theme")
    def _apply_theme(self, event: Select.Changed) -> None:
        # The theme changes at once and the app remembers it, as with the command palette.
        # A change announced before the form was filled is stale: acting on it would flip the
        # theme back and forth between it and the one in use, for ever.
        if event.value is Select.NULL or event.value != event.select.value:
            return
        if event.value != self.app.theme:
            self.journal_app.set_theme_safely(str(event.value))

    @on(Button.Pressed, "#settings-reset")
    def reset_advisor(self) -> None:
        self._fill_advisor(AdvisorSettings())
        self._say("The advisor's defaults are filled in. Save to keep them.")

    @on(Button.Pressed, "#settings-save")
    def action_save(self) -> bool:
        values = {
            name: self.query_one(f"#settings-{name}", Input).value
            for name in [*ADVISOR_LABELS, *SESSION_LABELS, "day_starts_at"]
        }
        theme = self.query_one("#settings-theme", Select).value
        week_start = self.query_one("#settings-week_start", Select).value
        try:
            session = {
                "tempo": self.query_one("#settings-tempo", Select).value,
                "alert": self.query_one("#settings-alert", Select).value,
            }
            settings = read_form(
                values,
                str(theme),
                int(week_start),  # type: ignore[arg-type]
                session,
                self.service.settings,
            )
        except InputError as error:
            self._say(f"Not saved. {error.field}: {error.problem}.", error=True)
            return False
        if not self.journal_app.save_settings(settings):
            self._say(
                "Not saved: the settings file could not be written (see the notice).", error=True
            )
            return False
        self.fill_form()
        self._say("Saved.")
        self.notify("Settings saved.")
        return True

    def _say(self, message: str, error: bool = False) -> None:
        label = self.query_one("#settings-message", Static)
        label.update(plain(message))
        label.set_class(error, "error")
