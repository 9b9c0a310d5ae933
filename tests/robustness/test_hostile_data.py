"""Corrupt and hostile journal files: exit 4 naming the file and the problem, the files byte-identical.

Each case damages one file of a small journal the way a crash, a bad disk, a sync tool or a hand edit
might. Every command that reads that file must exit 4 with a message naming the file and the problem,
`check` must report it, and nothing may change on disk. Then `check --repair` moves the file aside
(never deleting it) and points at the newest good backup, and restoring that backup brings the
journal back. The damage is made on the parsed JSON by field name, so the cases follow the store's
on-disk layout rather than hard-coding it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest
from robustness_support import fingerprint, report, run_cli, run_main

from backjournal.domain.codec import SCHEMA_VERSION
from backjournal.domain.models import Exercise
from backjournal.service import JournalService
from backjournal.storage import Store
from backjournal.storage.schema import DAYS

DAY = "2026-03-05"
YEAR_FILE, META = "journal-2026.json", "journal-meta.json"
TRIED: list[str] = []
COMMANDS = 0


def tables(raw: bytes) -> dict[str, Any]:
    return orjson.loads(raw)


def the_day(data: dict[str, Any], iso: str = DAY) -> dict[str, Any]:
    return next(doc for doc in data[DAYS].values() if doc.get("date") == iso)


def edit(change: Callable[[dict[str, Any]], None]) -> Callable[[bytes], bytes]:
    """Parse the file, change it, write it back as orjson would: valid JSON, wrong content."""

    def mutate(raw: bytes) -> bytes:
        data = tables(raw)
        change(data)
        return orjson.dumps(data)

    return mutate


def set_entry(field: str, value: Any) -> Callable[[bytes], bytes]:
    return edit(lambda data: the_day(data)["entry"].__setitem__(field, value))


def rename_tick(old: str, new: str) -> Callable[[bytes], bytes]:
    def change(data: dict[str, Any]) -> None:
        for tick in the_day(data)["ticks"]:
            if tick["exercise"] == old:
                tick["exercise"] = new

    return edit(change)


def splice(old: bytes, new: bytes) -> Callable[[bytes], bytes]:
    def mutate(raw: bytes) -> bytes:
        assert old in raw, (old, raw[:200])
        return raw.replace(old, new, 1)

    return mutate


def doc_id_collision(raw: bytes) -> bytes:
    data = tables(raw)
    (key, doc), *_ = data[DAYS].items()
    data[DAYS]["0" + key] = {**doc, "date": "2026-03-06"}  # "01" and "1": one id to TinyDB
    return orjson.dumps(data)


def repeated_key(raw: bytes) -> bytes:
    """The same document id twice in the text: a JSON reader keeps one silently."""
    data = tables(raw)
    (key, doc), *_ = data[DAYS].items()
    other = orjson.dumps({**doc, "date": "2026-03-07"})
    body = b",".join(b'"%s":%s' % (k.encode(), orjson.dumps(v)) for k, v in data[DAYS].items())
    return b'{"%s":{%s,"%s":%s}}' % (DAYS.encode(), body, key.encode(), other)


def same_day_twice(raw: bytes) -> bytes:
    data = tables(raw)
    doc = the_day(data)
    data[DAYS][str(max(int(k) for k in data[DAYS]) + 1)] = dict(doc)
    return orjson.dumps(data)


def deep(raw: bytes) -> bytes:
    return set_entry("notes", "NOTES")(raw).replace(b'"NOTES"', b"[" * 5000 + b"]" * 5000)


def meta_doc(data: dict[str, Any]) -> dict[str, Any]:
    return next(iter(data["meta"].values()))


def replace_with(make: Callable[[Path], None]) -> Callable[[Path], None]:
    def damage(path: Path) -> None:
        path.unlink()
        make(path)

    return damage


# name -> (file, damage: bytes -> bytes, or a function of the path, words the message must hold)
CASES: dict[str, tuple[str, Callable, str]] = {
    "truncated JSON": (YEAR_FILE, lambda raw: raw[: len(raw) // 2], "not valid JSON"),
    "truncated by one byte": (YEAR_FILE, lambda raw: raw[:-1], "not valid JSON"),
    "all NUL bytes": (YEAR_FILE, lambda raw: b"\0" * len(raw), "not valid JSON"),
    "a NUL byte in a string": (YEAR_FILE, splice(b"before", b"bef\0re"), "not valid JSON"),
    "empty file": (YEAR_FILE, lambda raw: b"", "is empty"),
    "pain 'high'": (YEAR_FILE, set_entry("pain", "high"), "pain"),
    "pain 11": (YEAR_FILE, set_entry("pain", 11), "pain"),
    "pain true": (YEAR_FILE, set_entry("pain", True), "pain"),
    "date 2026-13-45": (
        YEAR_FILE,
        edit(lambda d: the_day(d).__setitem__("date", "2026-13-45")),
        "2026-13-45",
    ),
    "date missing": (YEAR_FILE, edit(lambda d: the_day(d).pop("date")), "date"),
    "a day filed in the wrong year": (
        YEAR_FILE,
        edit(lambda d: the_day(d).__setitem__("date", "2025-03-05")),
        "2025-03-05",
    ),
    "tick for an unknown exercise": (
        YEAR_FILE,
        rename_tick("walk", "no-such-exercise"),
        "unknown exercise 'no-such-exercise'",
    ),
    "tick without an exercise": (
        YEAR_FILE,
        edit(lambda d: the_day(d)["ticks"][0].pop("exercise")),
        "exercise",
    ),
    "the same exercise ticked twice": (
        YEAR_FILE,
        edit(lambda d: the_day(d)["ticks"].append(dict(the_day(d)["ticks"][0]))),
        "twice",
    ),
    "notes over 10,000 characters": (YEAR_FILE, set_entry("notes", "x" * 10_001), "notes"),
    "a 5 MB notes string": (YEAR_FILE, set_entry("notes", "é" * 2_500_000), "notes"),
    "notes a number": (YEAR_FILE, set_entry("notes", 42), "notes"),
    "unknown area": (YEAR_FILE, set_entry("areas", ["knee"]), "knee"),
    "entry a list": (YEAR_FILE, edit(lambda d: the_day(d).__setitem__("entry", [3])), "entry"),
    "ticks a string": (YEAR_FILE, edit(lambda d: the_day(d).__setitem__("ticks", "walk")), "ticks"),
    "document id collision (1 and 01)": (YEAR_FILE, doc_id_collision, "document id"),
    "document id repeated in the text": (YEAR_FILE, repeated_key, "appears twice"),
    "one day under two ids": (YEAR_FILE, same_day_twice, "appears twice"),
    "a document id that is not a number": (
        YEAR_FILE,
        edit(lambda d: d[DAYS].__setitem__("x", the_day(d))),
        "document id",
    ),
    "days table a list": (YEAR_FILE, lambda raw: orjson.dumps({DAYS: []}), "table 'days'"),
    "a JSON list": (YEAR_FILE, lambda raw: b"[]", "JSON list"),
    "invalid UTF-8": (YEAR_FILE, splice(b"before", b"\xff\xfe\xfd"), "not valid JSON"),
    "byte order mark": (YEAR_FILE, lambda raw: b"\xef\xbb\xbf" + raw, "not valid JSON"),
    "NaN": (
        YEAR_FILE,
        lambda raw: set_entry("pain", 12345)(raw).replace(b"12345", b"NaN"),
        "not valid JSON",
    ),
    "a 5,000-digit number": (
        YEAR_FILE,
        lambda raw: set_entry("pain", 12345)(raw).replace(b"12345", b"9" * 5000),
        "not valid JSON",
    ),
    "nesting 5,000 deep": (YEAR_FILE, deep, "not valid JSON"),
    "a named pipe": (YEAR_FILE, replace_with(lambda p: os.mkfifo(p, 0o600)), "named pipe"),
    # A link is never followed (it might lead anywhere): refused as a link, whatever it points to.
    "a link to /dev/zero": (
        YEAR_FILE,
        replace_with(lambda p: p.symlink_to("/dev/zero")),
        "symbolic link",
    ),
    "a folder": (YEAR_FILE, replace_with(lambda p: p.mkdir(0o700)), "folder"),
    "newer schema": (
        META,
        edit(lambda d: meta_doc(d).__setitem__("schema", SCHEMA_VERSION + 1)),
        "upgrade backjournal",
    ),
    "meta truncated": (META, lambda raw: raw[:-2], "not valid JSON"),
    "schema version text": (
        META,
        edit(lambda d: meta_doc(d).__setitem__("schema", "1")),
        "schema version",
    ),
    "two meta documents": (
        META,
        edit(lambda d: d["meta"].__setitem__("2", dict(meta_doc(d)))),
        "exactly one",
    ),
    "overlapping episodes": (
        META,
        edit(
            lambda d: d.__setitem__(
                "episodes",
                {
                    "1": {"start": "2026-01-01", "end": None},
                    "2": {"start": "2026-02-01", "end": None},
                },
            )
        ),
        "overlaps",
    ),
    "custom exercise of an unknown kind": (
        META,
        edit(lambda d: next(iter(d["exercises"].values())).__setitem__("kind", "yoga")),
        "yoga",
    ),
}

# Every one of these reads the damaged file (a year file or the meta file every command reads).
READERS = [
    ["show", "--date", DAY, "--json"],
    ["log", "--date", DAY, "--pain", "5"],
    ["log", "--date", "2026-03-09", "--pain", "5"],
    ["tick", "pelvic-tilt", "--date", DAY],
    ["untick", "walk", "--date", DAY],
    ["streaks", "--date", DAY],
    ["advise", "--date", DAY, "--json"],
    ["export", "--format", "csv"],
    ["check"],
]


@pytest.fixture
def journal(isolated_dirs) -> Path:
    """Entries in 2025 and 2026, a tick, an episode and a custom exercise; a daily backup holds them."""
    data = isolated_dirs[0]
    for argv in (
        ["log", "--date", DAY, "--pain", "3", "--note", "before the damage"],
        ["tick", "walk", "--date", DAY],
        ["log", "--date", "2025-12-30", "--pain", "2"],
        ["episode", "start", "--date", "2026-03-01"],
    ):
        assert run_main(*argv).code == 0, argv
    JournalService(Store(data)).add_exercise(
        Exercise(
            id="wall-slide",
            name="Wall slide",
            kind="mobility",
            region="mid-back",
            sets=1,
            reps=8,
            hold_s=None,
            sides="both",
            how_to="",
            caution="",
        )
    )
    assert run_main("tick", "wall-slide", "--date", DAY).code == 0
    assert (data / "backups").is_dir()
    return data


@pytest.fixture(scope="module", autouse=True)
def summary():
    yield
    report(
        "hostile-data",
        (
            f"{len(TRIED)} damaged files ({', '.join(TRIED[:4])}, ...), {COMMANDS} commands run on them: each exit 4 "
            f"naming the file and the problem, files byte-identical; each then repaired (moved aside) and restored"
        ),
    )


def parses(raw: bytes | None) -> bool:
    """Whether the damaged bytes still parse as a journal file (repair never moves such a year file)."""
    from backjournal.storage import JournalUnusable
    from backjournal.storage.tinyfile import parse_tables

    if raw is None:
        return False
    try:
        parse_tables(Path(YEAR_FILE), raw)
    except JournalUnusable:
        return False
    return True


def good_meta(journal: Path) -> bytes:
    """journal-meta.json as the newest daily backup holds it."""
    newest = max(p for p in (journal / "backups").iterdir() if "T" not in p.name)
    return (newest / META).read_bytes()


def message_names(err: str, path: Path, words: str) -> bool:
    return str(path) in err and words.lower() in err.lower()


@pytest.mark.parametrize("case", CASES)
def test_damaged_file_is_refused_named_and_left_byte_identical(journal, case):
    global COMMANDS
    name, damage, words = CASES[case]
    path = journal / name
    if damage.__code__.co_varnames[:1] == ("path",):
        damage(path)
    else:
        path.write_bytes(damage(path.read_bytes()))
    TRIED.append(case)
    before = fingerprint(journal)
    damaged = path.read_bytes() if path.is_file() and not path.is_symlink() else None
    for argv in READERS:
        result = run_main(*argv)
        COMMANDS += 1
        assert result.code == 4, (case, argv, result)
        assert "Traceback" not in result.err
        assert message_names(result.err, path, words), (case, argv, result.err)
    assert fingerprint(journal) == before, f"{case}: a command changed the journal's files"

    # check --repair: a file that cannot be read or parsed is moved aside (never deleted), a damaged
    # meta file is brought back from the newest good backup, a year file that parses is never moved;
    # the newest good backup is offered.
    repaired = run_main("check", "--repair")
    COMMANDS += 1
    if case == "newer schema":
        assert repaired.code == 4 and "upgrade backjournal" in repaired.out
        assert fingerprint(journal) == before
        return
    if name == YEAR_FILE and parses(damaged):
        assert repaired.code == 4, (case, repaired)
        assert f"left {path} in place" in repaired.out and "moved " not in repaired.out
        assert path.read_bytes() == damaged
    else:
        # The meta file comes back as the newest good backup holds it; that copy predates the custom
        # exercise ticked since, so the year file naming it stays a problem, left in place (exit 4).
        assert repaired.code == (4 if name == META else 0), (case, repaired)
        moved = re.search(rf"moved {re.escape(str(path))} aside to (\S+) ", repaired.out)
        assert moved, repaired.out
        assert repaired.out.count("moved ") == 1, (
            f"{case}: repair moved more than the damaged file:\n{repaired.out}"
        )
        aside = journal / moved.group(1)
        assert aside.exists() or aside.is_symlink()
        if damaged is not None:
            assert aside.read_bytes() == damaged  # set aside byte for byte
        if name == META:  # brought back from the newest good backup, byte for byte
            assert f"restored {path} from the backup" in repaired.out
            assert path.read_bytes() == good_meta(journal)
            assert f"left {journal / YEAR_FILE} in place" in repaired.out
        else:
            assert not os.path.lexists(path)
    offer = re.search(r"run: backjournal restore (\S+)", repaired.out)
    assert offer, repaired.out
    restored = run_main("restore", offer.group(1), "--yes")
    COMMANDS += 1
    assert restored.code == 0, restored
    assert run_main("check").code == 0
    shown = orjson.loads(run_main("show", "--date", DAY, "--json").out)
    assert shown["entry"]["pain"] == 3 and shown["entry"]["notes"] == "before the damage"


@pytest.mark.parametrize(
    "case", ["truncated JSON", "tick for an unknown exercise", "newer schema", "a named pipe"]
)
def test_through_the_real_console_script(journal, case):
    name, damage, words = CASES[case]
    path = journal / name
    if damage.__code__.co_varnames[:1] == ("path",):
        damage(path)
    else:
        path.write_bytes(damage(path.read_bytes()))
    before = fingerprint(journal)
    for argv in (["show", "--date", DAY], ["log", "--date", DAY, "--pain", "1"], ["check"]):
        result = run_cli(*argv, timeout=30)
        assert result.code == 4, (case, argv, result.err)
        assert message_names(result.err, path, words), result.err
    assert fingerprint(journal) == before


def test_a_damaged_file_in_an_old_year_does_not_stop_tonight_but_check_reports_it(journal):
    """Commands read only the years they need; a damaged old year is never rewritten, and check names it."""
    path = journal / "journal-2025.json"
    path.write_bytes(path.read_bytes()[:-3])
    damaged = path.read_bytes()
    for argv in (
        ["log", "--date", DAY, "--pain", "4"],
        ["show", "--date", "2025-12-30"],
        ["check"],
    ):
        result = run_main(*argv)
        assert result.code in (0, 4), result
        if result.code == 4:
            assert str(path) in result.err
    assert run_main("check").code == 4
    assert path.read_bytes() == damaged


def test_a_custom_exercise_tick_is_not_unknown(journal):
    """The negative control: ticks of the journal's own exercises read fine, in every command."""
    for argv in READERS:
        assert run_main(*argv).code == 0, argv
