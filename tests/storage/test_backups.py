"""Daily backups (before the first write of each day, 14 days kept), restore and its undo."""

from __future__ import annotations

import errno
import os
from datetime import date

import pytest
from storage_helpers import add_tick, fingerprint, set_pain

from backjournal.storage import BackupNotFound, JournalUnusable, Store, StoreWriteError
from backjournal.storage.atomic import is_temp_name

D = date(2026, 3, 5)


def journal_bytes(data) -> dict[str, bytes]:
    return {name: raw for name, raw in fingerprint(data).items() if "/" not in name}


def test_no_backup_of_an_empty_journal(store, data):
    store.update_day(D, set_pain(1))
    assert store.backups() == []


def test_backup_before_the_first_write_of_each_day_only(store, data, clock):
    store.update_day(D, set_pain(1))
    clock.next_day()
    before_first_write = journal_bytes(data)
    store.update_day(D, set_pain(2))
    folder = data / "backups" / "2026-05-05"
    assert fingerprint(folder) == before_first_write
    store.update_day(D, set_pain(3))
    store.update_meta(lambda m: m)
    assert fingerprint(folder) == before_first_write  # later writes that day leave it alone
    (info,) = store.backups()
    assert (info.day, info.path, info.kind, info.entries, info.problem) == (
        date(2026, 5, 5),
        folder,
        "daily",
        1,
        None,
    )
    assert info.size == sum(len(raw) for raw in before_first_write.values())


def test_a_refused_write_takes_no_backup(store, data, clock):
    store.update_day(D, set_pain(1))
    clock.next_day()
    with pytest.raises(ValueError):
        store.update_day(D, set_pain(11))
    assert store.backups() == []


def test_backups_are_pruned_to_the_last_14_days(store, data, clock):
    store.update_day(D, set_pain(1))
    for n in range(20):
        clock.next_day()
        store.update_day(D, set_pain(n % 10))
    names = sorted(p.name for p in (data / "backups").iterdir())
    assert len(names) == 14
    assert names[-1] == clock.now.date().isoformat()
    assert [b.day for b in store.backups()] == sorted(
        (date.fromisoformat(n) for n in names), reverse=True
    )


def test_a_failing_backup_is_never_half_visible(store, data, clock, monkeypatch):
    store.update_day(D, set_pain(1))
    store.update_day(date(2025, 1, 1), set_pain(1))
    clock.next_day()
    before = fingerprint(data)
    from backjournal.storage import backups

    real = backups.write_all
    calls = []

    def fail_second(fd, payload):
        calls.append(1)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(fd, payload)

    monkeypatch.setattr(backups, "write_all", fail_second)
    with pytest.raises(StoreWriteError, match="backup was not made"):
        store.update_day(D, set_pain(5))
    monkeypatch.undo()
    assert fingerprint(data) == before
    assert not [p for p in data.rglob("*") if is_temp_name(p.name)]
    store.update_day(D, set_pain(5))  # works again once there is room
    assert fingerprint(data / "backups" / "2026-05-05") == {
        k: v for k, v in before.items() if "/" not in k
    }


def test_backup_files_are_private(store, data, clock):
    store.update_day(D, set_pain(1))
    clock.next_day()
    store.update_day(D, set_pain(2))
    for path in (data / "backups").rglob("*"):
        assert (path.stat().st_mode & 0o777) == (0o700 if path.is_dir() else 0o600)


def make_history(store, clock):
    """Day 1: pain 1; day 2: pain 2 and a tick. Returns the journal bytes at the end of day 1."""
    store.update_day(D, set_pain(1))
    day_one = journal_bytes(store.data_dir)
    clock.next_day()
    store.update_day(D, set_pain(2))
    store.update_day(date(2025, 12, 1), add_tick("walk"))
    return day_one


def test_restore_then_undo(store, data, clock):
    day_one = make_history(store, clock)
    day_two = journal_bytes(data)
    saved = store.restore(date(2026, 5, 5))
    assert journal_bytes(data) == day_one
    assert Store(data).load()[0][D].entry.pain == 1
    assert not (data / "journal-2025.json").exists()
    assert fingerprint(saved) == day_two
    assert saved.name.endswith("-before-restore")
    undone = store.restore(saved)
    assert journal_bytes(data) == day_two
    assert fingerprint(undone) == day_one
    assert store.load()[0][D].entry.pain == 2
    assert [b.kind for b in store.backups()][:2] == ["before-restore", "before-restore"]


def test_restore_works_when_the_journal_is_corrupt(store, data, clock):
    day_one = make_history(store, clock)
    (data / "journal-2026.json").write_bytes(b"\x00\x00")
    good = {k: v for k, v in journal_bytes(data).items() if k != "journal-2026.json"}
    saved = store.restore(date(2026, 5, 5))
    aside = {k: v for k, v in journal_bytes(data).items() if ".corrupt-" in k}
    assert {k: v for k, v in journal_bytes(data).items() if k not in aside} == day_one
    # The damaged file is kept, set aside in the data folder; the saved backup holds only files
    # that verify, so it can itself be restored.
    assert list(aside.values()) == [b"\x00\x00"]
    assert fingerprint(saved) == good
    store.restore(saved)
    assert {k: v for k, v in journal_bytes(data).items() if k not in aside} == good


def test_restoring_a_damaged_backup_is_refused(store, data, clock):
    make_history(store, clock)
    damaged = data / "backups" / "2026-05-05" / "journal-2026.json"
    damaged.write_bytes(b'{"days": ')
    before = fingerprint(data)
    with pytest.raises(JournalUnusable) as caught:
        store.restore(date(2026, 5, 5))
    assert caught.value.path == damaged
    assert fingerprint(data) == before
    assert store.backups()[0].problem is not None


def test_restoring_a_missing_backup(store, clock):
    make_history(store, clock)
    with pytest.raises(BackupNotFound):
        store.restore(date(2020, 1, 1))
