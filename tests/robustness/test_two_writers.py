"""Two writers at once (and a third on the same day): every reported write is in the journal at the end.

Processes a and b write their own days and their own ticks into the same year files (a fresh day for
each write, so a write lost to the other process stays lost), and both tick the shared day; process c rewrites the shared day's entry over and over, alternating its values. They run
at the same time on a copy of the ten-year journal, each through the real service and store (its own
interpreter: journal_writer.py role ...). Every write each one reports must be in the journal at the
end, with no update lost to another writer, and `backjournal check` must pass.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
from datetime import date
from itertools import pairwise
from pathlib import Path

import pytest
from robustness_support import n, report, run_cli, writer_command

from backjournal.storage import Store

WRITES = int(os.environ.get("BACKJOURNAL_WRITER_WRITES", "500"))  # per process: at least 500
C_WRITES = WRITES


@pytest.mark.slow
def test_two_writers_and_a_third_on_the_same_day_lose_nothing(journal_copy: Path, tmp_path: Path):
    data = journal_copy
    before_days, _ = Store(data).load()
    started = time.monotonic()
    logs = {role: tmp_path / f"writer-{role}.out" for role in "abc"}
    procs = {}
    for role, count in (("a", WRITES), ("b", WRITES), ("c", C_WRITES)):
        with open(logs[role], "wb") as out, open(tmp_path / f"writer-{role}.err", "wb") as err:
            procs[role] = subprocess.Popen(
                writer_command("role", str(data), role, str(count)),
                stdin=subprocess.PIPE,
                stdout=out,
                stderr=err,
            )
    # Each loads the journal, says "start" and waits: then all three are let go at once.
    deadline = time.monotonic() + 120
    while not all(path.read_text().startswith("start ") for path in logs.values()):
        assert time.monotonic() < deadline, {
            role: path.read_text()[:200] for role, path in logs.items()
        }
        assert all(proc.poll() is None for proc in procs.values()), "a writer died while starting"
        time.sleep(0.02)
    for proc in procs.values():
        proc.stdin.write(b"go\n")
        proc.stdin.close()
    outputs = {}
    for role, proc in procs.items():
        proc.wait(timeout=600)
        err = (tmp_path / f"writer-{role}.err").read_text()
        assert proc.returncode == 0, f"writer {role} failed:\n{err[-3000:]}"
        outputs[role] = logs[role].read_text().splitlines()
    elapsed = time.monotonic() - started

    # What each writer reported complete, in its own order: the last write to each thing wins.
    entries: dict[date, tuple[int, str]] = {}
    ticks: dict[tuple[date, str], int] = {}
    confirmed = {}
    spans = {}
    timeline: list[tuple[float, str]] = []  # (when a write completed, by whom)
    for role, lines in outputs.items():
        assert lines[-1].startswith("done "), f"writer {role} did not finish: {lines[-3:]}"
        spans[role] = tuple(float(t) for t in lines[-1].split()[1:])
        begun: dict[str, dict] = {}
        confirmed[role] = 0
        for line in lines:
            kind, _, rest = line.partition(" ")
            if kind == "begin":
                seq, _, op = rest.partition(" ")
                begun[seq] = json.loads(op)
            elif kind == "ok":
                seq, _, when = rest.split()
                timeline.append((float(when), role))
                op = begun.pop(seq)
                day = date.fromisoformat(op["date"])
                if op["op"] == "log":
                    entries[day] = (op["pain"], op["note"])
                else:
                    ticks[(day, op["exercise"])] = op["reps"]
                confirmed[role] += 1
        assert not begun, f"writer {role} left writes unconfirmed: {begun}"
    assert confirmed == {"a": WRITES, "b": WRITES, "c": C_WRITES}
    # They really wrote at the same time: all three had made their first write before any had made its
    # last. (How long they overlap depends on the lock's scheduling: a writer that just released the
    # lock often takes it again before the sleeping ones wake.)
    overlap = min(end for _, end in spans.values()) - max(start for start, _ in spans.values())
    assert overlap > 0, f"the writers did not overlap: {spans}"
    order = [role for _, role in sorted(timeline)]
    handovers = sum(1 for x, y in pairwise(order) if x != y)  # the next write was another process's
    assert handovers >= 100, f"the writers hardly interleaved: {handovers} handovers"

    days, _ = Store(data).load()
    lost = [
        f"{d} entry {want}"
        for d, want in entries.items()
        if days.get(d) is None
        or days[d].entry is None
        or (days[d].entry.pain, days[d].entry.notes) != want
    ]
    lost += [
        f"{d} tick {ex} reps {reps}"
        for (d, ex), reps in ticks.items()
        if days.get(d) is None or ex not in days[d].ticks or days[d].ticks[ex].reps != reps
    ]
    assert not lost, f"{len(lost)} reported writes are missing or overwritten, e.g. {lost[:5]}"
    # Nothing else moved: the demo's ten years are as they were.
    untouched = {d: day for d, day in days.items() if d.year >= 2013}
    assert untouched == before_days
    shared = days[date(2009, 6, 15)]
    assert set(shared.ticks) == {ex for (d, ex) in ticks if d == date(2009, 6, 15)}
    assert len(shared.ticks) == 6

    check = run_cli("--data-dir", str(data), "check")
    assert check.code == 0, check.err
    report(
        "two-writers",
        (
            f"{n(sum(confirmed.values()))} writes from 3 processes at once (a {n(confirmed['a'])}, b {n(confirmed['b'])}, "
            f"c {n(confirmed['c'])} on one shared day), all {n(len(entries))} entries and {n(len(ticks))} ticks present, "
            f"interleaved ({n(handovers)} times the next write came from another process); check passed; {elapsed:.1f} s"
        ),
    )
