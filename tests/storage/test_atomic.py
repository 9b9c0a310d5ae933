"""Atomic writes: a failing write leaves the previous file intact and says why; stale temps are cleaned."""

from __future__ import annotations

import errno
import os
import stat
from datetime import date

import pytest
from storage_helpers import add_tick, entry_day, fingerprint, set_pain

from backjournal.domain.models import JournalMeta
from backjournal.storage import StoreWriteError
from backjournal.storage.atomic import is_temp_name, temp_name, write_atomic

D = date(2026, 3, 5)


@pytest.fixture
def journal(store, data):
    store.update_day(D, set_pain(3))
    store.update_day(D, add_tick("walk"))  # the second write of the day makes today's backup
    assert (data / "backups" / "2026-05-04").is_dir()
    return store


def no_temps(folder) -> bool:
    return not [p for p in folder.rglob("*") if is_temp_name(p.name)]


def enospc(*args, **kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_write_atomic_replaces_the_file_with_mode_0600(tmp_path):
    target = tmp_path / "f.json"
    target.write_bytes(b"old")
    target.chmod(0o644)
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["f.json"]


def test_temp_names_are_hidden_and_never_journal_files():
    name = temp_name("journal-2026.json")
    assert name.startswith(".journal-2026.json.tmp-") and is_temp_name(name)
    assert not is_temp_name("journal-2026.json")
    assert not is_temp_name("journal-2026.json.corrupt-20260101-120000")


def enospc_for_temp_files(path, flags, *args, real_open=os.open):
    if is_temp_name(os.path.basename(path)):
        enospc()
    return real_open(path, flags, *args)


@pytest.mark.parametrize("where", ["fsync", "replace", "open"])
def test_a_failing_write_leaves_the_previous_file_intact(journal, data, monkeypatch, where):
    before = fingerprint(data)
    monkeypatch.setattr(os, where, enospc_for_temp_files if where == "open" else enospc)
    with pytest.raises(StoreWriteError) as caught:
        journal.update_day(D, set_pain(9))
    monkeypatch.undo()
    assert caught.value.path == data / "journal-2026.json"
    assert "No space left on device" in str(caught.value)
    assert "not changed" in str(caught.value)
    assert fingerprint(data) == before
    assert no_temps(data)
    assert journal.load()[0][D].entry.pain == 3


def test_a_disk_that_fills_up_mid_write_leaves_the_previous_file_intact(journal, data, monkeypatch):
    before = fingerprint(data)
    real_write = os.write
    calls = []

    def half_then_full(fd, payload):
        calls.append(len(payload))
        if len(calls) == 1:
            return real_write(fd, bytes(payload[: len(payload) // 2]))
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "write", half_then_full)
    with pytest.raises(StoreWriteError, match="No space left"):
        journal.update_day(D, set_pain(9))
    monkeypatch.undo()
    assert len(calls) == 2  # the fake really cut the write short
    assert fingerprint(data) == before
    assert no_temps(data)


def test_a_failing_directory_fsync_is_reported(journal, data, monkeypatch):
    from backjournal.storage import atomic

    monkeypatch.setattr(atomic, "fsync_dir", enospc)
    with pytest.raises(StoreWriteError, match="may not survive a crash"):
        journal.update_day(D, set_pain(9))


def test_a_failing_replace_all_leaves_every_file_intact(journal, data, monkeypatch):
    from backjournal.storage import replace as store_module  # commit_files stages the new files

    journal.update_day(date(2025, 6, 1), set_pain(1))
    before = fingerprint(data)
    real = store_module.write_temp
    staged = []

    def fail_second(target, payload):
        if staged:
            raise StoreWriteError(target, OSError(errno.EIO, os.strerror(errno.EIO)))
        staged.append(real(target, payload))
        return staged[-1]

    monkeypatch.setattr(store_module, "write_temp", fail_second)
    days = {date(2024, 1, 1): entry_day(date(2024, 1, 1)), D: entry_day(D, 8)}
    with pytest.raises(StoreWriteError, match="Input/output error"):
        journal.replace_all(days, JournalMeta())
    monkeypatch.undo()
    assert staged  # one file was staged before the failure
    after = fingerprint(data)
    assert {k: v for k, v in after.items() if not k.startswith("backups/")} == {
        k: v for k, v in before.items() if not k.startswith("backups/")
    }
    assert no_temps(data)


def test_a_read_only_data_dir_gives_a_write_error(journal, data, monkeypatch):
    real_open = os.open

    def read_only(path, flags, *args, **kwargs):
        if flags & os.O_CREAT:
            raise OSError(errno.EROFS, os.strerror(errno.EROFS))
        return real_open(path, flags, *args, **kwargs)

    before = fingerprint(data)
    monkeypatch.setattr(os, "open", read_only)
    with pytest.raises(StoreWriteError, match="Read-only file system"):
        journal.update_day(D, set_pain(9))
    monkeypatch.undo()
    assert fingerprint(data) == before


def test_stale_temp_files_are_reported_then_cleaned_by_the_next_write(journal, data):
    stale = data / ".journal-2026.json.tmp-99999-0badf00d"
    stale.write_bytes(b'{"days": {"1": ')
    stale_backup = data / "backups" / ".2026-05-03.tmp-99999-0badf00d"
    stale_backup.mkdir()
    (stale_backup / "journal-2026.json").write_bytes(b"{}")
    problems = journal.check()
    assert any(line.startswith(str(stale)) for line in problems)
    assert any(line.startswith(str(stale_backup)) for line in problems)
    journal.load()  # reading changes nothing
    assert stale.exists()
    journal.update_day(D, set_pain(4))
    assert not stale.exists() and not stale_backup.exists()
    assert journal.check() == []
    assert journal.load()[0][D].entry.pain == 4


def test_a_failed_write_does_not_leak_into_the_next_one(journal, data, monkeypatch):
    # The store keeps the parsed file between writes; a failed write must not have changed it.
    journal.update_day(D, set_pain(3))
    monkeypatch.setattr(os, "fsync", enospc)
    with pytest.raises(StoreWriteError):
        journal.update_day(D, set_pain(9))
    monkeypatch.undo()
    journal.update_day(date(2026, 3, 6), set_pain(1))  # another day of the same file
    from backjournal.storage import Store

    day = Store(data).load()[0][D]
    assert day.entry.pain == 3 and set(day.ticks) == {"walk"}
