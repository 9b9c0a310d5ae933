"""Bad input, table-driven, over every command and option: exit 2 (3 for the advisor) naming the field,
and the journal byte-identical.

The table is built from the option kinds: each number option gets out-of-range, wrong-type, empty,
unicode-digit and very long values; each date option gets future, impossible, empty, unicode and very
long dates; each choice gets unknown, empty, near-miss and unicode look-alike words; ids get unknown,
empty, cased and very long ids. The bulk runs `backjournal.cli.main(argv)` in this process (the function
the console script calls); a handful run through the real console script, including bytes that are not
UTF-8, which only a real command line can carry.
"""

from __future__ import annotations

import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest
from robustness_support import ENTRY, fingerprint, n, report, run_main

# Dates relative to the real clock (future, episode start, "restore today").
pytestmark = pytest.mark.journal_day

LONG = "x" * 100_000
FUTURE = (date.today() + timedelta(days=2)).isoformat()
FAR_FUTURE = "2999-01-01"
EPISODE_START = (date.today() - timedelta(days=5)).isoformat()
DAY = "2026-01-05"

# Numbers: (command prefix, option, field named in the message, lowest, highest)
NUMBERS = [
    (["log", "--date", DAY], "--pain", "pain", 0, 10),
    (["log", "--date", DAY, "--pain", "3"], "--worst", "worst", 0, 10),
    (["log", "--date", DAY, "--pain", "3"], "--sleep", "sleep", 0, 10),
    (["log", "--date", DAY, "--pain", "3"], "--mood", "mood", 0, 10),
    (["tick", "walk", "--date", DAY], "--sets", "sets", 1, 100),
    (["tick", "walk", "--date", DAY], "--reps", "reps", 1, 1000),
    (["tick", "walk", "--date", DAY], "--hold", "hold", 1, 3600),
    (["demo"], "--days", "days", 1, 36_500),
    (["demo"], "--seed", "seed", 0, 2**31),
]


def number_values(lo: int, hi: int) -> list[str]:
    return [
        str(lo - 1),
        str(hi + 1),
        "-5",
        "abc",
        "",
        " ",
        "3.5",
        "1e3",
        "0x10",
        "+",
        "-",
        "NaN",
        "٣",
        "３",
        "³",
        "7 days",
        "9" * 40,
        LONG,
    ]


# Dates: every --date, and export's --from / --to.
DATE_COMMANDS = [
    (["log", "--pain", "3"], "--date", "date"),
    (["show"], "--date", "date"),
    (["tick", "walk"], "--date", "date"),
    (["untick", "walk"], "--date", "date"),
    (["episode", "end"], "--date", "date"),
    (["advise"], "--date", "date"),
    (["streaks"], "--date", "date"),
    (["export"], "--from", "from"),
    (["export"], "--to", "to"),
]
DATE_VALUES = [
    FUTURE,
    FAR_FUTURE,
    "2026-13-45",
    "2026-02-30",
    "0000-01-01",
    "",
    "   ",
    "someday",
    "tomorrow",
    "in 3 days",
    "3 days hence",
    "999999 days ago",
    "-3 days ago",
    "last someday",
    "32/13/2026",
    "01/02/2026",
    "２０２６年",
    "x" * 65,
    LONG,
    "2026-01-05\x00",
]
# episode start refuses an overlapping start as well as bad dates
EPISODE_DATES = [FUTURE, "2026-13-45", "", "someday", LONG]

CHOICES = [
    (
        ["log", "--date", DAY, "--pain", "3"],
        "--area",
        "area",
        # "Lower-Back", "lower back" are accepted since issue 10 (labels, any case).
        ["knee", "", "lowerback", "neck,leg-left", "lower bak", LONG],
    ),
    (
        ["log", "--date", DAY, "--pain", "3"],
        "--red-flag",
        "red-flag",
        ["headache", "", "fеver", LONG],  # "Fever" is accepted since issue 10
    ),
    (
        ["tick", "walk", "--date", DAY],
        "--side",
        "side",
        ["middle", "", "LEFT", "lеft", "both sides", LONG],
    ),
    (["export"], "--format", "format", ["pdf", "", "JSON", "jsonl", "md5", "ｊｓｏｎ", LONG]),
    (
        ["log", "--date", DAY, "--pain", "3"],
        "--tag",
        "tag",
        ["two words", "", " ", "tab\there", "x" * 41, "nul\x00", "line\nbreak", "--", LONG],
    ),
    (
        ["log", "--date", DAY, "--pain", "3"],
        "--note",
        "notes",
        ["x" * 10_001, "nul\x00inside", LONG],
    ),
]

# "Walk", "WALK" and "walk " name the walk since issue 10 (ids and names in any case).
EXERCISE_IDS = ["no-such-exercise", "", " ", "wälk", "../walk", "walkk-walk", LONG]
EXERCISE_COMMANDS = [(["tick"], []), (["untick"], []), (["advise", "--exercise"], [])]


def build_table() -> list[tuple[str, list[str], str, int]]:
    """(id, argv, field the message must name, exit code)."""
    cases: list[tuple[str, list[str], str, int]] = []

    def add(argv: list[str], field: str, code: int = 2) -> None:
        shown = " ".join(a if len(a) <= 20 else a[:12] + f"...({len(a)})" for a in argv)
        cases.append((f"{len(cases):03d} {shown!r}", argv, field, code))

    for prefix, option, field, lo, hi in NUMBERS:
        for value in number_values(lo, hi):
            add([*prefix, f"{option}={value}"], field)
    for prefix, option, field in DATE_COMMANDS:
        for value in DATE_VALUES:
            add([*prefix, f"{option}={value}"], field)
    for value in EPISODE_DATES:
        add(["episode", "start", f"--date={value}"], "date")
    add(["episode", "start", "--date", DAY], "episode")  # overlaps the open episode
    add(["episode", "end", "--date", "2020-01-01"], "date")  # before the open episode's start
    add(["export", "--from", "2026-02-01", "--to", "2026-01-01"], "from")
    for prefix, option, field, values in CHOICES:
        for value in values:
            add([*prefix, f"{option}={value}"], field)
    for value in EXERCISE_IDS:
        add(["tick", value, "--date", DAY], "exercise")
        add(["untick", value, "--date", DAY], "exercise")
        add(["advise", "--date", DAY, f"--exercise={value}"], "exercise")
    # A new day needs pain; a log with nothing to record
    add(["log", "--date", "2026-01-09", "--sleep", "5"], "pain")
    add(["log", "--date", DAY], "log")
    # The advisor: on day 6 of an episode, strengthening and stretching are too soon (exit 3)
    for exercise in ("bridge", "bird-dog", "hamstring-stretch", "psoas-stretch"):
        add(["tick", exercise], "too soon", 3)
        add(["tick", exercise, "--sets", "2", "--reps", "5"], "too soon", 3)
    # Files
    add(["import", "/nonexistent/export.json"], "file")
    add(["import", "."], "file")
    add(["import", LONG], "file")
    add(["export", "--out", "."], "out")
    add(["export", "--out="], "out")
    add(["export", "--out", "  "], "out")
    add(["export", "--out", "/nonexistent/folder/out.json"], "out")
    add(["demo"], "demo")  # the journal is not empty
    add(["demo", "--days", "5"], "demo")
    # Backups and restore
    for value in (
        "no-such-backup",
        "",
        " ",
        FUTURE,
        "2026-13-45",
        "1999-01-01",
        "/nonexistent/folder",
        LONG,
    ):
        add(["restore", value, "--yes"], "backup")
    add(["restore", "today"], "yes")  # no terminal to confirm at, and no --yes
    add(["--data-dir", "", "show"], "data-dir")
    add(["--data-dir", "   ", "log", "--pain", "2"], "data-dir")
    # The grammar itself (argparse): unknown options and commands, missing values and arguments
    for argv, field in [
        (["log", "--pain"], "--pain"),
        (["log", "--bogus", "1"], "--bogus"),
        (["tick"], "EXERCISE"),
        (["untick"], "EXERCISE"),
        (["frobnicate"], "frobnicate"),
        (["episode"], "ACTION"),
        (["episode", "pause"], "pause"),
        (["log", "--rest=maybe", "--pain", "3"], "--rest"),
        (["restore"], "BACKUP"),
        (["import"], "FILE"),
        (["show", "--json=yes"], "--json"),
        (["check", "--repair=1"], "--repair"),
        (["--data-dir"], "--data-dir"),
        (["show", "extra"], "extra"),
        (["exercises", "--json", "--json2"], "--json2"),
        (["routines", "all"], "all"),
        (["locate", "-x"], "-x"),
        (["backups", "--yes"], "--yes"),
        (["streaks", "--date"], "--date"),
        (["advise", "--exercise"], "--exercise"),
    ]:
        add(argv, field)
    return cases


TABLE = build_table()
COMMAND_NAMES = {
    "log",
    "show",
    "tick",
    "untick",
    "episode",
    "advise",
    "streaks",
    "exercises",
    "routines",
    "export",
    "import",
    "demo",
    "check",
    "backups",
    "restore",
    "locate",
}
COMMANDS_COVERED = {
    next((a for a in argv if a in COMMAND_NAMES), "global options") for _, argv, _, _ in TABLE
}
RUN: list[int] = []


@pytest.fixture(scope="module")
def journal(tmp_path_factory) -> Path:
    """Entries, ticks, an open episode from 5 days ago, and a backup; shared by every case (each case
    checks the journal is byte-identical after it, so a case that wrote would be caught at once)."""
    data = tmp_path_factory.mktemp("bad-input") / "data"
    for argv in (
        ["log", "--date", DAY, "--pain", "3"],
        ["tick", "walk", "--date", DAY],
        ["log", "--date", "2026-01-06", "--pain", "4", "--note", "ünïcødé 🙂"],
        ["episode", "start", "--date", EPISODE_START],
    ):
        assert run_main("--data-dir", str(data), *argv).code == 0, argv
    assert (data / "backups").is_dir()
    return data


@pytest.fixture(scope="module", autouse=True)
def summary():
    yield
    report(
        "bad-input",
        (
            f"{n(len(RUN))} bad inputs tried over {len(COMMANDS_COVERED)} commands through cli.main "
            f"({sum(1 for _, _, _, c in TABLE if c == 3)} advisor refusals), plus {len(REAL)} through the console "
            f"script: each exit 2 (or 3) naming the field, journal byte-identical"
        ),
    )


def with_data_dir(argv: list[str], data: Path) -> list[str]:
    return argv if argv[:1] == ["--data-dir"] else ["--data-dir", str(data), *argv]


@pytest.mark.parametrize("case_id,argv,field,code", TABLE, ids=[c[0] for c in TABLE])
def test_bad_input_exits_2_naming_the_field(
    journal, tmp_path, monkeypatch, case_id, argv, field, code
):
    monkeypatch.chdir(tmp_path)  # an --out or import path is resolved here, never in the checkout
    before = fingerprint(journal)
    result = run_main(*with_data_dir(argv, journal))
    RUN.append(1)
    assert result.code == code, (argv[:6], result.out[-500:], result.err[-500:])
    assert field.lower() in result.err.lower(), (argv[:6], result.err[-500:])
    assert "Traceback" not in result.err
    assert fingerprint(journal) == before, f"{argv[:6]} changed the journal"
    assert list(tmp_path.iterdir()) == [], "a refused command left a file behind"


REAL = [
    (["log", "--date", DAY, "--pain", "11"], "pain", 2),
    (["log", "--date", FUTURE, "--pain", "3"], "date", 2),
    (["tick", "no-such-exercise", "--date", DAY], "exercise", 2),
    (["tick", "bridge"], "too soon", 3),
    (["export", "--format", "pdf"], "format", 2),
    (["restore", "no-such-backup", "--yes"], "backup", 2),
    (["log", "--pain"], "--pain", 2),
    (
        [b"log", b"--date", DAY.encode(), b"--pain", b"3", b"--note", b"bad \xff\xfe bytes"],
        "notes",
        2,
    ),
    ([b"log", b"--date", DAY.encode(), b"--pain", b"3", b"--tag", b"\xff"], "tag", 2),
    ([b"tick", b"w\xe4lk", b"--date", DAY.encode()], "exercise", 2),
    ([b"show", b"--date", b"\xff\xfe"], "date", 2),
]


@pytest.mark.parametrize("argv,field,code", REAL, ids=[str(i) for i in range(len(REAL))])
def test_bad_input_through_the_real_console_script(journal, argv, field, code):
    before = fingerprint(journal)
    data = str(journal).encode() if isinstance(argv[0], bytes) else str(journal)
    proc = subprocess.run([*ENTRY, "--data-dir", data, *argv], capture_output=True, timeout=60)
    err = proc.stderr.decode(errors="replace")
    assert proc.returncode == code, err
    assert field.lower() in err.lower() and "Traceback" not in err, err
    assert fingerprint(journal) == before
