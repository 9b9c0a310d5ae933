"""Realistic, seeded demo data: nightly entries, flare-ups that settle, and exercise ticks."""

from __future__ import annotations

import math
import random
from dataclasses import replace
from datetime import date, timedelta

from backjournal.domain.exercises import BUILTIN_BY_ID, DEFAULT_ROUTINES
from backjournal.domain.models import (
    Day,
    Entry,
    Episode,
    JournalMeta,
    Psfs,
    PsfsActivity,
    PsfsRating,
    Tick,
)
from backjournal.domain.pain_tests import is_rising, is_settled
from backjournal.domain.settings import AdvisorSettings
from backjournal.domain.vocab import AREAS, MAINTENANCE, MOBILITY, STRENGTHENING, STRETCHING

default_demo_days = 120

_ROUTINES = {r.id: r.exercises for r in DEFAULT_ROUTINES}
# One shared tick per exercise, dosed as the library says: ticks are frozen, so sharing is safe
# and keeps a ten-year demo fast.
_TICKS = {
    ex.id: Tick(
        exercise=ex.id,
        sets=ex.sets,
        reps=ex.reps,
        hold_s=ex.hold_s,
        side="both" if ex.sides == "both" else None,
    )
    for ex in BUILTIN_BY_ID.values()
}

_FLARE_NOTES = (
    "Bent down to pick up the laundry basket and felt my lower back catch. Hard to straighten up.",
    "Woke up stiff and sore after a long drive yesterday. Sitting is the worst.",
    "Lifted a heavy box at work. Sharp pain low on the right, eased a little lying down.",
    "Back went while gardening. Took it easy for the rest of the day.",
)
_EARLY_NOTES = (
    "Still sore getting out of bed, but the pelvic tilts help.",
    "Short walk around the block, a bit easier afterwards.",
    "Slept badly, turning over hurts.",
    "Heat pack in the evening helped.",
    "Getting dressed is slow but manageable.",
)
_LATER_NOTES = (
    "Noticeably easier today.",
    "Stretches felt good, no twinges.",
    "Long day at the desk; got up every half hour as planned.",
    "Walked to the shops and back without thinking about my back.",
    "A little stiff in the morning, gone by lunch.",
    "Bridges are getting easier.",
    "Good day overall.",
)
_TAGS = ("desk-day", "long-drive", "gardening", "travel", "good-walk", "poor-sleep", "busy", "swim")
_CHANGE_NOTES = {
    STRETCHING: "Pain has settled for a few days now; starting the stretches.",
    STRENGTHENING: "Ready for some strengthening, going gently.",
}
# Strengthening on Mondays and Thursdays, sometimes Saturdays too: never 4 days in any 7.
_STRENGTH_DAYS = (0, 3)


class _Phases:
    """The episode's phase day by day, using the advisor's own pain tests, so no demo tick is too soon."""

    def __init__(self, settings: AdvisorSettings) -> None:
        self.s = settings
        self.entries: dict[date, Entry] = {}
        self.phase = MAINTENANCE
        self.start = self.stretch_start = date.min

    def would_rise(self, day: date, pain: int) -> bool:
        """Whether logging `pain` on `day` would count as rising pain."""
        self.entries[day] = Entry(pain=pain)
        rising = is_rising(self.entries, day, self.s)
        del self.entries[day]
        return rising

    def begin(self, day: date) -> None:
        self.phase, self.start = MOBILITY, day

    def end(self) -> None:
        self.phase = MAINTENANCE

    def record(self, day: date, entry: Entry | None) -> None:
        """Log the night's entry (or none) and move the phase as the advisor's walk would."""
        s = self.s
        if entry is not None:
            self.entries[day] = entry
        if self.phase == MAINTENANCE or day == self.start:
            return
        n = (day - self.start).days + 1
        if is_rising(self.entries, day, s):
            if self.phase == STRENGTHENING:
                self.phase, self.stretch_start = STRETCHING, day
            elif self.phase == STRETCHING:
                self.phase = MOBILITY
        elif self.phase == MOBILITY:
            if n >= s.stretching_from_day and is_settled(self.entries, day, s)[0]:
                self.phase, self.stretch_start = STRETCHING, day
        elif (
            self.phase == STRETCHING
            and n >= s.strengthening_from_day
            and (day - self.stretch_start).days >= s.min_stretching_days
            and is_settled(self.entries, day, s)[0]
        ):
            self.phase = STRENGTHENING


def _plan_episodes(rng: random.Random, first: date, today: date) -> list[Episode]:
    """An open episode some six weeks back, and closed ones before it while the span allows."""
    span = (today - first).days
    current = today - timedelta(days=min(span, rng.randint(38, 50)))
    episodes = [Episode(start=current)]
    cursor = current
    long_span = span > 400
    while True:
        gap = rng.randint(150, 420) if long_span else rng.randint(14, 30)
        end = cursor - timedelta(days=gap)
        length = min(rng.randint(35, 60), (end - first).days - 2)
        if length < 35:
            break
        episodes.append(Episode(start=end - timedelta(days=length), end=end))
        cursor = end - timedelta(days=length)
    return episodes[::-1]


def demo_journal(days: int, seed: int, today: date) -> tuple[dict[date, Day], JournalMeta]:
    """`days` days of journal ending today, the same for the same seed."""
    if days < 1:
        return {}, JournalMeta()
    rng = random.Random(seed)
    first = today - timedelta(days=days - 1)
    episodes = _plan_episodes(rng, first, today)
    starts = {e.start for e in episodes}
    ends = {e.end for e in episodes if e.end}
    # One early warning sign, to show how the journal reports them; only when it is long past,
    # since a recent one would (rightly) put an urgent banner on the demo.
    flag_day = episodes[0].start + timedelta(days=1) if len(episodes) > 1 else None
    if flag_day is not None and (today - flag_day).days < 30:
        flag_day = None
    phases = _Phases(AdvisorSettings())
    baseline = rng.uniform(1.2, 2.2)
    level, peak, flare_day, tau = baseline, 0.0, None, 4.0
    sciatica = False
    out: dict[date, Day] = {}
    for n in range(days):
        day = first + timedelta(days=n)
        if day in ends:
            phases.end()
        if day in starts:
            phases.begin(day)
            peak, flare_day, tau = rng.uniform(6.8, 8.4), day, rng.uniform(3.0, 7.0)
            sciatica = rng.random() < 0.4
            level = peak  # a flare comes on suddenly
        else:
            # Pain eases from the flare's peak back to the person's baseline, with a daily wobble.
            since = (day - flare_day).days if flare_day else 1000
            target = baseline + max(0.0, peak - baseline) * math.exp(-since / tau)
            level = min(9.0, max(0.0, level + (target - level) * 0.6 + rng.gauss(0, 0.45)))
        before = phases.phase
        entry = None
        if day in (today, flag_day) or rng.random() > (0.03 if before != MAINTENANCE else 0.06):
            pain = round(level)
            # Outside the first (mobility) weeks, keep below "rising": the demo then moves forward
            # cleanly and never hints at a flare that has no episode.
            while before != MOBILITY and pain > 0 and phases.would_rise(day, pain):
                pain -= 1
            entry = _entry(rng, day, pain, phases, sciatica, flag_day, flare_day)
        phases.record(day, entry)
        if (
            entry is not None
            and not entry.notes
            and phases.phase != before
            and phases.phase in _CHANGE_NOTES
        ):
            entry = replace(entry, notes=_CHANGE_NOTES[phases.phase])
        ticks = _ticks(rng, day, phases.phase, entry)
        if entry is not None or ticks:
            out[day] = Day(date=day, entry=entry, ticks=ticks)
    return out, JournalMeta(episodes=episodes, psfs=_demo_psfs(seed, first, today, out))


# (name, how much harder than the pain alone suggests): sitting and lifting stay hard longest.
_PSFS_ACTIVITIES = (
    ("Putting on socks and shoes", 0.5),
    ("Sitting an hour at my desk", 1.5),
    ("Lifting the shopping into the car", 2.5),
)
_PSFS_LATER = ("Walking for half an hour", 1.0)


def _demo_psfs(seed: int, first: date, today: date, days: dict[date, Day]) -> Psfs:
    """Weekly ratings that follow the week's pain; one activity swapped for another halfway.

    A generator of its own, so the days are the same as before PSFS existed.
    """
    rng = random.Random(seed * 7919 + 104729)
    activities = [PsfsActivity(str(i), name) for i, (name, _) in enumerate(_PSFS_ACTIVITIES, 1)]
    hardness = {str(i): h for i, (_, h) in enumerate(_PSFS_ACTIVITIES, 1)}
    span = (today - first).days
    swap = first + timedelta(days=span * 2 // 3) if span >= 42 else None
    ratings: list[PsfsRating] = []
    day = first + timedelta(days=rng.randint(0, 3))
    while day <= today:
        if swap is not None and day >= swap and len(activities) == 3:
            activities[2] = replace(activities[2], retired=True)
            activities.append(PsfsActivity("4", _PSFS_LATER[0]))
            hardness["4"] = _PSFS_LATER[1]
        week = [e.pain for n in range(7) if (e := _entry_on(days, day - timedelta(days=n)))]
        pain = sum(week) / len(week) if week else 3.0
        scores = {
            a.id: _clamp(10.2 - 1.05 * pain - hardness[a.id] + rng.gauss(0, 0.6))
            for a in activities
            if not a.retired
        }
        ratings.append(PsfsRating(day, scores))
        day += timedelta(days=7 + (1 if rng.random() < 0.15 else 0))
    return Psfs(tuple(activities), tuple(ratings))


def _entry_on(days: dict[date, Day], day: date) -> Entry | None:
    found = days.get(day)
    return found.entry if found else None


def _clamp(value: float) -> int:
    return min(10, max(0, round(value)))


def _entry(
    rng: random.Random,
    day: date,
    pain: int,
    phases: _Phases,
    sciatica: bool,
    flag_day: date | None,
    flare_day: date | None,
) -> Entry:
    in_episode = phases.phase != MAINTENANCE
    early = in_episode and (day - phases.start).days < 14
    areas = ["lower-back"] if pain >= 2 or rng.random() < 0.5 else []
    if sciatica and early and pain >= 4:
        areas += ["buttock-left", "leg-left"] if rng.random() < 0.7 else ["buttock-left"]
    elif pain >= 3 and rng.random() < 0.15:
        areas.append("mid-back")
    if day == flare_day:
        notes = rng.choice(_FLARE_NOTES)
    elif day == flag_day:
        notes = (
            "Pain woke me in the night and would not ease. Saw the GP: muscular, nothing serious."
        )
    elif rng.random() < (0.18 if early else 0.06):
        notes = rng.choice(_EARLY_NOTES if early else _LATER_NOTES)
    else:
        notes = ""
    tags = (
        tuple(sorted(rng.sample(_TAGS, 1 if rng.random() < 0.8 else 2)))
        if rng.random() < 0.12
        else ()
    )
    rest = (early and pain >= 5 and rng.random() < 0.3) or (not early and rng.random() < 0.02)
    return Entry(
        pain=pain,
        worst=_clamp(pain + rng.choice((0, 0, 1, 1, 2))) if rng.random() < 0.8 else None,
        areas=tuple(a for a in AREAS if a in areas),  # as input stores them: in AREAS order
        sleep=_clamp(8.5 - 0.55 * pain + rng.gauss(0, 1.0)),
        mood=_clamp(8.0 - 0.45 * pain + rng.gauss(0, 1.1)),
        notes=notes,
        tags=tags,
        red_flags=("night-pain",) if day == flag_day else (),
        rest=rest,
    )


def _ticks(rng: random.Random, day: date, phase: str, entry: Entry | None) -> dict[str, Tick]:
    """The exercises done on a day: only what the phase allows, less on rest or painful days."""
    pain = entry.pain if entry else 3
    done: list[str] = []
    if entry is not None and entry.rest:
        if rng.random() < 0.3:
            done.append("walk")
        return {e: _TICKS[e] for e in done}
    effort = 0.98 if pain <= 4 else 0.7 if pain <= 6 else 0.35
    if rng.random() < effort:
        done += _routine(rng, "mobility")
    if phase in (STRETCHING, STRENGTHENING, MAINTENANCE) and rng.random() < effort - 0.01:
        done += _routine(rng, "stretching")
    weekday = day.weekday()
    if (
        phase in (STRENGTHENING, MAINTENANCE)
        and (weekday in _STRENGTH_DAYS or (weekday == 5 and rng.random() < 0.6))
        and rng.random() < 0.9
    ):
        done += _routine(rng, "strengthening")
    if rng.random() < (0.95 if pain <= 4 else 0.5):
        done.append("walk")
    return {e: _TICKS[e] for e in dict.fromkeys(done)}


def _routine(rng: random.Random, routine: str) -> list[str]:
    """A routine's exercises; now and then one is skipped, as people do."""
    exercises = list(_ROUTINES[routine])
    if rng.random() < 0.04:
        exercises.pop(rng.randrange(1, len(exercises)))  # never the warm-up: it counts as preparing
    return exercises
