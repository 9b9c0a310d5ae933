"""The journal's records: entries, ticks, days, exercises, routines, episodes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

# Strengthening, then stretching, then the rest (most typical of a routine first).
_ROUTINE_KIND_PRIORITY = (
    "cool-down",
    "warm-up",
    "aerobic",
    "mobility",
    "stretching",
    "strengthening",
)

NOTES_MAX = 10_000


@dataclass(frozen=True, slots=True)
class Entry:
    """One night's check-in."""

    pain: int
    worst: int | None = None
    areas: tuple[str, ...] = ()
    sleep: int | None = None
    mood: int | None = None
    notes: str = ""
    tags: tuple[str, ...] = ()
    red_flags: tuple[str, ...] = ()
    rest: bool = False


@dataclass(frozen=True, slots=True)
class Tick:
    """An exercise done on a day, as it was done."""

    exercise: str
    sets: int | None = None
    reps: int | None = None
    hold_s: int | None = None
    side: str | None = None  # left, right or both
    overridden: bool = False  # ticked although the advisor said too soon
    stopped: bool = False  # stopped part-way because it hurt (a guided session's "this hurts")
    pain_during: int | None = None  # 0-10, the pain that stopped it


# What became of one exercise of a guided session.
DONE, SKIPPED, STOPPED = "done", "skipped", "stopped"
OUTCOMES: tuple[str, ...] = (DONE, SKIPPED, STOPPED)


@dataclass(frozen=True, slots=True)
class GuidedItem:
    """One exercise of a guided session and its outcome: done, skipped or stopped (it hurt)."""

    exercise: str
    outcome: str


@dataclass(frozen=True, slots=True)
class GuidedSession:
    """A guided session as played: when it ran, its items in order, and the pain after it.

    `start` identifies it within its day; `end` is None while it runs (or if it was cut short).
    """

    start: datetime
    end: datetime | None = None
    items: tuple[GuidedItem, ...] = ()
    pain_after: int | None = None

    @property
    def minutes(self) -> float | None:
        return None if self.end is None else (self.end - self.start).total_seconds() / 60


@dataclass(frozen=True, slots=True)
class Day:
    """Everything recorded on one calendar day: the entry and the ticks."""

    date: date
    entry: Entry | None = None
    ticks: Mapping[str, Tick] = field(default_factory=dict)
    # Guided sessions played on the day, by start. Kept with the day so that a session's tick
    # and its record are one atomic write; a rewrite of the day keeps them (Store.update_day).
    sessions: tuple[GuidedSession, ...] = ()

    @property
    def is_empty(self) -> bool:
        return self.entry is None and not self.ticks and not self.sessions


@dataclass(frozen=True, slots=True)
class Exercise:
    """An exercise from the library: what it is, its dose, and how to do it."""

    id: str
    name: str
    kind: str
    region: str
    sets: int | None
    reps: int | None
    hold_s: int | None
    sides: str  # "one" or "both"
    how_to: str
    caution: str
    hold_max_s: int | None = None  # top of the hold range, for display ("hold 20-30 s")
    builtin: bool = False


@dataclass(frozen=True, slots=True)
class Routine:
    """A named, ordered checklist of exercise ids with a weekly target."""

    id: str
    name: str
    exercises: tuple[str, ...]
    times_per_week: int | None = None  # None: daily
    max_per_week: int | None = None

    @property
    def frequency(self) -> str:
        return "daily" if self.times_per_week is None else "weekly"


@dataclass(frozen=True, slots=True)
class Episode:
    """A pain flare; open on D when start <= D and (no end or D < end)."""

    start: date
    end: date | None = None

    def is_open_on(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


@dataclass(frozen=True, slots=True)
class Clearance:
    """The user was seen about their red flags: those logged on or before `date` stop holding."""

    date: date
    note: str = ""


@dataclass(frozen=True, slots=True)
class PsfsActivity:
    """An activity the back makes hard, named by the user; retired ones keep their ratings."""

    id: str  # "1", "2", ...: short to type, never reused
    name: str
    retired: bool = False


@dataclass(frozen=True, slots=True)
class PsfsRating:
    """One weekly rating: each active activity scored 0 (can't do it) to 10 (as before)."""

    date: date
    scores: Mapping[str, int]  # activity id -> 0..10

    @property
    def mean(self) -> float:
        return sum(self.scores.values()) / len(self.scores) if self.scores else 0.0


@dataclass(frozen=True, slots=True)
class Psfs:
    """The Patient-Specific Functional Scale: the activities and their ratings, by date."""

    activities: tuple[PsfsActivity, ...] = ()
    ratings: tuple[PsfsRating, ...] = ()  # sorted by date, one per date

    @property
    def is_empty(self) -> bool:
        return not self.activities and not self.ratings


@dataclass(slots=True)
class Journal:
    """The whole journal in memory: a plain snapshot that the domain computes on."""

    days: dict[date, Day] = field(default_factory=dict)
    episodes: list[Episode] = field(default_factory=list)  # sorted by start
    exercises: dict[str, Exercise] = field(default_factory=dict)  # built-in and custom
    routines: list[Routine] = field(default_factory=list)
    clearances: list[Clearance] = field(default_factory=list)  # of red flags, sorted by date
    psfs: Psfs = field(default_factory=Psfs)

    def entry_on(self, day: date) -> Entry | None:
        record = self.days.get(day)
        return record.entry if record else None

    def ticks_on(self, day: date) -> Mapping[str, Tick]:
        record = self.days.get(day)
        return record.ticks if record else {}

    def episode_on(self, day: date) -> Episode | None:
        """The episode open on a day, if any."""
        for episode in reversed(self.episodes):
            if episode.is_open_on(day):
                return episode
            if episode.start <= day:
                return None
        return None

    def open_episode(self) -> Episode | None:
        """The episode with no end, if any."""
        if self.episodes and self.episodes[-1].end is None:
            return self.episodes[-1]
        return None

    def routine_kind(self, routine: Routine) -> str:
        """The most demanding kind among the routine's exercises."""
        kinds = {self.exercises[e].kind for e in routine.exercises if e in self.exercises}
        return max(kinds, key=_ROUTINE_KIND_PRIORITY.index, default="mobility")


@dataclass(frozen=True, slots=True)
class DemoOrigin:
    """How `backjournal demo` filled the journal, so the very same data can be recognised."""

    days: int
    seed: int
    today: date


@dataclass(slots=True)
class JournalMeta:
    """What is stored besides the days: episodes, custom exercises, routines, PSFS, clearances."""

    episodes: list[Episode] = field(default_factory=list)
    exercises: list[Exercise] = field(default_factory=list)  # custom ones only
    routines: list[Routine] | None = None  # None: the default routines
    psfs: Psfs = field(default_factory=Psfs)
    clearances: list[Clearance] = field(default_factory=list)  # sorted by date, one per date
    demo: DemoOrigin | None = None  # set by `backjournal demo`
