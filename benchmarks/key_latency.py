"""Key-to-settled-screen latency, headless, in one fresh process: the real app or the baseline.

    python key_latency.py app DATA_DIR   # t d p r e (each screen's first visit), then a tick
    python key_latency.py bare ROUNDS    # a bare Textual app switching to a 200-row DataTable

"Settled" means: the key was handled, every worker it started has finished (the screens load the
journal in a thread worker), and the app has processed what those workers handed back. Both are
timed the same way, through Pilot, at 120x40. Pilot's own waiting costs tens of milliseconds a
key, so each process also times a key bound to nothing ("floor"); run.py subtracts it. Prints
one JSON object of seconds.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from pathlib import Path
from typing import Any

SIZE = (120, 40)
SCREEN_KEYS = ["d", "p", "r", "e", "t"]  # Tonight is open at start: t comes back to it
UNBOUND = "f12"  # a key no binding takes: the floor of a key press through Pilot
FLOOR_ROUNDS = 5


async def settled(pilot: Any) -> None:
    """Wait until the app is idle and no worker is running (then one more round)."""
    app = pilot.app
    await pilot.pause()
    while any(w.is_running for w in app.workers):
        await app.workers.wait_for_complete()
        await pilot.pause()
    await pilot.pause()


async def timed(pilot: Any, key: str) -> float:
    start = time.perf_counter()
    await pilot.press(key)
    await settled(pilot)
    return time.perf_counter() - start


async def floor(pilot: Any) -> list[float]:
    return [await timed(pilot, UNBOUND) for _ in range(FLOOR_ROUNDS)]


async def play_app(data_dir: Path) -> dict[str, Any]:
    from datetime import datetime

    from backjournal.domain.settings import Settings
    from backjournal.service import JournalService
    from backjournal.storage import Store
    from backjournal.tui.app import BackjournalApp

    app = BackjournalApp(JournalService(Store(data_dir), Settings(), clock=datetime.now))
    out: dict[str, Any] = {}
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        out["floor"] = await floor(pilot)
        for key in SCREEN_KEYS:
            out[key] = await timed(pilot, key)
        await pilot.press("c")  # the checklist, on its first unticked exercise
        await settled(pilot)
        out["tick"] = await timed(pilot, "space")
    return out


async def play_bare(rounds: int) -> dict[str, list[float]]:
    from textual.app import App, ComposeResult
    from textual.screen import Screen
    from textual.widgets import DataTable, Footer, Label

    class TableScreen(Screen[None]):
        def compose(self) -> ComposeResult:
            yield Label("table")
            yield DataTable()
            yield Footer()

        def on_mount(self) -> None:
            table = self.query_one(DataTable)
            table.add_columns("date", "pain", "sleep", "mood", "note")
            table.add_rows(
                (f"2026-01-{n % 28 + 1:02d}", n % 11, (n * 3) % 11, (n * 7) % 11, f"note {n}")
                for n in range(200)
            )

    class BareApp(App[None]):
        BINDINGS = [("x", "table", "Table")]

        def compose(self) -> ComposeResult:
            yield Label("bare")

        def action_table(self) -> None:
            self.switch_screen(TableScreen()) if len(self.screen_stack) > 1 else self.push_screen(
                TableScreen()
            )

    app = BareApp()
    samples: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        floor_samples = await floor(pilot)
        for _ in range(rounds):  # a fresh 200-row screen each time, as a first visit
            samples.append(await timed(pilot, "x"))
    return {"switch": samples, "floor": floor_samples}


def main(argv: list[str]) -> int:
    if argv[:1] == ["app"] and len(argv) == 2:
        result: Any = asyncio.run(play_app(Path(argv[1])))
    elif argv[:1] == ["bare"] and len(argv) == 2:
        result = asyncio.run(play_bare(int(argv[1])))
    else:
        print(__doc__, file=sys.stderr)
        return 2
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
