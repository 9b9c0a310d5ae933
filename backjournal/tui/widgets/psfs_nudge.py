"""Tonight's one-line reminder that the weekly function score (PSFS) is due."""

from __future__ import annotations

from datetime import date

from textual.content import Content
from textual.widgets import Static

from backjournal.domain import psfs as psfs_rules
from backjournal.domain.models import Psfs

RATE_KEY = "a"  # Tonight's key for the rating dialog


def nudge_text(psfs: Psfs, today: date) -> Content | None:
    """The reminder, or None when no rating is due today."""
    if not psfs_rules.is_due(psfs, today):
        return None
    last = psfs_rules.last_rating(psfs, today)
    since = "not rated yet" if last is None else f"last rated {last.date.day} {last.date:%b}"
    return Content.assemble(
        ("Weekly function score due", "bold $accent"),
        (f" ({since}): press ", "$foreground"),
        (RATE_KEY, "bold $accent"),
        (", under 30 seconds.", "$foreground"),
    )


class PsfsNudge(Static):
    """Hidden unless a rating is due."""

    DEFAULT_CSS = """
    PsfsNudge {
        height: 1;
        padding: 0 1;
        background: $accent 15%;
        display: none;
        &.-due {
            display: block;
        }
    }
    """

    def show_for(self, psfs: Psfs, today: date) -> None:
        text = nudge_text(psfs, today)
        self.set_class(text is not None, "-due")
        self.update(text or "")
