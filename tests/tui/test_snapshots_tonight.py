"""SVG snapshots of Tonight on the fixed demo journal (seed 7, 120 days, 2026-11-20 21:00)."""

from __future__ import annotations

import pytest
from support import loaded


async def _settle(pilot) -> None:
    for _ in range(4):
        await pilot.pause()
    await loaded(pilot, "streaks")  # the checklist's streaks come from a thread worker
    await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_tonight_snapshot(snap_compare, demo_service, make_app, size):
    app = make_app(demo_service())
    assert snap_compare(app, terminal_size=size, run_before=_settle)
