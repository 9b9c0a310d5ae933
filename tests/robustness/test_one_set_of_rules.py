"""One set of rules: what `log` and `tick` refuse, `import` and `restore` refuse too (exit 2, naming the
day and the field), and the journal stays byte-identical.

Each case is one field of one day (or of an episode, exercise or routine) set to a value typed input
refuses. The same value goes through `import` (an export file), through `restore` (a backup folder whose
year file was edited by hand) and, where an option can carry it, through `log` or `tick`.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest
from robustness_support import fingerprint, n, report, run_cli, run_main

from backjournal.storage.schema import DAYS

DAY = "2026-01-05"
TRIED: dict[str, int] = {"import": 0, "restore": 0, "log/tick": 0, "bytes compared": 0}


def export_doc() -> dict[str, Any]:
    """A complete, valid export holding one day with an entry and a tick."""
    return {
        "format": "backjournal-export",
        "schema": 1,
        "days": [
            {
                "date": DAY,
                "entry": {
                    "pain": 3,
                    "worst": 4,
                    "areas": ["lower-back"],
                    "sleep": 6,
                    "mood": 7,
                    "notes": "slept badly",
                    "tags": ["gym"],
                    "red_flags": [],
                    "rest": False,
                },
                "ticks": [
                    {
                        "exercise": "walk",
                        "sets": 1,
                        "reps": None,
                        "hold_s": None,
                        "side": "both",
                        "overridden": False,
                    }
                ],
            }
        ],
        "episodes": [{"start": "2025-12-20", "end": None}],
        "exercises": [
            {
                "id": "wall-slide",
                "name": "Wall slide",
                "kind": "mobility",
                "region": "upper-back",
                "sets": 2,
                "reps": 10,
                "hold_s": None,
                "sides": "both",
                "how_to": "Slide your arms up the wall.",
                "caution": "",
            }
        ],
        "routines": [
            {
                "id": "evening",
                "name": "Evening",
                "frequency": "daily",
                "times_per_week": None,
                "max_per_week": None,
                "exercises": ["walk", "wall-slide"],
            }
        ],
    }


def entry(field: str, value: Any) -> Callable[[dict[str, Any]], None]:
    return lambda doc: doc["days"][0]["entry"].__setitem__(field, value)


def tick(field: str, value: Any) -> Callable[[dict[str, Any]], None]:
    return lambda doc: doc["days"][0]["ticks"][0].__setitem__(field, value)


def at(*path: Any, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(doc: dict[str, Any]) -> None:
        target = doc
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return change


ESC, OSC_TITLE, C1_CSI = "\x1b[31mred", "\x1b]0;pwned\x07", "\x9b31m"

# (case, change to the export, words the error must hold, the same value as a `log`/`tick` command)
CASES: list[tuple[str, Callable[[dict[str, Any]], None], list[str], list[str] | None]] = [
    ("tag with a space", entry("tags", ["two words"]), [DAY, "tag"], ["--tag", "two words"]),
    ("empty tag", entry("tags", [""]), [DAY, "tag"], ["--tag", ""]),
    ("blank tag", entry("tags", ["   "]), [DAY, "tag"], ["--tag", "   "]),
    ("tag with ESC", entry("tags", ["a" + ESC]), [DAY, "tag"], ["--tag", "a" + ESC]),
    ("tag with C1 CSI", entry("tags", ["a" + C1_CSI]), [DAY, "tag"], ["--tag", "a" + C1_CSI]),
    ("tag with DEL", entry("tags", ["a\x7fb"]), [DAY, "tag"], ["--tag", "a\x7fb"]),
    ("tag too long", entry("tags", ["x" * 41]), [DAY, "tag", "40"], ["--tag", "x" * 41]),
    (
        "51 tags",
        entry("tags", [f"t{i}" for i in range(51)]),
        [DAY, "tag", "50"],
        [a for i in range(51) for a in ("--tag", f"t{i}")],
    ),
    ("tag lone surrogate", entry("tags", ["a\ud800"]), [DAY, "tag", "UTF-8"], None),
    ("tag not text", entry("tags", [5]), ["tags"], None),
    ("notes with ESC", entry("notes", "ok " + ESC), [DAY, "notes", "control"], ["--note", ESC]),
    ("notes set title", entry("notes", OSC_TITLE), [DAY, "notes"], ["--note", OSC_TITLE]),
    ("notes with C1", entry("notes", C1_CSI), [DAY, "notes"], ["--note", C1_CSI]),
    ("notes with DEL", entry("notes", "\x7f"), [DAY, "notes"], ["--note", "a\x7f"]),
    ("notes with CR", entry("notes", "ok\rEVIL"), [DAY, "notes"], ["--note", "ok\rEVIL"]),
    ("notes with NUL", entry("notes", "a\x00b"), [DAY, "notes"], ["--note", "a\x00b"]),
    ("notes with NEL", entry("notes", "a\x85b"), [DAY, "notes"], ["--note", "a\x85b"]),
    ("notes lone surrogate", entry("notes", "a\udcff"), [DAY, "notes", "UTF-8"], None),
    ("notes too long", entry("notes", "x" * 10_001), ["notes", "10,000"], ["--note", "x" * 10_001]),
    ("pain 11", entry("pain", 11), ["pain"], ["--pain", "11"]),
    ("pain -1", entry("pain", -1), ["pain"], ["--pain", "-1"]),
    ("pain as text", entry("pain", "3"), ["pain"], None),
    ("pain true", entry("pain", True), ["pain"], None),
    ("pain 3.0", entry("pain", 3.0), ["pain"], ["--pain", "3.0"]),
    ("worst 11", entry("worst", 11), ["worst"], ["--worst", "11"]),
    ("sleep 99", entry("sleep", 99), ["sleep"], ["--sleep", "99"]),
    ("mood -3", entry("mood", -3), ["mood"], ["--mood", "-3"]),
    ("unknown area", entry("areas", ["knee"]), ["area"], ["--area", "knee"]),
    (
        "51 areas",
        entry("areas", ["neck"] * 51),
        [DAY, "area", "50"],
        [a for _ in range(51) for a in ("--area", "neck")],
    ),
    ("unknown red flag", entry("red_flags", ["itch"]), ["red"], ["--red-flag", "itch"]),
    ("rest as text", entry("rest", "yes"), ["rest"], None),
    ("date 0001-01-01", at("days", 0, "date", value="0001-01-01"), ["0001-01-01"], None),
    ("date 1899-12-31", at("days", 0, "date", value="1899-12-31"), ["1899-12-31"], None),
    ("date 9999-12-31", at("days", 0, "date", value="9999-12-31"), ["9999-12-31"], None),
    ("date not a date", at("days", 0, "date", value="2026-02-30"), ["2026-02-30"], None),
    ("sets 0", tick("sets", 0), ["sets"], ["--sets", "0"]),
    ("reps 1001", tick("reps", 1001), ["reps"], ["--reps", "1001"]),
    ("hold 3601", tick("hold_s", 3601), ["hold"], ["--hold", "3601"]),
    ("side middle", tick("side", "middle"), ["side"], ["--side", "middle"]),
    ("unknown exercise", tick("exercise", "moonwalk"), ["moonwalk"], None),
    ("exercise id with ESC", tick("exercise", "walk" + ESC), ["exercise"], None),
    ("episode from year 1", at("episodes", 0, "start", value="0001-01-01"), ["0001-01-01"], None),
    ("episode to year 9999", at("episodes", 0, "end", value="9999-12-31"), ["9999-12-31"], None),
    ("exercise name ESC", at("exercises", 0, "name", value="Wall" + ESC), ["name"], None),
    ("exercise name C1", at("exercises", 0, "name", value="Wall" + C1_CSI), ["name"], None),
    ("exercise how-to ESC", at("exercises", 0, "how_to", value=OSC_TITLE), ["how_to"], None),
    ("exercise id spaces", at("exercises", 0, "id", value="wall slide"), ["id"], None),
    ("exercise id newline", at("exercises", 0, "id", value="wall-slide\n"), ["id"], None),
    ("routine name ESC", at("routines", 0, "name", value="Eve" + ESC), ["name"], None),
    ("routine name surrogate", at("routines", 0, "name", value="Eve\ud800"), ["name"], None),
]


def no_traceback(result: Any) -> None:
    assert "Traceback" not in result.err and result.err.startswith("backjournal: "), result.err


@pytest.mark.parametrize("case, change, words, argv", CASES, ids=[c[0] for c in CASES])
def test_import_refuses_what_input_refuses(tmp_path, case, change, words, argv):
    doc = export_doc()
    change(doc)
    source = tmp_path / "export.json"
    source.write_text(json.dumps(doc, ensure_ascii=True), encoding="utf-8")
    data = tmp_path / "journal"
    before = fingerprint(data)
    result = run_main("--data-dir", str(data), "import", str(source))
    assert result.code == 2, (case, result.err)
    no_traceback(result)
    assert all(word in result.err for word in words), (case, words, result.err)
    assert fingerprint(data) == before
    TRIED["import"] += 1
    TRIED["bytes compared"] += sum(p.stat().st_size for p in data.rglob("*") if p.is_file())


@pytest.fixture
def one_day(tmp_path) -> Path:
    """A journal with the export's day, made by the commands themselves."""
    data = tmp_path / "journal"
    source = tmp_path / "good.json"
    source.write_text(json.dumps(export_doc()), encoding="utf-8")
    assert run_main("--data-dir", str(data), "import", str(source)).code == 0
    return data


LOG_CASES = [c for c in CASES if c[3] is not None]


@pytest.mark.parametrize("case, change, words, argv", LOG_CASES, ids=[c[0] for c in LOG_CASES])
def test_the_same_values_typed_are_refused_the_same_way(one_day, case, change, words, argv):
    before = fingerprint(one_day)
    if argv[0] in ("--sets", "--reps", "--hold", "--side"):
        command = ["tick", "walk", "--date", DAY, *argv]
    else:
        command = ["log", "--date", DAY, *([] if argv[0] == "--pain" else ["--pain", "2"]), *argv]
    result = run_main("--data-dir", str(one_day), *command)
    assert result.code == 2, (case, result.err)
    field_words = [w for w in words if w != DAY]  # a typed value names the field, not the day
    assert all(word in result.err for word in field_words), (case, result.err)
    assert fingerprint(one_day) == before
    TRIED["log/tick"] += 1


def test_the_import_stores_what_input_would_store(tmp_path, one_day):
    """Accepted values are stored as `log` stores them: trimmed tags, areas in order, no repeats."""
    doc = export_doc()
    doc["days"][0]["entry"].update(
        tags=[" padded ", "gym", "gym"], areas=["leg-left", "neck", "neck"], notes="one\r\ntwo"
    )
    source = tmp_path / "loose.json"
    source.write_text(json.dumps(doc), encoding="utf-8")
    imported = tmp_path / "imported"
    assert run_main("--data-dir", str(imported), "import", str(source)).code == 0
    typed = run_main(
        "--data-dir",
        str(one_day),
        "log",
        "--date",
        DAY,
        *("--tag", " padded ", "--tag", "gym", "--tag", "gym"),
        *("--area", "leg-left", "--area", "neck", "--area", "neck"),
        *("--note", "one\r\ntwo"),
    )
    assert typed.code == 0, typed.err
    shown = [
        json.loads(run_main("--data-dir", str(d), "show", "--date", DAY, "--json").out)["entry"]
        for d in (imported, one_day)
    ]
    assert shown[0] == shown[1]
    assert shown[0]["tags"] == ["padded", "gym"] and shown[0]["areas"] == ["neck", "leg-left"]
    assert shown[0]["notes"] == "one\ntwo"


# Restore: a backup folder whose year file was edited by hand. Only what the stored format itself
# allows (a list of strings, text) is tried: other shapes are damage, reported with exit 4 elsewhere.
RESTORE_CASES = [
    ("tag with a space", "tags", ["two words"], "tag"),
    ("empty tag", "tags", [""], "tag"),
    ("tag with ESC", "tags", ["a" + ESC], "tag"),
    ("tag too long", "tags", ["x" * 41], "tag"),
    ("51 tags", "tags", [f"t{i}" for i in range(51)], "tag"),
    ("notes with ESC", "notes", ESC, "notes"),
    ("notes set title", "notes", OSC_TITLE, "notes"),
    ("notes with C1", "notes", C1_CSI, "notes"),
    ("notes with DEL", "notes", "a\x7f", "notes"),
    ("notes with NUL", "notes", "a\x00", "notes"),
]


@pytest.mark.parametrize(
    "case, field, value, named", RESTORE_CASES, ids=[c[0] for c in RESTORE_CASES]
)
def test_restore_refuses_what_input_refuses(tmp_path, one_day, case, field, value, named):
    backup = tmp_path / "hand-edited-backup"
    backup.mkdir()
    for name in ("journal-meta.json", "journal-2026.json"):
        shutil.copy2(one_day / name, backup / name)
    year = backup / "journal-2026.json"
    tables = orjson.loads(year.read_bytes())
    (doc,) = [d for d in tables[DAYS].values() if d["date"] == DAY]
    doc["entry"][field] = value
    year.write_bytes(orjson.dumps(tables))
    before = fingerprint(one_day)
    result = run_main("--data-dir", str(one_day), "restore", str(backup), "--yes")
    assert result.code == 2, (case, result.code, result.err)
    no_traceback(result)
    assert DAY in result.err and named in result.err, result.err
    assert fingerprint(one_day) == before
    TRIED["restore"] += 1
    TRIED["bytes compared"] += sum(p.stat().st_size for p in one_day.rglob("*") if p.is_file())


def test_lone_surrogates_from_a_real_command_line_are_refused(one_day):
    """Bytes that are not UTF-8 reach Python as lone surrogates; only a real argv can carry them."""
    before = fingerprint(one_day)
    for option in ("--tag", "--note"):
        proc = run_cli(
            "--data-dir", str(one_day), "log", "--date", DAY, "--pain", "2", option, "caf\udce9"
        )
        assert proc.code == 2 and "UTF-8" in proc.err and "Traceback" not in proc.err, proc.err
    assert fingerprint(one_day) == before


def test_zz_report():
    report(
        "one set of rules",
        f"{n(TRIED['import'])} import cases, {n(TRIED['restore'])} restore cases, "
        f"{n(TRIED['log/tick'])} typed cases refused; {n(TRIED['bytes compared'])} bytes compared; "
        "tracebacks seen: 0",
    )
