"""In-process measurements, run by run.py in a fresh interpreter each time; prints JSON.

    python benchmarks/inproc.py writes SPEC_JSON
    python benchmarks/inproc.py compute DATA_DIR WARM_RUNS

`writes` interleaves, round by round, every kind of write it times (so load on a shared machine
hits them all alike): an fsync'd append (the physical floor for a durable write), an atomic
replace of a file as big as the largest journal's current year (temp file, fsync, rename,
directory fsync: the floor for the storage contract, with no Python work), then tick writes and
entry writes through the service on each journal.

`compute` times, in a fresh process with the journal loaded, the first streaks + advice for
today (cold), then after each of WARM_RUNS ticks the refresh a screen does: the journal
snapshot, the advice and the streaks (warm).
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
from datetime import datetime
from pathlib import Path

from backjournal.domain.settings import Settings
from backjournal.service import JournalService
from backjournal.storage import Store

ALWAYS_ALLOWED = ("warm-up", "mobility", "aerobic", "cool-down")


def scratch_copy(source: Path, suffix: str) -> Path:
    dest = source.with_name(f"{source.name}-{suffix}")
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(source, dest)
    return dest


def open_service(data_dir: Path) -> JournalService:
    return JournalService(Store(data_dir), Settings(), clock=datetime.now)


def tickable(service: JournalService) -> list[str]:
    """Exercises any phase allows, so a tick is never refused, in a stable order."""
    library = service.library().exercises
    return sorted(e.id for e in library.values() if e.kind in ALWAYS_ALLOWED)


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


class Writer:
    """Tick writes and entry writes on one journal, leaving it as it found it every two ops."""

    def __init__(self, data_dir: Path) -> None:
        self.service = open_service(data_dir)
        self.today = self.service.today()
        self.pool = tickable(self.service)
        self.i = 0
        self.pain = 3

    def first_write(self) -> float:
        """The first write of the day: it takes the daily backup of the whole journal first."""
        return timed(
            lambda: self.service.log(self.today, {"pain": 3, "notes": "first write of the day"})
        )

    def tick(self) -> float:
        exercise = self.pool[self.i % len(self.pool)]
        self.i += 1
        if exercise in self.service.day(self.today).ticks:
            self.service.untick(self.today, exercise)  # not timed: makes room for the timed tick
        return timed(lambda: self.service.tick(self.today, exercise))

    def entry(self) -> float:
        self.pain = 7 - self.pain  # 3, 4, 3, 4: a real change each time
        return timed(
            lambda: self.service.log(self.today, {"pain": self.pain, "notes": "benchmark entry"})
        )


def append_floor(folder: Path):
    path = folder / "fsync-append.bench"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    line = b"x" * 119 + b"\n"

    def one() -> float:
        start = time.perf_counter()
        os.write(fd, line)
        os.fsync(fd)
        return time.perf_counter() - start

    return one


def replace_floor(folder: Path, size: int):
    target = folder / "replace.bench"
    data = b"x" * size
    counter = iter(range(10**9))

    def one() -> float:
        start = time.perf_counter()
        temp = folder / f".replace.bench.tmp-{next(counter)}"
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.write(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, target)
        dfd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
        return time.perf_counter() - start

    return one


def writes(spec: dict) -> dict:
    journals = {
        label: scratch_copy(Path(path), "writes") for label, path in spec["journals"].items()
    }
    largest = Path(spec["journals"][spec["largest"]])
    writers = {label: Writer(path) for label, path in journals.items()}
    first = {label: w.first_write() for label, w in writers.items()}
    this_year = largest / f"journal-{writers[spec['largest']].today.year}.json"
    floor_dir = journals[spec["largest"]]
    ops = {
        "append_floor": append_floor(floor_dir),
        "replace_floor": replace_floor(floor_dir, this_year.stat().st_size),
    }
    for label, writer in writers.items():
        ops[f"tick:{label}"] = writer.tick
        ops[f"entry:{label}"] = writer.entry
    samples: dict[str, list[float]] = {name: [] for name in ops}
    for _ in range(spec["rounds"]):
        for name, op in ops.items():
            for _ in range(spec["per_round"]):
                samples[name].append(op())
    for path in journals.values():
        shutil.rmtree(path, ignore_errors=True)
    return {"samples": samples, "first_write": first, "replace_bytes": this_year.stat().st_size}


def compute(data_dir: Path, warm_runs: int) -> dict:
    data_dir = scratch_copy(data_dir, f"compute-{os.getpid()}")
    try:
        service = open_service(data_dir)
        today = service.today()
        start = time.perf_counter()
        journal = service.journal()
        load = time.perf_counter() - start
        start = time.perf_counter()
        service.advise(today, journal=journal)
        service.streaks(today, journal=journal)
        cold = time.perf_counter() - start
        pool = tickable(service)
        warm = []
        for i in range(warm_runs):
            exercise = pool[i % len(pool)]
            if exercise in service.day(today).ticks:
                service.untick(today, exercise)
            else:
                service.tick(today, exercise)
            start = time.perf_counter()
            journal = service.journal()
            service.advise(today, journal=journal)
            service.streaks(today, journal=journal)
            warm.append(time.perf_counter() - start)
        return {"load": load, "cold": cold, "warm": warm, "days": len(journal.days)}
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


def main(argv: list[str]) -> int:
    if argv[0] == "writes":
        result = writes(json.loads(argv[1]))
    elif argv[0] == "compute":
        result = compute(Path(argv[1]), int(argv[2]))
    else:
        raise SystemExit(f"unknown mode {argv[0]!r}")
    json.dump(result, sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
