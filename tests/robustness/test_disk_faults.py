"""Disk and file faults: a failed write leaves the previous journal intact and says why (exit 4).

Faults are injected by monkeypatching os.fsync / os.write / os.replace to raise ENOSPC or EIO, in
this process (the service raises StoreWriteError; cli.main exits 4) and in a real subprocess. A
read-only data dir is made truly read-only: as root, chmod does not stop writes, so the subprocess
runs with root's file-permission override dropped (setpriv), or on a read-only bind mount in its own
mount namespace (unshare); which ones ran is printed in the summary.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from robustness_support import ENTRY, fingerprint, report, run_cli, run_main, temp_files

from backjournal.service import JournalService
from backjournal.storage import Store, StoreWriteError

DAY = "2026-03-05"
FAULTS = {"ENOSPC": errno.ENOSPC, "EIO": errno.EIO}
INJECTED: list[str] = []


def journal_files(data: Path) -> dict[str, bytes]:
    """The journal's own files (backups aside)."""
    return {
        name: digest for name, digest in fingerprint(data).items() if not name.startswith("backups")
    }


@pytest.fixture
def journal(isolated_dirs) -> Path:
    """A small journal with today's backup already taken: a later write makes no new backup."""
    data = isolated_dirs[0]
    for argv in (
        ["log", "--date", DAY, "--pain", "3", "--note", "before the fault"],
        ["tick", "walk", "--date", DAY],
        ["log", "--date", "2025-12-30", "--pain", "2"],
    ):
        assert run_main(*argv).code == 0
    assert (data / "backups").is_dir()
    return data


def raiser(code: int):
    def fail(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    return fail


def fd_path(fd: int) -> str:
    try:
        return os.readlink(f"/proc/self/fd/{fd}")
    except OSError:
        return ""


def half_write_then(code: int, real=os.write):
    """os.write that writes half of what it is given once, then fails: a short write, then the error."""
    calls = []

    def write(fd, data):
        if calls:
            raise OSError(code, os.strerror(code))
        calls.append(fd)
        return real(fd, bytes(data)[: max(1, len(data) // 2)])

    return write


# Where a write can fail, for each of ENOSPC and EIO.
INJECTIONS = {
    "fsync": lambda mp, code: mp.setattr(os, "fsync", raiser(code)),
    "write": lambda mp, code: mp.setattr(os, "write", half_write_then(code)),
    "rename": lambda mp, code: mp.setattr(os, "replace", raiser(code)),
}


def assert_clean_failure(data: Path, before: dict[str, str], message: str, code: int) -> None:
    assert journal_files(data) == before, "the journal changed although the write failed"
    assert temp_files(data) == [], "a failed write left a temp file"
    assert os.strerror(code) in message, message
    assert str(data) in message, message
    assert "not changed" in message, message


@pytest.mark.parametrize("fault", FAULTS)
@pytest.mark.parametrize("where", INJECTIONS)
@pytest.mark.parametrize("what", ["log", "tick", "episode"])
def test_a_failed_write_leaves_the_journal_intact_and_exits_4(
    journal, monkeypatch, fault, where, what
):
    code = FAULTS[fault]
    before = journal_files(journal)
    argv = {
        "log": ["log", "--date", DAY, "--pain", "9", "--note", "never stored"],
        "tick": ["tick", "pelvic-tilt", "--date", DAY],
        "episode": ["episode", "start", "--date", DAY],
    }[what]
    with monkeypatch.context() as mp:
        INJECTIONS[where](mp, code)
        result = run_main(*argv)
    INJECTED.append(f"cli {what} {where} {fault}")
    assert result.code == 4, result
    assert result.err.startswith("backjournal: "), result.err
    assert_clean_failure(journal, before, result.err, code)
    # The journal is as it was, and usable: the same write now succeeds.
    assert run_main("show", "--date", DAY, "--json").out.count("before the fault") == 1
    assert run_main(*argv).code == 0
    assert run_main("check").code == 0


@pytest.mark.parametrize("fault", FAULTS)
def test_in_process_the_service_raises_store_write_error(journal, monkeypatch, fault):
    code = FAULTS[fault]
    service = JournalService(Store(journal))
    before = journal_files(journal)
    for where in INJECTIONS:
        for write in (
            lambda: service.log(date(2026, 3, 5), {"pain": 9}),
            lambda: service.tick(date(2026, 3, 5), "pelvic-tilt"),
            lambda: service.log(date(2024, 2, 29), {"pain": 1}),
        ):  # a new year file
            with monkeypatch.context() as mp:
                INJECTIONS[where](mp, code)
                with pytest.raises(StoreWriteError) as caught:
                    write()
            INJECTED.append(f"service {where} {fault}")
            assert_clean_failure(journal, before, str(caught.value), code)
            assert caught.value.path.parent == journal
    assert (
        service.day(date(2026, 3, 5)).entry.pain == 3
    )  # the store's memory did not keep the failed write


def test_a_failed_directory_fsync_says_the_new_file_may_not_survive_a_crash(journal, monkeypatch):
    import backjournal.storage.atomic as atomic

    with (
        monkeypatch.context() as mp
    ):  # never monkeypatch.undo(): it would undo the isolated data dir too
        mp.setattr(atomic, "fsync_dir", raiser(errno.EIO))
        result = run_main("log", "--date", DAY, "--pain", "6")
    INJECTED.append("cli dir-fsync EIO")
    assert result.code == 4
    assert (
        "in place but may not survive a crash" in result.err
        and os.strerror(errno.EIO) in result.err
    )
    # The rename happened: the file is the new one, whole, and the journal is fine.
    assert '"pain": 6' in run_main("show", "--date", DAY, "--json").out
    assert run_main("check").code == 0


def test_a_failed_daily_backup_stops_the_write_and_leaves_no_half_backup(journal, monkeypatch):
    today = max(p.name for p in (journal / "backups").iterdir())
    shutil.rmtree(journal / "backups" / today)  # the next write starts a new backup day
    before = fingerprint(journal)
    real = os.fsync

    def fsync(fd):
        if "/backups/" in fd_path(fd):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(fd)

    with monkeypatch.context() as mp:
        mp.setattr(os, "fsync", fsync)
        result = run_main("log", "--date", DAY, "--pain", "8")
    INJECTED.append("cli backup ENOSPC")
    assert result.code == 4, result
    assert "backup was not made" in result.err and os.strerror(errno.ENOSPC) in result.err
    assert fingerprint(journal) == before and temp_files(journal) == []
    assert run_main("log", "--date", DAY, "--pain", "8").code == 0
    assert (journal / "backups" / today).is_dir()


@pytest.mark.parametrize("fault", FAULTS)
def test_a_failed_import_changes_nothing(isolated_dirs, tmp_path, monkeypatch, fault):
    source = tmp_path / "source"
    assert (
        run_main("--data-dir", str(source), "demo", "--days", "800").code == 0
    )  # three year files
    export = tmp_path / "export.json"
    assert run_main("--data-dir", str(source), "export", "--out", str(export)).code == 0
    data = isolated_dirs[0]
    calls = []
    real = os.fsync

    def fsync(fd):  # the third file of the import fails
        calls.append(fd)
        if len(calls) == 3:
            raise OSError(FAULTS[fault], os.strerror(FAULTS[fault]))
        return real(fd)

    with monkeypatch.context() as mp:
        mp.setattr(os, "fsync", fsync)
        result = run_main("import", str(export))
    INJECTED.append(f"cli import {fault}")
    assert result.code == 4, result
    assert os.strerror(FAULTS[fault]) in result.err
    assert journal_files(data) == {} and temp_files(data) == []
    assert run_main("import", str(export)).code == 0  # all or nothing: now all


FAULTY_MAIN = (
    "import errno, os, sys\n"
    "def fail(*a, **k):\n"
    "    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))\n"
    "os.fsync = fail\n"
    "from backjournal.cli import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)


def test_a_disk_full_write_in_a_real_process_exits_4(journal):
    before = journal_files(journal)
    proc = subprocess.run(
        [sys.executable, "-c", FAULTY_MAIN, "log", "--date", DAY, "--pain", "9"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    INJECTED.append("subprocess fsync ENOSPC")
    assert proc.returncode == 4, proc.stderr
    assert_clean_failure(journal, before, proc.stderr, errno.ENOSPC)
    assert "Traceback" not in proc.stderr


# ---------------------------------------------------------------------------------------- read-only


def _works(prefix: list[str], folder: Path) -> bool:
    """Whether prefix really stops root writing into a folder."""
    probe = folder / "probe"
    try:
        proc = subprocess.run(
            [*prefix, sys.executable, "-c", f"open({str(probe)!r}, 'w')"],
            capture_output=True,
            timeout=30,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    made = probe.exists()
    probe.unlink(missing_ok=True)
    return proc.returncode != 0 and not made


def read_only_ways(folder: Path) -> dict[str, tuple[list[str], str]]:
    """Ways to run a command with `folder` read-only: name -> (command prefix, error expected)."""
    if os.geteuid() != 0:
        return {"chmod 0500 (not root)": ([], "Permission denied")}
    ways = {}
    setpriv = shutil.which("setpriv")
    if setpriv:
        prefix = [setpriv, "--bounding-set=-dac_override,-dac_read_search", "--"]
        folder.chmod(0o500)
        try:
            if _works(prefix, folder):
                ways["chmod 0500, run with root's permission override dropped (setpriv)"] = (
                    prefix,
                    "Permission denied",
                )
        finally:
            folder.chmod(0o700)
    unshare = shutil.which("unshare")
    if unshare:
        mount = f'mount --bind {folder} {folder} && mount -o remount,bind,ro {folder} && exec "$@"'
        prefix = [unshare, "--mount", "sh", "-c", mount, "sh"]
        if _works(prefix, folder):
            ways["a read-only bind mount in a private mount namespace (unshare)"] = (
                prefix,
                "Read-only file system",
            )
    return ways


READ_ONLY_METHODS: list[str] = []


def test_a_read_only_data_dir_exits_4_with_a_message(journal, monkeypatch):
    ways = read_only_ways(journal)
    before = fingerprint(journal)
    if not ways:
        # Root, and neither setpriv nor unshare works here: say so, and simulate the error in-process.
        real_open = os.open

        def read_only_open(path, flags, *args, **kwargs):
            if str(path).startswith(str(journal)) and flags & (
                os.O_WRONLY | os.O_RDWR | os.O_CREAT
            ):
                raise OSError(errno.EROFS, os.strerror(errno.EROFS))
            return real_open(path, flags, *args, **kwargs)

        with monkeypatch.context() as mp:
            mp.setattr(os, "open", read_only_open)
            result = run_main("log", "--date", DAY, "--pain", "9")
        assert (
            result.code == 4
            and os.strerror(errno.EROFS) in result.err
            and str(journal) in result.err
        )
        assert fingerprint(journal) == before
        READ_ONLY_METHODS.append(
            "simulated by making os.open refuse writes (running as root, and neither "
            "setpriv nor unshare can make a folder read-only here)"
        )
        return
    for name, (prefix, expected) in ways.items():
        if "chmod" in name:
            journal.chmod(0o500)
        try:
            for argv in (
                ["log", "--date", DAY, "--pain", "9"],
                ["tick", "bridge", "--date", DAY, "--anyway"],
                ["episode", "start", "--date", DAY],
                ["untick", "walk", "--date", DAY],
            ):
                proc = subprocess.run(
                    [*prefix, *ENTRY, "--data-dir", str(journal), *argv],
                    capture_output=True,
                    text=True,
                    timeout=60,
                )
                assert proc.returncode == 4, (name, argv, proc.stdout, proc.stderr)
                assert expected in proc.stderr and str(journal) in proc.stderr, (name, proc.stderr)
                assert "Traceback" not in proc.stderr
            # Reading a read-only journal is fine.
            shown = subprocess.run(
                [*prefix, *ENTRY, "--data-dir", str(journal), "show", "--date", DAY, "--json"],
                capture_output=True,
                text=True,
                timeout=60,
            )
            assert shown.returncode == 0 and "before the fault" in shown.stdout, shown.stderr
        finally:
            journal.chmod(0o700)
        READ_ONLY_METHODS.append(name)
    assert fingerprint(journal) == before


def test_a_read_only_folder_without_a_lock_file_exits_4(journal, tmp_path):
    """A journal copied from elsewhere has no .lock yet: creating it fails, clearly."""
    (journal / ".lock").unlink()
    ways = {k: v for k, v in read_only_ways(journal).items()}
    if not ways:
        READ_ONLY_METHODS.append(
            "no lock file case skipped: no way to make a folder read-only here"
        )
        pytest.skip("running as root and no way to make the folder read-only for a subprocess here")
    name, (prefix, expected) = next(iter(ways.items()))
    if "chmod" in name:
        journal.chmod(0o500)
    try:
        proc = subprocess.run(
            [*prefix, *ENTRY, "--data-dir", str(journal), "log", "--date", DAY, "--pain", "1"],
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        journal.chmod(0o700)
    assert proc.returncode == 4 and expected in proc.stderr and ".lock" in proc.stderr, proc.stderr


# ------------------------------------------------------------------------------- modes and folders


def test_wrong_permissions_are_reported_by_check_and_fixed_by_repair(journal):
    year = journal / "journal-2026.json"
    year.chmod(0o644)
    journal.chmod(0o755)
    result = run_cli("--data-dir", str(journal), "check")
    assert result.code == 4
    assert f"{year}: file mode is 0644, should be 0600" in result.err
    assert f"{journal}: folder mode is 0755, should be 0700" in result.err
    repaired = run_cli("--data-dir", str(journal), "check", "--repair")
    assert repaired.code == 0, repaired.err
    assert (
        f"set {year} to mode 0600" in repaired.out
        and f"set the folder {journal} to mode 0700" in repaired.out
    )
    assert (
        stat.S_IMODE(year.stat().st_mode) == 0o600 and stat.S_IMODE(journal.stat().st_mode) == 0o700
    )
    assert run_cli("--data-dir", str(journal), "check").code == 0


def test_an_unreadable_journal_file_exits_4_naming_it(journal):
    ways = read_only_ways(journal)
    if os.geteuid() == 0 and not any("setpriv" in name for name in ways):
        READ_ONLY_METHODS.append(
            "unreadable-file case skipped: root without setpriv reads a mode-0000 file"
        )
        pytest.skip("running as root without setpriv: a mode-0000 file stays readable")
    prefix = next(
        prefix for name, (prefix, _) in ways.items() if "setpriv" in name or "not root" in name
    )
    year = journal / "journal-2026.json"
    year.chmod(0o000)
    try:
        for argv in (["show", "--date", DAY], ["check"], ["log", "--date", DAY, "--pain", "1"]):
            proc = subprocess.run(
                [*prefix, *ENTRY, "--data-dir", str(journal), *argv],
                capture_output=True,
                text=True,
                timeout=60,
            )
            assert proc.returncode == 4, (argv, proc.stderr)
            assert f"{year}: cannot be read (Permission denied)" in proc.stderr, proc.stderr
    finally:
        year.chmod(0o600)


@pytest.mark.parametrize("umask", [0o000, 0o022, 0o077])
def test_a_missing_data_dir_is_created_private(tmp_path, umask):
    data = tmp_path / "not" / "there" / "yet"
    proc = subprocess.run(
        [*ENTRY, "--data-dir", str(data), "log", "--date", DAY, "--pain", "2"],
        capture_output=True,
        text=True,
        timeout=60,
        umask=umask,
    )
    assert proc.returncode == 0, proc.stderr
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    for path in data.iterdir():
        if path.is_file():
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    # Reading a missing data dir is an empty journal, and creates nothing.
    other = tmp_path / "never"
    shown = run_cli("--data-dir", str(other), "show", "--date", DAY, "--json")
    assert shown.code == 0 and '"entry": null' in shown.out and not other.exists()


@pytest.fixture(scope="module", autouse=True)
def summary():
    yield
    report(
        "disk-faults",
        (
            f"{len(INJECTED)} injected write faults (ENOSPC and EIO at fsync, a short write, rename, the directory "
            f"fsync, the daily backup and an import; through cli.main, the service and a real process): each exit 4 "
            f"or StoreWriteError, journal byte-identical"
        ),
    )
    report("disk-faults", "read-only data dir: " + ("; ".join(READ_ONLY_METHODS) or "not run"))
