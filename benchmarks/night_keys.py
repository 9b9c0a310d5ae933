"""The typical night of issue 10, played key by key on the real app (headless), keys counted.

Pain 3, sleep 7, mood 6, lower back (as the night before), four exercises ticked, saved. The keys
are pressed one at a time; after each, the store is read back, and the count stops at the first
key after which it holds the whole night. Run as a script: prints {"keys": N, "stored": bool}.
"""

from __future__ import annotations

import asyncio
import json
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

# The keys a user types: the score digits move the focus on, c goes to the checklist (saving
# the form), space ticks and moves on to the next unticked exercise.
NIGHT = ["3", "tab", "7", "6", "c", "space", "space", "space", "space"]
NOW = datetime(2026, 11, 20, 21, 0)


async def play(data_dir: Path) -> dict[str, object]:
    from backjournal.domain.models import Entry
    from backjournal.service import JournalService
    from backjournal.storage import Store
    from backjournal.tui.app import BackjournalApp

    def service() -> JournalService:
        return JournalService(Store(data_dir), clock=lambda: NOW)

    today = NOW.date()
    service().log(today - timedelta(days=1), {"pain": 4, "areas": ["lower-back"]})
    wanted = Entry(pain=3, sleep=7, mood=6, areas=("lower-back",))

    def done() -> bool:
        day = service().day(today)
        return day.entry == wanted and len(day.ticks) == 4

    app = BackjournalApp(service())
    keys = 0
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(3):
            await pilot.pause()
        for key in NIGHT:
            await pilot.press(key)
            await pilot.pause()
            keys += 1
            if done():
                break
    return {"keys": keys, "stored": done()}


def main() -> int:
    with tempfile.TemporaryDirectory() as work:
        config = Path(work) / "config"
        config.mkdir()
        import os

        os.environ["BACKJOURNAL_CONFIG_DIR"] = str(config)
        print(json.dumps(asyncio.run(play(Path(work) / "data"))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
