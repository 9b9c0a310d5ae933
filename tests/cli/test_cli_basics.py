"""The CLI's frame: help, version, paths, file modes, and no Textual on the headless path."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys

import pytest

from backjournal import __version__

SUBCOMMANDS = [
    ["log"],
    ["show"],
    ["tick"],
    ["untick"],
    ["episode"],
    ["episode", "start"],
    ["episode", "end"],
    ["episode", "list"],
    ["advise"],
    ["streaks"],
    ["exercises"],
    ["routines"],
    ["export"],
    ["import"],
    ["demo"],
    ["check"],
    ["backups"],
    ["restore"],
    ["locate"],
]


def test_version(bj):
    result = bj("--version")
    assert result.code == 0
    assert __version__ in result.out


@pytest.mark.parametrize("command", SUBCOMMANDS, ids=" ".join)
def test_every_subcommand_has_help(bj, command):
    result = bj(*command, "--help")
    assert result.code == 0, result.err
    assert "usage: backjournal" in result.out


def test_python_dash_m_works(data_dir):
    proc = subprocess.run(
        [sys.executable, "-m", "backjournal", "--version"], capture_output=True, text=True
    )
    assert proc.returncode == 0 and __version__ in proc.stdout


def test_empty_data_dir_is_an_empty_journal_and_creates_nothing(bj, data_dir):
    result = bj("show", "--date", "2026-01-05", "--json")
    assert result.code == 0, result.err
    assert json.loads(result.out) == {
        "date": "2026-01-05",
        "entry": None,
        "ticks": [],
        "sessions": [],
    }
    assert not data_dir.exists()


def test_first_write_creates_private_files(bj, data_dir):
    assert bj("log", "--date", "2026-01-05", "--pain", "4").code == 0
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    journal_files = [p for p in data_dir.glob("*.json")]
    assert journal_files
    for path in journal_files:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_data_dir_option_beats_environment(bj, tmp_path, data_dir):
    other = tmp_path / "elsewhere"
    assert bj("--data-dir", str(other), "log", "--date", "2026-01-05", "--pain", "2").code == 0
    assert other.exists() and not data_dir.exists()
    shown = json.loads(bj("--data-dir", str(other), "show", "--date", "2026-01-05", "--json").out)
    assert shown["entry"]["pain"] == 2


def test_locate_prints_named_paths(bj, data_dir, isolated_dirs):
    result = bj("locate")
    assert result.code == 0
    lines = dict(line.split(": ", 1) for line in result.out.splitlines())
    assert lines["data"] == str(data_dir)
    assert lines["config"].startswith(str(isolated_dirs[1]))
    assert lines["user-themes"] == str(isolated_dirs[1] / "themes")
    assert "journal" in lines and "themes" in lines


def test_headless_commands_never_import_textual(data_dir):
    code = (
        "import sys\n"
        "from backjournal.cli import main\n"
        "for argv in (['log', '--date', '2026-01-05', '--pain', '3'], ['advise', '--date', '2026-01-05'],"
        " ['streaks', '--json'], ['exercises', '--json'], ['export', '--format', 'md']):\n"
        "    assert main(argv) == 0, argv\n"
        "assert 'textual' not in sys.modules, 'textual was imported'\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=os.environ.copy()
    )
    assert proc.returncode == 0, proc.stderr


def test_domain_and_storage_do_not_load_textual():
    code = (
        "import sys, pkgutil, importlib\n"
        "import backjournal.domain, backjournal.storage\n"
        "for pkg in (backjournal.domain, backjournal.storage):\n"
        "    for mod in pkgutil.iter_modules(pkg.__path__):\n"
        "        importlib.import_module(f'{pkg.__name__}.{mod.name}')\n"
        "bad = [m for m in sys.modules if m.split('.')[0] == 'textual']\n"
        "assert not bad, bad\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_domain_loads_no_io_or_ui_library():
    # lint-imports checks the source; this checks what really gets loaded.
    code = (
        "import sys, pkgutil, importlib, backjournal.domain\n"
        "for mod in pkgutil.iter_modules(backjournal.domain.__path__):\n"
        "    importlib.import_module(f'backjournal.domain.{mod.name}')\n"
        "libs = ('tinydb', 'orjson', 'textual', 'platformdirs', 'filelock')\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in libs]\n"
        "assert not bad, bad\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
