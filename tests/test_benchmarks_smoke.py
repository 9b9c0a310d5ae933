"""benchmarks/run.py runs end to end on small journals and prints every row of its table.

A correctness check only: no figure is compared with a target here (timings on a shared
machine are not assertions).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

RUN = Path(__file__).resolve().parent.parent / "benchmarks" / "run.py"
YEARS = ["0.05", "0.1", "0.2"]


@pytest.mark.slow
def test_the_benchmark_prints_every_row(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            str(RUN),
            "--quick",
            "--no-jrnl",
            "--runs",
            "1",
            "--writes",
            "3",
            "--years",
            ",".join(YEARS),
            "--work-dir",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    rows = {
        line.split("|")[1].strip(): [c.strip() for c in line.split("|")[2:-1]]
        for line in result.stdout.splitlines()
        if line.startswith("| ") and not line.startswith("| figure")
    }
    big, small = f"{float(YEARS[-1]):g} y", f"{float(YEARS[0]):g} y"
    expected = [
        f"TUI: phase visible, {big}",
        f"TUI: peak RSS, {big}",
        "TUI: phase visible, empty journal",
        "TUI: peak RSS, empty journal",
        *(f"tick write, {float(y):g} y, median" for y in YEARS),
        f"tick write median, {big} / {small}",
        *(f"tick write, {float(y):g} y, p99" for y in YEARS),
        *(f"entry write, {float(y):g} y, median / p99" for y in YEARS),
        "atomic replace, no Python work, median / p99",
        f"first write of the day, {big}",
        f"`backjournal log`, {big}, wall",
        f"`backjournal show --json`, {big}, wall",
        f"streaks + advice, cold, {big}",
        f"streaks + advice after one tick, warm, {big}",
        f"full journal load, fresh process, {big}",
        *(
            f"key {name} to settled screen, {big}"
            for name in ("t (back to Tonight)", "d", "p", "r", "e")
        ),
        f"tick (space on the checklist) to settled screen, {big}",
        "keys of the typical night (pain, sleep, mood, area, 4 ticks, saved)",
        f"session: 3 s hold, lateness at its end, {big}",
    ]
    assert list(rows) == expected, result.stdout
    for figure, cells in rows.items():
        assert cells[0], f"{figure}: no value"
        if figure.startswith("`backjournal log`"):
            assert (
                cells[2] == "not run" and "skipped (--no-jrnl)" in result.stdout
            )  # said, not faked
        else:
            assert "not measured" not in cells[0], f"{figure}: {result.stdout}"
            assert cells[2], f"{figure}: no baseline"
    assert "load average" in result.stdout and "Python" in result.stdout
    assert not any(tmp_path.iterdir()), "the work folder is cleaned up"
