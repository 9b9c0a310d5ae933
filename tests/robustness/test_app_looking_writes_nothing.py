"""Looking writes nothing: stepping onto a stored day and off it never marks it unsaved or writes.

Each case is a day as an older version, an import or a hand edit may have stored it, with values
the form can't show exactly. The journal's files are compared byte for byte before and after.
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from app_support import SIZE, journal_bytes, make_app, other_process, start
from robustness_support import report
from support import DEMO_TODAY, settle
from textual.widgets import Input, TextArea

from backjournal.tui.modals.unsaved import UnsavedChangesModal
from backjournal.tui.widgets.checkin_values import FIELDS, as_shown, entry_values

SUITE = "app looking writes nothing"
YESTERDAY = DEMO_TODAY - timedelta(days=1)

# Each: the stored entry's fields besides pain 4 (as in the year file).
STORED_DAYS = {
    "tag with a space": {"tags": ["long drive", "garden"]},
    "tag with a comma and a hash": {"tags": ["a,b", "#c", "c"]},
    "empty and repeated tags": {"tags": ["", "walk", "walk", " walk "]},
    "tag with control characters": {"tags": ["\x1b[31mred", "bell\x07", "c1\x9b"]},
    "areas in another order, repeated": {"areas": ["leg-left", "lower-back", "leg-left"]},
    "notes with CRLF": {"notes": "line one\r\nline two\r\n"},
    "notes with a lone CR and mixed ends": {"notes": "a\rb\nc\r\nd"},
    "notes with control characters": {"notes": "title\x1b]0;pwned\x07 and \x9b31m and \x00"},
    "notes with line separators": {"notes": "a\u2028b\x85c\x0bd\x0ce"},
    "notes with a trailing newline and tabs": {"notes": "\tindented\n"},
    "notes of markup": {"notes": "[bold]x[/bold] [/] [link=http://x]y[/link]"},
    "worst below pain": {"worst": 1},
    "warning signs in another order, repeated": {
        "red_flags": ["saddle-numbness", "bladder-bowel", "saddle-numbness"]
    },
    "everything at once": {
        "worst": 0,
        "sleep": 10,
        "mood": 0,
        "areas": ["neck", "lower-back"],
        "tags": ["x y", "\x1b"],
        "notes": "\r\n\x1b",
        "rest": True,
    },
}


def store_by_hand(journal_dir: Path, fields: dict) -> None:
    """Both days as a hand-edited year file holds them (the meta file made by a real write first)."""
    other_process(journal_dir).log(YESTERDAY, {"pain": 1})
    entry = {"pain": 4, **fields}
    days = {
        str(i): {"date": day.isoformat(), "entry": entry, "ticks": []}
        for i, day in enumerate((YESTERDAY, DEMO_TODAY), start=1)
    }
    path = journal_dir / f"journal-{DEMO_TODAY.year}.json"
    path.write_text(json.dumps({"days": days}), encoding="utf-8")


@pytest.mark.parametrize("case", list(STORED_DAYS))
async def test_stepping_on_and_off_a_stored_day_writes_nothing(journal_dir, case):
    store_by_hand(journal_dir, STORED_DAYS[case])
    stored = other_process(journal_dir).day(DEMO_TODAY).entry
    assert stored is not None  # the file reads: these are values the journal holds
    before = journal_bytes(journal_dir)
    app = make_app(journal_dir)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        form = screen.query_one("#checkin")
        # The form shows the stored day as it can, and reads back the same normalised values.
        assert form.values() == as_shown(entry_values(stored)), case
        assert not screen.has_unsaved_changes(), screen.changes()
        assert "Saved" in str(screen.query_one("#tonight-save").label)
        for key in ("left_square_bracket", "right_square_bracket", "left_square_bracket"):
            await pilot.press(key)
            await settle(pilot)
            assert not isinstance(app.screen, UnsavedChangesModal), case
            assert not screen.has_unsaved_changes(), screen.changes()
        assert screen.day == YESTERDAY
        # Text from the file is in the form escaped, never raw.
        for text in (
            screen.query_one("#notes", TextArea).text,
            screen.query_one("#tags", Input).value,
        ):
            assert "\x1b" not in text and "\x07" not in text and "\x9b" not in text
        app.check_for_changes()  # the watcher finds nothing new, and writes nothing either
        await pilot.press("ctrl+s")  # "nothing new to save"
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert not isinstance(app.screen, UnsavedChangesModal)
    assert journal_bytes(journal_dir) == before
    report(SUITE, f"{case}: {sum(map(len, before.values()))} bytes unchanged")


async def test_an_edit_of_one_field_writes_that_field_only(journal_dir):
    fields = STORED_DAYS["everything at once"]
    store_by_hand(journal_dir, fields)
    app = make_app(journal_dir)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        await pilot.press("7")
        assert screen.changes() == {"pain": 7}
        await pilot.press("ctrl+s")
        await settle(pilot)
    doc = json.loads((journal_dir / f"journal-{DEMO_TODAY.year}.json").read_text("utf-8"))
    today = next(d for d in doc["days"].values() if d["date"] == DEMO_TODAY.isoformat())
    assert today["entry"]["pain"] == 7
    for field in FIELDS:
        if field in fields:  # what the form could not show is stored as it was
            assert today["entry"][field] == fields[field], field
