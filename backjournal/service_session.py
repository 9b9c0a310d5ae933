"""The guided session's use cases (part of the service): plan, start, record each item, finish.

Each exercise is recorded the moment it ends, by one write that stores its tick (through the
same checks as `tick`: the advisor's too-soon refusal, the dose's validation, the store's lock
and atomic replace) together with the session record, so a crash loses at most the exercise in
progress. Sessions are kept with their day: see `backjournal.domain.models.Day.sessions`.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from backjournal.domain import entries
from backjournal.domain.errors import InputError
from backjournal.domain.models import (
    DONE,
    SKIPPED,
    STOPPED,
    Day,
    GuidedItem,
    GuidedSession,
    Journal,
    Tick,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    # (types only: the engine and the planner are imported when a session is planned, not at start-up)
    from backjournal.domain.session_engine import ItemResult
    from backjournal.domain.session_plan import SessionPlan
    from backjournal.domain.settings import Settings
    from backjournal.service_ticks import TickOutcome
    from backjournal.storage import Store


@dataclass
class SessionHandle:
    """A session being played: its day, its start (its identity), and what it has recorded."""

    day: date
    start: datetime
    plan: SessionPlan
    before: Mapping[str, Tick]  # the day's ticks when it began, put back if nothing is kept
    results: dict[int, ItemResult] = field(default_factory=dict)
    ticked: list[str] = field(default_factory=list)  # exercises this session ticked

    def record(self, end: datetime | None = None, pain: int | None = None) -> GuidedSession:
        items = tuple(GuidedItem(r.exercise, r.outcome) for _, r in sorted(self.results.items()))
        return GuidedSession(self.start, end, items, pain)


def _with_session(day: Day, session: GuidedSession) -> Day:
    others = [s for s in day.sessions if s.start != session.start]
    return replace(day, sessions=tuple(sorted([*others, session], key=lambda s: s.start)))


class GuidedSessions:
    """Mixed into JournalService: the guided session's use cases."""

    if TYPE_CHECKING:
        store: Store
        settings: Settings
        clock: Callable[[], datetime]

        def _recent(self, day: date) -> Journal: ...
        def _check_not_future(self, day: date) -> None: ...
        def _checked_tick(
            self, day: date, exercise_id: str, anyway: bool, **dose: Any
        ) -> TickOutcome: ...
        def day(self, day: date) -> Day: ...

    def session_plan(
        self, day: date, *, dropped: Collection[str] = (), add_back: Collection[str] = ()
    ) -> SessionPlan:
        """The plan for `day`; `dropped` ids left out, `add_back` ids played although they hurt."""
        from backjournal.domain.session_plan import build_plan

        journal = self._recent(day)
        if min(journal.days, default=day).year >= day.year:
            # The last two sessions may be further back than the advisor reads.
            older = self.store.load_year(day.year - 1)
            if older:
                journal = replace(journal, days={**older, **journal.days})
        # The tick path's lookup: the same names, messages and suggestions as `tick`.
        dropped = [entries.find_exercise(journal, e).id for e in dropped]
        add_back = [entries.find_exercise(journal, e).id for e in add_back]
        return build_plan(
            journal,
            day,
            self.settings.advisor,
            self.settings.session,
            dropped=dropped,
            add_back=add_back,
        )

    def start_session(self, plan: SessionPlan) -> SessionHandle:
        """Record that a session of `plan` began now; returns the handle to record it by."""
        self._check_not_future(plan.day)
        start = self.clock().replace(microsecond=0, tzinfo=None)
        before = self.day(plan.day)
        taken = {s.start for s in before.sessions}
        while start in taken:  # two sessions begun within one second
            start += timedelta(seconds=1)
        handle = SessionHandle(plan.day, start, plan, dict(before.ticks))
        self.store.update_day(plan.day, lambda d: _with_session(d, handle.record()))
        return handle

    def record_session_item(self, handle: SessionHandle, result: ItemResult) -> Tick | None:
        """Store what became of one exercise: its tick (done or stopped) and the session record."""
        tick = None
        if result.outcome in (DONE, STOPPED):
            tick = self._checked_tick(
                handle.day,
                result.exercise,
                False,
                sets=result.sets,
                reps=result.reps,
                hold_s=result.hold_s,
                side=result.side,
                stopped=result.outcome == STOPPED,
                pain_during=result.pain,
            ).tick
        elif result.outcome != SKIPPED:
            raise InputError("outcome", f"unknown outcome {result.outcome!r}")
        results = {**handle.results, result.index: result}
        record = replace(handle, results=results).record()

        def apply(day: Day) -> Day:
            day = _with_session(day, record)
            return entries.with_tick(day, tick) if tick is not None else day

        self.store.update_day(handle.day, apply)
        handle.results = results
        if tick is not None and tick.exercise not in handle.ticked:
            handle.ticked.append(tick.exercise)
        return tick

    def finish_session(
        self, handle: SessionHandle, pain: Any = None, skipped: Iterable[ItemResult] = ()
    ) -> GuidedSession:
        """End the session now, with the pain now (0-10, optional): it fills the day's entry
        when the day has none, and is kept as the session's pain either way. `skipped`: the
        exercises never reached (as `SessionEngine.finish` lists them), recorded as skipped."""
        pain_now = None if pain is None else entries.score(pain, "pain")
        for result in skipped:
            if result.index in handle.results:
                continue
            if result.outcome != SKIPPED:
                raise InputError("outcome", "only skipped exercises are recorded at the end")
            handle.results[result.index] = result
        record = handle.record(self.clock().replace(microsecond=0, tzinfo=None), pain_now)
        if record.end is not None and record.end < record.start:
            record = replace(record, end=record.start)  # the wall clock stepped back

        def apply(day: Day) -> Day:
            day = _with_session(day, record)
            if pain_now is not None and day.entry is None:
                day = replace(day, entry=entries.merge_entry(None, {"pain": pain_now}))
            return day

        self.store.update_day(handle.day, apply)
        return record

    def discard_session(self, handle: SessionHandle) -> None:
        """Keep nothing of the session: its ticks are undone (earlier ones put back) and its
        record removed."""

        def apply(day: Day) -> Day:
            ticks = dict(day.ticks)
            for exercise in handle.ticked:
                if exercise in handle.before:
                    ticks[exercise] = handle.before[exercise]
                else:
                    ticks.pop(exercise, None)
            sessions = tuple(s for s in day.sessions if s.start != handle.start)
            return replace(day, ticks=ticks, sessions=sessions)

        self.store.update_day(handle.day, apply, replace_sessions=True)
        handle.results.clear()
        handle.ticked.clear()
