"""The guided session as a state machine, driven by a monotonic clock that the caller passes in.

Pure domain code: no timers, no threads. The caller reads the clock seam through the engine
(`update()` on each frame, and on each key); the engine works out where the session is from
the clock's readings alone, never by counting calls. A step that ends is followed by the next
one *at its scheduled end*, not at the moment the end was noticed, so a 30 s hold lasts 30 s
whatever the frame rate, and a late frame never shifts what comes after. Pauses move the
current step's start forward by exactly their length.

Repetitions advance on `space` (one per press), or at the plan's tempo when `tempo` is set;
the warm-up's steps and the cool-down's breaths always count at their tempo (`Step.paced`).
"This hurts" (`hurts`) stops the current exercise at once and waits for the pain now (0-10)
(`give_pain`); after a strengthening exercise the rest of tonight's strengthening is dropped.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace

from backjournal.domain.models import DONE, SKIPPED, STOPPED
from backjournal.domain.session_plan import HOLD, REPS, TIMED, PlanItem, SessionPlan, Step

Clock = Callable[[], float]  # monotonic seconds

# Events the caller acts on.
BLOCK_ENDED = "block_ended"  # a hold, timed block or set ended: ring the bell (or flash)
ITEM_ENDED = "item_ended"  # an exercise is done, stopped or skipped: tick it (`result`)
STRENGTHENING_DROPPED = "strengthening_dropped"  # after "this hurts": `message` says why
FINISHED = "finished"  # the last exercise ended

DROPPED_MESSAGE = (
    "That hurt, so the rest of tonight's strengthening is left out. Stopping was the right call: "
    "the gentle part of the session is still there for you, and strengthening can wait for a "
    "better day."
)


@dataclass(frozen=True, slots=True)
class ItemResult:
    """What became of one exercise, and the dose actually done (None: not done at all)."""

    index: int
    exercise: str
    outcome: str  # done, skipped or stopped
    sets: int | None = None
    reps: int | None = None
    hold_s: int | None = None
    side: str | None = None  # left, right, both; None for an exercise without sides
    pain: int | None = None  # the pain that stopped it


@dataclass(frozen=True, slots=True)
class Event:
    kind: str
    result: ItemResult | None = None
    message: str = ""


@dataclass(frozen=True, slots=True)
class View:
    """Where the session is, for drawing it."""

    index: int
    item: PlanItem | None
    step: Step | None
    remaining: float  # seconds left in the current step (at tempo, for reps)
    fraction: float  # of the current step done, 0..1
    count: int  # repetitions done in the current set
    next_side: str | None  # the side of the next work block, if it differs from this one
    paused: bool
    awaiting_pain: bool
    finished: bool


class SessionEngine:
    """Plays a SessionPlan against a monotonic clock."""

    def __init__(self, plan: SessionPlan, clock: Clock, *, tempo: bool = False) -> None:
        self.plan = plan
        self.items = plan.items
        self.clock = clock
        self.tempo = tempo
        self.results: dict[int, ItemResult] = {}
        self.dropped: set[int] = set()  # indices left out during the session
        self.index = 0
        self.step_index = 0
        self.step_start = 0.0
        self.count = 0
        self.paused_at: float | None = None
        self.stopped: ItemResult | None = None  # waiting for the pain now
        self.started_at: float | None = None
        self.ended_at: float | None = None

    # -- reading ---------------------------------------------------------------------------
    @property
    def finished(self) -> bool:
        return self.ended_at is not None

    @property
    def item(self) -> PlanItem | None:
        return None if self.finished or not self.items else self.items[self.index]

    @property
    def step(self) -> Step | None:
        item = self.item
        return None if item is None else item.steps[self.step_index]

    def _now(self) -> float:
        return self.paused_at if self.paused_at is not None else self.clock()

    def _timed(self, step: Step) -> bool:
        return step.kind != REPS or self.tempo or step.paced

    def by_hand(self, step: Step | None) -> bool:
        """True for a set of repetitions the user counts with `space`."""
        return step is not None and not self._timed(step)

    def _count(self, step: Step, now: float) -> int:
        if step.kind != REPS:
            return 0
        if not self._timed(step):
            return self.count
        assert step.rep_s and step.reps
        return min(step.reps, math.floor((now - self.step_start) / step.rep_s + 1e-9))

    def view(self) -> View:
        """The session as of now (call `update` first, to act on what ended)."""
        step, now = self.step, self._now()
        if step is None:
            return View(self.index, None, None, 0.0, 1.0, 0, None, False, False, True)
        if self.by_hand(step):
            reps = step.reps or 1
            remaining = (reps - self.count) * (step.rep_s or 0)
            fraction = self.count / reps
        else:
            elapsed = min(max(now - self.step_start, 0.0), step.seconds)
            remaining = step.seconds - elapsed
            fraction = elapsed / step.seconds if step.seconds else 1.0
        return View(
            self.index,
            self.item,
            step,
            remaining,
            fraction,
            self._count(step, now),
            self._next_side(),
            self.paused_at is not None and self.stopped is None,
            self.stopped is not None,
            False,
        )

    def _next_side(self) -> str | None:
        item, step = self.item, self.step
        assert item is not None and step is not None
        for later in item.steps[self.step_index + (1 if step.is_work else 0) :]:
            if later.is_work:
                return later.side
        return None

    # -- driving ---------------------------------------------------------------------------
    def start(self) -> list[Event]:
        self.started_at = self.step_start = self.clock()
        if not self.items:
            self.ended_at = self.started_at
            return [Event(FINISHED)]
        return self.update()

    def update(self) -> list[Event]:
        """Move past every timed step that has ended by now; the events, in order."""
        if self.started_at is None or self.finished or self.paused_at is not None:
            return []
        now = self.clock()
        events: list[Event] = []
        while (step := self.step) is not None and self._timed(step):
            end = self.step_start + step.seconds
            if now < end:
                break
            events += self._advance(end)
        return events

    def _advance(self, at: float) -> list[Event]:
        """The current step ended at `at`: start the next one there."""
        item, step = self.item, self.step
        assert item is not None and step is not None
        events = [Event(BLOCK_ENDED)] if step.kind in (HOLD, TIMED, REPS) else []
        self.count = 0
        if self.step_index + 1 < len(item.steps):
            self.step_index += 1
            self.step_start = at
            return events
        result = ItemResult(
            self.index,
            item.exercise.id,
            DONE,
            item.sets,
            item.reps,
            item.hold_s,
            "both" if item.sides else None,
        )
        self.results[self.index] = result
        return [*events, Event(ITEM_ENDED, result), *self._go_to(self._following(), at)]

    def _following(self) -> int:
        """The index of the next exercise still to play (len(items) when none)."""
        n = self.index + 1
        while n < len(self.items) and n in self.dropped:
            n += 1
        return n

    def _go_to(self, index: int, at: float) -> list[Event]:
        self.step_index, self.count, self.step_start = 0, 0, at
        if self.paused_at is not None:
            self.paused_at = at
        if index >= len(self.items):
            self.ended_at = at
            self.paused_at = None
            return [Event(FINISHED)]
        self.index = index
        return []

    def toggle_pause(self) -> None:
        if self.finished or self.stopped is not None or self.started_at is None:
            return
        now = self.clock()
        if self.paused_at is None:
            self.update()
            if not self.finished:
                self.paused_at = now
        else:
            self.step_start += now - self.paused_at
            self.paused_at = None

    def space(self) -> list[Event]:
        """Count a repetition (counting by hand), else pause or resume."""
        events = self.update()
        step = self.step
        if self.by_hand(step) and step is not None and self.paused_at is None:
            self.count += 1
            if self.count >= (step.reps or 1):
                events += self._advance(self.clock())
            return events
        self.toggle_pause()
        return events

    def next(self) -> list[Event]:
        """Skip to the next exercise; one not done yet counts as skipped."""
        events = self.update()
        if self.finished or self.stopped is not None:
            return events
        item = self.item
        assert item is not None
        if self.index not in self.results:
            result = ItemResult(self.index, item.exercise.id, SKIPPED)
            self.results[self.index] = result
            events.append(Event(ITEM_ENDED, result))
        return events + self._go_to(self._following(), self._now())

    def previous(self) -> list[Event]:
        """Back to the start of the previous exercise (of this one, at the first)."""
        events = self.update()
        if self.finished or self.stopped is not None:
            return events
        n = self.index - 1
        while n > 0 and n in self.dropped:
            n -= 1
        return events + self._go_to(max(n, 0), self._now())

    def hurts(self) -> ItemResult | None:
        """Stop the current exercise now, with the dose done so far; then `give_pain`."""
        self.update()
        item, step = self.item, self.step
        if item is None or step is None or self.stopped is not None:
            return None
        now = self._now()
        self.stopped = _dose_done(
            self.index, item, self.step_index, step, now - self.step_start, self._count(step, now)
        )
        if self.paused_at is None:
            self.paused_at = now
        return self.stopped

    def give_pain(self, pain: int | None) -> list[Event]:
        """The pain now (0-10, or None if not given) for the stopped exercise; moves on."""
        if self.stopped is None:
            return []
        result = replace(self.stopped, pain=pain)
        self.results[self.index] = result
        self.stopped = None
        events = [Event(ITEM_ENDED, result)]
        item = self.items[self.index]
        if item.kind == "strengthening":
            later = [
                n
                for n in range(self.index + 1, len(self.items))
                if self.items[n].kind == "strengthening" and n not in self.dropped
            ]
            if later:
                for n in later:
                    self.dropped.add(n)
                    skipped = ItemResult(n, self.items[n].exercise.id, SKIPPED)
                    self.results[n] = skipped
                    events.append(Event(ITEM_ENDED, skipped))
                events.append(Event(STRENGTHENING_DROPPED, message=DROPPED_MESSAGE))
        now = self.clock()
        self.paused_at = None
        return events + self._go_to(self._following(), now)

    def finish(self) -> list[ItemResult]:
        """End now: every exercise not played counts as skipped; all results in plan order."""
        now = self._now()
        for n, item in enumerate(self.items):
            if n not in self.results:
                self.results[n] = ItemResult(n, item.exercise.id, SKIPPED)
        if self.ended_at is None:
            self.ended_at = now
        return [self.results[n] for n in sorted(self.results)]


def _dose_done(
    index: int, item: PlanItem, step_index: int, step: Step, elapsed: float, count: int
) -> ItemResult:
    """An exercise stopped part-way: whole sets done, else the part of the first one."""
    work = [(n, s) for n, s in enumerate(item.steps) if s.is_work]
    done = [s for n, s in work if n < step_index]
    sides = {s.side for s in done if s.side}
    if step.is_work and step.side:
        sides.add(step.side)
    side = None if not item.sides else ("both" if len(sides) > 1 else next(iter(sides), None))
    per_set = len(item.sides) // item.sets if item.sides else 1
    full_sets = len(done) // per_set
    if full_sets >= 1:
        return ItemResult(index, item.exercise.id, STOPPED, full_sets, item.reps, item.hold_s, side)
    reps = hold = None
    if item.reps is not None:
        reps = item.reps if done else (count or None)
    elif item.hold_s is not None:
        held = math.floor(min(max(elapsed, 0.0), step.seconds)) if step.kind == HOLD else 0
        hold = item.hold_s if done else (held or None)
    return ItemResult(index, item.exercise.id, STOPPED, 1, reps, hold, side)
