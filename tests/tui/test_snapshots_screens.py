"""SVG snapshots of Diary and Progress on the fixed demo journal (seed 7, 120 days, 2026-11-20 21:00)."""

from __future__ import annotations

import pytest

SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])


def _open(key: str):
    async def run_before(pilot) -> None:
        await pilot.press(key)
        for _ in range(2):
            await pilot.pause()
        # The screen loads the journal in a thread worker: wait for it, then for the drawing.
        app = pilot.app
        await app.workers.wait_for_complete([w for w in app.workers if w.group == "load"])
        for _ in range(2):
            await pilot.pause()

    return run_before


@SIZES
def test_diary_snapshot(snap_compare, demo_service, make_app, size):
    app = make_app(demo_service())
    assert snap_compare(app, terminal_size=size, run_before=_open("d"))


@SIZES
def test_progress_snapshot(snap_compare, demo_service, make_app, size):
    app = make_app(demo_service())
    assert snap_compare(app, terminal_size=size, run_before=_open("p"))
