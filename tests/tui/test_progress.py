"""Progress screen: streaks (paused is not broken), heatmap modes, trend spans, weekly adherence."""

from __future__ import annotations

import time
from datetime import timedelta
from itertools import pairwise

from support import DEMO_TODAY

from backjournal.tui.screens.progress import ProgressScreen, StreakPanel
from backjournal.tui.widgets.calendar_heatmap import CalendarHeatmap
from backjournal.tui.widgets.pain_trend import PainTrend, buckets
from backjournal.tui.widgets.progress_data import compute_progress
from backjournal.tui.widgets.weekly_adherence import WeeklyAdherence


async def loaded(pilot) -> None:
    """Let the screen's journal load (a thread worker) finish, and what it shows be drawn."""
    await pilot.pause()
    app = pilot.app
    await app.workers.wait_for_complete([w for w in app.workers if w.group == "load"])
    await pilot.pause()


async def open_progress(pilot) -> ProgressScreen:
    await pilot.press("p")
    await pilot.pause()
    await loaded(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ProgressScreen)
    return screen


def panel_text(screen: ProgressScreen) -> str:
    return str(screen.query_one(StreakPanel).render())


async def test_streaks_match_the_domain(demo_service, make_app):
    service = demo_service(days=120)
    streaks = service.streaks(DEMO_TODAY)
    app = make_app(service)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_progress(pilot)
        text = panel_text(screen)
        assert "Nightly journal" in text
        assert f"best {streaks.journal.best}" in text
        for routine in service.journal().routines:
            assert routine.name in text


async def test_map_and_chart_switch_without_reloading(demo_service, make_app):
    service = demo_service(days=120)
    app = make_app(service)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_progress(pilot)
        heatmap = screen.query_one(CalendarHeatmap)
        assert heatmap.cells is screen.data.pain_cells
        data = screen.data
        await pilot.press("m")
        assert heatmap.cells is screen.data.adherence_cells
        assert "Exercise days" in str(screen.query_one("#progress-map-heading").render())
        await pilot.press("m")
        assert heatmap.cells is screen.data.pain_cells
        trend = screen.query_one(PainTrend)
        assert trend.days == 90
        await pilot.press("c")
        assert trend.days == 365
        await pilot.press("c")
        assert trend.days == 30
        assert screen.data is data  # switching views redraws from the same snapshot


async def test_paused_routine_is_shown_as_paused_not_broken(empty_service, make_app):
    service = empty_service
    # Five nights of stretching, then a flare: the episode starts in gentle mobility,
    # which does not allow stretching, so the stretching routine is paused, not missed.
    stretching = next(r for r in service.journal().routines if r.id == "stretching")
    for back in range(8, 3, -1):
        day = DEMO_TODAY - timedelta(days=back)
        service.log(day, {"pain": 2})
        for exercise in stretching.exercises:
            service.tick(day, exercise)
    service.start_episode(DEMO_TODAY - timedelta(days=3))
    for back in range(3, -1, -1):
        service.log(DEMO_TODAY - timedelta(days=back), {"pain": 6})
    streak = service.streaks(DEMO_TODAY).routine("stretching")
    assert streak.current == 5 and streak.today == "paused"

    app = make_app(service)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_progress(pilot)
        line = next(t for t in panel_text(screen).splitlines() if t.startswith("Stretching"))
        assert "5 days in a row" in line
        assert "paused today" in line
        rows = dict(screen.data.adherence_rows)
        # Monday 16 Nov was done; the four paused days since then are not due.
        assert rows["Stretching"][-1].text == "1/1"
        for back in range(3):
            assert screen.data.adherence_cells[DEMO_TODAY - timedelta(days=back)] in (
                "paused",
                "none",
            )


async def test_empty_journal_shows_kind_words(empty_service, make_app):
    app = make_app(empty_service)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_progress(pilot)
        assert "none yet" in panel_text(screen)
        assert screen.data.pain_cells == {}


def test_heatmap_levels_and_trend_buckets(demo_service):
    service = demo_service(days=120)
    journal = service.journal()
    data = compute_progress(journal, DEMO_TODAY, service.settings.advisor)
    for day, level in data.pain_cells.items():
        pain = journal.entry_on(day).pain
        # The domain's one pain scale (issue 10): 0-3 low, 4-6 mid, 7-10 high.
        assert level == ("low" if pain <= 3 else "mid" if pain <= 6 else "high")
    spans = buckets(DEMO_TODAY - timedelta(days=364), 365, 90)
    assert len(spans) == 90
    assert spans[0][0] == DEMO_TODAY - timedelta(days=364) and spans[-1][1] == DEMO_TODAY
    assert all(b[0] == a[1] + timedelta(days=1) for a, b in pairwise(spans))


def test_ten_year_journal_computes_quickly(demo_service):
    service = demo_service(days=3650)
    journal = service.journal()
    started = time.perf_counter()
    compute_progress(journal, DEMO_TODAY, service.settings.advisor)
    service.streaks(DEMO_TODAY, journal=journal)
    # About 30 ms on the development machine; the bound leaves room for a slow CI box.
    assert time.perf_counter() - started < 0.5


async def test_weekly_adherence_fits_80_columns(demo_service, make_app):
    app = make_app(demo_service(days=120))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_progress(pilot)
        widget = screen.query_one(WeeklyAdherence)
        lines = str(widget.render()).splitlines()
        assert lines and max(len(line) for line in lines) <= widget.size.width


async def test_a_young_journal_shows_the_last_30_days(demo_service, make_app):
    """Issue 10: empty states teach; 13 days are not squeezed into a 90-day chart."""
    app = make_app(demo_service(days=13))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_progress(pilot)
        assert screen.span == 30
        heading = str(screen.query_one("#progress-trend-heading").render())
        assert "last 30 days" in heading
        await pilot.press("c")  # the user's choice then stands
        await pilot.pause()
        assert screen.span == 90


async def test_an_older_journal_shows_90_days(demo_service, make_app):
    app = make_app(demo_service(days=120))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_progress(pilot)
        assert screen.span == 90
