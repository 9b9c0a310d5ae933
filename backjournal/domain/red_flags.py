"""Red flags that hold the phase, and the clearances that release them.

Pure domain code. The rule (issue 10, item 2), with the default setting in brackets:

* A red flag logged on day F **holds** on day D when F is in the ``red_flag_window_days`` [7]
  days ending D (D-6..D) and no clearance is dated C with F <= C <= D.
* While any flag holds on D, the phase cannot move forward on D (steps back still apply),
  ``next`` is None and the advisor raises ``red_flag``.
* A clearance on C therefore releases every flag logged on or before C, from C on; the days
  before C keep their history (the flags held then, and still do when those days are asked).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from backjournal.domain.codec import CLEARANCE_NOTE_MAX
from backjournal.domain.errors import InputError
from backjournal.domain.models import Clearance, Entry, Journal, JournalMeta


def cleared_through(clearances: Sequence[Clearance], day: date) -> date | None:
    """The date of the latest clearance on or before `day` (None: there is none)."""
    found = None
    for clearance in clearances:
        if clearance.date <= day and (found is None or clearance.date > found):
            found = clearance.date
    return found


def holding_flags(
    get: Callable[[date], Entry | None],
    day: date,
    window_days: int,
    clearances: Sequence[Clearance],
) -> list[tuple[date, tuple[str, ...]]]:
    """The (date, flags) of the entries whose red flags hold on `day`, oldest first."""
    cleared = cleared_through(clearances, day)
    found = []
    for back in range(max(window_days, 1) - 1, -1, -1):
        when = day - timedelta(days=back)
        if cleared is not None and when <= cleared:
            continue
        entry = get(when)
        if entry is not None and entry.red_flags:
            found.append((when, entry.red_flags))
    return found


_Date = date  # FlaggedDay's field `date` hides the type inside the class body


@dataclass(frozen=True, slots=True)
class FlaggedDay:
    """A day with red flags logged, and the clearance (if any) that released them."""

    date: date
    flags: tuple[str, ...]
    cleared_on: _Date | None


def flagged_days(journal: Journal) -> list[FlaggedDay]:
    """Every day with red flags, oldest first, each with the first clearance on or after it."""
    dates = sorted(c.date for c in journal.clearances)
    out = []
    for day in sorted(journal.days):
        entry = journal.days[day].entry
        if entry is not None and entry.red_flags:
            cleared = next((c for c in dates if c >= day), None)
            out.append(FlaggedDay(day, entry.red_flags, cleared))
    return out


def check_note(note: str) -> str:
    """A clearance's note: one or more lines of printable text, at most CLEARANCE_NOTE_MAX."""
    if not isinstance(note, str):
        raise InputError("note", "must be text")
    text = note.strip()
    if len(text) > CLEARANCE_NOTE_MAX:
        raise InputError("note", f"is {len(text)} characters; the limit is {CLEARANCE_NOTE_MAX}")
    if any(not (c.isprintable() or c in "\n\t") for c in text):
        raise InputError("note", "contains control characters")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise InputError("note", "contains bytes that are not valid UTF-8 text") from None
    return text


def add_clearance(meta: JournalMeta, clearance: Clearance) -> JournalMeta:
    """Record a clearance; one per date, so a second on the same date replaces the first."""
    note = check_note(clearance.note)
    others = [c for c in meta.clearances if c.date != clearance.date]
    clearances = sorted([*others, replace(clearance, note=note)], key=lambda c: c.date)
    return replace(meta, clearances=clearances)
