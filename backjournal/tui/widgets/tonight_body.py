"""Tonight's second stage: the check-in form, the advisor panel, the checklist and the footer.

The Tonight screen's first frame holds only the date bar and the one-line summary (which already
says the phase and the day of the episode); these widgets are mounted right after it. Importing
them, registering their styles and laying them out costs more than everything else the first
frame needs, so this module is imported only then.
"""

from __future__ import annotations

from textual.containers import Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Footer, Label, Static

from backjournal.tui.widgets.checkin_form import CheckinForm
from backjournal.tui.widgets.checklist import Checklist
from backjournal.tui.widgets.phase_advisor import PhaseAdvisor


def save_button() -> Button:
    """The save button, at the right of the date bar."""
    return Button("Save", id="tonight-save", compact=True, variant="primary")


def body_widgets(wide: bool) -> list[Widget]:
    """What follows the summary line: the warning-sign banner, the two panes, the footer."""
    return [
        Static(id="red-flag-banner"),
        VerticalScroll(
            Vertical(
                Label("Check-in", classes="pane-title"),
                CheckinForm(id="checkin"),
                id="checkin-pane",
                classes="pane",
            ),
            Vertical(
                Label("Phase advisor", classes="pane-title"),
                PhaseAdvisor(id="advisor"),
                Label("Today's checklist", classes="pane-title", id="checklist-title"),
                Checklist(id="checklist"),
                id="plan-pane",
                classes="pane",
            ),
            id="tonight-body",
            classes="-wide" if wide else "",
        ),
        Footer(compact=True),
    ]
