"""JSON, CSV and Markdown exports, and the all-or-nothing reading of a JSON export."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from backjournal.domain.codec import SCHEMA_VERSION
from backjournal.domain.errors import InputError
from backjournal.domain.exercises import BUILTIN_EXERCISES, DEFAULT_ROUTINES
from backjournal.domain.export import (
    CSV_COLUMNS,
    export_csv,
    export_json,
    parse_export,
)
from backjournal.domain.journal import build_journal
from backjournal.domain.markdown_export import export_markdown
from backjournal.domain.models import (
    Clearance,
    Day,
    Entry,
    Episode,
    Exercise,
    JournalMeta,
    Routine,
    Tick,
)
from backjournal.domain.settings import AdvisorSettings
from backjournal.domain.vocab import AREAS, RED_FLAG_LABELS, RED_FLAGS, TICK_SIDES

D = date.fromisoformat
WALL = Exercise(
    id="wall-slide",
    name="Wall slide",
    kind="mobility",
    region="upper-back",
    sets=1,
    reps=8,
    hold_s=None,
    sides="one",
    how_to="Slide your arms up a wall.",
    caution="Stay pain-free.",
)
MY_ROUTINE = Routine(id="evening", name="Evening", exercises=("march-in-place", "wall-slide"))


def day(iso: str, pain: int | None = 2, ticks: tuple[str, ...] = (), **entry) -> Day:
    return Day(
        date=D(iso),
        entry=Entry(pain=pain, **entry) if pain is not None else None,
        ticks={e: Tick(exercise=e) for e in ticks},
    )


def sample() -> tuple[dict[date, Day], JournalMeta]:
    days = [
        day(
            "2026-03-01", 3, ("pelvic-tilt", "walk"), areas=("lower-back",), notes="Stiff, but okay"
        ),
        day("2026-03-02", 5, ("wall-slide",), worst=7, tags=("desk-day",), sleep=4, mood=6),
        day("2026-03-04", None, ("walk",)),
        day(
            "2026-03-05", 1, red_flags=("fever",), rest=True, notes='Ünïcode ✓, "quotes"\nline two'
        ),
    ]
    meta = JournalMeta(
        episodes=[Episode(D("2026-01-01"), D("2026-02-01")), Episode(D("2026-03-01"))],
        exercises=[WALL],
        routines=[*DEFAULT_ROUTINES, MY_ROUTINE],
        clearances=[Clearance(D("2026-03-05"), 'GP: "nothing serious"\nsee again if worse')],
    )
    return {d.date: d for d in days}, meta


# --- JSON round trip ----------------------------------------------------------------------


def test_json_round_trip_is_byte_identical():
    days, meta = sample()
    text = export_json(days, meta, None, None)
    back_days, back_meta = parse_export(text)
    assert back_days == days
    assert back_meta.episodes == meta.episodes
    assert back_meta.exercises == meta.exercises
    assert back_meta.routines == meta.routines
    assert back_meta.clearances == meta.clearances and meta.clearances
    assert export_json(back_days, back_meta, None, None) == text


def test_clearances_are_exported_like_episodes_and_checked_on_import():
    days, meta = sample()
    doc = json.loads(export_json(days, meta, None, None))
    assert doc["clearances"] == [{"date": "2026-03-05", "note": meta.clearances[0].note}]
    # Like episodes, they shape the advice of the days exported, so a period keeps them.
    assert json.loads(export_json(days, meta, None, D("2026-03-04")))["clearances"]
    del doc["clearances"]  # a schema-1 export has none
    assert parse_export(json.dumps(doc))[1].clearances == []
    doc["clearances"] = [{"date": "2026-03-06"}, {"date": "2026-03-06"}]
    with pytest.raises(InputError, match="two clearances"):
        parse_export(json.dumps(doc))
    doc["clearances"] = [{"date": "2026-04-01"}]
    with pytest.raises(InputError, match="in the future"):
        parse_export(json.dumps(doc), today=D("2026-03-20"))


def test_json_shape():
    days, meta = sample()
    doc = json.loads(export_json(days, meta, None, None))
    assert doc["format"] == "backjournal-export"
    assert doc["schema"] == SCHEMA_VERSION
    assert [d["date"] for d in doc["days"]] == [
        "2026-03-01",
        "2026-03-02",
        "2026-03-04",
        "2026-03-05",
    ]
    assert [e["id"] for e in doc["exercises"]] == ["wall-slide"]  # custom ones only
    assert [r["id"] for r in doc["routines"]] == [
        "mobility",
        "stretching",
        "strengthening",
        "evening",
    ]
    assert doc["episodes"][1] == {"start": "2026-03-01", "end": None}


def test_default_routines_export_as_null_and_come_back_as_defaults():
    days, meta = sample()
    meta.routines = None
    text = export_json(days, meta, None, None)
    assert json.loads(text)["routines"] is None
    assert parse_export(text)[1].routines is None


def test_json_is_stable_whatever_the_order_things_come_in():
    days, meta = sample()
    shuffled_days = {d: days[d] for d in sorted(days, reverse=True)}
    shuffled_days[D("2026-03-01")] = Day(
        date=D("2026-03-01"),
        entry=days[D("2026-03-01")].entry,
        ticks={"walk": Tick("walk"), "pelvic-tilt": Tick("pelvic-tilt")},
    )
    meta2 = JournalMeta(
        episodes=meta.episodes[::-1],
        exercises=meta.exercises,
        routines=meta.routines,
        clearances=meta.clearances,
    )
    assert export_json(shuffled_days, meta2, None, None) == export_json(days, meta, None, None)


def test_json_range_filters_days_only():
    days, meta = sample()
    doc = json.loads(export_json(days, meta, D("2026-03-02"), D("2026-03-04")))
    assert [d["date"] for d in doc["days"]] == ["2026-03-02", "2026-03-04"]
    assert len(doc["episodes"]) == 2
    assert [
        d["date"] for d in json.loads(export_json(days, meta, D("2026-03-04"), None))["days"]
    ] == ["2026-03-04", "2026-03-05"]
    assert [
        d["date"] for d in json.loads(export_json(days, meta, None, D("2026-03-01")))["days"]
    ] == ["2026-03-01"]


def test_a_period_that_ends_before_it_starts_is_refused():
    days, meta = sample()
    journal = build_journal(days, meta)
    for export in (
        lambda: export_json(days, meta, D("2026-03-05"), D("2026-03-01")),
        lambda: export_csv(days, journal.exercises, D("2026-03-05"), D("2026-03-01")),
        lambda: export_markdown(
            journal, D("2026-03-05"), D("2026-03-01"), AdvisorSettings(), D("2026-03-29")
        ),
    ):
        with pytest.raises(InputError) as caught:
            export()
        assert caught.value.field == "to"


def test_empty_days_are_left_out():
    days, meta = sample()
    days[D("2026-03-03")] = Day(date=D("2026-03-03"))
    assert "2026-03-03" not in export_json(days, meta, None, None)


def test_empty_journal_round_trips():
    text = export_json({}, JournalMeta(), None, None)
    days, meta = parse_export(text)
    assert days == {} and meta.episodes == [] and meta.exercises == [] and meta.routines is None
    assert export_json(days, meta, None, None) == text


_BUILTIN_IDS = [e.id for e in BUILTIN_EXERCISES]
_opt = lambda s: st.none() | s  # noqa: E731
_subset = lambda values: st.lists(st.sampled_from(values), unique=True, max_size=3).map(tuple)  # noqa: E731

# Entries as typed input stores them (an import refuses or normalises anything else): no control
# characters but newline and tab, tags are single printable words, choices in vocabulary order.
_CONTROL = [chr(c) for c in [*range(0x20), *range(0x7F, 0xA0)] if chr(c) not in "\n\t"]
_in_order = lambda values: lambda chosen: tuple(v for v in values if v in chosen)  # noqa: E731
entries = st.builds(
    Entry,
    pain=st.integers(0, 10),
    worst=_opt(st.integers(0, 10)),
    areas=_subset(AREAS).map(_in_order(AREAS)),
    sleep=_opt(st.integers(0, 10)),
    mood=_opt(st.integers(0, 10)),
    notes=st.text(
        st.characters(blacklist_categories=("Cs",), blacklist_characters=_CONTROL), max_size=40
    ),
    tags=st.lists(
        st.text(st.characters(whitelist_categories=("L", "N", "P", "S")), min_size=1, max_size=8),
        max_size=3,
        unique=True,
    ).map(tuple),
    red_flags=_subset(RED_FLAGS).map(_in_order(RED_FLAGS)),
    rest=st.booleans(),
)
ticks = st.builds(
    Tick,
    exercise=st.sampled_from(_BUILTIN_IDS),
    sets=_opt(st.integers(1, 100)),
    reps=_opt(st.integers(1, 1000)),
    hold_s=_opt(st.integers(1, 3600)),
    side=_opt(st.sampled_from(TICK_SIDES)),
    overridden=st.booleans(),
)


@st.composite
def journals(draw):
    offsets = draw(st.lists(st.integers(0, 800), unique=True, max_size=12))
    days = {}
    for offset in offsets:
        d = date(2024, 1, 1) + timedelta(days=offset)
        tick_list = draw(st.lists(ticks, max_size=4, unique_by=lambda t: t.exercise))
        entry = draw(_opt(entries))
        if entry is None and not tick_list:
            continue
        days[d] = Day(date=d, entry=entry, ticks={t.exercise: t for t in tick_list})
    return days


@hsettings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(days=journals())
def test_json_round_trip_over_random_days(days):
    meta = JournalMeta(episodes=[Episode(D("2024-02-01"), D("2024-03-01"))])
    text = export_json(days, meta, None, None)
    back, back_meta = parse_export(text)
    assert back == days
    assert back_meta.episodes == meta.episodes
    assert export_json(back, back_meta, None, None) == text


# --- rejections: each names the field, and nothing comes back -----------------------------


def doc_of_sample() -> dict:
    days, meta = sample()
    return json.loads(export_json(days, meta, None, None))


def rejected(text: str, **kw) -> InputError:
    with pytest.raises(InputError) as caught:
        parse_export(text, **kw)
    return caught.value


def edit_and_reject(change) -> InputError:
    doc = doc_of_sample()
    change(doc)
    return rejected(json.dumps(doc))


@pytest.mark.parametrize("text", ["", "{", "not json", '{"format": "backjournal-export",'])
def test_not_json(text):
    err = rejected(text)
    assert err.field == "import" and "JSON" in err.problem


def test_truncated_export_is_rejected():
    days, meta = sample()
    text = export_json(days, meta, None, None)
    assert rejected(text[: len(text) // 2]).field == "import"


@pytest.mark.parametrize("text", ["[]", "3", '{"format": "something-else"}', "{}"])
def test_not_an_export(text):
    assert rejected(text).field == "import"


@pytest.mark.parametrize("schema", [SCHEMA_VERSION + 1, 99])
def test_newer_schema_is_refused(schema):
    err = edit_and_reject(lambda d: d.update(schema=schema))
    assert err.field == "import schema" and "newer" in err.problem


@pytest.mark.parametrize("schema", ["1", 0, None, True, 1.5])
def test_bad_schema_value(schema):
    assert edit_and_reject(lambda d: d.update(schema=schema)).field == "import schema"


@pytest.mark.parametrize("key", ["days", "episodes", "exercises", "routines"])
def test_missing_section(key):
    err = edit_and_reject(lambda d: d.pop(key))
    assert err.field == f"import {key}" and "missing" in err.problem


def test_section_of_wrong_type():
    assert edit_and_reject(lambda d: d.update(days={})).field == "import days"


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda d: d["days"][1]["entry"].update(pain=11), "pain"),
        (lambda d: d["days"][1]["entry"].update(pain="5"), "pain"),
        (lambda d: d["days"][1]["entry"].pop("pain"), "pain"),
        (lambda d: d["days"][1]["entry"].update(areas=["elbow"]), "areas"),
        (lambda d: d["days"][1]["entry"].update(red_flags=["headache"]), "red_flags"),
        (lambda d: d["days"][1]["entry"].update(rest="yes"), "rest"),
        (lambda d: d["days"][1]["entry"].update(notes="x" * 10_001), "notes"),
        (lambda d: d["days"][1]["ticks"][0].update(side="middle"), "side"),
        (lambda d: d["days"][1]["ticks"][0].update(sets=0), "sets"),
        (lambda d: d["days"][1].update(date="2026-02-30"), "date"),
        (lambda d: d["days"][1].update(ticks={}), "ticks"),
        (lambda d: d["days"].__setitem__(1, "2026-03-02"), ""),
    ],
)
def test_wrongly_shaped_day(change, where):
    err = edit_and_reject(change)
    assert err.field.startswith("import days[1]")
    assert where in err.field


def test_duplicate_date():
    err = edit_and_reject(lambda d: d["days"].append(dict(d["days"][0])))
    assert err.field == "import days[4].date" and "2026-03-01" in err.problem


def test_tick_of_unknown_exercise():
    err = edit_and_reject(lambda d: d["days"][0]["ticks"].append({"exercise": "cartwheel"}))
    assert err.field == "import days[0].ticks[2].exercise" and "cartwheel" in err.problem


def test_tick_of_custom_exercise_needs_it_in_the_file():
    def drop_custom(d):
        d["exercises"] = []
        d["routines"] = None

    err = edit_and_reject(drop_custom)
    assert err.field == "import days[1].ticks[0].exercise" and "wall-slide" in err.problem


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (
            lambda d: d["episodes"].append({"start": "2026-01-15", "end": "2026-01-20"}),
            "import episodes",
        ),
        (lambda d: d["episodes"].append({"start": "2026-04-01", "end": None}), "import episodes"),
        (
            lambda d: d["episodes"].__setitem__(0, {"start": "2026-01-05", "end": "2026-01-05"}),
            "import episodes[0]",
        ),
        (lambda d: d["episodes"].__setitem__(0, {"start": "soon"}), "import episodes[0].start"),
    ],
)
def test_bad_episodes(change, field):
    assert edit_and_reject(change).field == field


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda d: d["exercises"][0].update(id="pelvic-tilt"), "import exercises[0].id"),
        (lambda d: d["exercises"][0].update(id="Wall Slide"), "import exercises[0].id"),
        (lambda d: d["exercises"].append(dict(d["exercises"][0])), "import exercises[1].id"),
        (lambda d: d["exercises"][0].update(kind="yoga"), "import exercises[0] wall-slide.kind"),
        (lambda d: d["exercises"][0].update(reps=2), "import exercises[0].reps"),
        (lambda d: d["exercises"].__setitem__(0, []), "import exercises[0]"),
    ],
)
def test_bad_custom_exercises(change, field):
    assert edit_and_reject(change).field == field


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (
            lambda d: d["routines"][0]["exercises"].append("cartwheel"),
            "import routines[0].exercises",
        ),
        (lambda d: d["routines"].append(dict(d["routines"][0])), "import routines[4].id"),
        (
            lambda d: d["routines"][0].update(times_per_week=9),
            "import routines[0] mobility.times_per_week",
        ),
        (lambda d: d["routines"][0].update(id="Not Kebab"), "import routines[0].id"),
        (lambda d: d.update(routines={}), "import routines"),
    ],
)
def test_bad_routines(change, field):
    err = edit_and_reject(change)
    assert err.field == field


def test_future_days_and_episodes_refused_when_today_is_given():
    days, meta = sample()
    text = export_json(days, meta, None, None)
    assert parse_export(text, today=D("2026-03-05"))[0] == days
    assert rejected(text, today=D("2026-03-04")).field == "import days[3].date"
    assert rejected(text, today=D("2026-02-28")).field == "import episodes[1].start"


# --- CSV -----------------------------------------------------------------------------------


def read_csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_csv_columns_and_rows():
    days, meta = sample()
    library = build_journal(days, meta).exercises
    rows = read_csv(export_csv(days, library, None, None))
    assert (
        rows[0]
        == list(CSV_COLUMNS)
        == [
            "date",
            "pain",
            "worst",
            "areas",
            "sleep",
            "mood",
            "rest",
            "red_flags",
            "tags",
            "notes",
            "ticks",
        ]
    )
    assert [r[0] for r in rows[1:]] == ["2026-03-01", "2026-03-02", "2026-03-04", "2026-03-05"]
    assert rows[1] == [
        "2026-03-01",
        "3",
        "",
        "lower-back",
        "",
        "",
        "no",
        "",
        "",
        "Stiff, but okay",
        "pelvic-tilt;walk",
    ]
    assert rows[2] == ["2026-03-02", "5", "7", "", "4", "6", "no", "", "desk-day", "", "wall-slide"]
    assert rows[3] == ["2026-03-04", "", "", "", "", "", "", "", "", "", "walk"]
    assert rows[4][6:10] == ["yes", "fever", "", 'Ünïcode ✓, "quotes"\nline two']


def test_csv_joins_lists_and_orders_ticks_like_a_routine():
    d = day(
        "2026-03-01",
        2,
        ("walk", "cool-down-breathing", "march-in-place", "chin-tuck"),
        areas=("neck", "lower-back"),
        tags=("a", "b"),
        red_flags=("fever", "trauma"),
    )
    library = {e.id: e for e in BUILTIN_EXERCISES}
    row = read_csv(export_csv({d.date: d}, library, None, None))[1]
    assert row[3] == "neck;lower-back" and row[8] == "a;b" and row[7] == "fever;trauma"
    assert row[10] == "march-in-place;chin-tuck;walk;cool-down-breathing"


def test_csv_range():
    days, meta = sample()
    rows = read_csv(export_csv(days, {}, D("2026-03-02"), D("2026-03-04")))
    assert [r[0] for r in rows[1:]] == ["2026-03-02", "2026-03-04"]
    assert read_csv(export_csv({}, {}, None, None)) == [list(CSV_COLUMNS)]


# --- Markdown ------------------------------------------------------------------------------

MOBILITY_IDS = DEFAULT_ROUTINES[0].exercises


def md_journal():
    """Four weeks from Monday 2026-03-02, an episode from 03-02 and a red flag on 03-10."""
    days = {}
    for n in range(28):
        d = D("2026-03-02") + timedelta(days=n)
        pain = 6 if n < 7 else 3 if n < 14 else 2
        extra = {"red_flags": ("fever", "night-pain")} if n == 8 else {}
        if n == 3:
            extra["notes"] = "Long drive, stiff afterwards.\nBetter by the evening."
        if n == 5:
            extra["notes"] = "   "
        ticks = MOBILITY_IDS if n % 2 == 0 else ()
        days[d] = day(d.isoformat(), pain, ticks, **extra)
    meta = JournalMeta(
        episodes=[Episode(D("2026-01-05"), D("2026-02-02")), Episode(D("2026-03-02"))],
        # Seen about the red flag the next day: it no longer holds the phase from 03-11.
        clearances=[Clearance(D("2026-03-11"), "GP said nothing serious")],
    )
    return build_journal(days, meta)


def test_markdown_summary():
    journal = md_journal()
    text = export_markdown(
        journal, D("2026-03-02"), D("2026-03-29"), AdvisorSettings(), D("2026-03-29")
    )
    assert "<" not in text  # plain Markdown, no HTML
    assert "2026-03-02 to 2026-03-29 (28 days)" in text
    assert "Nights logged: 28 of 28" in text
    # Weekly averages, one table row per ISO week.
    assert "| 2026-W10 | 2026-03-02 to 2026-03-08 | 7 of 7 | 6.0 (moderate) | 6 |" in text
    assert "| 2026-W11 | 2026-03-09 to 2026-03-15 | 7 of 7 | 3.0 (low) | 3 |" in text
    assert "| 2026-W12 |" in text and "| 2026-W13 |" in text and "2.0" in text
    # The open episode with its phases; the earlier one is outside the period.
    assert "Started 2026-03-02, still ongoing" in text
    assert "2026-01-05" not in text
    # Phases as the advisor walks them: settled pain from day 11, 10 days of stretching.
    assert "  - 2026-03-02: Gentle mobility (day 1" in text
    assert "  - 2026-03-12: Stretching (day 11" in text
    assert "  - 2026-03-22: Strengthening (day 21" in text
    # Red flags in plain words, and non-empty notes only.
    assert "2026-03-10: " + RED_FLAG_LABELS["fever"] in text
    assert RED_FLAG_LABELS["night-pain"] in text
    assert "- 2026-03-11: cleared by a doctor (GP said nothing serious)" in text
    assert "- 2026-03-05: Long drive, stiff afterwards.\n  Better by the evening." in text
    assert "2026-03-07:" not in text
    # Adherence: mobility done every other day; stretching and strengthening paused while too soon.
    assert "Gentle mobility (daily): done on 14 of 28 days (50%), 0 paused" in text
    assert "Stretching (daily): done on 0 of 28 days (0%), 10 paused" in text
    # Weeks 10 to 12 are paused; week 13 is still running on Sunday 03-29, so it does not count.
    assert "Strengthening (2 times a week): target reached in 0 of 3 weeks, 3 paused" in text


def test_markdown_names_pain_on_the_one_scale():
    """Issue 10, item 6: bands defined once in the domain; the export says them in words."""
    text = export_markdown(
        md_journal(), D("2026-03-02"), D("2026-03-29"), AdvisorSettings(), D("2026-03-29")
    )
    assert "bands: low 0-3, moderate 4-6, high 7-10." in text
    assert "| 6.0 (moderate) |" in text and "| 3.0 (low) |" in text


def test_markdown_partial_weeks_and_period_past_today():
    journal = md_journal()
    text = export_markdown(
        journal, D("2026-03-04"), D("2026-04-05"), AdvisorSettings(), D("2026-03-20")
    )
    assert "2026-03-04 to 2026-04-05" in text
    assert "| 2026-W10 | 2026-03-04 to 2026-03-08 | 5 of 5 | 6.0 (moderate) | 6 |" in text
    assert "| 2026-W12 | 2026-03-16 to 2026-03-20 | 5 of 5 | 2.0 (low) | 2 |" in text
    assert "2026-W13" not in text  # after today
    assert "Nights logged: 17 of 17" in text


def test_markdown_quiet_period():
    journal = md_journal()
    text = export_markdown(
        journal, D("2026-02-10"), D("2026-02-20"), AdvisorSettings(), D("2026-03-29")
    )
    # The journal began on 03-02: none of these days were missed.
    assert "Nights logged: 0 of 0" in text and "after this period: nothing to count" in text
    assert "No episode overlaps this period." in text
    assert "None reported in this period." in text
    assert "No notes in this period." in text
    assert "| - |" in text  # weeks without entries show a dash


def test_markdown_step_back_is_shown():
    journal = md_journal()
    d = D("2026-03-25")
    journal.days[d] = day(d.isoformat(), 8)
    text = export_markdown(
        journal, D("2026-03-02"), D("2026-03-29"), AdvisorSettings(), D("2026-03-29")
    )
    assert "  - 2026-03-25: back to Stretching (day 24" in text


def test_markdown_closed_episode_in_period():
    journal = md_journal()
    text = export_markdown(
        journal, D("2026-01-01"), D("2026-01-31"), AdvisorSettings(), D("2026-03-29")
    )
    assert "Started 2026-01-05, over by 2026-02-02 (28 days)" in text


def test_markdown_adherence_counts_from_the_first_entry_and_says_so():
    """Issue 10, item 7: "7 of 31 days" for a journal 13 days old understated adherence."""
    days = {}
    first = D("2026-03-19")  # a Thursday; the period starts on 03-01
    for n in range(13):
        d = first + timedelta(days=n)
        days[d] = day(d.isoformat(), 2, MOBILITY_IDS if n % 2 == 0 else ())
    journal = build_journal(days, JournalMeta())
    text = export_markdown(
        journal, D("2026-03-01"), D("2026-03-31"), AdvisorSettings(), D("2026-03-31")
    )
    assert "Counted from 2026-03-19, the journal's first entry" in text
    assert "Nights logged: 13 of 13" in text
    assert "Gentle mobility (daily): done on 7 of 13 days (54%)" in text
    # The week the journal began in (from Thursday) counts only if met; the later ones do.
    assert "Strengthening (2 times a week): target reached in 0 of 1 weeks" in text
    # A period that starts after the first entry counts from its own start, and says nothing.
    later = export_markdown(
        journal, D("2026-03-23"), D("2026-03-31"), AdvisorSettings(), D("2026-03-31")
    )
    assert "Counted from" not in later and "Nights logged: 9 of 9" in later
