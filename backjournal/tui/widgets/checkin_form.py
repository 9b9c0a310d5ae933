"""The nightly check-in form: scores, areas, tags, notes, rest day and the warning-sign checklist."""

from __future__ import annotations

from typing import Any, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Checkbox, Input, Label, OptionList, TextArea
from textual.widgets.option_list import Option

from backjournal.domain.vocab import AREA_LABELS, AREAS, RED_FLAG_LABELS, RED_FLAGS
from backjournal.tui.widgets.checkin_values import FIELDS, SCORES, entry_values, parse_tags
from backjournal.tui.widgets.key_clock import KeyClock
from backjournal.tui.widgets.score_bar import ScoreBar
from backjournal.tui.widgets.toggle import Toggle

__all__ = ["FIELDS", "CheckinForm", "WarningSignList", "entry_values", "parse_tags"]


def _flag_label(flag: str) -> str:
    text = RED_FLAG_LABELS.get(flag, flag)
    return text[:1].upper() + text[1:]


class WarningSignList(OptionList):
    """The red-flag checklist in plain words; space (or enter) ticks a sign. Long labels wrap."""

    DEFAULT_CSS = """
    WarningSignList {
        height: auto;
        max-height: 999;
        border: none;
        padding: 0;
        background: transparent;
        &:focus {
            border: none;
            background: $error 10%;
        }
        & > .option-list--option-highlighted {
            background: transparent;
        }
        &:focus > .option-list--option-highlighted {
            color: $block-cursor-foreground;
            background: $block-cursor-background;
        }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle_sign", "Tick/untick", show=False)
    ]

    class Changed(Message):
        """The user ticked or unticked a warning sign."""

    def __init__(self, id: str | None = None) -> None:
        super().__init__(*(Option(self._prompt(f, False), id=f) for f in RED_FLAGS), id=id)
        self.selected: set[str] = set()

    @staticmethod
    def _prompt(flag: str, ticked: bool) -> Content:
        mark = (
            Content.styled("[x] ", "bold $error")
            if ticked
            else Content.styled("[ ] ", "$foreground-muted")
        )
        return mark + Content(_flag_label(flag))

    def set_selected(self, flags: tuple[str, ...] | set[str]) -> None:
        """Show these signs as ticked (not counted as an edit)."""
        self.selected = {f for f in flags if f in RED_FLAGS}
        for flag in RED_FLAGS:
            self.replace_option_prompt(flag, self._prompt(flag, flag in self.selected))

    def action_toggle_sign(self) -> None:
        option = self.highlighted_option
        if option is None or option.id is None:
            return
        self.selected ^= {option.id}
        self.replace_option_prompt(option.id, self._prompt(option.id, option.id in self.selected))
        self.post_message(self.Changed())

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_toggle_sign()


class CheckinForm(Vertical):
    """Holds the values being edited; posts CheckinForm.Edited whenever the user changes one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("x", "clear_areas", "Clear areas", show=False, tooltip="Untick every area"),
    ]

    DEFAULT_CSS = """
    CheckinForm {
        height: auto;
    }
    .checkin-label {
        margin-top: 1;
        color: $text-muted;
    }
    #areas {
        grid-size: 2;
        grid-gutter: 0 1;
        height: auto;
    }
    #areas Toggle, #rest {
        border: none;
        padding: 0;
        height: 1;
        background: transparent;
    }
    #areas Toggle:focus, #rest:focus {
        background: $primary 20%;
    }
    #tags-row {
        height: 1;
        margin-top: 1;
    }
    #tags-row .checkin-label {
        margin-top: 0;
        width: auto;
    }
    #tags {
        width: 1fr;
    }
    #notes {
        height: 6;
        margin-bottom: 1;
    }
    """

    class Edited(Message):
        """Something in the form changed; `form.values()` says what it shows now."""

        def __init__(self, form: CheckinForm) -> None:
            super().__init__()
            self.form = form

        @property
        def control(self) -> CheckinForm:
            return self.form

    def compose(self) -> ComposeResult:
        bars = [
            ScoreBar("Pain now", required=True, id="pain"),
            ScoreBar("Worst today", id="worst"),
            ScoreBar("Sleep", higher_is_better=True, hint="0 = awful, 10 = slept well", id="sleep"),
            ScoreBar("Mood", higher_is_better=True, hint="0 = low, 10 = great", id="mood"),
        ]
        for bar in bars:
            bar.move_on = self._move_on
            yield bar
        yield Label("Where it hurts", classes="checkin-label")
        with Grid(id="areas"):
            for area in AREAS:
                yield Toggle(AREA_LABELS[area], id=f"area-{area}", classes="area-toggle")
        with Horizontal(id="tags-row"):
            yield Label("Tags ", classes="checkin-label")
            yield Input(
                placeholder="a few words, e.g. gardening long-drive", id="tags", compact=True
            )
        yield Label("Notes", classes="checkin-label")
        yield TextArea(
            id="notes",
            soft_wrap=True,
            tab_behavior="focus",
            placeholder="How was today? What helped, what didn't?",
        )
        yield Toggle("Rest day: no exercise today, on purpose", id="rest")
        yield Label(
            "Warning signs: tick any you have noticed",
            classes="checkin-label",
            id="red-flags-label",
        )
        yield WarningSignList(id="red-flags")

    # -- reading and writing the values -------------------------------------------------
    def values(self) -> dict[str, Any]:
        bars = {name: self.query_one(f"#{name}", ScoreBar).value for name in SCORES}
        return {
            **bars,
            "areas": tuple(a for a in AREAS if self.query_one(f"#area-{a}", Checkbox).value),
            "tags": parse_tags(self.query_one("#tags", Input).value),
            "notes": self.query_one("#notes", TextArea).text,
            "rest": self.query_one("#rest", Checkbox).value,
            "red_flags": tuple(
                f for f in RED_FLAGS if f in self.query_one(WarningSignList).selected
            ),
        }

    def load(self, values: dict[str, Any], only: set[str] | None = None) -> None:
        """Show these values (all fields, or just `only`), without counting as an edit by the user."""
        fields = FIELDS if only is None else [f for f in FIELDS if f in only]
        for name in fields:
            value = values[name]
            if name in SCORES:
                self.query_one(f"#{name}", ScoreBar).value = value
            elif name == "areas":
                for area in AREAS:
                    self.query_one(f"#area-{area}", Checkbox).value = area in value
            elif name == "tags":
                self.query_one("#tags", Input).value = " ".join(value)
            elif name == "notes":
                notes = self.query_one("#notes", TextArea)
                if notes.text != value:
                    notes.load_text(value)
            elif name == "rest":
                self.query_one("#rest", Checkbox).value = value
            elif name == "red_flags":
                self.query_one(WarningSignList).set_selected(value)

    def set_key_clock(self, clock: KeyClock) -> None:
        """The clock the scores read typed digits by (tests give a FakeKeyClock)."""
        for bar in self.query(ScoreBar):
            bar.clock = clock

    def action_clear_areas(self) -> None:
        """One key for a night that hurts elsewhere than the last: every area unticked."""
        for area in AREAS:
            self.query_one(f"#area-{area}", Checkbox).value = False  # posts Changed: an edit

    def _move_on(self, bar: ScoreBar, carry: int | None) -> None:
        """A score typed in full: the focus moves to the next one (after mood, to the areas)."""
        index = SCORES.index(bar.id or "pain") + 1
        if index < len(SCORES):
            following = self.query_one(f"#{SCORES[index]}", ScoreBar)
            self.screen.set_focus(following)  # now, not after a refresh: see ScoreBar.move_on
            if carry is not None:
                following.action_set_score(carry)
        else:
            self.screen.set_focus(self.query_one(f"#area-{AREAS[0]}"))

    def set_pain(self, value: int) -> None:
        self.query_one("#pain", ScoreBar).set_value(value)

    def focus_pain(self) -> None:
        self.query_one("#pain", ScoreBar).focus()

    def on_resize(self, event: events.Resize) -> None:
        # As many area columns as the pane has room for (the pane pads one cell either side).
        pane = event.size.width + 2
        self.query_one("#areas", Grid).styles.grid_size_columns = (
            4 if pane >= 76 else 3 if pane >= 60 else 2
        )

    # -- every kind of edit becomes one message ------------------------------------------
    @on(ScoreBar.Changed)
    @on(Checkbox.Changed)
    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(WarningSignList.Changed)
    def _edited(self, event: Message) -> None:
        event.stop()
        self.post_message(self.Edited(self))
