"""The clinician report's HTML: well nested, self-contained, escaped, and holding what it should."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from html.parser import HTMLParser

import pytest

from backjournal.domain import psfs as psfs_rules
from backjournal.domain.demo import demo_journal
from backjournal.domain.journal import build_journal
from backjournal.domain.models import Day, JournalMeta, Routine, Tick
from backjournal.domain.report_html import DISCLAIMER, build_report
from backjournal.domain.settings import AdvisorSettings

TODAY = date(2026, 11, 29)
START = TODAY - timedelta(days=89)
VOID = {"meta", "br", "hr", "img", "input", "link", "col", "wbr", "area", "base", "source"}
HOSTILE = '<script>alert("x")</script></svg></table><img src=x onerror=alert(1)> & "q"'


class Structure(HTMLParser):
    """Checks nesting as it parses; records every tag with its ancestors, and all text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.tags: list[tuple[str, tuple[str, ...], dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, tuple(self.stack), dict(attrs)))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, tuple(self.stack), dict(attrs)))

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def parse(html: str) -> Structure:
    parser = Structure()
    parser.feed(html)
    parser.close()
    return parser


def demo(days: int = 90, seed: int = 3):
    data, meta = demo_journal(days, seed, TODAY)
    return data, meta


def report(journal=None, **kwargs) -> str:
    if journal is None:
        journal = build_journal(*demo())
    start = kwargs.pop("start", START)
    return build_report(journal, start, TODAY, AdvisorSettings(), TODAY, **kwargs)


@pytest.fixture(scope="module")
def hostile_journal():
    """A demo journal whose user text everywhere tries to break out of the HTML."""
    days, meta = demo()
    day = TODAY - timedelta(days=2)
    entry = replace(days[day].entry, notes=HOSTILE, tags=("x",), red_flags=("fever",))
    days[day] = Day(day, entry, days[day].ticks)
    psfs = psfs_rules.rename_activity(meta.psfs, "1", "</svg><script>alert(2)</script>")
    routines = [Routine("mine", "<b>Mine</b></td>", ("pelvic-tilt",), None)]
    overridden = TODAY - timedelta(days=3)
    ticks = {**days[overridden].ticks, "pelvic-tilt": Tick("pelvic-tilt", overridden=True)}
    days[overridden] = Day(overridden, days[overridden].entry, ticks)
    return build_journal(days, replace(meta, psfs=psfs, routines=routines))


def test_well_nested_and_complete():
    html = report(name="Sam")
    parsed = parse(html)
    assert parsed.problems == [] and parsed.stack == []
    assert html.startswith("<!DOCTYPE html>")
    tags = [t for t, _, _ in parsed.tags]
    assert tags.count("html") == tags.count("head") == tags.count("body") == 1
    assert tags.count("svg") == 2


def test_self_contained_no_script_no_external_reference(hostile_journal):
    for html in (report(), report(hostile_journal, all_notes=True)):
        parsed = parse(html)
        tags = {t for t, _, _ in parsed.tags}
        assert not tags & {
            "script",
            "img",
            "link",
            "iframe",
            "object",
            "embed",
            "a",
            "image",
            "use",
        }
        assert not re.search(r"https?:|//[a-z]", html, re.I)
        assert "@import" not in html and "@font-face" not in html
        for tag, _, attrs in parsed.tags:
            for key, value in attrs.items():
                assert key not in ("src", "href", "xlink:href", "srcset", "action"), (tag, key)
                assert not key.startswith("on"), (tag, key)
                if value and "url(" in value:
                    assert re.fullmatch(r"url\(#[\w-]+\)", value), value
        for url in re.findall(r"url\(([^)]*)\)", html):
            assert url.startswith("#"), url


def test_every_chart_has_a_title_a_description_and_a_table_beside_it():
    parsed = parse(report())
    svgs = [(i, anc) for i, (t, anc, _) in enumerate(parsed.tags) if t == "svg"]
    assert len(svgs) == 2
    for index, ancestors in svgs:
        assert ancestors[-1] == "figure"
        following = parsed.tags[index + 1 : index + 3]
        assert [t for t, _, _ in following] == ["title", "desc"]
        # the table that follows in the same figure
        rest = parsed.tags[index + 1 :]
        figure_depth = len(ancestors)
        in_figure = [
            t for t, anc, _ in rest if len(anc) >= figure_depth and anc[:figure_depth] == ancestors
        ]
        assert "table" in in_figure


def test_user_text_stays_text(hostile_journal):
    html = report(hostile_journal, all_notes=True)
    parsed = parse(html)
    assert parsed.problems == [] and parsed.stack == []
    text = "".join(parsed.text)
    assert HOSTILE in text  # the note, whole, as text (all notes in full)
    assert "</svg><script>alert(2)</script>" in text  # the activity name
    assert "<b>Mine</b></td>" in text  # the routine name
    assert "&lt;script&gt;" in html and "<script" not in html
    assert [t for t, _, _ in parsed.tags].count("svg") == 2
    assert [t for t, _, _ in parsed.tags].count("b") == html.count("<b>")


def test_control_characters_never_reach_the_page():
    days, meta = demo()
    day = TODAY - timedelta(days=1)
    days[day] = Day(
        day, replace(days[day].entry, notes="bell\x07 esc\x1b[2J c1\x9b end"), days[day].ticks
    )
    html = report(build_journal(days, meta), all_notes=True)
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", html)
    assert "bell\ufffd esc\ufffd[2J c1\ufffd end" in html


def test_holds_who_when_pain_function_exercise_flags_notes_and_one_disclaimer(hostile_journal):
    html = report(hostile_journal, name="Sam <the> \u00e9")
    text = "".join(parse(html).text)
    assert "Back pain journal \u2014 Sam <the> \u00e9" in text
    assert "Period: 1 Sep 2026 to 29 Nov 2026 (90 days)" in text
    assert re.search(r"Days with an entry: \d+ of 90", text)
    for heading in (
        "Pain",
        "Function: weekly score (PSFS)",
        "Exercise",
        "Warning signs (red flags)",
        "Notes, newest first",
    ):
        assert f"{heading}" in text
    assert "27 Nov 2026: fever or feeling unwell with the back pain" in text
    assert "Done against the advisor's timing (1): 26 Nov: Pelvic tilt" in text
    assert "minimal important change" in text and "Average" in text
    assert html.count(DISCLAIMER[:40]) == 1


def test_without_a_name_no_name_is_shown():
    html = report()
    assert "<h1>Back pain journal</h1>" in html
    assert "\u2014" not in "".join(parse(html).text).split("Period")[0]


def test_notes_newest_first_trimmed_and_all_notes_adds_them_in_full():
    days, meta = demo()
    long_note = "word " * 200
    for n in range(12):
        day = TODAY - timedelta(days=n)
        days[day] = Day(
            day,
            replace(days[day].entry, notes=f"note {n} " + (long_note if n == 0 else "")),
            days[day].ticks,
        )
    journal = build_journal(days, meta)
    short = report(journal)
    text = "".join(parse(short).text)
    shown = [int(m) for m in re.findall(r"note (\d+)", text)]
    assert shown == sorted(shown) and shown[0] == 0 and len(shown) < 12  # newest first, trimmed
    assert "\u2026" in text and "--all-notes" in text
    assert long_note.strip() not in text
    full = "".join(parse(report(journal, all_notes=True)).text)
    assert long_note.strip() in full
    after = full.split("All notes")[1]
    assert [int(m) for m in re.findall(r"note (\d+)", after)][:12] == list(range(12))


def test_an_empty_period_still_makes_a_whole_page():
    html = build_report(build_journal({}, JournalMeta()), TODAY, TODAY, AdvisorSettings(), TODAY)
    parsed = parse(html)
    assert parsed.problems == [] and "No entries in this period" in "".join(parsed.text)


def test_long_periods_switch_to_monthly_columns():
    journal = build_journal(*demo(400, 5))
    html = report(journal, start=TODAY - timedelta(days=399))
    parsed = parse(html)
    assert parsed.problems == []
    assert "Month" in "".join(parsed.text)
    for table in re.findall(r"<table>.*?</table>", html, re.S):
        assert table.split("</tr>")[0].count("<th") <= 15  # 14 columns and the row names


def test_episode_phases_are_shaded_with_patterns_not_only_colour():
    html = report()
    assert re.search(r'<pattern id="pain-chart-p-mobility"', html)
    assert 'fill="url(#pain-chart-p-mobility)"' in html
    assert "stroke-dasharray" in html  # the worst-pain line differs in style, not just hue
