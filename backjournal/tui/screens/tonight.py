"""Tonight: the check-in form, today's checklist and the phase advisor, for one journal day.

It starts in two stages, so that the phase is on screen at once: the first frame holds the date
bar and the one-line summary (phase, day of the episode, checklist count); the form, the advisor
panel, the checklist and the footer (widgets/tonight_body.py) are mounted right after it. A digit
typed before the form is there is kept and shown in it; the other keys wait for it or do nothing.
"""

from __future__ import annotations

import asyncio
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from backjournal.domain.advisor import Advice
from backjournal.domain.models import Journal
from backjournal.tui.app import JOURNAL_ERRORS
from backjournal.tui.screens.tonight_ticks import TickHandling
from backjournal.tui.widgets.checkin_values import FIELDS, entry_values
from backjournal.tui.widgets.tonight_text import day_title, plan_summary, red_flag_banner

if TYPE_CHECKING:
    from textual.widgets import Button, Footer, Label

    from backjournal.domain.streaks import Streaks
    from backjournal.tui.widgets.checkin_form import CheckinForm
    from backjournal.tui.widgets.checklist import Checklist
    from backjournal.tui.widgets.phase_advisor import PhaseAdvisor

WIDE = 96  # columns from which the form and the plan sit side by side
FIELD_NAMES = {
    "pain": "pain",
    "worst": "worst pain",
    "sleep": "sleep",
    "mood": "mood",
    "areas": "areas",
    "tags": "tags",
    "notes": "notes",
    "rest": "rest day",
    "red_flags": "warning signs",
}


class TonightScreen(TickHandling, Screen[None]):
    """The nightly screen. Saving is explicit; ticks save at once."""

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
        self._streaks: Streaks | None = None
        self._body_ready = False  # the second stage (form, advisor, checklist) is mounted
        self._pending_pain: int | None = None  # a digit typed before the form was there
        self._resumed = False
        self._short_title: bool | None = None

    def compose(self) -> ComposeResult:
        # The layout class on_resize would set, set now: adding it after mounting restyles the
        # screen once more before the first frame.
        self.set_class(self.app.size.width >= WIDE, "-wide")
        with Horizontal(id="tonight-top"):
            yield Static(id="tonight-date")
            yield Static(id="tonight-status")
        yield Static(id="tonight-summary")

    def on_mount(self) -> None:
        # The recent days are enough for the phase: it is in the first frame. The rest follows it
        # (after the first frame is written: during start-up Textual runs "after refresh"
        # callbacks before anything is on screen).
        later = getattr(self.app, "after_first_frame", None) or self.call_after_refresh
        later(self._mount_body)
        self.refresh_data()

    async def _mount_body(self) -> None:
        from backjournal.tui.widgets.tonight_body import body_widgets, save_button

        # The screen handles no message until both are mounted: no frame shows half of it.
        button = self.query_one("#tonight-top").mount(save_button())
        body = self.mount_all(body_widgets(self.has_class("-wide")), after="#tonight-summary")
        await button
        await body
        self._body_ready = True
        self.query_one("#tonight-summary").add_class("-beside-plan")
        self._fit(self.app.size.width)
        self._show_title()
        self._show_body()
        if self._pending_pain is not None:
            self._form.set_pain(self._pending_pain)
            self._pending_pain = None
        self._update_status()
        self.query_one("#pain").focus()
        if self._streaks is None and self.day is not None and self._advice is not None:
            # The first streaks read all of the journal: once the whole screen is drawn, footer
            # included (the footer fills in its keys one refresh after it is mounted).
            self.call_after_refresh(
                self.call_after_refresh, self._load_streaks, self.day, self._advice
            )

    async def on_screen_resume(self) -> None:
        if self._resumed:
            self.call_after_refresh(
                self.refresh_data
            )  # (not at start: on_mount has just loaded it)
            return
        self._resumed = True
        # At start-up this comes while Textual still holds back every frame (until the app is
        # mounted): drawn now, the screen would be drawn for nothing and again one tick (1/60 s)
        # later. Let the app finish starting first; Textual then draws it once, at once.
        for _ in range(100):
            if getattr(self.app, "mounted", True):
                break
            await asyncio.sleep(0)

    def on_resize(self, event: events.Resize) -> None:
        self._fit(event.size.width)

    def _fit(self, width: int) -> None:
        wide = width >= WIDE
        self.set_class(wide, "-wide")
        if (width < 100) != self._short_title:
            self._show_title()  # (only then: each update lays the screen out again)
        if not self._body_ready:
            return
        footer: Footer = self.query_one("Footer")  # type: ignore[assignment]
        footer.show_command_palette = width >= 100
        self.query_one("#tonight-body").set_class(wide, "-wide")
        pane = min(width, 52) if wide else width
        self.query_one("#areas").styles.grid_size_columns = (
            4 if pane >= 76 else 3 if pane >= 60 else 2
        )

    # The second stage's widgets (only once _body_ready).
    @property
    def _form(self) -> CheckinForm:
        return self.query_one("#checkin")  # type: ignore[return-value]

    @property
    def _checklist(self) -> Checklist:
        return self.query_one("#checklist")  # type: ignore[return-value]

    # -- loading -----------------------------------------------------------------------
    def refresh_data(self) -> None:
        """Reload the journal; edits the user has not saved stay in the form."""
        app = self.app
        service = app.service
        try:
            today = service.today()
            # Left open past the day boundary on "today", the screen moves on to the new night.
            following = self.day is None or (
                self.day == self.today and not self.has_unsaved_changes()
            )
            day = today if following else min(self.day, today)
            # Only the days the advisor reads (the open episode and short windows): on a ten-year
            # journal the phase shows as fast as on a new one. Streaks need the whole history, so on
            # the first load they follow one frame later; after that the service's memo is warm.
            journal = service.recent_journal(day)
            advice = service.advise(day, journal=journal)
            streaks = service.streaks(day) if self._streaks is not None else None
        except JOURNAL_ERRORS as error:
            app.report_error(error)
            return
        if day != self.day:
            self._pending_pain = None  # typed for the day that was shown
        self.day, self.today, self._journal, self._advice = day, today, journal, advice
        self._streaks = streaks or self._streaks
        stored = entry_values(journal.entry_on(day))
        if self._body_ready:
            form = self._form
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
        self._show_body()
        self._update_status()
        self.refresh_bindings()
        if streaks is None and self._body_ready:  # else the second stage asks for them
            self.call_after_refresh(self._load_streaks, day, advice)

    def _load_streaks(self, day: date, advice: Advice) -> None:
        """The first streaks, once the phase is on screen (they read the whole journal once)."""
        if self.day != day or self._advice is not advice:
            return  # a newer refresh took over (and computed its own)
        try:
            self._streaks = self.app.service.streaks(day)
        except JOURNAL_ERRORS as error:
            self.app.report_error(error)
            return
        self._show_body()

    def _show_body(self) -> None:
        """The summary line, and the advisor and checklist once they are mounted."""
        day, journal, advice = self.day, self._journal, self._advice
        if day is None or journal is None or advice is None:
            return
        width = self.app.size.width - 2
        self.query_one("#tonight-summary", Static).update(plan_summary(journal, day, advice, width))
        if not self._body_ready:
            return
        if self._shown_day != day:  # the journal was loaded before the form was there
            self._form.load(self._baseline)
            self._shown_day = day
        settings = self.app.service.settings.advisor
        advisor: PhaseAdvisor = self.query_one("#advisor")  # type: ignore[assignment]
        advisor.show(advice, settings, self.today)
        self._checklist.show(journal, day, advice, settings, self._streaks)

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
        if not self._body_ready:
            return
        checklist = (
            "Today's checklist"
            if self.day == self.today
            else f"Checklist for {self.day:%a} {self.day.day} {self.day:%b}"
        )
        title: Label = self.query_one("#checklist-title")  # type: ignore[assignment]
        title.update(
            Content.assemble(checklist, ("   space ticks and unticks", "$foreground-muted"))
        )

    # -- the form's state --------------------------------------------------------------
    def changes(self) -> dict[str, Any]:
        """The fields the user changed since the entry was loaded or saved."""
        if not self._body_ready:
            pain = self._pending_pain
            return (
                {"pain": pain}
                if self.day is not None and pain not in (None, self._baseline["pain"])
                else {}
            )
        if self._shown_day is None:
            return {}
        current = self._form.values()
        return {f: current[f] for f in FIELDS if current[f] != self._baseline[f]}

    def has_unsaved_changes(self) -> bool:
        return bool(self.changes())

    def unsaved_summary(self) -> str:
        names = ", ".join(FIELD_NAMES[f] for f in self.changes())
        when = (
            "tonight's check-in"
            if self.day == self.today
            else f"the check-in for {self.day:%A} {self.day.day} {self.day:%B}"
        )
        return f"You changed {names} in {when}, and it is not saved yet."

    def discard_changes(self) -> None:
        self._pending_pain = None
        if self._body_ready:
            self._form.load(self._baseline)
        self._update_status()

    def save_changes(self) -> bool:
        """Write the changed fields; True when the journal now holds what the form shows."""
        changes = self.changes()
        if not changes:
            return True
        if self._baseline["pain"] is None and changes.get("pain") is None:
            self.notify(
                "Set the pain first (press 0-9): a new day needs at least that.",
                title="Pain",
                severity="warning",
            )
            if self._body_ready:
                self.query_one("#pain").focus()
            return False
        assert self.day is not None
        try:
            self.app.service.log(self.day, changes)
        except JOURNAL_ERRORS as error:
            self.app.report_error(error)
            return False
        self._saved_at = self.app.service.clock().strftime("%H:%M")  # the one clock seam
        self.app.journal_changed()
        self.notify(
            f"Saved the check-in for {self.day:%A} {self.day.day} {self.day:%B}.",
            title="Saved",
            timeout=3,
        )
        return True

    def _update_status(self) -> None:
        if self.day is None:
            return  # nothing loaded (the journal could not be read)
        dirty = self.has_unsaved_changes()
        stored = self._baseline["pain"] is not None
        status = self.query_one("#tonight-status", Static)
        if dirty:
            status.update(Content.styled("Not saved yet", "bold $warning"))
            label, variant = "Save ^s", "primary"
        elif stored:
            status.update(
                Content.styled(f"Saved at {self._saved_at}", "$success") if self._saved_at else ""
            )
            label, variant = "Saved ✓", "success"
        else:
            status.update(Content.styled("Not logged yet", "$foreground-muted"))
            label, variant = "Save ^s", "default"
        if not self._body_ready:
            return
        button: Button = self.query_one("#tonight-save")  # type: ignore[assignment]
        button.label, button.variant = label, variant
        values = self._form.values()
        banner = self.query_one("#red-flag-banner", Static)
        banner.display = bool(values["red_flags"])
        if values["red_flags"]:
            banner.update(
                red_flag_banner(
                    values["red_flags"], saved=values["red_flags"] == self._baseline["red_flags"]
                )
            )

    def on_checkin_form_edited(self) -> None:
        self._update_status()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "tonight-save":
            self.action_save()
        elif event.button.id == "start-episode":
            self.action_start_episode()

    # -- actions ---------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next_day":
            return (
                None if self.day is None or self.today is None or self.day >= self.today else True
            )
        if action == "leave_text":
            return self.focused is not None and self.focused.id in ("tags", "notes")
        if action == "focus_checklist":
            return self._body_ready
        if action == "start_episode":
            return self._advice is not None and self._advice.episode is None
        return True

    def action_save(self) -> None:
        if not self.has_unsaved_changes():
            self.notify(
                "Nothing new to save."
                if self._baseline["pain"] is not None
                else "Set the pain first (press 0-9).",
                title="Save",
            )
            return
        if self.save_changes():
            self._update_status()

    def action_set_pain(self, value: int) -> None:
        if self._body_ready:
            self._form.set_pain(value)
        elif self.day is not None:
            self._pending_pain = value  # shown in the form once it is there
            self._update_status()

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
        checklist = self._checklist
        checklist.focus()
        checklist.scroll_visible()

    def action_reload(self) -> None:
        self.refresh_data()
        self.notify("Reloaded the journal.", timeout=2)

    def action_start_episode(self) -> None:
        from backjournal.tui.modals.confirm import ConfirmModal

        if self.day is None or (self._advice is not None and self._advice.episode is not None):
            return
        day = self.day
        body = (
            f"An episode marks a flare-up, starting {day:%A} {day.day} {day:%B}. The advisor begins with "
            "gentle mobility, and opens stretching and then strengthening as your pain settles. "
            "You can end it on the Episodes screen (e)."
        )

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

        self.app.push_screen(
            ConfirmModal(
                "Start an episode?", body, "Start episode", "Not now", default_confirm=True
            ),
            answered,
        )
