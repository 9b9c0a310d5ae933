"""The journal's files are its own: journal-meta.json is part of it, nothing outside the data folder
is written, followed or deleted, and the environment (permissions, long names, loops, no fcntl)
gets a sentence and an exit code, never a traceback. Every case compares files byte for byte."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import orjson
import pytest
from robustness_support import ENTRY, fingerprint, n, report, run_main

DAY, NEXT = "2026-03-05", "2026-03-06"
META, YEAR, OLD = "journal-meta.json", "journal-2026.json", "journal-2025.json"
# T3 is 02:30 on the 8th: the journal day of the 7th, a new day, so every write backs up and prunes.
T1, T2, T3 = "2026-03-05T21:00:00", "2026-03-06T21:00:00", "2026-03-08T02:30:00"
RAN: dict[str, int] = {}


def count(kind: str) -> None:
    RAN[kind] = RAN.get(kind, 0) + 1


def run_at(monkeypatch, now: str, *argv: str):
    monkeypatch.setenv("BACKJOURNAL_NOW", now)
    count("commands")
    result = run_main(*argv)
    assert "Traceback" not in result.err, result.err
    return result


@pytest.fixture
def journal(isolated_dirs, monkeypatch) -> Path:
    """2025 and 2026 entries, a custom exercise ticked; the daily backup of T2 holds all of it."""
    data = isolated_dirs[0]
    for argv in (
        ["log", "--date", DAY, "--pain", "3", "--note", "kept"],
        ["log", "--date", "2025-12-30", "--pain", "2"],
    ):
        assert run_at(monkeypatch, T1, *argv).code == 0
    from backjournal.domain.models import Exercise
    from backjournal.service import JournalService
    from backjournal.storage import Store

    JournalService(Store(data)).add_exercise(
        Exercise("wall-slide", "Wall slide", "mobility", "mid-back", 1, 8, None, "both", "", "")
    )
    assert run_at(monkeypatch, T1, "tick", "wall-slide", "--date", DAY).code == 0
    assert run_at(monkeypatch, T2, "log", "--date", NEXT, "--pain", "4").code == 0
    assert (data / "backups" / "2026-03-06" / META).is_file()
    return data


def outside_of(data: Path) -> Path:
    return data.parent / "outside"


# -- 1. journal-meta.json is part of the journal ------------------------------------------------

META_DAMAGE: dict[str, Callable[[Path], None]] = {
    "missing": lambda p: p.unlink(),
    "truncated": lambda p: p.write_bytes(p.read_bytes()[:-9]),
    "empty": lambda p: p.write_bytes(b""),
    "overlapping episodes": lambda p: p.write_bytes(
        orjson.dumps(
            {
                **orjson.loads(p.read_bytes()),
                "episodes": {
                    "1": {"start": "2026-01-01", "end": None},
                    "2": {"start": "2026-02-01", "end": None},
                },
            }
        )
    ),
    "a folder": lambda p: (p.unlink(), p.mkdir()),
}

READERS = [
    ["show", "--date", DAY, "--json"],
    ["log", "--date", DAY, "--pain", "5"],
    ["log", "--date", "2026-03-04", "--pain", "5"],
    ["tick", "walk", "--date", NEXT],
    ["untick", "wall-slide", "--date", DAY],
    ["episode", "start", "--date", NEXT],
    ["episode", "list"],
    ["exercises"],
    ["advise", "--date", DAY],
    ["streaks", "--date", DAY],
    ["export", "--format", "json"],
    ["demo", "--days", "3"],
]


@pytest.mark.parametrize("case", META_DAMAGE)
def test_year_files_without_a_readable_meta_file_make_the_journal_unusable(
    journal, monkeypatch, case
):
    meta = journal / META
    years = {name: (journal / name).read_bytes() for name in (YEAR, OLD)}
    META_DAMAGE[case](meta)
    damaged = meta.read_bytes() if meta.is_file() else None
    before = fingerprint(journal)
    for argv in READERS:
        result = run_at(monkeypatch, T3, *argv)  # a new journal day: a write would back up first
        assert result.code == 4, (case, argv, result)
        assert str(meta) in result.err, (argv, result.err)
    for argv in (["backups"], ["locate"]):  # they do not read it, but say it is damaged
        result = run_at(monkeypatch, T3, *argv)
        assert result.code == 0 and f"{meta}: " in result.err and "check --repair" in result.err
        assert result.err.count(f"warning: {meta}") == 1
    checked = run_at(monkeypatch, T3, "check")
    assert checked.code == 4 and str(meta) in checked.err
    assert fingerprint(journal) == before, f"{case}: a command wrote to the journal"

    repaired = run_at(monkeypatch, T3, "check", "--repair")
    assert f"restored {meta} from the backup" in repaired.out, repaired.out
    assert repaired.code == 0, repaired
    newest = journal / "backups" / "2026-03-06" / META
    assert meta.read_bytes() == newest.read_bytes()  # the newest good copy, byte for byte
    assert {name: (journal / name).read_bytes() for name in years} == years  # never moved
    if damaged is not None:
        (aside,) = journal.glob(f"{META}.corrupt-*")
        assert aside.read_bytes() == damaged
    shown = orjson.loads(run_at(monkeypatch, T3, "show", "--date", DAY, "--json").out)
    assert shown["entry"]["notes"] == "kept" and [t["exercise"] for t in shown["ticks"]] == [
        "wall-slide"
    ]


EVERY_COMMAND = [
    ["show", "--date", DAY],
    ["log", "--date", DAY, "--pain", "5"],
    ["tick", "walk", "--date", NEXT],
    ["untick", "walk", "--date", NEXT],
    ["episode", "list"],
    ["exercises"],
    ["routines"],
    ["advise", "--date", DAY],
    ["streaks", "--date", DAY],
    ["backups"],
    ["locate"],
    ["restore", "2026-03-06", "--yes"],
]


@pytest.mark.parametrize("argv", EVERY_COMMAND, ids=lambda argv: " ".join(argv[:2]))
def test_while_a_file_is_damaged_every_command_says_so_once(journal, monkeypatch, argv):
    """A damaged old year most commands never read: each still names it, once, with the way out."""
    old = journal / OLD
    old.write_bytes(old.read_bytes()[:-4])
    damaged = old.read_bytes()
    result = run_at(monkeypatch, T3, *argv)
    warning = f"backjournal: warning: {old}: "
    if argv[0] == "restore":  # the damaged file is set aside, the backup brought back whole
        assert result.code == 0, result
        (aside,) = journal.glob(f"{OLD}.corrupt-*")
        assert aside.read_bytes() == damaged and warning not in result.err
        assert f"Set {old} aside as {aside.name}" in result.out
        return
    if argv[0] in ("episode", "streaks"):  # these read every year: refused, naming it just once
        assert result.code == 4 and result.err.count(str(old)) == 1, (argv, result)
    else:
        assert result.code == 0, (argv, result)
        assert result.err.count(warning) == 1 and "check --repair" in result.err, result.err
    assert old.read_bytes() == damaged
    checked = run_at(monkeypatch, T3, "check")
    assert checked.code == 4 and str(old) in checked.err


def test_repair_never_moves_a_year_file_that_parses_for_ticks_the_meta_no_longer_knows(
    journal, monkeypatch
):
    """journal-meta.json replaced by one without the custom exercise: the year file naming it is a
    problem `check` reports, and repair leaves it in place byte for byte."""
    meta = journal / META
    data = orjson.loads(meta.read_bytes())
    data["exercises"] = {}
    meta.write_bytes(orjson.dumps(data))
    before = fingerprint(journal)
    checked = run_at(monkeypatch, T3, "check")
    assert checked.code == 4 and str(journal / YEAR) in checked.err
    repaired = run_at(monkeypatch, T3, "check", "--repair")
    assert repaired.code == 4 and f"left {journal / YEAR} in place" in repaired.out
    assert "moved" not in repaired.out
    assert fingerprint(journal) == before


# -- 2. nothing outside the data folder is written, followed or deleted -----------------------


def link_file(name: str) -> Callable[[Path], Path]:
    def make(data: Path) -> Path:
        target = outside_of(data) / f"victim-{name}"
        path = data / name
        target.write_bytes(path.read_bytes() if path.is_file() else b"precious, not the journal's")
        if path.exists():
            path.unlink()
        path.symlink_to(target)
        return target

    return make


def link_backups(data: Path) -> Path:
    """backups/ moved elsewhere and linked back; an old day there, which pruning would delete."""
    target = outside_of(data) / "backups"
    shutil.move(str(data / "backups"), target)
    (target / "2020-01-01").mkdir()
    (target / "2020-01-01" / META).write_bytes((target / "2026-03-06" / META).read_bytes())
    (data / "backups").symlink_to(target)
    return target


def link_inside_backups(data: Path) -> Path:
    """A folder outside linked in as an old backup: pruning must never rmtree through it."""
    target = outside_of(data) / "old-photos"
    target.mkdir()
    (target / "photo.jpg").write_bytes(b"\xff\xd8 not the journal's")
    (data / "backups" / "2020-01-01").symlink_to(target, target_is_directory=True)
    return target


WRITERS = [
    ["log", "--date", DAY, "--pain", "6"],
    ["tick", "walk", "--date", NEXT],
    ["episode", "start", "--date", NEXT],
    ["show", "--date", "2025-12-30"],
    ["backups"],
    ["check"],
    ["check", "--repair"],
    ["restore", "2026-03-06", "--yes"],
    ["log", "--date", "2026-03-07", "--pain", "2"],
]
ALL_WRITES = {"log", "tick", "episode", "check --repair", "restore"}
LINKS: dict[str, tuple[Callable[[Path], Path], set[str]]] = {
    # spot -> (make the link, returning what it points to; the commands that must refuse, exit 4)
    ".lock": (link_file(".lock"), ALL_WRITES),
    "backups/": (link_backups, ALL_WRITES - {"check --repair"} | {"backups", "check"}),
    YEAR: (link_file(YEAR), {"log", "tick", "check"}),
    META: (link_file(META), {"log", "tick", "episode", "show", "check"}),
    OLD: (link_file(OLD), {"show", "check"}),  # the others say so in a warning
    "backups/2020-01-01": (link_inside_backups, set()),  # not a backup: ignored, never followed
}


def outside_state(path: Path) -> dict[str, bytes]:
    root = path if path.is_dir() else path.parent
    state = {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }
    state["(entries)"] = "\n".join(
        str(p.relative_to(root)) for p in sorted(root.rglob("*"))
    ).encode()
    count("bytes")
    RAN["bytes compared"] = RAN.get("bytes compared", 0) + sum(len(v) for v in state.values())
    return state


@pytest.mark.parametrize("spot", LINKS)
def test_nothing_outside_the_data_folder_is_written_followed_or_deleted(journal, monkeypatch, spot):
    make, refusing = LINKS[spot]
    outside_of(journal).mkdir()
    target = make(journal)
    outside = outside_state(outside_of(journal))
    link = journal / spot.rstrip("/")
    refused_once = False
    for argv in WRITERS:
        # T3 is a new journal day: each write would take a backup and prune the old ones first.
        result = run_at(monkeypatch, T3, *argv)
        assert outside_state(outside_of(journal)) == outside, f"{spot}: {argv} changed {target}"
        links = [p for p in journal.iterdir() if p.is_symlink() and p.resolve() == target.resolve()]
        assert links or link.is_symlink(), f"{spot}: {argv} removed the link"
        name = " ".join(argv[:2]) if argv[:2] == ["check", "--repair"] else argv[0]
        if name in refusing and not refused_once or (name == "check" and name in refusing):
            assert result.code == 4, (spot, argv, result)
            assert str(link) in result.err + result.out, (spot, argv, result.err)
            assert "symbolic link" in result.err + result.out
        if name == "check --repair":
            refused_once = True  # journal files' links are moved aside now (the links themselves)
        if spot == OLD and argv[0] == "log" and not refused_once:
            assert result.code == 0 and f"warning: {link}: " in result.err
    for _ in range(3):  # more nights, more pruning
        monkeypatch.setenv("BACKJOURNAL_NOW", "2026-04-01T21:00:00")
        run_main("log", "--date", "2026-03-30", "--pain", "1")
    assert outside_state(outside_of(journal)) == outside


def test_a_hard_linked_lock_file_is_never_written(journal, monkeypatch):
    outside_of(journal).mkdir()
    victim = outside_of(journal) / "victim.txt"
    victim.write_bytes(b"precious, not the journal's")
    (journal / ".lock").unlink(missing_ok=True)
    os.link(victim, journal / ".lock")
    before = fingerprint(journal)
    for argv in (["log", "--date", DAY, "--pain", "6"], ["check", "--repair"], ["check"]):
        result = run_at(monkeypatch, T3, *argv)
        assert result.code == 4 and "hard links" in result.err + result.out, (argv, result)
    assert victim.read_bytes() == b"precious, not the journal's"
    assert fingerprint(journal) == before


def test_repair_moves_a_linked_journal_file_aside_without_touching_its_target(journal, monkeypatch):
    outside_of(journal).mkdir()
    target = link_file(YEAR)(journal)
    held = target.read_bytes()
    repaired = run_at(monkeypatch, T3, "check", "--repair")
    assert f"moved {journal / YEAR} aside" in repaired.out
    (aside,) = journal.glob(f"{YEAR}.corrupt-*")
    assert aside.is_symlink() and os.readlink(aside) == str(target)
    assert target.read_bytes() == held


# -- 3. the environment: a sentence and exit 4, never a traceback -----------------------------


def too_long(tmp: Path) -> Path:
    return tmp / ("x" * 300) / "data"


def symlink_loop(tmp: Path) -> Path:
    (tmp / "a").symlink_to(tmp / "b")
    (tmp / "b").symlink_to(tmp / "a")
    return tmp / "a" / "data"


def through_a_file(tmp: Path) -> Path:
    (tmp / "file").write_bytes(b"x")
    return tmp / "file" / "data"


def data_is_a_loop(tmp: Path) -> Path:
    (tmp / "data").symlink_to(tmp / "data")
    return tmp / "data"


PLACES: dict[str, Callable[[Path], Path]] = {
    "a name too long (ENAMETOOLONG)": too_long,
    "a symlink loop above it (ELOOP)": symlink_loop,
    "a file where a folder should be (ENOTDIR)": through_a_file,
    "the data folder a link to itself": data_is_a_loop,
}
ANY_COMMAND = [
    ["show", "--json"],
    ["log", "--pain", "3"],
    ["tick", "walk"],
    ["backups"],
    ["restore", "today", "--yes"],
    ["check"],
    ["check", "--repair"],
    ["export", "--format", "csv"],
    ["episode", "list"],
]


@pytest.mark.parametrize("place", PLACES)
def test_an_unusable_data_folder_path_exits_4_with_a_sentence(tmp_path, place):
    data = PLACES[place](tmp_path)
    before = outside_state(tmp_path)
    for argv in ANY_COMMAND:
        count("commands")
        result = run_main("--data-dir", str(data), *argv)
        assert "Traceback" not in result.err
        assert result.code == 4, (place, argv, result)
        first = result.err.splitlines()[0]
        assert first.startswith(("backjournal: ", "problem: ")) and str(data) in first, first
    assert outside_state(tmp_path) == before


def setpriv_prefix() -> list[str] | None:
    """A prefix that runs a command without root's permission override, or None (not root: none)."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if not setpriv:
        return None
    prefix = [setpriv, "--bounding-set=-dac_override,-dac_read_search", "--"]
    probe = subprocess.run([*prefix, "true"], capture_output=True)
    return prefix if probe.returncode == 0 else None


UNREADABLE = {
    "a backup folder mode 000": lambda data: data / "backups" / "2026-03-06",
    "backups/ mode 000": lambda data: data / "backups",
    "the data folder mode 000": lambda data: data,
}


@pytest.mark.parametrize("case", UNREADABLE)
def test_unreadable_folders_give_a_sentence_not_a_traceback(journal, case):
    prefix = setpriv_prefix()
    if prefix is None:
        pytest.skip("root without setpriv: a mode-000 folder stays readable")
    before = fingerprint(journal)
    folder = UNREADABLE[case](journal)
    folder.chmod(0o000)
    env = {**os.environ, "BACKJOURNAL_DATA_DIR": str(journal), "BACKJOURNAL_NOW": T3}
    try:
        for argv in (["backups"], ["restore", "2026-03-06", "--yes"], ["log", "--pain", "2"]):
            count("commands")
            proc = subprocess.run(
                [*prefix, *ENTRY, *argv], capture_output=True, text=True, env=env, timeout=60
            )
            assert "Traceback" not in proc.stderr, (case, argv, proc.stderr)
            assert proc.returncode in (0, 2, 4), (case, argv, proc.stderr)
            if proc.returncode:
                assert "Permission denied" in proc.stderr, (case, argv, proc.stderr)
            if argv[0] == "backups" and folder.name == "2026-03-06":
                assert proc.returncode == 0 and "cannot be read" in proc.stdout
    finally:
        folder.chmod(0o700)
    after = fingerprint(journal)
    kept = {k: v for k, v in before.items() if k.startswith("backups/")}
    assert {k: after.get(k) for k in kept} == kept  # no backup changed or lost


# -- 4. where it runs: no fcntl (Windows) --------------------------------------------------------

NO_FCNTL = """
import sys
sys.modules["fcntl"] = None  # what Windows has: importing it fails
import backjournal.storage
from backjournal.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_the_storage_imports_and_reads_without_fcntl(journal):
    before = fingerprint(journal)
    env = {**os.environ, "BACKJOURNAL_DATA_DIR": str(journal)}
    run = lambda *argv: subprocess.run(  # noqa: E731
        [sys.executable, "-c", NO_FCNTL, *argv], capture_output=True, text=True, env=env
    )
    shown = run("show", "--date", DAY, "--json")
    assert shown.returncode == 0, shown.stderr
    assert orjson.loads(shown.stdout)["entry"]["notes"] == "kept"
    # No fcntl and no msvcrt: no lock to take, so no write, and a sentence instead.
    logged = run("log", "--date", DAY, "--pain", "9")
    assert logged.returncode == 4 and "no file locking" in logged.stderr, logged.stderr
    assert "Traceback" not in logged.stderr
    assert fingerprint(journal) == before


@pytest.fixture(scope="module", autouse=True)
def summary():
    yield
    report(
        "its-own-files",
        f"{len(META_DAMAGE)} meta-file cases x {len(READERS)} commands, {len(LINKS)} symlink spots x "
        f"{len(WRITERS)} commands, {len(PLACES)} unusable paths and {len(UNREADABLE)} unreadable "
        f"folders: {n(RAN.get('commands', 0))} commands, {n(RAN.get('bytes compared', 0))} bytes "
        "outside compared, 0 tracebacks",
    )
