"""Recovery through the real entry point: backups, restore (and undoing it), check --repair, and
import/demo refusing a journal that is not empty even when the early check was raced."""

from __future__ import annotations

import json
import os
import re
import select
import subprocess
import time
from pathlib import Path

import pytest
from bj_entry import ENTRY  # noqa: E402 (tests/ is on sys.path: it holds the root conftest)

# Backups are found by day ("restore today"), on the real clock.
pytestmark = pytest.mark.journal_day

A, B = "2026-01-05", "2026-01-06"


def pain(bj, day):
    entry = json.loads(bj("show", "--date", day, "--json").out)["entry"]
    return entry and entry["pain"]


def at_terminal(argv: list[str], answer: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    """Run backjournal with a pseudo-terminal as stdin/stdout, answering its question with `answer`."""
    master, slave = os.openpty()
    proc = subprocess.Popen(
        [*ENTRY, *argv],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env or os.environ.copy(),
        close_fds=True,
    )
    os.close(slave)
    output = b""
    answered = False
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(master, 4096)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            output += chunk
            if not answered and b"[y/N]" in output:
                os.write(master, answer.encode() + b"\n")
                answered = True
        elif proc.poll() is not None:
            break
    code = proc.wait(timeout=30)
    os.close(master)
    return code, output.decode(errors="replace")


@pytest.fixture
def journal(bj, data_dir):
    """A on the first write (nothing to back up yet); B after today's backup, which holds A only."""
    assert bj("log", "--date", A, "--pain", "3").code == 0
    assert bj("log", "--date", B, "--pain", "4").code == 0
    return data_dir


def test_backups_lists_date_kind_size_and_entries(bj, journal):
    result = bj("backups")
    assert result.code == 0, result.err
    header, row = result.out.splitlines()[1:3]
    assert header.split() == ["NAME", "DATE", "KIND", "SIZE", "ENTRIES"]
    name, day, kind, *_, entries = row.split()
    assert (kind, entries) == ("daily", "1") and name == day
    (listed,) = json.loads(bj("backups", "--json").out)
    assert listed["name"] == name and listed["kind"] == "daily" and listed["entries"] == 1
    assert listed["size"] > 0 and Path(listed["path"]).is_dir() and listed["problem"] is None


def test_no_backups_yet(bj):
    result = bj("backups")
    assert result.code == 0 and "No backups yet" in result.out
    assert json.loads(bj("backups", "--json").out) == []


def test_restore_then_undo_it_from_the_cli(bj, journal, fingerprint):
    (daily,) = json.loads(bj("backups", "--json").out)
    restored = bj("restore", daily["name"], "--yes")
    assert restored.code == 0, restored.err
    assert pain(bj, A) == 3 and pain(bj, B) is None
    undo = re.search(r"to undo: backjournal restore (\S+)", restored.out).group(1)
    kinds = {b["name"]: b["kind"] for b in json.loads(bj("backups", "--json").out)}
    assert kinds[undo] == "before-restore"
    undone = bj("restore", undo, "--yes")
    assert undone.code == 0, undone.err
    assert pain(bj, A) == 3 and pain(bj, B) == 4  # back as it was before the restore
    # ... and the undo was itself saved first, so it can be undone in turn.
    assert (
        len([b for b in json.loads(bj("backups", "--json").out) if b["kind"] == "before-restore"])
        == 2
    )
    assert bj("check").code == 0


def test_restore_by_date_and_by_folder_path(bj, journal):
    (daily,) = json.loads(bj("backups", "--json").out)
    assert bj("restore", daily["date"], "--yes").code == 0
    assert pain(bj, B) is None
    assert bj("log", "--date", B, "--pain", "6").code == 0
    assert bj("restore", daily["path"], "--yes").code == 0
    assert pain(bj, B) is None


@pytest.mark.journal_day  # `restore today`: the day backups are named by, at any hour
def test_restore_needs_confirmation(bj, journal, fingerprint):
    before = fingerprint(journal)
    result = bj("restore", "today")
    assert result.code == 2 and "--yes" in result.err
    assert fingerprint(journal) == before
    code, out = at_terminal(["restore", "today"], "n")
    assert code == 0 and "Nothing changed" in out
    assert fingerprint(journal) == before
    code, out = at_terminal(["restore", "today"], "y")
    assert code == 0 and "Restored" in out, out
    assert pain(bj, B) is None


@pytest.mark.parametrize("which", ["2020-01-01", "no-such-backup", "/nonexistent/folder", ""])
def test_restore_of_a_missing_backup_is_refused(bj, journal, fingerprint, which):
    before = fingerprint(journal)
    result = bj("restore", which, "--yes")
    assert result.code == 2 and "backup" in result.err
    assert fingerprint(journal) == before


def test_restore_refuses_a_folder_without_journal_files(bj, journal, tmp_path, fingerprint):
    empty = tmp_path / "not-a-backup"
    empty.mkdir()
    before = fingerprint(journal)
    result = bj("restore", str(empty), "--yes")
    assert result.code == 2 and "holds no journal files" in result.err
    assert fingerprint(journal) == before


def test_check_repair_moves_the_damaged_file_aside_and_offers_the_backup(bj, journal):
    year = journal / "journal-2026.json"
    damaged = year.read_bytes()[:-5]
    year.write_bytes(damaged)
    checked = bj("check")
    assert checked.code == 4 and str(year) in checked.err and "check --repair" in checked.err
    repaired = bj("check", "--repair")
    assert repaired.code == 0, repaired.err
    aside = re.search(rf"moved {re.escape(str(year))} aside to (\S+) ", repaired.out).group(1)
    assert (journal / aside).read_bytes() == damaged and "nothing was deleted" in repaired.out
    name = re.search(r"run: backjournal restore (\S+)", repaired.out).group(1)
    assert bj("check").code == 0  # usable again: 2026 is empty until the backup is restored
    assert pain(bj, A) is None
    assert bj("restore", name, "--yes").code == 0
    assert pain(bj, A) == 3


def test_check_repair_at_a_terminal_offers_to_restore(bj, journal):
    year = journal / "journal-2026.json"
    year.write_bytes(b"\0" * 64)
    code, out = at_terminal(["check", "--repair"], "y")
    assert code == 0, out
    assert "moved" in out and "Restore" in out and "to undo: backjournal restore" in out
    assert pain(bj, A) == 3


def test_check_repair_on_a_good_journal_changes_nothing(bj, journal, fingerprint):
    before = fingerprint(journal)
    result = bj("check", "--repair")
    assert result.code == 0 and "Nothing to repair" in result.out
    assert fingerprint(journal) == before


def test_a_stale_temp_file_is_a_note_not_a_failure(bj, journal):
    stale = journal / ".journal-2026.json.tmp-99999-0badf00d"
    stale.write_bytes(b'{"days": {"1": ')
    result = bj("check")
    assert result.code == 0, result.err
    assert f"note: {stale}" in result.out and "the next write removes it" in result.out
    assert bj("log", "--date", A, "--pain", "2").code == 0
    assert not stale.exists()


@pytest.mark.parametrize("command", [["demo", "--days", "30"], ["import", "EXPORT"]])
def test_import_and_demo_refuse_a_journal_filled_after_the_early_check(
    tmp_path, monkeypatch, command
):
    """The emptiness check is repeated under the write lock: a write that lands between the early
    check and the lock (simulated by an early check that always says empty) is never replaced."""
    from backjournal.cli import main
    from backjournal.storage import Store

    source = tmp_path / "source"
    assert main(["--data-dir", str(source), "demo", "--days", "20"]) == 0
    export = tmp_path / "export.json"
    assert main(["--data-dir", str(source), "export", "--out", str(export)]) == 0
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "log", "--date", A, "--pain", "3"]) == 0
    before = {p.name: p.read_bytes() for p in data.glob("journal-*.json")}
    monkeypatch.setattr(Store, "is_empty", lambda self: True)
    argv = [str(export) if arg == "EXPORT" else arg for arg in command]
    assert main(["--data-dir", str(data), *argv]) == 2
    assert {p.name: p.read_bytes() for p in data.glob("journal-*.json")} == before
