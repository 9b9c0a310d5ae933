"""Tonight: the check-in form, today's checklist and the phase advisor, for one journal day."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, Label, Static, TextArea

from backjournal.domain.advisor import Advice, earliest_for
from backjournal.domain.errors import AdvisorRefusal
from backjournal.domain.models import Journal
from backjournal.domain.vocab import phase_needed_for
from backjournal.tui.app import JOURNAL_ERRORS
from backjournal.tui.widgets.checkin_form import FIELDS, CheckinForm, entry_values
from backjournal.tui.widgets.checklist import Checklist
from backjournal.tui.widgets.phase_advisor import PhaseAdvisor
from backjournal.tui.widgets.score_bar import ScoreBar
from backjournal.tui.widgets.tonight_text import day_title, plan_summary, red_flag_banner

WIDE = 96  # columns from which the form and the plan sit side by side
FIELD_NAMES = {"pain": "pain", "worst": "worst pain", "sleep": "sleep", "mood": "mood", "areas": "areas",
               "tags": "tags", "notes": "notes", "rest": "rest day", "red_flags": "warning signs"}
# Tick warnings worth a notice; day-level ones are already in the advisor panel.
TICK_NOTICES = ("strengthening_overdone", "stretch_first")


class TonightScreen(Screen[None]):
    """The nightly screen. Saving is explicit; ticks save at once."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Not a priority binding: a digit typed just before ctrl+s must land first.
        Binding("ctrl+s", "save", "Save", tooltip="Save the check-in (ticks save at once)"),
        Binding("left_square_bracket", "previous_day", "Earlier day", key_display="[", show=False,
                tooltip="Go to the day before, to fill in a missed night"),
        Binding("right_square_bracket", "next_day", "Later day", key_display="]", show=False,
                tooltip="Go to the day after (never past today)"),
        Binding("c", "focus_checklist", "Checklist", show=False, tooltip="Jump to the day's checklist"),
        Binding("n", "start_episode", "Start episode", show=False,
                tooltip="Start an episode (a flare-up) on this day, when none is open"),
        Binding("escape", "leave_text", "Leave the field", show=False,
                tooltip="Leave the tags or notes field (then letters switch screens again)"),
        Binding("f5", "reload", "Reload", show=False,
                tooltip="Reload the journal, to see changes written elsewhere"),
        *(Binding(str(n), f"set_pain({n})", show=False) for n in range(10)),
    ]
    # Keys handled by the widgets on this screen, for the Help screen.
    HELP_KEYS: ClassVar[list[tuple[str, str]]] = [
        ("0-9", "Set the pain (or the score that has the focus)"),
        ("← →  - +", "Change the focused score by one; pain 10 is one step right of 9"),
        ("backspace", "Clear an optional score (worst, sleep, mood)"),
        ("space enter", "Tick or untick the highlighted exercise; unfold a routine"),
        ("tab shift+tab", "Move between the fields"),
    ]

    def __init__(self) -> None:
        super().__init__(id="tonight")
        self.day: date | None = None
        self.today: date | None = None
        self._baseline: dict[str, Any] = entry_values(None)
        self._shown_day: date | None = None
        self._saved_at: str | None = None
        self._journal: Journal | None = None  # the recent days only (see refresh_data)
        self._advice: Advice | None = None
        self._streaks_loaded = False

    def compose(self) -> ComposeResult:
        # The layout classes on_resize would set, set now: adding them after mounting restyles the
        # whole screen once more before the first frame.
        wide = self.app.size.width >= WIDE
        self.set_class(wide, "-wide")
        with Horizontal(id="tonight-top"):
            yield Static(id="tonight-date")
            yield Static(id="tonight-status")
            yield Button("Save", id="tonight-save", compact=True, variant="primary")
        yield Static(id="tonight-summary")
        yield Static(id="red-flag-banner")
        with VerticalScroll(id="tonight-body", classes="-wide" if wide else ""):
            with Vertical(id="checkin-pane", classes="pane"):
                yield Label("Check-in", classes="pane-title")
                yield CheckinForm(id="checkin")
            with Vertical(id="plan-pane", classes="pane"):
                yield Label("Phase advisor", classes="pane-title")
                yield PhaseAdvisor(id="advisor")
                yield Label("Today's checklist", classes="pane-title", id="checklist-title")
                yield Checklist(id="checklist")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#pain", ScoreBar).focus()

    def on_screen_resume(self) -> None:
        # After the first frame, so start-up shows something at once.
        self.call_after_refresh(self.refresh_data)

    def on_resize(self, event: events.Resize) -> None:
        wide = event.size.width >= WIDE
        self.set_class(wide, "-wide")
        self.query_one("#tonight-body").set_class(wide, "-wide")
        pane = min(event.size.width, 52) if wide else event.size.width
        self.query_one("#areas").styles.grid_size_columns = 4 if pane >= 76 else 3 if pane >= 60 else 2
        self._show_title()
        self.query_one(Footer).show_command_palette = event.size.width >= 100

    # -- loading -----------------------------------------------------------------------
    def refresh_data(self) -> None:
        """Reload the journal; edits the user has not saved stay in the form."""
        app = self.app
        service = app.service
        try:
            today = service.today()
            # Left open past the day boundary on "today", the screen moves on to the new night.
            following = self.day is None or (self.day == self.today and not self.has_unsaved_changes())
            day = today if following else min(self.day, today)
            # Only the days the advisor reads (the open episode and short windows): on a ten-year
            # journal the phase shows as fast as on a new one. Streaks need the whole history, so on
            # the first load they follow one frame later; after that the service's memo is warm.
            journal = service.recent_journal(day)
            advice = service.advise(day, journal=journal)
            streaks = service.streaks(day) if self._streaks_loaded else None
        except JOURNAL_ERRORS as error:
            app.report_error(error)
            return
        self.day, self.today, self._journal, self._advice = day, today, journal, advice
        stored = entry_values(journal.entry_on(day))
        form = self.query_one(CheckinForm)
        if self._shown_day != day:
            form.load(stored)
            self._shown_day = day
            self._saved_at = None
        else:
            current = form.values()
            untouched = {f for f in FIELDS if current[f] == self._baseline[f]}
            form.load(stored, only=untouched)
        self._baseline = stored
        self._show_title()
        self.query_one(PhaseAdvisor).show(advice, service.settings.advisor, today)
        self.query_one(Checklist).show(journal, day, advice, service.settings.advisor, streaks)
        self.query_one("#tonight-summary", Static).update(plan_summary(journal, day, advice))
        self._update_status()
        self.refresh_bindings()
        if streaks is None:
            later = getattr(self.app, "after_first_frame", None) or self.call_after_refresh
            later(lambda: self._load_streaks(day, journal, advice))

    def _load_streaks(self, day: date, journal: Journal, advice: Advice) -> None:
        """The first streaks, once the phase is on screen (they read the whole journal once)."""
        if self.day != day or self._advice is not advice:
            return  # a newer refresh took over (and computed its own)
        service = self.app.service
        try:
            streaks = service.streaks(day)
        except JOURNAL_ERRORS as error:
            self.app.report_error(error)
            return
        self._streaks_loaded = True
        self.query_one(Checklist).show(journal, day, advice, service.settings.advisor, streaks)

    def _show_title(self) -> None:
        if self.day is None or self.today is None:
            return
        short = self.size.width < 100
        later = self.day < self.today
        hint = ("  [ ]" if later else "  [") if short else ("   [ earlier" + ("  ] later" if later else ""))
        self.query_one("#tonight-date", Static).update(
            day_title(self.day, self.today, short) + Content.styled(hint, "$foreground-muted"))
        checklist = "Today's checklist" if self.day == self.today else f"Checklist for {self.day:%a} {self.day.day} {self.day:%b}"
        self.query_one("#checklist-title", Label).update(
            Content.assemble(checklist, ("   space ticks and unticks", "$foreground-muted")))

    # -- the form's state --------------------------------------------------------------
    def changes(self) -> dict[str, Any]:
        """The fields the user changed since the entry was loaded or saved."""
        if self._shown_day is None:
            return {}
        current = self.query_one(CheckinForm).values()
        return {f: current[f] for f in FIELDS if current[f] != self._baseline[f]}

    def has_unsaved_changes(self) -> bool:
        return bool(self.changes())

    def unsaved_summary(self) -> str:
        names = ", ".join(FIELD_NAMES[f] for f in self.changes())
        when = "tonight's check-in" if self.day == self.today else f"the check-in for {self.day:%A} {self.day.day} {self.day:%B}"
        return f"You changed {names} in {when}, and it is not saved yet."

    def discard_changes(self) -> None:
        self.query_one(CheckinForm).load(self._baseline)
        self._update_status()

    def save_changes(self) -> bool:
        """Write the changed fields; True when the journal now holds what the form shows."""
        changes = self.changes()
        if not changes:
            return True
        if self._baseline["pain"] is None and changes.get("pain") is None:
            self.notify("Set the pain first (press 0-9): a new day needs at least that.", title="Pain", severity="warning")
            self.query_one("#pain", ScoreBar).focus()
            return False
        assert self.day is not None
        try:
            self.app.service.log(self.day, changes)
        except JOURNAL_ERRORS as error:
            self.app.report_error(error)
            return False
        self._saved_at = datetime.now().strftime("%H:%M")
        self.app.journal_changed()
        self.notify(f"Saved the check-in for {self.day:%A} {self.day.day} {self.day:%B}.", title="Saved", timeout=3)
        return True

    def _update_status(self) -> None:
        dirty = self.has_unsaved_changes()
        values = self.query_one(CheckinForm).values()
        stored = self._baseline["pain"] is not None
        status = self.query_one("#tonight-status", Static)
        button = self.query_one("#tonight-save", Button)
        if dirty:
            status.update(Content.styled("Not saved yet", "bold $warning"))
            button.label, button.variant = "Save ^s", "primary"
        elif stored:
            status.update(Content.styled(f"Saved at {self._saved_at}", "$success") if self._saved_at else "")
            button.label, button.variant = "Saved ✓", "success"
        else:
            status.update(Content.styled("Not logged yet", "$foreground-muted"))
            button.label, button.variant = "Save ^s", "default"
        banner = self.query_one("#red-flag-banner", Static)
        banner.display = bool(values["red_flags"])
        if values["red_flags"]:
            banner.update(red_flag_banner(values["red_flags"], saved=values["red_flags"] == self._baseline["red_flags"]))

    @on(CheckinForm.Edited)
    def _form_edited(self) -> None:
        self._update_status()

    # -- actions ---------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next_day":
            return None if self.day is None or self.today is None or self.day >= self.today else True
        if action == "leave_text":
            return isinstance(self.focused, (Input, TextArea))
        if action == "start_episode":
            return self._advice is not None and self._advice.episode is None
        return True

    @on(Button.Pressed, "#tonight-save")
    def action_save(self) -> None:
        if not self.has_unsaved_changes():
            self.notify("Nothing new to save." if self._baseline["pain"] is not None
                        else "Set the pain first (press 0-9).", title="Save")
            return
        if self.save_changes():
            self._update_status()

    def action_set_pain(self, value: int) -> None:
        self.query_one(CheckinForm).set_pain(value)

    def action_previous_day(self) -> None:
        if self.day is not None:
            self._go_to(self.day - timedelta(days=1))

    def action_next_day(self) -> None:
        if self.day is not None and self.today is not None and self.day < self.today:
            self._go_to(self.day + timedelta(days=1))

    def _go_to(self, day: date) -> None:
        def go() -> None:
            self.day = day
            self.refresh_data()

        self.app.confirm_leave(go)

    def action_leave_text(self) -> None:
        self.focus_next()

    def action_focus_checklist(self) -> None:
        checklist = self.query_one(Checklist)
        checklist.focus()
        checklist.scroll_visible()

    def action_reload(self) -> None:
        self.refresh_data()
        self.notify("Reloaded the journal.", timeout=2)

    @on(Button.Pressed, "#start-episode")
    def action_start_episode(self) -> None:
        from backjournal.tui.modals.confirm import ConfirmModal

        if self.day is None or (self._advice is not None and self._advice.episode is not None):
            return
        day = self.day
        body = (f"An episode marks a flare-up, starting {day:%A} {day.day} {day:%B}. The advisor begins with "
                "gentle mobility, and opens stretching and then strengthening as your pain settles. "
                "You can end it on the Episodes screen (e).")

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                self.app.service.start_episode(day)
            except JOURNAL_ERRORS as error:
                self.app.report_error(error)
                return
            self.notify("Episode started. Gentle mobility for now.", title="Episode")
            self.app.journal_changed()

        self.app.push_screen(ConfirmModal("Start an episode?", body, "Start episode", "Not now",
                                          default_confirm=True), answered)

    # -- ticks -------------------------------------------------------------------------
    @on(Checklist.Toggled)
    def _toggle_tick(self, event: Checklist.Toggled) -> None:
        service = self.app.service
        assert self.day is not None
        try:
            if event.ticked:
                service.untick(self.day, event.exercise_id)
                self.app.journal_changed()
                return
            outcome = service.tick(self.day, event.exercise_id)
        except AdvisorRefusal as refusal:
            self._ask_too_soon(event.exercise_id, str(refusal))
            return
        except JOURNAL_ERRORS as error:
            self.app.report_error(error)
            return
        self._after_tick(outcome.advice)

    def _after_tick(self, advice: Advice) -> None:
        self.app.journal_changed()
        for warning in advice.warnings:
            if warning.code in TICK_NOTICES:
                self.notify(warning.message, title="A note on that exercise", severity="warning", timeout=10)

    def _ask_too_soon(self, exercise_id: str, reason: str) -> None:
        from backjournal.tui.modals.too_soon import TooSoonModal

        day, journal, advice = self.day, self._journal, self._advice
        assert day is not None and journal is not None and advice is not None
        exercise = journal.exercises[exercise_id]
        needed = phase_needed_for(exercise.kind)
        when = None
        if advice.episode is not None and advice.phase_start is not None and needed and not advice.has("red_flag"):
            when = earliest_for(advice.episode, advice.phase, advice.phase_start, day, needed,
                                self.app.service.settings.advisor)

        def answered(anyway: bool | None) -> None:
            if not anyway:
                return
            try:
                outcome = self.app.service.tick(day, exercise_id, anyway=True)
            except JOURNAL_ERRORS as error:
                self.app.report_error(error)
                return
            self.notify(f"Recorded {exercise.name}, noted as done before its phase.", title="Ticked early")
            self._after_tick(outcome.advice)

        self.app.push_screen(TooSoonModal(exercise, reason, when), answered)
