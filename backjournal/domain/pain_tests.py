"""The two pain tests the phase walk reads: is pain rising on a day, has it settled by a day.

Pure domain code: every function takes the day it reasons about. With the default settings in
brackets (issue 2, section 4):

* **Rising** on a day with an entry: its pain is >= ``rising_pain`` [7], or
  ``pain - mean >= pain_jump`` [2] where ``mean`` is the average pain of the last (up to
  ``rising_lookback_entries`` [3]) entries dated in the ``rising_lookback_days`` [7] days
  before it (D-7..D-1). With no such entry only the >= 7 test applies. The comparison is exact
  (integer arithmetic, no float rounding): +2 is rising, +1.67 is not. A day without an entry
  is never rising.
* **Settled** on D: the last ``settled_entries`` [3] entries dated on or before D are all in
  the ``settled_window_days`` [5] days D-4..D, each has pain <= ``settled_max_pain`` [3], and
  none is ``pain_jump`` [2] or more above the entry before it. "The entry before it" is read
  within those 3 entries (2nd vs 1st, 3rd vs 2nd): the oldest of the three is not compared with
  an older entry. Equivalently: at least 3 entries fall in D-4..D and the latest 3 of them pass.
  Entries before the episode's start count, and D need not have an entry itself.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, timedelta
from itertools import pairwise

from backjournal.domain.models import Day, Entry, Journal
from backjournal.domain.settings import AdvisorSettings

# What the pain tests read entries from: the journal, or a mapping of dates to entries or days.
EntrySource = Journal | Mapping[date, Entry] | Mapping[date, Day]


def entry_getter(source: EntrySource) -> Callable[[date], Entry | None]:
    """A function giving the entry on a date (or None), whatever the source holds."""
    if isinstance(source, Journal):
        return source.entry_on

    def get(day: date) -> Entry | None:
        value = source.get(day)
        return value.entry if isinstance(value, Day) else value

    return get


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def last_n(values: list[int], n: int) -> list[int]:
    """The last n values (none when n <= 0; slicing with -0 would give them all)."""
    return values[max(0, len(values) - n) :] if n > 0 else []


def rising_reason(pain: int, previous: list[int], s: AdvisorSettings) -> str | None:
    """Why `pain` is rising against the previous entries' pains (oldest first), or None."""
    if pain >= s.rising_pain:
        return f"pain {pain}/10 ({s.rising_pain} or more)"
    count = len(previous)
    if count and pain * count - sum(previous) >= s.pain_jump * count:
        mean = sum(previous) / count
        entries = "entry" if count == 1 else f"{count} entries"
        return (
            f"pain {pain}/10, {_num(pain - mean)} above your recent average of {_num(mean)} "
            f"(from your {entries} in the {s.rising_lookback_days} days before)"
        )
    return None


def rising_detail(source: EntrySource, day: date, s: AdvisorSettings) -> str | None:
    """Why pain on `day` counts as rising, in plain words; None if it does not or there is no entry."""
    get = entry_getter(source)
    entry = get(day)
    if entry is None:
        return None
    previous = []
    for back in range(s.rising_lookback_days, 0, -1):  # oldest first
        before = get(day - timedelta(days=back))
        if before is not None:
            previous.append(before.pain)
    return rising_reason(entry.pain, last_n(previous, s.rising_lookback_entries), s)


def is_rising(source: EntrySource, day: date, s: AdvisorSettings) -> bool:
    """Whether the entry on `day` shows rising pain (False when the day has no entry)."""
    return rising_detail(source, day, s) is not None


def _settled_window(pains: list[tuple[date, int]], s: AdvisorSettings) -> tuple[bool, str]:
    """Judge the entries (date, pain), oldest first, that fall in the settled window."""
    need, window = s.settled_entries, s.settled_window_days
    if len(pains) < need:
        return False, (
            f"log pain nightly: {len(pains)} of {need} entries in the last {window} days"
        )
    last = pains[len(pains) - need :] if need > 0 else []
    problems = [
        f"pain {pain}/10 on {when.isoformat()} is above {s.settled_max_pain}"
        for when, pain in last
        if pain > s.settled_max_pain
    ]
    problems += [
        f"pain went up from {a}/10 to {b}/10 on {when.isoformat()}"
        for (_, a), (when, b) in pairwise(last)
        if b - a >= s.pain_jump
    ]
    return (not problems), "; ".join(problems)


def is_settled(source: EntrySource, day: date, s: AdvisorSettings) -> tuple[bool, str]:
    """Whether pain has settled on `day`, and if not, what is missing in plain words.

    Returns ``(True, "")`` or ``(False, "log pain nightly: 1 of 3 entries in the last 5 days")``
    and the like. `source` is the journal or a mapping of dates to entries (or days).
    """
    get = entry_getter(source)
    pains = []
    for back in range(s.settled_window_days - 1, -1, -1):  # D-4..D, oldest first
        when = day - timedelta(days=back)
        entry = get(when)
        if entry is not None:
            pains.append((when, entry.pain))
    return _settled_window(pains, s)


def settled_fast(recent: list[tuple[int, int]], today: int, s: AdvisorSettings) -> bool:
    """The settled test on the walk's buffer of (ordinal, pain), oldest first, all <= today."""
    need = s.settled_entries
    if need <= 0:
        return True
    if len(recent) < need or recent[-need][0] < today - (s.settled_window_days - 1):
        return False
    top, jump = s.settled_max_pain, s.pain_jump
    last = recent[-need:]
    if any(pain > top for _, pain in last):
        return False
    return not any(b[1] - a[1] >= jump for a, b in pairwise(last))
