"""No injection: control characters are refused on input, stored ones never reach the terminal raw,
CSV cells are never formulas, and the Markdown summary keeps notes as text.

Hostile text is planted in the store directly (as a hand edit or an older version would leave it),
then every command that shows it runs; no byte of its output may be a control character other than
newline and tab, and the JSON outputs must still give back exactly what is stored.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from robustness_support import fingerprint, n, report, run_cli, run_main

from backjournal.domain.models import Day, Entry, Episode, Exercise, Routine
from backjournal.domain.text import csv_cell, markdown_text, visible
from backjournal.storage import Store

DAY = date(2026, 1, 5)
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
COUNTS = {"refused": 0, "outputs checked": 0, "csv cells": 0, "markdown notes": 0}

INJECTIONS = {
    "csi colour": "\x1b[31mred\x1b[0m",
    "osc title": "\x1b]0;pwned\x07",
    "osc 52 clipboard": "\x1b]52;c;cm0gLXJmIH4=\x07",
    "osc 8 link": "\x1b]8;;http://evil.example\x1b\\click\x1b]8;;\x1b\\",
    "c1 csi": "\x9b31m",
    "c1 osc": "\x9d0;title\x9c",
    "dcs tmux passthrough": "\x1bPtmux;\x1b\x1b]0;x\x07\x1b\\",
    "del": "a\x7fb",
    "nul": "a\x00b",
    "cr overwrite": "fine\rEVIL",
    "backspace": "abc\x08\x08\x08XYZ",
    "bell": "ding\x07",
    "nel": "a\x85b",
    "vertical tab": "a\x0bb",
    "form feed": "a\x0cb",
}


# --- refused on input ------------------------------------------------------------------------


def _journal(tmp_path: Path) -> Path:
    data = tmp_path / "journal"
    assert run_main("--data-dir", str(data), "log", "--date", str(DAY), "--pain", "3").code == 0
    return data


INPUTS = [
    ("note", lambda s: ["log", "--date", str(DAY), "--note", "x" + s], "notes"),
    ("tag", lambda s: ["log", "--date", str(DAY), "--tag", "x" + s], "tag"),
    ("exercise id", lambda s: ["tick", "walk" + s, "--date", str(DAY)], "exercise"),
    ("untick id", lambda s: ["untick", "walk" + s, "--date", str(DAY)], "exercise"),
    ("advise id", lambda s: ["advise", "--exercise", "walk" + s], "exercise"),
    ("date", lambda s: ["show", "--date", "2026" + s], "date"),
    ("format", lambda s: ["export", "--format", "md" + s], "format"),
    ("backup name", lambda s: ["restore", "x" + s, "--yes"], "backup"),
]


@pytest.mark.parametrize("name", list(INJECTIONS))
@pytest.mark.parametrize("where, argv, field", INPUTS, ids=[i[0] for i in INPUTS])
def test_control_characters_are_refused_and_error_messages_are_escaped(
    tmp_path, name, where, argv, field
):
    data = _journal(tmp_path)
    before = fingerprint(data)
    result = run_main("--data-dir", str(data), *argv(INJECTIONS[name]))
    assert result.code == 2, (where, name, result.err)
    assert field in result.err, result.err
    assert not RAW.search(result.out + result.err), (where, name, result.err)
    assert fingerprint(data) == before
    COUNTS["refused"] += 1


def test_argparse_errors_quoting_typed_words_are_escaped(tmp_path):
    result = run_main("show", "--bogus\x1b]0;t\x07")
    assert result.code == 2 and "--bogus" in result.err and not RAW.search(result.err)


def test_through_the_real_console_script(tmp_path):
    data = _journal(tmp_path)
    before = fingerprint(data)
    for text in (INJECTIONS["osc title"], INJECTIONS["c1 csi"], INJECTIONS["osc 52 clipboard"]):
        proc = run_cli("--data-dir", str(data), "log", "--date", str(DAY), "--note", text)
        assert proc.code == 2 and "notes" in proc.err and not RAW.search(proc.err), proc.err
        proc = run_cli("--data-dir", str(data), "tick", "walk" + text)
        assert proc.code == 2 and not RAW.search(proc.err), proc.err
    assert fingerprint(data) == before


# --- stored text is shown escaped ------------------------------------------------------------


def plant(data: Path, text: str) -> None:
    """Hostile text where a hand edit could put it: notes, a tag, a custom exercise, a routine."""
    store = Store(data)
    exercise = Exercise(
        id="wall-slide",
        name="Wall " + text,
        kind="mobility",
        region="upper-back",
        sets=2,
        reps=10,
        hold_s=None,
        sides="both",
        how_to="Slide " + text,
        caution=text,
    )
    routine = Routine(id="evening", name="Evening " + text, exercises=("walk", "wall-slide"))
    store.update_meta(
        lambda m: replace(
            m, exercises=[exercise], routines=[routine], episodes=[Episode(date(2025, 12, 20))]
        )
    )
    entry = Entry(pain=3, notes="note " + text + "\nline two", tags=("tag" + text, "gym"))
    store.update_day(DAY, lambda d: Day(d.date, entry, d.ticks))


SHOWING = [
    ["show", "--date", str(DAY)],
    ["show", "--date", str(DAY), "--json"],
    ["export"],
    ["export", "--format", "csv"],
    ["export", "--format", "md", "--from", "2025-12-01", "--to", str(DAY)],
    ["exercises"],
    ["exercises", "--json"],
    ["routines"],
    ["routines", "--json"],
    ["episode", "list"],
    ["advise", "--date", str(DAY)],
    ["streaks", "--date", str(DAY)],
    ["check"],
    ["locate"],
]


@pytest.mark.parametrize("name", list(INJECTIONS))
def test_stored_control_characters_never_reach_the_terminal(tmp_path, name):
    data = tmp_path / "journal"
    plant(data, INJECTIONS[name])
    before = fingerprint(data)
    for argv in SHOWING:
        result = run_main("--data-dir", str(data), *argv)
        assert result.code == 0, (argv, result.err)
        assert not RAW.search(result.out), (argv, name, result.out[:500])
        assert not RAW.search(result.err), (argv, name, result.err[:500])
        COUNTS["outputs checked"] += 1
    # Escaped for the eye, exact for a program: the JSON outputs give back what is stored.
    shown = json.loads(run_main("--data-dir", str(data), "show", "--date", str(DAY), "--json").out)
    assert shown["entry"]["notes"] == "note " + INJECTIONS[name] + "\nline two"
    exported = json.loads(run_main("--data-dir", str(data), "export").out)
    assert exported["exercises"][0]["name"] == "Wall " + INJECTIONS[name]
    assert fingerprint(data) == before


# --- CSV: no formulas ------------------------------------------------------------------------

FORMULAS = ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", '=HYPERLINK("http://evil")', "-2+3"]


@pytest.mark.parametrize("formula", FORMULAS)
def test_csv_cells_never_start_a_formula(tmp_path, formula):
    data = tmp_path / "journal"
    store = Store(data)
    store.update_day(
        DAY, lambda d: Day(d.date, Entry(pain=3, notes=formula, tags=(formula.strip(),)))
    )
    out = run_main("--data-dir", str(data), "export", "--format", "csv").out
    rows = list(csv.reader(io.StringIO(out)))
    header, row = rows[0], rows[1]
    for column, stored in (("notes", formula), ("tags", formula.strip())):
        cell = row[header.index(column)]
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (column, cell)
        assert cell == ("'" + stored if stored.startswith(("=", "+", "-", "@", "\t")) else stored)
        COUNTS["csv cells"] += 1
    assert csv_cell("plain") == "plain" and csv_cell("") == ""


# --- Markdown: notes stay text ---------------------------------------------------------------

MARKDOWN = {
    "heading": "# I am a heading",
    "setext heading": "Title\n===",
    "link": "[click](http://evil.example)",
    "image": "![pixel](http://evil.example/p.png)",
    "autolink": "<http://evil.example>",
    "bare url": "see https://evil.example now",
    "www": "see www.evil.example now",
    "email": "mail evil@evil.example",
    "html script": "<script>alert(1)</script>",
    "html img": '<img src=x onerror="alert(1)">',
    "html comment": "<!-- hidden -->",
    "entity": "&lt;b&gt;",
    "table": "| a | b |\n|---|---|\n| 1 | 2 |",
    "code fence": "```\ncode\n```",
    "list": "- item\n1. one",
    "quote": "> quoted",
    "reference link": "[x]\n\n[x]: http://evil.example",
}
_ALLOWED_TAGS = {"h1", "h2", "p", "ul", "li", "strong", "table", "thead", "tbody", "tr", "th", "td"}


@pytest.mark.parametrize("name", list(MARKDOWN))
def test_markdown_export_keeps_notes_as_text(tmp_path, name):
    data = tmp_path / "journal"
    store = Store(data)
    store.update_day(DAY, lambda d: Day(d.date, Entry(pain=3, notes=MARKDOWN[name])))
    out = run_main(
        "--data-dir", str(data), "export", "--format", "md", "--from", str(DAY), "--to", str(DAY)
    ).out
    html = MarkdownIt("gfm-like").render(out)
    tags = set(re.findall(r"<([a-z0-9]+)", html))
    assert tags <= _ALLOWED_TAGS, (name, tags - _ALLOWED_TAGS, html)
    assert "evil.example" not in "".join(re.findall(r'(?:href|src)="([^"]*)"', html))
    notes = html[html.index("<h2>Notes</h2>") :]
    assert notes.count("<li>") == 1  # the note is one list item, whatever its lines say
    COUNTS["markdown notes"] += 1


def test_visible_keeps_ordinary_text_and_escapes_the_rest():
    assert visible("Pain 3/10, café, 😀\n\tok") == "Pain 3/10, café, 😀\n\tok"
    assert visible("a\x1b[31m\x9b\x7f\ud800") == "a\\x1b[31m\\x9b\\x7f\\ud800"
    assert visible("a\nb", newlines=False) == "a\\x0ab"
    assert markdown_text("plain words") == "plain words"


def test_zz_report():
    report(
        "injection",
        f"{n(len(INJECTIONS))} hostile strings; {n(COUNTS['refused'])} inputs refused; "
        f"{n(COUNTS['outputs checked'])} command outputs checked for raw control characters; "
        f"{n(COUNTS['csv cells'])} CSV cells; {n(COUNTS['markdown notes'])} Markdown notes rendered; "
        "tracebacks seen: 0",
    )
