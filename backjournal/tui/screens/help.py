"""Help (`?`): every key binding, screen by screen, and how the phase advisor decides."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Label, Static

from backjournal.domain.settings import Settings
from backjournal.tui.widgets.phase_advisor import DISCLAIMER

ADVISOR_PARAGRAPH = (
    "An episode is a flare-up, and day 1 is the day you start it. The advisor walks through the "
    "episode day by day using only your nightly pain scores. It begins with gentle mobility. From "
    "day {stretch} it opens stretching, on the first day your pain has settled: your last {entries} "
    "entries all fall within {window} days, each is {max_pain}/10 or less, and none jumps {jump} or "
    "more above the one before. From day {strength}, and at least {min_stretch} days after stretching "
    "began, it opens strengthening the same way. If pain rises (a score of {rising} or more, or "
    "{jump} above the average of your recent entries) it steps back one phase, and that phase starts "
    "afresh. With no episode open, everything is open (maintenance). A warning sign pauses the phase "
    "advice until a clinician has checked you. " + DISCLAIMER
)


def _key_text(app_key_display: Callable[[Binding], str], binding: Binding) -> str:
    if binding.key_display:
        return binding.key_display
    return " ".join(app_key_display(b) for b in Binding.make_bindings([binding]))


def binding_rows(
    bindings: Iterable[BindingType], key_display: Callable[[Binding], str]
) -> list[tuple[str, str]]:
    """(keys, what they do) for every binding that has a description."""
    rows: list[tuple[str, str]] = []
    for raw in bindings:
        binding = raw if isinstance(raw, Binding) else Binding(*raw)
        if binding.description and not binding.system:
            rows.append((_key_text(key_display, binding), binding.tooltip or binding.description))
    return rows


def key_table(title: str, rows: list[tuple[str, str]]) -> Content:
    width = max((len(k) for k, _ in rows), default=4) + 2
    lines = [Content.styled(title, "bold $primary")]
    lines += [Content.assemble((f"  {keys:<{width}}", "bold $accent"), what) for keys, what in rows]
    return Content("\n").join(lines)


class HelpScreen(Screen[None]):
    """Lists the keys of every screen; escape, q or ? goes back."""

    DEFAULT_CSS = """
    #help-body {
        padding: 0 2;
    }
    .help-table {
        height: auto;
        margin-bottom: 1;
    }
    #help-advisor {
        height: auto;
        max-width: 100;
        margin-bottom: 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "close", "Back", key_display="esc"),
    ]

    def __init__(self, settings: Settings, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.settings = settings

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Label("Help", classes="pane-title")
            for table in self._tables():
                yield Static(table, classes="help-table")
            yield Label("How the phase advisor decides", classes="pane-title")
            yield Static(self._advisor_paragraph(), id="help-advisor")
        yield Footer()

    def _tables(self) -> list[Content]:
        from backjournal.tui.app import SCREENS, BackjournalApp, screen_class

        app = self.app
        everywhere = binding_rows(BackjournalApp.BINDINGS, app.get_key_display)
        everywhere.append(
            (
                app.COMMAND_PALETTE_BINDING.replace("ctrl+", "^"),
                "Command palette: screens, themes, help",
            )
        )
        tables = [key_table("Everywhere", everywhere)]
        for mode, (_, _, title, _) in SCREENS.items():
            try:
                cls = screen_class(mode)
            except (ImportError, AttributeError):
                continue  # a screen that is not installed has no keys to list
            rows = binding_rows(cls.BINDINGS, app.get_key_display)
            rows += cls.HELP_KEYS
            if rows:
                tables.append(key_table(title, rows))
        tables.append(
            key_table(
                "Dialogs",
                [
                    ("tab", "Move between the buttons"),
                    ("enter", "Press the button"),
                    ("esc", "The safe answer (cancel, not yet, stay here)"),
                ],
            )
        )
        return tables

    def _advisor_paragraph(self) -> str:
        s = self.settings.advisor
        return ADVISOR_PARAGRAPH.format(
            stretch=s.stretching_from_day,
            entries=s.settled_entries,
            window=s.settled_window_days,
            max_pain=s.settled_max_pain,
            jump=s.pain_jump,
            strength=s.strengthening_from_day,
            min_stretch=s.min_stretching_days,
            rising=s.rising_pain,
        )

    def action_close(self) -> None:
        self.dismiss()
