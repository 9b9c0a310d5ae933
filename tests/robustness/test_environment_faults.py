"""No traceback, ever: settings of any shape, pipes and devices where files should be, no answer at a
prompt, broken user themes, and absurd input sizes each get a sentence and an exit code, and the
journal files stay byte-identical.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import sys
import threading
from datetime import time
from pathlib import Path

import pytest
from robustness_support import fingerprint, n, report, run_cli, run_main

from backjournal.domain.settings import AdvisorSettings, Settings
from backjournal.storage import read_settings

DAY = "2026-01-05"
COUNTS = {"settings shapes": 0, "special files": 0, "prompts": 0, "themes": 0, "sizes": 0}


@pytest.fixture
def journal(tmp_path) -> Path:
    data = tmp_path / "journal"
    assert run_main("--data-dir", str(data), "log", "--date", DAY, "--pain", "3").code == 0
    return data


# --- settings.json of any shape ----------------------------------------------------------------

# (raw file, a value that must still be read from it despite the rest, or None)
SHAPES: list[tuple[bytes, tuple[str, object] | None]] = [
    (b'{"advisor": [1]}', None),
    (b'{"advisor": "x", "week_start": 6}', ("week_start", 6)),
    (b'{"advisor": null}', None),
    (b'{"advisor": {"rising_pain": "7", "pain_jump": 3}}', ("advisor.pain_jump", 3)),
    (b'{"advisor": {"rising_pain": 1e400}}', None),
    (b'{"advisor": {"nonsense": 1, "pain_jump": 4}}', ("advisor.pain_jump", 4)),
    (b'{"advisor": {"pain_jump": true}}', None),
    (b'{"advisor": {"pain_jump": 99999999999999999999}}', None),
    (b'{"day_starts_at": "04:00+05:00", "week_start": 2}', ("week_start", 2)),
    (b'{"day_starts_at": "25:00"}', None),
    (b'{"day_starts_at": "13:00"}', None),
    (b'{"day_starts_at": 4}', None),
    (b'{"day_starts_at": ["04:00"]}', None),
    (b'{"day_starts_at": "' + b"9" * 10_000 + b'"}', None),
    (b'{"week_start": 1.0, "day_starts_at": "03:00"}', ("day_starts_at", time(3, 0))),
    (b'{"week_start": true}', None),
    (b'{"week_start": -1}', None),
    (b'{"week_start": NaN}', None),
    (b'{"week_start": Infinity}', None),
    (b'{"theme": 5, "week_start": 3}', ("week_start", 3)),
    (b'{"theme": ""}', None),
    (b'{"theme": "\\u001b]0;pwned\\u0007"}', None),
    (b'{"theme": "../../etc/passwd"}', None),
    (b"[1, 2]", None),
    (b'"a string"', None),
    (b"null", None),
    (b"42", None),
    (b"", None),
    (b"{", None),
    (b"\xff\xfe\x00", None),
    (b"[" * 100_000 + b"]" * 100_000, None),
    (b'{"a": ' * 5000 + b"1" + b"}" * 5000, None),
]


def _value(settings: Settings, name: str) -> object:
    target: object = settings
    for part in name.split("."):
        target = getattr(target, part)
    return target


@pytest.mark.parametrize("raw, kept", SHAPES, ids=[f"shape{i}" for i in range(len(SHAPES))])
def test_settings_of_any_shape_warn_name_the_file_and_fall_back(journal, tmp_path, raw, kept):
    config = Path(os.environ["BACKJOURNAL_CONFIG_DIR"])
    config.mkdir(parents=True, exist_ok=True)
    path = config / "settings.json"
    path.write_bytes(raw)
    before = fingerprint(journal)
    for argv in (["show", "--date", DAY], ["log", "--date", DAY, "--pain", "4"]):
        result = run_cli("--data-dir", str(journal), *argv)
        assert result.code == 0, (raw[:60], result.err)
        assert "Traceback" not in result.err
        assert f"backjournal: warning: {path}" in result.err, result.err
        assert "\x1b" not in result.err
    assert path.read_bytes() == raw  # the user's file is never rewritten
    assert fingerprint(journal) != before  # the log went through: settings never stop the night
    settings, problems = read_settings(path)
    assert problems and all(p.path == path for p in problems)
    if kept is not None:
        assert _value(settings, kept[0]) == kept[1]
    COUNTS["settings shapes"] += 1


def test_each_bad_value_falls_back_alone():
    settings, problems = Settings.read(
        {"day_starts_at": "03:30", "week_start": 9, "theme": 3, "advisor": {"pain_jump": 4, "x": 1}}
    )
    assert settings == Settings(day_starts_at=time(3, 30), advisor=AdvisorSettings(pain_jump=4))
    assert sorted(p.field for p in problems) == ["advisor.x", "theme", "week_start"]


# --- pipes and devices where a file should be ---------------------------------------------------


def _special(kind: str, path: Path) -> Path:
    if kind == "fifo":
        os.mkfifo(path)
        return path
    if kind == "directory":
        path.mkdir()
        return path
    device = {"char device": "/dev/zero", "null device": "/dev/null"}[kind]
    path.symlink_to(device)
    return path


SPECIAL = ["fifo", "char device", "null device", "directory"]


@pytest.mark.parametrize("kind", SPECIAL)
def test_a_special_file_at_settings_json_is_refused_without_hanging(journal, kind):
    config = Path(os.environ["BACKJOURNAL_CONFIG_DIR"])
    config.mkdir(parents=True, exist_ok=True)
    path = _special(kind, config / "settings.json")
    result = run_cli("--data-dir", str(journal), "show", "--date", DAY, timeout=30)
    assert result.code == 0 and "Traceback" not in result.err, result.err
    assert f"warning: {path}" in result.err, result.err
    COUNTS["special files"] += 1


@pytest.mark.parametrize("kind", SPECIAL)
def test_a_special_file_to_import_is_refused_without_hanging(tmp_path, kind):
    path = _special(kind, tmp_path / "export.json")
    data = tmp_path / "empty"
    result = run_cli("--data-dir", str(data), "import", str(path), timeout=30)
    assert result.code == 2 and "Traceback" not in result.err, result.err
    assert str(path) in result.err, result.err
    assert fingerprint(data) == {}
    COUNTS["special files"] += 1


@pytest.mark.parametrize(
    "content, words",
    [
        ("date,pain\n2026-01-05,3\n", "is not valid JSON"),
        ("", "is not valid JSON"),
        ("[]", "is not a backjournal export"),
    ],
)
def test_an_import_that_is_not_an_export_names_the_file(tmp_path, content, words):
    path = tmp_path / "j.csv"
    path.write_text(content, encoding="utf-8")
    result = run_main("--data-dir", str(tmp_path / "empty"), "import", str(path))
    assert result.code == 2 and f"{path}: {words}" in result.err, result.err


def test_an_import_that_is_not_utf8_names_the_file(tmp_path):
    path = tmp_path / "latin1.json"
    path.write_bytes(b'{"format": "caf\xe9"}')
    result = run_main("--data-dir", str(tmp_path / "empty"), "import", str(path))
    assert result.code == 2 and str(path) in result.err and "UTF-8" in result.err


# --- no answer at a prompt ----------------------------------------------------------------------


class _Terminal(io.StringIO):
    """A terminal whose user closes the input (Ctrl-D) or presses Ctrl-C at the prompt."""

    def __init__(self, answer: type[BaseException] | None) -> None:
        super().__init__()
        self.answer = answer

    def isatty(self) -> bool:
        return True

    def readline(self, *args: object) -> str:
        if self.answer is not None:
            raise self.answer()
        return ""  # end of input: input() raises EOFError


def _with_backup(journal: Path, tmp_path: Path) -> Path:
    backup = tmp_path / "a-backup"
    backup.mkdir()
    for name in ("journal-meta.json", "journal-2026.json"):
        shutil.copy2(journal / name, backup / name)
    assert run_main("--data-dir", str(journal), "log", "--date", DAY, "--pain", "7").code == 0
    return backup


@pytest.mark.parametrize("answer", [None, KeyboardInterrupt], ids=["ctrl-d", "ctrl-c"])
def test_no_answer_at_the_restore_prompt_changes_nothing(journal, tmp_path, monkeypatch, answer):
    backup = _with_backup(journal, tmp_path)
    before = fingerprint(journal)
    monkeypatch.setattr(sys, "stdin", _Terminal(answer))
    result = run_main("--data-dir", str(journal), "restore", str(backup))
    assert result.code != 0 and "nothing changed" in result.err.lower(), result
    assert "Traceback" not in result.err
    assert fingerprint(journal) == before
    COUNTS["prompts"] += 1


@pytest.mark.parametrize("answer", [None, KeyboardInterrupt], ids=["ctrl-d", "ctrl-c"])
def test_no_answer_at_the_repair_prompt_restores_nothing(journal, tmp_path, monkeypatch, answer):
    assert (
        run_main("--data-dir", str(journal), "log", "--date", "2026-01-06", "--pain", "4").code == 0
    )
    assert any((journal / "backups").iterdir())
    year = journal / "journal-2026.json"
    year.write_bytes(year.read_bytes()[:20])  # truncated by a sync tool
    monkeypatch.setattr(sys, "stdin", _Terminal(answer))
    result = run_main("--data-dir", str(journal), "check", "--repair")
    assert result.code != 0 and "nothing restored" in result.err.lower(), result
    assert "Traceback" not in result.err
    after = fingerprint(journal)
    assert not any(name == "journal-2026.json" for name in after)  # moved aside, not restored
    COUNTS["prompts"] += 1


# --- user themes --------------------------------------------------------------------------------

BAD_THEMES = {
    "not toml": "name = \n",
    "variable not a colour": 'primary = "#79B4A9"\n[variables]\n"footer-key-foreground" = "banana"\n',
    "variable empty": 'primary = "#79B4A9"\n[variables]\n"footer-background" = ""\n',
    "variable number": 'primary = "#79B4A9"\n[variables]\n"scrollbar" = "1"\n',
    "style not a style": 'primary = "#79B4A9"\n[variables]\n"block-cursor-text-style" = "#123456"\n',
    "css smuggled": 'primary = "#79B4A9"\n[variables]\n"border" = "#fff; color: red"\n',
    "primary not a colour": 'primary = "banana"\n',
    "primary a number": "primary = 5\n",
    "dark as text": 'primary = "#79B4A9"\ndark = "yes"\n',
    "variables a list": 'primary = "#79B4A9"\nvariables = [1]\n',
    "unknown key": 'primary = "#79B4A9"\nsparkle = "#fff"\n',
    "name with escape": 'name = "a\\u001b]0;x"\nprimary = "#79B4A9"\n',
    "no primary": 'background = "#000000"\n',
    "not utf-8": b'primary = "#79B4A9" # caf\xe9\n',
}
GOOD_THEMES = {
    "good": 'primary = "#79B4A9"\n[variables]\n"input-selection-background" = "#FFD400 40%"\n'
    '"block-cursor-text-style" = "b reverse"\n"link-background" = "initial"\n"text" = "auto 87%"\n',
}


def test_broken_user_themes_are_refused_at_load_naming_the_file(tmp_path):
    from backjournal.tui.themes import load_themes

    folder = tmp_path / "themes"
    folder.mkdir()
    for name, text in {**BAD_THEMES, **GOOD_THEMES}.items():
        path = folder / (name.replace(" ", "-") + ".toml")
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    themes, problems = load_themes([folder])
    refused = {p.path.stem for p in problems}
    assert refused == {name.replace(" ", "-") for name in BAD_THEMES}
    assert all(str(p.path) in p.message() for p in problems)
    assert [t.name for t in themes] == ["good"]
    COUNTS["themes"] += len(BAD_THEMES) + len(GOOD_THEMES)


async def test_every_theme_that_loads_can_be_chosen(tmp_path):
    """What load_themes accepts, Textual can apply: choosing it never crashes the app."""
    from textual.app import App, ComposeResult
    from textual.widgets import Button, Footer, Input

    from backjournal.tui.themes import load_themes, theme_dirs

    folder = tmp_path / "themes"
    folder.mkdir()
    for name, text in GOOD_THEMES.items():
        (folder / f"{name}.toml").write_text(text, encoding="utf-8")
    themes, _ = load_themes(theme_dirs(folder))

    class Probe(App[None]):
        def compose(self) -> ComposeResult:
            yield Input("typed")
            yield Button("Save")
            yield Footer()

    app = Probe()
    async with app.run_test() as pilot:
        for theme in themes:
            app.register_theme(theme)
            app.theme = theme.name
            await pilot.pause()
            assert app.theme == theme.name


# --- sizes --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv, field",
    [
        ([a for i in range(10_000) for a in ("--tag", f"t{i}")], "tag"),
        ([a for i in range(30_000) for a in ("--tag", f"t{i}")], "tag"),
        ([f"--tag=t{i}" for i in range(51)], "tag"),
        ([a for _ in range(51) for a in ("--area", "neck")], "area"),
        ([a for _ in range(51) for a in ("--red-flag", "fever")], "red-flag"),
        ([a for _ in range(2_000) for a in ("--pain", "3")], "arguments"),
        (["--note", "x" * 10_001], "notes"),
        (["--tag", "x" * 1_000_000], "tag"),
    ],
    ids=[
        "10k-tags",
        "30k-tags",
        "51-tags",
        "51-areas",
        "51-red-flags",
        "2k-pain",
        "long-note",
        "1M-tag",
    ],
)
def test_input_sizes_are_capped(journal, argv, field):
    before = fingerprint(journal)
    result = run_main("--data-dir", str(journal), "log", "--date", DAY, "--pain", "3", *argv)
    assert result.code == 2 and f"backjournal: {field}:" in result.err, result.err[:300]
    assert fingerprint(journal) == before
    COUNTS["sizes"] += 1


def test_the_caps_are_generous_enough_for_a_night(journal):
    tags = [a for i in range(50) for a in ("--tag", f"t{i}")]
    result = run_main(
        "--data-dir", str(journal), "log", "--date", DAY, *tags, "--note", "x" * 10_000
    )
    assert result.code == 0, result.err
    shown = json.loads(run_main("--data-dir", str(journal), "show", "--date", DAY, "--json").out)
    assert len(shown["entry"]["tags"]) == 50 and len(shown["entry"]["notes"]) == 10_000


def test_a_slow_reader_is_not_needed(tmp_path):
    """A FIFO import with a writer that never writes still returns (the check is the file's type)."""
    fifo = tmp_path / "held.json"
    os.mkfifo(fifo)
    stop = threading.Event()

    def hold() -> None:
        fd = os.open(fifo, os.O_RDWR)  # a writer that keeps the pipe open and silent
        stop.wait(30)
        os.close(fd)

    holder = threading.Thread(target=hold, daemon=True)
    holder.start()
    try:
        result = run_cli("--data-dir", str(tmp_path / "empty"), "import", str(fifo), timeout=30)
        assert result.code == 2 and "pipe" in result.err, result.err
    finally:
        stop.set()
        holder.join()


def test_zz_report():
    report(
        "environment",
        f"{n(COUNTS['settings shapes'])} settings shapes; {n(COUNTS['special files'])} pipes and "
        f"devices; {n(COUNTS['prompts'])} unanswered prompts; {n(COUNTS['themes'])} theme files; "
        f"{n(COUNTS['sizes'])} oversized inputs; tracebacks seen: 0",
    )
