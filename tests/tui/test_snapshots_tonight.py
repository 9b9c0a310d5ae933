"""SVG snapshots of Tonight on the fixed demo journal (seed 7, 120 days, 2026-11-20 21:00)."""

from __future__ import annotations

import pytest


async def _settle(pilot) -> None:
    for _ in range(4):
        await pilot.pause()
    # The first streaks (in the checklist's headers) come from a thread worker: wait for it.
    app = pilot.app
    await app.workers.wait_for_complete([w for w in app.workers if w.group == "streaks"])
    for _ in range(2):
        await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_tonight_snapshot(snap_compare, demo_service, make_app, size):
    app = make_app(demo_service())
    assert snap_compare(app, terminal_size=size, run_before=_settle)
