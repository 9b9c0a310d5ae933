"""No lost update: the app holds unsaved edits while another process writes the same day.

The other process is a second `open_journal` on the same folder (its own store, cache and lock),
as `backjournal log` in another terminal would be. Each test asserts on what is stored.
"""

from __future__ import annotations

import pytest
from app_support import SIZE, journal_bytes, make_app, other_process, start
from robustness_support import report
from support import DEMO_TODAY, settle
from textual.widgets import TextArea

from backjournal.tui.modals.conflict import ConflictModal

SUITE = "app lost update"


async def test_a_field_saved_elsewhere_is_kept_when_the_app_saves_another(journal_dir):
    other = other_process(journal_dir)
    other.log(DEMO_TODAY, {"pain": 3})
    app = make_app(journal_dir)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        await pilot.press("6")
        other.log(DEMO_TODAY, {"notes": "written by backjournal log", "sleep": 4})
        await pilot.press("ctrl+s")  # the watcher has not looked yet: the form is stale
        await settle(pilot)
        assert not isinstance(app.screen, ConflictModal)
        assert not screen.has_unsaved_changes()
    entry = other_process(journal_dir).day(DEMO_TODAY).entry
    assert (entry.pain, entry.sleep, entry.notes) == (6, 4, "written by backjournal log")
    report(SUITE, "disjoint changes: both kept")


async def test_a_tick_made_elsewhere_is_not_undone_by_a_save(journal_dir):
    other = other_process(journal_dir)
    other.log(DEMO_TODAY, {"pain": 3})
    app = make_app(journal_dir)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await pilot.press("5")
        other.tick(DEMO_TODAY, "chin-tuck")
        other.tick(DEMO_TODAY, "pelvic-tilt", anyway=True)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.check_for_changes() is False  # our own save is no news to the watcher
        other.untick(DEMO_TODAY, "pelvic-tilt")
        assert app.check_for_changes() is True
        await settle(pilot)
        shown = app.screen._journal.ticks_on(DEMO_TODAY)  # what the checklist is drawn from
        assert "chin-tuck" in shown and "pelvic-tilt" not in shown
    day = other_process(journal_dir).day(DEMO_TODAY)
    assert day.entry.pain == 5
    assert set(day.ticks) == {"chin-tuck"}


@pytest.mark.parametrize(
    ("button", "stored_pain", "still_unsaved"),
    [
        ("#conflict-keep-mine", 6, False),
        ("#conflict-keep-theirs", 7, False),
        ("#conflict-cancel", 7, True),
    ],
)
async def test_a_field_both_changed_is_asked_and_nothing_is_written_until_chosen(
    journal_dir, button, stored_pain, still_unsaved
):
    other = other_process(journal_dir)
    other.log(DEMO_TODAY, {"pain": 3, "mood": 5})
    app = make_app(journal_dir)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        await pilot.press("6")
        other.log(DEMO_TODAY, {"pain": 7, "mood": 8})
        before = journal_bytes(journal_dir)
        await pilot.press("ctrl+s")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ConflictModal)
        assert "6/10" in str(dialog.query_one("#conflict-mine").render())
        assert "7/10" in str(dialog.query_one("#conflict-theirs").render())
        assert journal_bytes(journal_dir) == before  # nothing written while it asks
        await pilot.click(button)
        await settle(pilot)
        assert app.screen is screen
        assert screen.has_unsaved_changes() is still_unsaved
        if still_unsaved:
            assert journal_bytes(journal_dir) == before
    entry = other_process(journal_dir).day(DEMO_TODAY).entry
    assert (entry.pain, entry.mood) == (stored_pain, 8)  # mood: changed elsewhere only, kept
    report(
        SUITE,
        f"conflict on pain, {button.removeprefix('#conflict-')}: {n_bytes(before)} bytes unchanged while asked",
    )


def n_bytes(files: dict[str, bytes]) -> int:
    return sum(len(b) for b in files.values())


async def test_notes_both_changed_can_keep_both(journal_dir):
    other = other_process(journal_dir)
    other.log(DEMO_TODAY, {"pain": 3, "notes": "first"})
    app = make_app(journal_dir)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        notes = screen.query_one("#notes", TextArea)
        notes.focus()
        notes.load_text("first, and a walk")  # as if typed: the form hears of it
        notes.post_message(TextArea.Changed(notes))
        await settle(pilot)
        assert screen.has_unsaved_changes()
        other.log(DEMO_TODAY, {"notes": "first; heat pack (from the phone)"})
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConflictModal)
        await pilot.click("#conflict-keep-both")
        await settle(pilot)
        assert not screen.has_unsaved_changes()
    notes_stored = other_process(journal_dir).day(DEMO_TODAY).entry.notes
    assert notes_stored == "first; heat pack (from the phone)\n\nfirst, and a walk"


async def test_the_watcher_refreshes_what_is_not_edited_and_keeps_the_edits_base(journal_dir):
    other = other_process(journal_dir)
    other.log(DEMO_TODAY, {"pain": 3})
    app = make_app(journal_dir)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        assert app.check_for_changes() is False
        await pilot.press("6")
        other.log(DEMO_TODAY, {"pain": 7, "notes": "from the CLI"})
        assert app.check_for_changes() is True
        await settle(pilot)
        # The note (not edited here) shows what was written; the pain typed here stays.
        assert screen.query_one("#notes", TextArea).text == "from the CLI"
        assert screen.changes() == {"pain": 6}
        # ...and its base is still the 3 it was changed from: saving asks, it does not overwrite.
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConflictModal)
        await pilot.click("#conflict-keep-mine")
        await settle(pilot)
    entry = other_process(journal_dir).day(DEMO_TODAY).entry
    assert (entry.pain, entry.notes) == (6, "from the CLI")


async def test_a_day_logged_elsewhere_while_the_app_shows_it_new_is_not_overwritten(journal_dir):
    app = make_app(journal_dir)
    other = other_process(journal_dir)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await pilot.press("4")
        other.log(DEMO_TODAY, {"pain": 8, "tags": ["garden"]})
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConflictModal)
        await pilot.click("#conflict-keep-theirs")
        await settle(pilot)
    entry = other_process(journal_dir).day(DEMO_TODAY).entry
    assert (entry.pain, entry.tags) == (8, ("garden",))
