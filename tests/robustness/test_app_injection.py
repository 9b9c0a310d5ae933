"""No injection through the app: text stored by hand reaches no widget raw, and no markup applies.

The journal's files are written as an old version or a hand edit may have left them (input
refuses these since): escape sequences, C1 controls and markup in notes, tags, exercise names and
how-tos, routine names. Every screen is drawn, and what it draws is checked.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from app_support import SIZE, make_app, other_process, start
from robustness_support import report
from support import DEMO_TODAY, settle

from backjournal.domain.models import Exercise, Routine
from backjournal.tui.screens.routines import LibraryList

SUITE = "app injection"
HOSTILE = {
    "OSC title": "\x1b]0;pwned\x07",
    "OSC 52 clipboard": "\x1b]52;c;cm0gLXJmIH4=\x07",
    "CSI clear": "\x1b[2J\x1b[31m",
    "C1 CSI": "\x9b31m",
    "bell and backspace": "\x07\x08",
    "markup": "[bold]BOLD[/bold][/]",
}
# What a terminal may read as (part of) an escape sequence.
RAW = ["\x1b", "\x07", "\x08", "\x9b", "\x9c", "\x9d"]


def plant(journal_dir: Path, placeholder: str, text: str) -> None:
    """Swap the placeholder for the hostile text in every journal file, as a hand edit would."""
    quoted = json.dumps(text)[1:-1]
    for path in journal_dir.glob("journal-*.json"):
        path.write_text(path.read_text("utf-8").replace(placeholder, quoted), "utf-8")


def hostile_journal(journal_dir: Path, text: str) -> None:
    other = other_process(journal_dir)
    other.add_exercise(
        Exercise(
            "zzname", "ZZNAME", "mobility", "lower-back", 1, 5, None, "both", "ZZHOWTO", "ZZCARE"
        )
    )
    other.save_routine(Routine("zzroutine", "ZZROUTINE", ("zzname",)))
    other.log(DEMO_TODAY, {"pain": 3, "notes": "ZZNOTES", "tags": ["ZZTAG"]})
    other.tick(DEMO_TODAY, "zzname")
    for placeholder in ("ZZNAME", "ZZHOWTO", "ZZCARE", "ZZROUTINE", "ZZNOTES", "ZZTAG"):
        plant(journal_dir, placeholder, f"{placeholder.lower()}{text}end")


def raw_in(shot: str) -> list[str]:
    return [c for c in RAW if c in shot]


@pytest.mark.parametrize("case", list(HOSTILE))
async def test_hostile_text_reaches_no_screen_raw(journal_dir, case):
    hostile_journal(journal_dir, HOSTILE[case])
    app = make_app(journal_dir)
    screens = 0
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        assert app.unusable is None, app.unusable
        for key in ("t", "d", "p", "r", "e", "s", "t"):
            await pilot.press("escape", key)
            await settle(pilot, 5)
            if key == "r":  # the library: show the custom exercise's how-to
                library = app.screen.query_one(LibraryList)
                library.focus()
                ids = [e.id for e in app.screen.library]
                library.highlighted = ids.index("zzname")
                await settle(pilot)
            shot = app.export_screenshot()
            assert raw_in(shot) == [], (case, key)
            if case == "markup" and key in ("t", "d", "r"):  # shown as written, not applied
                assert "[bold]BOLD[/bold]" in shot.replace("&#160;", " "), key
            screens += 1
        app.notify(f"note {HOSTILE[case]} end", title=f"title {HOSTILE[case]}")
        await settle(pilot)
        assert raw_in(app.export_screenshot()) == [], case
        if case == "markup":  # shown as written, brackets and all
            assert "[bold]BOLD[/bold]" in app.export_screenshot().replace("&#160;", " ")
    report(SUITE, f"{case}: {screens} screens and a notice drawn, 0 raw escapes")
