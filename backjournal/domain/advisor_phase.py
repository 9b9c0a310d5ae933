"""The phase walk: the day-by-day phase of an episode, and the time rules for the next phase.

Pure domain code: every function takes the day it reasons about; nothing reads a clock.

Exact readings of the contract (issue 2, section 4), with the default settings in brackets:

* **Episode days.** Day 1 is the episode's start date, so "day N" is ``start + (N - 1)`` days:
  day 11 is ``start + 10`` days, day 21 is ``start + 20`` days. Day 1 is always mobility: no
  step back and no advance is possible on it.
* **Rising** and **settled**: the pain tests, read exactly in `backjournal.domain.pain_tests`.
* **Walk.** Each day from day 2 to D, in order: if the day has a rising entry, the phase steps
  back one (strengthening -> stretching -> mobility) and that phase starts afresh on that day;
  in mobility a rising day changes nothing. Otherwise mobility advances to stretching when the
  day is >= day 11 and pain is settled; stretching advances to strengthening when the day is
  >= day 21, is at least ``min_stretching_days`` [10] days after stretching (last) began (on or
  after ``stretching start + 10`` days) and pain is settled. At most one change per day.
  **Red flags hold the phase**: on a day where a red flag holds (logged in D-6..D and not
  released by a clearance, see `backjournal.domain.red_flags`) nothing advances; a rising day
  still steps back.
* **Time rules** (used for ``next`` and ``too_soon``): stretching may begin on day 11;
  strengthening on ``max(day 21, stretching start + 10 days)``.
"""

from __future__ import annotations

import operator
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from threading import Lock
from typing import Any

from backjournal.domain.models import Clearance, Entry, Episode, Journal
from backjournal.domain.pain_tests import last_n, rising_reason, settled_fast
from backjournal.domain.settings import AdvisorSettings
from backjournal.domain.vocab import (
    MAINTENANCE,
    MOBILITY,
    RECOVERY_PHASES,
    STRENGTHENING,
    STRETCHING,
)

START, ADVANCED, STEPPED_BACK = "start", "advanced", "stepped back"

ONE_DAY = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class PhaseChange:
    """The phase an episode entered on a day, and why ("start", "advanced", "stepped back")."""

    day: date
    phase: str
    reason: str
    detail: str = field(default="", compare=False)  # plain words: "day 11, pain settled"

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.day.isoformat(),
            "phase": self.phase,
            "reason": self.reason,
            "detail": self.detail,
        }


def episode_day(episode: Episode, day: date) -> int:
    """The day number of `day` in the episode: the start date is day 1."""
    return (day - episode.start).days + 1


def date_of_day(episode: Episode, number: int) -> date:
    """The date of episode day `number` (day 1 is the start date)."""
    return episode.start + timedelta(days=number - 1)


# ---------------------------------------------------------------------------- time rules


def stretching_time_earliest(episode: Episode, s: AdvisorSettings) -> date:
    """The first date the time rules allow stretching: day 11."""
    return date_of_day(episode, s.stretching_from_day)


def strengthening_time_earliest(
    episode: Episode, stretching_start: date, s: AdvisorSettings
) -> date:
    """The first date the time rules allow strengthening: max(day 21, stretching start + 10 days)."""
    return max(
        date_of_day(episode, s.strengthening_from_day),
        stretching_start + timedelta(days=s.min_stretching_days),
    )


def next_phase(
    episode: Episode, phase: str, phase_start: date, day: date, s: AdvisorSettings
) -> tuple[str, date] | None:
    """The next phase and its earliest date by the time rules alone, never before day + 1.

    Mobility: stretching on max(D+1, day 11). Stretching: strengthening on
    max(D+1, day 21, stretching start + 10 days). Otherwise None.
    """
    tomorrow = day + ONE_DAY
    if phase == MOBILITY:
        return STRETCHING, max(tomorrow, stretching_time_earliest(episode, s))
    if phase == STRETCHING:
        return STRENGTHENING, max(tomorrow, strengthening_time_earliest(episode, phase_start, s))
    return None


def earliest_for(
    episode: Episode, phase: str, phase_start: date, day: date, needed: str, s: AdvisorSettings
) -> date | None:
    """The earliest date (after `day`) the time rules could reach phase `needed` from `phase`.

    One phase ahead it is the same date as `next`. Two ahead (mobility to strengthening) it
    assumes stretching begins on its own earliest date E and gives max(day 21, E + 10 days).
    None when `needed` is not ahead of `phase`.
    """
    if phase not in RECOVERY_PHASES or needed not in RECOVERY_PHASES:
        return None
    here, there = RECOVERY_PHASES.index(phase), RECOVERY_PHASES.index(needed)
    if there <= here:
        return None
    step = next_phase(episode, phase, phase_start, day, s)
    assert step is not None
    if there == here + 1:
        return step[1]
    return strengthening_time_earliest(episode, step[1], s)


# ---------------------------------------------------------------------------- the walk


def _look_back(s: AdvisorSettings) -> int:
    """How many days before an episode's start its walk reads."""
    return max(s.rising_lookback_days, s.settled_window_days - 1, s.red_flag_window_days - 1, 0)


def _walk(
    get: Callable[[date], Entry | None],
    episode: Episode,
    until: date,
    s: AdvisorSettings,
    clearances: tuple[Clearance, ...] = (),
) -> list[PhaseChange]:
    last = until if episode.end is None else min(until, episode.end - ONE_DAY)
    start = episode.start
    if last < start:
        return []
    history = [
        PhaseChange(start, MOBILITY, START, "day 1 of the episode: gentle range of motion only")
    ]
    look = _look_back(s)
    lookback_days, lookback_entries = s.rising_lookback_days, s.rising_lookback_entries
    rising_pain, jump = s.rising_pain, s.pain_jump
    flag_window = max(s.red_flag_window_days, 1)
    first = start.toordinal()
    recent: list[tuple[int, int]] = []  # (ordinal, pain) of the entries in the last `look` days
    flagged = -1  # the ordinal of the latest entry with red flags read so far
    for ordinal in range(first - look, first):
        entry = get(date.fromordinal(ordinal))
        if entry is not None:
            if entry.red_flags:
                flagged = ordinal
            recent.append((ordinal, entry.pain))
    clear_dates = sorted(c.date.toordinal() for c in clearances)
    cleared = -1  # the ordinal of the latest clearance on or before the day walked
    stretch_from = first + s.stretching_from_day - 1
    strength_from = first + s.strengthening_from_day - 1
    level = 0  # index in RECOVERY_PHASES
    level_start = first
    day = start
    for ordinal in range(first, last.toordinal() + 1):
        entry = get(day)
        rising = False
        while clear_dates and clear_dates[0] <= ordinal:
            cleared = clear_dates.pop(0)
        if entry is not None:
            if entry.red_flags:
                flagged = ordinal
            pain = entry.pain
            if pain >= rising_pain:
                rising = True
            elif lookback_entries > 0 and recent:
                low = ordinal - lookback_days
                previous = [p for when, p in recent[-lookback_entries:] if when >= low]
                count = len(previous)
                rising = count > 0 and pain * count - sum(previous) >= jump * count
            if rising and ordinal > first and level > 0:
                previous = [p for when, p in recent if when >= ordinal - lookback_days]
                reason = rising_reason(pain, last_n(previous, lookback_entries), s)
            recent.append((ordinal, pain))
        if ordinal > first:
            if rising:
                if level > 0:
                    level -= 1
                    level_start = ordinal
                    number = ordinal - first + 1
                    history.append(
                        PhaseChange(
                            day, RECOVERY_PHASES[level], STEPPED_BACK, f"day {number}: {reason}"
                        )
                    )
            elif flagged > cleared and flagged > ordinal - flag_window:
                pass  # a red flag holds: nothing moves forward until it is cleared or older
            elif level == 0:
                if ordinal >= stretch_from and settled_fast(recent, ordinal, s):
                    level, level_start = 1, ordinal
                    number = ordinal - first + 1
                    history.append(
                        PhaseChange(day, STRETCHING, ADVANCED, f"day {number}: pain settled")
                    )
            elif (
                level == 1
                and ordinal >= strength_from
                and ordinal - level_start >= s.min_stretching_days
                and settled_fast(recent, ordinal, s)
            ):
                level, level_start = 2, ordinal
                number = ordinal - first + 1
                history.append(
                    PhaseChange(day, STRENGTHENING, ADVANCED, f"day {number}: pain settled")
                )
        if recent and recent[0][0] <= ordinal - look:  # keep only what the next day needs
            del recent[
                : next(
                    (i for i, (when, _) in enumerate(recent) if when > ordinal - look), len(recent)
                )
            ]
        day += ONE_DAY
    return history


# Recent walks, keyed by (episode start, last day, settings) and checked against the very Entry
# objects they read (entries are immutable): a tick, which replaces a Day but keeps its Entry,
# does not force the walk again. A pure memo: the answer never depends on what is cached.
_WALKS: OrderedDict[
    tuple[Any, ...], tuple[list[date], list[Entry | None], tuple[PhaseChange, ...]]
] = OrderedDict()
_WALKS_SIZE = 16
_WALKS_LOCK = Lock()


def phase_history(
    journal: Journal, episode: Episode, day: date, s: AdvisorSettings
) -> list[PhaseChange]:
    """The phase changes of `episode` from its start up to `day` (clipped to its last open day).

    The first change is always (start, "mobility", "start"); empty if `day` is before the start.
    """
    last = day if episode.end is None else min(day, episode.end - ONE_DAY)
    if last < episode.start:
        return []
    clearances = tuple(journal.clearances)
    key = (episode.start, last, s, clearances)
    get = journal.entry_on
    with _WALKS_LOCK:
        cached = _WALKS.get(key)
    if cached is not None and all(map(operator.is_, map(get, cached[0]), cached[1])):
        return list(cached[2])
    first = episode.start - timedelta(days=_look_back(s))
    dates = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    entries = list(map(get, dates))
    history = _walk(
        dict(zip(dates, entries, strict=True)).get,
        Episode(episode.start, None),
        last,
        s,
        clearances,
    )
    with _WALKS_LOCK:
        _WALKS[key] = (dates, entries, tuple(history))
        _WALKS.move_to_end(key)
        while len(_WALKS) > _WALKS_SIZE:
            _WALKS.popitem(last=False)
    return history


def episode_phase_summary(
    journal: Journal, episode: Episode, s: AdvisorSettings, today: date
) -> list[PhaseChange]:
    """The phase changes of an episode for the Episodes screen: up to today or its last open day."""
    return phase_history(journal, episode, today, s)


def phase_on(journal: Journal, day: date, s: AdvisorSettings) -> str:
    """The phase on `day`: the walk's phase in the episode open that day, else maintenance."""
    episode = journal.episode_on(day)
    if episode is None:
        return MAINTENANCE
    return phase_history(journal, episode, day, s)[-1].phase


def phases_by_day(journal: Journal, low: date, high: date, s: AdvisorSettings) -> dict[int, str]:
    """The recovery phase of every episode day in low..high, keyed by date ordinal.

    Days outside any episode are absent (their phase is maintenance). Each episode that
    touches the range is walked once from its start.
    """
    phases: dict[int, str] = {}
    if high < low:
        return phases
    for episode in journal.episodes:
        if episode.start > high:
            break
        if episode.end is not None and episode.end <= low:
            continue
        history = phase_history(journal, episode, high, s)
        if not history:
            continue
        last = high if episode.end is None else min(high, episode.end - ONE_DAY)
        bounds = [c.day.toordinal() for c in history] + [last.toordinal() + 1]
        lo = low.toordinal()
        for change, begin, end in zip(history, bounds, bounds[1:], strict=False):
            for ordinal in range(max(begin, lo), end):
                phases[ordinal] = change.phase
    return phases
