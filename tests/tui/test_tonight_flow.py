"""Issue 10 on Tonight and the Diary: days, dialogs, `t`, red flags, the one pain scale."""

from __future__ import annotations

from datetime import date, timedelta

from backjournal.domain.vocab import pain_band
from backjournal.tui.modals.confirm import ConfirmModal
from backjournal.tui.modals.too_soon import TooSoonModal
from backjournal.tui.screens.diary import DiaryScreen, DiaryTable
from backjournal.tui.screens.progress import PAIN_LEGEND
from backjournal.tui.screens.tonight import TonightScreen
from backjournal.tui.widgets.checklist import Checklist
from backjournal.tui.widgets.pain_trend import pain_level
from backjournal.tui.widgets.score_bar import BAND_STYLES, level_style

TODAY = date(2026, 11, 20)  # the fixed clock of conftest.py


async def settle(pilot, times: int = 3) -> None:
    for _ in range(times):
        await pilot.pause()


async def tonight(pilot) -> TonightScreen:
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, TonightScreen)
    return screen


async def test_each_day_opens_on_its_first_unticked_item(empty_service, make_app):
    empty_service.tick_many(TODAY, ["march-in-place", "chin-tuck"])
    empty_service.tick_many(TODAY - timedelta(days=1), ["march-in-place"])
    app = make_app(empty_service)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await tonight(pilot)
        checklist = screen.query_one(Checklist)
        assert checklist.highlighted_option.id == "ex:cat-cow"
        checklist.focus()
        await pilot.press("down", "down", "down")  # the cursor wanders off tonight...
        await pilot.press("left_square_bracket")  # ...and yesterday opens on its own first
        await settle(pilot)
        assert screen.day == TODAY - timedelta(days=1)
        assert checklist.highlighted_option.id == "ex:chin-tuck"


async def test_keys_typed_while_a_dialog_opens_are_the_dialogs(
    empty_service, make_service, make_app
):
    empty_service.start_episode(TODAY - timedelta(days=2))  # mobility: stretching is too soon
    app = make_app(empty_service)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await tonight(pilot)
        checklist = screen.query_one(Checklist)
        checklist.focus()
        checklist.highlighted = checklist.get_option_index("fold:stretching")
        await pilot.press("space")
        await pilot.pause()
        checklist.highlighted = checklist.get_option_index("ex:psoas-stretch")
        # Space opens the dialog; the keys right behind it must not tick the list behind.
        await pilot.press("space", "up", "space", "up", "space")
        await settle(pilot)
        assert isinstance(app.screen, TooSoonModal)
        await pilot.press("escape")
        await settle(pilot)
    assert make_service().day(TODAY).ticks == {}


async def test_t_goes_back_to_tonight_from_a_past_day(empty_service, make_app):
    app = make_app(empty_service)
    async with app.run_test(size=(100, 30)) as pilot:
        await tonight(pilot)
        await app.open_day(TODAY - timedelta(days=5)).wait()
        await settle(pilot)
        assert app.screen.day == TODAY - timedelta(days=5)
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, TonightScreen) and app.screen.day == TODAY
        await pilot.press("d")
        await settle(pilot)
        await app.open_day(TODAY - timedelta(days=2)).wait()
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("t")  # from another screen too
        await settle(pilot)
        assert isinstance(app.screen, TonightScreen) and app.screen.day == TODAY


async def test_the_banner_clears_red_flags_after_asking(empty_service, make_service, make_app):
    empty_service.start_episode(TODAY - timedelta(days=12))
    for back in range(12, 0, -1):
        empty_service.log(TODAY - timedelta(days=back), {"pain": 2})
    empty_service.log(TODAY - timedelta(days=3), {"red_flags": ["bladder-bowel"]})
    app = make_app(empty_service)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await tonight(pilot)
        banner = screen.query_one("#red-flag-banner")
        assert banner.display
        text = str(screen.query_one("#red-flag-text").render())
        assert "17 Nov" in text and "today" not in text.lower()
        button = screen.query_one("#clear-red-flags")
        assert button.display
        button.press()
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        await pilot.click("#confirm-yes")
        await settle(pilot, 5)
        assert not screen.query_one("#red-flag-banner").display
    service = make_service()
    assert [c.date for c in service.red_flags()[1]] == [TODAY]
    assert not service.advise(TODAY).has("red_flag")


async def test_a_past_days_banner_never_says_today(empty_service, make_app):
    empty_service.log(TODAY - timedelta(days=4), {"pain": 3, "red_flags": ["fever"]})
    app = make_app(empty_service)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await tonight(pilot)
        await app.open_day(TODAY - timedelta(days=4)).wait()
        await settle(pilot)
        text = str(screen.query_one("#red-flag-text").render())
        assert "Mon 16 Nov" in text and "today" not in text.lower()


async def test_the_diary_marks_red_flag_days(empty_service, make_app):
    empty_service.log(TODAY - timedelta(days=1), {"pain": 3, "red_flags": ["fever"]})
    empty_service.log(TODAY - timedelta(days=2), {"pain": 2, "notes": "calm"})
    app = make_app(empty_service)
    async with app.run_test(size=(100, 30)) as pilot:
        await tonight(pilot)
        await pilot.press("d")
        await pilot.pause()
        await app.workers.wait_for_complete([w for w in app.workers if w.group == "load"])
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DiaryScreen)
        table = screen.query_one(DiaryTable)
        notes = [str(table.get_row_at(i)[4]) for i in range(table.row_count)]
        assert notes[0].startswith("⚠ warning signs")
        assert "warning" not in notes[1]


def test_one_pain_scale_everywhere():
    for pain in range(11):
        band = pain_band(pain)
        assert pain_level(pain) == band  # the Diary, the heatmap and the trend
        assert level_style(pain) == BAND_STYLES[band]  # Tonight's score bars
    assert [level for _, level in PAIN_LEGEND[1:]] == ["low", "mid", "high"]
    assert PAIN_LEGEND[1][0] == "pain 0-3" and PAIN_LEGEND[3][0] == "7-10"


async def test_the_advisor_stays_in_view_while_ticking_down_the_list(empty_service, make_app):
    empty_service.log(TODAY - timedelta(days=1), {"pain": 8})  # a warning to keep in view
    app = make_app(empty_service)
    async with app.run_test(size=(100, 24)) as pilot:
        screen = await tonight(pilot)
        advisor = screen.query_one("#advisor")
        checklist = screen.query_one(Checklist)
        await pilot.press("c")
        for _ in range(len(checklist.session.items) - 1):
            await pilot.press("space")
            await settle(pilot, 2)
            assert advisor.region.y >= 0 and screen.region.contains_region(advisor.region)
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert screen.region.contains_region(advisor.region)


async def test_w_brings_the_warning_into_view_at_80_by_24(empty_service, make_app):
    empty_service.log(TODAY - timedelta(days=1), {"pain": 2})
    empty_service.log(TODAY, {"pain": 8})
    app = make_app(empty_service)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await tonight(pilot)
        summary = str(screen.query_one("#tonight-summary").render())
        assert "warning" in summary and "w: read" in summary
        advisor = screen.query_one("#advisor")
        assert not screen.region.contains_region(advisor.region)  # below the form
        await pilot.press("w")
        await settle(pilot)
        assert advisor.region.y < screen.region.height


async def test_how_to_is_one_key_away_and_f_goes_back_to_the_form(empty_service, make_app):
    from backjournal.tui.modals.how_to import HowToModal

    app = make_app(empty_service)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await tonight(pilot)
        await pilot.press("c", "down", "i")  # chin tuck's how-to
        await settle(pilot)
        assert isinstance(app.screen, HowToModal)
        assert "double chin" in str(app.screen.query_one("#how-to").render())
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen
        await pilot.press("f")
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "pain"


async def test_sleep_says_what_it_means(empty_service, make_app):
    app = make_app(empty_service)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await tonight(pilot)
        sleep = screen.query_one("#sleep")
        sleep.focus()
        await pilot.pause()
        assert "0 = awful, 10 = slept well" in str(sleep.render())
