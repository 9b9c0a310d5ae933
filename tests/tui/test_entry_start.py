"""The console script starts the app with the cycle collector off, and turns it on once drawn."""

from __future__ import annotations

import gc

from backjournal import entry
from backjournal.tui.app import BackjournalApp


def test_the_collector_is_off_until_the_first_frame_and_on_after(journal_dir, monkeypatch):
    seen: dict[str, object] = {}
    real_run = BackjournalApp.run

    def run(self, *args, **kwargs):
        seen["while_starting"] = gc.isenabled()

        async def pilot(pilot):
            for _ in range(50):  # message rounds, not time: until the first frame's callbacks ran
                if gc.isenabled():
                    break
                await pilot.pause()
            seen["once_drawn"] = gc.isenabled()
            seen["screen"] = type(pilot.app.screen).__name__
            pilot.app.exit()

        return real_run(self, headless=True, size=(100, 30), auto_pilot=pilot)

    monkeypatch.setattr(BackjournalApp, "run", run)
    assert entry.main(["--data-dir", str(journal_dir)]) == 0
    assert seen == {"while_starting": False, "once_drawn": True, "screen": "TonightScreen"}
    assert gc.isenabled()


def test_a_command_runs_with_the_collector_on(journal_dir, monkeypatch, capsys):
    import backjournal.cli as cli

    states: list[bool] = []
    real = cli.main

    def main(argv=None, run_app=None):
        states.append(gc.isenabled())
        return real(argv, run_app=run_app)

    monkeypatch.setattr(cli, "main", main)
    assert entry.main(["--data-dir", str(journal_dir), "log", "--pain", "3"]) == 0
    assert states == [True] and gc.isenabled()
