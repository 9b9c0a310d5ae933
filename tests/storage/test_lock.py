"""The cross-process write lock: writers never lose each other's changes; a held lock times out clearly."""

from __future__ import annotations

import dataclasses
import multiprocessing
import subprocess
import sys
import textwrap
from datetime import date, timedelta

import pytest
from storage_helpers import fingerprint, set_pain

from backjournal.domain.models import Day, Tick
from backjournal.storage import JournalUnusable, Store
from backjournal.storage.lock import DirLock

COUNTER_DAY = date(2026, 2, 1)
WRITES = 50


def bump(day: Day) -> Day:
    """Read-modify-write of a counter: any lost update shows as a missing count."""
    old = day.ticks.get("bridge")
    reps = (old.reps or 0) + 1 if old else 1
    return dataclasses.replace(day, ticks={**day.ticks, "bridge": Tick("bridge", reps=reps)})


def writer(data, name: str, barrier) -> None:
    store = Store(data, lock_timeout=30)
    barrier.wait()
    for k in range(WRITES):
        store.update_day(COUNTER_DAY, bump)
        # a new document per write in both processes: TinyDB's id allocation is raced too
        day = date(2026, 3, 1) + timedelta(days=k)
        store.update_day(
            day, lambda d, n=name: dataclasses.replace(d, ticks={**d.ticks, n: Tick(n)})
        )


def test_two_processes_writing_at_once_lose_nothing(data):
    Store(data).update_day(date(2026, 1, 1), set_pain(1))  # the journal exists before the race
    ctx = multiprocessing.get_context("fork")
    barrier = ctx.Barrier(2)
    procs = [
        ctx.Process(target=writer, args=(data, name, barrier)) for name in ("chin-tuck", "cat-cow")
    ]
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join(timeout=120)
    assert [proc.exitcode for proc in procs] == [0, 0]
    days, _ = Store(data).load()
    assert days[COUNTER_DAY].ticks["bridge"].reps == 2 * WRITES
    racing = [days[date(2026, 3, 1) + timedelta(days=k)] for k in range(WRITES)]
    assert all(set(day.ticks) == {"chin-tuck", "cat-cow"} for day in racing)
    assert Store(data).check() == []


def test_a_second_lock_waits_for_the_first(tmp_path):
    with DirLock(tmp_path / ".lock", timeout=1), pytest.raises(JournalUnusable) as caught:
        DirLock(tmp_path / ".lock", timeout=0).acquire()
    assert caught.value.path == tmp_path / ".lock"
    with DirLock(tmp_path / ".lock", timeout=0):  # released on exit
        pass


HOLDER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from backjournal.storage.lock import DirLock
    with DirLock(Path(sys.argv[1]) / ".lock"):
        print("locked", flush=True)
        sys.stdin.read()
    """
)


def test_a_lock_held_by_another_process_times_out_with_a_clear_message(store, data):
    store.update_day(COUNTER_DAY, set_pain(2))
    before = fingerprint(data)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(data)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline() == "locked\n"
        blocked = Store(data, lock_timeout=0.2)
        with pytest.raises(JournalUnusable) as caught:
            blocked.update_day(COUNTER_DAY, set_pain(9))
        message = str(caught.value)
        assert caught.value.path == data / ".lock"
        assert f"pid {holder.pid}" in message and "0.2 s" in message and "try again" in message
        assert blocked.load()[0][COUNTER_DAY].entry.pain == 2  # reading does not wait for the lock
        assert fingerprint(data) == before
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
    Store(data, lock_timeout=0.2).update_day(
        COUNTER_DAY, set_pain(9)
    )  # free again once the holder exits
    assert Store(data).load()[0][COUNTER_DAY].entry.pain == 9


def test_the_lock_is_released_when_the_update_fails(store, data):
    def boom(day):
        raise RuntimeError("no")

    with pytest.raises(RuntimeError):
        store.update_day(COUNTER_DAY, boom)
    with DirLock(data / ".lock", timeout=0):
        pass
