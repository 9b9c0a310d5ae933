"""Tonight: the check-in form, today's checklist and the phase advisor, for one journal day.

It starts in two stages, so that the phase is on screen at once: the first frame holds the date
bar and the one-line summary (phase, day of the episode, checklist count); the form, the advisor
panel, the checklist and the footer (widgets/tonight_body.py) are mounted right after it. Until
then the screen keeps the form's values itself, so a digit typed early is kept and shown.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static
from textual.worker import get_current_worker

from backjournal.domain.advisor import Advice
from backjournal.domain.models import Journal
from backjournal.service import JOURNAL_ERRORS, JournalService
from backjournal.tui.screens.tonight_actions import TonightActions
from backjournal.tui.screens.tonight_form import CheckinState
from backjournal.tui.widgets.checkin_values import FIELDS, as_shown, entry_values, suggested_values
from backjournal.tui.widgets.psfs_nudge import PsfsNudge
from backjournal.tui.widgets.tonight_text import (
    day_title,
    plan_summary,
)

if TYPE_CHECKING:
    from textual.widgets import Button

    from backjournal.domain.streaks import Streaks
    from backjournal.tui.widgets.tonight_body import TonightBody

WIDE = 96  # columns from which the form and the plan sit side by side


class TonightScreen(CheckinState, TonightActions):
    """The nightly screen. Saving is explicit; ticks save at once."""

    DEFAULT_CSS = """
    #tonight-top {
        height: 1;
        padding: 0 1;
        background: $panel;
    }
    #tonight-date {
        width: 1fr;
        height: 1;
    }
    #tonight-status {
        width: auto;
        height: 1;
        margin-right: 2;
    }
    #tonight-save {
        min-width: 10;
    }
    #tonight-summary {
        height: 1;
        padding: 0 1;
        background: $surface;
    }
    /* In two columns the advisor panel says it all, once it is mounted. */
    TonightScreen.-wide #tonight-summary.-beside-plan {
        display: none;
    }
    #red-flag-banner {
        display: none;
        height: auto;
        #red-flag-text {
            width: 1fr;
            height: auto;
        }
        #clear-red-flags {
            margin-left: 1;
        }
        padding: 0 1;
        background: $error 25%;
        border-left: thick $error;
        color: $foreground;
    }
    #tonight-body {
        height: 1fr;
    }
    #tonight-body .pane {
        height: auto;
        padding: 0 1;
    }
    TonightScreen.-wide #tonight-body {
        layout: horizontal;
        overflow-y: hidden;
    }
    TonightScreen.-wide #tonight-body .pane {
        height: 100%;
        overflow-y: auto;
        scrollbar-size-vertical: 1;
    }
    #checklist-scroll {
        height: auto;
    }
    TonightScreen.-wide #tonight-body #plan-pane {
        overflow-y: hidden;
    }
    TonightScreen.-wide #checklist-scroll {
        height: 1fr;
        overflow-y: auto;
        scrollbar-size-vertical: 1;
    }
    TonightScreen.-wide #tonight-body #checkin-pane {
        width: 1fr;
        max-width: 52;
    }
    TonightScreen.-wide #tonight-body #plan-pane {
        width: 1fr;
        border-left: vkey $panel;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        # Not a priority binding: a digit typed just before ctrl+s must land first.
        Binding("ctrl+s", "save", "Save", tooltip="Save the check-in (ticks save at once)"),
        Binding(
            "left_square_bracket",
            "previous_day",
            "Earlier day",
            key_display="[",
            show=False,
            tooltip="Go to the day before, to fill in a missed night",
        ),
        Binding(
            "right_square_bracket",
            "next_day",
            "Later day",
            key_display="]",
            show=False,
            tooltip="Go to the day after (never past today)",
        ),
        Binding(
            "c", "focus_checklist", "Checklist", show=False, tooltip="Jump to the day's checklist"
        ),
        Binding("f", "focus_form", "Form", show=False, tooltip="Back to the check-in form"),
        Binding(
            "w",
            "show_warnings",
            "Warnings",
            show=False,
            tooltip="Bring the advisor's warnings into view",
        ),
        Binding(
            "g",
            "app.session",
            "Session",
            show=False,
            tooltip="Guided session: tonight's routine with hold timers and sides",
        ),
        Binding(
            "n",
            "start_episode",
            "Start episode",
            show=False,
            tooltip="Start an episode (a flare-up) on this day, when none is open",
        ),
        Binding(
            "escape",
            "leave_text",
            "Leave the field",
            show=False,
            tooltip="Leave the tags or notes field (then letters switch screens again)",
        ),
        Binding(
            "f5",
            "reload",
            "Reload",
            show=False,
            tooltip="Reload the journal, to see changes written elsewhere",
        ),
        Binding(
            "a",
            "rate_psfs",
            "Function score",
            show=False,
            tooltip="Rate the weekly function score (PSFS)",
        ),
        *(Binding(str(n), f"set_pain({n})", show=False) for n in range(10)),
    ]
    # Keys handled by the widgets on this screen, for the Help screen.
    HELP_KEYS: ClassVar[list[tuple[str, str]]] = [
        ("0-9", "Set the focused score, and move on to the next; 1 then 0 is 10"),
        ("← →  - +", "Change the focused score by one"),
        ("backspace", "Clear an optional score (worst, sleep, mood)"),
        ("x", "Untick every area (a new night starts from last night's)"),
        ("space enter", "Tick or untick, then on to the next; on a routine: tick the rest"),
        ("i", "How to do the highlighted exercise"),
        ("tab shift+tab", "Move between the fields"),
    ]

    def __init__(self, service: JournalService) -> None:
        super().__init__(service, id="tonight")
        self.day: date | None = None
        self.today: date | None = None
        self._baseline: dict[str, Any] = entry_values(None)  # what the journal holds
        self._suggested: dict[str, Any] = {}  # what a new day starts from (last night's areas)
        self._values: dict[str, Any] = as_shown(self._baseline)  # what the form shows
        self._saved_at: str | None = None
        self._journal: Journal | None = None  # the recent days only (see reload)
        self._advice: Advice | None = None
        self._streaks: Streaks | None = None
        self._body: TonightBody | None = None  # the second stage, once mounted
        self._short_title: bool | None = None

    def compose(self) -> ComposeResult:
        # The layout class on_resize would set, set now: adding it after mounting restyles the
        # screen once more before the first frame.
        self.set_class(self.app.size.width >= WIDE, "-wide")
        with Horizontal(id="tonight-top"):
            yield Static(id="tonight-date")
            yield Static(id="tonight-status")
        yield Static(id="tonight-summary")
        yield PsfsNudge(id="psfs-nudge")

    def on_mount(self) -> None:
        super().on_mount()
        # The recent days are enough for the phase: it is in the first frame. The rest follows
        # once that frame is on screen.
        self.journal_app.after_first_frame(self._mount_body)
        self.reload()

    def on_screen_resume(self) -> None:
        if self._body is not None:  # (at start, on_mount has just loaded it)
            super().on_screen_resume()

    async def _mount_body(self) -> None:
        from backjournal.tui.widgets.tonight_body import TonightBody

        body = TonightBody()
        # Both at once: no frame shows half of the second stage.
        button = self.query_one("#tonight-top").mount(body.save_button)
        rest = self.mount_all(body.widgets(), after="#tonight-summary")
        await button
        await rest
        self._body = body
        self.query_one("#tonight-summary").add_class("-beside-plan")
        self._show()
        body.form.focus_pain()
        if self._streaks is None:
            # The first streaks read all of the journal: off the UI thread, and only once the
            # whole screen is drawn (the footer fills in its keys one refresh after it mounts),
            # so that the thread does not hold the GIL while the first frames are made.
            self.call_after_refresh(self.call_after_refresh, self._load_streaks)

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width >= WIDE, "-wide")
        if (event.size.width < 100) != self._short_title:
            self._show_title()  # (only then: each update lays the screen out again)

    # -- loading -----------------------------------------------------------------------
    def reload(self) -> None:
        """Reload the journal; edits the user has not saved stay in the form."""
        service = self.service
        try:
            today = service.today()
            # Left open past the day boundary on "today", the screen moves on to the new night.
            following = self.day is None or (
                self.day == self.today and not self.has_unsaved_changes()
            )
            day = today if following or self.day is None else min(self.day, today)
            # Only the days the advisor reads (the open episode and short windows): on a ten-year
            # journal the phase shows as fast as on a new one. Streaks need the whole history:
            # they are loaded off the UI thread (_load_streaks).
            journal = service.recent_journal(day)
            advice = service.advise(day, journal=journal)
        except JOURNAL_ERRORS as error:
            self.report_error(error)
            return
        stored = entry_values(journal.entry_on(day))
        suggested = suggested_values(journal, day)
        if day != self.day:
            self._values, self._baseline = {**as_shown(stored), **suggested}, stored
            self._saved_at = None
        else:  # keep what the user changed, and the version it was changed from: saving merges
            edited = (
                self.changes().keys()
                - {f for f, v in as_shown(stored).items() if v == self._values[f]}
                - {  # a suggestion left as it was yields to a value stored meanwhile
                    f
                    for f, v in self._suggested.items()
                    if stored[f] != self._baseline[f] and self._values[f] == v
                }
            )
            self._values = {
                f: self._values[f] if f in edited else as_shown(stored)[f] for f in FIELDS
            }
            self._baseline = {f: self._baseline[f] if f in edited else stored[f] for f in FIELDS}
        self.day, self.today, self._journal, self._advice = day, today, journal, advice
        self._suggested = suggested
        self.query_one(PsfsNudge).show_for(journal.psfs, today)
        self._show()
        self.refresh_bindings()
        if self._body is not None:
            self._load_streaks()

    @work(thread=True, exclusive=True, group="streaks")
    def _load_streaks(self) -> None:
        """Streaks read the whole journal once (the service keeps a memo for the next times)."""
        day = self.day
        if day is None:
            return
        try:
            streaks = self.service.streaks(day)
        except JOURNAL_ERRORS as error:
            self.app.call_from_thread(self.report_error, error)
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_streaks, day, streaks)

    def _show_streaks(self, day: date, streaks: Streaks) -> None:
        if day == self.day:  # else the day changed meanwhile, and its own load follows
            self._streaks = streaks
            self._show()

    def _show(self) -> None:
        """Everything from the state: the title, the summary, the status, and the second stage."""
        day, journal, advice = self.day, self._journal, self._advice
        if day is None or journal is None or advice is None or self.today is None:
            return  # nothing loaded (the journal could not be read)
        width = self.app.size.width - 2
        self.query_one("#tonight-summary", Static).update(plan_summary(journal, day, advice, width))
        self._show_title()
        if self._body is not None:
            self._body.show(
                day=day,
                today=self.today,
                journal=journal,
                advice=advice,
                settings=self.service.settings.advisor,
                streaks=self._streaks,
                values=self._values,
            )
        self._update_status()

    def _show_title(self) -> None:
        if self.day is None or self.today is None:
            return
        short = self._short_title = self.app.size.width < 100
        later = self.day < self.today
        hint = (
            ("  [ ]" if later else "  [")
            if short
            else ("   [ earlier" + ("  ] later" if later else ""))
        )
        self.query_one("#tonight-date", Static).update(
            day_title(self.day, self.today, short) + Content.styled(hint, "$foreground-muted")
        )

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "tonight-save":
            self.action_save()
        elif event.button.id == "start-episode":
            self.action_start_episode()
        elif event.button.id == "clear-red-flags":
            self.action_clear_red_flags()

    # -- actions ---------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next_day":
            return (
                None if self.day is None or self.today is None or self.day >= self.today else True
            )
        if action == "leave_text":
            return self.focused is not None and self.focused.id in ("tags", "notes")
        if action == "focus_checklist":
            return self._body is not None
        if action == "start_episode":
            return self._advice is not None and self._advice.episode is None
        return True
