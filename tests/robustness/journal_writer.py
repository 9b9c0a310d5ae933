"""A journal writer for the crash-safety and two-writer suites (run as a script, never imported by pytest).

It writes through the real JournalService and Store, and prints one line per step to stdout,
written with a single os.write so that a SIGKILL never leaves half a line:

    start <pid>
    begin <seq> <json of the write>     before the write starts
    ok <seq>                            after the write returned (it is on disk)
    ok <seq> same                       after a write that had nothing to change (it took no lock)

Modes:
    serve DATA_DIR                      a warm "zygote": reads commands on stdin; `fork ROUND SEED OFFSET`
                                        forks a crash writer (cheap: the journal is already loaded),
                                        `reap PID` waits for a killed child and prints `reaped PID`.
    crash DATA_DIR ROUND SEED OFFSET    a cold crash writer: writes random ticks and entries until killed.
    role DATA_DIR ROLE COUNT            one of the two-writer suite's roles (a, b or c); exits when done.
"""

from __future__ import annotations

import json
import os
import random
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from backjournal.domain.models import Exercise
from backjournal.service import JournalService
from backjournal.storage import Store

# Always allowed whatever the phase, so no write is refused by the advisor (ticks pass anyway=True too).
TICKABLE = (
    "march-in-place",
    "chin-tuck",
    "cat-cow",
    "pelvic-tilt",
    "knee-to-chest",
    "walk",
    "cool-down-breathing",
)
ROLE_EXERCISES = {
    "a": ("chin-tuck", "cat-cow", "pelvic-tilt"),
    "b": ("knee-to-chest", "walk", "march-in-place"),
}
SHARED_DAY = date(2009, 6, 15)  # every role writes this day: a and b tick it, c rewrites its entry
ROLE_BASE = date(2009, 1, 1)  # years the demo journal does not reach: the roles' files start empty


def emit(line: str) -> None:
    data = (line + "\n").encode()
    while data:
        data = data[os.write(1, data) :]


class StoreClock:
    """The store's clock (it dates the daily backups); a round may run it days ahead, so that rounds
    cross into new backup days and kills also land inside the daily backup."""

    def __init__(self, day_offset: int = 0) -> None:
        self.day_offset = day_offset

    def __call__(self) -> datetime:
        return datetime.now() + timedelta(days=self.day_offset)


def service_for(data_dir: Path, clock: StoreClock | None = None) -> JournalService:
    """The real service on the real store."""
    return JournalService(Store(data_dir, lock_timeout=60, clock=clock or StoreClock()))


def crash_op(rng: random.Random, today: date, round_no: int, seq: int) -> dict:
    """One random write: mostly entries and ticks in the current and an older year, sometimes an untick,
    a custom exercise (the meta file) or a day in a year that has no file yet."""
    roll = rng.random()
    where = rng.random()
    if where < 0.7:
        day = today - timedelta(days=rng.randrange(0, 200))
    elif where < 0.97:
        day = date(2019, 1, 1) + timedelta(days=rng.randrange(0, 365))
    else:
        day = date(2009, 1, 1) + timedelta(days=rng.randrange(0, 365))
    if roll < 0.45:
        return {
            "op": "log",
            "date": day.isoformat(),
            "pain": rng.randrange(0, 11),
            "note": f"crash r{round_no} w{seq}",
        }
    if roll < 0.88:
        return {
            "op": "tick",
            "date": day.isoformat(),
            "exercise": rng.choice(TICKABLE),
            "reps": rng.randrange(5, 1000),
        }
    if roll < 0.96:
        return {"op": "untick", "date": day.isoformat(), "exercise": rng.choice(TICKABLE)}
    return {"op": "exercise", "id": f"crash-{round_no}-{seq}"}


def apply(service: JournalService, op: dict) -> bool:
    """Make the write; False when it changed nothing and so never took the lock (an untick of nothing)."""
    kind = op["op"]
    if kind == "exercise":
        service.add_exercise(
            Exercise(
                id=op["id"],
                name=f"Crash test {op['id']}",
                kind="mobility",
                region="lower-back",
                sets=1,
                reps=10,
                hold_s=None,
                sides="both",
                how_to="",
                caution="",
            )
        )
        return True
    day = date.fromisoformat(op["date"])
    if kind == "log":
        service.log(day, {"pain": op["pain"], "notes": op["note"]})
    elif kind == "tick":
        service.tick(day, op["exercise"], reps=op["reps"], anyway=True)
    elif kind == "untick":
        return service.untick(day, op["exercise"])
    else:
        raise ValueError(kind)
    return True


def run_crash(service: JournalService, round_no: int, seed: int) -> None:
    emit(f"start {os.getpid()}")
    rng = random.Random(seed)
    today = service.today()
    seq = 0
    while True:
        op = crash_op(rng, today, round_no, seq)
        emit(f"begin {seq} {json.dumps(op)}")
        wrote = apply(service, op)
        emit(f"ok {seq}" if wrote else f"ok {seq} same")
        seq += 1


def serve(data_dir: Path) -> None:
    """Keep the journal loaded and fork a writer per round: the child starts warm, in milliseconds."""
    clock = StoreClock()
    service = service_for(data_dir, clock)
    service.journal()
    emit("ready")
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        if words[0] == "fork":
            round_no, seed, offset = (int(w) for w in words[1:4])
            service.journal()  # re-read what the last child wrote (only changed files are decoded again)
            pid = os.fork()
            if pid == 0:
                try:
                    clock.day_offset = offset
                    run_crash(service, round_no, seed)
                except BaseException as error:  # noqa: BLE001 - report, never fall back into the server loop
                    emit(f"error {type(error).__name__}: {error}")
                finally:
                    os._exit(1)
        elif words[0] == "reap":
            pid = int(words[1])
            _, status = os.waitpid(pid, 0)
            emit(f"reaped {pid} {status}")
        elif words[0] == "quit":
            break


def run_role(data_dir: Path, role: str, count: int) -> None:
    """The two-writer suite: a and b write their own days and ticks (and tick the shared day); c rewrites
    the shared day's entry, alternating its values. Every write is reported as it completes."""
    service = service_for(data_dir)
    service.journal()
    emit(f"start {os.getpid()}")
    sys.stdin.readline()  # "go": the test starts all the roles at once, once all are loaded
    first = last = 0.0
    for seq in range(count):
        if role == "c":
            op = {
                "op": "log",
                "date": SHARED_DAY.isoformat(),
                "pain": 2 if seq % 2 else 5,
                "note": f"c {seq}",
            }
        else:
            offset = 0 if role == "a" else 1
            own_day = ROLE_BASE + timedelta(
                days=2 * seq + offset
            )  # a fresh day each time: a lost write stays lost
            exercise = ROLE_EXERCISES[role][(seq // 3) % 3]
            if seq % 3 == 0:
                op = {
                    "op": "log",
                    "date": own_day.isoformat(),
                    "pain": seq % 11,
                    "note": f"{role} {seq}",
                }
            elif seq % 3 == 1:
                op = {
                    "op": "tick",
                    "date": own_day.isoformat(),
                    "exercise": exercise,
                    "reps": 5 + seq,
                }
            else:
                op = {
                    "op": "tick",
                    "date": SHARED_DAY.isoformat(),
                    "exercise": exercise,
                    "reps": 5 + seq,
                }
        emit(f"begin {seq} {json.dumps(op)}")
        apply(service, op)
        last = time.time()
        first = first or last
        emit(f"ok {seq} at {last:.6f}")
    emit(f"done {first} {last}")  # when the first and the last write completed, to show the overlap


def main(argv: list[str]) -> None:
    mode, data_dir = argv[0], Path(argv[1])
    if mode == "serve":
        serve(data_dir)
    elif mode == "crash":
        round_no, seed, offset = (int(w) for w in argv[2:5])
        run_crash(service_for(data_dir, StoreClock(offset)), round_no, seed)
    elif mode == "role":
        run_role(data_dir, argv[2], int(argv[3]))
    else:
        raise SystemExit(f"unknown mode {mode!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
