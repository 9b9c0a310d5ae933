"""The weekly function score (PSFS) from Tonight: the nudge when due, and rating by digits."""

from __future__ import annotations

from datetime import timedelta

from support import DEMO_TODAY, settle
from textual.widgets import Input

from backjournal.tui.modals.psfs_rating import PsfsRatingModal
from backjournal.tui.screens.tonight import TonightScreen
from backjournal.tui.widgets.key_clock import FakeKeyClock
from backjournal.tui.widgets.psfs_nudge import PsfsNudge
from backjournal.tui.widgets.score_bar import ScoreBar

ACTIVITIES = ("putting on socks", "sitting an hour", "carrying shopping")


def with_activities(service, rated_days_ago: int | None = None):
    for name in ACTIVITIES:
        service.psfs_add(name)
    if rated_days_ago is not None:
        service.psfs_rate(DEMO_TODAY - timedelta(days=rated_days_ago), [3, 4, 5])
    return service


async def nudge_shown(pilot) -> bool:
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, TonightScreen)
    nudge = screen.query_one(PsfsNudge)
    return nudge.has_class("-due") and nudge.display and "press a" in str(nudge.render())


async def open_rating(pilot) -> tuple[PsfsRatingModal, FakeKeyClock]:
    await settle(pilot)
    await pilot.press("a")
    await settle(pilot)
    modal = pilot.app.screen
    assert isinstance(modal, PsfsRatingModal)
    clock = FakeKeyClock()
    for bar in modal.query(ScoreBar):
        bar.clock = clock
    return modal, clock


async def test_the_nudge_shows_7_days_after_the_last_rating(empty_service, make_app):
    app = make_app(with_activities(empty_service, rated_days_ago=7))
    async with app.run_test(size=(100, 30)) as pilot:
        assert await nudge_shown(pilot)


async def test_the_nudge_shows_when_never_rated(empty_service, make_app):
    app = make_app(with_activities(empty_service))
    async with app.run_test(size=(100, 30)) as pilot:
        assert await nudge_shown(pilot)


async def test_no_nudge_6_days_after_a_rating(empty_service, make_app):
    app = make_app(with_activities(empty_service, rated_days_ago=6))
    async with app.run_test(size=(100, 30)) as pilot:
        assert not await nudge_shown(pilot)


async def test_no_nudge_without_activities(empty_service, make_app):
    app = make_app(empty_service)
    async with app.run_test(size=(100, 30)) as pilot:
        assert not await nudge_shown(pilot)


async def test_rating_from_tonight_by_digits(empty_service, make_service, make_app):
    app = make_app(with_activities(empty_service, rated_days_ago=8))
    async with app.run_test(size=(100, 30)) as pilot:
        assert await nudge_shown(pilot)
        _, clock = await open_rating(pilot)
        # 4, then 1 0 (= 10), then 7: each digit moves on; enter on Save.
        await pilot.press("4", "1")
        clock.advance(0.3)
        await pilot.press("0", "7")
        await settle(pilot)
        assert pilot.app.focused is not None and pilot.app.focused.id == "psfs-save"
        await pilot.press("enter")
        assert not await nudge_shown(pilot)  # rated today: no longer due
    ratings = make_service().psfs().ratings
    assert ratings[-1].date == DEMO_TODAY
    assert dict(ratings[-1].scores) == {"1": 4, "2": 10, "3": 7}


async def test_a_lone_1_stands_and_the_next_digit_goes_to_the_next_activity(
    empty_service, make_service, make_app
):
    app = make_app(with_activities(empty_service))
    async with app.run_test(size=(100, 30)) as pilot:
        _, clock = await open_rating(pilot)
        await pilot.press("1", "5")
        clock.advance(2)
        await pilot.press("1")
        clock.advance(2)  # the pause: 1 stands, the focus moves on to Save
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert dict(make_service().psfs().ratings[-1].scores) == {"1": 1, "2": 5, "3": 1}


async def test_a_missing_score_saves_nothing(empty_service, make_service, make_app):
    app = make_app(with_activities(empty_service))
    async with app.run_test(size=(100, 30)) as pilot:
        modal, _ = await open_rating(pilot)
        await pilot.press("6", "ctrl+s")
        await settle(pilot)
        assert pilot.app.screen is modal  # still open, saying what is missing
        assert "sitting an hour" in str(modal.query_one("#psfs-error").render())
        await pilot.press("escape")
        await settle(pilot)
    assert make_service().psfs().ratings == ()


async def test_without_activities_the_dialog_asks_for_names_first(
    empty_service, make_service, make_app
):
    app = make_app(empty_service)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        modal = pilot.app.screen
        assert isinstance(modal, PsfsRatingModal)
        assert "backjournal psfs add" in str(modal.query_one(".dialog-body").render())
        assert len(modal.query(Input)) == 5
        await pilot.press(*"socks", "enter", *"desk", "ctrl+s")  # only two: refused
        await settle(pilot)
        assert make_service().psfs().activities == ()
        await pilot.press("enter", *"stairs", "ctrl+s")
        await settle(pilot)
        assert [a.name for a in make_service().psfs().activities] == ["socks", "desk", "stairs"]
        assert len(modal.query(ScoreBar)) == 3  # now the scores, in the same dialog
        clock = FakeKeyClock()
        for bar in modal.query(ScoreBar):
            bar.clock = clock
        await pilot.press("2", "3", "4", "enter")
        await settle(pilot)
    assert dict(make_service().psfs().ratings[-1].scores) == {"1": 2, "2": 3, "3": 4}


async def test_the_palette_command_opens_the_dialog_from_another_screen(empty_service, make_app):
    app = make_app(with_activities(empty_service))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        app.action_rate_psfs()
        await settle(pilot)
        assert isinstance(app.screen, PsfsRatingModal)
        assert "Rate the weekly function score" in [
            c.title for c in app.get_system_commands(app.screen)
        ]


async def test_before_4am_the_nudge_counts_from_last_nights_journal_day(make_service, make_app):
    # Rated 7 days before DEMO_TODAY; at 02:30 on DEMO_TODAY it is still the night before.
    from datetime import datetime, time

    early = make_service(now=datetime.combine(DEMO_TODAY, time(2, 30)))
    app = make_app(with_activities(early, rated_days_ago=7))
    async with app.run_test(size=(100, 30)) as pilot:
        assert not await nudge_shown(pilot)
    evening = make_service(now=datetime.combine(DEMO_TODAY, time(21, 0)))
    async with make_app(evening).run_test(size=(100, 30)) as pilot:
        assert await nudge_shown(pilot)


async def test_a_typed_in_the_notes_is_text_not_the_dialog(empty_service, make_app):
    app = make_app(with_activities(empty_service))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.screen.query_one("#notes").focus()
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, TonightScreen)
        assert app.screen.query_one("#notes").text == "a"
