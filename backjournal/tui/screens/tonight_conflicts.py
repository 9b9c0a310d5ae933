"""Tonight's save when the day changed elsewhere meanwhile: each field both sides changed is asked about."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import work

from backjournal.domain.merge import both_notes
from backjournal.service import SaveConflict
from backjournal.tui.screens.base import JournalScreen
from backjournal.tui.widgets.checkin_values import as_shown

FIELD_LABELS = {
    "pain": "pain",
    "worst": "worst pain",
    "sleep": "sleep",
    "mood": "mood",
    "areas": "areas",
    "tags": "tags",
    "notes": "the note",
    "rest": "rest day",
    "red_flags": "warning signs",
}


class ConflictHandling(JournalScreen):
    """The part of TonightScreen that settles a save conflict, then saves again."""

    _values: dict[str, Any]
    _baseline: dict[str, Any]

    _show: Callable[[], None]

    @work(exclusive=True, group="conflict")
    async def resolve_conflict(self, conflict: SaveConflict) -> None:
        """One dialog per field; nothing is written until every one is answered (escape: nothing)."""
        from backjournal.tui.modals.conflict import ConflictModal, shown_value

        theirs = as_shown(conflict.theirs)
        kept: dict[str, Any] = {}
        for field in conflict.fields:
            mine = self._values[field]
            dialog = ConflictModal(
                FIELD_LABELS.get(field, field),
                shown_value(field, mine),
                shown_value(field, theirs[field]),
                can_keep_both=field == "notes",
            )
            choice = await self.app.push_screen_wait(dialog)
            if not choice:
                self.notify(
                    "Nothing was saved; your changes are still in the form.", title="Not saved"
                )
                return
            kept[field] = (
                theirs[field]
                if choice == "theirs"
                else both_notes(mine, theirs[field])
                if choice == "both"
                else mine
            )
        # The stored version is the one these choices were made against: it becomes the base.
        for field, value in kept.items():
            self._baseline[field] = conflict.theirs[field]
            self._values[field] = value
        self._show()
        self.save_changes()  # changed elsewhere once more meanwhile: asked again
