"""One day everywhere: backups are named and found by the journal day (the 04:00 boundary), the day
`today` means in every command, through the one clock seam (BACKJOURNAL_NOW, for tests) and through
the real clock. `.ci/run` runs the tests marked journal_day again with local time between 00:00 and
04:00."""

from __future__ import annotations

import ast
import json
import os
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from robustness_support import fingerprint, report, run_cli

import backjournal
from backjournal.domain.dates import journal_today
from backjournal.storage.clock import NOW_ENV

pytestmark = pytest.mark.journal_day

# Local times on both sides of midnight and of the 04:00 boundary.
TIMES = [
    "2026-11-30T00:00:00",
    "2026-11-30T00:00:01",
    "2026-11-30T02:00:00",
    "2026-11-30T02:45:00",
    "2026-11-30T03:59:59",
    "2026-11-30T04:00:00",
    "2026-11-30T12:00:00",
    "2026-11-30T23:59:59",
    "2027-01-01T01:30:00",  # the journal day is still in the year before
]
RUNS: list[int] = []


def env_at(data: Path, now: str | None) -> dict[str, str]:
    env = {**os.environ, "BACKJOURNAL_DATA_DIR": str(data)}
    env.pop(NOW_ENV, None)
    if now is not None:
        env[NOW_ENV] = now
    return env


def bj(env: dict[str, str], *argv: str):
    RUNS.append(1)
    return run_cli(*argv, env=env)


def journal_files(data: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(data.glob("journal-*.json"))}


def check_today_and_restore_today(data: Path, env_before: dict, env_now: dict, today: date) -> None:
    """A night's entry, then tonight's: the backup is named `today` and `restore today` finds it."""
    assert bj(env_before, "log", "--pain", "3").code == 0  # an empty journal: nothing backed up
    logged = bj(env_now, "log", "--pain", "5")
    assert logged.code == 0, logged.err
    assert f"Saved {today}" in logged.out
    shown = json.loads(bj(env_now, "show", "--json").out)
    assert shown["date"] == today.isoformat() and shown["entry"]["pain"] == 5
    (backup,) = json.loads(bj(env_now, "backups", "--json").out)
    assert (backup["name"], backup["date"], backup["kind"]) == (today.isoformat(),) * 2 + ("daily",)
    held = fingerprint(Path(backup["path"]))
    before = journal_files(data)
    restored = bj(env_now, "restore", "today", "--yes")
    assert restored.code == 0, restored.err
    assert (
        fingerprint(data) != {}
        and {k: v for k, v in fingerprint(data).items() if "/" not in k} == held
    )  # the journal is the backup, byte for byte
    undo = restored.out.rsplit("backjournal restore ", 1)[1].split()[0]
    assert journal_files(data / "backups" / undo) == before  # and its undo holds what was there
    assert json.loads(bj(env_now, "show", "--json").out)["entry"] is None


@pytest.mark.parametrize("now", TIMES)
def test_backups_are_named_and_restored_by_the_journal_day(tmp_path, now):
    when = datetime.fromisoformat(now)
    today = journal_today(when)
    data = tmp_path / "data"
    earlier = (when - timedelta(days=1)).isoformat()
    check_today_and_restore_today(data, env_at(data, earlier), env_at(data, now), today)


def test_the_real_clock_too(tmp_path):
    """No BACKJOURNAL_NOW: run at night by `.ci/run` (a time zone where it is 00:00-04:00 locally)."""
    data = tmp_path / "data"
    env = env_at(data, None)
    today = date.fromisoformat(json.loads(bj(env, "show", "--json").out)["date"])
    assert today == journal_today(datetime.now())
    assert bj(env, "log", "--date", "yesterday", "--pain", "3").code == 0
    logged = bj(env, "log", "--pain", "5")
    assert logged.code == 0, logged.err
    (backup,) = json.loads(bj(env, "backups", "--json").out)
    if journal_today(datetime.now()) != today:
        pytest.skip("the journal day turned over during the test")
    assert backup["date"] == today.isoformat()
    restored = bj(env, "restore", "today", "--yes")
    assert restored.code == 0, restored.err


@pytest.mark.parametrize(
    "value", ["yesterday", "2026-11-30T02:00+05:00", "2026-13-01T00:00", "now", " "]
)
def test_a_bad_clock_value_is_refused_with_a_sentence(tmp_path, value):
    data = tmp_path / "data"
    assert bj(env_at(data, None), "log", "--date", "2026-01-05", "--pain", "3").code == 0
    before = fingerprint(data)
    result = bj(env_at(data, value), "log", "--pain", "4")
    if value.strip():
        assert result.code == 2 and NOW_ENV in result.err and "Traceback" not in result.err
    else:
        assert result.code == 0  # blank: not set
    if result.code:
        assert fingerprint(data) == before


def test_there_is_one_clock_seam():
    """Only backjournal/storage/clock.py reads the system clock; everything else gets it from there."""
    reads = {("datetime", "now"), ("date", "today"), ("datetime", "today"), ("time", "time")}
    reads |= {("time", "localtime"), ("datetime", "utcnow")}
    root = Path(backjournal.__file__).parent
    found = []
    for path in sorted(root.rglob("*.py")):
        if path == root / "storage" / "clock.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and (node.value.id, node.attr) in reads
            ):
                found.append(f"{path.relative_to(root)}:{node.lineno} {node.value.id}.{node.attr}")
    assert found == []


@pytest.fixture(scope="module", autouse=True)
def summary():
    yield
    report(
        "journal-day",
        f"{len(TIMES)} local times across 00:00 and 04:00 through {NOW_ENV}, and the real clock: "
        f"{len(RUNS)} commands; backups named and restored by the journal day",
    )
