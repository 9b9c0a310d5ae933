"""Tonight's guided session plan: what to play, in what order, at what dose, and how long it takes.

Pure domain code, built on `backjournal.domain.tonight` (the day's routines, each exercise once,
warm-up first, top down, cool-down last). On top of that list the plan:

* keeps only the kinds the advisor allows on the day (its ``too_soon`` never applies to an item);
* plays strengthening after the other main exercises, so it always follows a stretch; with no
  stretch left in the plan, strengthening is left out (``STRETCH_FIRST``);
* leaves out all strengthening on a day the advisor says ``strengthening_overdone``;
* leaves out an exercise stopped because it hurt in the last two sessions, unless the user adds
  it back knowingly (`add_back`); and what the user dropped for tonight (`dropped`).

Each item expands into steps (`steps_for`): a short "get ready" pause, then one work block per
set and side, sides alternating left, right, left, right (the source: "don't stretch just one
side of your body and then the other"), with a settle pause between holds and a rest between
sets of repetitions. The plan's duration is the sum of those steps, so the estimate is exactly
what the session engine plays at tempo. Pauses and tempos are our defaults, not the source's.
"""

from __future__ import annotations

import math
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from backjournal.domain import advisor
from backjournal.domain.hurt import hurt_in_last_sessions
from backjournal.domain.models import Exercise, Journal
from backjournal.domain.settings import AdvisorSettings, SessionSettings
from backjournal.domain.tonight import tonight_session

# Left-out reasons.
DROPPED, HURT, OVERDONE, STRETCH_FIRST, NOT_ALLOWED = (
    "dropped",
    "hurt",
    "overdone",
    "stretch first",
    "not allowed",
)
LEFT_OUT_TEXT: dict[str, str] = {
    DROPPED: "dropped for tonight",
    HURT: "it hurt in one of your last two sessions",
    OVERDONE: "plenty of strengthening this week already",
    STRETCH_FIRST: "strengthening needs a stretch before it",
    NOT_ALLOWED: "not in this phase yet",
}

# One short cue per kind, in our own words.
CUES: dict[str, str] = {
    "warm-up": "Easy does it: this warms you up for what follows.",
    "mobility": "Slow and smooth, only as far as feels comfortable.",
    "stretching": "Breathe out as you ease into it. No bouncing.",
    "strengthening": "Steady and controlled; stop if it hurts.",
    "aerobic": "An easy pace, one you could chat at.",
    "cool-down": "Breathe out for longer than you breathe in.",
}

# Seconds a repetition takes at a steady pace, by kind (plus the exercise's hold, if any).
# Marching is about a step a second; a slow cool-down breath about six.
REP_SECONDS: dict[str, float] = {"warm-up": 1.0, "cool-down": 6.0}
REP_SECONDS_DEFAULT = 3.0
# Kinds whose repetitions the session counts at tempo even when counting by hand is set: nobody
# presses a key for each of 60 marching steps, and slow breaths are easier followed than counted.
PACED_KINDS = frozenset({"warm-up", "cool-down"})
AEROBIC_SECONDS = 600  # the library's walk: "start with 10 minutes"
UNTIMED_SECONDS = 60  # a custom exercise with neither reps nor a hold: one timed minute

HOLD, REPS, TIMED, READY, SETTLE, REST = "hold", "reps", "timed", "ready", "settle", "rest"
WORK_STEPS = frozenset({HOLD, REPS, TIMED})


@dataclass(frozen=True, slots=True)
class Step:
    """One step of an exercise: a hold, a set of reps, a timed block, or a pause before one."""

    kind: str  # hold, reps, timed (work); ready, settle, rest (pauses)
    seconds: float  # its length; for reps, reps x rep_s (the time at tempo)
    side: str | None = None  # left or right for a two-sided exercise's work block
    set_no: int = 1
    reps: int | None = None
    rep_s: float | None = None
    paced: bool = False  # reps counted at tempo whatever the setting: marching steps, breaths

    @property
    def is_work(self) -> bool:
        return self.kind in WORK_STEPS


@dataclass(frozen=True, slots=True)
class PlanItem:
    """One exercise of the plan at its dose; `sides` is the order of its blocks' sides, or None."""

    exercise: Exercise
    sets: int
    reps: int | None
    hold_s: int | None
    sides: tuple[str, ...] | None
    steps: tuple[Step, ...]
    routines: tuple[str, ...] = ()

    @property
    def kind(self) -> str:
        return self.exercise.kind

    @property
    def cue(self) -> str:
        return CUES.get(self.exercise.kind, CUES["mobility"])

    @property
    def seconds(self) -> float:
        return sum(step.seconds for step in self.steps)

    def to_dict(self) -> dict[str, object]:
        return {
            "exercise": self.exercise.id,
            "kind": self.kind,
            "sets": self.sets,
            "reps": self.reps,
            "hold_s": self.hold_s,
            "sides": list(self.sides) if self.sides is not None else None,
        }


@dataclass(frozen=True, slots=True)
class LeftOutItem:
    """An exercise of tonight's routines that the plan does not play, and why."""

    exercise: Exercise
    reason: str

    @property
    def text(self) -> str:
        return LEFT_OUT_TEXT.get(self.reason, self.reason)


@dataclass(frozen=True, slots=True)
class SessionPlan:
    """The plan for one day: items in playing order and what was left out."""

    day: date
    items: tuple[PlanItem, ...]
    left_out: tuple[LeftOutItem, ...]

    @property
    def seconds(self) -> float:
        return sum(item.seconds for item in self.items)

    @property
    def minutes(self) -> int:
        """The whole minutes it takes, rounded up: an estimate that never flatters."""
        return math.ceil(self.seconds / 60)

    def to_dict(self) -> dict[str, object]:
        return {
            "date": self.day.isoformat(),
            "minutes": self.minutes,
            "items": [item.to_dict() for item in self.items],
        }


def rep_seconds(exercise: Exercise) -> float:
    """Seconds one repetition takes at tempo: the kind's pace plus the exercise's hold."""
    return REP_SECONDS.get(exercise.kind, REP_SECONDS_DEFAULT) + (exercise.hold_s or 0)


def two_sided(exercise: Exercise) -> bool:
    return exercise.sides == "both" and exercise.kind != "aerobic"


def steps_for(exercise: Exercise, pacing: SessionSettings) -> tuple[Step, ...]:
    """The exercise's steps: get ready, then each set's blocks (sides alternating) with pauses."""
    sets = exercise.sets or 1
    sides: tuple[str | None, ...] = ("left", "right") if two_sided(exercise) else (None,)
    steps = [Step(READY, float(pacing.settle_s))]
    first = True
    for set_no in range(1, sets + 1):
        for side in sides:
            if not first:
                new_set = side in (None, "left")
                rests = exercise.reps is not None and new_set
                steps.append(
                    Step(
                        REST if rests else SETTLE,
                        float(pacing.rest_s if rests else pacing.settle_s),
                    )
                )
            first = False
            steps.append(_work(exercise, side, set_no))
    return tuple(steps)


def _work(exercise: Exercise, side: str | None, set_no: int) -> Step:
    if exercise.reps is not None:
        per = rep_seconds(exercise)
        paced = exercise.kind in PACED_KINDS
        return Step(REPS, exercise.reps * per, side, set_no, exercise.reps, per, paced)
    if exercise.hold_s is not None:
        return Step(HOLD, float(exercise.hold_s), side, set_no)
    seconds = AEROBIC_SECONDS if exercise.kind == "aerobic" else UNTIMED_SECONDS
    return Step(TIMED, float(seconds), side, set_no)


def plan_item(
    exercise: Exercise, pacing: SessionSettings, routines: tuple[str, ...] = ()
) -> PlanItem:
    steps = steps_for(exercise, pacing)
    sides = tuple(s.side for s in steps if s.is_work and s.side) or None
    return PlanItem(
        exercise, exercise.sets or 1, exercise.reps, exercise.hold_s, sides, steps, routines
    )


def build_plan(
    journal: Journal,
    day: date,
    s: AdvisorSettings,
    pacing: SessionSettings | None = None,
    *,
    dropped: Collection[str] = (),
    add_back: Collection[str] = (),
) -> SessionPlan:
    """The session plan for `day`; `dropped` ids are left out, `add_back` ids play although they hurt."""
    pacing = pacing or SessionSettings()
    advice = advisor.advise(journal, day, s)
    session = tonight_session(journal, day, advice.allowed)
    hurt = hurt_in_last_sessions(journal, day, 2)
    library = journal.exercises
    candidates = [it for it in session.items if not it.extra and it.exercise_id in library]

    strengthening = [library[it.exercise_id] for it in candidates]
    strengthening = [e for e in strengthening if e.kind == "strengthening"]
    overdone = bool(strengthening) and advisor.advise(journal, day, s, strengthening[0]).has(
        advisor.STRENGTHENING_OVERDONE
    )

    kept: list[tuple[Exercise, tuple[str, ...]]] = []
    left_out: list[LeftOutItem] = []
    for it in candidates:
        exercise = library[it.exercise_id]
        reason = None
        if exercise.kind not in advice.allowed:
            reason = NOT_ALLOWED
        elif exercise.id in dropped:
            reason = DROPPED
        elif exercise.id in hurt and exercise.id not in add_back:
            reason = HURT
        elif exercise.kind == "strengthening" and overdone:
            reason = OVERDONE
        if reason is None:
            kept.append((exercise, it.routines))
        else:
            left_out.append(LeftOutItem(exercise, reason))

    # Strengthening after every other main exercise: the stretches always come first.
    def group(exercise: Exercise) -> int:
        if exercise.kind == "warm-up":
            return 0
        if exercise.kind == "cool-down":
            return 3
        return 2 if exercise.kind == "strengthening" else 1

    kept.sort(key=lambda pair: group(pair[0]))  # stable: tonight's order within each group
    if not any(e.kind == "stretching" for e, _ in kept):
        left_out += [LeftOutItem(e, STRETCH_FIRST) for e, _ in kept if e.kind == "strengthening"]
        kept = [(e, r) for e, r in kept if e.kind != "strengthening"]
    items = tuple(plan_item(e, pacing, routines) for e, routines in kept)
    return SessionPlan(day, items, tuple(left_out))
