"""Episodes screen: starting and ending an episode, refused dates, the phase history."""

from __future__ import annotations

from datetime import timedelta

from support import DEMO_TODAY
from textual.widgets import Input

from backjournal.domain.models import Episode
from backjournal.tui.modals.date_action import DateActionModal
from backjournal.tui.screens.episodes import EpisodesScreen, PhaseHistory


async def open_episodes(pilot) -> EpisodesScreen:
    await pilot.press("e")
    await pilot.pause()
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, EpisodesScreen)
    return screen


async def answer(pilot, text: str) -> None:
    modal = pilot.app.screen
    assert isinstance(modal, DateActionModal)
    field = modal.query_one(Input)
    field.value = text
    field.focus()
    await pilot.press("enter")
    await pilot.pause()


async def test_start_then_end_an_episode(empty_service, make_service, make_app):
    app = make_app(empty_service)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_episodes(pilot)
        assert "No episodes yet" in str(screen.query_one(PhaseHistory).render())
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.query_one(Input).value == "today"
        await answer(pilot, "5 days ago")
        assert isinstance(app.screen, EpisodesScreen)
        assert make_service().journal().episodes == [Episode(DEMO_TODAY - timedelta(days=5))]
        assert "(day 6)" in str(screen.query_one(PhaseHistory).render())

        await pilot.press("c")
        await pilot.pause()
        await answer(pilot, "today")
    assert make_service().journal().episodes == [
        Episode(DEMO_TODAY - timedelta(days=5), DEMO_TODAY)
    ]


async def test_default_date_is_today(empty_service, make_service, make_app):
    app = make_app(empty_service)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_episodes(pilot)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
    assert make_service().journal().episodes == [Episode(DEMO_TODAY)]


async def test_cancel_and_refused_dates_change_nothing(empty_service, make_service, make_app):
    empty_service.start_episode(DEMO_TODAY - timedelta(days=10))
    app = make_app(empty_service)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_episodes(pilot)
        await pilot.press("c")
        await pilot.pause()
        await answer(pilot, "20 days ago")  # before the start
        modal = app.screen
        assert isinstance(modal, DateActionModal)
        assert "must end after" in str(modal.query_one("#date-action-error").render())
        await answer(pilot, "tomorrow-ish")
        assert "could not read" in str(modal.query_one("#date-action-error").render())
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, EpisodesScreen)
        await pilot.press("n")  # one is already open: refused before asking
        await pilot.pause()
        assert isinstance(app.screen, EpisodesScreen)
    assert make_service().journal().episodes == [Episode(DEMO_TODAY - timedelta(days=10))]


async def test_phase_history_shows_step_backs(empty_service, make_app):
    service = empty_service
    start = DEMO_TODAY - timedelta(days=20)
    service.start_episode(start)
    pains = {0: 6, 1: 5, 2: 4, 3: 3}
    for n in range(21):
        day = start + timedelta(days=n)
        service.log(day, {"pain": pains.get(n, 2)})
    # Day 11 onwards settled: stretching. Then a jump on day 18 steps back to mobility.
    service.log(start + timedelta(days=17), {"pain": 7})
    app = make_app(service)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_episodes(pilot)
        text = str(screen.query_one(PhaseHistory).render())
        assert "Stretching" in text
        assert "back to Gentle mobility" in text
        assert "Stepped back 1 time" in text
        assert "not medical advice" in text
