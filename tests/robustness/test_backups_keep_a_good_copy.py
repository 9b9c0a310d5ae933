"""Backups always hold a good copy: only files that verify are copied, pruning keeps the newest good
copy of every journal file and each snapshot until 14 newer backups exist, and a clock set back
deletes nothing. Every case compares the journal's files and the backups byte for byte."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

import orjson
import pytest
from robustness_support import n, report

from backjournal.domain.models import Day, Entry, JournalMeta
from backjournal.service import JournalService
from backjournal.storage import Store
from backjournal.storage.backups import KEEP_DAYS

OLD, NEW = "journal-2025.json", "journal-2026.json"
START = datetime(2026, 3, 1, 21, 0)
COMPARED: list[int] = []  # bytes compared, for the summary


class Clock:
    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def files(folder: Path) -> dict[str, bytes]:
    """Every regular file directly in folder, with its bytes (the lock file is not journal data)."""
    if not folder.is_dir():
        return {}
    out = {
        p.name: p.read_bytes()
        for p in sorted(folder.iterdir())
        if p.is_file() and not p.is_symlink() and p.name not in (".lock", ".verified")
    }
    COMPARED.append(sum(len(v) for v in out.values()))
    return out


def backups(data: Path) -> dict[str, dict[str, bytes]]:
    folder = data / "backups"
    if not folder.is_dir():
        return {}
    return {p.name: files(p) for p in sorted(folder.iterdir()) if p.is_dir()}


def pain(value: int) -> Callable[[Day], Day]:
    return lambda day: Day(day.date, Entry(pain=value), day.ticks)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def journal(tmp_path, clock) -> Store:
    """Entries in 2025 and 2026 and a meta file; the first daily backup not yet taken."""
    store = Store(tmp_path / "data", clock=clock)
    store.update_meta(lambda meta: meta)
    store.update_day(date(2025, 12, 30), pain(2))
    store.update_day(date(2026, 2, 27), pain(3))
    return store


def nights(store: Store, clock: Clock, count: int) -> None:
    """`count` journal days, each with one write (so each takes its daily backup)."""
    for _ in range(count):
        clock.now += timedelta(days=1)
        store.update_day(date(2026, 2, 28), pain(clock.now.day % 10))


def truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:-7])


def pain_eleven(path: Path) -> None:
    data = orjson.loads(path.read_bytes())
    next(iter(data["days"].values()))["entry"]["pain"] = 11
    path.write_bytes(orjson.dumps(data))


def symlink_elsewhere(path: Path) -> None:
    outside = path.parent.parent / "elsewhere.json"
    outside.write_bytes(path.read_bytes())
    path.unlink()
    path.symlink_to(outside)


DAMAGE: dict[str, Callable[[Path], None]] = {
    "truncated by a sync tool": truncate,
    "all NUL bytes": lambda p: p.write_bytes(b"\0" * p.stat().st_size),
    "empty": lambda p: p.write_bytes(b""),
    "wrongly shaped (pain 11)": pain_eleven,
    "a symlink to a copy elsewhere": symlink_elsewhere,
    "a named pipe": lambda p: (p.unlink(), os.mkfifo(p, 0o600)),
}


@pytest.mark.parametrize("case", DAMAGE)
def test_a_damaged_old_year_is_never_backed_up_and_its_last_good_copy_is_never_pruned(
    journal, clock, case
):
    nights(journal, clock, 2)
    old = journal.data_dir / OLD
    good = old.read_bytes()
    DAMAGE[case](old)
    damaged = old.read_bytes() if old.is_file() and not old.is_symlink() else None
    nights(journal, clock, KEEP_DAYS + 6)  # 20 nights: the backups holding 2025 fall out of the 14
    held = {name: got[OLD] for name, got in backups(journal.data_dir).items() if OLD in got}
    assert held, f"{case}: no backup holds {OLD} any more"
    assert set(held.values()) == {good}, f"{case}: a backup holds a copy that does not verify"
    assert len(backups(journal.data_dir)) == KEEP_DAYS + 1  # the 14 days, plus the good copy kept
    if damaged is not None:
        assert old.read_bytes() == damaged  # the damaged file itself is left byte for byte
    problems = JournalService(journal).journal_problems()
    assert [p.path for p in problems] == [old] and "check --repair" in str(problems[0])


SNAPSHOTS = {
    # The newest daily backup holds both years: restoring it leaves no file whose only good copy is
    # in the snapshot (such a snapshot is rightly kept for good, as the last copy of that file).
    "before-restore": lambda store: store.restore(store.backups()[0].path),
    # The import holds both years, so no file's only good copy is in the snapshot (that would keep it).
    "before-import": lambda store: store.replace_all(
        {d: Day(d, Entry(pain=4)) for d in (date(2025, 5, 2), date(2026, 1, 2))}, JournalMeta()
    ),
}


@pytest.mark.parametrize("kind", SNAPSHOTS)
def test_a_snapshot_survives_until_14_newer_backups_exist(journal, clock, kind):
    nights(journal, clock, 3)
    before = files(journal.data_dir)
    SNAPSHOTS[kind](journal)
    (name,) = [b.path.name for b in journal.backups() if b.kind == kind]
    snap = {k: v for k, v in before.items() if k.startswith("journal-")}
    assert backups(journal.data_dir)[name] == snap
    for night in range(1, KEEP_DAYS + 2):
        nights(journal, clock, 1)  # one newer backup a night
        if night < KEEP_DAYS:
            assert backups(journal.data_dir).get(name) == snap, f"pruned after {night} nights"
        else:
            assert name not in backups(journal.data_dir), f"kept after {night} newer backups"


@pytest.mark.parametrize(
    "offset", [timedelta(0), timedelta(days=-30)], ids=["clock ok", "set back"]
)
def test_the_undo_of_a_restore_survives_the_next_writes(journal, clock, offset):
    """The issue's case: `restore` prints a snapshot as its undo; the next `log` must not delete it."""
    nights(journal, clock, KEEP_DAYS + 2)
    clock.now += offset
    saved = journal.restore(journal.backups()[-1].path)
    kept = files(saved)
    assert kept
    for _ in range(3):
        journal.update_day(date(2026, 2, 28), pain(7))
        clock.now += timedelta(days=1)
    assert files(saved) == kept


@pytest.mark.parametrize(
    "back,later",
    [(timedelta(hours=30), 0), (timedelta(days=3), 2), (timedelta(days=400), 5)],
    ids=["30 hours", "3 days", "400 days"],
)
def test_a_clock_set_back_deletes_nothing_and_makes_one_backup_a_day(journal, clock, back, later):
    nights(journal, clock, KEEP_DAYS + 2)
    before = backups(journal.data_dir)
    clock.now -= back
    for _ in range(5):  # five writes on one set-back day
        journal.update_day(date(2026, 2, 28), pain(1))
    made = set(backups(journal.data_dir)) - set(before)
    assert len(made) <= 1  # at most one backup for that day, and it is not pruned at once
    if back > timedelta(days=KEEP_DAYS + 2):  # a day with no backup yet: one is made
        assert made == {journal.today().isoformat()}
    nights(journal, clock, later)  # later days, the clock still behind the newest backup
    after = backups(journal.data_dir)
    assert {k: after.get(k) for k in before} == before  # every backup there before, byte for byte
    assert made <= set(after)


@pytest.fixture(scope="module", autouse=True)
def summary():
    yield
    report(
        "good-copies",
        f"{len(DAMAGE)} kinds of damage over 20 nights, {len(SNAPSHOTS)} snapshot kinds over 15 "
        f"nights, 3 clocks set back: {n(sum(COMPARED))} bytes compared; every good copy kept",
    )
