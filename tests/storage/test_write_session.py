"""What a Store keeps between writes (lock file, folder states, the day's backup) never weakens a write."""

from __future__ import annotations

import dataclasses
import fcntl
import multiprocessing
import os
import threading
from datetime import date, datetime

import pytest
from storage_helpers import Clock, set_pain

from backjournal.domain.models import Tick
from backjournal.storage import JournalUnusable, Store
from backjournal.storage.lock import DirLock
from backjournal.storage.session import dir_key

D = date(2026, 5, 4)


def backup_days(data) -> list[str]:
    folder = data / "backups"
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def test_a_store_running_across_the_04_00_boundary_backs_up_before_the_first_write_of_the_new_journal_day(
    data,
):
    """Backups follow the journal day (04:00), the day `today` means: midnight starts no new backup."""
    clock = Clock(datetime(2026, 5, 4, 23, 59, 59))
    store = Store(data, clock=clock)
    store.update_day(D, set_pain(1))  # an empty journal: nothing to back up
    store.update_day(D, set_pain(2))  # the journal now holds a day: this write backs it up
    assert backup_days(data) == ["2026-05-04"]
    saved = (data / "backups" / "2026-05-04" / "journal-2026.json").read_bytes()
    clock.now = datetime(2026, 5, 5, 0, 0, 1)  # after midnight: still the journal day of the 4th
    store.update_day(D, set_pain(3))
    assert backup_days(data) == ["2026-05-04"]
    assert (data / "backups" / "2026-05-04" / "journal-2026.json").read_bytes() == saved
    clock.now = datetime(2026, 5, 5, 4, 0, 1)
    before = (data / "journal-2026.json").read_bytes()
    store.update_day(D, set_pain(4))
    assert backup_days(data) == ["2026-05-04", "2026-05-05"]
    assert (data / "backups" / "2026-05-05" / "journal-2026.json").read_bytes() == before


def test_a_backup_made_by_another_store_that_day_is_not_made_again(data, clock):
    Store(data, clock=clock).update_day(D, set_pain(1))
    mine = Store(data, clock=clock)
    mine.update_day(D, set_pain(2))
    clock.next_day()
    Store(data, clock=clock).update_day(D, set_pain(3))  # another process takes the day's backup
    saved = (data / "backups" / "2026-05-05" / "journal-2026.json").read_bytes()
    mine.update_day(D, set_pain(4))
    assert (data / "backups" / "2026-05-05" / "journal-2026.json").read_bytes() == saved


def test_a_temp_file_left_by_a_dead_writer_is_removed_by_the_next_write_of_a_running_store(
    store, data
):
    store.update_day(D, set_pain(1))
    left = dir_key(data)
    stale = data / ".journal-2026.json.tmp-99999-0badc0de"
    stale.write_bytes(b"{half a file")
    if (
        dir_key(data) == left
    ):  # a kernel with coarse timestamps, within one tick: what a later write sees
        os.utime(data, ns=(left[2] + 1, left[2] + 1))
    store.update_day(D, set_pain(2))
    assert not stale.exists()


def test_the_lock_file_stays_open_between_writes_and_is_not_inherited_by_programs(store, data):
    store.update_day(D, set_pain(1))
    fd = store._session.lock._fd
    assert fd is not None and os.path.samestat(os.fstat(fd), os.stat(data / ".lock"))
    assert fcntl.fcntl(fd, fcntl.F_GETFD) & fcntl.FD_CLOEXEC
    store.update_day(D, set_pain(2))
    assert store._session.lock._fd == fd


def _write_from_child(store: Store, queue) -> None:
    store._session.lock.timeout = 0.3
    try:
        store.update_day(D, set_pain(9))
        queue.put("wrote")
    except JournalUnusable:
        queue.put("locked out")


def test_a_forked_child_does_not_share_the_parents_lock(store, data):
    store.update_day(D, set_pain(1))  # the lock file is open now, and a fork would inherit it
    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()
    with store._locked():
        child = ctx.Process(target=_write_from_child, args=(store, queue))
        child.start()
        child.join(timeout=60)
        assert queue.get(timeout=5) == "locked out"
    child = ctx.Process(target=_write_from_child, args=(store, queue))
    child.start()
    child.join(timeout=60)
    assert queue.get(timeout=5) == "wrote"
    assert Store(data).load_year(2026)[D].entry.pain == 9
    store.update_day(D, set_pain(2))  # the parent's kept lock still works after the children
    assert Store(data).load_year(2026)[D].entry.pain == 2


def test_a_deleted_lock_file_is_not_trusted(store, data):
    store.update_day(D, set_pain(1))
    (data / ".lock").unlink()  # the kept descriptor now locks a file nobody else can open
    store._session.lock.timeout = 0.2
    # A new process's lock, on the file the path names now.
    with DirLock(data / ".lock", timeout=1), pytest.raises(JournalUnusable):
        store.update_day(D, set_pain(2))
    store.update_day(D, set_pain(3))
    assert Store(data).load_year(2026)[D].entry.pain == 3


def test_threads_writing_through_one_store_lose_nothing(store, data):
    store.update_day(D, set_pain(1))

    def bump(day):
        old = day.ticks.get("bridge")
        return dataclasses.replace(
            day, ticks={**day.ticks, "bridge": Tick("bridge", reps=(old.reps if old else 0) + 1)}
        )

    def work() -> None:
        for _ in range(25):
            store.update_day(D, bump)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Store(data).load_year(2026)[D].ticks["bridge"].reps == 100
