"""What the Progress screen draws, computed from one journal snapshot in a single pass over a year."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from backjournal.domain.advisor_phase import phases_by_day
from backjournal.domain.insights import Insights, find_insights
from backjournal.domain.models import Journal, Routine
from backjournal.domain.routine_status import DONE, MISSED, PAUSED, day_status, week_status
from backjournal.domain.settings import AdvisorSettings
from backjournal.tui.plain import one_line
from backjournal.tui.widgets.pain_trend import pain_level
from backjournal.tui.widgets.weekly_adherence import WeekCell

HEATMAP_DAYS = 53 * 7 + 6  # enough for 53 week columns whatever day the week starts on


@dataclass(frozen=True, slots=True)
class ProgressData:
    """Pain per day, heatmap levels for the last year, and weekly adherence rows."""

    today: date
    since: date | None  # the first day with anything recorded
    pains: dict[date, int]
    pain_cells: dict[date, str]
    adherence_cells: dict[date, str]
    week_labels: list[str]
    adherence_rows: list[tuple[str, list[WeekCell]]]
    insights: Insights  # next-day pain with and without each factor (associations)


@dataclass(frozen=True, slots=True)
class _Reader:
    """The streak rules' day and week statuses, over one walk of the advisor's phases."""

    journal: Journal
    settings: AdvisorSettings
    today: date
    phases: Mapping[int, str]

    def status(self, routine: Routine, day: date) -> str:
        return day_status(self.journal, routine, day, self.settings, self.phases)

    def week(self, routine: Routine, monday: date) -> str:
        return week_status(self.journal, routine, monday, self.settings, self.today, self.phases)


def compute_progress(
    journal: Journal, today: date, s: AdvisorSettings, weeks: int = 12
) -> ProgressData:
    """Everything the Progress screen shows except streaks (the domain computes those)."""
    pains = {d: day.entry.pain for d, day in journal.days.items() if day.entry is not None}
    first_day = min(journal.days, default=today)
    monday = today - timedelta(days=today.weekday())
    week_low = monday - timedelta(weeks=weeks - 1)
    low = min(today - timedelta(days=HEATMAP_DAYS), week_low)
    reader = _Reader(journal, s, today, phases_by_day(journal, low, today, s))

    pain_cells: dict[date, str] = {}
    adherence_cells: dict[date, str] = {}
    daily = [r for r in journal.routines if r.times_per_week is None]
    day = today - timedelta(days=HEATMAP_DAYS)
    while day <= today:
        if day in pains:
            pain_cells[day] = pain_level(pains[day])
        if day >= first_day:
            adherence_cells[day] = _adherence_level(journal, reader, daily, day)
        day += timedelta(days=1)

    rows = []
    starts = [week_low + timedelta(weeks=n) for n in range(weeks)]
    labels = [f"{m.day} {m:%b}" for m in starts]
    for routine in journal.routines:
        cells = [_week_cell(reader, routine, m, today, first_day) for m in starts]
        rows.append((one_line(routine.name), cells))
    since = min(journal.days) if journal.days else None
    return ProgressData(
        today,
        since,
        pains,
        pain_cells,
        adherence_cells,
        labels,
        rows,
        find_insights(journal, today),
    )


def _adherence_level(journal: Journal, reader: _Reader, daily: list[Routine], day: date) -> str:
    """all: every daily routine due was done; some: something was done; paused; none."""
    statuses = [reader.status(r, day) for r in daily]
    due = [s for s in statuses if s != PAUSED]
    if due and all(s == DONE for s in due):
        return "all"
    if journal.ticks_on(day):
        return "some"
    return "paused" if statuses and not due else "none"


def _week_cell(
    reader: _Reader, routine: Routine, monday: date, today: date, first_day: date
) -> WeekCell:
    days = [monday + timedelta(days=n) for n in range(7)]
    counted = [d for d in days if first_day <= d <= today]
    if not counted:
        return WeekCell("·", "label")
    statuses = [reader.status(routine, d) for d in counted]
    done = statuses.count(DONE)
    if routine.times_per_week is None:
        due = sum(1 for s in statuses if s != PAUSED)
        if due == 0:
            return WeekCell("–", "paused")
        running = days[-1] >= today
        level = (
            "met" if done >= due else "running" if running else "missed" if done == 0 else "part"
        )
        return WeekCell(f"{done}/{due}", level)
    status = reader.week(routine, monday)
    level = "part" if status == MISSED and done else status  # met, running, paused, missed
    return WeekCell(f"{done}/{routine.times_per_week}", level)
