"""Crash safety: SIGKILL a writer at random moments, at least 100 times, on a ten-year journal.

After every kill: the journal opens, `backjournal check` passes, every write the writer reported
complete is there (and the one in flight is either wholly there or not at all), and the temp files a
kill leaves behind are gone once the next writer has started and written.

Most rounds fork the writer from a warm "zygote" process (journal_writer.py serve) so that a round
costs milliseconds, not an interpreter start; every COLD_EVERY-th round starts a fresh interpreter and
may be killed anywhere in its start-up, its first load, or its first write.

BACKJOURNAL_CRASH_KILLS and BACKJOURNAL_CRASH_SEED change the number of kills and the random seed.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
from robustness_support import Lines, n, report, run_cli, run_main, temp_files, writer_command

from backjournal.domain.models import Day
from backjournal.storage import Store

KILLS = int(os.environ.get("BACKJOURNAL_CRASH_KILLS", "120"))
SEED = int(os.environ.get("BACKJOURNAL_CRASH_SEED", "20261121"))
COLD_EVERY = 8
CLI_CHECK_EVERY = 20  # the other rounds run `check` through cli.main in this process

View = tuple[tuple[int, str] | None, dict[str, int | None]]


def view(day: Day) -> View:
    """What the writer can change on a day: the entry's pain and notes, and each tick's reps."""
    entry = (day.entry.pain, day.entry.notes) if day.entry else None
    return entry, {ex: tick.reps for ex, tick in day.ticks.items()}


@dataclass
class Model:
    """The journal as it must be: the demo's days plus every confirmed write."""

    days: dict[date, View]
    exercises: set[str]
    confirmed: int = 0
    landed: int = 0
    not_landed: int = 0

    @classmethod
    def of(cls, store: Store) -> Model:
        days, meta = store.load()
        return cls({d: view(day) for d, day in days.items()}, {e.id for e in meta.exercises})

    def after(self, op: dict) -> tuple[object, object]:
        """(key, value) the op leaves: a day's view, or the set of custom exercises."""
        if op["op"] == "exercise":
            return "exercises", self.exercises | {op["id"]}
        day = date.fromisoformat(op["date"])
        entry, ticks = self.days.get(day, (None, {}))
        ticks = dict(ticks)
        if op["op"] == "log":
            entry = (op["pain"], op["note"])
        elif op["op"] == "tick":
            ticks[op["exercise"]] = op["reps"]
        else:
            ticks.pop(op["exercise"], None)
        return day, (None if entry is None and not ticks else (entry, ticks))

    def apply(self, op: dict) -> None:
        key, value = self.after(op)
        self.set(key, value)

    def set(self, key: object, value: object) -> None:
        if key == "exercises":
            self.exercises = value  # type: ignore[assignment]
        elif value is None:
            self.days.pop(key, None)  # type: ignore[arg-type]
        else:
            self.days[key] = value  # type: ignore[index]

    def verify(self, store: Store, in_flight: dict | None, where: str) -> None:
        """Every confirmed write is in the journal; the write in flight at the kill is all there or absent."""
        days, meta = store.load()  # the journal opens
        actual: dict[object, object] = {d: view(day) for d, day in days.items()}
        actual["exercises"] = {e.id for e in meta.exercises}
        expected: dict[object, object] = {**self.days, "exercises": self.exercises}
        differ = {
            key for key in actual.keys() | expected.keys() if actual.get(key) != expected.get(key)
        }
        if in_flight is not None:
            key, value = self.after(in_flight)
            if key in differ and actual.get(key) == value:
                differ.discard(key)
                self.set(key, value)
                self.landed += 1
            else:
                self.not_landed += 1
        assert not differ, (
            f"{where}: the journal differs from the confirmed writes at {sorted(map(str, differ))[:5]}"
        )


@dataclass
class Round:
    """One writer's life, as read from its stdout."""

    number: int
    strategy: str
    begun: dict[int, dict] = field(default_factory=dict)
    done: list[int] = field(default_factory=list)
    wrote: bool = False  # a confirmed write that took the lock (so stale temps are cleaned by now)
    error: str | None = None

    def feed(self, line: str, model: Model) -> str:
        kind, _, rest = line.partition(" ")
        if kind == "begin":
            seq, _, op = rest.partition(" ")
            self.begun[int(seq)] = json.loads(op)
        elif kind == "ok":
            seq, *same = rest.split()
            model.apply(self.begun.pop(int(seq)))
            model.confirmed += 1
            self.done.append(int(seq))
            self.wrote = self.wrote or not same
        elif kind == "error":
            self.error = rest
        return kind

    def in_flight(self) -> dict | None:
        assert len(self.begun) <= 1, self.begun
        return next(iter(self.begun.values()), None)


class Zygote:
    """journal_writer.py serve: forks warm writers on request and reaps them once killed."""

    def __init__(self, data: Path) -> None:
        self.proc = subprocess.Popen(
            writer_command("serve", str(data)),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            bufsize=0,
        )
        self.lines = Lines(self.proc.stdout)
        self.lines.expect("ready", timeout=120)

    def send(self, command: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(command.encode() + b"\n")

    def close(self) -> None:
        if self.proc.poll() is None:
            self.send("quit")
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


@pytest.mark.slow
def test_sigkill_at_random_moments_never_loses_a_confirmed_write(journal_copy: Path):
    data = journal_copy
    rng = random.Random(SEED)
    verifier = Store(data)  # kept across rounds: only the files a round changed are decoded again
    model = Model.of(verifier)
    stale: set[Path] = (
        set()
    )  # temp files left by kills, to be gone after the next writer's first write
    counts = {
        "cold": 0,
        "after-ok": 0,
        "mid-write": 0,
        "random": 0,
        "left-temp": 0,
        "temps-cleaned": 0,
        "backup-days": 0,
        "cli-checks": 0,
        "in-backup": 0,
    }
    zygote = Zygote(data)
    started = time.monotonic()
    try:
        for number in range(KILLS):
            cold = number % COLD_EVERY == COLD_EVERY - 1
            strategy = (
                "cold"
                if cold
                else rng.choice(["after-ok", "after-ok", "mid-write", "mid-write", "random"])
            )
            counts[strategy] += 1
            offset = 0
            if (
                rng.random() < 0.25
            ):  # a new backup day: this round's first write copies the whole journal first
                offset = number + 1
                counts["backup-days"] += 1
            rnd = Round(number, strategy)
            seed = rng.randrange(2**31)

            def on_line(line: str, rnd: Round = rnd, number: int = number) -> str:
                kind = rnd.feed(line, model)
                if kind == "ok" and rnd.wrote and stale:
                    # The next start has written: every temp file from earlier kills must be gone.
                    left = [p for p in stale if p.exists()]
                    assert not left, (
                        f"round {number}: stale temp files survived the next write: {left}"
                    )
                    counts["temps-cleaned"] += len(stale)
                    stale.clear()
                return kind

            if cold:
                proc = subprocess.Popen(
                    writer_command("crash", str(data), str(number), str(seed), str(offset)),
                    stdout=subprocess.PIPE,
                    bufsize=0,
                )
                lines, pid = Lines(proc.stdout), proc.pid
                deadline = time.monotonic() + rng.uniform(
                    0.0, 1.5
                )  # anywhere from import to the first writes
                while (left := deadline - time.monotonic()) > 0:
                    line = lines.next(left)
                    if line is not None:
                        on_line(line)
            else:
                zygote.send(f"fork {number} {seed} {offset}")
                lines = zygote.lines
                pid = int(lines.expect("start ").split()[1])
                if strategy == "random":
                    deadline = time.monotonic() + rng.uniform(0.0, 0.25)
                    while (left := deadline - time.monotonic()) > 0:
                        line = lines.next(left)
                        if line is not None:
                            on_line(line)
                else:
                    target = rng.randint(1, 6)
                    wanted = "ok" if strategy == "after-ok" else "begin"
                    seen = 0
                    while seen < target:
                        line = lines.next(30)
                        assert line is not None, f"round {number}: the writer went quiet"
                        if on_line(line) == wanted:
                            seen += 1
                    if strategy == "mid-write":
                        time.sleep(rng.uniform(0.0, 0.012))  # a write takes a few milliseconds

            os.kill(pid, signal.SIGKILL)
            # Everything the writer printed before it died is in the pipe: read it all.
            if cold:
                proc.wait(timeout=30)
                while True:
                    try:
                        line = lines.next(30)
                    except EOFError:
                        break
                    if line is not None:
                        on_line(line)
            else:
                zygote.send(f"reap {pid}")
                while not (line := lines.next(30) or "").startswith(f"reaped {pid}"):
                    assert line, f"round {number}: the zygote did not reap {pid}"
                    on_line(line)
            assert rnd.error is None, f"round {number}: the writer failed: {rnd.error}"

            where = f"round {number} ({strategy}, seed {SEED})"
            model.verify(verifier, rnd.in_flight(), where)
            if number % CLI_CHECK_EVERY == 0:
                result = run_cli("--data-dir", str(data), "check")  # the real console script
                counts["cli-checks"] += 1
            else:
                result = run_main("--data-dir", str(data), "check")
            assert result.code == 0, (
                f"{where}: check failed after the kill:\n{result.out}{result.err}"
            )
            left = temp_files(data)  # no writer runs now: every temp file here is stale
            counts["left-temp"] += bool(set(left) - stale)
            counts["in-backup"] += any(p.parent.name == "backups" for p in set(left) - stale)
            stale.update(left)
    finally:
        zygote.close()

    # The last kills' temp files: the next start's first write removes them.
    assert run_cli("--data-dir", str(data), "log", "--date", "2009-12-31", "--pain", "1").code == 0
    assert temp_files(data) == [], temp_files(data)
    counts["temps-cleaned"] += len(stale)
    model.apply({"op": "log", "date": "2009-12-31", "pain": 1, "note": ""})
    model.verify(Store(data), None, "after the last kill, from a fresh store")
    final = run_cli("--data-dir", str(data), "check")
    assert final.code == 0, final.err

    elapsed = time.monotonic() - started
    report(
        "crash-safety",
        (
            f"{n(KILLS)} SIGKILLs on a {n(len(model.days))}-day journal ({counts['after-ok']} right after a confirmed "
            f"write, {counts['mid-write']} mid-write, {counts['random']} at a random moment, {counts['cold']} of a "
            f"cold-started writer; {counts['backup-days']} rounds began a new backup day), seed {SEED}"
        ),
    )
    report(
        "crash-safety",
        (
            f"{n(model.confirmed)} writes confirmed and all present; in-flight writes: {model.landed} landed whole, "
            f"{model.not_landed} not at all; {counts['left-temp']} kills left temp files ({counts['in-backup']} inside a "
            f"daily backup), all {counts['temps-cleaned']} removed by the next start; check passed after every kill ({counts['cli-checks'] + 1} via the console "
            f"script); {elapsed:.1f} s"
        ),
    )
