"""The guided session's timer against real time, in-process; run by run.py; prints JSON.

    python benchmarks/session_timer.py DATA_DIR HOLD_S

The real app runs headless (Textual's run_test, 80x24) on a copy of a journal, with the real
monotonic clock as its clock seam. The Session screen plays one hold of HOLD_S seconds (no
settle before it); each exercise it finishes is written to the journal as in use. Measured:

* the hold as scheduled (its end minus its start, on the monotonic clock: exact by design);
* when the screen acted on its end (rang the bell) against the ideal end: the lateness a user
  sees, bounded by the poll interval (0.1 s) plus any frame the event loop was late with;
* the longest gap between two polls of the timer during the hold, against the 0.1 s interval:
  a gap well above it is a dropped frame.

Not a pty: the terminal's own rendering is not in the figure.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from backjournal.domain.exercises import BUILTIN_BY_ID
from backjournal.domain.session_plan import SessionPlan, plan_item
from backjournal.domain.settings import SessionSettings
from backjournal.service import JournalService
from backjournal.storage import Store


async def measure(data_dir: Path, hold_s: int) -> dict[str, float]:
    from backjournal.tui.app import BackjournalApp
    from backjournal.tui.screens.session import SessionScreen

    service = JournalService(Store(data_dir), clock=datetime.now)
    app = BackjournalApp(service, monotonic=time.monotonic)
    exercise = BUILTIN_BY_ID["psoas-stretch"]
    exercise = replace(exercise, hold_s=hold_s, sets=1)
    item = plan_item(exercise, SessionSettings(settle_s=0))
    alerts: list[float] = []
    polls: list[float] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = SessionScreen(service)
        await app.push_screen(screen)
        await pilot.pause()
        screen.plan = SessionPlan(service.today(), (item,), ())
        screen._alert = lambda: alerts.append(time.monotonic())  # type: ignore[method-assign]
        poll = screen.poll

        def timed_poll() -> None:
            polls.append(time.monotonic())
            poll()

        screen.poll = timed_poll  # type: ignore[method-assign]
        screen.action_begin()
        engine = screen.engine
        assert engine is not None and engine.started_at is not None
        ideal_end = engine.started_at + hold_s
        while not alerts and time.monotonic() < ideal_end + 5:
            await asyncio.sleep(0.02)
        first_hold = engine.items[0].steps[1]
        gaps = [b - a for a, b in zip(polls, polls[1:], strict=False) if b <= ideal_end]
    return {
        "hold_scheduled_s": first_hold.seconds,
        "late_ms": (alerts[0] - ideal_end) * 1000 if alerts else float("nan"),
        "max_poll_gap_ms": max(gaps, default=float("nan")) * 1000,
        "polls": len(polls),
    }


def main() -> None:
    data_dir, hold_s = Path(sys.argv[1]), int(sys.argv[2])
    print(json.dumps(asyncio.run(measure(data_dir, hold_s))))


if __name__ == "__main__":
    main()
