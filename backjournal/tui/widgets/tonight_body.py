"""Tonight's second stage: the check-in form, the advisor panel, the checklist and the footer.

The Tonight screen's first frame holds only the date bar and the one-line summary (which already
says the phase and the day of the episode); these widgets are mounted right after it. Importing
them, registering their styles and laying them out costs more than everything else the first
frame needs, so this module is imported only then.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Button, Label, Static

from backjournal.domain.advisor import Advice
from backjournal.domain.models import Journal
from backjournal.domain.settings import AdvisorSettings
from backjournal.domain.streaks import Streaks
from backjournal.tui.widgets.checkin_form import FIELDS, CheckinForm
from backjournal.tui.widgets.checklist import Checklist
from backjournal.tui.widgets.phase_advisor import PhaseAdvisor
from backjournal.tui.widgets.screen_footer import ScreenFooter


class TonightBody:
    """The second stage's widgets, and how the screen's state is shown in them."""

    def __init__(self) -> None:
        self.save_button = Button("Save", id="tonight-save", compact=True, variant="primary")
        self.banner_text = Static(id="red-flag-text")
        self.clear_button = Button(
            "Seen a doctor: clear", id="clear-red-flags", compact=True, variant="error"
        )
        self.banner = Horizontal(self.banner_text, self.clear_button, id="red-flag-banner")
        self.form = CheckinForm(id="checkin")
        self.advisor = PhaseAdvisor(id="advisor")
        self.checklist_title = Label(
            "Today's checklist", classes="pane-title", id="checklist-title"
        )
        self.checklist = Checklist(id="checklist")

    def widgets(self) -> list[Widget]:
        """What follows the summary line: the warning-sign banner, the two panes, the footer."""
        return [
            self.banner,
            VerticalScroll(
                Vertical(
                    Label("Check-in", classes="pane-title"),
                    self.form,
                    id="checkin-pane",
                    classes="pane",
                ),
                Vertical(
                    Label("Phase advisor", classes="pane-title"),
                    self.advisor,
                    # In two columns only the checklist scrolls: the advisor stays in view.
                    VerticalScroll(self.checklist_title, self.checklist, id="checklist-scroll"),
                    id="plan-pane",
                    classes="pane",
                ),
                id="tonight-body",
            ),
            ScreenFooter(),
        ]

    def show(
        self,
        *,
        day: date,
        today: date,
        journal: Journal,
        advice: Advice,
        settings: AdvisorSettings,
        streaks: Streaks | None,
        values: dict[str, Any],
    ) -> None:
        """One day: the form's values, the advice, and the checklist with its title."""
        shown = self.form.values()
        changed = {f for f in FIELDS if shown[f] != values[f]}
        if changed:
            self.form.load(values, only=changed)
        self.advisor.show(advice, settings, today)
        self.checklist.show(journal, day, advice, settings, streaks)
        title = (
            "Today's checklist" if day == today else f"Checklist for {day:%a} {day.day} {day:%b}"
        )
        self.checklist_title.update(
            Content.assemble(
                title, ("   space ticks (on a routine: all of it)", "$foreground-muted")
            )
        )

    def show_status(
        self, label: str, variant: str, banner: Content | None, can_clear: bool = False
    ) -> None:
        """The save button's label and look, and the warning-sign banner (None hides it), with
        its button to record that a doctor has seen the user about the signs."""
        self.save_button.label = label
        self.save_button.variant = variant  # type: ignore[assignment]
        self.banner.display = banner is not None
        self.clear_button.display = can_clear
        if banner is not None:
            self.banner_text.update(banner)
