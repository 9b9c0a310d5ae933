"""Exports are health data: `export --out` writes 0600 whatever the umask, atomically, never over an
existing file without --force, never into the journal's folder (even through a symlink), and a bad path
is a sentence and exit 2, with every journal file byte-identical.
"""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

import pytest
from robustness_support import ENTRY, fingerprint, n, report, run_cli, run_main

DAY = "2026-01-05"
COUNTS = {"paths refused": 0, "umasks": 0}


@pytest.fixture
def journal(tmp_path) -> Path:
    data = tmp_path / "journal"
    assert (
        run_main("--data-dir", str(data), "log", "--date", DAY, "--pain", "3", "--note", "x").code
        == 0
    )
    return data


def _export(data: Path, *args: str, umask: int | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*ENTRY, "--data-dir", str(data), "export", *args],
        capture_output=True,
        text=True,
        timeout=60,
        umask=-1 if umask is None else umask,
    )


@pytest.mark.parametrize("fmt", ["json", "csv", "md"])
@pytest.mark.parametrize("umask", [0o000, 0o022, 0o077])
def test_export_files_are_private_whatever_the_umask(journal, tmp_path, fmt, umask):
    out = tmp_path / f"export.{fmt}"
    proc = _export(journal, "--format", fmt, "--out", str(out), umask=umask)
    assert proc.returncode == 0, proc.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert (
        out.read_text(encoding="utf-8")
        == run_main("--data-dir", str(journal), "export", "--format", fmt).out
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["journal", out.name]
    )  # no temp left
    COUNTS["umasks"] += 1


def test_an_existing_file_is_kept_unless_force(journal, tmp_path):
    out = tmp_path / "notes.txt"
    out.write_bytes(b"my other notes\n")
    out.chmod(0o644)
    result = run_main("--data-dir", str(journal), "export", "--out", str(out))
    assert result.code == 2 and "already exists" in result.err and "--force" in result.err
    assert out.read_bytes() == b"my other notes\n"
    result = run_main("--data-dir", str(journal), "export", "--out", str(out), "--force")
    assert result.code == 0, result.err
    assert (
        out.read_text(encoding="utf-8").startswith("{")
        and stat.S_IMODE(out.stat().st_mode) == 0o600
    )


def test_a_symlink_target_is_written_through_where_it_points(journal, tmp_path):
    real = tmp_path / "real.json"
    link = tmp_path / "link.json"
    link.symlink_to(real)
    assert run_main("--data-dir", str(journal), "export", "--out", str(link)).code == 0
    assert link.is_symlink() and real.read_text(encoding="utf-8").startswith("{")


def _inside_cases(journal: Path, tmp_path: Path) -> dict[str, str]:
    link_dir = tmp_path / "looks-elsewhere"
    link_dir.symlink_to(journal)
    link_file = tmp_path / "innocent.json"
    link_file.symlink_to(journal / "journal-2026.json")
    (journal / "sub").mkdir(exist_ok=True)
    return {
        "the year file": str(journal / "journal-2026.json"),
        "the meta file": str(journal / "journal-meta.json"),
        "a new file in the folder": str(journal / "export.json"),
        "the lock file": str(journal / ".lock"),
        "a backup": str(journal / "backups" / "x.json"),
        "a sub-folder": str(journal / "sub" / "x.json"),
        "with ..": str(journal / "sub" / ".." / "journal-2026.json"),
        "through a symlinked folder": str(link_dir / "journal-2026.json"),
        "a symlink to the year file": str(link_file),
        "the folder itself": str(journal),
    }


@pytest.mark.parametrize("force", [False, True])
def test_nothing_is_written_inside_the_data_folder_even_with_force(journal, tmp_path, force):
    cases = _inside_cases(journal, tmp_path)
    before = fingerprint(journal)
    for name, path in cases.items():
        args = ["export", "--out", path, *(["--force"] if force else [])]
        result = run_main("--data-dir", str(journal), *args)
        assert result.code == 2, (name, result.err)
        assert "data folder" in result.err, (name, result.err)
        assert fingerprint(journal) == before, name
        COUNTS["paths refused"] += 1
    assert not (journal / "export.json").exists()


def test_bad_paths_are_a_sentence_and_exit_2(journal, tmp_path):
    before = fingerprint(journal)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    cases = {
        "name too long": (str(tmp_path / ("x" * 300)), "too long"),
        "missing folder": (str(tmp_path / "no" / "such" / "x.json"), "does not exist"),
        "a folder": (str(tmp_path), "folder"),
        "empty": ("", "empty"),
        "under a file": (str(journal.parent / "f.txt" / "x.json"), "not a folder"),
        "symlink loop": (str(tmp_path / "loop"), "loop"),
        # Never a real device here: were the check gone, --force would replace the node itself.
        "a pipe": (str(fifo), "pipe"),
        "a symlink to a pipe": (str(tmp_path / "to-pipe"), "pipe"),
    }
    (tmp_path / "to-pipe").symlink_to(fifo)
    (journal.parent / "f.txt").write_text("x")
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    if Path("/sys").is_dir():
        cases["permission denied"] = ("/sys/backjournal-export.json", "permission denied")
    for name, (path, words) in cases.items():
        result = run_cli("--data-dir", str(journal), "export", "--out", path, "--force")
        assert result.code == 2, (name, result.code, result.err)
        assert words in result.err.lower() and "Traceback" not in result.err, (name, result.err)
        assert result.err.startswith("backjournal: out: "), result.err
        COUNTS["paths refused"] += 1
    assert fingerprint(journal) == before
    assert not list(tmp_path.glob(".*.tmp-*"))
    assert stat.S_ISFIFO(fifo.stat().st_mode)  # the pipe is still a pipe


def test_an_unwritable_folder_leaves_nothing_behind(journal, tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        prefix: list[str] = []
        if os.geteuid() == 0:
            prefix = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--"]
        proc = subprocess.run(
            [
                *prefix,
                *ENTRY,
                "--data-dir",
                str(journal),
                "export",
                "--out",
                str(folder / "x.json"),
            ],
            capture_output=True,
            text=True,
            timeout=60,
        )
        if os.geteuid() == 0 and "setpriv" in proc.stderr:
            pytest.skip("setpriv cannot drop root's override here")
        assert proc.returncode == 2 and "permission denied" in proc.stderr.lower(), proc.stderr
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


@pytest.mark.parametrize("name", ["a\x00b.json", "caf\ud800.json"])
@pytest.mark.parametrize("command", ["export --out", "import"])
def test_names_no_file_can_have_are_refused(journal, tmp_path, name, command):
    """Only a program can pass these (a command line cannot): still a sentence, not a traceback."""
    before = fingerprint(journal)
    result = run_main("--data-dir", str(journal), *command.split(), str(tmp_path / name))
    assert result.code == 2 and "not a name a file can have" in result.err, result.err
    assert fingerprint(journal) == before


def test_zz_report():
    report(
        "exports",
        f"{n(COUNTS['umasks'])} exports under umasks 000/022/077, all 0600; "
        f"{n(COUNTS['paths refused'])} bad or inside-the-journal paths refused with exit 2; "
        "tracebacks seen: 0",
    )
