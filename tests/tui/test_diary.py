"""Diary screen: listing, filters, opening a past day for editing, deleting with confirmation."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from support import DEMO_TODAY
from textual.widgets import Input

from backjournal.tui.modals.confirm import ConfirmModal
from backjournal.tui.screens.diary import DiaryScreen, DiaryTable


async def loaded(pilot) -> None:
    """Let the screen's journal load (a thread worker) finish, and what it shows be drawn."""
    await pilot.pause()
    app = pilot.app
    await app.workers.wait_for_complete([w for w in app.workers if w.group == "load"])
    await pilot.pause()


async def open_diary(pilot) -> DiaryScreen:
    await pilot.press("d")
    await pilot.pause()
    await loaded(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, DiaryScreen)
    return screen


def entry_dates(service) -> list[date]:
    return sorted(
        (d for d, day in service.journal().days.items() if day.entry is not None), reverse=True
    )


async def test_lists_every_entry_newest_first(demo_service, make_app):
    service = demo_service(days=40)
    app = make_app(service)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_diary(pilot)
        table = screen.query_one(DiaryTable)
        expected = entry_dates(service)
        assert screen.shown == expected
        assert table.row_count == len(expected)
        assert str(table.get_row_at(0)[0]) == expected[0].isoformat()


async def test_filter_by_tag_then_clear(demo_service, make_app):
    service = demo_service(days=120)
    journal = service.journal()
    tags = Counter(t for day in journal.days.values() if day.entry for t in day.entry.tags)
    assert tags, "the demo journal should have some tags"
    tag = tags.most_common(1)[0][0]
    tagged = sorted(
        (d for d, day in journal.days.items() if day.entry and tag in day.entry.tags), reverse=True
    )
    app = make_app(service)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_diary(pilot)
        await pilot.press("slash")
        await pilot.press(*f"#{tag}")
        await pilot.pause()
        assert screen.shown == tagged
        await pilot.press("escape")
        await pilot.pause()
        assert screen.shown == entry_dates(service)


async def test_filter_by_words_in_notes(empty_service, make_app):
    empty_service.log(
        DEMO_TODAY - timedelta(days=2), {"pain": 4, "notes": "Long drive to Leeds\nsore after"}
    )
    empty_service.log(DEMO_TODAY - timedelta(days=1), {"pain": 2, "notes": "easy day"})
    app = make_app(empty_service)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_diary(pilot)
        screen.query_one("#diary-words", Input).value = "leeds drive"
        await pilot.pause()
        assert screen.shown == [DEMO_TODAY - timedelta(days=2)]
        screen.query_one("#diary-words", Input).value = "nothing-like-this"
        await pilot.pause()
        assert screen.shown == []
        assert "nothing matches" in str(screen.query_one("#diary-message").render())


async def test_date_range_and_a_bad_date_changes_nothing(demo_service, make_app):
    service = demo_service(days=60)
    app = make_app(service)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_diary(pilot)
        await pilot.click("#diary-from")
        await pilot.press(*"10 days ago", "enter")
        await pilot.pause()
        start = DEMO_TODAY - timedelta(days=10)
        assert screen.shown and min(screen.shown) >= start
        assert screen.shown == [d for d in entry_dates(service) if d >= start]
        before = list(screen.shown)

        await pilot.click("#diary-to")
        await pilot.press(*"the day after never", "enter")
        await pilot.pause()
        message = str(screen.query_one("#diary-message").render())
        assert "not changed" in message and "could not read" in message
        assert screen.shown == before
        assert screen.filter.end is None

        screen.query_one("#diary-to", Input).value = "2030-01-01"
        await pilot.press("enter")
        await pilot.pause()
        assert "future" in str(screen.query_one("#diary-message").render())
        assert screen.shown == before


async def test_delete_asks_first_and_no_keeps_the_entry(demo_service, make_service, make_app):
    service = demo_service(days=20)
    newest = entry_dates(service)[0]
    app = make_app(service)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_diary(pilot)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("enter")  # the focused answer is the safe one: keep it
        await pilot.pause()
        assert isinstance(app.screen, DiaryScreen)
    assert make_service().day(newest).entry is not None


async def test_delete_yes_removes_the_entry_but_keeps_ticks(demo_service, make_service, make_app):
    service = demo_service(days=20)
    target = entry_dates(service)[1]
    ticks_before = dict(service.day(target).ticks)
    app = make_app(service)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_diary(pilot)
        await pilot.press("down")
        assert screen.highlighted_day() == target
        await pilot.press("delete")
        await pilot.pause()
        await pilot.click("#confirm-yes")
        await loaded(pilot)
        assert target not in screen.shown
    stored = make_service().day(target)
    assert stored.entry is None
    assert dict(stored.ticks) == ticks_before


async def test_enter_opens_a_past_day_for_editing(demo_service, make_service, make_app):
    service = demo_service(days=30)
    target = entry_dates(service)[3]
    old = service.day(target).entry
    new_pain = 9 if old.pain != 9 else 8
    app = make_app(service)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_diary(pilot)
        for _ in range(3):
            await pilot.press("down")
        assert screen.highlighted_day() == target
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        tonight = app.screen
        assert app.current_mode == "tonight"
        assert tonight.day == target
        await pilot.press(str(new_pain))
        await pilot.press("ctrl+s")
        await pilot.pause()
    stored = make_service().day(target).entry
    assert stored.pain == new_pain
    assert stored.notes == old.notes and stored.areas == old.areas


async def test_a_write_from_another_process_shows_up(empty_service, make_service, make_app):
    empty_service.log(DEMO_TODAY - timedelta(days=3), {"pain": 3})
    app = make_app(empty_service)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_diary(pilot)
        assert screen.shown == [DEMO_TODAY - timedelta(days=3)]
        other = make_service()  # e.g. `backjournal log` from a script while the app is open
        other.log(DEMO_TODAY - timedelta(days=1), {"pain": 5, "notes": "logged from a script"})
        await pilot.press("f5")
        await loaded(pilot)
        assert screen.shown == [DEMO_TODAY - timedelta(days=1), DEMO_TODAY - timedelta(days=3)]
        other.delete_entry(DEMO_TODAY - timedelta(days=3))
        await pilot.press("t")
        await pilot.pause()
        await open_diary(pilot)  # shown again: reloaded
        await pilot.pause()
        assert screen.shown == [DEMO_TODAY - timedelta(days=1)]
