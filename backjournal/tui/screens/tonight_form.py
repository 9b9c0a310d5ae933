"""Tonight's check-in form state: what changed, saving it, and the status line and banner.
A part of TonightScreen, kept apart to keep the screen's module readable."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from textual.content import Content
from textual.widgets import Static

from backjournal.domain.advisor import Advice
from backjournal.domain.models import Journal
from backjournal.service import JOURNAL_ERRORS, SaveConflict
from backjournal.tui.screens.tonight_conflicts import ConflictHandling
from backjournal.tui.widgets.checkin_values import FIELDS, as_shown
from backjournal.tui.widgets.tonight_text import held_banner, red_flag_banner

if TYPE_CHECKING:
    from backjournal.tui.widgets.checkin_form import CheckinForm
    from backjournal.tui.widgets.tonight_body import TonightBody

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


class CheckinState(ConflictHandling):
    """The part of TonightScreen that keeps the form's values and saves them."""

    day: date | None
    today: date | None
    _baseline: dict[str, Any]
    _suggested: dict[str, Any]
    _values: dict[str, Any]
    _saved_at: str | None
    _journal: Journal | None
    _advice: Advice | None
    _body: TonightBody | None

    _show: Callable[[], None]

    def changes(self) -> dict[str, Any]:
        """The fields the user changed since the entry was loaded or saved."""
        if self.day is None:
            return {}
        shown = as_shown(self._baseline)  # what the form shows of the stored day is no edit
        return {f: self._values[f] for f in FIELDS if self._values[f] != shown[f]}

    def has_unsaved_changes(self) -> bool:
        # A suggestion the user left as it was (last night's areas) is saved with the entry,
        # but alone it is nothing to save.
        suggested = self._suggested
        return any(
            f not in suggested or value != suggested[f] for f, value in self.changes().items()
        )

    def save_before_tick(self) -> None:
        """Ticking, or leaving the form for the checklist, saves what was typed (once pain is set)."""
        if self.has_unsaved_changes() and self._values["pain"] is not None:
            self.save_changes()

    def unsaved_summary(self) -> str:
        names = ", ".join(FIELD_NAMES[f] for f in self.changes())
        when = (
            "tonight's check-in"
            if self.day == self.today or self.day is None
            else f"the check-in for {self.day:%A} {self.day.day} {self.day:%B}"
        )
        return f"You changed {names} in {when}, and it is not saved yet."

    def discard_changes(self) -> None:
        self._values = as_shown(self._baseline)
        self._show()

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
            if self._body is not None:
                self._body.form.focus_pain()
            return False
        assert self.day is not None
        try:
            self.service.save_day(self.day, changes, base=self._baseline)
        except SaveConflict as conflict:
            self.resolve_conflict(conflict)  # nothing is written until the user chooses
            return False
        except JOURNAL_ERRORS as error:
            self.report_error(error)
            return False
        self._saved_at = self.service.clock().strftime("%H:%M")  # the one clock seam
        self.announce_change()
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
        flags = self._values["red_flags"]
        saved = "red_flags" not in self.changes()
        advice = self._advice
        banner = (
            red_flag_banner(flags, saved, self.day, self.today)
            if flags
            else held_banner(
                advice, self._journal, self.service.settings.advisor.red_flag_window_days
            )
            if advice is not None and self._journal is not None
            else None
        )
        can_clear = saved and advice is not None and advice.has("red_flag")
        if self._body is not None:
            self._body.show_status(label, variant, banner, can_clear)

    def on_checkin_form_edited(self, event: CheckinForm.Edited) -> None:
        self._values = event.form.values()  # what it shows now, not when the message was sent
        self._update_status()

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
        if self._body is not None:
            self._body.form.set_pain(value)  # as typed: the form posts Edited
        elif self.day is not None:
            self._values["pain"] = value  # shown in the form once it is there
            self._update_status()
