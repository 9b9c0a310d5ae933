"""Ticks (part of the service): record exercises as done, one or a batch, with the advisor's say."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from backjournal.domain import advisor, entries
from backjournal.domain.errors import AdvisorRefusal, InputError
from backjournal.domain.models import Day, Journal, Tick

if TYPE_CHECKING:
    from backjournal.domain.settings import Settings
    from backjournal.storage import Store


@dataclass(frozen=True, slots=True)
class TickBatch:
    """Ticks stored together, those already there, and the advice that came with them."""

    ticks: tuple[Tick, ...]
    already: tuple[str, ...]  # exercise ids already ticked that day: left as they were
    warnings: tuple[advisor.AdvisorWarning, ...]  # each once, in the advisor's order


@dataclass(frozen=True, slots=True)
class TickOutcome:
    """A stored tick and the advice that came with it (warnings never block, but are shown)."""

    tick: Tick
    advice: advisor.Advice


class TickUseCases:
    """Mixed into JournalService: ticking and unticking exercises."""

    if TYPE_CHECKING:
        store: Store
        settings: Settings

        def _recent(self, day: date) -> Journal: ...
        def _check_not_future(self, day: date) -> None: ...
        def day(self, day: date) -> Day: ...

    # -- ticks ---------------------------------------------------------------------------
    def tick(
        self,
        day: date,
        exercise_id: str,
        *,
        sets: Any = None,
        reps: Any = None,
        hold_s: Any = None,
        side: str | None = None,
        anyway: bool = False,
    ) -> TickOutcome:
        """Record an exercise as done; too soon is refused unless `anyway`."""
        outcome = self._checked_tick(
            day, exercise_id, anyway, sets=sets, reps=reps, hold_s=hold_s, side=side
        )
        self.store.update_day(day, lambda d: entries.with_tick(d, outcome.tick))
        return outcome

    def _checked_tick(self, day: date, exercise_id: str, anyway: bool, **dose: Any) -> TickOutcome:
        """The tick to store and its advice; bad input and too soon (unless `anyway`) are refused."""
        self._check_not_future(day)
        journal = self._recent(day)
        exercise = entries.find_exercise(journal, exercise_id)
        advice = advisor.advise(journal, day, self.settings.advisor, exercise)
        too_soon = [w for w in advice.warnings if w.code == "too_soon"]
        if too_soon and not anyway:
            raise AdvisorRefusal(too_soon[0].message, list(advice.warnings))
        tick = entries.make_tick(exercise, overridden=bool(too_soon), **dose)
        return TickOutcome(tick=tick, advice=advice)

    def tick_many(
        self,
        day: date,
        names: list[str],
        routine: str | None = None,
        *,
        anyway: bool = False,
    ) -> TickBatch:
        """Tick several exercises (ids or names) and a routine's, all or nothing, in one write.

        Every name is resolved and every tick checked before anything is written: one unknown
        name or one too-soon exercise (unless `anyway`) and nothing is stored.
        """
        self._check_not_future(day)
        journal = self._recent(day)
        wanted = [entries.find_exercise(journal, name) for name in names]
        if routine is not None:
            found = entries.find_routine(journal, routine)
            wanted += [journal.exercises[e] for e in found.exercises if e in journal.exercises]
        if not wanted:
            raise InputError("tick", "name at least one exercise, or a routine with --routine")
        chosen = list({e.id: e for e in wanted}.values())
        ticked = journal.ticks_on(day)
        new = [e for e in chosen if e.id not in ticked]
        # The advice for each as if the whole batch were ticked: "stretch first" sees the warm-up.
        batch = Day(day, journal.entry_on(day), {**ticked, **{e.id: Tick(e.id) for e in new}})
        seen = Journal(
            days={**journal.days, day: batch},
            episodes=journal.episodes,
            exercises=journal.exercises,
            routines=journal.routines,
            clearances=journal.clearances,
        )
        warnings: dict[tuple[str, str], advisor.AdvisorWarning] = {}
        ticks = []
        for exercise in new:
            advice = advisor.advise(seen, day, self.settings.advisor, exercise)
            too_soon = advice.too_soon
            if too_soon is not None and not anyway:
                raise AdvisorRefusal(too_soon.message, list(advice.warnings))
            for warning in advice.warnings:
                warnings.setdefault((warning.code, warning.message), warning)
            ticks.append(entries.make_tick(exercise, overridden=too_soon is not None))

        def apply(stored: Day) -> Day:
            for tick in ticks:
                if tick.exercise not in stored.ticks:
                    stored = entries.with_tick(stored, tick)
            return stored

        if ticks:
            self.store.update_day(day, apply)
        order = {code: i for i, code in enumerate(advisor.WARNING_CODES)}
        return TickBatch(
            ticks=tuple(ticks),
            already=tuple(e.id for e in chosen if e.id in ticked),
            warnings=tuple(sorted(warnings.values(), key=lambda w: order.get(w.code, 99))),
        )

    def untick(self, day: date, exercise_id: str) -> bool:
        """Remove a tick; False when the exercise was not ticked that day."""
        self._check_not_future(day)
        if exercise_id not in self.day(day).ticks:
            return False
        self.store.update_day(day, lambda d: entries.without_tick(d, exercise_id))
        return True
